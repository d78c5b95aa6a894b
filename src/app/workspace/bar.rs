//! The workspace bar: which scenario is open, the others kept in this browser, and what a
//! person can do with them (new, duplicate, rename, delete with undo, export and import
//! files, the calendar as CSV). Also the messages about storage: damaged data, a full
//! storage, a change made in another tab, and problems of a file that did not import.

use leptos::prelude::*;

use crate::app::state::{use_app, AppState, ImportProblems};
use crate::app::workspace::storage;
use crate::app::workspace::{calendar_file_name, export_file_name};
use crate::engine::export::calendar_csv;
use crate::engine::{load, load::to_json, simulate};
use crate::samples;

/// Scenario files from this size (in bytes) are read by a worker: about 2,000 named
/// contacts, which the page would read in 20 ms or more.
const IN_A_WORKER: usize = 1_000_000;

/// Reads, validates and adds an imported file. Nothing changes when it has problems.
pub fn import_file(app: &'static AppState, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let bytes = match storage::read_file_bytes(file).await {
            Ok(bytes) => bytes,
            Err(e) => return app.import_problems.set(Some(ImportProblems { file: name, lines: vec![e] })),
        };
        // A CSV (by its name, or text that is not a JSON object) is a CRM export: the
        // contact import takes it.
        let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf));
        if name.to_lowercase().ends_with(".csv") || first.is_some_and(|b| b != b'{') {
            app.import_problems.set(None);
            app.crm_file.set(Some((name, bytes)));
            return;
        }
        // A large file is read by a worker (parsed and validated there), and the page takes
        // the scenario it gives back a slice at a time: the page never stops for long.
        if bytes.len() >= IN_A_WORKER {
            if let Some(read) = crate::app::workers::load(&bytes).await {
                let scenario = match read {
                    Ok(pieces) => crate::app::state::read_pieces(&pieces).await.map_err(|e| vec![e]),
                    Err(lines) => Err(lines),
                };
                match scenario {
                    Ok((s, written)) => {
                        app.import_problems.set(None);
                        app.add_read_scenario(s, written);
                    }
                    Err(lines) => app.import_problems.set(Some(ImportProblems { file: name, lines })),
                }
                return;
            }
        }
        match String::from_utf8(bytes).map_err(|_| crate::app::workers::NOT_TEXT.to_string()) {
            Err(e) => app.import_problems.set(Some(ImportProblems { file: name, lines: vec![e] })),
            Ok(text) => match load(&text) {
                Ok(s) => {
                    app.import_problems.set(None);
                    // Reading a large file is one long step; let the page breathe before the next.
                    crate::app::state::next_frame().await;
                    app.add_scenario(s);
                }
                Err(e) => app.import_problems.set(Some(ImportProblems { file: name, lines: e.lines() })),
            },
        }
    });
}

/// A blank scenario: the eBook sample's settings with no contacts, workflows or sends.
fn blank() -> Option<crate::engine::Scenario> {
    let mut s = samples::ebook_playbook().ok()?;
    s.name = "New scenario".into();
    s.description = String::new();
    s.contacts.clear();
    s.generate.clear();
    s.workflows.clear();
    s.mass_sends.clear();
    s.exclusions.clear();
    s.personas.truncate(1);
    Some(s)
}

