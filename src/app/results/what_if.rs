//! What-if: sweep a setting (or two), draw each figure against it for every option, mark
//! the values that meet the agreement's goals, and apply one as an ordinary edit.
//!
//! The sweep runs a value at a time between frames, so the page keeps answering; a newer
//! run or "Stop" cancels the one under way. The engine does the work
//! ([`crate::engine::sweep`]), the same code as `baton sweep`.

use leptos::prelude::*;

use crate::app::state::{next_frame, problem_text, use_app};
use crate::engine::figures::{Direction, Figure};
use crate::engine::sweep::{nearest_meeting, run_cell, Cell, Goal, Setting, WhatIf};
use crate::engine::HandoffOption;

/// A finished sweep: what was asked and each cell.
#[derive(Clone, PartialEq)]
pub struct SweepResult {
    pub asked: WhatIf,
    pub cells: Vec<Cell>,
}

/// The sweep the view starts with: the scenario's saved one, or the handoff score.
fn starting(s: &crate::engine::Scenario) -> WhatIf {
    s.what_if.clone().unwrap_or_else(|| WhatIf {
        axes: Setting::HandoffScore.suggested(s).into_iter().collect(),
        runs: 1,
        goals: vec![],
        figure: Figure::SlaBreaches,
    })
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{:.2}", v).trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The values (or pairs, "65 × 3") meeting every goal under `option`, in words.
fn meeting_values(cells: &[Cell], option: HandoffOption, goals: &[Goal]) -> Vec<String> {
    cells.iter().filter(|c| c.meets(option, goals)).map(|c| c.values.iter().map(|v| number(*v)).collect::<Vec<_>>().join(" × ")).collect()
}

/// Line colours of the options, in `HandoffOption::ALL` order.
const COLOURS: [&str; 4] = ["#1f5fbf", "#b3541e", "#2e7d32", "#7b3fa0"];

/// The what-if view.
#[component]
pub fn WhatIfView() -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(app.scenario.with_untracked(starting));
    let result = RwSignal::new(None::<SweepResult>);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let error = RwSignal::new(None::<String>);
    let generation = StoredValue::new(0u32);
    // Another scenario opened: its own saved sweep, and no old results.
    let name = Memo::new(move |_| app.scenario.with(|s| (s.name.clone(), s.what_if.is_some())));
    Effect::new(move |prev: Option<String>| {
        let (n, _) = name.get();
        if prev.as_ref().is_some_and(|p| *p != n) {
            draft.set(app.scenario.with_untracked(starting));
            result.set(None);
        }
        n
    });
    let settings = move || app.scenario.with(|s| Setting::all_for(s).into_iter().map(|x| (x.path(), x.label(s))).collect::<Vec<_>>());
    let set_axis = move |k: usize, path: String| {
        let axis = Setting::parse(&path).ok().and_then(|x| app.scenario.with_untracked(|s| x.suggested(s)));
        draft.update(|w| match axis {
            Some(a) if k < w.axes.len() => w.axes[k] = a,
            Some(a) => w.axes.push(a),
            None => w.axes.truncate(k),
        });
    };
    let run = move |_| {
        let w = draft.get_untracked();
        let s = app.scenario.get_untracked();
        let problems = w.problems(&s);
        if !problems.is_empty() {
            error.set(Some(problems.join("; ")));
            return;
        }
        error.set(None);
        let grid = w.grid();
        let id = generation.get_value() + 1;
        generation.set_value(id);
        progress.set(Some((0, grid.len())));
        leptos::task::spawn_local(async move {
            let mut cells = Vec::with_capacity(grid.len());
            let mut since = js_sys::Date::now();
            for (i, values) in grid.iter().enumerate() {
                // Between frames every 30 ms or so: the page keeps answering.
                if js_sys::Date::now() - since > 30.0 {
                    next_frame().await;
                    since = js_sys::Date::now();
                }
                if generation.get_value() != id {
                    return;
                }
                match run_cell(&s, &w, values, 1) {
                    Ok(c) => cells.push(c),
                    Err(e) => {
                        error.set(Some(e));
                        progress.set(None);
                        return;
                    }
                }
                progress.set(Some((i + 1, grid.len())));
            }
            progress.set(None);
            result.set(Some(SweepResult { asked: w.clone(), cells }));
            app.sweep.set(result.get_untracked());
            // Saved with the scenario, so it travels in the file and the link.
            if let Err(p) = app.edit(|s| s.what_if = Some(w)) {
                error.set(Some(problem_text(&p)));
            }
        });
    };
    let stop = move |_| {
        generation.update_value(|g| *g += 1);
        progress.set(None);
    };
    let axis_field = move |k: usize, part: &'static str, label: &'static str| {
        view! {
            <label class="field narrow">
                <span class="field-label">{label}</span>
                <input type="number" step="any" data-testid=format!("sweep-{part}-{k}")
                    prop:value=move || draft.with(|w| w.axes.get(k).map(|a| number(match part { "from" => a.from, "to" => a.to, _ => a.step })).unwrap_or_default())
                    on:change=move |ev| {
                        let v: f64 = event_target_value(&ev).trim().parse().unwrap_or(f64::NAN);
                        draft.update(|w| if let Some(a) = w.axes.get_mut(k) {
                            match part { "from" => a.from = v, "to" => a.to = v, _ => a.step = v }
                        });
                    }/>
            </label>
        }
    };
    let axis_row = move |k: usize| {
        view! {
            <div class="sweep-axis">
                <label class="field">
                    <span class="field-label">{if k == 0 { "Setting" } else { "Second setting (a grid)" }}</span>
                    <select data-testid=format!("sweep-setting-{k}") on:change=move |ev| set_axis(k, event_target_value(&ev))>
                        {(k == 1).then(|| view! { <option value="" selected=move || draft.with(|w| w.axes.len() < 2)>"none"</option> })}
                        {move || settings().into_iter().map(|(path, label)| {
                            let p = path.clone();
                            view! { <option value=path selected=move || draft.with(|w| w.axes.get(k).is_some_and(|a| a.setting.path() == p))>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || draft.with(|w| w.axes.len() > k)>
                    {axis_field(k, "from", "From")}
                    {axis_field(k, "to", "To")}
                    {axis_field(k, "step", "Step")}
                </Show>
            </div>
        }
    };
    let chosen = move || app.scenario.with(|s| s.handoff_option);
    // The finished sweep as shown: its cells with the goals and figure as they are now, so
    // a goal changed after the sweep marks the values again without simulating.
    let shown = Memo::new(move |_| {
        result.get().map(|mut r| {
            draft.with(|w| {
                r.asked.goals = w.goals.clone();
                r.asked.figure = w.figure;
            });
            r
        })
    });
    let nearest = move || {
        shown.with(|r| {
            let r = r.as_ref()?;
            app.scenario.with(|s| nearest_meeting(&r.cells, s, &r.asked, s.handoff_option).map(|c| c.values.clone()))
        })
    };
    let use_value = move |_| {
        let (Some(values), Some(r)) = (nearest(), shown.get_untracked()) else { return };
        let r = app.edit(|s| {
            for (a, v) in r.asked.axes.iter().zip(&values) {
                let _ = a.setting.set(s, *v);
            }
        });
        error.set(r.err().map(|p| problem_text(&p)));
    };
    view! {
        <section class="panel what-if" aria-labelledby="what-if-title" data-testid="what-if">
            <h3 id="what-if-title">"What-if: sweep a setting"</h3>
            <p class="hint">"Baton simulates every value, for every option, on the same contacts, and draws each figure against the setting. State what the agreement needs, and the values that meet it are marked."</p>
            {axis_row(0)}
            {axis_row(1)}
            <div class="field-grid">
                <label class="field">
                    <span class="field-label">"Seeds per value"</span>
                    <input type="number" min="1" max="20" data-testid="sweep-runs" prop:value=move || draft.with(|w| w.runs.to_string())
                        on:change=move |ev| { let n = event_target_value(&ev).trim().parse().unwrap_or(0); draft.update(|w| w.runs = n); }/>
                </label>
                <label class="field">
                    <span class="field-label">"Figure drawn"</span>
                    <select data-testid="sweep-figure" on:change=move |ev| {
                        let code = event_target_value(&ev);
                        if let Some(f) = Figure::ALL.into_iter().find(|f| f.code() == code) {
                            draft.update(|w| w.figure = f);
                        }
                    }>
                        {Figure::ALL.into_iter().map(|f| view! { <option value=f.code() selected=move || draft.with(|w| w.figure == f)>{f.label()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <Goals draft/>
            <p class="actions">
                <button type="button" class="primary" data-testid="sweep-run" on:click=run>"Run the sweep"</button>
                <Show when=move || progress.get().is_some()>
                    <button type="button" data-testid="sweep-stop" on:click=stop>"Stop"</button>
                    <span role="status" data-testid="sweep-progress">{move || progress.get().map(|(a, b)| format!("Simulated {a} of {b}…"))}</span>
                </Show>
            </p>
            <p class="field-error" role="alert">{move || error.get()}</p>
            {move || shown.get().map(|r| {
                let option = chosen();
                let current: Vec<f64> = app.scenario.with(|s| r.asked.axes.iter().map(|a| a.setting.get(s).unwrap_or(f64::NAN)).collect());
                let labels: Vec<String> = app.scenario.with(|s| r.asked.axes.iter().map(|a| a.setting.label(s)).collect());
                let meeting = meeting_values(&r.cells, option, &r.asked.goals);
                let verdict = if r.asked.goals.is_empty() {
                    "No goals yet: add one to mark the values that keep the agreement.".to_string()
                } else if meeting.is_empty() {
                    format!("Under {}, no value meets every goal.", option.short())
                } else {
                    let shown: Vec<String> = meeting.iter().take(12).cloned().collect();
                    let more = if meeting.len() > 12 { format!(" and {} more (marked below)", meeting.len() - 12) } else { String::new() };
                    format!("Under {}, {} meet{} every goal: {}{more}.", option.short(), if meeting.len() == 1 { "this value" } else { "these values" }, if meeting.len() == 1 { "s" } else { "" }, shown.join(", "))
                };
                view! {
                    <div class="sweep-result" data-testid="sweep-result">
                        <p data-testid="sweep-verdict"><b>{verdict}</b></p>
                        {
                            let labels = labels.clone();
                            let current = current.clone();
                            move || nearest().map(|v| {
                                let text = v.iter().zip(&labels).map(|(x, l)| format!("{l} {}", number(*x))).collect::<Vec<_>>().join(" · ");
                                if v.iter().zip(&current).all(|(a, b)| (a - b).abs() < 1e-9) {
                                    view! { <p data-testid="sweep-current-meets">{format!("The current value ({text}) already meets every goal.")}</p> }.into_any()
                                } else {
                                    view! { <p><button type="button" class="primary" data-testid="sweep-use" on:click=use_value>{format!("Use the nearest value that meets every goal: {text}")}</button></p> }.into_any()
                                }
                            })
                        }
                        <p><button type="button" data-testid="sweep-download" on:click={
                            let r = r.clone();
                            move |_| {
                                let mut bytes = Vec::new();
                                let _ = crate::engine::sweep::write_csv(&r.asked, &r.cells, &mut bytes);
                                let name = app.scenario.with_untracked(|s| crate::app::workspace::sweep_file_name(&s.name));
                                if let Err(e) = crate::app::workspace::storage::download(&name, "text/csv", &String::from_utf8_lossy(&bytes)) {
                                    error.set(Some(e));
                                }
                            }
                        }>"Download the numbers (CSV, every figure)"</button></p>
                        {if r.asked.axes.len() == 1 {
                            view! { <Lines r=r.clone() current=current[0] label=labels[0].clone() option/> }.into_any()
                        } else {
                            view! { <HeatMap r=r.clone() current=current.clone() labels=labels.clone() option/> }.into_any()
                        }}
                    </div>
                }
            })}
        </section>
    }
}

/// The goals: figure, at least / at most / equal, a number.
#[component]
fn Goals(draft: RwSignal<WhatIf>) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|w| w.goals.len()));
    let edit = move |k: usize, f: Box<dyn Fn(&mut Goal)>| {
        draft.update(|w| {
            if let Some(g) = w.goals.get_mut(k) {
                f(g)
            }
        });
    };
    let remove = move |k: usize| {
        draft.update(|w| {
            if k < w.goals.len() {
                w.goals.remove(k);
            }
        });
    };
    view! {
        <div class="sweep-goals" data-testid="sweep-goals">
            <h4>"What the agreement needs"</h4>
            <ol class="rules">
                {move || (0..count.get()).map(|k| {
                    let g = draft.with_untracked(|w| w.goals.get(k).cloned());
                    let Some(g) = g else { return ().into_any() };
                    let op = match (g.at_least, g.at_most) { (Some(a), Some(b)) if a == b => "eq", (Some(_), _) => "ge", _ => "le" };
                    let value = g.at_least.or(g.at_most).unwrap_or(0.0);
                    view! {
                        <li data-testid="sweep-goal"><div class="rule-parts">
                            <select aria-label=format!("Goal {}: figure", k + 1) data-testid="sweep-goal-figure" on:change=move |ev| {
                                let code = event_target_value(&ev);
                                if let Some(f) = Figure::ALL.into_iter().find(|f| f.code() == code) { edit(k, Box::new(move |g| g.figure = f)); }
                            }>
                                {Figure::ALL.into_iter().map(|f| view! { <option value=f.code() selected=f == g.figure>{f.label()}</option> }).collect_view()}
                            </select>
                            <select aria-label=format!("Goal {}: how", k + 1) data-testid="sweep-goal-op" on:change=move |ev| {
                                let how = event_target_value(&ev);
                                edit(k, Box::new(move |g| {
                                    let v = g.at_least.or(g.at_most).unwrap_or(0.0);
                                    (g.at_least, g.at_most) = match how.as_str() { "ge" => (Some(v), None), "le" => (None, Some(v)), _ => (Some(v), Some(v)) };
                                }));
                            }>
                                <option value="ge" selected=op == "ge">"at least"</option>
                                <option value="le" selected=op == "le">"at most"</option>
                                <option value="eq" selected=op == "eq">"exactly"</option>
                            </select>
                            <input type="number" step="any" aria-label=format!("Goal {}: value", k + 1) data-testid="sweep-goal-value" value=number(value)
                                on:change=move |ev| {
                                    let Ok(v) = event_target_value(&ev).trim().parse::<f64>() else { return };
                                    edit(k, Box::new(move |g| {
                                        if g.at_least.is_some() { g.at_least = Some(v); }
                                        if g.at_most.is_some() { g.at_most = Some(v); }
                                    }));
                                }/>
                            <button type="button" class="icon" aria-label=format!("Remove goal {}", k + 1) on:click=move |_| remove(k)>"✕"</button>
                        </div></li>
                    }.into_any()
                }).collect_view()}
            </ol>
            <button type="button" data-testid="sweep-add-goal" on:click=move |_| {
                draft.update(|w| w.goals.push(Goal { figure: Figure::SlaBreaches, at_least: None, at_most: Some(5.0) }));
            }>"+ Goal"</button>
        </div>
    }
}

/// A point of an option's line: the swept value, the figure's mean, and its 10th and
/// 90th percentiles over the seeds (0 with one seed).
type Point = (f64, f64, f64, f64);

/// One setting: a line per option (with the 10th–90th percentile band when there are
/// several seeds), the current value marked, the values meeting the goals marked, and the
/// same numbers in a table.
#[component]
fn Lines(r: SweepResult, current: f64, label: String, option: HandoffOption) -> impl IntoView {
    let figure = r.asked.figure;
    let xs: Vec<f64> = r.cells.iter().map(|c| c.values[0]).collect();
    let (x0, x1) = (xs.first().copied().unwrap_or(0.0), xs.last().copied().unwrap_or(1.0));
    let top = r
        .cells
        .iter()
        .flat_map(|c| c.options.iter().map(|o| o.spread_of(figure).map_or(o.value(figure), |s| s.p90.max(s.mean))))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let (w, h, left, bottom) = (720.0, 240.0, 48.0, 28.0);
    let px = move |x: f64| left + if x1 > x0 { (x - x0) / (x1 - x0) * (w - left - 12.0) } else { (w - left) / 2.0 };
    let py = move |y: f64| 8.0 + (1.0 - y / top) * (h - bottom - 8.0);
    let series: Vec<(HandoffOption, Vec<Point>)> = HandoffOption::ALL
        .into_iter()
        .filter(|o| figure.applies_to(*o))
        .map(|o| {
            let points = r.cells.iter().filter_map(|c| {
                let s = c.options.iter().find(|x| x.option == o)?;
                let sp = s.spread_of(figure);
                Some((c.values[0], s.value(figure), sp.map_or(0.0, |x| x.p10), sp.map_or(0.0, |x| x.p90)))
            });
            (o, points.collect())
        })
        .collect();
    let several = r.asked.runs > 1;
    let meets: Vec<f64> = r.cells.iter().filter(|c| c.meets(option, &r.asked.goals)).map(|c| c.values[0]).collect();
    let every = xs.len().div_ceil(11).max(1);
    let direction = match figure.direction() {
        Direction::LowerIsBetter => " (lower is better)",
        Direction::HigherIsBetter => " (higher is better)",
        Direction::Neutral => "",
    };
    let goals = r.asked.goals.clone();
    view! {
        <figure class="sweep-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" data-testid="sweep-chart"
                aria-label=format!("{} against {label}, one line per option", figure.label())>
                <line x1=left y1=py(0.0) x2=w - 8.0 y2=py(0.0) class="axis"/>
                {[0.0, top / 2.0, top].into_iter().map(|y| view! {
                    <text x=left - 6.0 y=py(y) + 4.0 class="tick" text-anchor="end">{number((y * 10.0).round() / 10.0)}</text>
                    <line x1=left y1=py(y) x2=w - 8.0 y2=py(y) class="grid"/>
                }).collect_view()}
                {xs.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(_, x)| view! {
                    <text x=px(*x) y=h - 10.0 class="tick" text-anchor="middle">{number(*x)}</text>
                }).collect_view()}
                {meets.iter().map(|x| view! { <rect x=px(*x) - 5.0 y=py(0.0) + 2.0 width="10" height="6" class="meets" data-testid="sweep-meets"/> }).collect_view()}
                {current.is_finite().then(|| view! { <line x1=px(current) y1="4" x2=px(current) y2=py(0.0) class="current"/> })}
                {series.iter().map(|(o, pts)| {
                    let colour = COLOURS[HandoffOption::ALL.iter().position(|x| x == o).unwrap_or(0)];
                    let line: Vec<String> = pts.iter().map(|p| format!("{:.1},{:.1}", px(p.0), py(p.1))).collect();
                    let band: Vec<String> = pts.iter().map(|p| format!("{:.1},{:.1}", px(p.0), py(p.3))).chain(pts.iter().rev().map(|p| format!("{:.1},{:.1}", px(p.0), py(p.2)))).collect();
                    view! {
                        {several.then(|| view! { <polygon points=band.join(" ") fill=colour opacity="0.12"/> })}
                        <polyline points=line.join(" ") fill="none" stroke=colour stroke-width="2"/>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                {format!("{}{direction} against {label}. The dashed line is the current value", figure.label())}
                {(!goals.is_empty()).then(|| format!("; green marks meet every goal under {}", option.short()))}
                {". "}
                {series.iter().map(|(o, _)| {
                    let colour = COLOURS[HandoffOption::ALL.iter().position(|x| x == o).unwrap_or(0)];
                    view! { <span class="legend-line" style=format!("border-color: {colour}")>{o.short()}</span> }
                }).collect_view()}
            </figcaption>
        </figure>
        <div class="scroll" tabindex="0" role="region" aria-label="The sweep's numbers">
            <table class="sweep-table" data-testid="sweep-table">
                <caption>{format!("{} for each value{}", figure.label(), if several { format!(" (mean of {} seeds, 10th–90th percentile)", r.asked.runs) } else { String::new() })}</caption>
                <thead><tr><th scope="col">{label.clone()}</th>{HandoffOption::ALL.into_iter().map(|o| view! { <th scope="col">{o.short()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {r.cells.iter().map(|c| {
                        let here = (c.values[0] - current).abs() < 1e-9;
                        view! {
                            <tr class:current=here>
                                <th scope="row">{number(c.values[0])}{here.then_some(" (now)")}</th>
                                {c.options.iter().map(|s| {
                                    let text = if !figure.applies_to(s.option) { "n/a".to_string() } else {
                                        match s.spread_of(figure) {
                                            Some(sp) if several => format!("{} ({}–{})", number((sp.mean * 10.0).round() / 10.0), number(sp.p10), number(sp.p90)),
                                            _ => number(s.value(figure)),
                                        }
                                    };
                                    let ok = !goals.is_empty() && c.meets(s.option, &goals);
                                    view! { <td class:meets=ok>{text}{ok.then_some(" ✓")}</td> }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Two settings: a heat map of the figure under the chosen option, cells meeting the goals
/// marked.
#[component]
fn HeatMap(r: SweepResult, current: Vec<f64>, labels: Vec<String>, option: HandoffOption) -> impl IntoView {
    let figure = r.asked.figure;
    let rows: Vec<f64> = r.asked.axes[0].values();
    let cols: Vec<f64> = r.asked.axes[1].values();
    let value = |c: &Cell| c.options.iter().find(|o| o.option == option).map_or(0.0, |o| o.value(figure));
    let (lo, hi) = r.cells.iter().map(value).fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let shade = move |v: f64| {
        let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.0 };
        let t = if figure.direction() == Direction::HigherIsBetter { 1.0 - t } else { t };
        // Light for low (good for most figures), dark for high.
        format!("background: hsl(215, 60%, {:.0}%); color: {}", 96.0 - t * 50.0, if t > 0.6 { "#fff" } else { "#10213f" })
    };
    let goals = r.asked.goals.clone();
    view! {
        <div class="scroll" tabindex="0" role="region" aria-label="Heat map">
            <table class="heat-map" data-testid="sweep-heat-map">
                <caption>{format!("{} under {}: {} down, {} across. Darker is {}.", figure.label(), option.short(), labels[0], labels[1], if figure.direction() == Direction::HigherIsBetter { "lower" } else { "higher" })}</caption>
                <thead><tr><th></th>{cols.iter().map(|c| view! { <th scope="col" class:current=(c - current[1]).abs() < 1e-9>{number(*c)}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.iter().enumerate().map(|(i, rv)| view! {
                        <tr>
                            <th scope="row" class:current=(rv - current[0]).abs() < 1e-9>{number(*rv)}</th>
                            {r.cells[i * cols.len()..(i + 1) * cols.len()].iter().map(|c| {
                                let v = value(c);
                                let ok = !goals.is_empty() && c.meets(option, &goals);
                                view! { <td style=shade(v) class:meets=ok>{number((v * 10.0).round() / 10.0)}{ok.then_some(" ✓")}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The sweep for the printed agreement: what was swept, against which goals, and the values
/// that met them if the sweep ran in this session.
pub fn why_this_threshold(s: &crate::engine::Scenario, result: Option<&SweepResult>) -> Option<(String, Vec<String>)> {
    let w = s.what_if.as_ref()?;
    let axes: Vec<String> =
        w.axes.iter().map(|a| format!("{} from {} to {} in steps of {}", a.setting.label(s), number(a.from), number(a.to), number(a.step))).collect();
    let mut lines = vec![format!(
        "The team swept {} ({} seed{} per value, every option on the same contacts).",
        axes.join(" and "),
        w.runs,
        if w.runs == 1 { "" } else { "s" }
    )];
    if !w.goals.is_empty() {
        lines.push(format!("Goals: {}.", w.goals.iter().map(Goal::describe).collect::<Vec<_>>().join("; ")));
    }
    let now: Vec<String> = w.axes.iter().map(|a| format!("{} is {}", a.setting.label(s), a.setting.get(s).map(number).unwrap_or_default())).collect();
    lines.push(format!("In this agreement, {}.", now.join(" and ")));
    if let Some(r) = result.filter(|r| r.asked.axes == w.axes && r.asked.runs == w.runs) {
        let meeting = meeting_values(&r.cells, s.handoff_option, &w.goals);
        if !w.goals.is_empty() {
            lines.push(if meeting.is_empty() {
                format!("No value met every goal under {}.", s.handoff_option.short())
            } else {
                format!("Values meeting every goal under {}: {}.", s.handoff_option.short(), meeting.join(", "))
            });
        }
    }
    Some(("Why this threshold".to_string(), lines))
}
