//! Every detail of one named contact: who they are, their traits, how and when they came
//! in, where they start, who owns them, their time zone, their second address, and the
//! scripted story that replaces chance for them.
//!
//! The contact is found by id at each read and write, so the panel stays on the same
//! person while the table is sorted, filtered or paged.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::editors::fields::{CheckField, ChoiceField, NumberField, ParsedField, TextField};
use crate::app::state::{problem_text, use_app, Watch};
use crate::engine::calendar::{ClockTime, UtcOffset};
use crate::engine::scenario::{Contact, DealOutcome, Script, ScriptAction, ScriptedEvent, Source};
use crate::engine::{Scenario, Stage};

/// Reads one value of the contact with this id (a default when it is gone).
fn read<T: Default>(s: &Scenario, id: &str, f: impl Fn(&Contact) -> T) -> T {
    s.contacts.iter().find(|c| c.id == id).map(f).unwrap_or_default()
}

/// Changes the contact with this id, if it is still there.
fn write(s: &mut Scenario, id: &str, f: impl FnOnce(&mut Contact)) {
    if let Some(c) = s.contacts.iter_mut().find(|c| c.id == id) {
        f(c);
    }
}

/// Changes the contact's script, giving them one if they had none.
fn write_script(s: &mut Scenario, id: &str, f: impl FnOnce(&mut Script)) {
    write(s, id, |c| f(c.script.get_or_insert_with(Script::default)));
}

/// Names separated by commas, as a list (empty parts dropped).
fn name_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

const SOURCES: [(&str, &str); 4] = [
    ("content_download", "Downloaded content"),
    ("event_marked", "Event card, marked as sales-owned in the CRM"),
    ("event_unmarked", "Event card, never marked in the CRM"),
    ("import", "Imported from a list"),
];

/// The code of a source in the drop-downs that choose it.
pub(super) fn source_code(source: &Source) -> String {
    match source {
        Source::ContentDownload { .. } => "content_download",
        Source::EventCard { marked_in_crm: true } => "event_marked",
        Source::EventCard { marked_in_crm: false } => "event_unmarked",
        Source::Import => "import",
    }
    .to_string()
}

/// The source a drop-down code names; a download keeps the asset it had (else "eBook").
pub(super) fn source_from_code(current: &Source, code: &str) -> Source {
    let asset = match current {
        Source::ContentDownload { asset } => asset.clone(),
        _ => "eBook".to_string(),
    };
    match code {
        "content_download" => Source::ContentDownload { asset },
        "event_marked" => Source::EventCard { marked_in_crm: true },
        "event_unmarked" => Source::EventCard { marked_in_crm: false },
        _ => Source::Import,
    }
}

