//! When a session can have been delivered: the one rule for a provider's
//! statement and for "uitgevoerd" in the app.
//!
//! - Not after today (in the app: not before the session has started).
//! - Not before the earliest date of delivered respite, a setting
//!   (`earliest_delivery_date`); by default 1 January of the year before
//!   last, counted from today, so a statement line dated 2010 or 2035 is a
//!   typing error, never a payment. A region moving its history in sets it
//!   earlier in Instellingen or with `respijt settings earliest-delivery`.
//! - In a closed (reported) period it is allowed, as a correction: the ledger
//!   never changes a reported entry and books a reverse-and-replace pair on
//!   the first open day (`funding::correction_date`). A provider that reports
//!   a month late is normal, and refusing the line would lose delivered
//!   hours; the statement report names every such line, so the director sees
//!   which figures of a reported period moved.
//!
//! A session before the caregiver's registration date is fine: registering
//! someone after the fact is normal.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::time::{clock_text, local_today, wall_clock};
use crate::dutch::date_text;
use crate::error::{Error, FieldError, Result};

pub const EARLIEST_SETTING_KEY: &str = "earliest_delivery_date";

/// The setting as Instellingen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct EarliestDelivery {
    /// The date in force.
    pub date: NaiveDate,
    /// The default (1 January of the year before last): the date in force
    /// when `chosen` is false.
    pub default_date: NaiveDate,
    /// Whether the director chose a date.
    pub chosen: bool,
}

/// 1 January of the year before last.
pub fn default_earliest(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year() - 2, 1, 1).unwrap_or(today)
}

pub fn earliest_delivery(conn: &Connection, now: DateTime<Utc>) -> Result<EarliestDelivery> {
    let default_date = default_earliest(local_today(now));
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [EARLIEST_SETTING_KEY], |r| r.get(0)).optional()?;
    let chosen = match value {
        None => None,
        Some(text) => Some(NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
            Error::Invalid(format!(
                "De vroegste datum van geleverde inzet in de opslag is onleesbaar ('{text}'); kies hem opnieuw in Instellingen."
            ))
        })?),
    };
    Ok(EarliestDelivery { date: chosen.unwrap_or(default_date), default_date, chosen: chosen.is_some() })
}

/// Sets the earliest date (`dd-mm-jjjj`); empty goes back to the default.
pub fn set_earliest_delivery(conn: &Connection, raw: &str, now: DateTime<Utc>) -> Result<EarliestDelivery> {
    let field = |m: String| Error::Validation(vec![FieldError::new("earliestDelivery", m)]);
    if raw.trim().is_empty() {
        conn.execute("DELETE FROM setting WHERE key = ?1", [EARLIEST_SETTING_KEY])?;
        return earliest_delivery(conn, now);
    }
    let date = crate::dutch::parse_date(raw).map_err(field)?;
    let today = local_today(now);
    if date > today {
        return Err(field("De vroegste datum van geleverde inzet kan niet na vandaag liggen.".into()));
    }
    if date.year() < 1990 {
        return Err(field("Kies een datum vanaf 1990; kijk het jaartal na.".into()));
    }
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![EARLIEST_SETTING_KEY, date.format("%Y-%m-%d").to_string()],
    )?;
    earliest_delivery(conn, now)
}

/// What a delivered date means for the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryDate {
    /// An open period: booked on its own date.
    Open,
    /// A closed period: booked as a correction on `booked_on`.
    Correction { period: String, booked_on: NaiveDate },
}

/// The rule, read once and applied to many dates (a statement's lines).
pub struct DeliveryRules {
    today: NaiveDate,
    earliest: NaiveDate,
    chosen: bool,
    closed: Vec<(String, NaiveDate, NaiveDate)>,
    correction_day: NaiveDate,
}

impl DeliveryRules {
    pub fn load(conn: &Connection, now: DateTime<Utc>) -> Result<Self> {
        let earliest = earliest_delivery(conn, now)?;
        let closed = conn
            .prepare_cached("SELECT label, first_day, last_day FROM closed_period ORDER BY first_day")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let today = local_today(now);
        Ok(DeliveryRules {
            today,
            earliest: earliest.date,
            chosen: earliest.chosen,
            closed,
            correction_day: crate::funding::correction_date(conn, today)?,
        })
    }

    /// Whether a session can have been delivered on `date`; the Dutch reason
    /// when it cannot. `happened` is false for a cancellation, which a
    /// provider may report ahead: only the earliest date holds for it.
    pub fn check(&self, date: NaiveDate, happened: bool) -> std::result::Result<DeliveryDate, String> {
        if happened && date > self.today {
            return Err(format!(
                "De datum {} ligt na vandaag ({}): een inzet kan pas uitgevoerd zijn als hij geweest is. Kijk de datum na.",
                date_text(date),
                date_text(self.today)
            ));
        }
        if date < self.earliest {
            let why = if self.chosen {
                "de vroegste datum van geleverde inzet in Instellingen"
            } else {
                "de vroegste datum van geleverde inzet (1 januari van het jaar voor vorig jaar; een eerdere datum kiest u in Instellingen)"
            };
            return Err(format!(
                "De datum {} ligt voor {}, {why}. Kijk het jaartal na.",
                date_text(date),
                date_text(self.earliest)
            ));
        }
        Ok(match self.closed.iter().find(|(_, a, b)| *a <= date && date <= *b) {
            Some((label, _, _)) => DeliveryDate::Correction { period: label.clone(), booked_on: self.correction_day },
            None => DeliveryDate::Open,
        })
    }
}

/// The app's check before a session is marked delivered: it must have
/// started, and its date must pass the rule above.
pub fn check_mark_delivered(conn: &Connection, session_id: i64, now: DateTime<Utc>) -> Result<()> {
    let Some((date, starts_at)): Option<(NaiveDate, i64)> = conn
        .query_row("SELECT date, starts_at FROM session WHERE id = ?1", [session_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
    else {
        return Ok(()); // set_status itself says the session does not exist
    };
    let refuse = |m: String| Err(Error::Validation(vec![FieldError::new("status", m)]));
    if starts_at > wall_clock(now) {
        return refuse(format!(
            "Deze inzet is nog niet begonnen (hij begint {} om {}); meld hem uitgevoerd als hij geweest is.",
            date_text(date),
            clock_text(starts_at)
        ));
    }
    match DeliveryRules::load(conn, now)?.check(date, true) {
        Ok(_) => Ok(()),
        Err(message) => refuse(message),
    }
}

/// Whether a session starting at `starts_at` (wall-clock minutes) has started.
pub fn has_started(starts_at: i64, now: DateTime<Utc>) -> bool {
    starts_at <= wall_clock(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_first_of_january_of_the_year_before_last() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(default_earliest(d(2026, 12, 8)), d(2024, 1, 1));
        assert_eq!(default_earliest(d(2027, 1, 1)), d(2025, 1, 1));
    }
}
