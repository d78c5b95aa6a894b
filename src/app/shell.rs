//! The browser shell: the Leptos components and the glue to the browser.

use leptos::prelude::*;

use crate::app::editors::calendar_editor::CalendarEditor;
use crate::app::editors::contacts_editor::ContactsEditor;
use crate::app::editors::mass_editor::MassEditor;
use crate::app::editors::option_picker::OptionPicker;
use crate::app::editors::persona_editor::PersonaEditor;
use crate::app::editors::policy_editor::PolicyEditor;
use crate::app::editors::sales_editor::SalesEditor;
use crate::app::editors::scoring_editor::ScoringEditor;
use crate::app::editors::settings::Settings;
use crate::app::editors::workflows::WorkflowEditor;
use crate::app::results::agreement::Agreement;
use crate::app::results::calendar::ContactCalendar;
use crate::app::results::comparison::Comparison;
use crate::app::results::contacts::ContactList;
use crate::app::results::insights::Insights;
use crate::app::results::notice::MassSendNotices;
use crate::app::state::{use_app, AppState, Damaged, Tab};
use crate::app::workspace::bar::{import_file, WorkspaceBar};
use crate::app::workspace::storage;
use crate::app::workspace::{Workspace, STORAGE_KEY};
use crate::samples;

/// Installs the panic hook and mounts the app on the page body. In a Web Worker (the same
/// module, started by [`crate::app::workers`]) there is no page: nothing is mounted.
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash(&info.to_string());
    }));
    leptos::mount::mount_to_body(App);
}

thread_local! {
    /// The open scenario as JSON, kept current so that a crash can still offer it.
    static LAST_SCENARIO: std::cell::RefCell<Option<crate::engine::Scenario>> = const { std::cell::RefCell::new(None) };
}

/// Remembers the open scenario for the crash message. A copy, written out only if the app
/// crashes: writing 20 MB of JSON on every edit would cost a long step each time.
fn remember_for_crash(s: &crate::engine::Scenario) {
    LAST_SCENARIO.with(|l| *l.borrow_mut() = Some(s.clone()));
}

