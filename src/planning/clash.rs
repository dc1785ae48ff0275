//! The clash rules: a recipient booked twice at once, a helper booked twice,
//! a provider over its capacity, a session on a public holiday. Planning
//! refuses a clash unless the director overrides it with a reason; a
//! statement of what already happened only flags it.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::session::ValidSession;
use super::time::{clock_text, date_of, iso_week_number, minutes_at};
use super::{ClashKind, OCCUPYING};
use crate::dutch;
use crate::error::Result;
use crate::holidays;
use crate::intake::RespiteForm;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Clash {
    pub date: NaiveDate,
    pub kind: ClashKind,
    /// Dutch, says what clashes with what.
    pub message: String,
    /// Which of the sessions being planned (0 = the first).
    pub session_index: usize,
}

/// The longest session we look back for when checking overlaps: 28 etmalen.
const LOOK_BACK_MINUTES: i64 = 28 * 1440;

struct ProviderLimits {
    name: String,
    minutes_per_week: Option<i64>,
    places_per_day: Option<i64>,
}

fn limits(conn: &Connection, provider_id: i64) -> Result<ProviderLimits> {
    Ok(conn
        .prepare_cached("SELECT name, capacity_minutes_per_week, places_per_day FROM provider WHERE id = ?1")?
        .query_row([provider_id], |r| {
            Ok(ProviderLimits { name: r.get(0)?, minutes_per_week: r.get(1)?, places_per_day: r.get(2)? })
        })?)
}

fn uses_places(form: RespiteForm) -> bool {
    matches!(form, RespiteForm::DayCare | RespiteForm::ShortStay)
}

