//! The workshop's answer on the first screen: the key figures of every option, a verdict in
//! plain words for the chosen option against the others, and the baseline every figure is
//! compared with. A one-line strip of the same figures stays in view while editing.

use leptos::prelude::*;

use crate::app::state::{use_app, Baseline, Reference, Watch};
use crate::engine::figures::{number, signed, verdict, Direction, Figure, Judgement, OptionSummary, KEY_FIGURES};
use crate::engine::HandoffOption;

/// How many differences a verdict names.
const VERDICT_POINTS: usize = 3;

/// A figure's name where space is short.
fn short_label(f: Figure) -> &'static str {
    match f {
        Figure::MostEmailsIn7Days => "Most emails in 7 days",
        other => other.label(),
    }
}

/// The figure's value for one option, "n/a" where it cannot apply.
fn value_text(summary: &OptionSummary, f: Figure) -> String {
    if f.applies_to(summary.option) {
        number(summary.value(f))
    } else {
        "n/a".into()
    }
}

/// The change of `figure` for `option` against the reference, as a small coloured badge
/// ("−2", green when better), with the same in words for screen readers and on hover.
pub fn delta(figure: Figure, option: HandoffOption, now: &[OptionSummary], reference: Option<&Reference>) -> Option<impl IntoView> {
    let reference = reference?;
    let after = now.iter().find(|s| s.option == option)?;
    let before = reference.run.0.comparison.iter().find(|s| s.option == option)?;
    if !figure.applies_to(option) {
        return None;
    }
    let (b, a) = (before.value(figure), after.value(figure));
    let judgement = figure.judge(b, a);
    let words = match judgement {
        Judgement::Same => format!("unchanged {}", reference.words),
        Judgement::Changed => format!("was {} {}", number(b), reference.words),
        Judgement::Better | Judgement::Worse => format!("was {} {}: {}", number(b), reference.words, judgement.word()),
    };
    Some(view! {
        <span class=format!("delta {}", judgement.word()) title=words.clone() data-testid="delta" data-judgement=judgement.word()>
            {signed(a - b)}
            <span class="visually-hidden">{format!(" ({words})")}</span>
        </span>
    })
}

