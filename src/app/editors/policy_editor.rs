//! The custom agreement: for each lifecycle stage, which kinds of email may reach the
//! contact. Used when the team picks "Custom".

use leptos::prelude::*;

use crate::app::state::{use_app, Watch};
use crate::engine::scenario::PolicyRow;
use crate::engine::{EmailKind, HandoffOption, Stage};

/// The matrix of stages and kinds.
#[component]
pub fn PolicyEditor() -> impl IntoView {
    let app = use_app();
    let allowed = move |stage: Stage, kind: EmailKind| {
        app.scenario.watch(|s| {
            s.custom_policy
                .rows
                .iter()
                .find(|r| r.stage == stage)
                .map(|r| match kind {
                    EmailKind::Automated => r.automated,
                    EmailKind::Mass => r.mass,
                    EmailKind::Sales => r.sales,
                })
                .unwrap_or(true)
        })
    };
    let set = move |stage: Stage, kind: EmailKind, on: bool| {
        let _ = app.edit(|s| {
            let rows = &mut s.custom_policy.rows;
            let i = match rows.iter().position(|r| r.stage == stage) {
                Some(i) => i,
                None => {
                    rows.push(PolicyRow { stage, automated: true, mass: true, sales: true });
                    rows.len() - 1
                }
            };
            match kind {
                EmailKind::Automated => rows[i].automated = on,
                EmailKind::Mass => rows[i].mass = on,
                EmailKind::Sales => rows[i].sales = on,
            }
            if rows[i].automated && rows[i].mass && rows[i].sales {
                rows.remove(i);
            }
        });
    };
    view! {
        <section class="panel policy-editor" aria-labelledby="policy-title" data-testid="policy-editor">
            <h3 id="policy-title">"Custom agreement: who may email a lead at each stage"</h3>
            <p class="hint">{move || if app.scenario.watch(|s| s.handoff_option == HandoffOption::Custom) {
                "This matrix is the agreement in force (Custom is chosen)."
            } else {
                "Used when Custom is chosen above; the comparison always shows it as the Custom column."
            }}</p>
            <table class="matrix">
                <thead><tr><th scope="col">"Stage"</th>{EmailKind::ALL.into_iter().map(|k| view! { <th scope="col">{match k { EmailKind::Automated => "Automated", EmailKind::Mass => "Mass", EmailKind::Sales => "Sales one-to-one" }}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {Stage::ALL.into_iter().map(|stage| view! {
                        <tr>
                            <th scope="row">{stage.label()}</th>
                            {EmailKind::ALL.into_iter().map(|kind| view! {
                                <td><input type="checkbox" aria-label=format!("{} email may reach a {} contact", kind.as_str(), stage.label())
                                    data-testid=format!("policy-{}-{}", stage.as_str(), kind.as_str())
                                    prop:checked=move || allowed(stage, kind)
                                    on:change=move |ev| set(stage, kind, event_target_checked(&ev))/></td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
