//! Small form fields that edit the scenario through [`AppState::edit`]: a field keeps what
//! the person typed, shows the problem beside it when the value is not valid, and leaves the
//! scenario (and the results) as they were until the value is valid. The value a field
//! shows is a memo of its part of the scenario, so an edit elsewhere (another field, the
//! chosen option) does not write to every field of the edit view again.
//!
//! Each field takes its getter and setter as closures, but the view is built by one
//! non-generic function per kind of field: generic view code would be compiled again for
//! every closure and make the download much larger.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::state::{problem_text, use_app, Watch};
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
                    prop:value=app.scenario.watch_memo(move |s| get(s).to_string())
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
                    prop:value=app.scenario.watch_memo(move |s| format!("{}", get(s)))
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
            <input type="text" prop:value=app.scenario.watch_memo(move |s| get(s))
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
            <input type="checkbox" prop:checked=app.scenario.watch_memo(move |s| get(s))
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

/// A drop-down reading and writing one choice of the scenario. `options` are (value, label)
/// pairs; the setter receives the chosen value.
#[component]
pub fn ChoiceField<G, S>(
    /// The label people read.
    label: &'static str,
    /// The choices: (value, label).
    options: Vec<(String, String)>,
    /// Reads the current value from the scenario.
    get: G,
    /// Writes a new value into a copy of the scenario.
    set: S,
    /// Test id of the drop-down.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView
where
    G: Fn(&Scenario) -> String + Send + Sync + 'static,
    S: Fn(&mut Scenario, String) + Send + Sync + 'static,
{
    choice_view(label, options, Arc::new(get), Arc::new(set), testid)
}

fn choice_view(label: &'static str, options: Vec<(String, String)>, get: Getter<String>, set: Setter<String>, testid: &'static str) -> AnyView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let get_selected = get.clone();
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}</span>
            <select data-testid=testid
                prop:value=app.scenario.watch_memo(move |s| get(s))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    error.set(app.edit(|s| set(s, v)).err().map(|p| problem_text(&p)));
                }>
                {options.into_iter().map(|(value, text)| {
                    let get = get_selected.clone();
                    let mine = value.clone();
                    view! { <option value=value selected=move || app.scenario.with_untracked(|s| get(s)) == mine>{text}</option> }
                }).collect_view()}
            </select>
            <span class="field-error" role="alert">{move || error.get()}</span>
        </label>
    }
    .into_any()
}

/// A text field whose text must first be understood (a time, a time zone, a list): `set`
/// returns the words to show when it is not.
#[component]
pub fn ParsedField<G, S>(
    /// The label people read.
    label: &'static str,
    /// Reads the current value from the scenario, as text.
    get: G,
    /// Understands the text and writes it into a copy of the scenario, or says what is wrong.
    set: S,
    /// A hint shown inside the empty field.
    #[prop(optional)]
    placeholder: &'static str,
    /// Test id of the input.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView
where
    G: Fn(&Scenario) -> String + Send + Sync + 'static,
    S: Fn(&mut Scenario, &str) -> Result<(), String> + Send + Sync + 'static,
{
    parsed_view(label, Arc::new(get), Arc::new(set), placeholder, testid)
}

type Parser = Arc<dyn Fn(&mut Scenario, &str) -> Result<(), String> + Send + Sync>;

fn parsed_view(label: &'static str, get: Getter<String>, set: Parser, placeholder: &'static str, testid: &'static str) -> AnyView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let commit = move |text: String| {
        let mut wrong = None;
        let result = app.edit(|s| {
            if let Err(e) = set(s, text.trim()) {
                wrong = Some(e);
            }
        });
        error.set(match (wrong, result) {
            (Some(e), _) => Some(e),
            (None, Err(p)) => Some(problem_text(&p)),
            (None, Ok(())) => None,
        });
    };
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span class="field-label">{label}</span>
            <input type="text" placeholder=placeholder data-testid=testid
                prop:value=app.scenario.watch_memo(move |s| get(s))
                on:change=move |ev| commit(event_target_value(&ev))
                aria-invalid=move || error.with(Option::is_some).to_string()/>
            <span class="field-error" role="alert">{move || error.get()}</span>
        </label>
    }
    .into_any()
}
