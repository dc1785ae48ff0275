//! A provider's planned sessions as an iCalendar file (RFC 5545) that
//! calendar apps import, and keep right from one file to the next.
//!
//! - Times are Dutch wall-clock times with `TZID=Europe/Amsterdam` and the
//!   zone's VTIMEZONE (CET/CEST with their rules), so a helper abroad or a
//!   calendar set to UTC shows them right; DTSTAMP is in UTC.
//! - Every file is remembered per provider (`calendar_sent`): a session
//!   cancelled since an earlier file, or moved to another provider, comes
//!   back under the same UID as `STATUS:CANCELLED` with its SEQUENCE raised,
//!   in every next file until its time has passed (sending it again is
//!   harmless, and a calendar that missed a file still learns it); a session
//!   moved in time gets its SEQUENCE raised too, and comes even when it
//!   moved out of the weeks asked for.
//! - The VTIMEZONE is always there, so a file with nothing to send is still
//!   a valid calendar (RFC 5545 wants at least one component).
//! - UIDs carry the store's id, so two stores never share one.
//!
//! The event says only what the helper needs: whom, where, the hand-over
//! note; a cancel says nothing but the kind of respite and its time.
//!
//! Without the caregiver's consent to share with providers (`consent`, on
//! the day the file is made) a session still comes, so the provider knows
//! the slot is booked, but under the caregiver's pseudonym: no name, no
//! address, no hand-over note (free text that may name people). The
//! director passes those on another way once the caregiver agrees.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus, Property};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::session::{get_session, view_from_row, SessionView, VIEW_SQL};
use super::time::minutes_at;
use super::SessionStatus;
use crate::consent::ConsentKind;
use crate::error::Result;
use crate::intake::RespiteForm;

pub const TZID: &str = "Europe/Amsterdam";

/// Europe/Amsterdam as the EU has kept it since 1996: CEST from the last
/// Sunday of March 02:00, CET from the last Sunday of October 03:00. The
/// first onsets are the rules' first Sundays in 1970, as Outlook and
/// Thunderbird write them.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Amsterdam\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// What a calendar file held, for the message after saving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CalendarFile {
    /// Sessions in the file as planned.
    pub events: i64,
    /// Sessions sent earlier that the file calls off.
    pub cancelled: i64,
    /// Sessions in the file under a pseudonym, without name and address:
    /// the caregiver gave no consent to share with providers.
    pub without_names: i64,
    /// In Dutch, for the status line: "3 inzetten, 1 geannuleerd".
    pub summary: String,
}

/// What an earlier file said about a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sent {
    session_id: i64,
    sequence: i64,
    starts_at: i64,
    ends_at: i64,
    cancelled: bool,
}

impl Sent {
    /// The sequence for what this file says: the same when nothing that a
    /// calendar keys on changed (time, cancelled), one higher when it did.
    fn next(prev: Option<&Sent>, starts_at: i64, ends_at: i64, cancelled: bool) -> i64 {
        match prev {
            None => 0,
            Some(p) if (p.starts_at, p.ends_at, p.cancelled) == (starts_at, ends_at, cancelled) => p.sequence,
            Some(p) => p.sequence + 1,
        }
    }
}

