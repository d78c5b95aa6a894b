//! The Leptos shell: state, components and browser glue. Logic lives in the engine and on
//! plain types in [`state`]; components only wire signals to views.

mod agreement;
mod calendar;
mod comparison;
mod contacts;
mod fields;
mod notice;
mod option_picker;
mod settings;
pub mod state;
mod workflows;

use leptos::prelude::*;

use crate::samples;
use agreement::Agreement;
use calendar::ContactCalendar;
use notice::MassSendNotices;
use settings::Settings;
use workflows::WorkflowEditor;
use comparison::Comparison;
use contacts::ContactList;
use option_picker::OptionPicker;
use state::{use_app, AppState};

/// Installs the panic hook and mounts the app on the page body.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash(&info.to_string());
    }));
    leptos::mount::mount_to_body(App);
}

/// Shows a plain message when something went wrong inside the app.
fn show_crash(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    if let Ok(div) = doc.create_element("div") {
        div.set_class_name("crash");
        div.set_attribute("role", "alert").ok();
        div.set_text_content(Some(&format!(
            "Baton hit an internal error and stopped. Your scenario is still in this browser's storage; reload the page to continue. Details for the developers: {detail}"
        )));
        body.prepend_with_node_1(&div).ok();
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (scenario, load_error) = match samples::ebook_playbook() {
        Ok(s) => (s, None),
        Err(e) => (minimal_fallback(), Some(e.to_string())),
    };
    let app = AppState::provide(scenario);
    let tab = RwSignal::new(Tab::Results);
    // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo scenario edits, except while typing
    // in a field, where the browser's own undo applies.
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing {
            return;
        }
        match ev.key().as_str() {
            "z" if !ev.shift_key() => {
                ev.prevent_default();
                app.undo();
            }
            "Z" | "y" | "z" => {
                ev.prevent_default();
                app.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <div class="app">
            <Header/>
            {load_error.map(|e| view! { <p class="banner error" role="alert">{format!("The built-in sample did not load: {e}")}</p> })}
            <main class="main">
                <ScenarioSummary/>
                <OptionPicker/>
                <Tabs tab/>
                <section
                    class="results"
                    data-testid="results"
                    aria-label="Results"
                    hidden=move || tab.get() != Tab::Results
                    data-digest=move || use_app().run.with(|r| r.0.outcome.digest())
                >
                    <Comparison/>
                    <section class="contact-view" aria-label="Contact calendar">
                        <ContactList/>
                        <ContactCalendar/>
                    </section>
                </section>
                <div class="edit-view" hidden=move || tab.get() != Tab::Edit>
                    <Settings/>
                    <WorkflowEditor/>
                </div>
                <div class="notices-view no-print" hidden=move || tab.get() != Tab::Notices><MassSendNotices/></div>
                <div class="agreement-view" hidden=move || tab.get() != Tab::Agreement><Agreement/></div>
            </main>
            <footer class="footer no-print">
                "Baton runs entirely in your browser. Nothing is sent anywhere."
            </footer>
        </div>
    }
}

/// The views under the option picker.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Results,
    Edit,
    Notices,
    Agreement,
}

/// Tab buttons, with undo and redo beside them.
#[component]
fn Tabs(
    /// The open view.
    tab: RwSignal<Tab>,
) -> impl IntoView {
    let app = use_app();
    let tabs = [
        (Tab::Results, "Results", "tab-results"),
        (Tab::Edit, "Edit scenario", "tab-edit"),
        (Tab::Notices, "Mass-send notices", "tab-notices"),
        (Tab::Agreement, "Agreement", "tab-agreement"),
    ];
    view! {
        <nav class="tabs no-print" aria-label="Views">
            <div role="tablist">
                {tabs.into_iter().map(|(t, label, id)| view! {
                    <button type="button" role="tab" data-testid=id
                        aria-selected=move || (tab.get() == t).to_string()
                        class:active=move || tab.get() == t
                        on:click=move |_| tab.set(t)>{label}</button>
                }).collect_view()}
            </div>
            <div class="undo-redo">
                <button type="button" data-testid="undo" title="Undo (Ctrl+Z)"
                    disabled=move || !app.history.with(|h| h.can_undo())
                    on:click=move |_| app.undo()>"↶ Undo"</button>
                <button type="button" data-testid="redo" title="Redo (Ctrl+Shift+Z)"
                    disabled=move || !app.history.with(|h| h.can_redo())
                    on:click=move |_| app.redo()>"↷ Redo"</button>
            </div>
        </nav>
    }
}

/// The title bar: name, what Baton does, and the built-in scenarios.
#[component]
fn Header() -> impl IntoView {
    let app = use_app();
    let pick = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(s) = samples::by_id(&id).and_then(|s| s.scenario().ok()) {
            app.open(s);
        }
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <h1 class="logo">"Baton"</h1>
                <p class="tagline">
                    "Plan how leads pass from marketing to sales: see every email each lead would get, what your agreement holds back, and why."
                </p>
            </div>
            <label class="sample-picker">
                <span>"Open a sample"</span>
                <select data-testid="sample-picker" on:change=pick>
                    {samples::ALL
                        .iter()
                        .map(|s| view! { <option value=s.id>{s.title}</option> })
                        .collect_view()}
                </select>
            </label>
        </header>
    }
}

/// The open scenario's name, description and size.
#[component]
fn ScenarioSummary() -> impl IntoView {
    let app = use_app();
    let facts = move || {
        app.scenario.with(|s| {
            let contacts = s.contacts.len() + s.generate.iter().map(|g| g.count as usize).sum::<usize>();
            format!(
                "{contacts} contacts · {} workflows · {} mass sends · {} reps · {} days from {}",
                s.workflows.len(),
                s.mass_sends.len(),
                s.reps.len(),
                s.calendar.horizon_days,
                s.calendar.start.format("%-d %B %Y")
            )
        })
    };
    view! {
        <section class="summary" aria-label="Scenario">
            <h2 data-testid="scenario-name">{move || app.scenario.with(|s| s.name.clone())}</h2>
            <p class="description">{move || app.scenario.with(|s| s.description.clone())}</p>
            <p class="facts" data-testid="scenario-facts">{facts}</p>
        </section>
    }
}

/// A tiny valid scenario, used only if a built-in sample ever fails to load.
fn minimal_fallback() -> crate::engine::Scenario {
    use crate::engine::scenario::*;
    Scenario {
        format_version: FORMAT_VERSION,
        name: "Empty scenario".into(),
        description: String::new(),
        calendar: CalendarSettings {
            start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
            horizon_days: 30,
            utc_offset: Default::default(),
            business_hours: BusinessHours::default(),
            pause_dates: vec![],
        },
        personas: vec![],
        contacts: vec![],
        generate: vec![],
        scoring: Scoring::default(),
        lifecycle: Lifecycle { mql_score: 40, handoff_score: 80, handoff_at: HandoffPoint::Sql, use_sal: false, direct_handoff_forms: vec![] },
        reps: vec![],
        routing: Routing::RoundRobin,
        workflows: vec![],
        mass_sends: vec![],
        sales_cadence: SalesCadence { touches: vec![], dark_after_days: 7, when_dark: DarkAction::Recover, deal_days: 30, bad_timing_return_days: 14 },
        handoff_option: HandoffOption::CeaseAll,
        custom_policy: CustomPolicy::default(),
        exclusions: vec![],
        frequency_cap: None,
        sla: Sla::default(),
        unsubscribe_stops_sales: true,
    }
}