/// Shows a plain message when something went wrong inside the app, with a link that
/// downloads the open scenario. The link is plain HTML (a data: address), so it works even
/// though the app itself has stopped.
fn show_crash(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    let Ok(div) = doc.create_element("div") else { return };
    div.set_class_name("crash");
    div.set_attribute("role", "alert").ok();
    div.set_attribute("data-testid", "crash").ok();
    if let Ok(p) = doc.create_element("p") {
        p.set_text_content(Some(
            "Baton hit an internal error and stopped. Your scenarios are still saved in this browser: reload the page to continue. To be safe, download the open scenario first.",
        ));
        div.append_child(&p).ok();
    }
    let (file, json) = LAST_SCENARIO
        .with(|l| l.try_borrow().ok().and_then(|s| s.as_ref().map(|s| (crate::app::workspace::export_file_name(&s.name), crate::engine::load::to_json(s)))))
        .unwrap_or_default();
    if !json.is_empty() {
        if let Ok(a) = doc.create_element("a") {
            let href = format!("data:application/json;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&json)));
            a.set_attribute("href", &href).ok();
            a.set_attribute("download", &file).ok();
            a.set_text_content(Some("Download the open scenario"));
            div.append_child(&a).ok();
        }
    }
    if let Ok(p) = doc.create_element("p") {
        p.set_class_name("detail");
        p.set_text_content(Some(&format!("Details for the developers: {detail}")));
        div.append_child(&p).ok();
    }
    body.prepend_with_node_1(&div).ok();
}

/// Opens a scenario carried in the address (a share link) as a new scenario, then removes
/// it from the address so a reload does not import it twice.
fn open_shared_link(app: &'static AppState) {
    let Some(window) = web_sys::window() else { return };
    let hash = window.location().hash().unwrap_or_default();
    if !hash.starts_with(crate::app::workspace::share::PREFIX) {
        return;
    }
    match crate::app::workspace::share::read(&hash) {
        Ok(s) => app.add_scenario(s),
        Err(e) => app.import_problems.set(Some(crate::app::state::ImportProblems { file: "the shared link".into(), lines: e.lines() })),
    }
    let location = window.location();
    let clean = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    // The built-in sample is compiled in and tested; should it ever fail to load, say so
    // instead of opening a broken app.
    let sample = match samples::ebook_playbook() {
        Ok(s) => s,
        Err(e) => {
            return view! { <p class="banner error" role="alert">{format!("Baton could not open its built-in sample: {e}")}</p> }.into_any();
        }
    };
    // The stored workspace, or the sample on a first visit. Stored data that cannot be
    // read is kept untouched: saving pauses until the person has downloaded it.
    let (mut workspace, damaged, unavailable) = match storage::read() {
        Ok(None) => (Workspace::with(sample.clone()), None, None),
        Ok(Some(text)) => match Workspace::from_storage(&text) {
            Ok(ws) => (ws, None, None),
            Err(e) => (Workspace::with(sample.clone()), Some(Damaged { text, message: e.message(), downloaded: false }), None),
        },
        Err(e) => (Workspace::with(sample.clone()), None, Some(e)),
    };
    // Never locked out: if the open scenario's simulation did not finish last time, the
    // sample opens instead and the scenario is kept for the person to export, fix or delete.
    let stuck = storage::unfinished_simulation().filter(|name| *name == workspace.current().name);
    if stuck.is_some() {
        workspace.open_instead(sample);
    }
    storage::clear_simulating();
    let app = AppState::provide(workspace);
    app.stuck.set(stuck);
    if damaged.is_some() {
        app.autosave.set(false);
        app.damaged.set(damaged);
    }
    if let Some(e) = unavailable {
        app.save_error.set(Some(e));
    }
    open_shared_link(app);
    Effect::new(move |_| app.scenario.with(remember_for_crash));
    // Developers and the browser tests can check the crash message with #crash-test.
    Effect::new(move |_| {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        if hash == "#crash-test" {
            panic!("crash test requested with #crash-test");
        }
    });
    // Every edit, selection and workspace change is saved, without a save button, in a
    // step after the change is drawn.
    Effect::new(move |_| {
        app.scenario.track();
        app.selected.track();
        app.workspace.track();
        app.autosave.track();
        app.save_soon();
    });
    // A save waiting for its step is made now when the page goes away (closed, reloaded,
    // another address), so that nothing made just before is lost.
    let leaving = leptos::leptos_dom::helpers::window_event_listener_untyped("pagehide", move |_| app.save_queued_now());
    on_cleanup(move || leaving.remove());
    // Another tab saved: ask which copy to keep, and stop saving until then.
    let storage_listener = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(STORAGE_KEY) {
            return;
        }
        let Some(theirs) = ev.new_value() else { return };
        if app.last_written.get_value().as_deref() == Some(theirs.as_str()) {
            return;
        }
        app.autosave.set(false);
        app.conflict.set(Some(theirs));
    });
    on_cleanup(move || storage_listener.remove());
    // A scenario file dropped anywhere on the page is imported.
    let dragover = window_event_listener(leptos::ev::dragover, move |ev| ev.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            import_file(app, file);
        }
    });
    on_cleanup(move || {
        dragover.remove();
        drop.remove();
    });
    let tab = app.tab;
    // The contact import asks for the edit view when a CRM export arrives from elsewhere.
    Effect::new(move |previous: Option<()>| {
        app.show_edit.track();
        if previous.is_some() {
            tab.set(Tab::Edit);
        }
    });
    // A CRM export given to the top import, a drop or the new-scenario menu is taken up by
    // the contact import, which lives in the edit view: open it, and draw the import at
    // once, ahead of the editors above it, so that it starts reading the file while they come.
    let contacts_first = RwSignal::new(false);
    Effect::new(move |_| {
        if app.crm_file.with(Option::is_some) {
            contacts_first.set(true);
            tab.set(Tab::Edit);
        }
    });
    // Each view is drawn the first time it is opened, then kept (hidden when another is
    // open): start-up draws only the results.
    let seen = Seen::new(tab);
    // The edit view's editors, drawn in stages once the view is first opened.
    let edit_stage = RwSignal::new(0u8);
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !seen.has(Tab::Edit) {
            return started.unwrap_or(false);
        }
        leptos::task::spawn_local(async move {
            for stage in 1..=6 {
                crate::app::state::after_paint().await;
                // The editors below the contact import wait while it reads a CRM export
                // (at most a few seconds): drawn meanwhile, they held up the workers'
                // answers by 85–170 ms at a time.
                let since = js_sys::Date::now();
                while stage >= 3 && app.crm_busy.get_untracked() && js_sys::Date::now() - since < 3000.0 {
                    crate::app::state::after_paint().await;
                }
                edit_stage.set(stage);
            }
        });
        true
    });
    // The results, a part a frame: the key figures and comparison once the page's top (the
    // option cards, the tabs) is painted, the contacts' list and calendar once the figures
    // are, the insights a frame after them. Start-up's longest task, in 11 fresh browsers
    // alternated with the figures drawn in it: 72–155 ms, median 93, against 82–150 ms,
    // median 128 (`scripts/browser_bench.py`'s start-up tasks).
    let results_part = crate::app::state::part_by_part(3);
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
            <WorkspaceBar/>
            <main class="main">
                <ScenarioSummary/>
                <OptionPicker/>
                <Tabs tab/>
                <section
                    class="results"
                    data-testid="results"
                    aria-label="Results"
                    hidden=move || tab.get() != Tab::Results
                    data-digest=move || use_app().below.with(|r| r.0.outcome.digest())
                    data-sim-ms=move || use_app().run.with(|r| format!("{:.1}", r.0.millis))
                    data-comparison=move || use_app().run.with(|r| crate::engine::figures::comparison_digest(&r.0.comparison))
                    data-helpers=move || use_app().run.with(|r| r.0.helpers.to_string())
                    data-simulations=move || use_app().run.with(|r| r.0.simulations.to_string())
                    data-busy=move || use_app().busy.get().is_some().to_string()
                >
                    <Busy/>
                    <Show when=move || { results_part.get() >= 1 }>
                        <crate::app::results::key_figures::KeyFigures/>
                        <Comparison/>
                    </Show>
                    <Show when=move || { results_part.get() >= 2 }>
                        <section class="contact-view" aria-label="Contact calendar">
                            <ContactList/>
                            <ContactCalendar/>
                        </section>
                    </Show>
                    <Show when=move || { results_part.get() >= 3 }><Insights/></Show>
                </section>
                <div class="edit-view" hidden=move || tab.get() != Tab::Edit>
                    <Show when=move || seen.has(Tab::Edit)>
                    <div class="edit-top">
                    <crate::app::results::key_figures::LiveStrip/>
                    <nav class="edit-nav" aria-label="Parts of the scenario">
                        {[("settings-title", "Thresholds and cap"), ("policy-title", "Custom agreement"), ("scoring-title", "Scoring"),
                          ("sales-title", "Handoff and reps"), ("contacts-editor-title", "Contacts"), ("persona-title", "Personas"),
                          ("workflows-title", "Workflows"), ("mass-title", "Mass sends"), ("calendar-editor-title", "Calendar")]
                            .into_iter()
                            .map(|(id, label)| view! {
                                <button type="button" class="link" on:click=move |_| {
                                    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
                                        el.scroll_into_view();
                                    }
                                }>{label}</button>
                            })
                            .collect_view()}
                    </nav>
                    </div>
                    <Settings/>
                    // The editors further down come a frame at a time, so opening the
                    // view shows its top at once (at 1280×720 the figures strip, the
                    // parts' links and the first settings fill the screen).
                    <Show when=move || { edit_stage.get() >= 1 }><PolicyEditor/><ScoringEditor/><SalesEditor/></Show>
                    <Show when=move || { edit_stage.get() >= 2 || contacts_first.get() }><ContactsEditor/></Show>
                    <Show when=move || { edit_stage.get() >= 3 }><PersonaEditor/></Show>
                    <Show when=move || { edit_stage.get() >= 4 }><WorkflowEditor/></Show>
                    <Show when=move || { edit_stage.get() >= 5 }><MassEditor/></Show>
                    <Show when=move || { edit_stage.get() >= 6 }><CalendarEditor/></Show>
                    </Show>
                </div>
                // The notices and the agreement are drawn each time they are opened and
                // dropped when left: kept, they would follow every edit unseen.
                <div class="notices-view no-print" hidden=move || tab.get() != Tab::Notices>
                    <Show when=move || tab.get() == Tab::Notices><MassSendNotices/></Show>
                </div>
                <div class="what-if-view" hidden=move || tab.get() != Tab::WhatIf>
                    <Show when=move || seen.has(Tab::WhatIf)><crate::app::results::what_if::WhatIfView/></Show>
                </div>
                <div class="agreement-view" hidden=move || tab.get() != Tab::Agreement>
                    <Show when=move || tab.get() == Tab::Agreement><Agreement/></Show>
                </div>
            </main>
            <footer class="footer no-print">
                "Baton runs entirely in your browser. Nothing is sent anywhere."
            </footer>
        </div>
    }
    .into_any()
}

