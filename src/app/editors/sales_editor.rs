//! Sales-side settings: where the handoff happens, the reps and how leads reach them, the
//! follow-up cadence, and what happens to leads that never reply.

use leptos::prelude::*;

use crate::app::editors::fields::{CheckField, DecimalField, NumberField, ParsedField, TextField};
use crate::app::state::{use_app, Watch};
use crate::engine::scenario::{DarkAction, HandoffPoint, InProgress, OpenWork, Routing, Touch, TouchChannel};

/// The sales panel.
#[component]
pub fn SalesEditor() -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let edit = move |change: Box<dyn FnOnce(&mut crate::engine::Scenario)>| app.edit_or_report(error, change);
    let reps = Memo::new(move |_| app.scenario.watch(|s| s.reps.len()));
    let touches = Memo::new(move |_| app.scenario.watch(|s| s.sales_cadence.touches.len()));
    view! {
        <section class="panel sales-editor" aria-labelledby="sales-title" data-testid="sales-editor">
            <h3 id="sales-title">"Handoff, reps and follow-up"</h3>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">"Sales takes a lead over at"</span>
                    <select on:change=move |ev| {
                        let at = if event_target_value(&ev) == "mql" { HandoffPoint::Mql } else { HandoffPoint::Sql };
                        edit(Box::new(move |s| s.lifecycle.handoff_at = at));
                    }>
                        <option value="sql" selected=move || app.scenario.watch(|s| s.lifecycle.handoff_at == HandoffPoint::Sql)>"SQL (the handoff score)"</option>
                        <option value="mql" selected=move || app.scenario.watch(|s| s.lifecycle.handoff_at == HandoffPoint::Mql)>"MQL (sales vets marketing-qualified leads)"</option>
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">"Routing"</span>
                    <select on:change=move |ev| {
                        let r = if event_target_value(&ev) == "territory" { Routing::Territory } else { Routing::RoundRobin };
                        edit(Box::new(move |s| s.routing = r));
                    }>
                        <option value="round_robin" selected=move || app.scenario.watch(|s| s.routing == Routing::RoundRobin)>"Round robin"</option>
                        <option value="territory" selected=move || app.scenario.watch(|s| s.routing == Routing::Territory)>"By territory (country)"</option>
                    </select>
                </label>
            </div>
            <CheckField label="Use the SAL stage: a lead is sales-accepted at the rep's first touch"
                get=|s| s.lifecycle.use_sal set=|s, v| s.lifecycle.use_sal = v/>
            <ParsedField label="Forms that hand a lead over at once, whatever the score (names, by commas)" placeholder="such as Demo request"
                testid="direct-handoff-forms"
                get=|s| s.lifecycle.direct_handoff_forms.join(", ")
                set=|s, text| {
                    s.lifecycle.direct_handoff_forms = text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
                    Ok(())
                }/>
            <h4>"Reps"</h4>
            <div class="rows">
                {move || (0..reps.get()).map(|r| view! {
                    <div class="row-card" data-testid="rep">
                        <ParsedField label="Name" testid="rep-name" get=move |s| s.reps.get(r).map(|x| x.name.clone()).unwrap_or_default()
                            set=move |s, v| s.rename_rep(r, v).map_err(|e| e.0)/>
                        <NumberField label="New leads per week" get=move |s| s.reps.get(r).map(|x| x.capacity_per_week as i64).unwrap_or(0)
                            set=move |s, v| if let Some(x) = s.reps.get_mut(r) { x.capacity_per_week = v.clamp(0, 100_000) as u32 }/>
                        <DecimalField label="First touch after" unit="working hours" get=move |s| s.reps.get(r).map(|x| x.first_touch_hours).unwrap_or(0.0)
                            set=move |s, v| if let Some(x) = s.reps.get_mut(r) { x.first_touch_hours = v }/>
                        <TextField label="Territory (country)" get=move |s| s.reps.get(r).map(|x| x.territory.clone()).unwrap_or_default()
                            set=move |s, v| if let Some(x) = s.reps.get_mut(r) { x.territory = v.trim().to_string() }/>
                        <button type="button" class="icon" aria-label="Remove this rep" disabled=move || reps.get() <= 1
                            on:click=move |_| app.edit_or_refuse(error, move |s| s.remove_rep(r))>"✕"</button>
                    </div>
                }).collect_view()}
            </div>
            <button type="button" on:click=move |_| edit(Box::new(|s| { s.add_rep(); }))>"+ Rep"</button>
            <h4>"Sales cadence"</h4>
            <ol class="steps">
                {move || (0..touches.get()).map(|k| view! {
                    <li class="step touch">
                        <span class="step-number">{k + 1}</span>
                        <span class="step-body">
                            <NumberField label="Day" get=move |s| s.sales_cadence.touches.get(k).map(|t| t.day as i64).unwrap_or(0)
                                set=move |s, v| if let Some(t) = s.sales_cadence.touches.get_mut(k) { t.day = v.clamp(0, 100_000) as u32 }/>
                            <label class="field">
                                <span class="field-label">"By"</span>
                                <select on:change=move |ev| {
                                    let ch = if event_target_value(&ev) == "call" { TouchChannel::Call } else { TouchChannel::Email };
                                    edit(Box::new(move |s| if let Some(t) = s.sales_cadence.touches.get_mut(k) { t.channel = ch }));
                                }>
                                    <option value="email" selected=move || app.scenario.watch(|s| s.sales_cadence.touches.get(k).is_some_and(|t| t.channel == TouchChannel::Email))>"Email"</option>
                                    <option value="call" selected=move || app.scenario.watch(|s| s.sales_cadence.touches.get(k).is_some_and(|t| t.channel == TouchChannel::Call))>"Call"</option>
                                </select>
                            </label>
                            <TextField label="Name" get=move |s| s.sales_cadence.touches.get(k).map(|t| t.name.clone()).unwrap_or_default()
                                set=move |s, v| if let Some(t) = s.sales_cadence.touches.get_mut(k) { t.name = v }/>
                        </span>
                        <span class="step-actions">
                            <button type="button" class="icon" aria-label=format!("Remove touch {}", k + 1)
                                on:click=move |_| app.edit_or_refuse(error, move |s| s.remove_touch(k))>"✕"</button>
                        </span>
                    </li>
                }).collect_view()}
            </ol>
            <button type="button" on:click=move |_| edit(Box::new(|s| {
                let day = s.sales_cadence.touches.last().map(|t| t.day + 3).unwrap_or(0);
                let n = s.sales_cadence.touches.len() + 1;
                s.sales_cadence.touches.push(Touch { day, channel: TouchChannel::Email, name: format!("Touch {n}") });
            }))>"+ Touch"</button>
            <div class="field-grid">
                <NumberField label="Gone dark after the last touch" unit="days" get=|s| s.sales_cadence.dark_after_days as i64 set=|s, v| s.sales_cadence.dark_after_days = v.clamp(0, 100_000) as u32/>
                <NumberField label="Meeting to won or lost" unit="days" get=|s| s.sales_cadence.deal_days as i64 set=|s, v| s.sales_cadence.deal_days = v.clamp(0, 100_000) as u32/>
                <NumberField label="Bad timing: back to marketing after" unit="days" get=|s| s.sales_cadence.bad_timing_return_days as i64 set=|s, v| s.sales_cadence.bad_timing_return_days = v.clamp(0, 100_000) as u32/>
                <label class="field">
                    <span class="field-label">"A lead that goes dark"</span>
                    <select on:change=move |ev| {
                        let a = if event_target_value(&ev) == "suppress" { DarkAction::Suppress } else { DarkAction::Recover };
                        edit(Box::new(move |s| s.sales_cadence.when_dark = a));
                    }>
                        <option value="recover" selected=move || app.scenario.watch(|s| s.sales_cadence.when_dark == DarkAction::Recover)>"goes back to marketing (recovery nurture)"</option>
                        <option value="suppress" selected=move || app.scenario.watch(|s| s.sales_cadence.when_dark == DarkAction::Suppress)>"goes onto a suppression list"</option>
                    </select>
                </label>
            </div>
            // Only a scenario with contacts already in the CRM has sales work under way.
            <Show when=move || app.scenario.watch(|s| s.contacts.iter().any(|c| c.existing.is_some() && c.owner.is_some()))>
                <h4>"Sales work already under way when the plan starts"</h4>
                <div class="field-grid" data-testid="in-progress">
                    {InProgress::STAGES.into_iter().map(|(stage, label)| view! {
                        <label class="field">
                            <span class="field-label">{label}</span>
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(work) = OpenWork::ALL.into_iter().find(|w| w.as_str() == v) {
                                    edit(Box::new(move |s| s.sales_cadence.in_progress.set(stage, work)));
                                }
                            }>
                                {OpenWork::ALL.into_iter().map(|w| view! {
                                    <option value=w.as_str() selected=move || app.scenario.watch(|s| s.sales_cadence.in_progress.for_stage(stage) == Some(w))>{w.label()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    }).collect_view()}
                </div>
            </Show>
            <CheckField label="An unsubscribe also stops sales email" get=|s| s.unsubscribe_stops_sales set=|s, v| s.unsubscribe_stops_sales = v/>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </section>
    }
}
