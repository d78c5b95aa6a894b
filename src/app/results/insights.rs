//! Results over time and the safeguard audit: the funnel per week, MQLs per month against
//! the promise, each rep's weekly load against capacity, and the list of leaks, over-emailed
//! contacts and leads that waited past the SLA. Every chart has its numbers as a table.

use leptos::prelude::*;

use crate::app::state::{use_app, Run};
use crate::engine::{Item, Reason, Stage, What};

const W: f64 = 900.0;
const H: f64 = 220.0;
const PAD_L: f64 = 48.0;
const PAD_B: f64 = 28.0;

/// Stages drawn in the funnel, with their colours (labels carry the meaning too).
const FUNNEL: [(Stage, &str); 6] = [
    (Stage::Lead, "#9fb3d9"),
    (Stage::Mql, "#2f6fd6"),
    (Stage::Sql, "#d9711c"),
    (Stage::Opportunity, "#7a4fd0"),
    (Stage::Customer, "#1f8a4c"),
    (Stage::Other, "#b8bfcc"),
];

/// A chart's y axis: a round step (1, 2, 5, 10, 20, 25, 50…) giving at most six ticks.
fn axis(max: f64) -> (f64, Vec<f64>) {
    let mut step = 1.0;
    let mut k = 0;
    while max / step > 5.0 {
        step *= [2.0, 2.5, 2.0][k % 3];
        k += 1;
    }
    let top = (max / step).ceil().max(1.0) * step;
    let n = (top / step).round() as usize;
    (top, (0..=n).map(|i| i as f64 * step).collect())
}

