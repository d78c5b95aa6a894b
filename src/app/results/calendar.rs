//! The contact calendar: two lanes over the horizon, marketing above and sales below (the
//! picture the source article draws). Sent emails are solid marks, held-back ones hollow;
//! each mark explains itself on hover and on keyboard focus. Same-day conflicts are
//! highlighted; stage changes and the handoff are drawn on the timeline. The full list of
//! entries follows as a table.

use leptos::prelude::*;

use crate::app::state::use_app;
use crate::engine::calendar::DAY;
use crate::engine::{EmailKind, What};

const LEFT: f64 = 110.0;
const WIDTH: f64 = 1000.0;
const RIGHT: f64 = 20.0;
const MARKETING_Y: f64 = 70.0;
const SALES_Y: f64 = 140.0;
/// Rows of the entry table shown at once; a longer calendar pages.
const PAGE: usize = 200;
/// Email marks drawn one by one up to this many; past it, one mark per day, lane and kind
/// stands for all of that day's (a timeline 1,000 pixels wide cannot show more).
const MARKS: usize = 1_000;

/// The calendar of the selected contact.
#[component]
pub fn ContactCalendar() -> impl IntoView {
    let app = use_app();
    // Which page of the entry table is shown, and for which contact (another contact
    // starts on the first page).
    let page = RwSignal::new((0usize, 0usize));
    let view_data = move || {
        let run = app.run.get();
        let data = &run.0;
        let i = app.selected.get().min(data.outcome.items.len().saturating_sub(1));
        let o = &data.outcome;
        let info = data.population.info(&data.scenario, i);
        let persona = data.scenario.personas.get(info.persona).map(|p| p.name.clone()).unwrap_or_default();
        let items = o.items.contact(i);
        let end = o.clock.end.max(1) as f64;
        let x = move |t: u32| LEFT + (WIDTH - LEFT - RIGHT) * (t as f64 / end);
        let days = o.clock.end / DAY;
        // Month ticks along the top.
        let ticks = (0..days)
            .filter(|d| o.clock.date(d * DAY).format("%d").to_string() == "01" || *d == 0)
            .map(|d| {
                let tx = x(d * DAY);
                let label = o.clock.date(d * DAY).format("%-d %b").to_string();
                view! {
                    <g class="tick">
                        <line x1=tx x2=tx y1="28" y2="170"/>
                        <text x=tx + 3.0 y="24">{label}</text>
                    </g>
                }
            })
            .collect_view();
        let conflicts = items
            .iter()
            .filter(|it| it.what == What::Conflict)
            .map(|it| {
                let day = it.at / DAY;
                let x0 = x(day * DAY);
                let w = (x((day + 1) * DAY) - x0).max(6.0);
                let label = format!("{}: {}", o.clock.short(it.at), o.describe(it));
                view! {
                    <rect class="conflict" x=x0 - 2.0 y="40" width=w + 4.0 height="130" data-testid="conflict-band">
                        <title>{label}</title>
                    </rect>
                }
            })
            .collect_view();
        let markers = items
            .iter()
            .filter(|it| matches!(it.what, What::HandedOff | What::Recycled | What::StageChanged))
            .map(|it| {
                let mx = x(it.at);
                let (class, text) = match it.what {
                    What::HandedOff => ("marker handoff", "Handoff".to_string()),
                    What::Recycled => ("marker recycle", "Back to marketing".to_string()),
                    _ => ("marker stage", it.stage().label().to_string()),
                };
                view! {
                    <g class=class>
                        <line x1=mx x2=mx y1="40" y2="172"/>
                        <text x=mx + 3.0 y="186">{text}</text>
                    </g>
                }
            })
            .collect_view();
        let emails: Vec<_> = items.iter().filter(|it| it.is_email()).collect();
        let crowded = emails.len() > MARKS;
        let key = |it: &crate::engine::Item| (it.at / DAY, o.email(it).map(|e| e.kind).unwrap_or(EmailKind::Automated), it.what);
        let mut per_day = std::collections::HashMap::new();
        if crowded {
            for it in &emails {
                *per_day.entry(key(it)).or_insert(0usize) += 1;
            }
        }
        let mut drawn = std::collections::HashSet::new();
        let marks = emails
            .iter()
            .filter(|it| !crowded || drawn.insert(key(it)))
            .map(|it| {
                let kind = o.email(it).map(|e| e.kind).unwrap_or(EmailKind::Automated);
                let sent = it.what == What::EmailSent;
                let cx = x(it.at);
                let cy = if kind == EmailKind::Sales { SALES_Y } else { MARKETING_Y };
                let same_day = per_day.get(&key(it)).copied().unwrap_or(1);
                let label = if same_day > 1 {
                    format!("{} — {same_day} {} {} emails this day, the first: {}", o.clock.short(it.at), kind.as_str(), if sent { "sent" } else { "held back" }, o.describe(it))
                } else {
                    format!("{} — {}", o.clock.short(it.at), o.describe(it))
                };
                let class = format!("mark {} {}", kind.as_str(), if sent { "sent" } else { "held" });
                let testid = if sent { "mark-sent" } else { "mark-held" };
                let shape = match kind {
                    EmailKind::Automated => view! { <circle cx=cx cy=cy r="7"/> }.into_any(),
                    EmailKind::Mass => view! { <rect x=cx - 7.0 y=cy - 7.0 width="14" height="14" transform=format!("rotate(45 {cx} {cy})")/> }.into_any(),
                    EmailKind::Sales => view! { <rect x=cx - 7.0 y=cy - 7.0 width="14" height="14"/> }.into_any(),
                };
                let title = label.clone();
                view! {
                    <g class=class tabindex="0" role="img" aria-label=label data-testid=testid>
                        <title>{title}</title>
                        {shape}
                    </g>
                }
            })
            .collect_view();
        let listed: Vec<_> = items.iter().filter(|it| !matches!(it.what, What::ScoreChanged)).collect();
        let total = listed.len();
        let pages = total.div_ceil(PAGE).max(1);
        let shown = match page.get() {
            (contact, p) if contact == i => p.min(pages - 1),
            _ => 0,
        };
        let rows = listed
            .iter()
            .skip(shown * PAGE)
            .take(PAGE)
            .map(|it| {
                let class = match it.what {
                    What::EmailSent => "entry sent",
                    What::EmailSuppressed => "entry held",
                    What::Conflict => "entry conflict",
                    _ => "entry",
                };
                let kind = if it.is_email() { o.email(it).map(|e| e.kind.as_str()).unwrap_or("") } else { "" };
                view! {
                    <tr class=class>
                        <td class="when">{o.clock.short(it.at)}</td>
                        <td class="kind">{kind}</td>
                        <td class="what">{o.describe(it)}</td>
                        <td class="stage">{match it.lead_status().label() {
                            "" => it.stage().label().to_string(),
                            status => format!("{} · {status}", it.stage().label()),
                        }}</td>
                        <td class="owner">{o.rep_name(it.owner).unwrap_or("Marketing").to_string()}</td>
                    </tr>
                }
            })
            .collect_view();
        let sent = items.iter().filter(|it| it.what == What::EmailSent).count();
        let held = items.iter().filter(|it| it.what == What::EmailSuppressed).count();
        let conflict_count = items.iter().filter(|it| it.what == What::Conflict).count();
        view! {
            <header class="calendar-head">
                <h3 data-testid="calendar-contact">{info.name.clone()}</h3>
                <p class="who">{format!("{} · {} · {}", info.email, persona, o.option.short())}</p>
                <p class="tally" data-testid="calendar-tally">
                    {format!("{sent} emails sent, {held} held back, {conflict_count} same-day conflicts")}
                </p>
            </header>
            <svg class="timeline" viewBox="0 0 1000 196" width="100%" role="group" aria-label=format!("Email timeline of {}", info.name)>
                <text x="8" y=MARKETING_Y + 5.0 class="lane-label">"Marketing"</text>
                <text x="8" y=SALES_Y + 5.0 class="lane-label">"Sales"</text>
                <line class="lane" x1=LEFT x2=WIDTH - RIGHT y1=MARKETING_Y y2=MARKETING_Y/>
                <line class="lane" x1=LEFT x2=WIDTH - RIGHT y1=SALES_Y y2=SALES_Y/>
                {ticks}
                {conflicts}
                {markers}
                {marks}
            </svg>
            <ul class="legend" aria-label="Legend">
                <li><svg width="16" height="16"><circle cx="8" cy="8" r="6" class="mark automated sent"/></svg>"Automated"</li>
                <li><svg width="16" height="16"><rect x="3" y="3" width="10" height="10" transform="rotate(45 8 8)" class="mark mass sent"/></svg>"Mass"</li>
                <li><svg width="16" height="16"><rect x="2" y="2" width="12" height="12" class="mark sales sent"/></svg>"Sales one-to-one"</li>
                <li><svg width="16" height="16"><circle cx="8" cy="8" r="6" class="mark automated held"/></svg>"Hollow: held back"</li>
                <li><span class="swatch conflict"></span>"Same-day conflict"</li>
            </ul>
            <table class="entries" data-testid="calendar-entries">
                <caption>"Everything that happens to this contact"</caption>
                <thead><tr><th>"When"</th><th>"Email"</th><th>"What happened"</th><th>"Stage · lead status"</th><th>"Owner"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {(pages > 1).then(|| view! {
                <nav class="pager" aria-label="Pages of this contact's entries" data-testid="calendar-pager">
                    <button type="button" disabled={shown == 0} on:click=move |_| page.set((i, shown.saturating_sub(1)))>"← Earlier"</button>
                    <span>{format!("Entries {}–{} of {total}", shown * PAGE + 1, ((shown + 1) * PAGE).min(total))}</span>
                    <button type="button" disabled={shown + 1 >= pages} on:click=move |_| page.set((i, shown + 1))>"Later →"</button>
                </nav>
            })}
        }
    };
    view! { <section class="calendar" data-testid="calendar">{view_data}</section> }
}
