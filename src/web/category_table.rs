//! Per category: can it be backed up, can it be restored, and why.

use super::subject_ref::SubjectProps;
use super::verdict::VerdictBadge;
use yew::prelude::*;

#[component]
pub fn CategoryTable(props: &SubjectProps) -> Html {
    let subject = &props.subject;
    if subject.categories.is_empty() {
        return html! {};
    }
    html! {
        <section class="block">
            <h4>{ "By category" }</h4>
            <table class="categories" data-testid="categories">
                <thead>
                    <tr>
                        <th scope="col">{ "Category" }</th>
                        <th scope="col">{ "Backup" }</th>
                        <th scope="col">{ "Restore" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for subject.categories.iter().map(|c| html! {
                        <tr key={c.id.clone()}>
                            <th scope="row">{ &c.label }</th>
                            <td data-label="Backup">
                                <VerdictBadge verdict={c.backup} />
                                <span class="reason">{ &c.backup_reason }</span>
                            </td>
                            <td data-label="Restore">
                                <VerdictBadge verdict={c.restore} />
                                <span class="reason">{ &c.restore_reason }</span>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
