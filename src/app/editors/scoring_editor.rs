//! Lead scoring: behaviour rules, fit rules, decay and the total cap, with a live preview
//! of how the selected contact's score moves and when it crosses the MQL and handoff
//! thresholds.

use leptos::prelude::*;

use crate::app::editors::fields::{NumberField, TextField};
use crate::app::state::{problem_text, use_app, Watch};
use crate::engine::scenario::{BehaviourRule, Decay, Disqualifier, FitRule, ScoredEvent, TraitName};
use crate::engine::What;

const EVENTS: [(ScoredEvent, &str); 7] = [
    (ScoredEvent::FormFill, "Fills a form"),
    (ScoredEvent::PageVisit, "Visits a page"),
    (ScoredEvent::EmailOpen, "Opens an email"),
    (ScoredEvent::EmailClick, "Clicks in an email"),
    (ScoredEvent::EmailReply, "Replies to an email"),
    (ScoredEvent::EmailIgnored, "Ignores an email (3 days)"),
    (ScoredEvent::Unsubscribe, "Unsubscribes"),
];

/// The scoring panel.
#[component]
pub fn ScoringEditor() -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let edit = move |change: Box<dyn FnOnce(&mut crate::engine::Scenario)>| app.edit_or_report(error, change);
    let rules = Memo::new(move |_| app.scenario.watch(|s| s.scoring.behaviour.len()));
    view! {
        <section class="panel scoring-editor" aria-labelledby="scoring-title" data-testid="scoring-editor">
            <h3 id="scoring-title">"Lead scoring"</h3>
            <ScorePreview/>
            <h4>"Points for what people do"</h4>
            <div class="rows">
                {move || (0..rules.get()).map(|r| view! {
                    <div class="row-card">
                        <label class="field">
                            <span class="field-label">"When a contact"</span>
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some((e, _)) = EVENTS.iter().find(|(e, _)| format!("{e:?}") == v) {
                                    let e = *e;
                                    edit(Box::new(move |s| if let Some(x) = s.scoring.behaviour.get_mut(r) { x.event = e }));
                                }
                            }>
                                {EVENTS.into_iter().map(|(e, label)| view! {
                                    <option value=format!("{e:?}") selected=move || app.scenario.watch(|s| s.scoring.behaviour.get(r).is_some_and(|x| x.event == e))>{label}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <TextField label="Named (empty = any)" get=move |s| s.scoring.behaviour.get(r).map(|x| x.name.clone()).unwrap_or_default()
                            set=move |s, v| if let Some(x) = s.scoring.behaviour.get_mut(r) { x.name = v.trim().to_string() }/>
                        <NumberField label="Points" get=move |s| s.scoring.behaviour.get(r).map(|x| x.points as i64).unwrap_or(0)
                            set=move |s, v| if let Some(x) = s.scoring.behaviour.get_mut(r) { x.points = v.clamp(-100_000, 100_000) as i32 }/>
                        <NumberField label="At most (0 = no cap)" get=move |s| s.scoring.behaviour.get(r).and_then(|x| x.cap).unwrap_or(0) as i64
                            set=move |s, v| if let Some(x) = s.scoring.behaviour.get_mut(r) { x.cap = (v != 0).then_some(v.clamp(-100_000, 100_000) as i32) }/>
                        <button type="button" class="icon" aria-label="Remove this rule"
                            on:click=move |_| edit(Box::new(move |s| { s.scoring.behaviour.remove(r); }))>"✕"</button>
                    </div>
                }).collect_view()}
            </div>
            <button type="button" on:click=move |_| edit(Box::new(|s| s.scoring.behaviour.push(BehaviourRule { event: ScoredEvent::PageVisit, name: String::new(), points: 5, cap: None })))>"+ Rule"</button>
            <h4>"Points for who people are (fit)"</h4>
            <TraitRules fit=true/>
            <h4>"Disqualifiers: people who will never buy (stage Other)"</h4>
            <TraitRules fit=false/>
            <h4>"Decay and cap"</h4>
            <div class="field-grid">
                <NumberField label="Quiet for (0 = no decay)" unit="days" get=|s| s.scoring.decay.as_ref().map(|d| d.quiet_days as i64).unwrap_or(0)
                    set=|s, v| {
                        if v <= 0 { s.scoring.decay = None } else {
                            let points = s.scoring.decay.as_ref().map(|d| d.points).unwrap_or(10);
                            s.scoring.decay = Some(Decay { quiet_days: v.min(730) as u32, points });
                        }
                    }/>
                <NumberField label="loses" unit="points each time" get=|s| s.scoring.decay.as_ref().map(|d| d.points as i64).unwrap_or(0)
                    set=|s, v| if let Some(d) = s.scoring.decay.as_mut() { d.points = v.clamp(0, 100_000) as i32 }/>
                <NumberField label="Highest score (0 = none)" get=|s| s.scoring.max_score.unwrap_or(0) as i64
                    set=|s, v| s.scoring.max_score = (v > 0).then_some(v.min(1_000_000) as i32)/>
            </div>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The selected contact's score over time, with the thresholds.
#[component]
fn ScorePreview() -> impl IntoView {
    let app = use_app();
    let chart = move || {
        let run = app.run.get();
        let d = &run.0;
        let o = &d.outcome;
        let i = app.selected.get().min(o.items.len().saturating_sub(1));
        let (mql, handoff, name) = app.scenario.watch(|s| (s.lifecycle.mql_score, s.lifecycle.handoff_score, d.population.info(&d.scenario, i).name));
        let points: Vec<(u32, i32)> =
            o.items.contact(i).iter().filter(|it| it.carries_score() || it.what == What::Unsubscribed).map(|it| (it.at, it.value as i32)).collect();
        let end = o.clock.end.max(1) as f64;
        let top = points.iter().map(|p| p.1).max().unwrap_or(0).max(handoff).max(1) as f64 * 1.1;
        let (w, h, left) = (900.0, 180.0, 44.0);
        let x = move |t: u32| left + (w - left - 10.0) * t as f64 / end;
        let y = move |v: f64| h - 20.0 - (h - 30.0) * v / top;
        // A step line: the score holds until the next change.
        let mut path = String::new();
        let mut last: Option<(u32, i32)> = None;
        for &(t, v) in &points {
            match last {
                None => path.push_str(&format!("M{:.1},{:.1}", x(t), y(v as f64))),
                Some(_) => path.push_str(&format!(" H{:.1} V{:.1}", x(t), y(v as f64))),
            }
            last = Some((t, v));
        }
        if last.is_some() {
            path.push_str(&format!(" H{:.1}", x(o.clock.end)));
        }
        let crossing = points.iter().find(|p| p.1 >= handoff).map(|p| o.clock.short(p.0));
        let summary = match &crossing {
            Some(when) => format!("{name} crosses the handoff score of {handoff} on {when}."),
            None => format!("{name} never reaches the handoff score of {handoff}; the highest score is {}.", points.iter().map(|p| p.1).max().unwrap_or(0)),
        };
        view! {
            <figure class="wide-chart" data-testid="score-preview">
                <figcaption>{format!("Score of {name} over time (pick another contact under Results)")}</figcaption>
                <svg viewBox=format!("0 0 {w} {h}") width="100%" role="img" aria-label=summary.clone()>
                    <line class="target" x1=left x2=w - 10.0 y1=y(handoff as f64) y2=y(handoff as f64)/>
                    <text class="target-label" x=left + 4.0 y=y(handoff as f64) - 4.0>{format!("handoff {handoff}")}</text>
                    <line class="mql-line" x1=left x2=w - 10.0 y1=y(mql as f64) y2=y(mql as f64)/>
                    <text class="mql-label" x=left + 4.0 y=y(mql as f64) - 4.0>{format!("MQL {mql}")}</text>
                    <path d=path class="score-line" fill="none"/>
                    <text class="axis-label" x=left - 6.0 y=y(0.0) + 4.0 text-anchor="end">"0"</text>
                </svg>
                <p class="preview-summary" data-testid="score-summary">{summary}</p>
            </figure>
        }
    };
    view! { {chart} }
}

const TRAITS: [(TraitName, &str); 5] = [
    (TraitName::Industry, "Industry"),
    (TraitName::JobTitle, "Job title"),
    (TraitName::CompanySize, "Company size"),
    (TraitName::Country, "Country"),
    (TraitName::EmailDomain, "Email domain"),
];

/// Fit rules (`fit`) or disqualifiers: a trait, a value, and points or a label.
#[component]
fn TraitRules(
    /// Fit rules when true, disqualifiers when false.
    fit: bool,
) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let count = Memo::new(move |_| app.scenario.watch(|s| if fit { s.scoring.fit.len() } else { s.scoring.disqualifiers.len() }));
    let trait_of = move |s: &crate::engine::Scenario, r: usize| {
        if fit {
            s.scoring.fit.get(r).map(|x| x.trait_name)
        } else {
            s.scoring.disqualifiers.get(r).map(|x| x.trait_name)
        }
    };
    view! {
        <div class="rows">
            {move || (0..count.get()).map(|r| view! {
                <div class="row-card">
                    <label class="field">
                        <span class="field-label">"Trait"</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((t, _)) = TRAITS.iter().find(|(_, l)| *l == v) {
                                let t = *t;
                                error.set(app.edit(|s| if fit {
                                    if let Some(x) = s.scoring.fit.get_mut(r) { x.trait_name = t }
                                } else if let Some(x) = s.scoring.disqualifiers.get_mut(r) { x.trait_name = t }).err().map(|p| problem_text(&p)));
                            }
                        }>
                            {TRAITS.into_iter().map(|(t, label)| view! {
                                <option value=label selected=move || app.scenario.watch(|s| trait_of(s, r) == Some(t))>{label}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <TextField label="Equals" get=move |s| if fit { s.scoring.fit.get(r).map(|x| x.equals.clone()) } else { s.scoring.disqualifiers.get(r).map(|x| x.equals.clone()) }.unwrap_or_default()
                        set=move |s, v| if fit { if let Some(x) = s.scoring.fit.get_mut(r) { x.equals = v.trim().to_string() } } else if let Some(x) = s.scoring.disqualifiers.get_mut(r) { x.equals = v.trim().to_string() }/>
                    {if fit {
                        view! { <NumberField label="Points" get=move |s| s.scoring.fit.get(r).map(|x| x.points as i64).unwrap_or(0)
                            set=move |s, v| if let Some(x) = s.scoring.fit.get_mut(r) { x.points = v.clamp(-100_000, 100_000) as i32 }/> }.into_any()
                    } else {
                        view! { <TextField label="Shown as" get=move |s| s.scoring.disqualifiers.get(r).map(|x| x.label.clone()).unwrap_or_default()
                            set=move |s, v| if let Some(x) = s.scoring.disqualifiers.get_mut(r) { x.label = v.trim().to_string() }/> }.into_any()
                    }}
                    <button type="button" class="icon" aria-label="Remove this rule" on:click=move |_| {
                        let _ = app.edit(|s| if fit { if r < s.scoring.fit.len() { s.scoring.fit.remove(r); } } else if r < s.scoring.disqualifiers.len() { s.scoring.disqualifiers.remove(r); });
                    }>"✕"</button>
                </div>
            }).collect_view()}
        </div>
        <button type="button" on:click=move |_| {
            let _ = app.edit(|s| if fit {
                s.scoring.fit.push(FitRule { trait_name: TraitName::Industry, equals: "Healthcare".into(), points: 10 })
            } else {
                s.scoring.disqualifiers.push(Disqualifier { trait_name: TraitName::JobTitle, equals: "Student".into(), label: "Student".into() })
            });
        }>{if fit { "+ Fit rule" } else { "+ Disqualifier" }}</button>
        <p class="field-error" role="alert">{move || error.get()}</p>
    }
}
