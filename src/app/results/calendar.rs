//! The contact calendar: two lanes, marketing above and sales below (the picture the source
//! article draws), over the whole plan or zoomed to a month or a week and panned. Sent
//! emails are solid marks, held-back ones hollow; emails of the same day stack. Clicking or
//! focusing a mark opens a card (the email, its time, kind, status, reason and the score
//! after it) and the arrow keys move between marks. Same-day conflicts are highlighted;
//! stage changes and the handoff are labelled in rows that never overlap. With a baseline,
//! emails added since are ringed and removed ones drawn as ghosts. The entries follow,
//! grouped by week, in a log of fixed height.

use leptos::prelude::*;

use crate::app::state::use_app;
use crate::engine::calendar::DAY;
use crate::engine::{EmailKind, What};

const LEFT: f64 = 110.0;
const WIDTH: f64 = 1000.0;
const RIGHT: f64 = 20.0;
const MARKETING_Y: f64 = 82.0;
const SALES_Y: f64 = 150.0;
/// How far apart emails of the same day stack.
const STACK: f64 = 15.0;
/// Most marks stacked on one day and lane; more show as "+n".
const STACKED: usize = 3;
/// Rows for the labels of stage changes and handoffs, below the lanes.
const LABEL_ROWS: [f64; 3] = [200.0, 214.0, 228.0];
const HEIGHT: f64 = 236.0;

/// How much of the plan the timeline shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zoom {
    Whole,
    Month,
    Week,
}

impl Zoom {
    fn days(self, horizon: u32) -> u32 {
        match self {
            Zoom::Whole => horizon,
            Zoom::Month => 30.min(horizon),
            Zoom::Week => 7.min(horizon),
        }
    }
}

