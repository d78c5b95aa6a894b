//! The population: named contacts and generated ones, in a compact form the simulation
//! reads quickly. Generated contacts are not stored as text; their names and addresses are
//! made on demand from their number, so a million of them costs a few dozen bytes each.

use super::calendar::{Minute, UtcOffset, DAY};
use super::outcome::ContactInfo;
use super::random::Rng;
use super::scenario::{Scenario, Source, Stage, TraitName};

/// How a person came in, without the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// Downloaded this asset (name index).
    Download(u16),
    /// An event card; `marked` says whether the CRM shows sales owns it.
    EventCard {
        marked: bool,
    },
    Import,
}

/// One contact, compact.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    pub persona: u16,
    /// Named contact index, or generator group index when `generated`.
    pub origin: u32,
    pub generated: bool,
    /// Number among the generated contacts of the same persona (0-based); the id is
    /// "<persona id>-<n + 1>".
    pub n: u32,
    pub arrives: Minute,
    pub arrival: Arrival,
    pub stage: Stage,
    pub score: i32,
    pub offset: Option<UtcOffset>,
    /// Interned trait values: industry, job title, company size, country, email domain.
    pub traits: [u16; 5],
    /// Index of the other record of the same person.
    pub same_as: Option<u32>,
    /// The rep who owns the contact from the start.
    pub owner: Option<u8>,
    /// Already in the CRM when the plan starts (see `scenario::Existing`).
    pub existing: Option<Start>,
}

/// How a contact already in the CRM starts (the simulation's copy of `scenario::Existing`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Start {
    pub lead_status: super::scenario::LeadStatus,
    pub crm_score: bool,
}

/// Trait values and asset names, interned so people carry numbers.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    pub values: Vec<String>,
    index: std::collections::HashMap<String, u16>,
}

impl Interner {
    /// The number for a text (case-insensitive), adding it if new.
    pub fn intern(&mut self, text: &str) -> u16 {
        let key = text.trim().to_lowercase();
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.values.len().min(u16::MAX as usize) as u16;
        self.values.push(text.trim().to_string());
        self.index.insert(key, i);
        i
    }

    /// The number for a text, if known.
    pub fn find(&self, text: &str) -> Option<u16> {
        self.index.get(&text.trim().to_lowercase()).copied()
    }
}

/// The whole population of a scenario for one seed.
#[derive(Debug, Clone)]
pub struct Population {
    pub people: Vec<Person>,
    pub traits: Interner,
}

const FIRST: [&str; 24] = [
    "Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam",
    "Tariq", "Uma", "Victor", "Wen", "Yara",
];
const LAST: [&str; 20] = [
    "Adams", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel",
    "Rossi", "Silva", "Novak", "Weber",
];
const COMPANIES: [&str; 12] = [
    "Northwind",
    "Brightpath",
    "Keystone Health",
    "Bluefin Labs",
    "Crescent Care",
    "Orbit Logistics",
    "Pinecrest",
    "Summit Clinics",
    "Tidewater",
    "Vantage Med",
    "Willow Systems",
    "Zenith Partners",
];

impl Population {
    /// Builds the population. Generated traits and arrival times come from `seed`.
    pub fn build(s: &Scenario, seed: u64, names: &mut Interner) -> Population {
        let mut traits = Interner::default();
        let persona_index = |id: &str| s.personas.iter().position(|p| p.id == id).unwrap_or(0) as u16;
        let total = s.contacts.len() + s.generate.iter().map(|g| g.count as usize).sum::<usize>();
        let mut people = Vec::with_capacity(total);
        let mut arrival_of = |src: &Source| match src {
            Source::ContentDownload { asset } => Arrival::Download(names.intern(asset)),
            Source::EventCard { marked_in_crm } => Arrival::EventCard { marked: *marked_in_crm },
            Source::Import => Arrival::Import,
        };
        for (i, c) in s.contacts.iter().enumerate() {
            let domain = c.email.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
            let t = [
                traits.intern(&c.traits.industry),
                traits.intern(&c.traits.job_title),
                traits.intern(&c.traits.company_size),
                traits.intern(&c.traits.country),
                traits.intern(domain),
            ];
            people.push(Person {
                persona: persona_index(&c.persona),
                origin: i as u32,
                generated: false,
                n: i as u32,
                arrives: c.arrives_day.saturating_mul(DAY).saturating_add(c.arrives_at.minutes()),
                arrival: arrival_of(&c.source),
                stage: c.stage,
                score: c.score,
                offset: c.utc_offset,
                traits: t,
                same_as: None,
                owner: c.owner.as_ref().and_then(|o| s.reps.iter().position(|r| &r.name == o)).map(|r| r as u8),
                existing: c.existing.as_ref().map(|e| Start { lead_status: e.lead_status, crm_score: e.crm_score }),
            });
        }
        // Second addresses found through an index of ids: a file with tens of thousands of
        // them must not take quadratic time.
        let by_id: std::collections::HashMap<&str, u32> = s.contacts.iter().enumerate().map(|(j, o)| (o.id.as_str(), j as u32)).collect();
        for (i, c) in s.contacts.iter().enumerate() {
            if let Some(other) = &c.same_person_as {
                people[i].same_as = by_id.get(other.as_str()).copied();
            }
        }
        let mut rng = Rng::new(seed, u64::MAX);
        let company_domains: Vec<u16> = COMPANIES.iter().map(|c| traits.intern(&company_domain(c))).collect();
        let mut per_persona = vec![0u32; s.personas.len()];
        for (g, group) in s.generate.iter().enumerate() {
            let p = persona_index(&group.persona);
            let first_n = per_persona.get(p as usize).copied().unwrap_or(0);
            if let Some(c) = per_persona.get_mut(p as usize) {
                *c += group.count;
            }
            let mix = &s.personas[p as usize].trait_mix;
            // Interned once per group, so a million contacts cost no string work.
            let empty = traits.intern("");
            let lists: Vec<Vec<u16>> = [&mix.industry, &mix.job_title, &mix.company_size, &mix.country, &mix.email_domain]
                .iter()
                .map(|l| l.iter().map(|v| traits.intern(v)).collect())
                .collect();
            let pick = |list: &Vec<u16>, rng: &mut Rng| if list.is_empty() { empty } else { list[rng.below(list.len() as u32) as usize] };
            let arrival = arrival_of(&group.source);
            for n in first_n..first_n + group.count {
                let t = [
                    pick(&lists[0], &mut rng),
                    pick(&lists[1], &mut rng),
                    pick(&lists[2], &mut rng),
                    pick(&lists[3], &mut rng),
                    if lists[4].is_empty() { company_domains[identity(g as u32, n).2] } else { pick(&lists[4], &mut rng) },
                ];
                let spread = group.arrive_over_days.saturating_mul(DAY);
                // Arrivals fall in business-like hours (08:00 to 20:00) on a random day.
                let day = if spread == 0 { 0 } else { rng.below(group.arrive_over_days) };
                let arrives = day * DAY + 8 * 60 + rng.below(12 * 60);
                people.push(Person {
                    persona: p,
                    origin: g as u32,
                    generated: true,
                    n,
                    arrives,
                    arrival,
                    stage: group.stage,
                    score: 0,
                    offset: None,
                    traits: t,
                    same_as: None,
                    owner: None,
                    existing: None,
                });
            }
        }
        Population { people, traits }
    }

