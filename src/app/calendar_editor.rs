//! Time settings: start, horizon, time zone, business hours and pause dates.

use chrono::{NaiveDate, Weekday};
use leptos::prelude::*;

use super::fields::NumberField;
use super::state::{problem_text, use_app};
use crate::engine::calendar::{ClockTime, UtcOffset};

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
                    <input type="date" prop:value=move || app.scenario.with(|s| s.calendar.start.to_string())
                        on:change=move |ev| apply(match NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                            Ok(d) => edit(Box::new(move |s| s.calendar.start = d)),
                            Err(_) => Err("choose a date".into()),
                        })/>
                </label>
                <NumberField label="Simulate" unit="days" testid="horizon" get=|s| s.calendar.horizon_days as i64 set=|s, v| s.calendar.horizon_days = v.clamp(0, 100_000) as u32/>
                <label class="field">
                    <span class="field-label">"Team's time zone (UTC offset)"</span>
                    <input type="text" prop:value=move || app.scenario.with(|s| s.calendar.utc_offset.to_string())
                        on:change=move |ev| apply(match UtcOffset::parse(event_target_value(&ev).trim()) {
                            Ok(o) => edit(Box::new(move |s| s.calendar.utc_offset = o)),
                            Err(e) => Err(e),
                        })/>
                </label>
                <label class="field">
                    <span class="field-label">"Opens"</span>
                    <input type="time" prop:value=move || app.scenario.with(|s| s.calendar.business_hours.opens.to_string())
                        on:change=move |ev| apply(match ClockTime::parse(&event_target_value(&ev)) {
                            Ok(t) => edit(Box::new(move |s| s.calendar.business_hours.opens = t)),
                            Err(e) => Err(e),
                        })/>
                </label>
                <label class="field">
                    <span class="field-label">"Closes"</span>
                    <input type="time" prop:value=move || app.scenario.with(|s| s.calendar.business_hours.closes.to_string())
                        on:change=move |ev| apply(match ClockTime::parse(&event_target_value(&ev)) {
                            Ok(t) => edit(Box::new(move |s| s.calendar.business_hours.closes = t)),
                            Err(e) => Err(e),
                        })/>
                </label>
            </div>
            <fieldset class="inline">
                <legend>"Working days"</legend>
                {DAYS.into_iter().map(|(day, label)| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || app.scenario.with(|s| s.calendar.business_hours.days.contains(&day))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                apply(edit(Box::new(move |s| {
                                    let days = &mut s.calendar.business_hours.days;
                                    days.retain(|d| *d != day);
                                    if on {
                                        days.push(day);
                                        days.sort_by_key(|d| d.num_days_from_monday());
                                    }
                                })));
                            }/>
                        <span>{label}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <h4>"Pause dates (holidays)"</h4>
            <ul class="chips">
                {move || app.scenario.with(|s| s.calendar.pause_dates.clone()).into_iter().map(|d| view! {
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
