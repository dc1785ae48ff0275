//! The waiting list: open requests, most urgent first, then longest
//! waiting; and the ones that waited longer than the region allows
//! (a setting, in working days: weekends and Dutch holidays not counted).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::repo::{requests_where, Request};
use crate::error::{Error, FieldError, Result};
use crate::holidays::{self, HolidayRules};

const WAIT_SETTING: &str = "request_wait_working_days";
/// The default: two working weeks.
pub const DEFAULT_WAIT_WORKING_DAYS: u32 = 10;

/// The region's settings for requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RequestSettings {
    /// A request that waits longer than this many working days is on the attention list.
    pub wait_working_days: u32,
}

pub fn request_settings(conn: &Connection) -> Result<RequestSettings> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [WAIT_SETTING], |r| r.get(0)).optional()?;
    let wait_working_days = match value {
        None => DEFAULT_WAIT_WORKING_DAYS,
        Some(v) => v.parse().map_err(|_| {
            Error::Invalid(format!(
                "De instelling voor de wachttijd van aanvragen heeft een onbekende waarde '{v}'; stel hem opnieuw in bij Instellingen."
            ))
        })?,
    };
    Ok(RequestSettings { wait_working_days })
}

pub fn set_request_settings(conn: &Connection, input: &RequestSettings) -> Result<RequestSettings> {
    if !(1..=120).contains(&input.wait_working_days) {
        return Err(Error::Validation(vec![FieldError::new(
            "waitWorkingDays",
            "Kies een wachttijd van 1 tot 120 werkdagen.",
        )]));
    }
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![WAIT_SETTING, input.wait_working_days.to_string()],
    )?;
    request_settings(conn)
}

/// Working days after `from` up to and including `to`: Monday to Friday,
/// without Dutch holidays. The day the request came in does not count.
pub fn working_days_between(from: NaiveDate, to: NaiveDate, rules: HolidayRules) -> i64 {
    let mut count = 0;
    let mut day = from;
    while day < to {
        day = day + Days::new(1);
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && holidays::holiday_on(day, rules).is_none() {
            count += 1;
        }
    }
    count
}

/// Open requests: crisis first, then soon, then normal; within each, the
/// longest waiting first.
pub fn waiting_list(conn: &Connection, today: NaiveDate) -> Result<Vec<Request>> {
    let mut open = requests_where(conn, "r.status IN ('nieuw', 'intake_gepland', 'wacht_op_aanbieder')", today)?;
    open.sort_by(|a, b| b.urgency.cmp(&a.urgency).then(b.days_waiting.cmp(&a.days_waiting)).then(a.id.cmp(&b.id)));
    Ok(open)
}

/// Open requests that waited more working days than the setting allows.
pub fn overdue_requests(conn: &Connection, today: NaiveDate) -> Result<Vec<Request>> {
    let limit = i64::from(request_settings(conn)?.wait_working_days);
    let rules = holidays::rules(conn)?;
    Ok(waiting_list(conn, today)?
        .into_iter()
        .filter(|r| working_days_between(r.received_on, today, rules) > limit)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_and_holidays_do_not_count() {
        let rules = HolidayRules::default();
        // Friday to Monday: one working day.
        assert_eq!(working_days_between(d(2026, 5, 1), d(2026, 5, 4), rules), 1);
        // Hemelvaart (14-5-2026) is a Thursday.
        assert_eq!(working_days_between(d(2026, 5, 13), d(2026, 5, 15), rules), 1);
        assert_eq!(working_days_between(d(2026, 5, 13), d(2026, 5, 13), rules), 0);
    }
}