    /// The interned value of a trait for a person.
    pub fn trait_of(&self, p: &Person, name: TraitName) -> u16 {
        match name {
            TraitName::Industry => p.traits[0],
            TraitName::JobTitle => p.traits[1],
            TraitName::CompanySize => p.traits[2],
            TraitName::Country => p.traits[3],
            TraitName::EmailDomain => p.traits[4],
        }
    }

    /// Id, name and address of contact `i`, made on demand for generated contacts.
    pub fn info(&self, s: &Scenario, i: usize) -> ContactInfo {
        let Some(p) = self.people.get(i) else {
            return ContactInfo { id: String::new(), name: String::new(), email: String::new(), persona: 0, utc_offset: None };
        };
        let unknown = ContactInfo { id: String::new(), name: String::new(), email: String::new(), persona: p.persona as usize, utc_offset: None };
        if !p.generated {
            let Some(c) = s.contacts.get(p.origin as usize) else { return unknown };
            return ContactInfo {
                id: c.id.clone(),
                name: c.name.clone(),
                email: c.email.clone(),
                persona: p.persona as usize,
                utc_offset: c.utc_offset.map(|o| o.minutes()),
            };
        }
        let Some(group) = s.generate.get(p.origin as usize) else { return unknown };
        let (first, last, _) = identity(p.origin, p.n);
        let domain = self.traits.values.get(p.traits[4] as usize).map(String::as_str).unwrap_or("example.com");
        ContactInfo {
            id: format!("{}-{}", group.persona, p.n + 1),
            name: format!("{first} {last}"),
            email: format!("{}.{}{}@{}", first.to_lowercase(), last.to_lowercase(), p.n + 1, domain),
            persona: p.persona as usize,
            utc_offset: None,
        }
    }

    /// The company of contact `i`.
    pub fn company(&self, s: &Scenario, i: usize) -> String {
        match self.people.get(i) {
            Some(p) if !p.generated => s.contacts.get(p.origin as usize).map(|c| c.company.clone()).unwrap_or_default(),
            Some(p) => COMPANIES[identity(p.origin, p.n).2].to_string(),
            None => String::new(),
        }
    }
}

/// First name, last name and company index of generated contact `n` of group `group`.
fn identity(group: u32, n: u32) -> (&'static str, &'static str, usize) {
    let h = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((group as u64) << 7);
    (FIRST[(h % FIRST.len() as u64) as usize], LAST[((h >> 16) % LAST.len() as u64) as usize], ((h >> 32) % COMPANIES.len() as u64) as usize)
}

fn company_domain(company: &str) -> String {
    let name: String = company.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("{name}.example")
}

impl Population {
    /// The index of the contact with this id, named or generated.
    pub fn find_id(&self, s: &Scenario, id: &str) -> Option<usize> {
        if let Some(i) = s.contacts.iter().position(|c| c.id == id) {
            return self.people.iter().position(|p| !p.generated && p.origin as usize == i);
        }
        let (persona, n) = id.rsplit_once('-')?;
        let n: u32 = n.parse().ok()?;
        let p = s.personas.iter().position(|x| x.id == persona)? as u16;
        self.people.iter().position(|x| x.generated && x.persona == p && x.n + 1 == n)
    }
}
