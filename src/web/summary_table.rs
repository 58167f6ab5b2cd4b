//! Several subjects (tokens, identities, accounts): a table first, one row each (name ·
//! backup · restore · expires · what decides), failing rows first or sorted by expiry, each row
//! opening into its card. Rows are shown a page at a time and a card's subject is asked of the
//! engine when it is opened, so a list of 3,000 tokens answers as fast as a list of three.

use super::acl_explorer::AclExplorer;
use super::engine::Engine;
use super::rich_text::inline;
use super::state::Shown;
use super::subject_card::{capitalise, expiry, SubjectCard};
use super::verdict::VerdictBadge;
use crate::model::Verdict;
use crate::report::summary::{rank, SubjectRow};
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Rows shown at first, and added by each "Show more".
const PAGE_ROWS: usize = 50;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Known failures first, then partial, unknown, working; in input order within each.
    Failing,
    /// The soonest expiry first (expired ones first of all); no expiry last.
    Expiry,
}

fn worst(row: &SubjectRow) -> Verdict {
    if rank(row.restore) < rank(row.backup) {
        row.restore
    } else {
        row.backup
    }
}

fn sorted(rows: &[SubjectRow], order: Order) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..rows.len()).collect();
    match order {
        Order::Failing => indices.sort_by_key(|&i| (rank(worst(&rows[i])), i)),
        Order::Expiry => indices.sort_by(|&a, &b| {
            let key = |i: usize| {
                let row = &rows[i];
                (
                    row.expires.is_none(),
                    row.expires.as_ref().map(|e| e.date.clone()),
                    rank(worst(row)),
                    i,
                )
            };
            key(a).cmp(&key(b))
        }),
    }
    indices
}

/// "3 credentials: 1 will fail · 2 will work".
fn counts(rows: &[SubjectRow]) -> String {
    let identities = rows
        .iter()
        .filter(|r| r.credential == crate::model::Credential::Account)
        .count();
    let what = match identities {
        0 => "credentials",
        n if n == rows.len() => "identities and accounts",
        _ => "credentials and accounts",
    };
    let count = |v: Verdict| rows.iter().filter(|r| worst(r) == v).count();
    // (one, several): "1 works only in part", "3 work only in part".
    let parts: Vec<String> = [
        (Verdict::Impossible, ("will fail", "will fail")),
        (
            Verdict::Partial,
            ("works only in part", "work only in part"),
        ),
        (Verdict::Unknown, ("cannot be judged", "cannot be judged")),
        (Verdict::Possible, ("will work", "will work")),
    ]
    .into_iter()
    .filter_map(|(v, (one, several))| {
        let n = count(v);
        let words = if n == 1 { one } else { several };
        (n > 0).then(|| format!("{} {words}", thousands(n)))
    })
    .collect();
    format!("{} {what}: {}", thousands(rows.len()), parts.join(" · "))
}

/// 3000 → "3,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct SummaryTableProps {
    pub shown: Rc<Shown>,
}