/// The details panel of one named contact.
#[component]
pub fn ContactDetails(
    /// The contact's id.
    id: String,
    /// Closes the panel.
    close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let id: Arc<str> = id.into();
    let exists = {
        let id = id.clone();
        move || app.scenario.watch(|s| s.contacts.iter().any(|c| *c.id == *id))
    };
    let title = {
        let id = id.clone();
        move || app.scenario.watch(|s| read(s, &id, |c| c.name.clone()))
    };
    let (personas, reps) = app.scenario.with_untracked(|s| {
        (
            s.personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>(),
            s.reps.iter().map(|r| (r.name.clone(), format!("Sales: {}", r.name))).collect::<Vec<_>>(),
        )
    });
    let stages: Vec<(String, String)> = Stage::ALL.into_iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect();
    let mut owners = vec![(String::new(), "Marketing (no rep yet)".to_string())];
    owners.extend(reps);

    // One text field per plain text of the contact.
    macro_rules! text {
        ($label:literal, $field:ident $(. $sub:ident)?) => {{
            let (g, w) = (id.clone(), id.clone());
            view! {
                <TextField label=$label
                    get=move |s| read(s, &g, |c| c.$field $(.$sub)? .clone())
                    set=move |s, v| write(s, &w, |c| c.$field $(.$sub)? = v.trim().to_string())/>
            }
        }};
    }
    #[rustfmt::skip]
    let (g1, w1, g2, w2, g3, w3, g4, w4, g5, w5, g6, w6, g7, w7, g8, w8, g9, w9) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(),
         id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let asset_id = id.clone();
    let has_asset = move || app.scenario.watch(|s| read(s, &asset_id, |c| matches!(c.source, Source::ContentDownload { .. })));
    let (ga, wa) = (id.clone(), id.clone());
    let script_id = id.clone();
    let has_script = move || app.scenario.watch(|s| read(s, &script_id, |c| c.script.is_some()));
    let (gs, ws) = (id.clone(), id.clone());
    let script_view = {
        let id = id.clone();
        move || has_script().then(|| view! { <ScriptEditor id=id.clone()/> })
    };
    let heading_id = id.clone();
    view! {
        <p class="hint" hidden=exists.clone()>"This contact is no longer in the scenario."</p>
            <section class="contact-details" aria-labelledby="contact-details-title" data-testid="contact-details" hidden=move || !exists()>
                <header class="details-head">
                    <h4 id="contact-details-title">{title.clone()}<span class="hint">{format!(" · id {heading_id}")}</span></h4>
                    <button type="button" data-testid="contact-details-close" on:click=move |_| close.run(())>"Close"</button>
                </header>
                <h5>"Who they are"</h5>
                <div class="field-grid">
                    {text!("Name", name)}
                    {text!("Email", email)}
                    {text!("Company", company)}
                    {text!("Industry", traits.industry)}
                    {text!("Job title", traits.job_title)}
                    {text!("Company size", traits.company_size)}
                    {text!("Country", traits.country)}
                    <ChoiceField label="Persona (behaviour)" options=personas.clone()
                        get=move |s| read(s, &g1, |c| c.persona.clone())
                        set=move |s, v| write(s, &w1, |c| c.persona = v)/>
                </div>
                <h5>"How and when they came in"</h5>
                <div class="field-grid">
                    <ChoiceField label="Source" testid="contact-source"
                        options=SOURCES.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect()
                        get=move |s| read(s, &g2, |c| source_code(&c.source))
                        set=move |s, v| write(s, &w2, |c| c.source = source_from_code(&c.source, &v))/>
                    <Show when=has_asset.clone()>
                        {
                            let (ga, wa) = (ga.clone(), wa.clone());
                            view! {
                                <TextField label="Downloaded asset"
                                    get=move |s| read(s, &ga, |c| match &c.source { Source::ContentDownload { asset } => asset.clone(), _ => String::new() })
                                    set=move |s, v| write(s, &wa, |c| if let Source::ContentDownload { asset } = &mut c.source { *asset = v.trim().to_string() })/>
                            }
                        }
                    </Show>
                    <NumberField label="Arrives on day" unit="from the start"
                        get=move |s| read(s, &g3, |c| c.arrives_day as i64)
                        set=move |s, v| write(s, &w3, |c| c.arrives_day = v.clamp(0, u32::MAX as i64) as u32)/>
                    <ParsedField label="Arrives at (team time)" placeholder="10:00"
                        get=move |s| read(s, &g4, |c| c.arrives_at.to_string())
                        set=move |s, v| { let t = ClockTime::parse(v)?; write(s, &w4, |c| c.arrives_at = t); Ok(()) }/>
                    <ParsedField label="Own time zone" placeholder="team's (e.g. +02:00)" testid="contact-offset"
                        get=move |s| read(s, &g5, |c| c.utc_offset.map(|o| o.to_string()).unwrap_or_default())
                        set=move |s, v| {
                            let offset = if v.is_empty() { None } else { Some(UtcOffset::parse(v)?) };
                            write(s, &w5, |c| c.utc_offset = offset);
                            Ok(())
                        }/>
                </div>
                <h5>"Where they start"</h5>
                <div class="field-grid">
                    <ChoiceField label="Stage" options=stages.clone()
                        get=move |s| read(s, &g6, |c| c.stage.as_str().to_string())
                        set=move |s, v| { if let Some(st) = Stage::ALL.into_iter().find(|x| x.as_str() == v) { write(s, &w6, |c| c.stage = st) } }/>
                    <NumberField label="Starting score" unit="points"
                        get=move |s| read(s, &g7, |c| c.score as i64)
                        set=move |s, v| write(s, &w7, |c| c.score = v.clamp(i32::MIN as i64, i32::MAX as i64) as i32)/>
                    <ChoiceField label="Owner" options=owners.clone() testid="contact-owner"
                        get=move |s| read(s, &g8, |c| c.owner.clone().unwrap_or_default())
                        set=move |s, v| write(s, &w8, |c| c.owner = (!v.is_empty()).then_some(v))/>
                    <ParsedField label="Same person as (id of their other address)" placeholder="none" testid="contact-same-as"
                        get=move |s| read(s, &g9, |c| c.same_person_as.clone().unwrap_or_default())
                        set=move |s, v| {
                            if !v.is_empty() && !s.contacts.iter().any(|c| c.id == v) {
                                return Err(format!("no contact has the id \u{201c}{v}\u{201d}"));
                            }
                            write(s, &w9, |c| c.same_person_as = (!v.is_empty()).then(|| v.to_string()));
                            Ok(())
                        }/>
                </div>
                <h5>"A scripted story"</h5>
                <p class="hint">"With a script nothing about this contact is left to chance: they do exactly what is written here, so a workshop can walk through one lead's whole calendar."</p>
                <CheckField label="Script this contact"
                    get=move |s| read(s, &gs, |c| c.script.is_some())
                    set=move |s, on| write(s, &ws, |c| c.script = on.then(|| c.script.clone().unwrap_or_default()))/>
                {script_view}
            </section>
    }
}