/// Every clash of the sessions to plan, with the store and with each other.
/// `exclude` are sessions being replaced (an edit), which clash with nothing.
pub fn find_clashes(conn: &Connection, candidates: &[ValidSession], exclude: &[i64]) -> Result<Vec<Clash>> {
    let excluded = serde_json::to_string(exclude).unwrap_or_else(|_| "[]".into());
    let mut clashes = Vec::new();
    let mut providers: HashMap<i64, ProviderLimits> = HashMap::new();
    // Minutes already counted per provider and week, and places per provider and day.
    let mut week_minutes: HashMap<(i64, i64), i64> = HashMap::new();
    let mut day_places: HashMap<(i64, NaiveDate), i64> = HashMap::new();

    let rules = holidays::rules(conn)?;
    for (index, s) in candidates.iter().enumerate() {
        if let Some(name) = holidays::holiday_on(s.date, rules) {
            clashes.push(Clash {
                date: s.date,
                kind: ClashKind::Holiday,
                message: format!("{} is een feestdag ({name}).", dutch::date_text(s.date)),
                session_index: index,
            });
        }

        let overlap = |column: &str, id: i64| -> Result<Option<(i64, i64, String)>> {
            let sql = format!(
                "SELECT s.starts_at, s.ends_at, p.name FROM session s JOIN provider p ON p.id = s.provider_id
                 WHERE s.{column} = ?1 AND s.starts_at < ?3 AND s.starts_at >= ?2 - {LOOK_BACK_MINUTES}
                   AND s.ends_at > ?2 AND s.status IN {OCCUPYING}
                   AND s.id NOT IN (SELECT value FROM json_each(?4))
                 ORDER BY s.starts_at LIMIT 1"
            );
            Ok(conn
                .prepare_cached(&sql)?
                .query_row(params![id, s.starts_at, s.ends_at, excluded], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?)
        };
        let earlier_candidate = |same: &dyn Fn(&ValidSession) -> bool| {
            candidates[..index].iter().find(|o| same(o) && o.starts_at < s.ends_at && o.ends_at > s.starts_at)
        };
        let found = match overlap("recipient_id", s.recipient_id)? {
            Some(hit) => Some(hit),
            None => earlier_candidate(&|o| o.recipient_id == s.recipient_id)
                .map(|o| (o.starts_at, o.ends_at, "deze planning".into())),
        };
        if let Some((start, end, provider)) = found {
            clashes.push(Clash {
                date: s.date,
                kind: ClashKind::RecipientDouble,
                message: format!(
                    "De naaste is op {} al ingepland van {} tot {} ({provider}).",
                    dutch::date_text(date_of(start)),
                    clock_text(start),
                    clock_text(end)
                ),
                session_index: index,
            });
        }
        if let Some(helper) = s.helper_id {
            let found = match overlap("helper_id", helper)? {
                Some(hit) => Some(hit),
                None => earlier_candidate(&|o| o.helper_id == Some(helper))
                    .map(|o| (o.starts_at, o.ends_at, "deze planning".into())),
            };
            if let Some((start, end, _)) = found {
                clashes.push(Clash {
                    date: s.date,
                    kind: ClashKind::HelperDouble,
                    message: format!(
                        "De hulp is op {} al ingepland van {} tot {}.",
                        dutch::date_text(date_of(start)),
                        clock_text(start),
                        clock_text(end)
                    ),
                    session_index: index,
                });
            }
        }

        let limits = match providers.entry(s.provider_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(limits(conn, s.provider_id)?),
        };
        if uses_places(s.form) {
            let Some(places) = limits.places_per_day else { continue };
            let days = ((s.ends_at - s.starts_at + 1439) / 1440).max(1);
            for offset in 0..days {
                let day = s.date + Days::new(offset as u64);
                let key = (s.provider_id, day);
                if let std::collections::hash_map::Entry::Vacant(slot) = day_places.entry(key) {
                    let (start, end) = (minutes_at(day, 0), minutes_at(day, 1440));
                    let taken: i64 = conn
                        .prepare_cached(&format!(
                            "SELECT COUNT(*) FROM session WHERE provider_id = ?1 AND starts_at < ?3
                               AND starts_at >= ?2 - {LOOK_BACK_MINUTES} AND ends_at > ?2 AND status IN {OCCUPYING}
                               AND form IN ('dagopvang', 'logeeropvang') AND id NOT IN (SELECT value FROM json_each(?4))"
                        ))?
                        .query_row(params![s.provider_id, start, end, excluded], |r| r.get(0))?;
                    slot.insert(taken);
                }
                let taken = day_places.entry(key).or_insert(0);
                *taken += 1;
                if *taken > places {
                    clashes.push(Clash {
                        date: s.date,
                        kind: ClashKind::OverCapacity,
                        message: format!(
                            "{} heeft op {} {} van {places} plaatsen bezet.",
                            limits.name,
                            dutch::date_text(day),
                            *taken
                        ),
                        session_index: index,
                    });
                    break;
                }
            }
        } else if let Some(capacity) = limits.minutes_per_week {
            let week = iso_week_number(s.date);
            let key = (s.provider_id, week);
            if let std::collections::hash_map::Entry::Vacant(slot) = week_minutes.entry(key) {
                let used: i64 = conn
                    .prepare_cached(&format!(
                        "SELECT COALESCE(SUM(ends_at - starts_at), 0) FROM session INDEXED BY session_provider_week
                         WHERE provider_id = ?1 AND iso_week = ?2 AND status IN {OCCUPYING}
                           AND form NOT IN ('dagopvang', 'logeeropvang')
                           AND id NOT IN (SELECT value FROM json_each(?3))"
                    ))?
                    .query_row(params![s.provider_id, week, excluded], |r| r.get(0))?;
                slot.insert(used);
            }
            let used = week_minutes.entry(key).or_insert(0);
            *used += s.ends_at - s.starts_at;
            if *used > capacity {
                clashes.push(Clash {
                    date: s.date,
                    kind: ClashKind::OverCapacity,
                    message: format!(
                        "{} komt in week {} op {} van {} uur.",
                        limits.name,
                        week % 100,
                        dutch::hours_text(*used),
                        dutch::hours_text(capacity)
                    ),
                    session_index: index,
                });
            }
        }
    }
    Ok(clashes)
}
