//! A provider's planned sessions as an iCalendar file that calendar apps open.
//!
//! Times are floating local times (no zone), which calendar apps read as the
//! viewer's local time: right for a Dutch provider. The event says only what
//! the helper needs: whom, where, the hand-over note.

use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use rusqlite::{params, Connection};

use super::session::{view_from_row, VIEW_SQL};
use super::time::minutes_at;
use crate::error::Result;

/// Planned and confirmed sessions of a provider from `from` for `days` days.
pub fn provider_ics(
    conn: &Connection,
    provider_id: i64,
    from: NaiveDate,
    days: u64,
    now: DateTime<Utc>,
) -> Result<String> {
    let provider = crate::provider::get_provider(conn, provider_id)?;
    let (start, end) = (minutes_at(from, 0), minutes_at(from + Days::new(days), 0));
    let sql = format!(
        "{VIEW_SQL} WHERE s.provider_id = ?1 AND s.starts_at >= ?2 AND s.starts_at < ?3
         AND s.status IN ('gepland', 'bevestigd') ORDER BY s.starts_at"
    );
    let sessions = conn
        .prepare(&sql)?
        .query_map(params![provider_id, start, end], view_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut calendar = Calendar::new();
    calendar.name(&format!("Respijtinzet {}", provider.name));
    for s in sessions {
        let address: Option<(String, String, String)> = conn
            .prepare_cached("SELECT street || ' ' || house_number, postcode, place FROM care_recipient WHERE id = ?1")?
            .query_row([s.recipient_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .ok();
        let starts =
            s.date.and_hms_opt(0, 0, 0).unwrap_or_default() + chrono::Duration::minutes(start_minute(&s.start));
        let ends = starts + chrono::Duration::minutes(s.planned_minutes);
        let mut event = Event::new();
        event
            .uid(&format!("inzet-{}@respijtregie.waardenland", s.id))
            .timestamp(now)
            .summary(&format!("{}: {} (naaste van {})", s.form.label(), s.recipient_name, s.caregiver_name))
            .starts(starts)
            .ends(ends);
        if let Some((street, postcode, place)) = address {
            event.location(&format!("{}, {postcode} {place}", street.trim()));
        }
        let mut description = String::new();
        if let Some(helper) = &s.helper_name {
            description.push_str(&format!("Hulp: {helper}\n"));
        }
        if !s.handover_note.is_empty() {
            description.push_str(&format!("Overdracht: {}", s.handover_note));
        }
        if !description.is_empty() {
            event.description(description.trim_end());
        }
        calendar.push(event.done());
    }
    Ok(calendar.done().to_string())
}

fn start_minute(clock: &str) -> i64 {
    super::time::parse_clock(clock).unwrap_or(0)
}
