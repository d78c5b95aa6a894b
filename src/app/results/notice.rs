//! Option 2's notice to sales: before each mass send, what the email is, when it goes, and
//! per rep the leads they own who would receive it. Leaving a lead out is one click; the
//! exclusion is kept in the scenario and the send is simulated again.

use leptos::prelude::*;

use crate::app::state::{cards_in_two, use_app};
use crate::engine::scenario::Exclusion;
use crate::engine::What;

/// One lead on a notice.
#[derive(Clone, PartialEq)]
struct NoticeLead {
    id: String,
    name: String,
    /// Tells apart people with the same name.
    email: String,
    excluded: bool,
}

/// A rep's leads on one notice are shown open up to this many; more are folded under the
/// rep's name and counts until opened or searched.
const OPEN_UP_TO: usize = 8;

/// Each rep's name with the leads of theirs a send would reach.
type RepLeads = Vec<(String, Vec<NoticeLead>)>;

/// One mass send's notice.
#[derive(Clone, PartialEq)]
struct Notice {
    email: String,
    when: String,
    notice_at: String,
    summary: String,
    answers: Vec<String>,
    reps: RepLeads,
}

/// The notices of every mass send in the horizon.
#[component]
pub fn MassSendNotices() -> impl IntoView {
    let app = use_app();
    let option = move || app.scenario.with(|s| s.handoff_option);
    let notices = Memo::new(move |_| {
        let run = app.run.get();
        let d = &run.0;
        let o = &d.outcome;
        app.scenario.with(|s| {
            let sends: Vec<_> = s.mass_sends.iter().filter(|m| m.day < s.calendar.horizon_days).collect();
            // One pass over every calendar: each notice entry goes to its send's list.
            let email_of: Vec<Option<usize>> = sends.iter().map(|m| o.emails.iter().position(|e| e.name == m.name)).collect();
            let mut found: Vec<(Option<u32>, RepLeads)> = vec![(None, Vec::new()); sends.len()];
            for c in 0..o.items.len() {
                for it in o.items.contact(c) {
                    if it.what != What::MassSendNotice {
                        continue;
                    }
                    let Some(k) = email_of.iter().position(|e| *e == Some(it.label as usize)) else { continue };
                    let (notice_at, reps) = &mut found[k];
                    notice_at.get_or_insert(it.at);
                    let rep = o.rep_name(it.owner).unwrap_or("Unassigned").to_string();
                    let info = d.population.info(&d.scenario, c);
                    let excluded = s.exclusions.iter().any(|x| x.mass_send == sends[k].name && x.contact_id == info.id);
                    let lead = NoticeLead { id: info.id, name: info.name, email: info.email, excluded };
                    match reps.iter_mut().find(|(r, _)| *r == rep) {
                        Some((_, leads)) => leads.push(lead),
                        None => reps.push((rep, vec![lead])),
                    }
                }
            }
            sends
                .iter()
                .zip(found)
                .map(|(m, (notice_at, mut reps))| {
                    reps.sort_by(|a, b| a.0.cmp(&b.0));
                    Notice {
                        email: m.name.clone(),
                        when: o.clock.short(o.clock.at(m.day, m.at)),
                        notice_at: notice_at.map(|t| o.clock.short(t)).unwrap_or_default(),
                        summary: m.summary.clone(),
                        answers: m.prepared_answers.clone(),
                        reps,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let query = RwSignal::new(String::new());
    let toggle = move |mass: String, id: String, exclude: bool| {
        let _ = app.edit(|s| {
            s.exclusions.retain(|x| !(x.mass_send == mass && x.contact_id == id));
            if exclude {
                s.exclusions.push(Exclusion { mass_send: mass, contact_id: id });
            }
        });
    };
    // Notice `k`, with the search applied.
    let draw = move |k: usize| {
        let q = query.get().trim().to_lowercase();
        notices.with(|all| all.get(k).cloned()).map(|mut n| {
            if !q.is_empty() {
                for (_, leads) in &mut n.reps {
                    leads.retain(|l| l.name.to_lowercase().contains(&q) || l.email.to_lowercase().contains(&q));
                }
                n.reps.retain(|(_, leads)| !leads.is_empty());
            }
            let searching = !q.is_empty();
            let mass = n.email.clone();
            let total: usize = n.reps.iter().map(|(_, l)| l.len()).sum();
            view! {
                <article class="notice" data-testid="notice">
                    <h4>{n.email.clone()}</h4>
                    <p class="when">{format!("Sends {}{}", n.when, if n.notice_at.is_empty() { String::new() } else { format!(" · notice to sales {}", n.notice_at) })}</p>
                    {(!n.summary.is_empty()).then(|| view! { <p class="notice-summary" data-testid="notice-summary">{format!("What it says: {}", n.summary)}</p> })}
                    {(!n.answers.is_empty()).then(|| view! {
                        <div class="notice-answers" data-testid="notice-answers">
                            <h5>"Prepared answers"</h5>
                            <ul>{n.answers.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    {if total == 0 {
                        view! { <p class="hint">{if searching { "No lead on this notice matches." } else { "No sales-owned lead is in this send's segment." }}</p> }.into_any()
                    } else {
                        n.reps.into_iter().map(|(rep, leads)| {
                            let mass = mass.clone();
                            let out = leads.iter().filter(|l| l.excluded).count();
                            let open = searching || leads.len() <= OPEN_UP_TO;
                            // A folded group's leads are drawn when it is opened: with
                            // 2,000 contacts the notices held 2,174 of them, most folded.
                            let shown = RwSignal::new(open);
                            let count = leads.len();
                            view! {
                                <details class="notice-rep" data-testid="notice-rep" open=open
                                    on:toggle=move |ev| {
                                        let el: Option<web_sys::HtmlDetailsElement> = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
                                        if let Some(el) = el {
                                            shown.set(el.open());
                                        }
                                    }>
                                    <summary>{format!(
                                        "{rep} owns {} lead{} in this send{}",
                                        count,
                                        if count == 1 { "" } else { "s" },
                                        if out > 0 { format!(" ({out} left out)") } else { String::new() }
                                    )}</summary>
                                    <ul>
                                        {move || shown.get().then(|| leads.clone().into_iter().map(|lead| {
                                            let (mass, id) = (mass.clone(), lead.id.clone());
                                            view! {
                                                <li>
                                                    <label class="check">
                                                        <input type="checkbox" data-testid="exclude-lead" prop:checked=lead.excluded
                                                            on:change=move |ev| toggle(mass.clone(), id.clone(), event_target_checked(&ev))/>
                                                        <span>{format!("Leave out {}", lead.name)}<span class="lead-email">{lead.email.clone()}</span></span>
                                                    </label>
                                                </li>
                                            }
                                        }).collect_view())}
                                    </ul>
                                </details>
                            }
                        }).collect_view().into_any()
                    }}
                </article>
            }
        })
    };
    // The first notices are drawn with the view (at 1280×720 the first fills the screen);
    // the rest come once it is painted. All at once, the sample's took 40–65 ms to open.
    let count = Memo::new(move |_| notices.with(Vec::len));
    view! {
        <section class="panel notices" aria-labelledby="notices-title" data-testid="notices">
            <h3 id="notices-title">"Mass-send notices to sales"</h3>
            <Show
                when=move || option().sends_notices()
                fallback=move || view! {
                    <p class="hint">{move || format!(
                        "Under {}, reps get no notice before mass sends. Choose option 2 or a custom agreement to see the notice each rep would receive.",
                        option().short().to_lowercase()
                    )}</p>
                }
            >
                <p class="hint">"Before each mass send, each rep sees the leads they own who would receive it. Tick a lead to leave them out; the calendars update at once."</p>
                <label class="notice-search">
                    <span>"Find a lead"</span>
                    <input type="search" data-testid="notice-search" placeholder="name or email"
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                {cards_in_two(count, 2, draw)}
            </Show>
        </section>
    }
}
