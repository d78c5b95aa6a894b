//! Every part of the scenario a person changes: the option, thresholds and cap, the custom
//! agreement, scoring, handoff and reps, contacts (and the CRM import), personas,
//! workflows, mass sends and the calendar; with the shared form fields.

pub mod calendar_editor;
pub mod contact_details;
pub mod contacts_editor;
pub mod fields;
pub mod mass_editor;
pub mod option_picker;
pub mod persona_editor;
pub mod policy_editor;
pub mod sales_editor;
pub mod scoring_editor;
pub mod settings;
pub mod workflows;
