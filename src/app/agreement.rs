//! The printable handoff agreement: stage definitions and thresholds, the chosen option and
//! what it means, the SLAs, the recycle rules, and who may email a lead at each stage.

use leptos::prelude::*;

use super::state::use_app;
use crate::engine::scenario::{DarkAction, HandoffPoint};
use crate::engine::{HandoffOption, Scenario, Stage};

/// Whether a kind of email may reach a contact at a stage under the scenario's option,
/// assuming sales owns the contact from the handoff stage on.
fn allowed(s: &Scenario, stage: Stage) -> [bool; 3] {
    let handoff = match s.lifecycle.handoff_at {
        HandoffPoint::Mql => Stage::Mql,
        HandoffPoint::Sql => Stage::Sql,
    };
    let owned = stage >= handoff && stage != Stage::Other;
    match s.handoff_option {
        HandoffOption::CeaseAll => [!owned, !owned, true],
        HandoffOption::OnlyMass => [!owned, true, true],
        HandoffOption::Everything => [true, true, true],
        HandoffOption::Custom => s
            .custom_policy
            .rows
            .iter()
            .find(|r| r.stage == stage)
            .map(|r| [r.automated, r.mass, r.sales])
            .unwrap_or([true, true, true]),
    }
}

/// The agreement, ready to print.
#[component]
pub fn Agreement() -> impl IntoView {
    let app = use_app();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="panel agreement" aria-labelledby="agreement-title" data-testid="agreement">
            <div class="agreement-head">
                <h3 id="agreement-title">"Handoff agreement"</h3>
                <button type="button" class="primary no-print" data-testid="print" on:click=print>"Print / Save as PDF"</button>
            </div>
            {move || app.scenario.with(|s| {
                let lc = &s.lifecycle;
                let handoff_stage = match lc.handoff_at { HandoffPoint::Mql => "MQL", HandoffPoint::Sql => "SQL" };
                let dark = match s.sales_cadence.when_dark {
                    DarkAction::Recover => "goes back to marketing, on the “Gone dark” list, for a slower recovery nurture",
                    DarkAction::Suppress => "goes onto a suppression list: marketing stops emailing it",
                };
                let touches = s.sales_cadence.touches.len();
                view! {
                    <p class="scenario-line">{format!("Scenario: {}", s.name)}</p>
                    <h4>"Stages"</h4>
                    <ul>
                        <li>{format!("A lead becomes an MQL (marketing qualified) at a score of {}.", lc.mql_score)}</li>
                        <li>{format!("A lead becomes an SQL (sales qualified) at a score of {}.", lc.handoff_score)}</li>
                        <li>{format!("Sales takes the lead over at {handoff_stage}; both teams are notified.")}</li>
                        {(!lc.direct_handoff_forms.is_empty()).then(|| view! {
                            <li>{format!("These forms hand a lead over at once, whatever the score: {}.", lc.direct_handoff_forms.join(", "))}</li>
                        })}
                        {(!s.scoring.disqualifiers.is_empty()).then(|| view! {
                            <li>{format!("These people are stage “Other” and never go to sales: {}.",
                                s.scoring.disqualifiers.iter().map(|d| d.label.clone()).collect::<Vec<_>>().join(", "))}</li>
                        })}
                    </ul>
                    <h4>{format!("Email after handoff: {} — {}", s.handoff_option.short(), s.handoff_option.title())}</h4>
                    <p>{s.handoff_option.explanation()}</p>
                    <table class="who-may-email" data-testid="who-may-email">
                        <caption>"Who may email a lead at each stage"</caption>
                        <thead><tr><th scope="col">"Stage"</th><th scope="col">"Automated"</th><th scope="col">"Mass"</th><th scope="col">"Sales one-to-one"</th></tr></thead>
                        <tbody>
                            {Stage::ALL.into_iter().map(|stage| {
                                let a = allowed(s, stage);
                                let cell = |ok: bool| if ok { "Yes" } else { "No" };
                                view! { <tr><th scope="row">{stage.label()}</th><td>{cell(a[0])}</td><td>{cell(a[1])}</td><td>{cell(a[2])}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h4>"Service levels"</h4>
                    <ul>
                        <li>{match &s.calendar.sales_hours {
                            Some(sales) => format!("Marketing's automated email goes out {}; sales calls and emails {} (team time, UTC{}).",
                                s.calendar.business_hours.words(), sales.words(), s.calendar.utc_offset),
                            None => format!("Both teams work {} (team time, UTC{}).", s.calendar.business_hours.words(), s.calendar.utc_offset),
                        }}</li>
                        <li>{format!("Sales makes the first touch within {} hours of the handoff.", s.sla.first_touch_hours)}</li>
                        <li>{format!("Marketing hands sales {} MQLs a month.", s.sla.mqls_per_month)}</li>
                        <li>{format!("Sales follows up with {touches} touches over {} days.", s.sales_cadence.touches.last().map(|t| t.day).unwrap_or(0))}</li>
                        {matches!(s.handoff_option, HandoffOption::OnlyMass | HandoffOption::Custom).then(|| view! {
                            <li>{format!("Marketing tells sales about every mass send {} hours ahead, with its content, date and time; reps may ask to leave named leads out.", s.sla.notice_hours_before)}</li>
                        })}
                        {s.frequency_cap.as_ref().map(|c| view! {
                            <li>{format!("No contact receives more than {} emails in any {} days (counting {}); over the cap an email is {}.",
                                c.max_emails, c.per_days,
                                c.counts.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", "),
                                if c.over_cap == crate::engine::scenario::OverCap::Skip { "skipped" } else { "delayed" })}</li>
                        })}
                    </ul>
                    <h4>"Going back to marketing"</h4>
                    <ul>
                        <li>{format!("A lead that does not reply to {touches} touches within {} days of the last one {dark}.", s.sales_cadence.dark_after_days)}</li>
                        <li>"A lost deal goes back to marketing with its reason, for consideration and decision content."</li>
                        <li>{format!("A lead that replies but is not ready goes back after {} days.", s.sales_cadence.bad_timing_return_days)}</li>
                        <li>"Event leads gathered by sales are held back from marketing while a rep follows up, then released into nurture."</li>
                    </ul>
                }
            })}
        </section>
    }
}
