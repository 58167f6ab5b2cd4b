//! The browser page (wasm only): a Yew app over [`crate::check`]. Everything runs here, in the
//! page; nothing is sent anywhere.
//!
//! The state and its only mutations live in [`state`] (a reducer that re-evaluates the report
//! when an input or an override changes); every other module is one small view component.

mod acl_explorer;
mod app;
mod category_table;
mod clipboard;
mod copy_button;
mod diagnostics;
mod empty_state;
mod examples_menu;
mod excess_list;
mod export;
mod files;
mod granted_list;
mod input_panel;
mod missing_list;
mod page;
mod results;
mod share;
mod share_link;
mod state;
mod subject_card;
mod subject_ref;
mod theme_toggle;
mod verdict;
mod warning_list;
mod what_if;
mod worker;

pub use app::App;

/// Mount the page on `<body>`, set as the address says (see [`page`]).
pub fn start() {
    let page = page::Page::read();
    page::report_height(&page);
    yew::Renderer::<App>::with_props(page).render();
}
