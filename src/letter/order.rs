//! The order (opdracht) to a provider: one caregiver, one month, the
//! sessions to do, the hand-over note (only when the caregiver consented to
//! sharing with providers at intake) and who pays.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use super::page::{escape, page};
use super::planned::{form_text, planned_sessions, when, who_pays};
use super::settings::{letter_settings, require_contact};
use super::{Letter, LetterKind};
use crate::error::{Error, FieldError, Result};
use crate::funding::planned_parts;

/// `jjjj-mm` or `mm-jjjj` as the first day of that month.
fn parse_month(raw: &str) -> Result<NaiveDate> {
    let refuse = || {
        Error::Validation(vec![FieldError::new(
            "month",
            format!("'{}' is geen maand; schrijf bijvoorbeeld 12-2026.", raw.trim()),
        )])
    };
    let (a, b) = raw.trim().split_once(['-', '/']).ok_or_else(refuse)?;
    let (year, month) = if a.len() == 4 { (a, b) } else { (b, a) };
    let (year, month): (i32, u32) = (year.parse().map_err(|_| refuse())?, month.parse().map_err(|_| refuse())?);
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(refuse)
}

/// Whether the caregiver's latest intake with consent allows sharing with providers.
fn shares_with_providers(conn: &Connection, caregiver_id: i64) -> Result<bool> {
    let consent: Option<bool> = conn
        .query_row(
            "SELECT consent_given AND consent_providers FROM intake WHERE caregiver_id = ?1 AND status <> 'concept'
             ORDER BY intake_date IS NULL, intake_date DESC, id DESC LIMIT 1",
            [caregiver_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(consent.unwrap_or(false))
}

pub fn provider_order(
    conn: &Connection,
    provider_id: i64,
    caregiver_id: i64,
    month: &str,
    today: NaiveDate,
) -> Result<Letter> {
    let settings = letter_settings(conn)?;
    require_contact(&settings)?;
    let first = parse_month(month)?;
    let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
    let provider: String = conn
        .query_row("SELECT name FROM provider WHERE id = ?1", [provider_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Aanbieder {provider_id} bestaat niet (meer).")))?;
    let (caregiver, phone, address): (String, String, String) = conn
        .query_row(
            "SELECT first_name || ' ' || last_name, phone, trim(street || ' ' || house_number || ', ' || postcode || ' ' || place)
             FROM caregiver WHERE id = ?1",
            params![caregiver_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Mantelzorger {caregiver_id} bestaat niet (meer).")))?;
    let sessions = planned_sessions(conn, caregiver_id, Some(provider_id), first, last)?;
    if sessions.is_empty() {
        return Err(Error::Invalid(format!(
            "Er staat voor {caregiver} in {:02}-{} niets gepland bij {provider}; er is dus geen opdracht te maken.",
            first.month(),
            first.year()
        )));
    }
    let share = shares_with_providers(conn, caregiver_id)?;
    let valid: Vec<_> = sessions.iter().map(|s| s.session.clone()).collect();
    let (by_funder, without_tariff) = planned_parts(conn, &valid)?;

    let mut body = format!(
        "<p>Aan: {}</p>\n<p>Hierbij vragen wij u de volgende respijtzorg te geven in {:02}-{}.</p>\n\
         <h2>Voor wie</h2>\n<p>{}<br>{}<br>Telefoon: {}</p>\n<h2>Afspraken</h2>\n\
         <table><thead><tr><th>Dag</th><th>Tijd</th><th>Soort hulp</th><th>Hulp</th>{}</tr></thead><tbody>\n",
        escape(&provider),
        first.month(),
        first.year(),
        escape(&caregiver),
        escape(&address),
        escape(&crate::dutch::display_phone(&phone)),
        if share { "<th>Overdracht</th>" } else { "" }
    );
    for s in &sessions {
        let (day, time) = when(&s.session);
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            escape(&day),
            escape(&time),
            escape(form_text(s.session.form)),
            escape(s.helper_name.as_deref().unwrap_or("nog niet gekozen"))
        ));
        if share {
            body.push_str(&format!("<td>{}</td>", escape(&s.session.handover_note)));
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</tbody></table>\n");
    if !share {
        body.push_str(
            "<p>De mantelzorger heeft geen toestemming gegeven om de overdracht met aanbieders te delen; \
             bespreek wat nodig is bij het eerste bezoek.</p>\n",
        );
    }
    body.push_str("<h2>Wie betaalt</h2>\n");
    body.push_str(&who_pays(conn, &by_funder, without_tariff)?);
    body.push_str(&format!(
        "<p>Vragen? Bel {}, respijtregisseur regio {}, op {}.</p>\n",
        escape(&settings.director_name),
        escape(&settings.region_name),
        escape(&settings.director_phone)
    ));
    Ok(Letter {
        kind: LetterKind::Order,
        caregiver_id,
        provider_id: Some(provider_id),
        period: format!("{}-{:02}", first.year(), first.month()),
        html: page(
            &format!("Opdracht respijtzorg {:02}-{}", first.month(), first.year()),
            &settings.region_name,
            today,
            &body,
        ),
    })
}