/// The provider's open sessions from `from` for `days` days, and the
/// changes to sessions sent in earlier files, as iCalendar text. Records
/// what it says as sent: call it in the transaction that writes the file.
pub fn provider_ics(
    conn: &Connection,
    provider_id: i64,
    from: NaiveDate,
    days: u64,
    now: DateTime<Utc>,
) -> Result<(String, CalendarFile)> {
    let provider = crate::provider::get_provider(conn, provider_id)?;
    let store_id = crate::store::store_id(conn)?;
    let (start, end) = (minutes_at(from, 0), minutes_at(from + Days::new(days), 0));
    // Cancels and moves are sent while their time is still to come (from the
    // first day of the file, or today when the file starts later).
    let horizon = start.min(minutes_at(now.date_naive(), 0));
    let sql = format!(
        "{VIEW_SQL} WHERE s.provider_id = ?1 AND s.starts_at >= ?2 AND s.starts_at < ?3
         AND s.status IN ('gepland', 'bevestigd') ORDER BY s.starts_at"
    );
    let mut sessions = conn
        .prepare(&sql)?
        .query_map(params![provider_id, start, end], view_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut earlier: Vec<Sent> = conn
        .prepare(
            "SELECT session_id, sequence, starts_at, ends_at, cancelled FROM calendar_sent WHERE provider_id = ?1
             ORDER BY starts_at, session_id",
        )?
        .query_map([provider_id], |r| {
            Ok(Sent {
                session_id: r.get(0)?,
                sequence: r.get(1)?,
                starts_at: r.get(2)?,
                ends_at: r.get(3)?,
                cancelled: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let in_window: HashSet<i64> = sessions.iter().map(|s| s.id).collect();
    let mut cancels: Vec<(Sent, Option<RespiteForm>)> = Vec::new();
    for prev in earlier.iter().filter(|p| !in_window.contains(&p.session_id) && p.starts_at >= horizon) {
        let now_is: Option<(i64, SessionStatus, i64, i64, RespiteForm)> = conn
            .prepare_cached("SELECT provider_id, status, starts_at, ends_at, form FROM session WHERE id = ?1")?
            .query_row([prev.session_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?;
        match now_is {
            // Still this provider's and open, outside the weeks asked for:
            // sent again only when it moved (the calendar has it right otherwise).
            Some((p, status, starts_at, ends_at, _)) if p == provider_id && status.is_open() => {
                if (starts_at, ends_at, false) != (prev.starts_at, prev.ends_at, prev.cancelled) && starts_at >= horizon
                {
                    sessions.push(get_session(conn, prev.session_id)?);
                }
            }
            // Delivered or a no-show: it was not called off, nothing to withdraw.
            Some((p, status, ..)) if p == provider_id && status != SessionStatus::Cancelled => {}
            // Cancelled, or now another provider's: withdrawn from this calendar.
            Some((.., form)) => cancels.push((*prev, Some(form))),
            None => cancels.push((*prev, None)),
        }
    }
    let by_id: HashMap<i64, Sent> = earlier.drain(..).map(|p| (p.session_id, p)).collect();

    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Respijtregie//Respijtregie Waardenland//NL"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .name(&format!("Respijtinzet {}", provider.name))
        .timezone(TZID);
    let mut sent = Vec::new();
    let mut without_names = 0;
    let pseudonyms = crate::export::Pseudonyms::load(conn)?;
    for s in &sessions {
        let starts_at = minutes_at(s.date, super::time::parse_clock(&s.start).unwrap_or(0));
        let ends_at = starts_at + s.planned_minutes;
        let sequence = Sent::next(by_id.get(&s.id), starts_at, ends_at, false);
        let shared = crate::consent::may_share(conn, s.caregiver_id, ConsentKind::Providers, now.date_naive())?;
        let event = if shared {
            planned_event(conn, s, &store_id, sequence, starts_at, ends_at, now)?
        } else {
            without_names += 1;
            pseudonymous_event(s, &pseudonyms.of(s.caregiver_id), &store_id, sequence, starts_at, ends_at, now)
        };
        calendar.push(event);
        sent.push(Sent { session_id: s.id, sequence, starts_at, ends_at, cancelled: false });
    }
    for (prev, form) in &cancels {
        let sequence = Sent::next(Some(prev), prev.starts_at, prev.ends_at, true);
        let what = form.map(|f| f.label().to_string()).unwrap_or_else(|| "respijtinzet".into());
        let mut event = Event::new();
        event
            .uid(&uid(prev.session_id, &store_id))
            .timestamp(now)
            .sequence(u32::try_from(sequence).unwrap_or(u32::MAX))
            .status(EventStatus::Cancelled)
            .summary(&format!("Geannuleerd: {what}"))
            .starts(local(prev.starts_at))
            .ends(local(prev.ends_at));
        calendar.push(event.done());
        sent.push(Sent { sequence, cancelled: true, ..*prev });
    }
    record(conn, provider_id, &sent, now)?;

    let text = calendar.done().to_string();
    // The zone goes before the events that name it (the icalendar crate has
    // no VTIMEZONE component): after the calendar's own properties.
    let at = text.find("BEGIN:VEVENT").or_else(|| text.find("END:VCALENDAR")).unwrap_or(text.len());
    let text = format!("{}{VTIMEZONE}{}", &text[..at], &text[at..]);
    let (events, cancelled) = (sessions.len() as i64, cancels.len() as i64);
    let mut summary = match (events, cancelled) {
        (0, 0) => "geen inzetten in deze weken".to_string(),
        (n, 0) => format!("{n} {}", if n == 1 { "inzet" } else { "inzetten" }),
        (n, c) => format!("{n} {}, {c} geannuleerd", if n == 1 { "inzet" } else { "inzetten" }),
    };
    if without_names > 0 {
        summary.push_str(&format!(
            "; {without_names} zonder naam en adres, want de mantelzorger gaf geen toestemming om gegevens met aanbieders te delen"
        ));
    }
    Ok((text, CalendarFile { events, cancelled, without_names, summary }))
}

/// `inzet-42-3f9a0c1d2e4b5a69@respijtregie.waardenland`: the session and the store.
fn uid(session_id: i64, store_id: &str) -> String {
    format!("inzet-{session_id}-{store_id}@respijtregie.waardenland")
}

/// Wall-clock minutes as a time in Amsterdam.
fn local(minutes: i64) -> CalendarDateTime {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    let date_time: NaiveDateTime = epoch + chrono::Duration::minutes(minutes);
    CalendarDateTime::WithTimezone { date_time, tzid: TZID.to_string() }
}

fn planned_event(
    conn: &Connection,
    s: &SessionView,
    store_id: &str,
    sequence: i64,
    starts_at: i64,
    ends_at: i64,
    now: DateTime<Utc>,
) -> Result<Event> {
    let address: Option<(String, String, String)> = conn
        .prepare_cached("SELECT street || ' ' || house_number, postcode, place FROM care_recipient WHERE id = ?1")?
        .query_row([s.recipient_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let mut event = Event::new();
    event
        .uid(&uid(s.id, store_id))
        .timestamp(now)
        .sequence(u32::try_from(sequence).unwrap_or(u32::MAX))
        .status(EventStatus::Confirmed)
        .summary(&format!("{}: {} (naaste van {})", s.form.label(), s.recipient_name, s.caregiver_name))
        .starts(local(starts_at))
        .ends(local(ends_at));
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
    Ok(event.done())
}

/// A session of a caregiver who did not consent to sharing with providers:
/// the slot, the kind of respite and the helper, under the pseudonym only.
fn pseudonymous_event(
    s: &SessionView,
    pseudonym: &str,
    store_id: &str,
    sequence: i64,
    starts_at: i64,
    ends_at: i64,
    now: DateTime<Utc>,
) -> Event {
    let mut event = Event::new();
    event
        .uid(&uid(s.id, store_id))
        .timestamp(now)
        .sequence(u32::try_from(sequence).unwrap_or(u32::MAX))
        .status(EventStatus::Confirmed)
        .summary(&format!("{}: {pseudonym}", s.form.label()))
        .starts(local(starts_at))
        .ends(local(ends_at));
    let mut description = String::new();
    if let Some(helper) = &s.helper_name {
        description.push_str(&format!("Hulp: {helper}\n"));
    }
    description
        .push_str("Naam en adres krijgt u van de respijtregisseur: geen toestemming om ze met aanbieders te delen.");
    event.description(&description);
    event.done()
}

fn record(conn: &Connection, provider_id: i64, sent: &[Sent], now: DateTime<Utc>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO calendar_sent (provider_id, session_id, sequence, starts_at, ends_at, cancelled, sent_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (provider_id, session_id) DO UPDATE SET sequence = excluded.sequence,
             starts_at = excluded.starts_at, ends_at = excluded.ends_at, cancelled = excluded.cancelled,
             sent_at = excluded.sent_at",
    )?;
    let at = crate::store::timestamp(now);
    for s in sent {
        stmt.execute(params![provider_id, s.session_id, s.sequence, s.starts_at, s.ends_at, s.cancelled, at])?;
    }
    Ok(())
}
