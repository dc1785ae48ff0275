//! The sessions a letter is about, and what the funders pay for them.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};

use super::page::escape;
use crate::error::Result;
use crate::funding::Totals;
use crate::intake::RespiteForm;
use crate::money::Cents;
use crate::planning::{clock_text, ValidSession};

/// One planned or confirmed session, as a letter lists it.
pub(super) struct PlannedSession {
    pub session: ValidSession,
    pub provider_name: String,
    pub helper_name: Option<String>,
}

/// Planned and confirmed sessions of a caregiver from `first` up to and
/// including `last`, of one provider if given, in time order.
pub(super) fn planned_sessions(
    conn: &Connection,
    caregiver_id: i64,
    provider_id: Option<i64>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<PlannedSession>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.recipient_id, s.provider_id, s.helper_id, s.form, s.unit, s.date, s.starts_at, s.ends_at, s.units,
                s.handover_note, p.name, h.name
         FROM session s JOIN provider p ON p.id = s.provider_id LEFT JOIN helper h ON h.id = s.helper_id
         WHERE s.caregiver_id = ?1 AND (?2 IS NULL OR s.provider_id = ?2) AND s.date BETWEEN ?3 AND ?4
           AND s.status IN ('gepland', 'bevestigd')
         ORDER BY s.starts_at, s.id",
    )?;
    let rows = stmt.query_map(params![caregiver_id, provider_id, first, last], |r| {
        Ok(PlannedSession {
            session: ValidSession {
                caregiver_id,
                recipient_id: r.get(0)?,
                provider_id: r.get(1)?,
                helper_id: r.get(2)?,
                form: r.get(3)?,
                unit: r.get(4)?,
                date: r.get(5)?,
                starts_at: r.get(6)?,
                ends_at: r.get(7)?,
                units: r.get(8)?,
                handover_note: r.get(9)?,
            },
            provider_name: r.get(10)?,
            helper_name: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn weekday_text(date: NaiveDate) -> &'static str {
    ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
        [date.weekday().num_days_from_monday() as usize]
}

/// `dinsdag 01-12-2026`, `10:00 - 12:00`.
pub(super) fn when(s: &ValidSession) -> (String, String) {
    let day = format!("{} {}", weekday_text(s.date), crate::dutch::date_text(s.date));
    (day, format!("{} - {}", clock_text(s.starts_at), clock_text(s.ends_at)))
}

pub(super) fn form_text(form: RespiteForm) -> &'static str {
    form.label()
}

/// Who pays what, as a table; the uncovered part last and said plainly.
pub(super) fn who_pays(
    conn: &Connection,
    by_funder: &HashMap<String, Totals>,
    without_tariff: usize,
) -> Result<String> {
    let names = crate::export::funder_names(conn)?;
    let mut lines: Vec<(&String, Cents)> =
        by_funder.iter().map(|(code, t)| (code, t.cents)).filter(|(_, c)| c.cents() != 0).collect();
    let uncovered = crate::funding::engine::UNCOVERED;
    lines.sort_by(|a, b| (a.0.as_str() == uncovered).cmp(&(b.0.as_str() == uncovered)).then(b.1.cmp(&a.1)));
    let mut out = String::new();
    if lines.is_empty() {
        out.push_str("<p>Er zijn geen kosten bekend voor deze respijtzorg.</p>\n");
    } else {
        out.push_str("<table><thead><tr><th>Wie betaalt</th><th>Bedrag</th></tr></thead><tbody>\n");
        for (code, cents) in &lines {
            let name = names.get(code.as_str()).cloned().unwrap_or_else(|| code.to_string());
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>\n",
                escape(&name),
                escape(&cents.unbroken())
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    if without_tariff > 0 {
        out.push_str(&format!(
            "<p>Voor {without_tariff} afspraak of afspraken is nog geen prijs bekend; die staan hier niet in.</p>\n"
        ));
    }
    Ok(out)
}
