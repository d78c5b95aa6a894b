//! Small form fields that edit the scenario through [`AppState::edit`]: a field keeps what
//! the person typed, shows the problem beside it when the value is not valid, and leaves the
//! scenario (and the results) as they were until the value is valid.
//!
//! Each field takes its getter and setter as closures, but the view is built by one
//! non-generic function per kind of field: generic view code would be compiled again for
//! every closure and make the download much larger.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{problem_text, use_app};
use crate::engine::Scenario;

type Getter<T> = Arc<dyn Fn(&Scenario) -> T + Send + Sync>;
type Setter<T> = Arc<dyn Fn(&mut Scenario, T) + Send + Sync>;

/// A whole-number field reading and writing one number of the scenario.
#[component]
pub fn NumberField<G, S>(
    /// The label people read.
    label: &'static str,
    /// Reads the current value from the scenario.
    get: G,
    /// Writes a new value into a copy of the scenario.
    set: S,
    /// Test id of the input.
    #[prop(optional)]
    testid: &'static str,
    /// A unit shown after the field, such as "days".
    #[prop(optional)]
    unit: &'static str,
) -> impl IntoView
where
    G: Fn(&Scenario) -> i64 + Send + Sync + 'static,
    S: Fn(&mut Scenario, i64) + Send + Sync + 'static,
{
    number_view(label, Arc::new(get), Arc::new(set), testid, unit)
}

fn number_view(label: &'static str, get: Getter<i64>, set: Setter<i64>, testid: &'static str, unit: &'static str) -> AnyView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let commit = move |text: String| {
        let result = match text.trim().parse::<i64>() {
            Ok(v) => app.edit(|s| set(s, v)).map_err(|p| problem_text(&p)),
            Err(_) => Err(format!("\u{201c}{}\u{201d} is not a whole number", text.trim())),
        };
        error.set(result.err());
    };
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}</span>
            <span class="field-input">
                <input
                    type="number"
                    inputmode="numeric"
                    data-testid=testid
                    prop:value=move || app.scenario.with(|s| get(s).to_string())
                    on:change=move |ev| commit(event_target_value(&ev))
                    aria-invalid=move || error.with(Option::is_some).to_string()
                />
                <span class="unit">{unit}</span>
            </span>
            <span class="field-error" role="alert">{move || error.get()}</span>
        </label>
    }
    .into_any()
}

/// A decimal field (chances, hours) reading and writing one number of the scenario.
#[component]
pub fn DecimalField<G, S>(
    /// The label people read.
    label: &'static str,
    /// Reads the current value from the scenario.
    get: G,
    /// Writes a new value into a copy of the scenario.
    set: S,
    /// A unit shown after the field.
    #[prop(optional)]
    unit: &'static str,
) -> impl IntoView
where
    G: Fn(&Scenario) -> f64 + Send + Sync + 'static,
    S: Fn(&mut Scenario, f64) + Send + Sync + 'static,
{
    decimal_view(label, Arc::new(get), Arc::new(set), unit)
}

fn decimal_view(label: &'static str, get: Getter<f64>, set: Setter<f64>, unit: &'static str) -> AnyView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let commit = move |text: String| {
        let result = match text.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() => app.edit(|s| set(s, v)).map_err(|p| problem_text(&p)),
            _ => Err(format!("\u{201c}{}\u{201d} is not a number", text.trim())),
        };
        error.set(result.err());
    };
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}</span>
            <span class="field-input">
                <input type="number" step="any" inputmode="decimal"
                    prop:value=move || app.scenario.with(|s| format!("{}", get(s)))
                    on:change=move |ev| commit(event_target_value(&ev))
                    aria-invalid=move || error.with(Option::is_some).to_string()/>
                <span class="unit">{unit}</span>
            </span>
            <span class="field-error" role="alert">{move || error.get()}</span>
        </label>
    }
    .into_any()
}

/// A text field reading and writing one text of the scenario.
#[component]
pub fn TextField<G, S>(
    /// The label people read.
    label: &'static str,
    /// Reads the current value from the scenario.
    get: G,
    /// Writes a new value into a copy of the scenario.
    set: S,
) -> impl IntoView
where
    G: Fn(&Scenario) -> String + Send + Sync + 'static,
    S: Fn(&mut Scenario, String) + Send + Sync + 'static,
{
    text_view(label, Arc::new(get), Arc::new(set))
}

fn text_view(label: &'static str, get: Getter<String>, set: Setter<String>) -> AnyView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}</span>
            <input type="text" prop:value=move || app.scenario.with(|s| get(s))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    error.set(app.edit(|s| set(s, v)).err().map(|p| problem_text(&p)));
                }/>
            <span class="field-error" role="alert">{move || error.get()}</span>
        </label>
    }
    .into_any()
}

/// A checkbox reading and writing one yes/no of the scenario.
#[component]
pub fn CheckField<G, S>(
    /// The label people read.
    label: &'static str,
    /// Reads the current value from the scenario.
    get: G,
    /// Writes a new value into a copy of the scenario.
    set: S,
) -> impl IntoView
where
    G: Fn(&Scenario) -> bool + Send + Sync + 'static,
    S: Fn(&mut Scenario, bool) + Send + Sync + 'static,
{
    check_view(label, Arc::new(get), Arc::new(set))
}

fn check_view(label: &'static str, get: Getter<bool>, set: Setter<bool>) -> AnyView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || app.scenario.with(|s| get(s))
                on:change=move |ev| {
                    let v = event_target_checked(&ev);
                    error.set(app.edit(|s| set(s, v)).err().map(|p| problem_text(&p)));
                }/>
            <span>{label}</span>
            <span class="field-error" role="alert">{move || error.get()}</span>
        </label>
    }
    .into_any()
}
