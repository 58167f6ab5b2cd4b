//! The browser page (wasm only): a Yew app, the interface of permcheck. It judges nothing
//! itself: every report comes from the engine (the JS API module of the same build, with the
//! whole core) in a worker, see [`engine`]. Everything runs in the browser; nothing is sent
//! anywhere.
//!
//! The state and its only mutations live in [`state`] (a reducer that asks the engine for a new
//! report when an input or an override changes); every other module is one small view component.

mod acl_explorer;
mod app;
mod banner;
mod category_table;
mod clipboard;
mod copy_button;
mod diagnostics;
mod empty_state;
mod engine;
mod examples_menu;
mod excess_list;
mod export;
mod files;
mod granted_list;
mod input_panel;
mod missing_list;
mod page;
mod page_data;
mod results;
mod rich_text;
mod share;
mod share_link;
mod state;
mod subject_card;
mod subject_ref;
mod summary_table;
mod theme_toggle;
mod verdict;
mod warning_list;
mod what_if;

pub use app::App;

/// Mount the page on `<body>`, set as the address says (see [`page`]).
pub fn start() {
    let page = page::Page::read();
    page::report_height(&page);
    yew::Renderer::<App>::with_props(page).render();
}
