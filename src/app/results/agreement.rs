//! The printable handoff agreement: stage definitions and thresholds, the chosen option and
//! what it means, the SLAs, the recycle rules, and who may email a lead at each stage.

use leptos::prelude::*;

use crate::app::editors::fields::TextField;
use crate::app::results::key_figures::{key_table, verdict_list};
use crate::app::state::use_app;
use crate::engine::scenario::{DarkAction, HandoffPoint};
use crate::engine::{EmailKind, Stage};

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
            <div class="agreement-head no-print">
                <p class="hint">"Fill in who the agreement is for; the printed copy carries the date, a version, the figures and a place to sign."</p>
                <button type="button" class="primary" data-testid="print" on:click=print>"Print / Save as PDF"</button>
            </div>
            <div class="sign-off-fields no-print" data-testid="sign-off-fields">
                <TextField label="Team or company" get=|s| s.sign_off.team.clone() set=|s, v| s.sign_off.team = v/>
                <TextField label="Owner for marketing" get=|s| s.sign_off.marketing_owner.clone() set=|s, v| s.sign_off.marketing_owner = v/>
                <TextField label="Owner for sales" get=|s| s.sign_off.sales_owner.clone() set=|s, v| s.sign_off.sales_owner = v/>
            </div>
            <h3 id="agreement-title">{move || app.scenario.with(|s| match s.sign_off.team.trim() {
                "" => "Handoff agreement between marketing and sales".to_string(),
                team => format!("{team}: handoff agreement between marketing and sales"),
            })}</h3>
            <p class="agreement-meta" data-testid="agreement-version">{move || app.scenario.with(|s| format!(
                "Version {} · drafted {} · from the scenario \u{201c}{}\u{201d}",
                crate::engine::load::fingerprint(s), today(), s.name
            ))}</p>
            {move || app.scenario.with(|s| {
                let lc = &s.lifecycle;
                let handoff_stage = match lc.handoff_at { HandoffPoint::Mql => "MQL", HandoffPoint::Sql => "SQL" };
                let dark = match s.sales_cadence.when_dark {
                    DarkAction::Recover => "goes back to marketing, on the “Gone dark” list, for a slower recovery nurture",
                    DarkAction::Suppress => "goes onto a suppression list: marketing stops emailing it",
                };
                let touches = s.sales_cadence.touches.len();
                view! {
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
                    <div class="agreement-figures" data-testid="agreement-figures">
                        <h4>"Why this option: the figures"</h4>
                        <p class="hint">{format!(
                            "Every option simulated on the same {} contacts over {} days from {}; lower is better except deals won.",
                            app.run.with_untracked(|r| r.0.comparison.first().map(|c| c.figures.contacts).unwrap_or(0)),
                            s.calendar.horizon_days,
                            s.calendar.start.format("%-d %B %Y"),
                        )}</p>
                        {app.run.with(|r| key_table(&r.0.comparison, s.handoff_option, None))}
                        {app.run.with(|r| verdict_list(&r.0.comparison, s.handoff_option))}
                    </div>
                    <table class="who-may-email" data-testid="who-may-email">
                        <caption>"Who may email a lead at each stage"</caption>
                        <thead><tr><th scope="col">"Stage"</th><th scope="col">"Automated"</th><th scope="col">"Mass"</th><th scope="col">"Sales one-to-one"</th></tr></thead>
                        <tbody>
                            {Stage::ALL.into_iter().map(|stage| {
                                let cells = EmailKind::ALL.map(|kind| {
                                    if s.handoff_option.allows_at_stage(&s.custom_policy, kind, stage, lc.handoff_at) { "Yes" } else { "No" }
                                });
                                view! { <tr><th scope="row">{stage.label()}</th><td>{cells[0]}</td><td>{cells[1]}</td><td>{cells[2]}</td></tr> }
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
                        {s.handoff_option.sends_notices().then(|| view! {
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
                        <li>{format!("A lead that replies stays with its rep. If the timing is wrong, it goes back to marketing after {} days; if the rep finds it unqualified, at once.", s.sales_cadence.bad_timing_return_days)}</li>
                        <li>"A lead that comes back leaves the nurture it was in and enters the track for its reason; it is not sent content it already received."</li>
                        <li>"Event leads gathered by sales are held back from marketing while a rep follows up; the rep releases cold ones into nurture."</li>
                        <li>"A contact at a sales stage (SQL, opportunity, customer) belongs to sales even when no rep owns it."</li>
                    </ul>
                }
            })}
            {move || app.scenario.with(|s| app.sweep.with(|r| crate::app::results::what_if::why_this_threshold(s, r.as_ref()))).map(|(title, lines)| view! {
                <div data-testid="agreement-why">
                    <h4>{title}</h4>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            })}
            {move || app.scenario.with(|s| view! {
                <div class="sign-off" data-testid="sign-off">
                    <h4>"Sign-off"</h4>
                    <p>{format!(
                        "By signing, marketing and sales agree to hand leads over as written above from {}, and to review the agreement with fresh figures after {} days.",
                        s.calendar.start.format("%-d %B %Y"), s.calendar.horizon_days
                    )}</p>
                    <div class="signatures">
                        {[("For marketing", s.sign_off.marketing_owner.clone()), ("For sales", s.sign_off.sales_owner.clone())].into_iter().map(|(side, who)| view! {
                            <div class="signature">
                                <p class="side">{if who.trim().is_empty() { side.to_string() } else { format!("{side}: {who}") }}</p>
                                {who.trim().is_empty().then_some(view! { <p class="sign-line">"Name"</p> })}
                                <p class="sign-line">"Signature"</p>
                                <p class="sign-line">"Date"</p>
                            </div>
                        }).collect_view()}
                    </div>
                </div>
            })}
        </section>
    }
}

/// Today's date on this computer, as people write it: "24 November 2026".
fn today() -> String {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).map(|d| d.format("%-d %B %Y").to_string()).unwrap_or_default()
}
