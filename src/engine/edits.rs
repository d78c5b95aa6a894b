//! Edits that must keep a scenario's references consistent: renaming or removing a rep, a
//! persona, a workflow, a mass send, a contact, an email, a workflow step or a sales
//! touch. Each is a method on [`Scenario`], tested natively; the editors only call them.
//!
//! An edit either leaves every reference pointing where it pointed (a renamed rep still
//! owns its contacts, a branch still jumps to the same step) or is refused with a reason a
//! marketer can act on, and then changes nothing.

use std::fmt;

use super::scenario::*;

/// Why an edit was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

fn refuse<T>(message: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(message.into()))
}

/// A new name for item `at` of `list`: trimmed, not empty, and no other item's `key`.
/// `empty` and `taken` are the refusals' words ("a rep needs a name", "another rep is
/// already called").
fn new_name<'n, T>(name: &'n str, list: &[T], at: usize, key: impl Fn(&T) -> &str, empty: &str, taken: &str) -> Result<&'n str, Refused> {
    let name = name.trim();
    if name.is_empty() {
        return refuse(empty);
    }
    if list.iter().enumerate().any(|(i, x)| i != at && key(x) == name) {
        return refuse(format!("{taken} \"{name}\""));
    }
    Ok(name)
}

/// "1 contact" or "3 contacts".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Scenario {
    /// Every contact the scenario simulates: named contacts and generated ones.
    pub fn contact_count(&self) -> u64 {
        self.contacts.len() as u64 + self.generate.iter().map(|g| g.count as u64).sum::<u64>()
    }

    /// The first of "Base 1", "Base 2", … that `taken` does not know, counting from `n`.
    fn fresh_name(base: &str, n: usize, taken: impl Fn(&str) -> bool) -> String {
        (n..).map(|k| format!("{base} {k}")).find(|name| !taken(name)).unwrap_or_else(|| base.to_string())
    }

    /// Adds a rep with a name no other rep has and a default capacity; returns the name.
    pub fn add_rep(&mut self) -> String {
        let name = Self::fresh_name("Rep", self.reps.len() + 1, |n| self.reps.iter().any(|r| r.name == n));
        self.reps.push(Rep { name: name.clone(), capacity_per_week: 5, territory: String::new(), first_touch_hours: 4.0 });
        name
    }

    /// Adds a workflow (a day's wait, then one email) with a name no other workflow has.
    pub fn add_workflow(&mut self) -> String {
        let name = Self::fresh_name("Workflow", self.workflows.len() + 1, |n| self.workflows.iter().any(|w| w.name == n));
        self.workflows.push(Workflow {
            name: name.clone(),
            trigger: Trigger::FormFill { asset: "eBook".into() },
            steps: vec![Step::Delay { wait: Duration::days(1), up_to: None }, Step::Email { name: format!("{name} email 1") }],
            goal: None,
            exit_when: vec![],
            reenroll: false,
            suppression_lists: vec![],
            business_hours_only: true,
            priority: 0,
            resume_after_return: false,
            repeat_content: false,
        });
        name
    }

    /// Adds a mass send a week in, to leads, MQLs, SQLs and opportunities, with a name no
    /// other mass send has.
    pub fn add_mass_send(&mut self) -> String {
        let name = Self::fresh_name("Mass email", self.mass_sends.len() + 1, |n| self.mass_sends.iter().any(|m| m.name == n));
        self.mass_sends.push(MassSend {
            name: name.clone(),
            day: 7,
            at: super::calendar::ClockTime::new(10, 0),
            segment: Segment { stages: vec![Stage::Lead, Stage::Mql, Stage::Sql, Stage::Opportunity], ..Segment::default() },
            exempt_from_cap: false,
            summary: String::new(),
            prepared_answers: vec![],
        });
        name
    }

    /// Renames rep `r`; the contacts they own stay theirs.
    pub fn rename_rep(&mut self, r: usize, name: &str) -> Result<(), Refused> {
        let Some(old) = self.reps.get(r).map(|x| x.name.clone()) else { return refuse("there is no such rep") };
        let name = new_name(name, &self.reps, r, |x| &x.name, "a rep needs a name", "another rep is already called")?;
        self.contacts.change_where(|c| c.owner.as_deref() == Some(old.as_str()), |c| c.owner = Some(name.to_string()));
        // The saved import choices follow, so the next export's owners still find the rep.
        if let Some(import) = &mut self.crm_import {
            for choice in import.owners.values_mut() {
                if matches!(choice, crate::engine::crm_import::OwnerChoice::Rep(n) if *n == old) {
                    *choice = crate::engine::crm_import::OwnerChoice::Rep(name.to_string());
                }
            }
        }
        self.reps[r].name = name.to_string();
        Ok(())
    }

    /// Removes rep `r`. The contacts they owned keep their stage and have no owner, so
    /// the agreement's stage rules decide their email. Returns how many contacts that is.
    pub fn remove_rep(&mut self, r: usize) -> Result<usize, Refused> {
        let Some(old) = self.reps.get(r).map(|x| x.name.clone()) else { return refuse("there is no such rep") };
        let freed = self.contacts.change_where(|c| c.owner.as_deref() == Some(old.as_str()), |c| c.owner = None);
        self.reps.remove(r);
        Ok(freed)
    }

    /// Gives persona `p` a new id; contacts, generated groups and segments follow.
    pub fn rename_persona_id(&mut self, p: usize, id: &str) -> Result<(), Refused> {
        let Some(old) = self.personas.get(p).map(|x| x.id.clone()) else { return refuse("there is no such persona") };
        let one_word = "a persona's id must be one word, such as ready_buyer";
        let id = new_name(id, &self.personas, p, |x| &x.id, one_word, "another persona already has the id")?;
        if id.contains(char::is_whitespace) {
            return refuse(one_word);
        }
        self.contacts.change_where(|c| c.persona == old, |c| c.persona = id.to_string());
        for g in self.generate.iter_mut().filter(|g| g.persona == old) {
            g.persona = id.to_string();
        }
        for m in &mut self.mass_sends {
            for x in m.segment.personas.iter_mut().filter(|x| **x == old) {
                *x = id.to_string();
            }
        }
        if let Some(import) = &mut self.crm_import {
            for rule in import.persona_rules.iter_mut().filter(|r| r.persona == old) {
                rule.persona = id.to_string();
            }
            if import.persona.as_deref() == Some(old.as_str()) {
                import.persona = Some(id.to_string());
            }
            if let Some(w) = import.spread.remove(&old) {
                import.spread.insert(id.to_string(), w);
            }
        }
        self.personas[p].id = id.to_string();
        Ok(())
    }

    /// Removes persona `p`, unless contacts or generated groups still use it. Mass-send
    /// segments forget it.
    pub fn remove_persona(&mut self, p: usize) -> Result<(), Refused> {
        let Some(persona) = self.personas.get(p) else { return refuse("there is no such persona") };
        if self.personas.len() == 1 {
            return refuse("a scenario needs at least one persona");
        }
        let id = persona.id.clone();
        let named = self.contacts.iter().filter(|c| c.persona == id).count();
        let groups = self.generate.iter().filter(|g| g.persona == id).count();
        if named + groups > 0 {
            let mut users = Vec::new();
            if named > 0 {
                users.push(count(named, "contact", "contacts"));
            }
            if groups > 0 {
                users.push(count(groups, "generated group", "generated groups"));
            }
            return refuse(format!(
                "{} {} the persona \"{}\"; give them another persona first",
                users.join(" and "),
                if named + groups == 1 { "uses" } else { "use" },
                persona.name
            ));
        }
        for m in &mut self.mass_sends {
            m.segment.personas.retain(|x| *x != id);
        }
        self.personas.remove(p);
        Ok(())
    }

    /// Renames workflow `w`.
    pub fn rename_workflow(&mut self, w: usize, name: &str) -> Result<(), Refused> {
        if w >= self.workflows.len() {
            return refuse("there is no such workflow");
        }
        let name = new_name(name, &self.workflows, w, |x| &x.name, "a workflow needs a name", "another workflow is already called")?;
        self.workflows[w].name = name.to_string();
        Ok(())
    }

    /// Removes workflow `w`.
    pub fn remove_workflow(&mut self, w: usize) -> Result<(), Refused> {
        if w >= self.workflows.len() {
            return refuse("there is no such workflow");
        }
        self.workflows.remove(w);
        Ok(())
    }

    /// Renames mass send `m`; reps' exclusions from it follow, and so do scoring rules and
    /// scripts that name its email.
    pub fn rename_mass_send(&mut self, m: usize, name: &str) -> Result<(), Refused> {
        let Some(old) = self.mass_sends.get(m).map(|x| x.name.clone()) else { return refuse("there is no such mass send") };
        let name = new_name(name, &self.mass_sends, m, |x| &x.name, "a mass send needs a name", "another mass send is already called")?;
        for x in self.exclusions.iter_mut().filter(|x| x.mass_send == old) {
            x.mass_send = name.to_string();
        }
        self.mass_sends[m].name = name.to_string();
        self.follow_email_rename(&old, name);
        Ok(())
    }

    /// Removes mass send `m` and reps' exclusions from it.
    pub fn remove_mass_send(&mut self, m: usize) -> Result<(), Refused> {
        let Some(old) = self.mass_sends.get(m).map(|x| x.name.clone()) else { return refuse("there is no such mass send") };
        self.exclusions.retain(|x| x.mass_send != old);
        self.mass_sends.remove(m);
        Ok(())
    }

    /// Renames the email of step `k` of workflow `w`; scoring rules and scripts that name
    /// it follow, unless another email still has the old name.
    pub fn rename_email_step(&mut self, w: usize, k: usize, name: &str) -> Result<(), Refused> {
        let name = name.trim();
        if name.is_empty() {
            return refuse("the email needs a name");
        }
        let Some(Step::Email { name: old }) = self.workflows.get(w).and_then(|wf| wf.steps.get(k)).cloned() else {
            return refuse("that step is not an email");
        };
        if let Some(Step::Email { name: n }) = self.workflows[w].steps.get_mut(k) {
            *n = name.to_string();
        }
        self.follow_email_rename(&old, name);
        Ok(())
    }

    /// After an email was renamed from `old` to `new`: rules and scripts that named it name
    /// the new one, unless another email is still called `old`.
    fn follow_email_rename(&mut self, old: &str, new: &str) {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let still_there = self.workflows.iter().flat_map(|w| &w.steps).any(|s| matches!(s, Step::Email { name } if same(name, old)))
            || self.mass_sends.iter().any(|m| same(&m.name, old))
            || self.sales_cadence.touches.iter().any(|t| same(&t.name, old));
        if still_there {
            return;
        }
        let email_events = [ScoredEvent::EmailOpen, ScoredEvent::EmailClick, ScoredEvent::EmailIgnored, ScoredEvent::EmailReply];
        for r in self.scoring.behaviour.iter_mut().filter(|r| email_events.contains(&r.event) && same(&r.name, old)) {
            r.name = new.to_string();
        }
        let names_it = |sc: &Script| sc.opens.iter().chain(&sc.clicks).chain(&sc.unsubscribes_on).any(|n| same(n, old));
        self.contacts.change_where(
            |c| c.script.as_ref().is_some_and(names_it),
            |c| {
                let Some(sc) = c.script.as_mut() else { return };
                for n in sc.opens.iter_mut().chain(sc.clicks.iter_mut()).chain(sc.unsubscribes_on.iter_mut()).filter(|n| same(n, old)) {
                    *n = new.to_string();
                }
            },
        );
    }

    /// Gives contact `c` a new id; reps' exclusions and second addresses follow.
    pub fn rename_contact_id(&mut self, c: usize, id: &str) -> Result<(), Refused> {
        let Some(old) = self.contacts.get(c).map(|x| x.id.clone()) else { return refuse("there is no such contact") };
        let id = new_name(id, &self.contacts, c, |x| &x.id, "a contact needs an id", "another contact already has the id")?;
        for x in self.exclusions.iter_mut().filter(|x| x.contact_id == old) {
            x.contact_id = id.to_string();
        }
        self.contacts.change_where(|o| o.same_person_as.as_deref() == Some(old.as_str()), |o| o.same_person_as = Some(id.to_string()));
        self.contacts[c].id = id.to_string();
        Ok(())
    }

    /// Removes contact `c`, reps' exclusions of it, and links to it as the same person
    /// (the other address becomes a person of its own).
    pub fn remove_contact(&mut self, c: usize) -> Result<(), Refused> {
        let Some(old) = self.contacts.get(c).map(|x| x.id.clone()) else { return refuse("there is no such contact") };
        self.exclusions.retain(|x| x.contact_id != old);
        self.contacts.change_where(|o| o.same_person_as.as_deref() == Some(old.as_str()), |o| o.same_person_as = None);
        self.contacts.remove(c);
        Ok(())
    }

    /// Inserts `step` at position `at` of workflow `w` (at the end when `at` is past it);
    /// branches keep jumping to the same steps.
    pub fn insert_step(&mut self, w: usize, at: usize, step: Step) -> Result<(), Refused> {
        let Some(wf) = self.workflows.get_mut(w) else { return refuse("there is no such workflow") };
        let at = at.min(wf.steps.len());
        for s in wf.steps.iter_mut() {
            if let Step::Branch { go_to_step, .. } = s {
                if *go_to_step as usize >= at {
                    *go_to_step += 1;
                }
            }
        }
        // A branch inserted here must still jump forward.
        let step = match step {
            Step::Branch { when, go_to_step } => Step::Branch { when, go_to_step: go_to_step.max(at as u32 + 1) },
            other => other,
        };
        wf.steps.insert(at, step);
        Ok(())
    }

    /// Removes step `k` of workflow `w`. Branches keep jumping to the same steps; a branch
    /// that jumps to the removed step would lose its target, so the removal is refused.
    pub fn remove_step(&mut self, w: usize, k: usize) -> Result<(), Refused> {
        let Some(wf) = self.workflows.get(w) else { return refuse("there is no such workflow") };
        if k >= wf.steps.len() {
            return refuse("there is no such step");
        }
        if wf.steps.len() == 1 {
            return refuse("a workflow needs at least one step; remove the workflow instead");
        }
        let target = k as u32;
        if let Some(b) = wf.steps.iter().position(|s| matches!(s, Step::Branch { go_to_step, .. } if *go_to_step == target)) {
            return refuse(format!("step {} is where the branch at step {} jumps to; point that branch elsewhere first", k + 1, b + 1));
        }
        let wf = &mut self.workflows[w];
        wf.steps.remove(k);
        for s in wf.steps.iter_mut() {
            if let Step::Branch { go_to_step, .. } = s {
                if *go_to_step > target {
                    *go_to_step -= 1;
                }
            }
        }
        Ok(())
    }

    /// Removes sales touch `k`. Scripts that reply to a later touch keep replying to the
    /// same touch; a script that replies to the removed one refuses the removal.
    pub fn remove_touch(&mut self, k: usize) -> Result<(), Refused> {
        if k >= self.sales_cadence.touches.len() {
            return refuse("there is no such touch");
        }
        let number = k as u32 + 1;
        let answering: Vec<&str> =
            self.contacts.iter().filter(|c| c.script.as_ref().is_some_and(|s| s.replies_to_sales_touch == Some(number))).map(|c| c.name.as_str()).collect();
        if !answering.is_empty() {
            return refuse(format!("{} replies to touch {number} in their story; change that first", answering.join(", ")));
        }
        let later = |c: &Contact| c.script.as_ref().and_then(|sc| sc.replies_to_sales_touch).is_some_and(|n| n > number);
        self.contacts.change_where(later, |c| {
            if let Some(n) = c.script.as_mut().and_then(|sc| sc.replies_to_sales_touch.as_mut()) {
                *n -= 1;
            }
        });
        self.sales_cadence.touches.remove(k);
        Ok(())
    }
}