/// The scripted story of one contact.
#[component]
fn ScriptEditor(id: Arc<str>) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    #[rustfmt::skip]
    let (g1, w1, g2, w2, g3, w3, g4, w4, g5, w5, g6, w6, g7, w7) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(),
         id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let script = |s: &Scenario, id: &str| read(s, id, |c| c.script.clone().unwrap_or_default());
    let events = {
        let id = id.clone();
        move || app.scenario.watch(|s| script(s, &id).events.len())
    };
    let rows = {
        let id = id.clone();
        move || (0..events()).map(|k| view! { <ScriptedEventRow id=id.clone() k error/> }).collect_view()
    };
    let add_id = id.clone();
    view! {
        <div class="script-editor" data-testid="script-editor">
            <table class="entries">
                <caption>"What they do, and when"</caption>
                <thead><tr><th scope="col">"Day"</th><th scope="col">"Time"</th><th scope="col">"Does"</th><th scope="col">"Asset or page"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <button type="button" data-testid="script-add-event" on:click=move |_| {
                error.set(app.edit(|s| write_script(s, &add_id, |sc| sc.events.push(ScriptedEvent {
                    day: 1,
                    at: ClockTime::new(10, 0),
                    action: ScriptAction::VisitPage { page: "Pricing".into() },
                }))).err().map(|p| problem_text(&p)));
            }>"+ Something they do"</button>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="field-grid">
                <ParsedField label="Opens these emails (names, by commas)" placeholder="none"
                    get=move |s| script(s, &g1).opens.join(", ")
                    set=move |s, v| { write_script(s, &w1, |sc| sc.opens = name_list(v)); Ok(()) }/>
                <ParsedField label="Clicks in these emails" placeholder="none"
                    get=move |s| script(s, &g2).clicks.join(", ")
                    set=move |s, v| { write_script(s, &w2, |sc| sc.clicks = name_list(v)); Ok(()) }/>
                <NumberField label="Replies to sales touch number" unit="(0 = never)"
                    get=move |s| script(s, &g3).replies_to_sales_touch.unwrap_or(0) as i64
                    set=move |s, v| write_script(s, &w3, |sc| sc.replies_to_sales_touch = (v > 0).then(|| v.min(u32::MAX as i64) as u32))/>
                <CheckField label="Books a meeting when replying"
                    get=move |s| script(s, &g4).books_meeting
                    set=move |s, on| write_script(s, &w4, |sc| sc.books_meeting = on)/>
                <ChoiceField label="The deal"
                    options=vec![(String::new(), "Not decided".into()), ("won".into(), "Won".into()), ("lost".into(), "Lost".into())]
                    get=move |s| match script(s, &g5).deal { None => String::new(), Some(DealOutcome::Won) => "won".into(), Some(DealOutcome::Lost { .. }) => "lost".into() }
                    set=move |s, v| write_script(s, &w5, |sc| sc.deal = match v.as_str() {
                        "won" => Some(DealOutcome::Won),
                        "lost" => Some(DealOutcome::Lost { reason: match &sc.deal { Some(DealOutcome::Lost { reason }) => reason.clone(), _ => "Price".into() } }),
                        _ => None,
                    })/>
                <TextField label="Reason the deal is lost"
                    get=move |s| match script(s, &g6).deal { Some(DealOutcome::Lost { reason }) => reason, _ => String::new() }
                    set=move |s, v| write_script(s, &w6, |sc| if let Some(DealOutcome::Lost { reason }) = &mut sc.deal { *reason = v.trim().to_string() })/>
                <TextField label="Unsubscribes on the email named"
                    get=move |s| script(s, &g7).unsubscribes_on.unwrap_or_default()
                    set=move |s, v| write_script(s, &w7, |sc| sc.unsubscribes_on = (!v.trim().is_empty()).then(|| v.trim().to_string()))/>
            </div>
        </div>
    }
}

