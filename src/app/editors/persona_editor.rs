//! Personas: the behaviour model of each kind of person — how they react to each kind of
//! email, what they do on their own, when they tire, and how their deals end.

use leptos::prelude::*;

use crate::app::editors::fields::{DecimalField, NumberField, ParsedField, TextField};
use crate::app::state::{cards_in_two, problem_text, use_app, Watch};
use crate::engine::scenario::{Activity, Habit, Persona, Reactions};
use crate::engine::Scenario;

/// Which reactions a field edits.
#[derive(Clone, Copy)]
enum Kind {
    Automated,
    Mass,
    Sales,
}

fn reactions(p: &mut Persona, k: Kind) -> &mut Reactions {
    match k {
        Kind::Automated => &mut p.automated,
        Kind::Mass => &mut p.mass,
        Kind::Sales => &mut p.sales,
    }
}

fn reactions_of(p: &Persona, k: Kind) -> &Reactions {
    match k {
        Kind::Automated => &p.automated,
        Kind::Mass => &p.mass,
        Kind::Sales => &p.sales,
    }
}

/// The persona panel.
#[component]
pub fn PersonaEditor() -> impl IntoView {
    let app = use_app();
    let count = Memo::new(move |_| app.scenario.watch(|s| s.personas.len()));
    view! {
        <section class="panel persona-editor" aria-labelledby="persona-title" data-testid="persona-editor">
            <h3 id="persona-title">"Personas: how each kind of person behaves"</h3>
            <p class="hint">"Chances are from 0 to 1 (0.25 = one in four). Every run with the same seed draws the same way."</p>
            {cards_in_two(count, 1, |p| view! { <PersonaCard p/> })}
        </section>
    }
}