/// What changed from `before` to `after`, in words, for the undo and redo buttons:
/// "handoff score 80 → 70", "eBook nurture, step 3: wait days 2 → 3", "a rep added",
/// or for a large change the parts it touched ("contacts and reps changed").
pub fn describe_change(before: &Scenario, after: &Scenario) -> String {
    use serde_json::Value;
    // Each part is compared first; only a changed one is turned into JSON and walked, and
    // a list of thousands of contacts is named, not walked.
    let mut changed: Vec<(&str, Option<Value>, Option<Value>)> = Vec::new();
    macro_rules! check {
        ($($field:ident),*) => {
            $(if before.$field != after.$field {
                let part = stringify!($field);
                if part == "contacts" && before.contacts.len().max(after.contacts.len()) > 1_000 {
                    changed.push((part, None, None));
                } else {
                    changed.push((part, serde_json::to_value(&before.$field).ok(), serde_json::to_value(&after.$field).ok()));
                }
            })*
        };
    }
    check!(
        name,
        description,
        calendar,
        personas,
        contacts,
        generate,
        scoring,
        lifecycle,
        reps,
        routing,
        workflows,
        mass_sends,
        sales_cadence,
        handoff_option,
        custom_policy,
        exclusions,
        frequency_cap,
        sla,
        unsubscribe_stops_sales,
        crm_import,
        what_if,
        sign_off
    );
    match changed.as_slice() {
        [] => String::new(),
        [(part, Some(a), Some(b))] => {
            let mut diffs = Vec::new();
            diff(&words(part), a, b, &mut diffs);
            match diffs.as_slice() {
                [one] => one.clone(),
                [] => format!("{} changed", words(part)),
                many => format!("{} ({} changes)", many[0], many.len()),
            }
        }
        [(part, _, _)] => format!("{} changed", words(part)),
        many => {
            let names: Vec<String> = many.iter().map(|(p, _, _)| words(p)).collect();
            format!("{} changed", names.join(" and "))
        }
    }
}

