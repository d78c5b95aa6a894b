//! Routing: which rep gets a handed-off lead, and when the rep has room to start.
//!
//! Round robin gives each new lead to the next rep in turn who still has room this week;
//! territory routing first tries the reps whose territory is the lead's country. A rep
//! takes at most `capacity_per_week` new leads per week; when every rep is full, the lead
//! waits for the first week with room, and that wait counts against the SLA.

use super::calendar::{Clock, Minute};
use super::plan::Plan;
use super::population::Person;
use super::scenario::{Routing, Scenario};

/// The reps' shared state while contacts are simulated.
#[derive(Debug, Clone)]
pub struct Router {
    next: usize,
    weeks: usize,
    capacity: Vec<u32>,
    /// How many reps are full in each week, so a booked-out week is passed over at once.
    full: Vec<u32>,
    /// New leads per rep per week.
    pub load: Vec<Vec<u32>>,
}

impl Router {
    /// A router with every rep's weeks empty.
    pub fn new(s: &Scenario, clock: &Clock) -> Router {
        let weeks = clock.week(clock.end.saturating_sub(1)) + 1;
        Router {
            next: 0,
            weeks,
            capacity: s.reps.iter().map(|r| r.capacity_per_week).collect(),
            full: vec![s.reps.iter().filter(|r| r.capacity_per_week == 0).count() as u32; weeks],
            load: vec![vec![0; weeks]; s.reps.len()],
        }
    }

    /// Picks a rep for a lead handed off at `t`. Returns the rep and when they can start,
    /// or no rep when none has room before the horizon ends.
    pub fn assign(&mut self, plan: &Plan, person: &Person, t: Minute) -> (Option<usize>, Minute) {
        let n = self.capacity.len();
        if n == 0 {
            return (None, t);
        }
        let mut at = t;
        let mut week = plan.clock.week(t);
        while week < self.weeks {
            if self.full[week] as usize >= n {
                at = plan.clock.next_week(at);
                week += 1;
                continue;
            }
            if plan.scenario.routing == Routing::Territory {
                let country = person.traits[3];
                let local = (0..n)
                    .map(|k| (self.next + k) % n)
                    .find(|&r| plan.pop.traits.find(&plan.scenario.reps[r].territory) == Some(country) && self.load[r][week] < self.capacity[r]);
                if let Some(r) = local {
                    self.take(r, week);
                    return (Some(r), at);
                }
            }
            if let Some(r) = (0..n).map(|k| (self.next + k) % n).find(|&r| self.load[r][week] < self.capacity[r]) {
                self.take(r, week);
                self.next = (r + 1) % n;
                return (Some(r), at);
            }
            at = plan.clock.next_week(at);
            week += 1;
        }
        (None, t)
    }

    /// Gives rep `r` one more lead in `week`.
    fn take(&mut self, r: usize, week: usize) {
        self.load[r][week] += 1;
        if self.load[r][week] == self.capacity[r] {
            self.full[week] += 1;
        }
    }
}