/// The bar above the scenario.
#[component]
pub fn WorkspaceBar() -> impl IntoView {
    let app = use_app();
    let renaming = RwSignal::new(false);
    let rename_error = RwSignal::new(None::<String>);
    let names = move || {
        let current = app.scenario.with(|s| s.name.clone());
        app.workspace.with(|ws| {
            let mut names = ws.names();
            if let Some(n) = names.get_mut(ws.current) {
                *n = current;
            }
            (names, ws.current)
        })
    };
    let add = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if id == "crm" {
            // A picker for CSV files; the export it gives goes to the contact import, under
            // Edit scenario (drawn when first opened, so its own picker may not exist yet).
            if let Some(input) = document().query_selector("[data-testid='new-from-crm-file']").ok().flatten() {
                if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(input) {
                    input.click();
                }
            }
        }
        let scenario = if id == "blank" { blank() } else { samples::by_id(&id).and_then(|s| s.scenario().ok()) };
        if let Some(s) = scenario {
            app.add_scenario(s);
        }
        if let Some(select) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok()) {
            select.set_value("");
        }
    };
    let export_json = move |_| {
        let s = app.scenario.get_untracked();
        let _ = storage::download(&export_file_name(&s.name), "application/json", &(to_json(&s) + "\n"));
    };
    let export_csv = move |_| {
        let s = app.scenario.get_untracked();
        let outcome = simulate(&s, s.handoff_option, crate::app::state::SEED);
        let name = calendar_file_name(&s.name);
        let _ = storage::download(&name, "text/csv", &calendar_csv(&s, &[outcome]));
    };
    let pick_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import_file(app, file);
            }
            input.set_value("");
        }
    };
    let share = RwSignal::new(None::<Result<String, usize>>);
    // A page opened from a file (baton.html) makes links to a file on this computer.
    let from_file = web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "file:");
    let make_link = move |_| {
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .map(|l| format!("{}{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default(), l.search().unwrap_or_default()))
            .unwrap_or_default();
        share.set(Some(app.scenario.with_untracked(|s| crate::app::workspace::share::link(&base, s))));
    };
    let commit_rename = move |text: String| {
        let r = app.change_workspace(|ws| ws.rename(&text));
        match r {
            Ok(()) => {
                let _ = app.edit(|s| s.name = text.trim().to_string());
                renaming.set(false);
                rename_error.set(None);
            }
            Err(e) => rename_error.set(Some(e)),
        }
    };
    view! {
        <section class="workspace-bar no-print" aria-label="Scenarios in this browser" data-testid="workspace-bar">
            <label class="scenario-switch">
                <span class="visually-hidden">"Open scenario"</span>
                <select data-testid="scenario-switch" on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        app.change_workspace(|ws| ws.switch(i));
                    }
                }>
                    {move || {
                        let (names, current) = names();
                        names.into_iter().enumerate().map(|(i, n)| view! {
                            <option value=i.to_string() selected=i == current>{n}</option>
                        }).collect_view()
                    }}
                </select>
            </label>
            <Show when=move || renaming.get() fallback=move || view! {
                <button type="button" data-testid="rename" on:click=move |_| renaming.set(true)>"Rename"</button>
            }>
                <label class="rename">
                    <span class="visually-hidden">"New name"</span>
                    <input type="text" data-testid="rename-input" prop:value=move || app.scenario.with(|s| s.name.clone())
                        on:change=move |ev| commit_rename(event_target_value(&ev))/>
                    <span class="field-error" role="alert">{move || rename_error.get()}</span>
                </label>
            </Show>
            <button type="button" data-testid="duplicate" on:click=move |_| { app.change_workspace(|ws| ws.duplicate()); }>"Duplicate"</button>
            <button type="button" data-testid="delete"
                disabled=move || app.workspace.with(|ws| ws.entries.len() <= 1)
                on:click=move |_| app.delete_current()>"Delete"</button>
            <label class="new-scenario">
                <span class="visually-hidden">"New scenario"</span>
                <select data-testid="new-scenario" on:change=add>
                    <option value="" selected>"+ New scenario…"</option>
                    <option value="blank">"Blank"</option>
                    <option value="crm" data-testid="new-from-crm">"From a CRM export…"</option>
                    {samples::ALL.iter().map(|s| view! { <option value=s.id>{format!("From sample: {}", s.title)}</option> }).collect_view()}
                </select>
                <input type="file" accept=".csv,text/csv" hidden data-testid="new-from-crm-file" on:change=pick_file/>
            </label>
            <span class="spacer"></span>
            <button type="button" data-testid="export-json" on:click=export_json>"Export file"</button>
            <label class="file-button">
                <input type="file" accept=".json,application/json,.csv,text/csv" data-testid="import-file" on:change=pick_file/>
                <span>"Import file…"</span>
            </label>
            <button type="button" data-testid="export-csv" on:click=export_csv>"Calendar CSV"</button>
            <button type="button" data-testid="share" on:click=make_link>"Share link"</button>
        </section>
        {move || share.get().map(|r| view! {
            <div class="banner info share" role="status" data-testid="share-panel">
                {match r {
                    Ok(link) => view! {
                        <p>"Anyone who opens this link gets a copy of this scenario in their own browser. The scenario is inside the link itself; nothing is uploaded."</p>
                        <input type="text" readonly class="share-link" data-testid="share-link" prop:value=link
                            on:focus=move |ev| {
                                if let Some(i) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                                    i.select();
                                }
                            }/>
                        {from_file.then(|| view! {
                            <p class="warning" data-testid="share-file-warning">
                                "This Baton is opened from a file on this computer, so the link only works for someone who has the same baton.html in the same place. To send the scenario to someone else, export it and send the file: "
                                <button type="button" data-testid="share-export" on:click=export_json>"Export file"</button>
                            </p>
                        })}
                    }.into_any(),
                    Err(n) => view! {
                        <p>{format!("This scenario is too large for a link ({n} characters; links are kept under {}). Use Export file and send the file instead.", crate::app::workspace::share::MAX_LINK)}</p>
                    }.into_any(),
                }}
                <button type="button" on:click=move |_| share.set(None)>"Close"</button>
            </div>
        })}
        <Banners/>
    }
}

