//! Time settings: start, horizon, time zone, each team's business hours and pause dates.

use chrono::{NaiveDate, Weekday};
use leptos::prelude::*;

use crate::app::editors::fields::NumberField;
use crate::app::state::{problem_text, use_app, Watch};
use crate::engine::calendar::{ClockTime, UtcOffset};
use crate::engine::scenario::BusinessHours;
use crate::engine::Scenario;

const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "Mon"),
    (Weekday::Tue, "Tue"),
    (Weekday::Wed, "Wed"),
    (Weekday::Thu, "Thu"),
    (Weekday::Fri, "Fri"),
    (Weekday::Sat, "Sat"),
    (Weekday::Sun, "Sun"),
];

/// The calendar panel.
#[component]
pub fn CalendarEditor() -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let apply = move |r: Result<(), String>| error.set(r.err());
    let edit = move |change: Box<dyn FnOnce(&mut crate::engine::Scenario)>| app.edit(change).map_err(|p| problem_text(&p));
    let new_pause = RwSignal::new(String::new());
    view! {
        <section class="panel calendar-editor" aria-labelledby="calendar-editor-title" data-testid="calendar-editor">
            <h3 id="calendar-editor-title">"Calendar and business hours"</h3>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">"Starts on"</span>
                    <input type="date" prop:value=move || app.scenario.watch(|s| s.calendar.start.to_string())
                        on:change=move |ev| apply(match NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                            Ok(d) => edit(Box::new(move |s| s.calendar.start = d)),
                            Err(_) => Err("choose a date".into()),
                        })/>
                </label>
                <NumberField label="Simulate" unit="days" testid="horizon" get=|s| s.calendar.horizon_days as i64 set=|s, v| s.calendar.horizon_days = v.clamp(0, 100_000) as u32/>
                <label class="field">
                    <span class="field-label">"Team's time zone (UTC offset)"</span>
                    <input type="text" prop:value=move || app.scenario.watch(|s| s.calendar.utc_offset.to_string())
                        on:change=move |ev| apply(match UtcOffset::parse(event_target_value(&ev).trim()) {
                            Ok(o) => edit(Box::new(move |s| s.calendar.utc_offset = o)),
                            Err(e) => Err(e),
                        })/>
                </label>
            </div>
            <HoursFields testid="marketing-hours" team=|s| if s.calendar.sales_hours.is_some() { "Marketing" } else { "" } error=error
                get=|s| Some(&s.calendar.business_hours) get_mut=|s| Some(&mut s.calendar.business_hours)/>
            <label class="check">
                <input type="checkbox" data-testid="sales-hours-own"
                    prop:checked=move || app.scenario.watch(|s| s.calendar.sales_hours.is_some())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        apply(edit(Box::new(move |s| s.calendar.sales_hours = on.then(|| s.calendar.business_hours.clone()))));
                    }/>
                <span>"The sales team works other hours (reps call and email only then; the first touch is counted in these hours)"</span>
            </label>
            <Show when=move || app.scenario.watch(|s| s.calendar.sales_hours.is_some())>
                <HoursFields testid="sales-hours" team=|_| "Sales" error=error
                    get=|s| s.calendar.sales_hours.as_ref() get_mut=|s| s.calendar.sales_hours.as_mut()/>
            </Show>
            <h4>"Pause dates (holidays)"</h4>
            <ul class="chips">
                {move || app.scenario.watch(|s| s.calendar.pause_dates.clone()).into_iter().map(|d| view! {
                    <li>{d.format("%a %-d %b %Y").to_string()}
                        <button type="button" class="icon" aria-label=format!("Remove {d}")
                            on:click=move |_| apply(edit(Box::new(move |s| s.calendar.pause_dates.retain(|x| *x != d))))>"✕"</button>
                    </li>
                }).collect_view()}
            </ul>
            <p class="add-step">
                <input type="date" aria-label="A pause date to add" prop:value=move || new_pause.get() on:change=move |ev| new_pause.set(event_target_value(&ev))/>
                <button type="button" on:click=move |_| apply(match NaiveDate::parse_from_str(&new_pause.get_untracked(), "%Y-%m-%d") {
                    Ok(d) => edit(Box::new(move |s| if !s.calendar.pause_dates.contains(&d) { s.calendar.pause_dates.push(d); s.calendar.pause_dates.sort(); })),
                    Err(_) => Err("choose a date to add".into()),
                })>"+ Pause date"</button>
            </p>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// One team's opening time, closing time and working days.
#[component]
fn HoursFields(
    testid: &'static str,
    /// Whose hours these are ("Sales"), put before "opens", "closes" and "working days";
    /// empty while one set of hours is everyone's.
    team: fn(&Scenario) -> &'static str,
    error: RwSignal<Option<String>>,
    get: fn(&Scenario) -> Option<&BusinessHours>,
    get_mut: fn(&mut Scenario) -> Option<&mut BusinessHours>,
) -> impl IntoView {
    let app = use_app();
    let change = move |f: Box<dyn FnOnce(&mut BusinessHours)>| {
        app.edit_or_report(error, move |s: &mut Scenario| {
            if let Some(h) = get_mut(s) {
                f(h)
            }
        });
    };
    // "Opens" while one set of hours is everyone's, "Marketing opens" and "Sales opens" once
    // the teams differ.
    let named = move |what: &str| {
        let team = app.scenario.watch(team);
        if team.is_empty() {
            let mut c = what.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        } else {
            format!("{team} {what}")
        }
    };
    let time = move |at: fn(&BusinessHours) -> ClockTime| app.scenario.watch(|s| get(s).map(|h| at(h).to_string()).unwrap_or_default());
    let set_time = move |text: String, put: fn(&mut BusinessHours, ClockTime)| match ClockTime::parse(&text) {
        Ok(t) => change(Box::new(move |h| put(h, t))),
        Err(e) => error.set(Some(e)),
    };
    view! {
        <div class=if testid == "sales-hours" { "hours sales" } else { "hours" } data-testid=testid>
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">{move || named("opens")}</span>
                    <input type="time" data-testid=format!("{testid}-opens") prop:value=move || time(|h| h.opens)
                        on:change=move |ev| set_time(event_target_value(&ev), |h, t| h.opens = t)/>
                </label>
                <label class="field">
                    <span class="field-label">{move || named("closes")}</span>
                    <input type="time" data-testid=format!("{testid}-closes") prop:value=move || time(|h| h.closes)
                        on:change=move |ev| set_time(event_target_value(&ev), |h, t| h.closes = t)/>
                </label>
            </div>
            <fieldset class="inline">
                <legend>{move || named("working days")}</legend>
                {DAYS.into_iter().map(|(day, label)| view! {
                    <label class="check">
                        <input type="checkbox" data-testid=format!("{testid}-{label}")
                            prop:checked=move || app.scenario.watch(|s| get(s).is_some_and(|h| h.days.contains(&day)))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                change(Box::new(move |h| {
                                    h.days.retain(|d| *d != day);
                                    if on {
                                        h.days.push(day);
                                        h.days.sort_by_key(|d| d.num_days_from_monday());
                                    }
                                }));
                            }/>
                        <span>{label}</span>
                    </label>
                }).collect_view()}
            </fieldset>
        </div>
    }
}