/// Funnel, MQLs, rep load and the audit.
#[component]
pub fn Insights() -> impl IntoView {
    let app = use_app();
    let funnel = move || {
        let run = app.shown_below.get();
        let option = run.0.scenario.handoff_option;
        let f = run.0.comparison.iter().find(|c| c.option == option).map(|c| c.figures.clone()).unwrap_or_default();
        let weeks = f.stages_per_week.len().max(1);
        let max = f.stages_per_week.iter().flat_map(|w| FUNNEL.iter().map(move |(s, _)| w[*s as usize])).max().unwrap_or(0) as f64;
        let (top, ticks) = axis(max);
        let x = move |w: usize| PAD_L + (W - PAD_L - 10.0) * (w as f64 + 1.0) / weeks as f64;
        let y = move |v: f64| H - PAD_B - (H - PAD_B - 10.0) * v / top;
        let lines = FUNNEL
            .iter()
            .map(|(stage, colour)| {
                let points: String = f.stages_per_week.iter().enumerate().map(|(w, c)| format!("{:.1},{:.1} ", x(w), y(c[*stage as usize] as f64))).collect();
                view! { <polyline points=points fill="none" stroke=*colour stroke-width="2.5"/> }
            })
            .collect_view();
        let grid = ticks
            .iter()
            .map(|t| view! {
                <g class="grid"><line x1=PAD_L x2=W - 10.0 y1=y(*t) y2=y(*t)/><text x=PAD_L - 6.0 y=y(*t) + 4.0 text-anchor="end">{format!("{t:.0}")}</text></g>
            })
            .collect_view();
        let week_labels = (0..weeks)
            .filter(|w| weeks <= 20 || w % (weeks / 10).max(1) == 0)
            .map(|w| view! { <text class="axis-label" x=x(w) y=H - 8.0 text-anchor="middle">{format!("W{}", w + 1)}</text> })
            .collect_view();
        let rows = f
            .stages_per_week
            .iter()
            .enumerate()
            .map(|(w, c)| {
                view! {
                    <tr><th scope="row">{format!("Week {}", w + 1)}</th>{FUNNEL.iter().map(|(s, _)| view! { <td>{c[*s as usize]}</td> }).collect_view()}</tr>
                }
            })
            .collect_view();
        let alt = format!(
            "Contacts per stage at the end of each week, for {} weeks. At the end: {}.",
            weeks,
            f.stages_per_week
                .last()
                .map(|c| FUNNEL.iter().map(|(s, _)| format!("{} {}", s.label(), c[*s as usize])).collect::<Vec<_>>().join(", "))
                .unwrap_or_default()
        );
        view! {
            <figure class="wide-chart" data-testid="funnel-chart">
                <figcaption>"Funnel over time: contacts at each stage at the end of each week"</figcaption>
                <svg viewBox=format!("0 0 {W} {H}") width="100%" role="img" aria-label=alt>
                    {grid}{lines}{week_labels}
                </svg>
                <ul class="legend">{FUNNEL.iter().map(|(s, c)| view! { <li><span class="swatch" style=format!("background:{c}")></span>{s.label()}</li> }).collect_view()}</ul>
                <details><summary>"The numbers"</summary>
                    <table class="figures"><thead><tr><th>"Week"</th>{FUNNEL.iter().map(|(s, _)| view! { <th scope="col">{s.label()}</th> }).collect_view()}</tr></thead><tbody>{rows}</tbody></table>
                </details>
            </figure>
        }
    };
    let mqls = move || {
        let run = app.shown_below.get();
        let (option, target) = (run.0.scenario.handoff_option, run.0.scenario.sla.mqls_per_month);
        let f = run.0.comparison.iter().find(|c| c.option == option).map(|c| c.figures.clone()).unwrap_or_default();
        let max = f.mqls_per_month.iter().map(|(_, n)| *n).max().unwrap_or(0).max(target as u64) as f64;
        let bar_w = 300.0 / f.mqls_per_month.len().max(1) as f64;
        let bars = f
            .mqls_per_month
            .iter()
            .enumerate()
            .map(|(i, (month, n))| {
                let h = 140.0 * *n as f64 / max.max(1.0);
                view! {
                    <g>
                        <rect class="bar chosen" x=40.0 + i as f64 * bar_w + 4.0 y=160.0 - h width=bar_w - 8.0 height=h.max(1.0) rx="3"/>
                        <text class="bar-value" x=40.0 + i as f64 * bar_w + bar_w / 2.0 y=155.0 - h text-anchor="middle">{*n}</text>
                        <text class="axis-label" x=40.0 + i as f64 * bar_w + bar_w / 2.0 y="178" text-anchor="middle">{month.clone()}</text>
                    </g>
                }
            })
            .collect_view();
        let ty = 160.0 - 140.0 * target as f64 / max.max(1.0);
        let alt = format!(
            "MQLs per month against the promised {target}: {}",
            f.mqls_per_month.iter().map(|(m, n)| format!("{m}: {n}")).collect::<Vec<_>>().join(", ")
        );
        view! {
            <figure class="chart" data-testid="mql-chart">
                <figcaption>{format!("MQLs per month (promised: {target})")}</figcaption>
                <svg viewBox="0 0 360 186" width="100%" role="img" aria-label=alt>
                    {bars}
                    <line class="target" x1="36" x2="350" y1=ty y2=ty/>
                    <text class="target-label" x="350" y=ty - 4.0 text-anchor="end">{format!("promised {target}")}</text>
                </svg>
                <details><summary>"The numbers"</summary>
                    <table class="figures"><thead><tr><th scope="col">"Month"</th><th scope="col">"MQLs"</th><th scope="col">"Promised"</th></tr></thead>
                        <tbody>{f.mqls_per_month.iter().map(|(m, n)| view! { <tr><th scope="row">{m.clone()}</th><td>{*n}</td><td>{target}</td></tr> }).collect_view()}</tbody>
                    </table>
                </details>
            </figure>
        }
    };
    let reps = move || {
        let run = app.shown_below.get();
        let o = &run.0.outcome;
        let caps: Vec<u32> = run.0.scenario.reps.iter().map(|r| r.capacity_per_week).collect();
        let rows = o
            .reps
            .iter()
            .zip(&o.rep_load)
            .zip(&caps)
            .map(|((name, load), cap)| {
                let busiest = load.iter().copied().max().unwrap_or(0);
                let full = load.iter().filter(|&&l| l >= *cap && *cap > 0).count();
                let cells = load
                    .iter()
                    .map(|l| {
                        let class = if *l >= *cap && *cap > 0 {
                            "load full"
                        } else if *l > 0 {
                            "load some"
                        } else {
                            "load none"
                        };
                        view! { <td class=class title=format!("{l} of {cap}")>{*l}</td> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{name.clone()}</th>
                        <td class="cap">{*cap}</td>
                        <td class="cap">{busiest}</td>
                        <td class="cap">{full}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        let weeks = o.rep_load.first().map(|l| l.len()).unwrap_or(0);
        view! {
            <figure class="wide-chart rep-load" data-testid="rep-load">
                <figcaption>"New leads per rep per week, against capacity (full weeks are marked)"</figcaption>
                <div class="scroll" tabindex="0" role="region" aria-label="New leads per rep per week">
                    <table class="load-table">
                        <thead><tr><th scope="col">"Rep"</th><th scope="col">"Capacity"</th><th scope="col">"Busiest week"</th><th scope="col">"Weeks full"</th>
                            {(0..weeks).map(|w| view! { <th scope="col">{format!("W{}", w + 1)}</th> }).collect_view()}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </figure>
        }
    };
    let audit = move || {
        let run = app.shown_below.get();
        let d = &run.0;
        let o = &d.outcome;
        {
            // Only which entries belong to each list is found here; a row's words are
            // made when it is shown (tens of thousands of rows for a large scenario).
            let mut leaks = Vec::new();
            let mut over = Vec::new();
            let mut late = Vec::new();
            for c in 0..o.items.len() {
                for it in o.items.contact(c) {
                    match it.what {
                        What::EmailSent if matches!(it.reason, Reason::LeakDuplicate | Reason::LeakUnmarkedEventLead) => leaks.push((c, *it)),
                        What::OverComfortLimit => over.push((c, *it)),
                        What::SlaBreached => late.push((c, *it)),
                        _ => {}
                    }
                }
            }
            let list = |title: &'static str, testid: &'static str, empty: &'static str, rows: Vec<(usize, Item)>| {
                let run = run.clone();
                view! { <AuditList title testid empty run rows/> }
            };
            view! {
                {list("Suppression-list leaks", "audit-leaks", "No marketing email reached a person sales is working.", leaks)}
                {list("Contacts over the comfort limit", "audit-over", "No contact received more emails in 7 days than the comfort limit.", over)}
                {list("Leads that waited past the SLA", "audit-late", "Every first touch came within the SLA.", late)}
            }
        }
    };
    view! {
        <section class="panel insights" aria-labelledby="insights-title" data-testid="insights">
            <h3 id="insights-title">{move || format!("Over time, under {}", app.shown_below.with(|r| r.0.scenario.handoff_option.short()))}</h3>
            {funnel}
            <div class="insight-row">
                {mqls}
                {reps}
            </div>
            <h3>"Safeguard audit"</h3>
            <div class="audit">{audit}</div>
        </section>
    }
}

/// Rows of an audit list shown at first, and added by each "Show more".
const AUDIT_ROWS: usize = 50;

/// One list of the safeguard audit: the first rows, and a button that shows more until
/// every row is shown.
#[component]
fn AuditList(
    /// The list's heading.
    title: &'static str,
    testid: &'static str,
    /// What to say when the list is empty.
    empty: &'static str,
    /// The results the entries are from, for names and words.
    run: Run,
    /// Each entry: the contact and its calendar entry.
    rows: Vec<(usize, Item)>,
) -> impl IntoView {
    let n = rows.len();
    let shown = RwSignal::new(AUDIT_ROWS);
    let rows = std::sync::Arc::new(rows);
    view! {
        <section class="audit-list" data-testid=testid>
            <h4>{format!("{title} ({n})")}</h4>
            {if n == 0 {
                view! { <p class="hint">{empty}</p> }.into_any()
            } else {
                let table_rows = rows.clone();
                view! {
                    <table class="entries"><tbody>
                        {move || table_rows.iter().take(shown.get()).map(|(c, it)| {
                            let d = &run.0;
                            let (who, when, what) = (d.population.info(&d.scenario, *c).name, d.outcome.clock.short(it.at), d.outcome.describe(it));
                            view! { <tr><td class="when">{when}</td><td>{who}</td><td class="what">{what}</td></tr> }
                        }).collect_view()}
                    </tbody></table>
                    {move || (shown.get() < n).then(|| {
                        let left = n - shown.get();
                        view! {
                            <button type="button" class="link" data-testid="audit-more" on:click=move |_| shown.update(|s| *s += AUDIT_ROWS.max(*s))>
                                {format!("and {left} more: show {}", left.min(AUDIT_ROWS.max(shown.get())))}
                            </button>
                        }
                    })}
                }.into_any()
            }}
        </section>
    }
}
