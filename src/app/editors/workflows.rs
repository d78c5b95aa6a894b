//! The workflow editor: each workflow's trigger and its ordered steps (email, delay,
//! branch). Steps can be edited, added, removed and moved with buttons (keyboard and mouse).
//! Every change is validated by the engine before it is applied.

use leptos::prelude::*;

use crate::app::editors::fields::{CheckField, NumberField, ParsedField, TextField};
use crate::app::state::{cards_in_two, use_app, AppState, Watch};
use crate::engine::calendar::{weekday_from_index, ClockTime};
use crate::engine::scenario::{BranchCondition, Duration, ExitCriterion, ListName, Step, SuppressionList, Trigger, Workflow};
use crate::engine::Stage;
use chrono::Weekday;

/// All workflows of the scenario.
#[component]
pub fn WorkflowEditor() -> impl IntoView {
    let app = use_app();
    let count = Memo::new(move |_| app.scenario.watch(|s| s.workflows.len()));
    view! {
        <section class="panel workflows" aria-labelledby="workflows-title" data-testid="workflow-editor">
            <h3 id="workflows-title">"Workflows (automated marketing email)"</h3>
            <p class="hint">"Change a delay or an email and the calendars and the comparison update at once. Undo with Ctrl+Z."</p>
            <div class="workflow-list">
                {cards_in_two(count, 2, |w| view! { <WorkflowCard w/> })}
            </div>
            <button type="button" data-testid="add-workflow" on:click=move |_| {
                let _ = app.edit(|s| { s.add_workflow(); });
            }>"+ Workflow"</button>
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

/// A change to one workflow, applied through [`AppState::edit`].
type WorkflowChange = Box<dyn FnOnce(&mut Workflow)>;

/// An edit of workflow `w`, validated like every edit; its problems go to `error`.
fn workflow_edit(app: &'static AppState, w: usize, error: RwSignal<Option<String>>) -> impl Fn(WorkflowChange) + Copy {
    move |change| {
        app.edit_or_report(error, |s| {
            if let Some(wf) = s.workflows.get_mut(w) {
                change(wf)
            }
        })
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
    let edit = workflow_edit(app, w, error);
    let dragging = RwSignal::new(None::<usize>);
    // Only this workflow's changes redraw it, and only its steps are redrawn: the heading,
    // the settings and the buttons below stay in place, so the page does not jump and the
    // button just pressed keeps the focus.
    let wf = Memo::new(move |_| app.scenario.watch(|s| s.workflows.get(w).cloned()));
    let name = Memo::new(move |_| wf.with(|x| x.as_ref().map(|x| x.name.clone()).unwrap_or_default()));
    view! {
        {move || wf.with(|x| x.is_some()).then(|| view! {
                <article class="workflow" data-testid="workflow" data-w=w aria-label=move || format!("Workflow {}", name.get())>
                    <header>
                        <h4>{move || name.get()}</h4>
                        <p class="trigger">{move || wf.with(|x| x.as_ref().map(|wf| format!(
                            "Enrolls a contact who {}{}",
                            trigger_text(&wf.trigger),
                            if wf.business_hours_only { " · sends in business hours" } else { " · sends at any hour" }
                        )))}</p>
                    </header>
                    <details class="workflow-settings">
                        <summary>"Enrollment, goal, exit and suppression"</summary>
                        <WorkflowSettings w/>
                    </details>
                    {move || wf.get().map(|wf| {
                    let steps = wf.steps.clone();
                    let n = steps.len();
                    view! {
                    <ol class="steps">
                        {steps.into_iter().enumerate().map(|(k, step)| {
                            let body = match step {
                                Step::Email { name } => view! {
                                    <span class="step-kind email">"Email"</span>
                                    <input class="step-name" type="text" size=name.chars().count().clamp(12, 60) value=name aria-label=format!("Email name, step {}", k + 1)
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            app.edit_or_refuse(error, move |s| s.rename_email_step(w, k, &v));
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
                                    <label class="inline-field">
                                        <span>"or at random up to"</span>
                                        <input class="num" type="number" min="0" value=up_to.map(|u| u.days.to_string()).unwrap_or_default()
                                            placeholder="–" aria-label=format!("At random up to this many days, step {}", k + 1)
                                            data-testid=format!("delay-up-to-{w}-{k}")
                                            on:change=move |ev| {
                                                let text = event_target_value(&ev);
                                                match text.trim() {
                                                    "" | "0" => edit(Box::new(move |wf| if let Some(Step::Delay { up_to, .. }) = wf.steps.get_mut(k) { *up_to = None })),
                                                    t => match t.parse::<u32>() {
                                                        Ok(days) => edit(Box::new(move |wf| if let Some(Step::Delay { up_to, .. }) = wf.steps.get_mut(k) { *up_to = Some(Duration::days(days)) })),
                                                        Err(_) => error.set(Some("the random range must be a whole number of days".into())),
                                                    },
                                                }
                                            }/>
                                        <span>"days"</span>
                                    </label>
                                }.into_any(),
                                Step::DelayUntil { weekday, at } => view! {
                                    <span class="step-kind delay">"Wait until the next"</span>
                                    <select aria-label=format!("Weekday, step {}", k + 1) data-testid=format!("until-day-{w}-{k}")
                                        on:change=move |ev| {
                                            let v: u32 = event_target_value(&ev).parse().unwrap_or(0);
                                            let day = weekday_from_index(v);
                                            edit(Box::new(move |wf| if let Some(Step::DelayUntil { weekday, .. }) = wf.steps.get_mut(k) { *weekday = day }));
                                        }>
                                        {(0..7u32).map(|i| {
                                            let d = weekday_from_index(i);
                                            view! { <option value=i.to_string() selected=d == weekday>{weekday_name(d)}</option> }
                                        }).collect_view()}
                                    </select>
                                    <span>"at"</span>
                                    <input class="time" type="text" size="5" value=at.to_string() aria-label=format!("Time, step {}", k + 1)
                                        on:change=move |ev| match ClockTime::parse(event_target_value(&ev).trim()) {
                                            Ok(t) => edit(Box::new(move |wf| if let Some(Step::DelayUntil { at, .. }) = wf.steps.get_mut(k) { *at = t })),
                                            Err(e) => error.set(Some(e)),
                                        }/>
                                }.into_any(),
                                Step::Branch { when, go_to_step } => view! {
                                    <span class="step-kind branch">"Branch"</span>
                                    <span>"if the last email was"</span>
                                    <select aria-label=format!("Condition, step {}", k + 1) data-testid=format!("branch-when-{w}-{k}")
                                        on:change=move |ev| {
                                            let c = match event_target_value(&ev).as_str() {
                                                "not_opened" => BranchCondition::NotOpened,
                                                "clicked" => BranchCondition::Clicked,
                                                "not_clicked" => BranchCondition::NotClicked,
                                                _ => BranchCondition::Opened,
                                            };
                                            edit(Box::new(move |wf| if let Some(Step::Branch { when, .. }) = wf.steps.get_mut(k) { *when = c }));
                                        }>
                                        {[(BranchCondition::Opened, "opened", "opened"), (BranchCondition::NotOpened, "not_opened", "not opened"),
                                          (BranchCondition::Clicked, "clicked", "clicked"), (BranchCondition::NotClicked, "not_clicked", "not clicked")]
                                            .into_iter().map(|(c, v, l)| view! { <option value=v selected=c == when>{l}</option> }).collect_view()}
                                    </select>
                                    <span>", go to"</span>
                                    <select aria-label=format!("Go to, step {}", k + 1) data-testid=format!("branch-to-{w}-{k}")
                                        on:change=move |ev| {
                                            let to: u32 = event_target_value(&ev).parse().unwrap_or(u32::MAX);
                                            edit(Box::new(move |wf| {
                                                let len = wf.steps.len() as u32;
                                                if let Some(Step::Branch { go_to_step, .. }) = wf.steps.get_mut(k) { *go_to_step = to.min(len) }
                                            }));
                                        }>
                                        {(k + 1..n).map(|j| view! { <option value=j.to_string() selected=go_to_step as usize == j>{format!("step {}", j + 1)}</option> }).collect_view()}
                                        <option value=n.to_string() selected=go_to_step as usize >= n>"the end"</option>
                                    </select>
                                }.into_any(),
                            };
                            view! {
                                <li class="step" data-testid="step" draggable="true"
                                    class:drop-target=move || dragging.get().is_some_and(|from| from != k)
                                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                                        if let Some(dt) = ev.data_transfer() {
                                            let _ = dt.set_data("text/plain", &k.to_string());
                                            dt.set_effect_allowed("move");
                                        }
                                        dragging.set(Some(k));
                                    }
                                    on:dragend=move |_| dragging.set(None)
                                    on:dragover=move |ev: leptos::ev::DragEvent| {
                                        if dragging.get_untracked().is_some() {
                                            ev.prevent_default();
                                        }
                                    }
                                    on:drop=move |ev: leptos::ev::DragEvent| {
                                        ev.prevent_default();
                                        if let Some(from) = dragging.get_untracked() {
                                            dragging.set(None);
                                            edit(Box::new(move |wf| wf.move_step(from, k)));
                                        }
                                    }>
                                    <span class="grip" aria-hidden="true" title="Drag to move this step">"⠿"</span>
                                    <span class="step-number">{k + 1}</span>
                                    <span class="step-body">{body}</span>
                                    <span class="step-actions">
                                        <button type="button" class="icon step-up" disabled=k == 0 aria-label=format!("Move step {} up", k + 1)
                                            on:click=move |_| {
                                                edit(Box::new(move |wf| if k > 0 { wf.move_step(k, k - 1) }));
                                                crate::app::focus_later(format!("[data-w='{w}'] .step:nth-child({}) .step-{}", k.max(1), if k > 1 { "up" } else { "down" }));
                                            }>"↑"</button>
                                        <button type="button" class="icon step-down" disabled=k + 1 == n aria-label=format!("Move step {} down", k + 1)
                                            on:click=move |_| {
                                                edit(Box::new(move |wf| wf.move_step(k, k + 1)));
                                                crate::app::focus_later(format!("[data-w='{w}'] .step:nth-child({}) .step-{}", k + 2, if k + 2 < n { "down" } else { "up" }));
                                            }>"↓"</button>
                                        <button type="button" class="icon" aria-label=format!("Remove step {}", k + 1)
                                            on:click=move |_| app.edit_or_refuse(error, move |s| s.remove_step(w, k))>"✕"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    }
                    })}
                    <div class="add-step">
                        <button type="button" on:click=move |_| edit(Box::new(|wf| wf.steps.push(Step::Delay { wait: Duration::days(3), up_to: None })))>"+ Wait"</button>
                        <button type="button" data-testid=format!("add-until-{w}") on:click=move |_| edit(Box::new(|wf| wf.steps.push(Step::DelayUntil { weekday: Weekday::Tue, at: ClockTime::new(10, 0) })))>"+ Wait until a weekday"</button>
                        <button type="button" data-testid=format!("add-branch-{w}") on:click=move |_| edit(Box::new(|wf| {
                            let end = wf.steps.len() as u32 + 1;
                            wf.steps.push(Step::Branch { when: BranchCondition::NotOpened, go_to_step: end });
                        }))>"+ Branch"</button>
                        <button type="button" data-testid=format!("add-email-{w}") on:click=move |_| edit(Box::new(move |wf| {
                            // A new email waits the usual 3 days after the one before it.
                            if matches!(wf.steps.last(), Some(Step::Email { .. })) {
                                wf.steps.push(Step::Delay { wait: Duration::days(3), up_to: None });
                            }
                            let n = wf.steps.iter().filter(|s| matches!(s, Step::Email { .. })).count() + 1;
                            wf.steps.push(Step::Email { name: format!("{} email {n}", wf.name) });
                        }))>"+ Email"</button>
                    </div>
                    <p class="field-error" role="alert" data-testid="workflow-error">{move || error.get()}</p>
                </article>
        })}
    }
}

/// A workflow's name, trigger, goal, exit, re-enrollment, hours, priority and suppression.
#[component]
fn WorkflowSettings(
    /// Index of the workflow.
    w: usize,
) -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let edit = workflow_edit(app, w, error);
    let trigger = move || app.scenario.watch(|s| s.workflows.get(w).map(|x| x.trigger.clone()));
    let kind = move || match trigger() {
        Some(Trigger::FormFill { .. }) => "form",
        Some(Trigger::StageReached { .. }) => "stage",
        Some(Trigger::ScoreAtLeast { .. }) => "score",
        Some(Trigger::JoinedList { .. }) => "list",
        None => "",
    };
    let exit_stage = move || {
        app.scenario.watch(|s| {
            s.workflows.get(w).and_then(|x| {
                x.exit_when.iter().find_map(|e| match e {
                    ExitCriterion::StageReached { stage } => Some(*stage),
                    _ => None,
                })
            })
        })
    };
    let suppressed_stage =
        move |stage: Stage| app.scenario.watch(|s| s.workflows.get(w).is_some_and(|x| x.suppression_lists.contains(&SuppressionList::Stage { stage })));
    let suppressed_list =
        move |list: ListName| app.scenario.watch(|s| s.workflows.get(w).is_some_and(|x| x.suppression_lists.contains(&SuppressionList::List { list })));
    let toggle_suppression = move |entry: SuppressionList, on: bool| {
        edit(Box::new(move |wf| {
            wf.suppression_lists.retain(|x| *x != entry);
            if on {
                wf.suppression_lists.push(entry);
            }
        }))
    };
    view! {
        <div class="settings-grid">
            <ParsedField label="Name" get=move |s| s.workflows.get(w).map(|x| x.name.clone()).unwrap_or_default()
                set=move |s, v| s.rename_workflow(w, v).map_err(|e| e.0)/>
            <label class="field">
                <span class="field-label">"Enrolls a contact who"</span>
                <select on:change=move |ev| {
                    let t = match event_target_value(&ev).as_str() {
                        "stage" => Trigger::StageReached { stage: Stage::Mql },
                        "score" => Trigger::ScoreAtLeast { points: 40 },
                        "list" => Trigger::JoinedList { list: ListName::Recycled },
                        _ => Trigger::FormFill { asset: "eBook".into() },
                    };
                    edit(Box::new(move |wf| wf.trigger = t));
                }>
                    <option value="form" selected=move || kind() == "form">"fills a form"</option>
                    <option value="stage" selected=move || kind() == "stage">"reaches a stage"</option>
                    <option value="score" selected=move || kind() == "score">"reaches a score"</option>
                    <option value="list" selected=move || kind() == "list">"joins a list"</option>
                </select>
            </label>
            {move || match trigger() {
                Some(Trigger::FormFill { .. }) => view! {
                    <TextField label="Form or asset" get=move |s| match s.workflows.get(w).map(|x| &x.trigger) { Some(Trigger::FormFill { asset }) => asset.clone(), _ => String::new() }
                        set=move |s, v| if let Some(x) = s.workflows.get_mut(w) { x.trigger = Trigger::FormFill { asset: v.trim().to_string() } }/>
                }.into_any(),
                Some(Trigger::StageReached { stage }) => view! {
                    <label class="field">
                        <span class="field-label">"Stage"</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(st) = Stage::ALL.into_iter().find(|x| x.as_str() == v) {
                                edit(Box::new(move |wf| wf.trigger = Trigger::StageReached { stage: st }));
                            }
                        }>
                            {Stage::ALL.into_iter().map(|x| view! { <option value=x.as_str() selected=x == stage>{x.label()}</option> }).collect_view()}
                        </select>
                    </label>
                }.into_any(),
                Some(Trigger::ScoreAtLeast { .. }) => view! {
                    <NumberField label="Points" get=move |s| match s.workflows.get(w).map(|x| &x.trigger) { Some(Trigger::ScoreAtLeast { points }) => *points as i64, _ => 0 }
                        set=move |s, v| if let Some(x) = s.workflows.get_mut(w) { x.trigger = Trigger::ScoreAtLeast { points: v.clamp(-100_000, 100_000) as i32 } }/>
                }.into_any(),
                Some(Trigger::JoinedList { list }) => view! {
                    <label class="field">
                        <span class="field-label">"List"</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(l) = ListName::ALL.into_iter().find(|x| x.label() == v) {
                                edit(Box::new(move |wf| wf.trigger = Trigger::JoinedList { list: l }));
                            }
                        }>
                            {ListName::ALL.into_iter().map(|x| view! { <option value=x.label() selected=x == list>{x.label()}</option> }).collect_view()}
                        </select>
                    </label>
                }.into_any(),
                None => ().into_any(),
            }}
            <label class="field">
                <span class="field-label">"Goal: the contact reaches the stage"</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let goal = Stage::ALL.into_iter().find(|x| x.as_str() == v).map(|stage| ExitCriterion::StageReached { stage });
                    edit(Box::new(move |wf| wf.goal = goal));
                }>
                    <option value="" selected=move || app.scenario.watch(|s| s.workflows.get(w).is_some_and(|x| x.goal.is_none()))>"no goal"</option>
                    {Stage::ALL.into_iter().map(|stage| view! {
                        <option value=stage.as_str()
                            selected=move || app.scenario.watch(|s| s.workflows.get(w).is_some_and(|x| x.goal == Some(ExitCriterion::StageReached { stage })))>
                            {stage.label()}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <NumberField label="Priority among automated email" get=move |s| s.workflows.get(w).map(|x| x.priority as i64).unwrap_or(0)
                set=move |s, v| if let Some(x) = s.workflows.get_mut(w) { x.priority = v.clamp(0, 255) as u8 }/>
        </div>
        <div class="checks">
            <CheckField label="Send only in business hours" get=move |s| s.workflows.get(w).is_some_and(|x| x.business_hours_only)
                set=move |s, v| if let Some(x) = s.workflows.get_mut(w) { x.business_hours_only = v }/>
            <CheckField label="Contacts can enroll again after finishing" get=move |s| s.workflows.get(w).is_some_and(|x| x.reenroll)
                set=move |s, v| if let Some(x) = s.workflows.get_mut(w) { x.reenroll = v }/>
            <CheckField label="Carry on when sales passes a lead back (else it leaves for the track of its reason)" get=move |s| s.workflows.get(w).is_some_and(|x| x.resume_after_return)
                set=move |s, v| if let Some(x) = s.workflows.get_mut(w) { x.resume_after_return = v }/>
            <CheckField label="Send emails the contact already received from another workflow" get=move |s| s.workflows.get(w).is_some_and(|x| x.repeat_content)
                set=move |s, v| if let Some(x) = s.workflows.get_mut(w) { x.repeat_content = v }/>
            <CheckField label="Leave the workflow when sales takes the lead over" get=move |s| s.workflows.get(w).is_some_and(|x| x.exit_when.contains(&ExitCriterion::HandedOff))
                set=move |s, v| if let Some(x) = s.workflows.get_mut(w) {
                    x.exit_when.retain(|e| *e != ExitCriterion::HandedOff);
                    if v { x.exit_when.push(ExitCriterion::HandedOff); }
                }/>
        </div>
        <div class="settings-grid">
            <label class="field">
                <span class="field-label">"Also leave the workflow on reaching the stage"</span>
                <select data-testid=format!("exit-stage-{w}") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let stage = Stage::ALL.into_iter().find(|x| x.as_str() == v);
                    edit(Box::new(move |wf| {
                        wf.exit_when.retain(|e| !matches!(e, ExitCriterion::StageReached { .. }));
                        if let Some(stage) = stage {
                            wf.exit_when.push(ExitCriterion::StageReached { stage });
                        }
                    }));
                }>
                    <option value="" selected=move || exit_stage().is_none()>"no stage"</option>
                    {Stage::ALL.into_iter().map(|stage| view! {
                        <option value=stage.as_str() selected=move || exit_stage() == Some(stage)>{stage.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <TextField label="…or on filling the form (names, by commas)"
                get=move |s| s.workflows.get(w).map(|x| x.exit_when.iter().filter_map(|e| match e { ExitCriterion::FormFill { asset } => Some(asset.clone()), _ => None }).collect::<Vec<_>>().join(", ")).unwrap_or_default()
                set=move |s, v| if let Some(x) = s.workflows.get_mut(w) {
                    x.exit_when.retain(|e| !matches!(e, ExitCriterion::FormFill { .. }));
                    x.exit_when.extend(v.split(',').map(str::trim).filter(|t| !t.is_empty()).map(|t| ExitCriterion::FormFill { asset: t.to_string() }));
                }/>
        </div>
        <fieldset class="inline">
            <legend>"No email from this workflow to contacts at stage"</legend>
            {Stage::ALL.into_iter().map(|stage| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || suppressed_stage(stage)
                        on:change=move |ev| toggle_suppression(SuppressionList::Stage { stage }, event_target_checked(&ev))/>
                    <span>{stage.label()}</span>
                </label>
            }).collect_view()}
        </fieldset>
        <fieldset class="inline">
            <legend>"or on the list"</legend>
            {ListName::ALL.into_iter().map(|list| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || suppressed_list(list)
                        on:change=move |ev| toggle_suppression(SuppressionList::List { list }, event_target_checked(&ev))/>
                    <span>{list.label()}</span>
                </label>
            }).collect_view()}
        </fieldset>
        <p class="actions">
            <button type="button" class="danger" on:click=move |_| {
                app.edit_or_refuse(error, |s| s.remove_workflow(w));
            }>"Delete this workflow"</button>
        </p>
        <p class="field-error" role="alert">{move || error.get()}</p>
    }
}

/// The weekday as people write it.
fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
