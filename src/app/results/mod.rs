//! What the simulation shows: the options side by side, the key figures against a
//! baseline, contact calendars, insights, mass-send notices, what-if sweeps and the printed
//! agreement.

pub mod agreement;
pub mod calendar;
pub mod comparison;
pub mod contacts;
pub mod insights;
pub mod key_figures;
pub mod notice;
pub mod what_if;
