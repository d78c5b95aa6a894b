//! The handoff agreement's rules, in one place.
//!
//! Everything that asks "may this email reach this contact now, and if not, why?" or
//! "does this option send notices before mass sends?" asks here: the simulation, the
//! printable agreement, the option cards and the notices. Every match over
//! [`HandoffOption`] in this file is exhaustive, so a new option does not compile until
//! each rule says what it does with it.

use super::scenario::{CustomPolicy, EmailKind, HandoffOption, HandoffPoint, Stage};

/// Whose contact the universal suppression list takes a contact to be, at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Marketing's: no rep works it and its stage is before the handoff.
    Marketing,
    /// A rep works it, and the CRM says so (the list sees the owner).
    Owned,
    /// No rep owns it, but its stage is one the agreement gives to sales (an SQL,
    /// opportunity or customer imported without an owner, say).
    SalesStage,
}

/// Why the agreement holds an email back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// The universal suppression list has the contact because a rep owns it.
    OwnedBySales,
    /// The universal suppression list has the contact because of its stage.
    SalesStage,
    /// The custom matrix allows no email of this kind at this stage.
    CustomMatrix,
}

/// The first stage sales owns, with the handoff at `at`.
pub fn first_sales_stage(at: HandoffPoint) -> Stage {
    match at {
        HandoffPoint::Mql => Stage::Mql,
        HandoffPoint::Sql => Stage::Sql,
    }
}

/// Whether sales owns contacts at `stage`, with the handoff at `at`: every stage from the
/// handoff on, except "other".
pub fn is_sales_stage(stage: Stage, at: HandoffPoint) -> bool {
    stage >= first_sales_stage(at) && stage != Stage::Other
}

/// The standing of a contact: `owned` when a rep owns it and the list sees that.
pub fn standing(owned: bool, stage: Stage, at: HandoffPoint) -> Standing {
    if owned {
        Standing::Owned
    } else if is_sales_stage(stage, at) {
        Standing::SalesStage
    } else {
        Standing::Marketing
    }
}

impl HandoffOption {
    /// Whether an email of `kind` may reach a contact at `stage` with `standing`; if not,
    /// why. `custom` is the team's matrix, read only by the custom option.
    pub fn allows(self, custom: &CustomPolicy, kind: EmailKind, stage: Stage, standing: Standing) -> Result<(), Hold> {
        let on_list = match standing {
            Standing::Marketing => None,
            Standing::Owned => Some(Hold::OwnedBySales),
            Standing::SalesStage => Some(Hold::SalesStage),
        };
        let held = match self {
            HandoffOption::CeaseAll => match kind {
                EmailKind::Automated | EmailKind::Mass => on_list,
                EmailKind::Sales => None,
            },
            HandoffOption::OnlyMass => match kind {
                EmailKind::Automated => on_list,
                EmailKind::Mass | EmailKind::Sales => None,
            },
            HandoffOption::Everything => None,
            HandoffOption::Custom => (!custom_allows(custom, kind, stage)).then_some(Hold::CustomMatrix),
        };
        held.map_or(Ok(()), Err)
    }

    /// Whether reps get a notice before each mass send and may leave named leads out.
    pub fn sends_notices(self) -> bool {
        match self {
            HandoffOption::OnlyMass | HandoffOption::Custom => true,
            HandoffOption::CeaseAll | HandoffOption::Everything => false,
        }
    }

    /// Whether the option ever holds back marketing email from a lead sales owns; when it
    /// does not, nothing can leak through the suppression list.
    pub fn holds_back_marketing(self) -> bool {
        match self {
            HandoffOption::CeaseAll | HandoffOption::OnlyMass | HandoffOption::Custom => true,
            HandoffOption::Everything => false,
        }
    }

    /// For the agreement's table: may `kind` reach a contact at `stage`, when sales owns
    /// every contact from the handoff stage on?
    pub fn allows_at_stage(self, custom: &CustomPolicy, kind: EmailKind, stage: Stage, at: HandoffPoint) -> bool {
        self.allows(custom, kind, stage, standing(is_sales_stage(stage, at), stage, at)).is_ok()
    }

    /// The option card's line: which kinds still go out once sales owns a lead, such as
    /// "After handoff: automated ✕ · mass ✓ (with notice) · sales ✓".
    pub fn after_handoff_words(self) -> String {
        match self {
            HandoffOption::Custom => "Per stage, as your matrix says".to_string(),
            HandoffOption::CeaseAll | HandoffOption::OnlyMass | HandoffOption::Everything => {
                let none = CustomPolicy { rows: Vec::new() };
                let parts: Vec<String> = EmailKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let ok = self.allows(&none, kind, Stage::Sql, Standing::Owned).is_ok();
                        let notice = if ok && kind == EmailKind::Mass && self.sends_notices() { " (with notice)" } else { "" };
                        format!("{} {}{notice}", kind.as_str(), if ok { "✓" } else { "✕" })
                    })
                    .collect();
                format!("After handoff: {}", parts.join(" · "))
            }
        }
    }
}

/// The custom matrix: a stage with no row allows everything.
fn custom_allows(custom: &CustomPolicy, kind: EmailKind, stage: Stage) -> bool {
    match custom.rows.iter().find(|r| r.stage == stage) {
        None => true,
        Some(row) => match kind {
            EmailKind::Automated => row.automated,
            EmailKind::Mass => row.mass,
            EmailKind::Sales => row.sales,
        },
    }
}
