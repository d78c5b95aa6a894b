//! The contact list beside the calendar: filter by persona or by "has conflicts", pick one.

use leptos::prelude::*;

use super::state::use_app;
use crate::engine::What;

/// Most rows drawn at once; the filter narrows larger populations.
const MAX_ROWS: usize = 300;

/// One row of the contact list.
#[derive(Clone, PartialEq)]
struct Row {
    index: usize,
    name: String,
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
    let only_conflicts = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        let run = app.run.get();
        let data = &run.0;
        let wanted = persona.get();
        let conflicts_only = only_conflicts.get();
        app.scenario.with(|s| {
            let mut rows = Vec::new();
            for i in 0..data.outcome.items.len() {
                let p = data.population.people[i];
                let persona_id = &s.personas[p.persona as usize].id;
                if !wanted.is_empty() && &wanted != persona_id {
                    continue;
                }
                let items = data.outcome.items.contact(i);
                let conflicts = items.iter().filter(|it| it.what == What::Conflict).count();
                if conflicts_only && conflicts == 0 {
                    continue;
                }
                rows.push(Row {
                    index: i,
                    name: data.population.info(s, i).name,
                    persona: s.personas[p.persona as usize].name.clone(),
                    sent: items.iter().filter(|it| it.what == What::EmailSent).count(),
                    held: items.iter().filter(|it| it.what == What::EmailSuppressed).count(),
                    conflicts,
                });
                if rows.len() >= MAX_ROWS {
                    break;
                }
            }
            rows
        })
    });
    let personas = move || app.scenario.with(|s| s.personas.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>());
    view! {
        <aside class="contact-list" aria-label="Contacts">
            <h3>"Contacts"</h3>
            <div class="filters">
                <label>
                    <span>"Persona"</span>
                    <select data-testid="persona-filter" on:change=move |ev| persona.set(event_target_value(&ev))>
                        <option value="">"All personas"</option>
                        {move || personas().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="conflict-filter" on:change=move |ev| only_conflicts.set(event_target_checked(&ev))/>
                    <span>"Only contacts with a same-day conflict"</span>
                </label>
            </div>
            <ul class="contacts" role="listbox" aria-label="Pick a contact" data-testid="contact-list">
                <For each=move || rows.get() key=|r| (r.index, r.sent, r.held, r.conflicts) let:row>
                    <ContactRow row/>
                </For>
            </ul>
            <p class="hint">{move || {
                let n = rows.with(|r| r.len());
                if n >= MAX_ROWS { format!("Showing the first {MAX_ROWS}; filter to narrow.") } else { format!("{n} contacts") }
            }}</p>
        </aside>
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
            <span class="contact-name">{row.name}</span>
            <span class="contact-persona">{row.persona}</span>
            <span class="contact-counts">
                {format!("{} sent · {} held back", row.sent, row.held)}
                {(row.conflicts > 0).then(|| view! { <span class="conflict-tag">{format!(" · {} conflict", row.conflicts)}</span> })}
            </span>
        </li>
    }
}