/// Messages about storage and files.
#[component]
fn Banners() -> impl IntoView {
    let app = use_app();
    let download_damaged = move |_| {
        if let Some(d) = app.damaged.get_untracked() {
            if storage::download("baton-stored-scenarios.json", "application/json", &d.text).is_ok() {
                app.damaged.update(|d| {
                    if let Some(d) = d.as_mut() {
                        d.downloaded = true;
                    }
                });
            }
        }
    };
    let replace_damaged = move |_| {
        app.damaged.set(None);
        app.autosave.set(true);
        app.save();
    };
    view! {
        {move || app.damaged.get().map(|d| view! {
            <div class="banner error" role="alert" data-testid="damaged-banner">
                <p>{d.message.clone()}</p>
                <p class="actions">
                    <button type="button" class="primary" data-testid="download-damaged" on:click=download_damaged>"Download the stored data"</button>
                    <button type="button" data-testid="replace-damaged" disabled=!d.downloaded on:click=replace_damaged
                        title="Available after you download the stored data">"Start saving my new work here"</button>
                    <span class="hint">"Until then, your changes are not saved in this browser."</span>
                </p>
            </div>
        })}
        {move || app.stuck.get().map(|name| view! {
            <div class="banner warning" role="alert" data-testid="stuck-banner">
                <p>{format!(
                    "Baton could not finish simulating \u{201c}{name}\u{201d} when it last opened it (the page stopped or crashed), so it opened the sample instead. \u{201c}{name}\u{201d} is kept: choose it in the list above to export it, change it or delete it."
                )}</p>
                <p class="actions"><button type="button" data-testid="dismiss-stuck" on:click=move |_| app.stuck.set(None)>"OK"</button></p>
            </div>
        })}
        {move || app.save_error.get().map(|e| view! {
            <div class="banner warning" role="alert" data-testid="save-warning"><p>{e.message()}</p></div>
        })}
        {move || app.conflict.get().map(|other| {
            let other2 = other.clone();
            view! {
                <div class="banner warning" role="alert" data-testid="conflict-banner">
                    <p>"These scenarios were changed in another tab of Baton. Which copy do you want to keep? The other is not lost until you choose."</p>
                    <p class="actions">
                        <button type="button" data-testid="keep-mine" on:click=move |_| {
                            app.conflict.set(None);
                            app.autosave.set(true);
                            app.last_written.set_value(Some(other.clone()));
                            app.save();
                        }>"Keep this tab's copy"</button>
                        <button type="button" data-testid="take-theirs" on:click=move |_| {
                            match app.take_other_tab(&other2) {
                                Ok(()) => {
                                    app.conflict.set(None);
                                    app.autosave.set(true);
                                }
                                Err(e) => app.save_error.set(Some(crate::app::workspace::storage::SaveError::Other(e))),
                            }
                        }>"Use the other tab's copy"</button>
                    </p>
                </div>
            }
        })}
        {move || app.deleted.get().map(|(_, entry)| view! {
            <div class="banner info" role="status" data-testid="deleted-banner">
                <p>{format!("Deleted \u{201c}{}\u{201d}.", entry.scenario.name)}
                    <button type="button" data-testid="undo-delete" on:click=move |_| app.undo_delete()>"Undo"</button>
                </p>
            </div>
        })}
        {move || app.import_problems.get().map(|p| view! {
            <div class="banner error" role="alert" data-testid="import-problems">
                <p>{format!("\u{201c}{}\u{201d} was not imported; nothing was changed. Problems found:", p.file)}</p>
                <ul>{p.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <button type="button" on:click=move |_| app.import_problems.set(None)>"Dismiss"</button>
            </div>
        })}
    }
}
