//! Simulated time: minutes from the scenario's start, business hours and pause dates.
//!
//! Every moment inside the engine is a [`Minute`]: whole minutes since 00:00 team time on
//! the start date. Team time is the scenario's UTC offset; a contact may have their own
//! offset, which matters for "the same day" in their inbox. Nothing here reads the clock.

use std::fmt;

use chrono::{Datelike, Duration as ChronoDuration, FixedOffset, NaiveDate, TimeZone, Weekday};
#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::scenario::{BusinessHours, CalendarSettings};

/// Minutes since 00:00 team time on the start date.
pub type Minute = u32;

/// Minutes in a day.
pub const DAY: Minute = 1440;

/// A time of day, written "HH:MM".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    minutes: u16,
}

impl ClockTime {
    /// Builds a time; hours and minutes beyond the day are clamped to 23:59.
    pub fn new(hour: u32, minute: u32) -> ClockTime {
        ClockTime { minutes: (hour * 60 + minute).min(DAY - 1) as u16 }
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        self.minutes as u32
    }

    /// Parses "HH:MM" (24-hour clock).
    pub fn parse(text: &str) -> Result<ClockTime, String> {
        let bad = || format!("\"{text}\" is not a time of day; write it as HH:MM, such as 09:30");
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        let h: u32 = h.trim().parse().map_err(|_| bad())?;
        let m: u32 = m.trim().parse().map_err(|_| bad())?;
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Ok(ClockTime::new(h, m))
    }
}

impl ClockTime {
    /// "HH:MM", written by hand: every contact's arrival time is one, so saving and
    /// checking 65,000 contacts went through the formatting machinery 65,000 times.
    fn digits(&self) -> [u8; 5] {
        let (h, m) = (self.minutes / 60, self.minutes % 60);
        [b'0' + (h / 10) as u8, b'0' + (h % 10) as u8, b':', b'0' + (m / 10) as u8, b'0' + (m % 10) as u8]
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.digits()).unwrap_or_default())
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(std::str::from_utf8(&self.digits()).unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ClockTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
            "description": "A time of day on the 24-hour clock, such as \"09:30\"."
        })
    }
}

/// An offset from UTC, written "+HH:MM" or "-HH:MM".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct UtcOffset {
    minutes: i16,
}

impl UtcOffset {
    /// Builds an offset of whole minutes east of UTC.
    pub fn from_minutes(minutes: i32) -> UtcOffset {
        UtcOffset { minutes: minutes.clamp(-14 * 60, 14 * 60) as i16 }
    }

    /// Minutes east of UTC.
    pub fn minutes(self) -> i32 {
        self.minutes as i32
    }

    /// Parses "+01:00", "-05:30" or "Z".
    pub fn parse(text: &str) -> Result<UtcOffset, String> {
        let bad = || format!("\"{text}\" is not a UTC offset; write it as +HH:MM or -HH:MM, such as -05:00");
        if text == "Z" || text == "+00:00" || text == "-00:00" {
            return Ok(UtcOffset::default());
        }
        let sign = match text.chars().next() {
            Some('+') => 1,
            Some('-') => -1,
            _ => return Err(bad()),
        };
        let (h, m) = text[1..].split_once(':').ok_or_else(bad)?;
        // Exactly two digits each: "+-05:00" or "+5:0" are not offsets.
        let two_digits = |x: &str| x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(h) || !two_digits(m) {
            return Err(bad());
        }
        let h: i32 = h.parse().map_err(|_| bad())?;
        let m: i32 = m.parse().map_err(|_| bad())?;
        if h > 14 || m > 59 {
            return Err(bad());
        }
        Ok(UtcOffset::from_minutes(sign * (h * 60 + m)))
    }
}

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let m = self.minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

impl Serialize for UtcOffset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for UtcOffset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        UtcOffset::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonSchema for UtcOffset {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "UtcOffset".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(Z|[+-]([01][0-9]|1[0-4]):[0-5][0-9])$",
            "description": "An offset from UTC, such as \"-05:00\"."
        })
    }
}