#[component]
pub fn SummaryTable(props: &SummaryTableProps) -> Html {
    let engine = use_context::<Engine>();
    let order = use_state(|| Order::Failing);
    let limit = use_state(|| PAGE_ROWS);
    let open = use_state(BTreeSet::<usize>::new);
    let job = props.shown.job;
    let rows = &props.shown.summary.subjects;
    // A new evaluation: its rows are other subjects (the same index may name another token).
    {
        let open = open.clone();
        let limit = limit.clone();
        use_effect_with(job, move |_| {
            open.set(BTreeSet::new());
            limit.set(PAGE_ROWS);
        });
    }
    let order_now = *order;
    let indices = {
        let shown = props.shown.clone();
        use_memo((job, order_now), move |(_, order)| {
            sorted(&shown.summary.subjects, *order)
        })
    };
    let toggle = {
        let open = open.clone();
        let shown = props.shown.clone();
        Callback::from(move |index: usize| {
            let mut next = (*open).clone();
            if !next.remove(&index) {
                next.insert(index);
                if !shown.details.contains_key(&index) {
                    if let Some(engine) = &engine {
                        engine.subjects(shown.job, vec![index]);
                    }
                }
            }
            open.set(next);
        })
    };
    let set_order = |to: Order| {
        let order = order.clone();
        Callback::from(move |_: MouseEvent| order.set(to))
    };
    // "Show more" goes away under the keyboard once the last rows are shown, and the new rows
    // are what was asked for: focus moves to the first of them.
    let section = use_node_ref();
    let focus_row = use_mut_ref(|| None::<usize>);
    {
        let section = section.clone();
        let focus_row = focus_row.clone();
        use_effect_with(*limit, move |_| {
            let Some(index) = focus_row.borrow_mut().take() else {
                return;
            };
            let toggle = section.cast::<web_sys::Element>().and_then(|s| {
                s.query_selector(&format!(
                    r#"tr[data-index="{index}"] [data-testid="row-toggle"]"#
                ))
                .ok()
                .flatten()
            });
            if let Some(toggle) = toggle.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = toggle.focus();
            }
        });
    }
    let more = {
        let limit = limit.clone();
        let indices = indices.clone();
        let focus_row = focus_row.clone();
        Callback::from(move |_: MouseEvent| {
            *focus_row.borrow_mut() = indices.get(*limit).copied();
            limit.set(*limit + PAGE_ROWS * 2)
        })
    };
    let left = rows.len().saturating_sub(*limit);
    html! {
        <section class="card summary" data-testid="summary" aria-labelledby="summary-title" ref={section}>
            <div class="summary-head">
                <h3 id="summary-title" data-testid="summary-counts">{ counts(rows) }</h3>
                <div class="sort" role="group" aria-label="Order of the rows">
                    <span class="muted">{ "Order:" }</span>
                    <button type="button" class="chip" data-testid="sort-failing" aria-pressed={(order_now == Order::Failing).to_string()}
                        onclick={set_order(Order::Failing)}>{ "Failing first" }</button>
                    <button type="button" class="chip" data-testid="sort-expiry" aria-pressed={(order_now == Order::Expiry).to_string()}
                        onclick={set_order(Order::Expiry)}>{ "Expires soonest" }</button>
                </div>
            </div>
            <table class="summary-table">
                <thead>
                    <tr>
                        <th scope="col">{ "Name" }</th>
                        <th scope="col">{ "Backup" }</th>
                        <th scope="col">{ "Restore" }</th>
                        <th scope="col" aria-sort={if order_now == Order::Expiry { "ascending" } else { "none" }}>{ "Expires" }</th>
                        <th scope="col">{ "What decides" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for indices.iter().take(*limit).map(|&index| {
                        let row = &rows[index];
                        let is_open = open.contains(&index);
                        let detail_id = format!("row-detail-{index}");
                        let onclick = {
                            let toggle = toggle.clone();
                            Callback::from(move |_: MouseEvent| toggle.emit(index))
                        };
                        let meta = format!(
                            "{} · {}",
                            row.platform.map(|p| p.name()).unwrap_or("platform not recognised"),
                            capitalise(row.credential.name())
                        );
                        html! {
                            <>
                                <tr class={classes!("row", worst(row).id(), is_open.then_some("open"))}
                                    data-testid="subject-row" data-index={index.to_string()}>
                                    <th scope="row">
                                        <button type="button" class="row-toggle" data-testid="row-toggle" {onclick}
                                            aria-expanded={is_open.to_string()} aria-controls={detail_id.clone()}>
                                            <span class="chevron" aria-hidden="true">{ if is_open { "▾" } else { "▸" } }</span>
                                            <span class="row-label">{ &row.label }</span>
                                        </button>
                                        <span class="row-meta">{ meta }</span>
                                    </th>
                                    <td data-label="Backup" data-testid="row-backup" data-verdict={row.backup.id()}><VerdictBadge verdict={row.backup} /></td>
                                    <td data-label="Restore" data-testid="row-restore" data-verdict={row.restore.id()}><VerdictBadge verdict={row.restore} /></td>
                                    <td data-label="Expires" class="row-expires">
                                        { row.expires.as_ref().map(expiry).unwrap_or_else(|| html! { <span class="muted">{ "not shown" }</span> }) }
                                    </td>
                                    <td data-label="What decides" class="decides" title={row.decides.clone()}><span class="clamp">{ inline(&row.decides) }</span></td>
                                </tr>
                                if is_open {
                                    <tr class="row-detail" id={detail_id}>
                                        <td colspan="5">{ detail(&props.shown, index) }</td>
                                    </tr>
                                }
                            </>
                        }
                    }) }
                </tbody>
            </table>
            if left > 0 {
                <button type="button" class="button secondary more" data-testid="show-more" onclick={more}>
                    { format!("Show {} more ({} not shown yet)", thousands(left.min(PAGE_ROWS * 2)), thousands(left)) }
                </button>
            }
        </section>
    }
}

/// An opened row: its card, or where its subject is.
fn detail(shown: &Shown, index: usize) -> Html {
    match shown.details.get(&index) {
        Some(subject) => html! {
            <div class="subject-block">
                <SubjectCard subject={subject.clone()} {index} />
                if let Some(identity) = subject.identity.clone() {
                    <AclExplorer {identity} label={subject.label.clone()} />
                }
            </div>
        },
        None => match &shown.details_failed {
            Some(why) => {
                html! { <p class="notice" role="alert">{ format!("This subject could not be shown: {why}.") }</p> }
            }
            None => html! { <p class="muted" role="status">{ "Loading its detail…" }</p> },
        },
    }
}
