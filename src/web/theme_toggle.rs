//! The theme button: System → Light → Dark, as `data-theme` on `<html>` (System removes it and
//! the page follows `prefers-color-scheme`). Nothing is stored: a new visit starts at System.

use yew::prelude::*;

const THEMES: [&str; 3] = ["System", "Light", "Dark"];

/// The button; `theme` (an index into System, Light, Dark) is the app's state.
pub fn theme_toggle(theme: &UseStateHandle<usize>) -> Html {
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| {
            let next = (*theme + 1) % THEMES.len();
            let root = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element());
            if let Some(root) = root {
                let _ = match next {
                    0 => root.remove_attribute("data-theme"),
                    1 => root.set_attribute("data-theme", "light"),
                    _ => root.set_attribute("data-theme", "dark"),
                };
            }
            theme.set(next);
        })
    };
    let name = THEMES.get(**theme).copied().unwrap_or_default();
    html! {
        <button type="button" class="button secondary theme" data-testid="theme-toggle"
            title="Switch between the system, light and dark themes" {onclick}>
            { format!("Theme: {name}") }
        </button>
    }
}