/// The views opened so far: the edit view and what-if are drawn on their first opening and
/// kept from then on (they hold what the person was doing), so start-up draws the results
/// alone and a second visit costs nothing.
#[derive(Clone, Copy)]
struct Seen(Memo<[bool; 5]>);

impl Seen {
    fn new(tab: RwSignal<Tab>) -> Seen {
        Seen(Memo::new(move |before: Option<&[bool; 5]>| {
            let mut seen = before.copied().unwrap_or_default();
            seen[tab.get() as usize] = true;
            seen
        }))
    }

    /// Whether `t` has been opened (its memo changes once, from false to true).
    fn has(self, t: Tab) -> bool {
        self.0.get()[t as usize]
    }
}

/// Tab buttons, with undo and redo beside them.
#[component]
fn Tabs(
    /// The open view.
    tab: RwSignal<Tab>,
) -> impl IntoView {
    let app = use_app();
    // What an undo or a redo would do, in words ("handoff score 70 → 80").
    let undo_what = Memo::new(move |_| {
        app.history.with(|h| h.previous().map(|p| app.scenario.with(|s| crate::engine::edits::describe_change(s, p)))).filter(|w| !w.is_empty())
    });
    let redo_what = Memo::new(move |_| {
        app.history.with(|h| h.next().map(|n| app.scenario.with(|s| crate::engine::edits::describe_change(s, n)))).filter(|w| !w.is_empty())
    });
    let tabs = [
        (Tab::Results, "Results", "tab-results"),
        (Tab::Edit, "Edit scenario", "tab-edit"),
        (Tab::Notices, "Mass-send notices", "tab-notices"),
        (Tab::WhatIf, "What-if", "tab-what-if"),
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
                <button type="button" data-testid="undo" title=move || format!("Undo{} (Ctrl+Z)", undo_what.get().map(|w| format!(": {w}")).unwrap_or_default())
                    disabled=move || !app.history.with(|h| h.can_undo())
                    on:click=move |_| app.undo()>"↶ Undo"<span class="undo-what">{move || undo_what.get().map(|w| format!(": {w}"))}</span></button>
                <button type="button" data-testid="redo" title=move || format!("Redo{} (Ctrl+Shift+Z)", redo_what.get().map(|w| format!(": {w}")).unwrap_or_default())
                    disabled=move || !app.history.with(|h| h.can_redo())
                    on:click=move |_| app.redo()>"↷ Redo"<span class="undo-what">{move || redo_what.get().map(|w| format!(": {w}"))}</span></button>
            </div>
        </nav>
    }
}

