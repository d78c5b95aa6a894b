//! Mass sends: name, day and time, the segment (stages, personas, lists, countries and other
//! traits), and whether the cap applies.

use leptos::prelude::*;

use crate::app::editors::fields::{CheckField, NumberField, ParsedField, TextField};
use crate::app::state::{cards_in_two, use_app, Watch};
use crate::engine::calendar::ClockTime;
use crate::engine::scenario::{ListName, Segment, TraitIs, TraitName};
use crate::engine::Stage;

/// The mass-send panel.
#[component]
pub fn MassEditor() -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let edit = move |change: Box<dyn FnOnce(&mut crate::engine::Scenario)>| app.edit_or_report(error, change);
    // Cards and persona boxes are drawn again only when their number or names change; the
    // fields inside follow their own values.
    let count = Memo::new(move |_| app.scenario.watch(|s| s.mass_sends.len()));
    let personas = Memo::new(move |_| app.scenario.watch(|s| s.personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>()));
    // One send's card. The first cards come with the editor, the rest once it is painted:
    // the sample's 20 cards are 2,400 elements, 75 ms or more to draw at once.
    let card = move |m: usize| {
        view! {
            <div class="row-card" data-testid="mass-send">
                <ParsedField label="Email" get=move |s| s.mass_sends.get(m).map(|x| x.name.clone()).unwrap_or_default()
                    set=move |s, v| s.rename_mass_send(m, v).map_err(|e| e.0)/>
                <NumberField label="Day" get=move |s| s.mass_sends.get(m).map(|x| x.day as i64).unwrap_or(0)
                    set=move |s, v| if let Some(x) = s.mass_sends.get_mut(m) { x.day = v.clamp(0, 100_000) as u32 }/>
                <label class="field">
                    <span class="field-label">"At"</span>
                    <input type="time" prop:value=move || app.scenario.watch(|s| s.mass_sends.get(m).map(|x| x.at.to_string()).unwrap_or_default())
                        on:change=move |ev| match ClockTime::parse(&event_target_value(&ev)) {
                            Ok(t) => edit(Box::new(move |s| if let Some(x) = s.mass_sends.get_mut(m) { x.at = t })),
                            Err(e) => error.set(Some(e)),
                        }/>
                </label>
                <span class="date-hint">{move || app.scenario.watch(|s| s.mass_sends.get(m).map(|x| (s.calendar.start + chrono::Duration::days(x.day as i64)).format("%a %-d %b").to_string()).unwrap_or_default())}</span>
                <fieldset class="inline stages">
                    <legend>"To stages"</legend>
                    {Stage::ALL.into_iter().map(|stage| view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || app.scenario.watch(|s| s.mass_sends.get(m).is_some_and(|x| x.segment.stages.is_empty() || x.segment.stages.contains(&stage)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    edit(Box::new(move |s| if let Some(x) = s.mass_sends.get_mut(m) {
                                        if x.segment.stages.is_empty() { x.segment.stages = Stage::ALL.to_vec(); }
                                        x.segment.stages.retain(|st| *st != stage);
                                        if on { x.segment.stages.push(stage); x.segment.stages.sort(); }
                                    }));
                                }/>
                            <span>{stage.label()}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="inline stages">
                    <legend>"To personas"</legend>
                    {move || personas.get().into_iter().map(|(id, pname)| {
                        let id2 = id.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox"
                                    prop:checked=move || app.scenario.watch(|s| s.mass_sends.get(m).is_some_and(|x| x.segment.personas.is_empty() || x.segment.personas.contains(&id)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id2.clone();
                                        edit(Box::new(move |s| {
                                            let all: Vec<String> = s.personas.iter().map(|p| p.id.clone()).collect();
                                            if let Some(x) = s.mass_sends.get_mut(m) {
                                                if x.segment.personas.is_empty() { x.segment.personas = all.clone(); }
                                                x.segment.personas.retain(|p| *p != id);
                                                if on { x.segment.personas.push(id); }
                                                if x.segment.personas.len() == all.len() { x.segment.personas.clear(); }
                                            }
                                        }));
                                    }/>
                                <span>{pname}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset class="inline stages">
                    <legend>"Only to contacts on a list (none ticked: any)"</legend>
                    {ListName::ALL.into_iter().map(|list| view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || app.scenario.watch(|s| s.mass_sends.get(m).is_some_and(|x| x.segment.lists.contains(&list)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    edit(Box::new(move |s| if let Some(x) = s.mass_sends.get_mut(m) {
                                        x.segment.lists.retain(|l| *l != list);
                                        if on { x.segment.lists.push(list); }
                                    }));
                                }/>
                            <span>{list.label()}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="segment-traits">
                    <legend>"Only to contacts with these traits (several values: separate them by commas)"</legend>
                    <div class="field-grid">
                    <ParsedField label="Countries" placeholder="any country" testid="mass-countries"
                        get=move |s| s.mass_sends.get(m).map(|x| x.segment.countries.join(", ")).unwrap_or_default()
                        set=move |s, v| {
                            if let Some(x) = s.mass_sends.get_mut(m) {
                                x.segment.countries = commas(v);
                            }
                            Ok(())
                        }/>
                    {TRAITS.into_iter().map(|(name, label, placeholder, testid)| view! {
                        <ParsedField label=label placeholder=placeholder testid=testid
                            get=move |s| s.mass_sends.get(m).map(|x| trait_values(&x.segment, name).join(", ")).unwrap_or_default()
                            set=move |s, v| {
                                if let Some(x) = s.mass_sends.get_mut(m) {
                                    x.segment.traits.retain(|t| t.trait_name != name);
                                    x.segment.traits.extend(commas(v).into_iter().map(|equals| TraitIs { trait_name: name, equals }));
                                }
                                Ok(())
                            }/>
                    }).collect_view()}
                    </div>
                </fieldset>
                <CheckField label="Exempt from the frequency cap" get=move |s| s.mass_sends.get(m).is_some_and(|x| x.exempt_from_cap)
                    set=move |s, v| if let Some(x) = s.mass_sends.get_mut(m) { x.exempt_from_cap = v }/>
                <TextField label="What it says (for the notice to sales)" get=move |s| s.mass_sends.get(m).map(|x| x.summary.clone()).unwrap_or_default()
                    set=move |s, v| if let Some(x) = s.mass_sends.get_mut(m) { x.summary = v.trim().to_string() }/>
                <ParsedField label="Prepared answers for reps (separate with ;)" placeholder="none"
                    get=move |s| s.mass_sends.get(m).map(|x| x.prepared_answers.join("; ")).unwrap_or_default()
                    set=move |s, v| {
                        if let Some(x) = s.mass_sends.get_mut(m) {
                            x.prepared_answers = v.split(';').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
                        }
                        Ok(())
                    }/>
                <button type="button" class="icon" aria-label="Remove this mass send"
                    on:click=move |_| app.edit_or_refuse(error, move |s| s.remove_mass_send(m))>"✕"</button>
            </div>
        }
    };
    view! {
        <section class="panel mass-editor" aria-labelledby="mass-title" data-testid="mass-editor">
            <h3 id="mass-title">"Mass sends"</h3>
            <div class="rows">
                {cards_in_two(count, 2, card)}
            </div>
            <button type="button" on:click=move |_| edit(Box::new(|s| { s.add_mass_send(); }))>"+ Mass send"</button>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The traits a mass send's segment can also be narrowed by (countries have their own
/// field), with the field's label, empty hint and test id.
const TRAITS: [(TraitName, &str, &str, &str); 4] = [
    (TraitName::Industry, "Industries", "any industry", "mass-industries"),
    (TraitName::JobTitle, "Job titles", "any job title", "mass-job-titles"),
    (TraitName::CompanySize, "Company sizes", "any size", "mass-sizes"),
    (TraitName::EmailDomain, "Email domains", "any domain", "mass-domains"),
];

/// The values a segment asks for one trait.
fn trait_values(segment: &Segment, name: TraitName) -> Vec<String> {
    segment.traits.iter().filter(|t| t.trait_name == name).map(|t| t.equals.clone()).collect()
}

/// The non-empty parts of a comma-separated list.
fn commas(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}
