//! The workflow editor: each workflow's trigger and its ordered steps (email, delay,
//! branch). Steps can be edited, added, removed and moved with buttons (keyboard and mouse).
//! Every change is validated by the engine before it is applied.

use leptos::prelude::*;

use super::state::{problem_text, use_app};
use crate::engine::scenario::{BranchCondition, Duration, ListName, Step, Trigger, Workflow};

/// All workflows of the scenario.
#[component]
pub fn WorkflowEditor() -> impl IntoView {
    let app = use_app();
    let count = move || app.scenario.with(|s| s.workflows.len());
    view! {
        <section class="panel workflows" aria-labelledby="workflows-title" data-testid="workflow-editor">
            <h3 id="workflows-title">"Workflows (automated marketing email)"</h3>
            <p class="hint">"Change a delay or an email and the calendars and the comparison update at once. Undo with Ctrl+Z."</p>
            <div class="workflow-list">
                {move || (0..count()).map(|w| view! { <WorkflowCard w/> }).collect_view()}
            </div>
        </section>
    }
}

fn trigger_text(t: &Trigger) -> String {
    match t {
        Trigger::FormFill { asset } => format!("fills the form \u{201c}{asset}\u{201d}"),
        Trigger::StageReached { stage } => format!("reaches the stage {}", stage.label()),
        Trigger::ScoreAtLeast { points } => format!("scores {points} points or more"),
        Trigger::JoinedList { list } => format!("joins the list \u{201c}{}\u{201d}", ListName::label(*list)),
    }
}

/// One workflow with its steps.
#[component]
fn WorkflowCard(
    /// Index of the workflow.
    w: usize,
) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let edit = move |change: Box<dyn FnOnce(&mut Workflow)>| {
        let r = app.edit(|s| {
            if let Some(wf) = s.workflows.get_mut(w) {
                change(wf)
            }
        });
        error.set(r.err().map(|p| problem_text(&p)));
    };
    let wf = move || app.scenario.with(|s| s.workflows.get(w).cloned());
    view! {
        {move || wf().map(|wf| {
            let steps = wf.steps.clone();
            let n = steps.len();
            view! {
                <article class="workflow" data-testid="workflow" aria-label=format!("Workflow {}", wf.name)>
                    <header>
                        <h4>{wf.name.clone()}</h4>
                        <p class="trigger">{format!("Enrolls a contact who {}", trigger_text(&wf.trigger))}
                            {if wf.business_hours_only { " · sends in business hours" } else { " · sends at any hour" }}
                        </p>
                    </header>
                    <ol class="steps">
                        {steps.into_iter().enumerate().map(|(k, step)| {
                            let body = match step {
                                Step::Email { name } => view! {
                                    <span class="step-kind email">"Email"</span>
                                    <input class="step-name" type="text" value=name aria-label=format!("Email name, step {}", k + 1)
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            edit(Box::new(move |wf| if let Some(Step::Email { name }) = wf.steps.get_mut(k) { *name = v }));
                                        }/>
                                }.into_any(),
                                Step::Delay { wait, up_to } => view! {
                                    <span class="step-kind delay">"Wait"</span>
                                    <input class="num" type="number" min="0" value=wait.days data-testid=format!("delay-days-{w}-{k}")
                                        aria-label=format!("Days to wait, step {}", k + 1)
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev).trim().parse::<u32>();
                                            match v {
                                                Ok(days) => edit(Box::new(move |wf| if let Some(Step::Delay { wait, .. }) = wf.steps.get_mut(k) { wait.days = days })),
                                                Err(_) => error.set(Some("days must be a whole number of 0 or more".into())),
                                            }
                                        }/>
                                    <span>"days"</span>
                                    <input class="num" type="number" min="0" max="23" value=wait.hours
                                        aria-label=format!("Hours to wait, step {}", k + 1)
                                        on:change=move |ev| {
                                            match event_target_value(&ev).trim().parse::<u32>() {
                                                Ok(hours) => edit(Box::new(move |wf| if let Some(Step::Delay { wait, .. }) = wf.steps.get_mut(k) { wait.hours = hours })),
                                                Err(_) => error.set(Some("hours must be a whole number of 0 or more".into())),
                                            }
                                        }/>
                                    <span>"hours"</span>
                                    {wait.minutes.gt(&0).then(|| view! { <span>{format!("{} min", wait.minutes)}</span> })}
                                    {up_to.map(|u| view! { <span class="range">{format!("to {} days (at random)", u.days)}</span> })}
                                }.into_any(),
                                Step::DelayUntil { weekday, at } => view! {
                                    <span class="step-kind delay">"Wait until"</span>
                                    <span>{format!("the next {weekday} at {at}")}</span>
                                }.into_any(),
                                Step::Branch { when, go_to_step } => view! {
                                    <span class="step-kind branch">"Branch"</span>
                                    <span>{format!("if the last email was {}, go to {}", match when {
                                        BranchCondition::Opened => "opened",
                                        BranchCondition::NotOpened => "not opened",
                                        BranchCondition::Clicked => "clicked",
                                        BranchCondition::NotClicked => "not clicked",
                                    }, if go_to_step as usize >= n { "the end".to_string() } else { format!("step {}", go_to_step + 1) })}</span>
                                }.into_any(),
                            };
                            view! {
                                <li class="step" data-testid="step">
                                    <span class="step-number">{k + 1}</span>
                                    <span class="step-body">{body}</span>
                                    <span class="step-actions">
                                        <button type="button" class="icon" disabled=k == 0 aria-label=format!("Move step {} up", k + 1)
                                            on:click=move |_| edit(Box::new(move |wf| wf.steps.swap(k - 1, k)))>"↑"</button>
                                        <button type="button" class="icon" disabled=k + 1 == n aria-label=format!("Move step {} down", k + 1)
                                            on:click=move |_| edit(Box::new(move |wf| wf.steps.swap(k, k + 1)))>"↓"</button>
                                        <button type="button" class="icon" aria-label=format!("Remove step {}", k + 1)
                                            on:click=move |_| edit(Box::new(move |wf| { wf.steps.remove(k); }))>"✕"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <div class="add-step">
                        <button type="button" on:click=move |_| edit(Box::new(|wf| wf.steps.push(Step::Delay { wait: Duration::days(3), up_to: None })))>"+ Wait"</button>
                        <button type="button" on:click=move |_| edit(Box::new(move |wf| {
                            let n = wf.steps.iter().filter(|s| matches!(s, Step::Email { .. })).count() + 1;
                            wf.steps.push(Step::Email { name: format!("{} email {n}", wf.name) });
                        }))>"+ Email"</button>
                    </div>
                    <p class="field-error" role="alert" data-testid="workflow-error">{move || error.get()}</p>
                </article>
            }
        })}
    }
}