/// The scenario's calendar made ready for fast questions: is this minute open for business,
/// when is the next open slot, what local day is it for a contact.
#[derive(Debug, Clone)]
pub struct Clock {
    start: NaiveDate,
    offset: UtcOffset,
    /// The end of the simulation, exclusive.
    pub end: Minute,
    start_weekday: u32,
    /// Marketing's hours, and the sales team's.
    hours: [Hours; 2],
    paused: Vec<bool>,
}

/// Which team's business hours a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Team {
    Marketing = 0,
    Sales = 1,
}

/// One team's working week, ready for fast questions.
#[derive(Debug, Clone, Copy)]
struct Hours {
    open_days: [bool; 7],
    opens: u32,
    closes: u32,
}

impl Hours {
    fn new(h: &BusinessHours) -> Hours {
        if h.always_open {
            return Hours { open_days: [true; 7], opens: 0, closes: DAY };
        }
        let mut open_days = [false; 7];
        for d in &h.days {
            open_days[d.num_days_from_monday() as usize] = true;
        }
        Hours { open_days, opens: h.opens.minutes(), closes: h.closes.minutes() }
    }
}

impl Clock {
    /// Prepares the calendar. Validation has already checked the hours make sense.
    pub fn new(settings: &CalendarSettings) -> Clock {
        let marketing = Hours::new(&settings.business_hours);
        let sales = settings.sales_hours.as_ref().map_or(marketing, Hours::new);
        let days = settings.horizon_days as usize;
        // Pause dates beyond the horizon are kept for the search of the next open slot.
        let mut paused = vec![false; days + 400];
        for date in &settings.pause_dates {
            let d = (*date - settings.start).num_days();
            if d >= 0 && (d as usize) < paused.len() {
                paused[d as usize] = true;
            }
        }
        Clock {
            start: settings.start,
            offset: settings.utc_offset,
            end: settings.horizon_days * DAY,
            start_weekday: settings.start.weekday().num_days_from_monday(),
            hours: [marketing, sales],
            paused,
        }
    }

    /// The first day of the simulation.
    pub fn start_date(&self) -> NaiveDate {
        self.start
    }

    /// The team's offset from UTC.
    pub fn offset(&self) -> UtcOffset {
        self.offset
    }

    /// Weekday of a minute, team time (0 = Monday).
    pub fn weekday(&self, t: Minute) -> u32 {
        (self.start_weekday + t / DAY) % 7
    }

    fn day_is_open(&self, team: Team, day: u32) -> bool {
        let weekday = (self.start_weekday + day) % 7;
        self.hours[team as usize].open_days[weekday as usize] && !self.paused.get(day as usize).copied().unwrap_or(false)
    }

    /// True when the day of `t` is a pause date.
    pub fn is_paused(&self, t: Minute) -> bool {
        self.paused.get((t / DAY) as usize).copied().unwrap_or(false)
    }

    /// True when `t` falls in the team's hours on one of its working, unpaused days.
    pub fn is_open(&self, team: Team, t: Minute) -> bool {
        let m = t % DAY;
        let h = &self.hours[team as usize];
        self.day_is_open(team, t / DAY) && m >= h.opens && m < h.closes
    }

    /// The team's earliest open minute at or after `t`. `spread` (0–14) spreads moved
    /// sends over the first quarter hour, as HubSpot does, so they do not all land on the
    /// same minute.
    pub fn next_open(&self, team: Team, t: Minute, spread: u32) -> Minute {
        if self.is_open(team, t) {
            return t;
        }
        let opens = self.hours[team as usize].opens;
        let mut day = t / DAY;
        if t % DAY < opens && self.day_is_open(team, day) {
            return day * DAY + opens + spread.min(14);
        }
        // At most a year of closed days is searched; validation requires an open weekday.
        for _ in 0..400 {
            day += 1;
            if self.day_is_open(team, day) {
                return day * DAY + opens + spread.min(14);
            }
        }
        t
    }

