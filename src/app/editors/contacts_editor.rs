//! Editing who is in the scenario: named contacts (a table with sort, persona filter,
//! edit and delete), generated contacts per persona, and contacts imported from a CRM's CSV
//! export through a column-mapping step with a preview.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::editors::contact_details::{source_code, source_from_code, ContactDetails};
use crate::app::editors::fields::{NumberField, TextField};
use crate::app::state::{problem_text, use_app, Watch};
use crate::app::workers::{self, NoAnswer};
use crate::app::workspace::storage;
use crate::engine::crm_import::{columns, usual_stage, usual_status, Field, ImportOptions, OwnerChoice, PersonaRule, Table};
use crate::engine::crm_look::{self, Ask, Choice, Counts, Sheet, Told, Values};
use crate::engine::scenario::{InProgress, LeadStatus, OpenWork, Scenario};
use crate::engine::scenario::{PopulationGroup, Source};
use crate::engine::{Problem, Stage};

/// CSV files from this size (in bytes, about 2,000 rows of a HubSpot export) are read by a
/// worker, which also lists their values, counts what the import would make and imports
/// them: on the page, a 16 MB export stopped it for 1.2 s when picked and 1.4 s when
/// imported. Smaller files are read on the page, where the answers come at once.
const CSV_IN_A_WORKER: usize = 250_000;

/// A CSV waiting for the person to confirm its columns.
#[derive(Clone)]
struct Pending {
    file: String,
    /// Which file this is: a new number for each file picked (two exports may share a
    /// name and their columns), by which the workers that keep it read know it.
    opened: u64,
    /// The file, for the workers that answer about it.
    bytes: Arc<Vec<u8>>,
    /// The file read into a table on the page, with its encoding: a small file, or where
    /// no worker could start. `None`: workers read it for each question.
    held: Option<Arc<(Table, &'static str)>>,
    sheet: Arc<Sheet>,
    map: Vec<(Field, Option<usize>)>,
    /// A new scenario from these contacts (the default), or added to this one.
    new_scenario: bool,
    /// The person's choices: persona, scores, and what the file's values mean.
    choices: ImportOptions,
    /// The choices came from the scenario's last import.
    reused: bool,
}

impl Pending {
    /// The chosen column of each field, in the fields' order.
    fn columns(&self) -> Vec<(Field, usize)> {
        self.map.iter().filter_map(|(f, c)| c.map(|c| (*f, c))).collect()
    }

