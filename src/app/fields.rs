//! Small form fields that edit the scenario through [`AppState::edit`]: a field keeps what
//! the person typed, shows the problem beside it when the value is not valid, and leaves the
//! scenario (and the results) as they were until the value is valid.

use leptos::prelude::*;

use super::state::{problem_text, use_app};
use crate::engine::Scenario;

/// A whole-number field.
#[component]
pub fn NumberField(
    /// The label people read.
    label: &'static str,
    /// Reads the current value from the scenario.
    get: fn(&Scenario) -> i64,
    /// Writes a new value into a copy of the scenario.
    set: fn(&mut Scenario, i64),
    /// Test id of the input.
    #[prop(optional)]
    testid: &'static str,
    /// A unit shown after the field, such as "days".
    #[prop(optional)]
    unit: &'static str,
) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let commit = move |text: String| {
        let result = match text.trim().parse::<i64>() {
            Ok(v) => app.edit(|s| set(s, v)).map_err(|p| problem_text(&p)),
            Err(_) => Err(format!("\"{}\" is not a whole number", text.trim())),
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
}