    /// The team's latest open minute at or before `t`: `t` itself when the team is at
    /// work then, else the opening of the last working day that opened by `t`. Notices go
    /// out then, so they reach a rep at work and at least as early as asked. Before the
    /// first working day, the start.
    pub fn last_open_at_or_before(&self, team: Team, t: Minute) -> Minute {
        if self.is_open(team, t) {
            return t;
        }
        let opens = self.hours[team as usize].opens;
        let mut day = t / DAY;
        if !(self.day_is_open(team, day) && t % DAY >= opens) {
            loop {
                if day == 0 {
                    return 0;
                }
                day -= 1;
                if self.day_is_open(team, day) {
                    break;
                }
            }
        }
        day * DAY + opens
    }

    /// The earliest minute at or after `t` that is not on a pause date (any hour).
    pub fn next_unpaused(&self, t: Minute) -> Minute {
        let mut day = t / DAY;
        if !self.paused.get(day as usize).copied().unwrap_or(false) {
            return t;
        }
        while self.paused.get(day as usize).copied().unwrap_or(false) {
            day += 1;
        }
        day * DAY
    }

    /// Adds working hours to `t`, counting only business hours.
    pub fn add_business_minutes(&self, team: Team, t: Minute, minutes: u32) -> Minute {
        let mut t = self.next_open(team, t, 0);
        let mut left = minutes;
        for _ in 0..800 {
            let close = (t / DAY) * DAY + self.hours[team as usize].closes;
            let room = close.saturating_sub(t);
            if left < room {
                return t + left;
            }
            left -= room;
            t = self.next_open(team, close, 0);
        }
        t
    }

    /// The contact's local day number for `t`, given the contact's offset.
    pub fn local_day(&self, t: Minute, contact_offset: UtcOffset) -> i64 {
        let shift = contact_offset.minutes() - self.offset.minutes();
        (t as i64 + shift as i64).div_euclid(DAY as i64)
    }

    /// The minute for a day number and a time of day, team time.
    pub fn at(&self, day: u32, time: ClockTime) -> Minute {
        day * DAY + time.minutes()
    }

    /// The 0-based week number of `t` (weeks start on the start date's weekday).
    pub fn week(&self, t: Minute) -> usize {
        (t / (7 * DAY)) as usize
    }

    /// The first minute of the week after the one `t` is in.
    pub fn next_week(&self, t: Minute) -> Minute {
        (t / (7 * DAY) + 1) * 7 * DAY
    }

    /// The calendar month index of `t` counted from the start month (0 = start month).
    pub fn month(&self, t: Minute) -> usize {
        let date = self.start + ChronoDuration::days((t / DAY) as i64);
        let months = (date.year() - self.start.year()) * 12 + date.month() as i32 - self.start.month() as i32;
        months.max(0) as usize
    }

    /// The name of a month index, such as "2026-03".
    pub fn month_label(&self, month: usize) -> String {
        let total = self.start.year() * 12 + self.start.month0() as i32 + month as i32;
        format!("{:04}-{:02}", total.div_euclid(12), total.rem_euclid(12) + 1)
    }

    /// The date of a minute, team time.
    pub fn date(&self, t: Minute) -> NaiveDate {
        self.start + ChronoDuration::days((t / DAY) as i64)
    }

    /// RFC 3339 text for `t`, shown in the given offset (team time if none).
    pub fn rfc3339(&self, t: Minute, offset: Option<UtcOffset>) -> String {
        let team = self.offset.minutes();
        let shown = offset.unwrap_or(self.offset).minutes();
        let local = self.start.and_hms_opt(0, 0, 0).unwrap_or_default() + ChronoDuration::minutes(t as i64 + (shown - team) as i64);
        match FixedOffset::east_opt(shown * 60).and_then(|o| o.from_local_datetime(&local).single()) {
            Some(dt) => dt.to_rfc3339(),
            None => local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }

    /// Short text for screens, such as "Tue 3 Mar 10:07", team time.
    pub fn short(&self, t: Minute) -> String {
        let local = self.start.and_hms_opt(0, 0, 0).unwrap_or_default() + ChronoDuration::minutes(t as i64);
        local.format("%a %-d %b %H:%M").to_string()
    }
}

/// Weekday from 0 = Monday.
pub fn weekday_from_index(i: u32) -> Weekday {
    Weekday::try_from((i % 7) as u8).unwrap_or(Weekday::Mon)
}