    fn choice(&self) -> Choice {
        Choice { columns: self.columns(), options: self.choices.clone(), new_scenario: self.new_scenario, file: self.file.clone() }
    }
}

/// What the mapping step shows that comes from reading the whole file: its values under
/// the chosen columns, and what the import would make. `None` while a worker works it out.
#[derive(Clone, Copy)]
struct Look {
    values: Memo<Option<Values>>,
    counts: Memo<Option<Counts>>,
}

/// Reads a CSV for the mapping step: by a worker when it is large (the page keeps only
/// its columns and first rows), else on the page. `Ok(None)` when a newer file replaced it.
async fn open_csv(bytes: &[u8], file_id: u64) -> Result<Option<(Sheet, Option<Arc<(Table, &'static str)>>)>, String> {
    if bytes.len() >= CSV_IN_A_WORKER {
        match workers::crm(bytes, file_id, "", &Ask::Sheet, Some("sheet")).await {
            Ok((Told::Sheet(sheet), _)) => return Ok(Some((sheet, None))),
            Ok((Told::Refused(why), _)) => return Err(why),
            Err(NoAnswer::Replaced) => return Ok(None),
            // No worker, or it failed: the page reads the file itself.
            Ok(_) | Err(_) => {}
        }
    }
    let held = read_here(bytes)?;
    Ok(Some((Sheet::of(&held.0, held.1), Some(held))))
}

/// The file read on the page.
fn read_here(bytes: &[u8]) -> Result<Arc<(Table, &'static str)>, String> {
    crm_look::read(bytes).map(Arc::new)
}

/// The import made on the page, from the file it reads there or holds already.
fn import_here(base: &Scenario, held: &(Table, &'static str), choice: &Choice) -> Made {
    crm_look::import(base, &held.0, held.1, choice).map(|(s, lines)| (s, None, lines))
}

/// An import's result: the scenario, its contacts as written when they came in pieces,
/// and the report; or the problems.
type Made = Result<(Scenario, Option<crate::engine::pieces::Written>, Vec<String>), Vec<Problem>>;

/// A problem with no place in the scenario (the file's, or a worker's).
fn problem(message: String) -> Vec<Problem> {
    vec![Problem { path: String::new(), message }]
}

/// Asks a worker a question of `kind` about the pending file, for `base` (the scenario
/// in pieces, or none): its answer goes to `told`, a refusal to `error`; a worker that
/// fails or cannot start leaves the file to the page (`read_on_page`).
fn ask_worker(
    (bytes, file_id): (Arc<Vec<u8>>, u64),
    base: String,
    ask: Ask,
    kind: &'static str,
    told: impl Fn(Told) + 'static,
    error: RwSignal<Option<String>>,
    read_on_page: impl Fn() + 'static,
) {
    leptos::task::spawn_local(async move {
        match workers::crm(&bytes, file_id, &base, &ask, Some(kind)).await {
            Ok((Told::Refused(why), _)) => error.set(Some(why)),
            Ok((answer, _)) => told(answer),
            Err(NoAnswer::Replaced) => {}
            Err(_) => read_on_page(),
        }
    });
}

/// Ends an import: the new scenario opened (or this one changed), the report shown; or
/// the problems the import would make, and nothing changed.
fn finish(
    app: &'static crate::app::state::AppState,
    pending: RwSignal<Option<Pending>>,
    report: RwSignal<Option<Vec<String>>>,
    error: RwSignal<Option<String>>,
    new_scenario: bool,
    made: Made,
) {
    match made {
        Ok((made, written, mut lines)) => {
            if new_scenario {
                match written {
                    Some(written) => app.add_read_scenario(made, written),
                    None => app.add_scenario(made),
                }
                lines.insert(0, "A new scenario was made from these contacts; the one you had is kept in the list of scenarios.".into());
            } else if let Err(problems) = app.edit(|s| *s = made) {
                return error.set(Some(problem_text(&problems)));
            }
            report.set(Some(lines));
            pending.set(None);
        }
        Err(problems) => error.set(Some(problem_text(&problems))),
    }
}

/// Rows of named contacts drawn at once; the rest are a page away.
const PAGE: usize = 50;

/// How the table names a contact no rep owns.
const MARKETING: &str = "Marketing";

/// Sort orders of the table.
#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    Name,
    Stage,
    Persona,
}

/// The contacts panel.
#[component]
pub fn ContactsEditor() -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let report = RwSignal::new(None::<Vec<String>>);
    let sort = RwSignal::new(SortBy::Name);
    let filter = RwSignal::new(String::new());
    let stage_filter = RwSignal::new(String::new());
    let owner_filter = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    let details = RwSignal::new(None::<String>);
    // A CRM export from this picker, the top import, a drop or the new-scenario menu.
    let pick_csv = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            match storage::read_file_bytes(file).await {
                Ok(bytes) => app.crm_file.set(Some((name, bytes))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // Said while a worker reads or imports a large file.
    let working = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let Some((name, bytes)) = app.crm_file.get() else { return };
        app.crm_file.set(None);
        let number = workers::new_file_id();
        let bytes = Arc::new(bytes);
        working.set(Some(format!("Reading \u{201c}{name}\u{201d}\u{2026}")));
        leptos::task::spawn_local(async move {
            // The edit view has just opened at its top: bring the message into view.
            crate::app::state::next_frame().await;
            if let Some(el) = document().query_selector("[data-testid='csv-working']").ok().flatten() {
                el.scroll_into_view_with_bool(false);
            }
            let opened = open_csv(&bytes, number).await;
            working.set(None);
            let (sheet, held) = match opened {
                Ok(Some(read)) => read,
                Ok(None) => return,
                Err(e) => return error.set(Some(format!("\u{201c}{name}\u{201d} could not be read: {e}"))),
            };
            // The last import's choices, where this scenario kept them; else the usual.
            let (choices, reused) = app.scenario.with_untracked(|s| match &s.crm_import {
                Some(saved) => (saved.for_scenario(s), true),
                None => (ImportOptions { in_progress: s.sales_cadence.in_progress, ..ImportOptions::default() }, false),
            });
            let found = columns(&sheet.headers, &choices);
            let map = Field::ALL.iter().map(|f| (*f, found.get(f).copied())).collect();
            report.set(None);
            error.set(None);
            pending.set(Some(Pending { file: name, opened: number, bytes, held, sheet: Arc::new(sheet), map, new_scenario: true, choices, reused }));
            app.show_edit.update(|n| *n += 1);
            // Once drawn, bring the mapping into view.
            crate::app::state::next_frame().await;
            if let Some(el) = document().query_selector("[data-testid='csv-mapping']").ok().flatten() {
                el.scroll_into_view();
            }
        });
    });
    // A worker's answers, for a file no table on the page holds; a failed worker leaves
    // the file to the page.
    let values_told = RwSignal::new(None::<Values>);
    let counts_told = RwSignal::new(None::<Counts>);
    let read_on_page = move || {
        let bytes = pending.with_untracked(|p| p.as_ref().map(|p| p.bytes.clone()));
        if let Some(bytes) = bytes {
            match read_here(&bytes) {
                Ok(held) => pending.update(|p| {
                    if let Some(p) = p.as_mut() {
                        p.held = Some(held)
                    }
                }),
                Err(e) => error.set(Some(e)),
            }
        }
    };
    // The values follow the file, its columns and where it is read; not the other choices.
    let values_of = Memo::new(move |_| pending.with(|p| p.as_ref().map(|p| (p.opened, p.held.is_some(), p.columns()))));
    let values = Memo::new(move |_| {
        let (_, _, columns) = values_of.get()?;
        match pending.with_untracked(|p| p.as_ref().and_then(|p| p.held.clone())) {
            Some(held) => Some(Values::of(&held.0, &columns.into_iter().collect())),
            None => values_told.get(),
        }
    });
    Effect::new(move |_| {
        let Some((_, false, columns)) = values_of.get() else { return };
        let Some(file) = pending.with_untracked(|p| p.as_ref().map(|p| (p.bytes.clone(), p.opened))) else { return };
        values_told.set(None);
        let told = move |t| {
            if let Told::Values(v) = t {
                values_told.set(Some(v))
            }
        };
        ask_worker(file, String::new(), Ask::Values { columns }, "values", told, error, read_on_page);
    });
    let counts = Memo::new(move |_| {
        pending.with(|p| {
            let p = p.as_ref()?;
            match &p.held {
                Some(held) => Some(app.scenario.with_untracked(|s| Counts::of(s, &held.0, &p.choice()))),
                None => counts_told.get(),
            }
        })
    });
    Effect::new(move |_| {
        let Some((file, choice)) = pending.with(|p| p.as_ref().filter(|p| p.held.is_none()).map(|p| ((p.bytes.clone(), p.opened), p.choice()))) else { return };
        let mut base = String::new();
        app.scenario.update_untracked(|s| base = crm_look::base_message(s, &choice));
        counts_told.set(None);
        let told = move |t| {
            if let Told::Counts(c) = t {
                counts_told.set(Some(c))
            }
        };
        ask_worker(file, base, Ask::Counts(choice), "counts", told, error, read_on_page);
    });
    let look = Look { values, counts };
    Effect::new(move |_| {
        let waiting = pending.with(Option::is_some) && counts.with(Option::is_none) && error.with(Option::is_none);
        app.crm_busy.set(working.with(Option::is_some) || waiting);
    });
    on_cleanup(move || {
        app.crm_busy.try_set(false);
    });
    // Workers kept holding the file end once it is imported or put aside.
    Effect::new(move |_| {
        if pending.with(Option::is_none) {
            workers::crm_forget();
        }
    });
    on_cleanup(workers::crm_forget);
    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else { return };
        if working.with_untracked(Option::is_some) {
            return;
        }
        let choice = p.choice();
        let base = app.scenario.get_untracked();
        if let Some(held) = &p.held {
            return finish(app, pending, report, error, p.new_scenario, import_here(&base, held, &choice));
        }
        // A large file: the worker imports it and sends the scenario back in pieces, which
        // the page puts together between frames.
        working.set(Some(format!("Importing the contacts of \u{201c}{}\u{201d}\u{2026}", p.file)));
        leptos::task::spawn_local(async move {
            let mut base = base;
            let pieces = crm_look::base_message(&mut base, &choice);
            let made = match workers::crm(&p.bytes, p.opened, &pieces, &Ask::Import(choice.clone()), None).await {
                Ok((Told::Imported(lines), Some(pieces))) => {
                    crate::app::state::read_pieces(&pieces).await.map(|(s, written)| (s, Some(written), lines)).map_err(problem)
                }
                Ok((Told::Refused(why), _)) => Err(problem(why)),
                // No worker could do it: the page does.
                _ => read_here(&p.bytes).map_err(problem).and_then(|held| import_here(&base, &held, &choice)),
            };
            working.set(None);
            finish(app, pending, report, error, p.new_scenario, made);
        });
    };
    let open_file = Memo::new(move |_| pending.with(|p| p.as_ref().map(|p| (p.opened, p.file.clone()))));
    // The matching contacts (their places), sorted; only one page of them is drawn, so
    // only its rows are copied out of the scenario (65,000 imported contacts copied whole
    // took a long step on every edit).
    let matching = Memo::new(move |_| {
        let wanted = filter.get();
        let wanted_stage = stage_filter.get();
        let wanted_owner = owner_filter.get();
        let needle = search.get().trim().to_lowercase();
        let by = sort.get();
        // Worked out again when the contacts or personas change, not on every edit.
        app.people.track();
        app.scenario.with_untracked(|s| {
            let mut rows: Vec<usize> = s
                .contacts
                .iter()
                .enumerate()
                .filter(|(_, c)| wanted.is_empty() || c.persona == wanted)
                .filter(|(_, c)| wanted_stage.is_empty() || c.stage.as_str() == wanted_stage)
                .filter(|(_, c)| wanted_owner.is_empty() || c.owner.as_deref().unwrap_or(MARKETING) == wanted_owner)
                .filter(|(_, c)| {
                    needle.is_empty()
                        || c.name.to_lowercase().contains(&needle)
                        || c.email.to_lowercase().contains(&needle)
                        || c.company.to_lowercase().contains(&needle)
                })
                .map(|(i, _)| i)
                .collect();
            match by {
                SortBy::Name => rows.sort_by_cached_key(|&i| s.contacts[i].name.to_lowercase()),
                SortBy::Stage => rows.sort_by_key(|&i| s.contacts[i].stage),
                SortBy::Persona => {
                    let names: std::collections::HashMap<&str, &str> = s.personas.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
                    rows.sort_by_key(|&i| names.get(s.contacts[i].persona.as_str()).copied().unwrap_or_default());
                }
            }
            rows
        })
    });
    let pages = move || matching.with(|m| m.len().div_ceil(PAGE).max(1));
    let rows = move || {
        let last = pages() - 1;
        let k = page.get().min(last);
        let shown: Vec<usize> = matching.with(|m| m.iter().skip(k * PAGE).take(PAGE).copied().collect());
        app.scenario.watch(|s| {
            shown
                .into_iter()
                .filter_map(|i| {
                    let c = s.contacts.get(i)?;
                    let persona = s.personas.iter().find(|p| p.id == c.persona).map(|p| p.name.clone()).unwrap_or_default();
                    Some((i, c.name.clone(), c.email.clone(), c.stage, persona, c.owner.clone().unwrap_or_else(|| MARKETING.into())))
                })
                .collect::<Vec<_>>()
        })
    };
    let shown = move || {
        let total = matching.with(Vec::len);
        let k = page.get().min(pages() - 1);
        if total == 0 {
            "No named contact matches.".to_string()
        } else {
            format!("Showing {}–{} of {total}", k * PAGE + 1, ((k + 1) * PAGE).min(total))
        }
    };
    // Filters start again at the first page.
    Effect::new(move |_| {
        filter.track();
        stage_filter.track();
        owner_filter.track();
        search.track();
        sort.track();
        page.set(0);
    });
    // The groups are drawn again only when they or their personas' names change; each
    // group's fields follow their own values.
    let groups = Memo::new(move |_| {
        app.scenario.watch(|s| {
            let name = |id: &str| s.personas.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_string());
            s.generate.iter().map(|group| name(&group.persona)).collect::<Vec<_>>()
        })
    });
    let personas = Memo::new(move |_| app.scenario.watch(|s| s.personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>()));
    let owners = move || {
        app.scenario.watch(|s| {
            let mut names: Vec<String> = s.reps.iter().map(|r| r.name.clone()).collect();
            for c in &s.contacts {
                if let Some(o) = &c.owner {
                    if !names.contains(o) {
                        names.push(o.clone());
                    }
                }
            }
            names
        })
    };
    let delete = move |i: usize| {
        app.edit_or_refuse(error, |s| s.remove_contact(i));
    };
    let set_stage = move |i: usize, value: String| {
        let stage = Stage::ALL.into_iter().find(|s| s.as_str() == value);
        if let Some(stage) = stage {
            let r = app.edit(|s| {
                if let Some(c) = s.contacts.get_mut(i) {
                    c.stage = stage
                }
            });
            error.set(r.err().map(|p| problem_text(&p)));
        }
    };
    view! {
        <section class="panel contacts-editor" aria-labelledby="contacts-editor-title" data-testid="contacts-editor">
            <h3 id="contacts-editor-title">"Contacts"</h3>
            <h4>"Generated contacts, per persona"</h4>
            <p class="hint">"A workshop needs no real data: Baton generates this many contacts of each kind, with the persona's traits and behaviour."</p>
            <div class="group-grid">
                {move || groups.get().into_iter().enumerate().map(|(g, label)| view! { <GroupCount g label/> }).collect_view()}
            </div>
            <AddGroup/>
            <h4>"Named contacts"</h4>
            <div class="table-tools">
                <label>
                    <span>"Search"</span>
                    <input type="search" data-testid="contacts-search" placeholder="Name, email or company"
                        on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>"Persona"</span>
                    <select data-testid="contacts-filter-persona" on:change=move |ev| filter.set(event_target_value(&ev))>
                        <option value="">"All"</option>
                        {move || personas.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>"Stage"</span>
                    <select data-testid="contacts-filter-stage" on:change=move |ev| stage_filter.set(event_target_value(&ev))>
                        <option value="">"All"</option>
                        {Stage::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>"Owner"</span>
                    <select data-testid="contacts-filter-owner" on:change=move |ev| owner_filter.set(event_target_value(&ev))>
                        <option value="">"All"</option>
                        <option value=MARKETING>"Marketing"</option>
                        {move || owners().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" data-testid="add-contact" on:click=move |_| {
                    let r = app.edit(|s| {
                        let mut n = s.contacts.len() + 1;
                        while s.contacts.iter().any(|c| c.id == format!("contact-{n}")) { n += 1; }
                        let persona = s.personas.first().map(|p| p.id.clone()).unwrap_or_default();
                        s.contacts.push(crate::engine::scenario::Contact {
                            id: format!("contact-{n}"),
                            name: format!("New contact {n}"),
                            email: format!("contact{n}@example.com"),
                            company: String::new(),
                            traits: Default::default(),
                            persona,
                            source: Source::Import,
                            arrives_day: 0,
                            arrives_at: crate::engine::calendar::ClockTime::new(10, 0),
                            stage: Stage::Lead,
                            score: 0,
                            utc_offset: None,
                            owner: None,
                            same_person_as: None,
                            script: None,
                            existing: None,
                        });
                    });
                    error.set(r.err().map(|p| problem_text(&p)));
                }>"+ Contact"</button>
                <label class="file-button">
                    <input type="file" accept=".csv,text/csv" data-testid="import-csv" on:change=pick_csv/>
                    <span>"Import contacts from a CSV…"</span>
                </label>
            </div>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <p class="hint" role="status" data-testid="csv-working">{move || working.get()}</p>
            // Drawn once per file: the steps inside follow the choices without redrawing.
            {move || open_file.get().map(|_| view! { <Mapping pending look working confirm=Callback::new(confirm)/> })}
            {move || report.get().map(|lines| view! {
                <div class="banner info" role="status" data-testid="csv-report">
                    <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                </div>
            })}
            <table class="contacts-table" data-testid="contacts-table">
                <thead>
                    <tr>
                        <th scope="col"><button type="button" class="link" on:click=move |_| sort.set(SortBy::Name)>"Name"</button></th>
                        <th scope="col">"Email"</th>
                        <th scope="col"><button type="button" class="link" on:click=move |_| sort.set(SortBy::Persona)>"Persona"</button></th>
                        <th scope="col"><button type="button" class="link" on:click=move |_| sort.set(SortBy::Stage)>"Stage"</button></th>
                        <th scope="col">"Owner"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {move || rows().into_iter().map(|(i, name, email, stage, persona, owner)| view! {
                        <tr data-testid="contacts-table-row">
                            <td><input type="text" value=name.clone() aria-label="Name"
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    error.set(app.edit(|s| if let Some(c) = s.contacts.get_mut(i) { c.name = v.trim().to_string() }).err().map(|p| problem_text(&p)));
                                }/></td>
                            <td><input type="email" value=email aria-label=format!("Email of {name}")
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    error.set(app.edit(|s| if let Some(c) = s.contacts.get_mut(i) { c.email = v.trim().to_string() }).err().map(|p| problem_text(&p)));
                                }/></td>
                            <td>
                                <select aria-label=format!("Persona of {name}") on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    error.set(app.edit(|s| if let Some(c) = s.contacts.get_mut(i) { c.persona = v }).err().map(|p| problem_text(&p)));
                                }>
                                    {app.scenario.with_untracked(|s| s.personas.iter().map(|p| view! {
                                        <option value=p.id.clone() selected=p.name == persona>{p.name.clone()}</option>
                                    }).collect_view())}
                                </select>
                            </td>
                            <td>
                                <select aria-label=format!("Stage of {name}") on:change=move |ev| set_stage(i, event_target_value(&ev))>
                                    {Stage::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=s == stage>{s.label()}</option> }).collect_view()}
                                </select>
                            </td>
                            <td>{owner}</td>
                            <td class="row-actions">
                                <button type="button" class="link" aria-label=format!("All details of {name}") data-testid="contact-details-open"
                                    on:click={
                                        let id = app.scenario.with_untracked(|s| s.contacts.get(i).map(|c| c.id.clone()));
                                        move |_| details.set(id.clone())
                                    }>"Details…"</button>
                                <button type="button" class="icon" aria-label=format!("Delete {name}") on:click=move |_| delete(i)>"✕"</button>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <nav class="pager" aria-label="Pages of named contacts">
                <button type="button" data-testid="contacts-prev" disabled=move || page.get() == 0
                    on:click=move |_| page.update(|k| *k = k.saturating_sub(1))>"← Previous"</button>
                <span data-testid="contacts-shown" aria-live="polite">{shown}</span>
                <button type="button" data-testid="contacts-next" disabled=move || { page.get() + 1 >= pages() }
                    on:click=move |_| page.update(|k| *k += 1)>"Next →"</button>
            </nav>
            {move || details.get().map(|id| view! { <ContactDetails id close=Callback::new(move |_| details.set(None))/> })}
        </section>
    }
}

