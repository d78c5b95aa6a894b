//! The agreement's numbers: thresholds, SLAs, the comfort limit and the frequency cap.

use leptos::prelude::*;

use crate::app::editors::fields::NumberField;
use crate::app::state::{use_app, Watch};
use crate::engine::scenario::{default_priority, EmailKind, FrequencyCap, OverCap};

/// Settings that shape the agreement.
#[component]
pub fn Settings() -> impl IntoView {
    let app = use_app();
    let cap_on = move || app.scenario.watch(|s| s.frequency_cap.is_some());
    let toggle_cap = move |on: bool| {
        let _ = app.edit(|s| {
            s.frequency_cap = on.then(|| FrequencyCap {
                max_emails: 3,
                per_days: 7,
                counts: vec![EmailKind::Automated, EmailKind::Mass],
                over_cap: OverCap::Skip,
                priority: default_priority(),
            })
        });
    };
    let counts = move |k: EmailKind| app.scenario.watch(|s| s.frequency_cap.as_ref().is_some_and(|c| c.counts.contains(&k)));
    let cap_error = RwSignal::new(None::<String>);
    let set_count = move |k: EmailKind, on: bool| {
        let r = app.edit(|s| {
            if let Some(c) = s.frequency_cap.as_mut() {
                c.counts.retain(|x| *x != k);
                if on {
                    c.counts.push(k);
                }
            }
        });
        cap_error.set(r.err().map(|p| crate::app::state::problem_text(&p)));
    };
    view! {
        <section class="panel settings" aria-labelledby="settings-title" data-testid="settings">
            <h3 id="settings-title">"Thresholds and service levels"</h3>
            <div class="field-grid">
                <NumberField label="MQL at score" get=|s| s.lifecycle.mql_score as i64 set=|s, v| s.lifecycle.mql_score = v.clamp(-100_000, 100_000) as i32 testid="mql-score"/>
                <NumberField label="Handoff (SQL) at score" get=|s| s.lifecycle.handoff_score as i64 set=|s, v| s.lifecycle.handoff_score = v.clamp(-100_000, 100_000) as i32 testid="handoff-score"/>
                <NumberField label="First sales touch within" unit="hours" get=|s| s.sla.first_touch_hours as i64 set=|s, v| s.sla.first_touch_hours = v.clamp(0, 10_000) as u32 testid="sla-hours"/>
                <NumberField label="MQLs promised per month" get=|s| s.sla.mqls_per_month as i64 set=|s, v| s.sla.mqls_per_month = v.clamp(0, 10_000_000) as u32/>
                <NumberField label="Comfort limit" unit="emails / 7 days" get=|s| s.sla.comfort_limit_per_7_days as i64 set=|s, v| s.sla.comfort_limit_per_7_days = v.clamp(0, 1000) as u32/>
                <NumberField label="Mass-send notice to sales" unit="hours before" get=|s| s.sla.notice_hours_before as i64 set=|s, v| s.sla.notice_hours_before = v.clamp(0, 10_000) as u32/>
            </div>
            <h4>"Frequency cap"</h4>
            <label class="check">
                <input type="checkbox" data-testid="cap-on" prop:checked=cap_on on:change=move |ev| toggle_cap(event_target_checked(&ev))/>
                <span>"Limit how many emails one contact receives"</span>
            </label>
            <Show when=cap_on>
                <div class="field-grid">
                    <NumberField label="At most" unit="emails" testid="cap-max"
                        get=|s| s.frequency_cap.as_ref().map(|c| c.max_emails as i64).unwrap_or(0)
                        set=|s, v| if let Some(c) = s.frequency_cap.as_mut() { c.max_emails = v.clamp(0, 10_000) as u32 }/>
                    <NumberField label="In any" unit="days" testid="cap-days"
                        get=|s| s.frequency_cap.as_ref().map(|c| c.per_days as i64).unwrap_or(0)
                        set=|s, v| if let Some(c) = s.frequency_cap.as_mut() { c.per_days = v.clamp(0, 10_000) as u32 }/>
                </div>
                <fieldset class="inline">
                    <legend>"Counts"</legend>
                    {EmailKind::ALL.into_iter().map(|k| view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || counts(k) on:change=move |ev| set_count(k, event_target_checked(&ev))/>
                            <span>{kind_label(k)}</span>
                        </label>
                    }).collect_view()}
                    <span class="field-error" role="alert">{move || cap_error.get()}</span>
                </fieldset>
                <fieldset class="inline">
                    <legend>"Over the cap"</legend>
                    {[(OverCap::Skip, "Skip the email (HubSpot, Marketo)"), (OverCap::Delay, "Delay it until there is room (Mautic)")]
                        .into_iter()
                        .map(|(mode, text)| view! {
                            <label class="check">
                                <input type="radio" name="over-cap"
                                    prop:checked=move || app.scenario.watch(|s| s.frequency_cap.as_ref().is_some_and(|c| c.over_cap == mode))
                                    on:change=move |_| { let _ = app.edit(|s| if let Some(c) = s.frequency_cap.as_mut() { c.over_cap = mode }); }/>
                                <span>{text}</span>
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <TieOrder/>
            </Show>
        </section>
    }
}

/// The cap's tie order as a list to rearrange: when several emails are due at once and
/// the cap has room for fewer, the first kind goes first.
#[component]
fn TieOrder() -> impl IntoView {
    let app = use_app();
    let order = Memo::new(move |_| app.scenario.watch(|s| s.frequency_cap.as_ref().map(|c| c.priority.clone()).unwrap_or_default()));
    let swap = move |i: usize| {
        let _ = app.edit(|s| {
            if let Some(c) = s.frequency_cap.as_mut() {
                if i + 1 < c.priority.len() {
                    c.priority.swap(i, i + 1);
                }
            }
        });
    };
    view! {
        <div class="tie-order-field">
            <span class="field-label" id="tie-order-label">"When several are due at once and the cap has room for fewer, first goes"</span>
            <ol class="tie-order" data-testid="cap-priority" aria-labelledby="tie-order-label">
                {move || {
                    let kinds = order.get();
                    let n = kinds.len();
                    kinds.into_iter().enumerate().map(|(i, k)| view! {
                        <li data-kind=kind_word(k)>
                            <span class="tie-kind">{kind_label(k)}</span>
                            <button type="button" class="icon" data-testid=format!("priority-up-{}", kind_word(k)) disabled=i == 0
                                aria-label=format!("Move {} earlier", kind_word(k)) on:click=move |_| swap(i - 1)>"↑"</button>
                            <button type="button" class="icon" data-testid=format!("priority-down-{}", kind_word(k)) disabled=i + 1 == n
                                aria-label=format!("Move {} later", kind_word(k)) on:click=move |_| swap(i)>"↓"</button>
                        </li>
                    }).collect_view()
                }}
            </ol>
        </div>
    }
}

/// A kind of email as its check box and the tie order name it.
fn kind_label(k: EmailKind) -> &'static str {
    match k {
        EmailKind::Automated => "Automated",
        EmailKind::Mass => "Mass",
        EmailKind::Sales => "Sales one-to-one",
    }
}

/// The word for a kind of email in the tie order.
fn kind_word(k: EmailKind) -> &'static str {
    match k {
        EmailKind::Automated => "automated",
        EmailKind::Mass => "mass",
        EmailKind::Sales => "sales",
    }
}