/// The key figures of every option as a table, the chosen option's row marked, each value
/// with its change against `reference` when there is one.
pub fn key_table(comparison: &[OptionSummary], chosen: HandoffOption, reference: Option<&Reference>) -> impl IntoView {
    let rows = comparison
        .iter()
        .map(|s| {
            let option = s.option;
            let cells = KEY_FIGURES.into_iter().map(|f| view! { <td>{value_text(s, f)}{delta(f, option, comparison, reference)}</td> }).collect_view();
            view! {
                <tr class:chosen=chosen == option>
                    <th scope="row">{option.short()}{(chosen == option).then_some(view! { <span class="chosen-tag">" (chosen)"</span> })}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="key-table" data-testid="key-table">
            <caption class="visually-hidden">"Key figures for each option over the whole horizon"</caption>
            <thead>
                <tr>
                    <th scope="col">"Option"</th>
                    {KEY_FIGURES.into_iter().map(|f| view! {
                        <th scope="col" title=f.definition() aria-describedby=format!("define-{}", f.code())>
                            {short_label(f)}
                            <span class="direction">{match f.direction() {
                                Direction::HigherIsBetter => " ↑ better",
                                Direction::LowerIsBetter => " ↓ better",
                                Direction::Neutral => "",
                            }}</span>
                        </th>
                    }).collect_view()}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The chosen option against each other option, one line each, marked by whether it comes
/// out better, worse or mixed.
pub fn verdict_list(comparison: &[OptionSummary], chosen: HandoffOption) -> impl IntoView {
    let ours = comparison.iter().find(|s| s.option == chosen);
    let lines = ours.map(|ours| {
        comparison
            .iter()
            .filter(|o| o.option != chosen)
            .map(|other| {
                let v = verdict(ours, other, VERDICT_POINTS);
                let tone = match (v.better, v.worse) {
                    (0, 0) => "same",
                    (_, 0) => "better",
                    (0, _) => "worse",
                    _ => "mixed",
                };
                let tally = format!("better on {}, worse on {} figures", v.better, v.worse);
                view! { <li class=format!("verdict-line {tone}") title=tally.clone()>{v.text}<span class="tally">{format!(" ({tally})")}</span></li> }
            })
            .collect_view()
    });
    view! { <ul class="verdict" data-testid="verdict" aria-label="The chosen option against the others">{lines}</ul> }
}

/// The key figures of every option, the verdict, and the baseline controls.
#[component]
pub fn KeyFigures() -> impl IntoView {
    let app = use_app();
    let chosen = move || app.chosen.get();
    let reference = app.shown_reference;
    view! {
        <section class="key-figures" data-testid="key-figures" aria-labelledby="key-title">
            <div class="key-head">
                <h3 id="key-title">"What each option does"</h3>
                <BaselineControls reference/>
            </div>
            <div class="key-body">
                {move || app.shown.with(|run| key_table(&run.0.comparison, chosen(), reference.get().as_ref()))}
                {move || app.shown.with(|run| verdict_list(&run.0.comparison, chosen()))}
            </div>
        </section>
    }
}

/// "Pin as baseline", "Compare with" another scenario, and what the deltas are against.
#[component]
fn BaselineControls(reference: Memo<Option<Reference>>) -> impl IntoView {
    let app = use_app();
    let open = app.scenario.watch_memo(|s| s.name.clone());
    let others = move || {
        let open = open.get();
        app.workspace.with(|ws| ws.names().into_iter().filter(|n| *n != open).collect::<Vec<_>>())
    };
    let compare_with = move |name: String| {
        if name.is_empty() {
            return;
        }
        let found = app.workspace.with_untracked(|ws| ws.scenario_named(&name).cloned());
        if let Some(scenario) = found {
            app.baseline.set(Some(Baseline { label: format!("\u{201c}{name}\u{201d}"), scenario }));
        }
    };
    view! {
        <div class="baseline" data-testid="baseline">
            <span class="reference" data-testid="reference">{move || match reference.get() {
                Some(r) => format!("Changes shown {}.", r.words),
                None if app.baseline.with(Option::is_some) => "Working out the baseline…".into(),
                None => "Pin the results as a baseline to see every change against them.".into(),
            }}</span>
            <button type="button" data-testid="pin-baseline" on:click=move |_| app.pin_baseline()>
                {move || if app.baseline.with(Option::is_some) { "Pin these results instead" } else { "Pin as baseline" }}
            </button>
            <button type="button" data-testid="unpin-baseline" hidden=move || app.baseline.with(Option::is_none)
                on:click=move |_| app.baseline.set(None)>"Unpin"</button>
            <label class="compare-with" hidden=move || others().is_empty()>
                <span>"Compare with"</span>
                <select data-testid="compare-with" on:change=move |ev| compare_with(event_target_value(&ev))
                    prop:value=move || app.baseline.with(|b| b.as_ref().map(|b| b.label.trim_matches(['\u{201c}', '\u{201d}']).to_string()).unwrap_or_default())>
                    <option value="">"another scenario…"</option>
                    {move || others().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                </select>
            </label>
        </div>
    }
}

/// The chosen option's key figures on one line with their changes, kept in view while
/// editing (it sticks under the editor's navigation), so an edit's effect shows at once.
#[component]
pub fn LiveStrip() -> impl IntoView {
    let app = use_app();
    let reference = app.reference;
    let figures = move || {
        let run = app.run.get();
        let option = app.scenario.with(|s| s.handoff_option);
        let reference = reference.get();
        let Some(s) = run.0.comparison.iter().find(|s| s.option == option).cloned() else { return ().into_any() };
        KEY_FIGURES
            .into_iter()
            .map(|f| {
                view! {
                    <span class="live-figure" title=f.definition()>
                        <span class="live-label">{short_label(f)}</span>
                        " "<strong>{value_text(&s, f)}</strong>
                        {delta(f, option, &run.0.comparison, reference.as_ref())}
                    </span>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="live-strip" data-testid="live-strip" role="status" aria-live="polite" aria-label="Key figures of the chosen option">
            <strong class="live-option">{move || app.scenario.with(|s| s.handoff_option.short())}</strong>
            {figures}
            // A line of its own from the start: the first edit's changes do not make the
            // strip taller and move the whole page below it (at 2,000 contacts, that
            // first edit restyled and laid out the page again, 15–20 ms).
            <span class="live-foot">
                <span class="live-reference">{move || match reference.get() {
                    Some(r) => format!("changes {}", r.words),
                    None => "An edit's changes to these figures show here.".into(),
                }}</span>
                " "<span class="live-busy" hidden=move || app.busy.get().is_none()>"updating…"</span>
            </span>
        </div>
    }
}