/// One generated group: how many, how they come in, over how many days, and where they start.
#[component]
fn GroupCount(
    /// Index of the group.
    g: usize,
    /// The persona's name.
    label: String,
) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let group = move || app.scenario.watch(|s| s.generate.get(g).cloned());
    let is_download = move || group().is_some_and(|x| matches!(x.source, Source::ContentDownload { .. }));
    let source_code = move || group().map(|x| source_code(&x.source)).unwrap_or_default();
    view! {
        <fieldset class="group-card" data-testid="generated-group">
            <legend>{label}</legend>
            <label class="field" class:invalid=move || error.with(Option::is_some)>
                <span class="field-label">"How many"</span>
                <span class="field-input">
                    <input type="number" min="0" data-testid=format!("generate-{g}")
                        prop:value=move || group().map(|x| x.count).unwrap_or(0).to_string()
                        on:change=move |ev| {
                            let r = match event_target_value(&ev).trim().parse::<u32>() {
                                Ok(n) => app.edit(|s| if let Some(x) = s.generate.get_mut(g) { x.count = n }).map_err(|p| problem_text(&p)),
                                Err(_) => Err("a whole number of 0 or more".into()),
                            };
                            error.set(r.err());
                        }/>
                    <span class="unit">"contacts"</span>
                </span>
            </label>
            <label class="field">
                <span class="field-label">"Come in by"</span>
                <select data-testid=format!("generate-source-{g}") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    error.set(app.edit(|s| if let Some(x) = s.generate.get_mut(g) { x.source = source_from_code(&x.source, &v) }).err().map(|p| problem_text(&p)));
                }>
                    <option value="content_download" selected=move || source_code() == "content_download">"downloading content"</option>
                    <option value="event_marked" selected=move || source_code() == "event_marked">"an event card, marked in the CRM"</option>
                    <option value="event_unmarked" selected=move || source_code() == "event_unmarked">"an event card, never marked"</option>
                    <option value="import" selected=move || source_code() == "import">"an imported list"</option>
                </select>
            </label>
            <Show when=is_download>
                <TextField label="Asset downloaded"
                    get=move |s| match s.generate.get(g).map(|x| &x.source) { Some(Source::ContentDownload { asset }) => asset.clone(), _ => String::new() }
                    set=move |s, v| if let Some(Source::ContentDownload { asset }) = s.generate.get_mut(g).map(|x| &mut x.source) { *asset = v.trim().to_string() }/>
            </Show>
            <NumberField label="Arrivals spread over" unit="days (0 = all on day 0)"
                get=move |s| s.generate.get(g).map(|x| x.arrive_over_days as i64).unwrap_or(0)
                set=move |s, v| if let Some(x) = s.generate.get_mut(g) { x.arrive_over_days = v.clamp(0, 100_000) as u32 }/>
            <label class="field">
                <span class="field-label">"Start at stage"</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(stage) = Stage::ALL.into_iter().find(|x| x.as_str() == v) {
                        error.set(app.edit(|s| if let Some(x) = s.generate.get_mut(g) { x.stage = stage }).err().map(|p| problem_text(&p)));
                    }
                }>
                    {Stage::ALL.into_iter().map(|stage| view! {
                        <option value=stage.as_str() selected=move || group().is_some_and(|x| x.stage == stage)>{stage.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="button" class="link" on:click=move |_| {
                error.set(app.edit(|s| { if g < s.generate.len() { s.generate.remove(g); } }).err().map(|p| problem_text(&p)));
            }>"Remove this group"</button>
            <span class="field-error" role="alert">{move || error.get()}</span>
        </fieldset>
    }
}

/// Adds a generated group for a persona that has none.
#[component]
fn AddGroup() -> impl IntoView {
    let app = use_app();
    let missing = move || {
        app.scenario
            .watch(|s| s.personas.iter().filter(|p| !s.generate.iter().any(|g| g.persona == p.id)).map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>())
    };
    view! {
        <Show when=move || !missing().is_empty()>
            <label class="add-group">
                <span>"Generate contacts for another persona"</span>
                <select on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if !id.is_empty() {
                        let _ = app.edit(|s| s.generate.push(PopulationGroup {
                            persona: id,
                            count: 10,
                            source: Source::Import,
                            arrive_over_days: 30,
                            stage: Stage::Lead,
                        }));
                    }
                }>
                    <option value="">"Choose a persona…"</option>
                    {move || missing().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </label>
        </Show>
    }
}

/// The column-mapping step of a CSV import, with a preview of the first rows.
#[component]
fn Mapping(
    /// Where the pending import lives.
    pending: RwSignal<Option<Pending>>,
    /// The file's values and the import's counts.
    look: Look,
    /// Said while a worker imports the file.
    working: RwSignal<Option<String>>,
    /// Runs the import.
    confirm: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    let Some(p) = pending.get_untracked() else { return ().into_any() };
    let headers = p.sheet.headers.clone();
    let preview = p.sheet.preview.clone();
    let recognised = p.map.iter().filter(|(_, c)| c.is_some()).count();
    let set_column = move |field: Field, value: String| {
        pending.update(|p| {
            if let Some(p) = p.as_mut() {
                for (f, c) in p.map.iter_mut() {
                    if *f == field {
                        *c = value.parse::<usize>().ok();
                    }
                }
            }
        });
    };
    let keep_scores = p.choices.keep_crm_scores;
    view! {
        <div class="mapping" data-testid="csv-mapping">
            <h4>{format!("Import \u{201c}{}\u{201d}: {} rows", p.file, p.sheet.rows)}</h4>
            {p.reused.then(|| view! {
                <p class="banner info" data-testid="csv-reused">"The choices of this scenario\u{2019}s last import are filled in: columns, values, owners and personas. Change any that do not fit this file."</p>
            })}
            <h5>"1. Columns"</h5>
            <p class="hint">{format!("{recognised} columns were recognised (the export names of HubSpot, Salesforce, Marketo and Pipedrive are). Check which column holds each detail; leave a detail on \u{201c}not in the file\u{201d} if it is missing.")}</p>
            <div class="field-grid">
                {p.map.iter().map(|(field, column)| {
                    let field = *field;
                    let headers = headers.clone();
                    let column = *column;
                    view! {
                        <label class="field">
                            <span class="field-label">{field.label()}</span>
                            <select data-testid=format!("csv-column-{}", field_code(field)) on:change=move |ev| set_column(field, event_target_value(&ev))>
                                <option value="" selected=column.is_none()>"not in the file"</option>
                                {headers.iter().enumerate().map(|(i, h)| view! { <option value=i.to_string() selected=column == Some(i)>{h.clone()}</option> }).collect_view()}
                            </select>
                        </label>
                    }
                }).collect_view()}
                <label class="field wide">
                    <span class="field-label">"Where they go"</span>
                    <select data-testid="csv-destination" on:change=move |ev| {
                        let new = event_target_value(&ev) == "new";
                        pending.update(|p| if let Some(p) = p.as_mut() { p.new_scenario = new });
                    }>
                        <option value="new">"A new scenario from these contacts (this one's programs, scoring, reps and calendar)"</option>
                        <option value="add">"Add them to this scenario"</option>
                    </select>
                </label>
                <label class="field wide">
                    <span class="field-label">"Scores"</span>
                    <select data-testid="csv-scores" on:change=move |ev| {
                        let keep = event_target_value(&ev) == "keep";
                        pending.update(|p| if let Some(p) = p.as_mut() { p.choices.keep_crm_scores = keep });
                    }>
                        <option value="keep" selected=keep_scores>"Keep the CRM's scores"</option>
                        <option value="zero" selected=!keep_scores>"Score from zero with this scenario's rules"</option>
                    </select>
                </label>
            </div>
            <div class="scroll" tabindex="0" role="region" aria-label="The first rows of the file">
                <table class="preview">
                    <caption>"The first rows of the file"</caption>
                    <thead><tr>{headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>{preview.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
                </table>
            </div>
            // The values step is drawn again when the values change (a column changed).
            {move || match look.values.get() {
                Some(values) => view! { <Values pending values/> }.into_any(),
                None => view! { <p class="hint" data-testid="csv-values-waiting">"Listing the file\u{2019}s values\u{2026}"</p> }.into_any(),
            }}
            <PersonaRules pending look/>
            <InProgressChoice pending/>
            <p class="actions">
                <button type="button" class="primary" data-testid="csv-confirm" disabled=move || working.with(Option::is_some)
                    on:click=move |ev| confirm.run(ev)>"Import these contacts"</button>
                <button type="button" on:click=move |_| pending.set(None)>"Cancel"</button>
            </p>
        </div>
    }
    .into_any()
}

/// A field's short code, for test ids.
fn field_code(f: Field) -> String {
    serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The columns a persona rule can read, in the order the step offers them.
const RULE_COLUMNS: [Field; 10] = [
    Field::LifecycleStage,
    Field::LeadStatus,
    Field::Score,
    Field::JobTitle,
    Field::Industry,
    Field::CompanySize,
    Field::Country,
    Field::Company,
    Field::Source,
    Field::Owner,
];

/// Changes the pending import's choices.
fn change_choices(pending: RwSignal<Option<Pending>>, f: impl FnOnce(&mut ImportOptions)) {
    pending.update(|p| {
        if let Some(p) = p.as_mut() {
            f(&mut p.choices);
        }
    })
}

/// Personas by rule: each rule reads a column (stage, status, score band or a trait) and
/// gives a persona; rows no rule matches get the fallback (spread by stage, by default).
/// The counts per persona are those the import would make now.
#[component]
fn PersonaRules(pending: RwSignal<Option<Pending>>, look: Look) -> impl IntoView {
    let app = use_app();
    let personas: Vec<(String, String)> = app.scenario.with_untracked(|s| s.personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect());
    // The rows are drawn again only when a rule is added or removed.
    let count = Memo::new(move |_| pending.with(|p| p.as_ref().map_or(0, |p| p.choices.persona_rules.len())));
    let counts = look.counts;
    let fallback = pending.with_untracked(|p| p.as_ref().and_then(|p| p.choices.persona.clone())).unwrap_or_default();
    let first_persona = personas.first().map(|p| p.0.clone()).unwrap_or_default();
    let add = move |_| {
        let persona = first_persona.clone();
        let value = look.values.with_untracked(|v| v.as_ref().and_then(|v| v.get(Field::LifecycleStage).first().map(|v| v.0.clone()))).unwrap_or_default();
        change_choices(pending, |c| c.persona_rules.push(PersonaRule { column: Field::LifecycleStage, value, persona }));
    };
    let rows = {
        let personas = personas.clone();
        move || {
            let n = count.get();
            (0..n).map(|i| view! { <RuleRow pending values=look.values i personas=personas.clone()/> }).collect_view()
        }
    };
    view! {
        <div class="persona-rules" data-testid="csv-personas">
            <h5>"3. Personas"</h5>
            <p class="hint">"Give personas by lifecycle stage, lead status, score band or any other column. The first rule a row matches decides; rows no rule matches get the choice below."</p>
            <ol class="rules">{rows}</ol>
            <p><button type="button" data-testid="csv-add-rule" on:click=add>"+ Rule"</button></p>
            <label class="field fallback">
                <span class="field-label">"Rows no rule matches"</span>
                <select data-testid="csv-persona" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    change_choices(pending, |c| c.persona = (!v.is_empty()).then_some(v));
                }>
                    <option value="" selected=fallback.is_empty()>"Spread over the personas by stage, as this scenario's mix"</option>
                    {personas.iter().map(|(id, name)| view! { <option value=id.clone() selected=*id == fallback>{format!("all {name}")}</option> }).collect_view()}
                </select>
            </label>
            <p class="hint" data-testid="csv-would-import" aria-live="polite" data-counted=move || counts.with(Option::is_some).to_string()>{move || match counts.get() {
                Some(Counts { imported, left, .. }) => {
                    let rows = if left == 1 { "1 row is".to_string() } else { format!("{left} rows are") };
                    let left = if left > 0 { format!("; {rows} left out or merged (listed after the import)") } else { String::new() };
                    format!("{imported} contacts would import{left}. Personas:")
                }
                None => "Counting what the import would make\u{2026}".to_string(),
            }}</p>
            <ul class="persona-counts" data-testid="csv-persona-counts">
                {move || counts.get().map(|c| c.personas.into_iter().map(|(name, n)| view! { <li>{name}": "<b>{n}</b></li> }).collect_view())}
            </ul>
        </div>
    }
}

/// One persona rule: column, value, persona.
#[component]
fn RuleRow(pending: RwSignal<Option<Pending>>, values: Memo<Option<Values>>, i: usize, personas: Vec<(String, String)>) -> impl IntoView {
    let rule = move || pending.with(|p| p.as_ref().and_then(|p| p.choices.persona_rules.get(i).cloned()));
    let Some(start) = rule() else { return ().into_any() };
    let edit = move |f: Box<dyn FnOnce(&mut PersonaRule)>| {
        change_choices(pending, |c| {
            if let Some(r) = c.persona_rules.get_mut(i) {
                f(r)
            }
        })
    };
    // The file's values of the rule's column, offered as suggestions.
    let suggestions = move || {
        let column = pending.with(|p| p.as_ref().and_then(|p| p.choices.persona_rules.get(i).map(|r| r.column)));
        let column = column.filter(|c| *c != Field::Score);
        values
            .with(|v| {
                let (v, column) = (v.as_ref()?, column?);
                Some(v.get(column).iter().filter(|v| !v.0.is_empty()).take(crm_look::MOST_SUGGESTIONS).cloned().collect::<Vec<_>>())
            })
            .unwrap_or_default()
    };
    let list_id = format!("csv-rule-values-{i}");
    let verb = move || rule().map(|r| r.column.rule_verb()).unwrap_or("is");
    let placeholder = move || if rule().is_some_and(|r| r.column == Field::Score) { "50-100 or 100+" } else { "a value" };
    let band_error = move || rule().is_some_and(|r| r.column == Field::Score && crate::engine::crm_import::score_band(&r.value).is_none());
    view! {
        <li class="rule" data-testid="csv-rule"><div class="rule-parts">
            <select aria-label=format!("Rule {}: column", i + 1) data-testid="csv-rule-column" on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(f) = RULE_COLUMNS.into_iter().find(|f| field_code(*f) == v) {
                    edit(Box::new(move |r| { r.column = f; r.value.clear(); }));
                }
            }>
                {RULE_COLUMNS.into_iter().map(|f| view! { <option value=field_code(f) selected=f == start.column>{f.label().trim_end_matches(" (a rep)")}</option> }).collect_view()}
            </select>
            <span class="verb">{verb}</span>
            <input type="text" list=list_id.clone() aria-label=format!("Rule {}: value", i + 1) data-testid="csv-rule-value"
                placeholder=placeholder prop:value=move || rule().map(|r| r.value).unwrap_or_default()
                aria-invalid=move || band_error().to_string()
                on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |r| r.value = v.trim().to_string())); }/>
            <datalist id=list_id>{move || suggestions().into_iter().map(|(v, n)| view! { <option value=v.clone()>{format!("{v} ({n})")}</option> }).collect_view()}</datalist>
            <span class="verb">"→"</span>
            <select aria-label=format!("Rule {}: persona", i + 1) data-testid="csv-rule-persona" on:change=move |ev| {
                let v = event_target_value(&ev);
                edit(Box::new(move |r| r.persona = v));
            }>
                {personas.iter().map(|(id, name)| view! { <option value=id.clone() selected=*id == start.persona>{name.clone()}</option> }).collect_view()}
            </select>
            <button type="button" class="icon" aria-label=format!("Remove rule {}", i + 1) on:click=move |_| {
                change_choices(pending, |c| { if i < c.persona_rules.len() { c.persona_rules.remove(i); } });
            }>"✕"</button>
            </div>
            <Show when=band_error><span class="field-error">"Write a score band such as 50-100 or 100+."</span></Show>
        </li>
    }
    .into_any()
}

