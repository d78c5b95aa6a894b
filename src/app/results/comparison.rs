//! The option comparison: every handoff option on the same population and seed, as a table
//! and as bar charts, with the chosen option marked.

use leptos::prelude::*;

use crate::app::results::key_figures::delta;
use crate::app::state::use_app;
use crate::engine::figures::{number as format_number, Direction, Figure, OptionSummary};
use crate::engine::HandoffOption;

/// Figures drawn as bar charts.
const CHARTED: [Figure; 4] = [Figure::SameDayConflicts, Figure::MostEmailsIn7Days, Figure::SlaBreaches, Figure::Unsubscribes];

/// The comparison table and charts.
#[component]
pub fn Comparison() -> impl IntoView {
    let app = use_app();
    let chosen = move || app.chosen.get();
    let reference = app.shown_reference;
    let rows = move || {
        let run = app.shown.get();
        let summaries = &run.0.comparison;
        let reference = reference.get();
        Figure::ALL
            .into_iter()
            .map(|figure| {
                let cells = summaries
                    .iter()
                    .map(|s| {
                        let option = s.option;
                        let text = match s.spread_of(figure) {
                            _ if !figure.applies_to(option) => "n/a".to_string(),
                            Some(sp) if s.runs > 1 => format!("{} ({}–{})", format_number(sp.mean), format_number(sp.p10), format_number(sp.p90)),
                            _ => format_number(figure.of(&s.figures)),
                        };
                        view! { <td class:chosen=move || chosen() == option>{text}{delta(figure, option, summaries, reference.as_ref())}</td> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row" title=figure.definition() tabindex="0" aria-describedby=format!("define-{}", figure.code())>
                            {figure.label()}
                            {direction_words(figure).map(|d| view! { <span class="direction">{format!(" · {d}")}</span> })}
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    let charts = move || {
        let run = app.shown.get();
        CHARTED.into_iter().map(|figure| bar_chart(figure, &run.0.comparison, chosen())).collect_view()
    };
    view! {
        <section class="comparison" data-testid="comparison" aria-labelledby="comparison-title">
            <h3 id="comparison-title">"The options side by side"</h3>
            <div class="comparison-head">
                <p class="hint">"Same contacts, same behaviour, same seed: only the agreement changes."</p>
                <label class="runs">
                    <span>"Runs"</span>
                    <select data-testid="runs" on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            app.runs.set(n);
                        }
                    }>
                        <option value="1" selected=true>"1 (this calendar)"</option>
                        <option value="5">"5 seeds: mean (10th–90th percentile)"</option>
                        <option value="20">"20 seeds: mean (10th–90th percentile)"</option>
                    </select>
                </label>
            </div>
            <div class="charts">{charts}</div>
            <table class="figures" data-testid="comparison-table">
                <caption>"Figures for each option over the whole horizon"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Figure"</th>
                        {HandoffOption::ALL
                            .into_iter()
                            .map(|o| view! {
                                <th scope="col" class:chosen=move || chosen() == o>
                                    {o.short()}
                                    {move || (chosen() == o).then_some(view! { <span class="chosen-tag">" (chosen)"</span> })}
                                </th>
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <details class="glossary" data-testid="glossary">
                <summary>"What the figures mean"</summary>
                <dl>
                    {Figure::ALL.into_iter().map(|f| view! {
                        <dt>{f.label()}{direction_words(f).map(|d| format!(" ({d})"))}</dt>
                        <dd id=format!("define-{}", f.code())>{f.definition()}{(!f.applies_to(HandoffOption::Everything)).then_some(" \u{201c}n/a\u{201d} where the option holds nothing back, so nothing can get through.")}</dd>
                    }).collect_view()}
                </dl>
            </details>
        </section>
    }
}

/// Which way is better, in words, if either is.
fn direction_words(f: Figure) -> Option<&'static str> {
    match f.direction() {
        Direction::LowerIsBetter => Some("lower is better"),
        Direction::HigherIsBetter => Some("higher is better"),
        Direction::Neutral => None,
    }
}

/// A small horizontal bar chart of one figure across the options.
fn bar_chart(figure: Figure, summaries: &[OptionSummary], chosen: HandoffOption) -> impl IntoView {
    let name = figure.label();
    let values: Vec<(HandoffOption, f64)> = summaries.iter().map(|s| (s.option, s.value(figure))).collect();
    let max = values.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(1.0);
    let (w, row, label_w) = (300.0, 26.0, 78.0);
    let height = row * values.len() as f64 + 4.0;
    let alt = values.iter().map(|(o, v)| format!("{}: {}", o.short(), format_number(*v))).collect::<Vec<_>>().join(", ");
    let bars = values
        .iter()
        .enumerate()
        .map(|(i, (o, v))| {
            let y = i as f64 * row + 2.0;
            let bw = ((w - label_w - 40.0) * v / max).max(1.0);
            let class = if *o == chosen { "bar chosen" } else { "bar" };
            view! {
                <g>
                    <text x="0" y=y + 17.0 class="bar-label">{o.short()}</text>
                    <rect x=label_w y=y + 4.0 width=bw height=row - 8.0 class=class rx="3"/>
                    <text x=label_w + bw + 6.0 y=y + 17.0 class="bar-value">{format_number(*v)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{name.to_string()}</figcaption>
            <svg viewBox=format!("0 0 {w} {height}") width="100%" role="img" aria-label=format!("{name}: {alt}")>
                {bars}
            </svg>
        </figure>
    }
}
