//! The contact list beside the calendar: filter by persona, stage, "has conflicts" or "was
//! recycled", pick one. Only the rows in view are drawn, so it stays fast with 100,000
//! contacts.

use leptos::prelude::*;

use crate::app::state::use_app;
use crate::engine::{Stage, What};

/// Height of one row in pixels (the CSS gives rows this height).
const ROW: f64 = 62.0;
/// Height of the list in pixels.
const VIEW: f64 = 620.0;

/// One row of the contact list.
#[derive(Clone, PartialEq)]
struct Row {
    index: usize,
    name: String,
    /// The address, so two people with the same name can be told apart.
    email: String,
    persona: String,
    sent: usize,
    held: usize,
    conflicts: usize,
}

/// The filterable list of contacts.
#[component]
pub fn ContactList() -> impl IntoView {
    let app = use_app();
    let persona = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let only_conflicts = RwSignal::new(false);
    let only_recycled = RwSignal::new(false);
    let scroll = RwSignal::new(0.0f64);
    // The matching contacts' indices; rows are made only for the ones in view.
    let matching = Memo::new(move |_| {
        let run = app.shown.get();
        let data = &run.0;
        let wanted = persona.get();
        let wanted_stage = stage.get();
        let conflicts_only = only_conflicts.get();
        let recycled_only = only_recycled.get();
        let needle = search.get().trim().to_lowercase();
        let s = &data.scenario;
        {
            (0..data.outcome.items.len())
                .filter(|&i| {
                    let p = data.population.people[i];
                    if !wanted.is_empty() && s.personas.get(p.persona as usize).is_none_or(|x| x.id != wanted) {
                        return false;
                    }
                    let items = data.outcome.items.contact(i);
                    if !wanted_stage.is_empty() && items.last().map(|it| it.stage().as_str()).unwrap_or(p.stage.as_str()) != wanted_stage {
                        return false;
                    }
                    if !needle.is_empty() {
                        let info = data.population.info(s, i);
                        if !info.name.to_lowercase().contains(&needle) && !info.email.to_lowercase().contains(&needle) {
                            return false;
                        }
                    }
                    (!conflicts_only || items.iter().any(|it| it.what == What::Conflict))
                        && (!recycled_only || items.iter().any(|it| it.what == What::Recycled))
                })
                .collect::<Vec<usize>>()
        }
    });
    let window = move || {
        let first = ((scroll.get() / ROW).floor() as usize).saturating_sub(5);
        let count = (VIEW / ROW).ceil() as usize + 10;
        let run = app.shown.get();
        let data = &run.0;
        matching.with(|m| {
            let end = (first + count).min(m.len());
            let s = &data.scenario;
            let rows = {
                m[first.min(end)..end]
                    .iter()
                    .map(|&i| {
                        let items = data.outcome.items.contact(i);
                        let info = data.population.info(s, i);
                        Row {
                            index: i,
                            name: info.name,
                            email: info.email,
                            persona: s.personas.get(data.population.people[i].persona as usize).map(|p| p.name.clone()).unwrap_or_default(),
                            sent: items.iter().filter(|it| it.what == What::EmailSent).count(),
                            held: items.iter().filter(|it| it.what == What::EmailSuppressed).count(),
                            conflicts: items.iter().filter(|it| it.what == What::Conflict).count(),
                        }
                    })
                    .collect::<Vec<_>>()
            };
            (first.min(end), m.len(), rows)
        })
    };
    let personas = move || app.shown.with(|r| r.0.scenario.personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>());
    view! {
        <section class="contact-list" aria-label="Contacts">
            <h3>"Contacts"</h3>
            <div class="filters">
                <label>
                    <span>"Find by name or email"</span>
                    <input type="search" data-testid="contact-search" on:input=move |ev| { scroll.set(0.0); search.set(event_target_value(&ev)) }/>
                </label>
                <label>
                    <span>"Persona"</span>
                    <select data-testid="persona-filter" on:change=move |ev| { scroll.set(0.0); persona.set(event_target_value(&ev)) }>
                        <option value="">"All personas"</option>
                        {move || personas().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>"Stage at the end"</span>
                    <select data-testid="stage-filter" on:change=move |ev| { scroll.set(0.0); stage.set(event_target_value(&ev)) }>
                        <option value="">"Any stage"</option>
                        {Stage::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="conflict-filter" on:change=move |ev| { scroll.set(0.0); only_conflicts.set(event_target_checked(&ev)) }/>
                    <span>"Only contacts with a same-day conflict"</span>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="recycled-filter" on:change=move |ev| { scroll.set(0.0); only_recycled.set(event_target_checked(&ev)) }/>
                    <span>"Only contacts sent back to marketing"</span>
                </label>
            </div>
            <p class="hint" data-testid="contact-count">{move || {
                let n = matching.with(Vec::len);
                format!("{n} contact{}", if n == 1 { "" } else { "s" })
            }}</p>
            <div class="contacts-scroll" style=format!("height:{VIEW}px")
                on:scroll=move |ev| {
                    if let Some(el) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
                        scroll.set(el.scroll_top() as f64);
                    }
                }>
                {move || {
                    let (first, total, rows) = window();
                    let below = total.saturating_sub(first + rows.len());
                    view! {
                        <div style=format!("height:{}px", first as f64 * ROW)></div>
                        <ul class="contacts" role="listbox" aria-label="Pick a contact" data-testid="contact-list">
                            {rows.into_iter().map(|row| view! { <ContactRow row/> }).collect_view()}
                        </ul>
                        <div style=format!("height:{}px", below as f64 * ROW)></div>
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn ContactRow(row: Row) -> impl IntoView {
    let app = use_app();
    let index = row.index;
    let selected = move || app.selected.get() == index;
    view! {
        <li
            role="option"
            tabindex="0"
            class="contact"
            class:selected=selected
            aria-selected=move || selected().to_string()
            data-testid="contact-row"
            on:click=move |_| app.selected.set(index)
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    app.selected.set(index);
                }
            }
        >
            <span class="contact-name" title=format!("{} <{}>", row.name, row.email)>{row.name.clone()}</span>
            <span class="contact-persona">{format!("{} · {}", row.email, row.persona)}</span>
            <span class="contact-counts">
                {format!("{} sent · {} held back", row.sent, row.held)}
                {(row.conflicts > 0).then(|| view! { <span class="conflict-tag">{format!(" · {} conflict{}", row.conflicts, if row.conflicts == 1 { "" } else { "s" })}</span> })}
            </span>
        </li>
    }
}