/// What the sales work under way means for contacts a rep already owns, by stage.
#[component]
fn InProgressChoice(pending: RwSignal<Option<Pending>>) -> impl IntoView {
    let start = pending.with_untracked(|p| p.as_ref().map(|p| p.choices.in_progress)).unwrap_or_default();
    view! {
        <div class="in-progress" data-testid="csv-in-progress">
            <h5>"4. Sales work already under way"</h5>
            <p class="hint">"A contact a rep owns when the plan starts is with sales from the first day: no handoff, no SLA clock. Say what the rep is doing with it."</p>
            <div class="field-grid">
                {InProgress::STAGES.into_iter().map(|(stage, label)| view! {
                    <label class="field">
                        <span class="field-label">{label}</span>
                        <select data-testid=format!("csv-in-progress-{}", stage.as_str()) on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(work) = OpenWork::ALL.into_iter().find(|w| w.as_str() == v) {
                                change_choices(pending, |c| c.in_progress.set(stage, work));
                            }
                        }>
                            {OpenWork::ALL.into_iter().map(|w| view! { <option value=w.as_str() selected=start.for_stage(stage) == Some(w)>{w.label()}</option> }).collect_view()}
                        </select>
                    </label>
                }).collect_view()}
            </div>
        </div>
    }
}
/// The mapping's second step: every distinct lifecycle stage, lead status, owner and source
/// in the file, with counts, each mapped to what it means in the scenario (pre-filled with
/// HubSpot's meanings), and the date order when the file cannot tell it.
#[component]
fn Values(pending: RwSignal<Option<Pending>>, values: Values) -> impl IntoView {
    let app = use_app();
    let Some(p) = pending.get_untracked() else { return ().into_any() };
    let change = move |f: Box<dyn FnOnce(&mut ImportOptions)>| change_choices(pending, f);
    let stages = values.get(Field::LifecycleStage).to_vec();
    let statuses = values.get(Field::LeadStatus).to_vec();
    let owners: Vec<(String, usize)> = values.get(Field::Owner).iter().filter(|(o, _)| !o.is_empty()).cloned().collect();
    let sources: Vec<(String, usize)> = values.get(Field::Source).iter().filter(|(s, _)| !s.is_empty()).cloned().collect();
    let reps: Vec<String> = app.scenario.with_untracked(|s| s.reps.iter().map(|r| r.name.clone()).collect());
    let date_open = values.date_order_open;
    let choices = p.choices.clone();
    let shown = [!stages.is_empty(), !statuses.is_empty(), !owners.is_empty(), !sources.is_empty()];
    let stage_rows = stages
        .into_iter()
        .map(|(value, n)| {
            let chosen = choices.stages.get(&value).copied().or_else(|| usual_stage(&value)).unwrap_or(Stage::Lead);
            let known = usual_stage(&value).is_some() || choices.stages.contains_key(&value);
            let v = value.clone();
            view! {
                <tr>
                    <td>{format!("\u{201c}{value}\u{201d}")}{(!known).then(|| view! { <span class="tag">" not known"</span> })}</td>
                    <td>{n}</td>
                    <td><select aria-label=format!("Stage for {value}") on:change=move |ev| {
                        let code = event_target_value(&ev);
                        let v = v.clone();
                        if let Some(stage) = Stage::ALL.into_iter().find(|s| s.as_str() == code) {
                            change(Box::new(move |c| { c.stages.insert(v, stage); }));
                        }
                    }>
                        {Stage::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=s == chosen>{s.label()}</option> }).collect_view()}
                    </select></td>
                </tr>
            }
        })
        .collect_view();
    let status_rows = statuses.into_iter().map(|(value, n)| {
        let chosen = choices.statuses.get(&value).copied().or_else(|| usual_status(&value)).unwrap_or(LeadStatus::None);
        let v = value.clone();
        view! {
            <tr>
                <td>{if value.is_empty() { "(empty)".to_string() } else { format!("\u{201c}{value}\u{201d}") }}</td>
                <td>{n}</td>
                <td><select aria-label=format!("Lead status for {value}") on:change=move |ev| {
                    let code = event_target_value(&ev);
                    let v = v.clone();
                    if let Some(status) = LeadStatus::ALL.into_iter().find(|s| s.as_str() == code) {
                        change(Box::new(move |c| { c.statuses.insert(v, status); }));
                    }
                }>
                    {LeadStatus::ALL.into_iter().filter(|s| *s != LeadStatus::Recycled).map(|s| view! {
                        <option value=s.as_str() selected=s == chosen>{if s == LeadStatus::None { "no status (with marketing)" } else { s.label() }}</option>
                    }).collect_view()}
                </select></td>
            </tr>
        }
    }).collect_view();
    let owner_rows = owners.into_iter().map(|(owner, n)| {
        let current = match choices.owners.get(&owner) {
            Some(OwnerChoice::Rep(r)) => format!("rep:{r}"),
            Some(OwnerChoice::NewRep) => "new".to_string(),
            Some(OwnerChoice::NotSales) => "none".to_string(),
            None => reps.iter().find(|r| r.eq_ignore_ascii_case(&owner)).map(|r| format!("rep:{r}")).unwrap_or_else(|| "none".into()),
        };
        let o = owner.clone();
        let reps = reps.clone();
        view! {
            <tr>
                <td>{owner.clone()}</td>
                <td>{n}</td>
                <td><select data-testid="csv-owner" aria-label=format!("Who {owner} is") on:change=move |ev| {
                    let code = event_target_value(&ev);
                    let o = o.clone();
                    let choice = match code.as_str() {
                        "new" => OwnerChoice::NewRep,
                        "none" => OwnerChoice::NotSales,
                        rep => OwnerChoice::Rep(rep.trim_start_matches("rep:").to_string()),
                    };
                    change(Box::new(move |c| { c.owners.insert(o, choice); }));
                }>
                    {reps.iter().map(|r| { let code = format!("rep:{r}"); view! { <option value=code.clone() selected=code == current>{format!("the rep {r}")}</option> } }).collect_view()}
                    <option value="new" selected=current == "new">"a new rep (5 leads a week)"</option>
                    <option value="none" selected=current == "none">"not in sales (keeps the stage)"</option>
                </select></td>
            </tr>
        }
    }).collect_view();
    let source_rows = sources
        .into_iter()
        .map(|(source, n)| {
            let checked = choices.event_sources.iter().any(|e| e.eq_ignore_ascii_case(&source));
            let src = source.clone();
            view! {
                <tr>
                    <td>{format!("\u{201c}{source}\u{201d}")}</td>
                    <td>{n}</td>
                    <td><label><input type="checkbox" checked=checked on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let src = src.clone();
                        change(Box::new(move |c| {
                            c.event_sources.retain(|e| !e.eq_ignore_ascii_case(&src));
                            if on { c.event_sources.push(src); }
                        }));
                    }/>" met at an event (a rep follows up)"</label></td>
                </tr>
            }
        })
        .collect_view();
    let day_first = choices.day_first;
    view! {
        <div class="values" data-testid="csv-values">
            <h5>"2. What the file's values mean"</h5>
            <p class="hint">"Each value found in the file, with how many rows have it. HubSpot's meanings are filled in; change any that mean something else in your CRM."</p>
            {date_open.then(|| view! {
                <label class="field">
                    <span class="field-label">"Dates such as 03/04/2026 are"</span>
                    <select data-testid="csv-date-order" on:change=move |ev| {
                        let first = event_target_value(&ev) == "day";
                        change(Box::new(move |c| c.day_first = Some(first)));
                    }>
                        <option value="month" selected=day_first != Some(true)>"month first (4 March)"</option>
                        <option value="day" selected=day_first == Some(true)>"day first (3 April)"</option>
                    </select>
                </label>
            })}
            <div class="value-tables">
                {shown[0].then(|| view! { <table><caption>"Lifecycle stage"</caption><thead><tr><th>"In the file"</th><th>"Rows"</th><th>"In Baton"</th></tr></thead><tbody>{stage_rows}</tbody></table> })}
                {shown[1].then(|| view! { <table><caption>"Lead status"</caption><thead><tr><th>"In the file"</th><th>"Rows"</th><th>"In Baton"</th></tr></thead><tbody>{status_rows}</tbody></table> })}
                {shown[2].then(|| view! { <table data-testid="csv-owners"><caption>"Contact owner"</caption><thead><tr><th>"In the file"</th><th>"Rows"</th><th>"Is"</th></tr></thead><tbody>{owner_rows}</tbody></table> })}
                {shown[3].then(|| view! { <table><caption>"Original source"</caption><thead><tr><th>"In the file"</th><th>"Rows"</th><th>"Means"</th></tr></thead><tbody>{source_rows}</tbody></table> })}
            </div>
        </div>
    }
    .into_any()
}
