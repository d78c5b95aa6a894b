//! The handoff option picker: the three options from the source article, plus custom, each
//! with what it means for automated, mass and sales email.

use leptos::prelude::*;

use crate::app::state::{use_app, Watch};
use crate::engine::HandoffOption;

/// A radio group of the handoff options.
#[component]
pub fn OptionPicker() -> impl IntoView {
    let app = use_app();
    let chosen = move || app.scenario.watch(|s| s.handoff_option);
    view! {
        <fieldset class="option-picker" data-testid="option-picker">
            <legend>"Handoff agreement: what email may reach a lead once sales owns it?"</legend>
            <div class="options">
                {HandoffOption::ALL
                    .into_iter()
                    .map(|option| {
                        let id = format!("option-{}", option.code());
                        view! {
                            <label class="option-card" class:chosen=move || chosen() == option data-testid=id.clone()>
                                <input
                                    type="radio"
                                    name="handoff-option"
                                    value=option.code()
                                    prop:checked=move || chosen() == option
                                    on:change=move |_| app.choose(option)
                                />
                                <span class="option-name">{option.short()}</span>
                                <span class="option-title">{option.title()}</span>
                                <span class="option-matrix">{option.after_handoff_words()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="option-explain" data-testid="option-explanation">{move || chosen().explanation()}</p>
        </fieldset>
    }
}