/// Moves keyboard focus to the timeline mark numbered `n`, if there is one.
fn focus_mark(n: usize) {
    crate::app::focus_later(format!("[data-testid='calendar'] [data-order='{n}']"));
}
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
    let zoom = RwSignal::new(Zoom::Whole);
    let from_day = RwSignal::new(0u32);
    // The open card: (contact, index of the item among the contact's items).
    let card = RwSignal::new(None::<(usize, usize)>);
    let view_data = move || {
        let run = app.shown.get();
        let data = &run.0;
        let i = app.selected.get().min(data.outcome.items.len().saturating_sub(1));
        let o = &data.outcome;
        let info = data.population.info(&data.scenario, i);
        let persona = data.scenario.personas.get(info.persona).map(|p| p.name.clone()).unwrap_or_default();
        let items = o.items.contact(i);
        let horizon = (o.clock.end / DAY).max(1);
        let span_days = zoom.get().days(horizon);
        let first = from_day.get().min(horizon - span_days);
        let (start, end) = (first * DAY, (first + span_days) * DAY);
        let in_view = move |t: u32| t >= start && t < end;
        let x = move |t: u32| LEFT + (WIDTH - LEFT - RIGHT) * ((t.saturating_sub(start)) as f64 / (end - start).max(1) as f64);
        let day_w = (WIDTH - LEFT - RIGHT) / span_days as f64;
        // Ticks: the first of each month over the whole plan, days when zoomed in.
        let ticks = (first..first + span_days)
            .filter(|d| match zoom.get() {
                Zoom::Whole => o.clock.date(d * DAY).format("%d").to_string() == "01" || *d == first,
                Zoom::Month => (d - first) % 7 == 0,
                Zoom::Week => true,
            })
            .map(|d| {
                let tx = x(d * DAY);
                let format = if zoom.get() == Zoom::Week { "%a %-d %b" } else { "%-d %b" };
                let label = o.clock.date(d * DAY).format(format).to_string();
                view! {
                    <g class="tick">
                        <line x1=tx x2=tx y1="28" y2="182"/>
                        <text x=tx + 3.0 y="22">{label}</text>
                    </g>
                }
            })
            .collect_view();
        let conflicts = items
            .iter()
            .filter(|it| it.what == What::Conflict && in_view(it.at))
            .map(|it| {
                let day = it.at / DAY;
                let x0 = x(day * DAY);
                let w = day_w.max(6.0);
                let label = format!("{}: {}", o.clock.short(it.at), o.describe(it));
                view! {
                    <rect class="conflict" x=x0 - 2.0 y="36" width=w + 4.0 height="146" data-testid="conflict-band">
                        <title>{label}</title>
                    </rect>
                }
            })
            .collect_view();
        // Stage changes and handoffs: each label takes the first row where it does not run
        // into the one before, and turns to the left of its line near the right edge.
        let mut row_end = [f64::MIN; LABEL_ROWS.len()];
        let markers = items
            .iter()
            .filter(|it| matches!(it.what, What::HandedOff | What::Recycled | What::StageChanged) && in_view(it.at))
            .map(|it| {
                let mx = x(it.at);
                let (class, text) = match it.what {
                    What::HandedOff => ("marker handoff", "Handoff".to_string()),
                    What::Recycled => ("marker recycle", "Back to marketing".to_string()),
                    _ => ("marker stage", it.stage().label().to_string()),
                };
                let width = text.chars().count() as f64 * 7.0 + 6.0;
                let flip = mx + width > WIDTH - 4.0;
                let (left, right) = if flip { (mx - width, mx) } else { (mx, mx + width) };
                let row = (0..LABEL_ROWS.len())
                    .find(|r| row_end[*r] < left)
                    .unwrap_or_else(|| (0..LABEL_ROWS.len()).min_by(|a, b| row_end[*a].total_cmp(&row_end[*b])).unwrap_or(0));
                row_end[row] = right;
                let y = LABEL_ROWS[row];
                let (tx, anchor) = if flip { (mx - 3.0, "end") } else { (mx + 3.0, "start") };
                view! {
                    <g class=class>
                        <line x1=mx x2=mx y1="36" y2=y - 10.0/>
                        <text x=tx y=y text-anchor=anchor>{text}</text>
                    </g>
                }
            })
            .collect_view();
        // Emails against the baseline's calendar of the same contact, when there is one.
        let baseline =
            app.baseline_run.get().filter(|b| b.0.outcome.items.len() == data.outcome.items.len() && b.0.population.info(&b.0.scenario, i).name == info.name);
        let email_key = |o: &crate::engine::Outcome, it: &crate::engine::Item| (it.at, o.email(it).map(|e| e.name.clone()).unwrap_or_default(), it.what);
        let before: Option<std::collections::HashSet<_>> =
            baseline.as_ref().map(|b| b.0.outcome.items.contact(i).iter().filter(|it| it.is_email()).map(|it| email_key(&b.0.outcome, it)).collect());
        let now: std::collections::HashSet<_> = items.iter().filter(|it| it.is_email()).map(|it| email_key(o, it)).collect();
        let removed: Vec<_> = baseline
            .as_ref()
            .map(|b| {
                b.0.outcome
                    .items
                    .contact(i)
                    .iter()
                    .filter(|it| it.is_email() && in_view(it.at) && !now.contains(&email_key(&b.0.outcome, it)))
                    .map(|it| {
                        let kind = b.0.outcome.email(it).map(|e| e.kind).unwrap_or(EmailKind::Automated);
                        (it.at, kind, format!("Removed against the baseline: {} — {}", o.clock.short(it.at), b.0.outcome.describe(it)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ghosts = removed
            .iter()
            .map(|(at, kind, label)| {
                let cy = if *kind == EmailKind::Sales { SALES_Y } else { MARKETING_Y };
                view! { <circle class="ghost" cx=x(*at) cy=cy r="9" data-testid="mark-removed"><title>{label.clone()}</title></circle> }
            })
            .collect_view();
        let emails: Vec<(usize, &crate::engine::Item)> = items.iter().enumerate().filter(|(_, it)| it.is_email() && in_view(it.at)).collect();
        let crowded = emails.len() > MARKS;
        let key = |it: &crate::engine::Item| (it.at / DAY, o.email(it).map(|e| e.kind).unwrap_or(EmailKind::Automated), it.what);
        let mut per_day = std::collections::HashMap::new();
        if crowded {
            for (_, it) in &emails {
                *per_day.entry(key(it)).or_insert(0usize) += 1;
            }
        }
        let mut drawn = std::collections::HashSet::new();
        // Layout: each email takes the lowest level of its lane where it does not touch the
        // mark before it at that level (the same day, or a few pixels apart); past the top
        // level it is counted on the top mark it would have covered ("+n").
        const GAP: f64 = 13.0;
        let mut last_x = [[f64::MIN; STACKED]; 2];
        let mut top: [Option<usize>; 2] = [None; 2];
        let mut layout: Vec<(usize, &crate::engine::Item, usize, usize)> = Vec::new();
        for (index, it) in emails.iter().filter(|(_, it)| !crowded || drawn.insert(key(it))) {
            let lane = o.email(it).is_some_and(|e| e.kind == EmailKind::Sales) as usize;
            let cx = x(it.at);
            match (0..STACKED).find(|l| cx - last_x[lane][*l] >= GAP) {
                Some(level) => {
                    last_x[lane][level] = cx;
                    layout.push((*index, *it, level, 0));
                    if level + 1 == STACKED {
                        top[lane] = Some(layout.len() - 1);
                    }
                }
                None => {
                    if let Some(t) = top[lane] {
                        layout[t].3 += 1;
                    }
                }
            }
        }
        let mut order = 0usize;
        let marks = layout
            .into_iter()
            .map(|(index, it, level, hidden)| {
                let kind = o.email(it).map(|e| e.kind).unwrap_or(EmailKind::Automated);
                let sent = it.what == What::EmailSent;
                let cx = x(it.at);
                let base = if kind == EmailKind::Sales { SALES_Y } else { MARKETING_Y };
                let cy = if kind == EmailKind::Sales { base + level as f64 * STACK } else { base - level as f64 * STACK };
                let same_day = if crowded { per_day.get(&key(it)).copied().unwrap_or(1) } else { 1 };
                let label = if same_day > 1 {
                    format!("{} — {same_day} {} {} emails this day, the first: {}", o.clock.short(it.at), kind.as_str(), if sent { "sent" } else { "held back" }, o.describe(it))
                } else {
                    format!("{} — {}", o.clock.short(it.at), o.describe(it))
                };
                let added = before.as_ref().is_some_and(|b| !b.contains(&email_key(o, it)));
                let label = if added { format!("Added against the baseline: {label}") } else { label };
                let class = format!("mark {} {}{}", kind.as_str(), if sent { "sent" } else { "held" }, if added { " added" } else { "" });
                let testid = if sent { "mark-sent" } else { "mark-held" };
                let shape = match kind {
                    EmailKind::Automated => view! { <circle cx=cx cy=cy r="6.5"/> }.into_any(),
                    EmailKind::Mass => view! { <rect x=cx - 6.0 y=cy - 6.0 width="12" height="12" transform=format!("rotate(45 {cx} {cy})")/> }.into_any(),
                    EmailKind::Sales => view! { <rect x=cx - 6.5 y=cy - 6.5 width="13" height="13"/> }.into_any(),
                };
                let ring = added.then(|| view! { <circle class="added-ring" cx=cx cy=cy r="10" data-testid="mark-added"/> });
                let overflow = (hidden > 0).then(|| {
                    let ty = if kind == EmailKind::Sales { cy + 16.0 } else { cy - 10.0 };
                    view! { <text class="stack-more" x=cx + 8.0 y=ty>{format!("+{hidden}")}</text> }
                });
                let label = if hidden > 0 { format!("{label} (and {hidden} more emails close by: zoom in to see them)") } else { label };
                let n = order;
                order += 1;
                let item_index = index;
                let title = label.clone();
                Some(view! {
                    <g class=class class:open=move || card.get() == Some((i, item_index)) tabindex="0" role="button" aria-label=label data-testid=testid data-order=n
                        on:click=move |_| card.set(Some((i, item_index)))
                        on:focus=move |_| card.set(Some((i, item_index)))
                        on:keydown=move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
                            "ArrowRight" | "ArrowDown" => { ev.prevent_default(); focus_mark(n + 1); }
                            "ArrowLeft" | "ArrowUp" => { ev.prevent_default(); if n > 0 { focus_mark(n - 1); } }
                            "Escape" => card.set(None),
                            _ => {}
                        }>
                        <title>{title}</title>
                        {ring}
                        {shape}
                        {overflow}
                    </g>
                })
            })
            .collect_view();
        let listed: Vec<_> = items.iter().filter(|it| !matches!(it.what, What::ScoreChanged)).collect();
        let total = listed.len();
        let pages = total.div_ceil(PAGE).max(1);
        let shown = match page.get() {
            (contact, p) if contact == i => p.min(pages - 1),
            _ => 0,
        };
        // The entries of this page, a body per week with the week's tally as its heading.
        let page_items: Vec<_> = listed.iter().skip(shown * PAGE).take(PAGE).copied().collect();
        let mut weeks: Vec<(usize, Vec<&crate::engine::Item>)> = Vec::new();
        for it in page_items {
            let w = o.clock.week(it.at);
            match weeks.last_mut() {
                Some((last, list)) if *last == w => list.push(it),
                _ => weeks.push((w, vec![it])),
            }
        }
        let bodies = weeks
            .into_iter()
            .map(|(w, list)| {
                let first_day = (w as u32) * 7;
                let from = o.clock.date(first_day * DAY).format("%-d %b");
                let to = o.clock.date((first_day + 6).min(horizon - 1) * DAY).format("%-d %b");
                let sent = list.iter().filter(|it| it.what == What::EmailSent).count();
                let held = list.iter().filter(|it| it.what == What::EmailSuppressed).count();
                let clash = list.iter().filter(|it| it.what == What::Conflict).count();
                let heading = format!(
                    "Week {} · {from}–{to} · {sent} sent, {held} held back{}",
                    w + 1,
                    if clash > 0 { format!(", {clash} same-day conflict{}", if clash == 1 { "" } else { "s" }) } else { String::new() }
                );
                let rows = list
                    .into_iter()
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
                view! {
                    <tbody class="week">
                        <tr class="week-head"><th colspan="5" scope="colgroup">{heading}</th></tr>
                        {rows}
                    </tbody>
                }
            })
            .collect_view();
        // The card of the open mark: everything about that email.
        let card_view = move || {
            let run = app.shown.get();
            let o = &run.0.outcome;
            let items = o.items.contact(i);
            card.get()
                .filter(|(c, _)| *c == i)
                .and_then(|(_, k)| items.get(k).map(|it| (k, it)))
                .map(|(k, it)| {
                    let email = o.email(it);
                    let kind = email.map(|e| e.kind.as_str()).unwrap_or("");
                    let status = if it.what == What::EmailSent { "sent" } else { "held back" };
                    let reason = o.reason_text(it);
                    let score = crate::engine::outcome::score_after(items, k).map(|v| v.to_string()).unwrap_or_else(|| "none yet".into());
                    view! {
                        <div class="mark-card" data-testid="mark-card" role="region" aria-label="The chosen email">
                            <div class="card-head">
                                <strong>{email.map(|e| e.name.clone()).unwrap_or_default()}</strong>
                                <button type="button" class="link" aria-label="Close the card" on:click=move |_| card.set(None)>"✕"</button>
                            </div>
                            <dl>
                                <dt>"When"</dt><dd>{o.clock.short(it.at)}</dd>
                                <dt>"Kind"</dt><dd>{kind.to_string()}</dd>
                                <dt>"From"</dt><dd>{o.source_text(it)}</dd>
                                <dt>"Status"</dt><dd data-testid="card-status">{status}</dd>
                                <dt>"Why"</dt><dd data-testid="card-reason">{if reason.is_empty() { "due and allowed".to_string() } else { reason }}</dd>
                                <dt>"Score after"</dt><dd data-testid="card-score">{score}</dd>
                            </dl>
                            <p class="hint">"← → move between emails; Esc closes."</p>
                        </div>
                    }
                    .into_any()
                })
                .unwrap_or_else(|| ().into_any())
        };
        let sent = items.iter().filter(|it| it.what == What::EmailSent).count();
        let held = items.iter().filter(|it| it.what == What::EmailSuppressed).count();
        let conflict_count = items.iter().filter(|it| it.what == What::Conflict).count();
        let range = format!("{} – {}", o.clock.date(start).format("%-d %b %Y"), o.clock.date(end.saturating_sub(1)).format("%-d %b %Y"));
        let zoomed = zoom.get() != Zoom::Whole;
        let (no_earlier, no_later) = (!zoomed || first == 0, !zoomed || first + span_days >= horizon);
        view! {
            <header class="calendar-head">
                <h3 data-testid="calendar-contact">{info.name.clone()}</h3>
                <p class="who">{format!("{} · {} · {}", info.email, persona, o.option.short())}</p>
                <p class="tally" data-testid="calendar-tally">
                    {format!(
                        "{sent} email{} sent, {held} held back, {conflict_count} same-day conflict{}",
                        if sent == 1 { "" } else { "s" },
                        if conflict_count == 1 { "" } else { "s" }
                    )}
                </p>
            </header>
            <div class="zoom" role="group" aria-label="How much of the plan to show">
                {[(Zoom::Whole, "Whole plan"), (Zoom::Month, "Month"), (Zoom::Week, "Week")].into_iter().map(|(z, label)| view! {
                    <button type="button" class:active=move || zoom.get() == z aria-pressed=move || (zoom.get() == z).to_string()
                        data-testid=format!("zoom-{}", label.to_lowercase().replace(' ', "-"))
                        on:click=move |_| {
                            // Zooming in starts at the open card's email, if any, else where the view starts.
                            let at = card.get_untracked().and_then(|(c, k)| (c == i).then_some(k)).and_then(|k| app.shown.with_untracked(|r| r.0.outcome.items.contact(i).get(k).map(|it| it.at / DAY)));
                            zoom.set(z);
                            if let Some(day) = at {
                                from_day.set(day.saturating_sub(z.days(horizon) / 3));
                            }
                        }>{label}</button>
                }).collect_view()}
                <button type="button" data-testid="pan-earlier" disabled=no_earlier on:click=move |_| from_day.set(first.saturating_sub(span_days))>"← Earlier"</button>
                <button type="button" data-testid="pan-later" disabled=no_later on:click=move |_| from_day.set(first + span_days)>"Later →"</button>
                <span class="range" data-testid="calendar-range">{range}</span>
            </div>
            <svg class="timeline" viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" role="group" aria-label=format!("Email timeline of {}", info.name)>
                <text x="8" y=MARKETING_Y + 5.0 class="lane-label">"Marketing"</text>
                <text x="8" y=SALES_Y + 5.0 class="lane-label">"Sales"</text>
                <line class="lane" x1=LEFT x2=WIDTH - RIGHT y1=MARKETING_Y y2=MARKETING_Y/>
                <line class="lane" x1=LEFT x2=WIDTH - RIGHT y1=SALES_Y y2=SALES_Y/>
                {ticks}
                {conflicts}
                {markers}
                {ghosts}
                {marks}
            </svg>
            {card_view}
            <ul class="legend" aria-label="Legend">
                <li><svg width="16" height="16"><circle cx="8" cy="8" r="6" class="mark automated sent"/></svg>"Automated"</li>
                <li><svg width="16" height="16"><rect x="3" y="3" width="10" height="10" transform="rotate(45 8 8)" class="mark mass sent"/></svg>"Mass"</li>
                <li><svg width="16" height="16"><rect x="2" y="2" width="12" height="12" class="mark sales sent"/></svg>"Sales one-to-one"</li>
                <li><svg width="16" height="16"><circle cx="8" cy="8" r="6" class="mark automated held"/></svg>"Hollow: held back"</li>
                <li><span class="swatch conflict"></span>"Same-day conflict"</li>
                {before.is_some().then(|| view! {
                    <li><svg width="20" height="20"><circle cx="10" cy="10" r="8" class="added-ring"/></svg>"Added since the baseline"</li>
                    <li><svg width="20" height="20"><circle cx="10" cy="10" r="7" class="ghost"/></svg>{format!("Removed since the baseline ({})", removed.len())}</li>
                })}
            </ul>
            <div class="event-log" tabindex="0" role="region" aria-label="Everything that happens to this contact, by week">
                <table class="entries" data-testid="calendar-entries">
                    <caption>"Everything that happens to this contact, week by week"</caption>
                    <thead><tr><th scope="col">"When"</th><th scope="col">"Email"</th><th scope="col">"What happened"</th><th scope="col">"Stage · lead status"</th><th scope="col">"Owner"</th></tr></thead>
                    {bodies}
                </table>
            </div>
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
