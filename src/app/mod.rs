//! The Leptos shell: state, components and browser glue, in three rooms by what a person
//! sees: [`results`] (the comparison, calendars, notices, what-if, the agreement),
//! [`editors`] (every part of the scenario a person changes) and [`workspace`] (the
//! scenarios kept in this browser, files, share links and storage). Logic lives in the
//! engine and on plain types (`state.rs`, [`workspace`]); components only wire signals to
//! views. Only the plain parts compile natively; everything that touches the browser is
//! `wasm32` only.

pub mod history;
pub mod workspace;
pub use workspace::share;

#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
mod editors;
#[cfg(target_arch = "wasm32")]
mod results;
#[cfg(target_arch = "wasm32")]
mod shell;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod workers;

#[cfg(target_arch = "wasm32")]
pub use shell::start;

/// Puts the keyboard focus on what `css` finds (an HTML control or an SVG mark) once the
/// current event is handled and anything it redraws is drawn, so the keyboard stays where
/// the person was.
#[cfg(target_arch = "wasm32")]
pub fn focus_later(css: String) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&css).ok().flatten()) else { return };
        match el.dyn_into::<web_sys::HtmlElement>() {
            Ok(html) => {
                let _ = html.focus();
            }
            Err(el) => {
                if let Ok(svg) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = svg.focus();
                }
            }
        }
    });
    let _ = window.set_timeout_with_callback(callback.unchecked_ref());
}
