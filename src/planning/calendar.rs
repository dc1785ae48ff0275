//! The week calendar of a provider or a caregiver (weeks start on Monday).

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::session::{view_from_row, SessionView, VIEW_SQL};
use super::time::minutes_at;
use crate::error::Result;
use crate::holidays;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", content = "id", rename_all = "camelCase")]
pub enum CalendarOwner {
    Provider(i64),
    Caregiver(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub holiday: Option<String>,
    pub sessions: Vec<SessionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct WeekCalendar {
    pub monday: NaiveDate,
    /// ISO week number and its year, as people say it: week 48 of 2026.
    pub week: u32,
    pub year: i32,
    pub days: Vec<CalendarDay>,
    /// Planned time that week (not cancelled), and the provider's weekly capacity.
    pub planned_minutes: i64,
    pub capacity_minutes: Option<i64>,
}

/// The week that contains `date`.
pub fn week_calendar(conn: &Connection, owner: CalendarOwner, date: NaiveDate) -> Result<WeekCalendar> {
    let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
    let (start, end) = (minutes_at(monday, 0), minutes_at(monday + Days::new(7), 0));
    let (column, id) = match owner {
        CalendarOwner::Provider(id) => ("provider_id", id),
        CalendarOwner::Caregiver(id) => ("caregiver_id", id),
    };
    let sql = format!(
        "{VIEW_SQL} WHERE s.{column} = ?1 AND s.starts_at < ?3 AND s.starts_at >= ?2 - 40320 AND s.ends_at > ?2
         ORDER BY s.starts_at, s.id"
    );
    let sessions = conn
        .prepare_cached(&sql)?
        .query_map(params![id, start, end], view_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // A week can span two years (29-12 to 4-1).
    let rules = holidays::rules(conn)?;
    let mut holidays = holidays::holidays(monday.year(), rules);
    holidays.extend(holidays::holidays(monday.year() + 1, rules));
    let mut days: Vec<CalendarDay> = (0..7)
        .map(|offset| {
            let date = monday + Days::new(offset);
            let holiday = holidays.iter().find(|(d, _)| *d == date);
            CalendarDay { date, holiday: holiday.map(|(_, n)| n.to_string()), sessions: Vec::new() }
        })
        .collect();
    let mut planned_minutes = 0;
    for s in sessions {
        if s.status.occupies_time() {
            planned_minutes += s.planned_minutes;
        }
        let index = (s.date - monday).num_days().clamp(0, 6) as usize;
        days[index].sessions.push(s);
    }
    let capacity_minutes = match owner {
        CalendarOwner::Provider(id) => conn
            .prepare_cached("SELECT capacity_minutes_per_week FROM provider WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?,
        CalendarOwner::Caregiver(_) => None,
    };
    let iso = monday.iso_week();
    Ok(WeekCalendar { monday, week: iso.week(), year: iso.year(), days, planned_minutes, capacity_minutes })
}