/// A field name in words: `handoff_score` → "handoff score".
fn words(key: &str) -> String {
    match key {
        "mql_score" => "MQL score".into(),
        "sla" => "SLA".into(),
        "first_touch_hours" => "first touch hours".into(),
        "crm_import" => "saved import choices".into(),
        "what_if" => "saved sweep".into(),
        _ => key.replace('_', " "),
    }
}

/// A short value in words: numbers and text as they are, anything else left out.
fn short(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(if *b { "on" } else { "off" }.into()),
        serde_json::Value::String(s) if s.chars().count() <= 40 => Some(format!("\u{201c}{s}\u{201d}")),
        serde_json::Value::String(_) => Some("new text".into()),
        serde_json::Value::Null => Some("none".into()),
        _ => None,
    }
}

/// Collects every difference under `label`: "label old → new", "label: one added".
fn diff(label: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    if a == b || out.len() > 20 {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                let key = format!("{label}{}{}", if label.is_empty() { "" } else { ": " }, words(k));
                match y.get(k) {
                    Some(vb) => diff(&nested(label, k), va, vb, out),
                    None => out.push(format!("{key} removed")),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("{} set", nested(label, k)));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                // An element with a name is called by it; others by their place.
                let name = va.get("name").and_then(Value::as_str).or_else(|| va.get("id").and_then(Value::as_str)).map(str::to_string);
                let one = match label.strip_suffix("touches") {
                    Some(rest) => format!("{rest}touch"),
                    None => label.strip_suffix('s').unwrap_or(label).to_string(),
                };
                let here = match name {
                    Some(n) => format!("{one} \u{201c}{n}\u{201d}"),
                    None => format!("{one} {}", i + 1),
                };
                diff(&here, va, vb, out);
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            let n = x.len().abs_diff(y.len());
            let (what, verb) = if y.len() > x.len() { (n, "added") } else { (n, "removed") };
            out.push(format!("{label}: {what} {verb}"));
        }
        _ => match (short(a), short(b)) {
            (Some(x), Some(y)) => out.push(format!("{label} {x} \u{2192} {y}")),
            _ => out.push(format!("{label} changed")),
        },
    }
}

/// The label of a field inside `label`: sections read as their field ("lifecycle:
/// handoff score" is just "handoff score").
fn nested(label: &str, key: &str) -> String {
    let inner = words(key);
    if label.is_empty() || matches!(label, "lifecycle" | "calendar" | "scoring" | "sales cadence" | "sla" | "SLA" | "frequency cap" | "custom policy") {
        match label {
            "sla" | "SLA" => format!("SLA {inner}"),
            "frequency_cap" | "frequency cap" => format!("cap {inner}"),
            _ => inner,
        }
    } else {
        format!("{label}, {inner}")
    }
}