/// One scripted action: day, time, what, and which asset or page.
#[component]
fn ScriptedEventRow(id: Arc<str>, k: usize, error: RwSignal<Option<String>>) -> impl IntoView {
    let app = use_app();
    let event = {
        let id = id.clone();
        move || app.scenario.watch(|s| read(s, &id, |c| c.script.as_ref().and_then(|sc| sc.events.get(k).cloned())))
    };
    let change = {
        let id = id.clone();
        move |f: &dyn Fn(&mut ScriptedEvent) -> Result<(), String>| {
            let mut wrong = None;
            let r = app.edit(|s| {
                write_script(s, &id, |sc| {
                    if let Some(e) = sc.events.get_mut(k) {
                        if let Err(w) = f(e) {
                            wrong = Some(w);
                        }
                    }
                })
            });
            error.set(wrong.or(r.err().map(|p| problem_text(&p))));
        }
    };
    let (c1, c2, c3, c4) = (change.clone(), change.clone(), change.clone(), change.clone());
    let remove_id = id.clone();
    let (e1, e2, e3, e4, e5) = (event.clone(), event.clone(), event.clone(), event.clone(), event.clone());
    view! {
        <tr>
            <td><input type="number" min="0" aria-label="Day"
                prop:value=move || e1().map(|e| e.day.to_string()).unwrap_or_default()
                on:change=move |ev| { let v = event_target_value(&ev); c1(&|e| { e.day = v.trim().parse().map_err(|_| format!("\u{201c}{v}\u{201d} is not a day number"))?; Ok(()) }) }/></td>
            <td><input type="text" aria-label="Time" size="5"
                prop:value=move || e2().map(|e| e.at.to_string()).unwrap_or_default()
                on:change=move |ev| { let v = event_target_value(&ev); c2(&|e| { e.at = ClockTime::parse(v.trim())?; Ok(()) }) }/></td>
            <td><select aria-label="Does"
                prop:value=move || e3().map(|e| e.action.code()).unwrap_or("visit")
                on:change=move |ev| { let v = event_target_value(&ev); c3(&|e| {
                    let name = e.action.name().unwrap_or("Pricing").to_string();
                    e.action = ScriptAction::from_code(&v, &name).ok_or_else(|| format!("\u{201c}{v}\u{201d} is not an action"))?;
                    Ok(())
                }) }>
                {ScriptAction::KINDS.into_iter().map(|(code, words)| view! { <option value=code>{words}</option> }).collect_view()}
            </select></td>
            <td><input type="text" aria-label="Asset or page"
                prop:disabled=move || e5().is_some_and(|e| e.action.name().is_none())
                prop:value=move || e4().and_then(|e| e.action.name().map(str::to_string)).unwrap_or_default()
                on:change=move |ev| { let v = event_target_value(&ev).trim().to_string(); c4(&|e| {
                    if let Some(changed) = ScriptAction::from_code(e.action.code(), &v) { e.action = changed; }
                    Ok(())
                }) }/></td>
            <td><button type="button" class="icon" aria-label="Remove this action" on:click=move |_| {
                error.set(app.edit(|s| write_script(s, &remove_id, |sc| { if k < sc.events.len() { sc.events.remove(k); } })).err().map(|p| problem_text(&p)));
            }>"✕"</button></td>
        </tr>
    }
}