/// The title bar: the name and what Baton does.
/// A whole number with thousands separated by commas, as people write it: 100,000.
fn format_count(n: usize) -> String {
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

/// Says that newer results are being worked out (large scenarios only), and how far along.
#[component]
fn Busy() -> impl IntoView {
    let app = use_app();
    view! {
        <p class="busy" role="status" data-testid="busy" hidden=move || app.busy.get().is_none()>
            {move || {
                let share = app.busy.get().unwrap_or(0.0);
                let contacts = app.scenario.with(|s| s.contacts.len() + s.generate.iter().map(|g| g.count as usize).sum::<usize>());
                format!(
                    "Updating the results for {} contacts… {:.0} % done. You can keep working; what you see below is from before your last change.",
                    format_count(contacts),
                    share * 100.0
                )
            }}
        </p>
    }
}

#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="topbar">
            <div class="brand">
                <h1 class="logo">"Baton"</h1>
                <p class="tagline">
                    "Plan how leads pass from marketing to sales: see every email each lead would get, what your agreement holds back, and why."
                </p>
            </div>
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
            <p class="facts" data-testid="scenario-facts">{facts}</p>
            <p class="description" title=move || app.scenario.with(|s| s.description.clone())>{move || app.scenario.with(|s| s.description.clone())}</p>
        </section>
    }
}