#[component]
fn PersonaCard(
    /// Index of the persona.
    p: usize,
) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let name = move || app.scenario.watch(|s| s.personas.get(p).map(|x| x.name.clone()).unwrap_or_default());
    let habits = Memo::new(move |_| app.scenario.watch(|s| s.personas.get(p).map(|x| x.habits.len()).unwrap_or(0)));
    let get = move |s: &Scenario, k: Kind, f: fn(&Reactions) -> f64| s.personas.get(p).map(|x| f(reactions_of(x, k))).unwrap_or(0.0);
    let kind_row = move |label: &'static str, k: Kind| {
        view! {
            <div class="reaction-row">
                <span class="reaction-kind">{label}</span>
                <DecimalField label="Open" get=move |s| get(s, k, |r| r.open) set=move |s, v| if let Some(x) = s.personas.get_mut(p) { reactions(x, k).open = v }/>
                <DecimalField label="Click (if opened)" get=move |s| get(s, k, |r| r.click) set=move |s, v| if let Some(x) = s.personas.get_mut(p) { reactions(x, k).click = v }/>
                <DecimalField label="Reply (if opened)" get=move |s| get(s, k, |r| r.reply) set=move |s, v| if let Some(x) = s.personas.get_mut(p) { reactions(x, k).reply = v }/>
                <DecimalField label="Meeting (if replied)" get=move |s| get(s, k, |r| r.meeting) set=move |s, v| if let Some(x) = s.personas.get_mut(p) { reactions(x, k).meeting = v }/>
                <DecimalField label="Unsubscribe" get=move |s| get(s, k, |r| r.unsubscribe) set=move |s, v| if let Some(x) = s.personas.get_mut(p) { reactions(x, k).unsubscribe = v }/>
            </div>
        }
    };
    view! {
        <details class="persona" data-testid="persona">
            <summary>{name}</summary>
            <TextField label="Name" get=move |s| s.personas.get(p).map(|x| x.name.clone()).unwrap_or_default()
                set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.name = v.trim().to_string() }/>
            {kind_row("Automated email", Kind::Automated)}
            {kind_row("Mass email", Kind::Mass)}
            {kind_row("Sales email", Kind::Sales)}
            <div class="field-grid">
                <DecimalField label="Deal won after a meeting" get=move |s| s.personas.get(p).map(|x| x.win_chance).unwrap_or(0.0)
                    set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.win_chance = v }/>
                <DecimalField label="Address bounces" get=move |s| s.personas.get(p).map(|x| x.bounce_chance).unwrap_or(0.0)
                    set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.bounce_chance = v }/>
                <DecimalField label="After a reply with no meeting: bad timing" get=move |s| s.personas.get(p).map(|x| x.after_reply.bad_timing).unwrap_or(0.0)
                    set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.after_reply.bad_timing = v }/>
                <DecimalField label="…else unqualified (else the talk goes on)" get=move |s| s.personas.get(p).map(|x| x.after_reply.unqualified).unwrap_or(0.0)
                    set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.after_reply.unqualified = v }/>
                <DecimalField label="Event lead released cold after the first attempt" get=move |s| s.personas.get(p).map(|x| x.released_cold_after_first_attempt).unwrap_or(0.0)
                    set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.released_cold_after_first_attempt = v }/>
                <NumberField label="Emails a week before tiring" get=move |s| s.personas.get(p).map(|x| x.fatigue.tolerance_per_7_days as i64).unwrap_or(0)
                    set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.fatigue.tolerance_per_7_days = v.clamp(0, 1000) as u32 }/>
                <DecimalField label="Open chance lost per extra email" get=move |s| s.personas.get(p).map(|x| x.fatigue.open_drop_per_extra_email).unwrap_or(0.0)
                    set=move |s, v| if let Some(x) = s.personas.get_mut(p) { x.fatigue.open_drop_per_extra_email = v }/>
                <ParsedField label="Why their deals are lost (by commas, drawn at random)" placeholder="Price, Timing"
                    get=move |s| s.personas.get(p).map(|x| x.loss_reasons.join(", ")).unwrap_or_default()
                    set=move |s, v| { if let Some(x) = s.personas.get_mut(p) { x.loss_reasons = list(v) } Ok(()) }/>
            </div>
            <h5>"Who they are (generated contacts draw their traits from these, by commas)"</h5>
            <div class="field-grid">
                <ParsedField label="Industries" placeholder="any"
                    get=move |s| s.personas.get(p).map(|x| x.trait_mix.industry.join(", ")).unwrap_or_default()
                    set=move |s, v| { if let Some(x) = s.personas.get_mut(p) { x.trait_mix.industry = list(v) } Ok(()) }/>
                <ParsedField label="Job titles" placeholder="any"
                    get=move |s| s.personas.get(p).map(|x| x.trait_mix.job_title.join(", ")).unwrap_or_default()
                    set=move |s, v| { if let Some(x) = s.personas.get_mut(p) { x.trait_mix.job_title = list(v) } Ok(()) }/>
                <ParsedField label="Company sizes" placeholder="any"
                    get=move |s| s.personas.get(p).map(|x| x.trait_mix.company_size.join(", ")).unwrap_or_default()
                    set=move |s, v| { if let Some(x) = s.personas.get_mut(p) { x.trait_mix.company_size = list(v) } Ok(()) }/>
                <ParsedField label="Countries" placeholder="any"
                    get=move |s| s.personas.get(p).map(|x| x.trait_mix.country.join(", ")).unwrap_or_default()
                    set=move |s, v| { if let Some(x) = s.personas.get_mut(p) { x.trait_mix.country = list(v) } Ok(()) }/>
                <ParsedField label="Email domains" placeholder="their company's"
                    get=move |s| s.personas.get(p).map(|x| x.trait_mix.email_domain.join(", ")).unwrap_or_default()
                    set=move |s, v| { if let Some(x) = s.personas.get_mut(p) { x.trait_mix.email_domain = list(v) } Ok(()) }/>
            </div>
            <h5>"On their own"</h5>
            <div class="rows">
                {move || (0..habits.get()).map(|h| {
                    let is_form = move || app.scenario.watch(|s| s.personas.get(p).and_then(|x| x.habits.get(h)).is_some_and(|hb| matches!(hb.action, Activity::FillForm { .. })));
                    view! {
                        <div class="row-card">
                            <label class="field">
                                <span class="field-label">"Does"</span>
                                <select on:change=move |ev| {
                                    let form = event_target_value(&ev) == "form";
                                    let r = app.edit(|s| if let Some(hb) = s.personas.get_mut(p).and_then(|x| x.habits.get_mut(h)) {
                                        let name = match &hb.action { Activity::FillForm { asset } => asset.clone(), Activity::VisitPage { page } => page.clone() };
                                        hb.action = if form { Activity::FillForm { asset: name } } else { Activity::VisitPage { page: name } };
                                    });
                                    error.set(r.err().map(|p| problem_text(&p)));
                                }>
                                    <option value="page" selected=move || !is_form()>"visits the page"</option>
                                    <option value="form" selected=is_form>"fills the form"</option>
                                </select>
                            </label>
                            <TextField label="Named" get=move |s| s.personas.get(p).and_then(|x| x.habits.get(h)).map(|hb| match &hb.action { Activity::FillForm { asset } => asset.clone(), Activity::VisitPage { page } => page.clone() }).unwrap_or_default()
                                set=move |s, v| if let Some(hb) = s.personas.get_mut(p).and_then(|x| x.habits.get_mut(h)) {
                                    let v = v.trim().to_string();
                                    hb.action = match hb.action { Activity::FillForm { .. } => Activity::FillForm { asset: v }, Activity::VisitPage { .. } => Activity::VisitPage { page: v } };
                                }/>
                            <DecimalField label="Times a month" get=move |s| s.personas.get(p).and_then(|x| x.habits.get(h)).map(|hb| hb.per_month).unwrap_or(0.0)
                                set=move |s, v| if let Some(hb) = s.personas.get_mut(p).and_then(|x| x.habits.get_mut(h)) { hb.per_month = v }/>
                            <button type="button" class="icon" aria-label="Remove this habit" on:click=move |_| {
                                let _ = app.edit(|s| if let Some(x) = s.personas.get_mut(p) { if h < x.habits.len() { x.habits.remove(h); } });
                            }>"✕"</button>
                        </div>
                    }
                }).collect_view()}
            </div>
            <button type="button" on:click=move |_| {
                let _ = app.edit(|s| if let Some(x) = s.personas.get_mut(p) { x.habits.push(Habit { action: Activity::VisitPage { page: "Pricing".into() }, per_month: 1.0 }) });
            }>"+ Habit"</button>
            <p class="actions">
                <button type="button" class="danger" on:click=move |_| app.edit_or_refuse(error, |s| s.remove_persona(p))>"Delete this persona"</button>
            </p>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </details>
    }
}

/// Values separated by commas, as a list (empty parts dropped).
fn list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}
