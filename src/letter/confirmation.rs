//! The confirmation to the caregiver: what is planned in the coming
//! weeks, who pays which part, how much of each cap is left after it, and
//! whom to call. Plain words (B1): short sentences, "u", no funding terms.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

use super::page::{escape, page};
use super::planned::{form_text, planned_sessions, when, who_pays};
use super::settings::{letter_settings, require_contact};
use super::{Letter, LetterKind};
use crate::error::{Error, Result};
use crate::funding::{caregiver_cap, planned_parts, CapUnit, CapView, Totals};
use crate::money::Cents;

/// How far ahead the letter looks: the planned sessions of the next 13 weeks.
pub const WEEKS_AHEAD: u64 = 13;

struct Addressee {
    name: String,
    street_line: String,
    place_line: String,
}

fn addressee(conn: &Connection, caregiver_id: i64) -> Result<Addressee> {
    conn.query_row(
        "SELECT first_name || ' ' || last_name, trim(street || ' ' || house_number), trim(postcode || '  ' || place)
         FROM caregiver WHERE id = ?1",
        [caregiver_id],
        |r| Ok(Addressee { name: r.get(0)?, street_line: r.get(1)?, place_line: r.get(2)? }),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Mantelzorger {caregiver_id} bestaat niet (meer).")))
}

/// What is left of a cap after the plan, in the cap's own unit, as words.
fn cap_left_text(cap: &CapView, planned: Option<&Totals>, day_minutes: Option<i64>) -> String {
    let planned_use = match (cap.unit, planned) {
        (_, None) => 0,
        (CapUnit::Days, Some(t)) => match day_minutes {
            None => t.cap_days,
            Some(per_day) => (t.minutes + per_day - 1) / per_day.max(1),
        },
        (CapUnit::Hours, Some(t)) => t.minutes,
        (CapUnit::Euros, Some(t)) => t.cents.cents(),
    };
    let left = (cap.left - planned_use).max(0);
    let amount = |n: i64| match cap.unit {
        CapUnit::Days if n == 1 => "1 dag".to_string(),
        CapUnit::Days => format!("{n} dagen"),
        CapUnit::Hours => format!("{} uur", crate::dutch::hours_text(n)),
        CapUnit::Euros => Cents::new(n).unbroken(),
    };
    format!("nog {} over van {}", amount(left), amount(cap.cap))
}

pub fn confirmation_letter(conn: &Connection, caregiver_id: i64, today: NaiveDate) -> Result<Letter> {
    let settings = letter_settings(conn)?;
    require_contact(&settings)?;
    let to = addressee(conn, caregiver_id)?;
    let last = today + Days::new(WEEKS_AHEAD * 7);
    let sessions = planned_sessions(conn, caregiver_id, None, today, last)?;
    let valid: Vec<_> = sessions.iter().map(|s| s.session.clone()).collect();
    let (by_funder, without_tariff) = planned_parts(conn, &valid)?;

    let mut body = format!(
        "<p>{}<br>{}<br>{}</p>\n<p>Beste {},</p>\n",
        escape(&to.name),
        escape(&to.street_line),
        escape(&to.place_line),
        escape(&to.name)
    );
    if sessions.is_empty() {
        body.push_str(&format!(
            "<p>Voor de komende {WEEKS_AHEAD} weken is er nog geen respijtzorg voor u gepland.</p>\n"
        ));
    } else {
        body.push_str(&format!(
            "<p>In deze brief leest u welke respijtzorg voor u is gepland in de komende {WEEKS_AHEAD} weken. \
             Iemand anders zorgt dan voor uw naaste. Zo heeft u even tijd voor uzelf.</p>\n<h2>Wat is gepland</h2>\n\
             <table><thead><tr><th>Dag</th><th>Tijd</th><th>Wie komt of waar</th><th>Soort hulp</th></tr></thead><tbody>\n"
        ));
        for s in &sessions {
            let (day, time) = when(&s.session);
            let who = match &s.helper_name {
                Some(h) => format!("{} ({})", s.provider_name, h),
                None => s.provider_name.clone(),
            };
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&day),
                escape(&time),
                escape(&who),
                escape(form_text(s.session.form))
            ));
        }
        body.push_str("</tbody></table>\n<h2>Wie betaalt</h2>\n");
        body.push_str(&who_pays(conn, &by_funder, without_tariff)?);
        let uncovered = by_funder.get(crate::funding::engine::UNCOVERED).map(|t| t.cents.cents()).unwrap_or(0);
        if uncovered > 0 {
            body.push_str(
                "<p>Een deel wordt niet vergoed (\"Niet gedekt\"). Bel ons voordat de zorg begint: \
                 dan zoeken we samen naar een oplossing.</p>\n",
            );
        } else {
            body.push_str("<p>U hoeft zelf niets te betalen.</p>\n");
        }
    }

    let year = today.year();
    let caps = caregiver_cap(conn, caregiver_id, year)?;
    if !caps.is_empty() {
        let this_year: Vec<_> = valid.iter().filter(|s| s.date.year() == year).cloned().collect();
        let (in_year, _) = planned_parts(conn, &this_year)?;
        body.push_str(&format!("<h2>Wat er over is van uw vergoeding in {year}</h2>\n<ul>\n"));
        for cap in &caps {
            let day_minutes: Option<i64> = conn
                .query_row("SELECT day_minutes FROM insurer_scheme WHERE code = ?1", [&cap.scheme_code], |r| r.get(0))
                .optional()?
                .flatten();
            body.push_str(&format!(
                "<li>{}: {} (na de zorg in deze brief).</li>\n",
                escape(&cap.scheme_name),
                escape(&cap_left_text(cap, in_year.get(&cap.scheme_code), day_minutes))
            ));
        }
        body.push_str("</ul>\n");
    }
    body.push_str(&format!(
        "<h2>Vragen of iets veranderen?</h2>\n<p>Bel {}, respijtregisseur, op {}. \
         Kan een afspraak niet doorgaan? Bel dan zo snel mogelijk.</p>\n<p>Met vriendelijke groet,</p>\n<p>{}<br>Respijtregisseur regio {}</p>\n",
        escape(&settings.director_name),
        escape(&settings.director_phone),
        escape(&settings.director_name),
        escape(&settings.region_name)
    ));
    Ok(Letter {
        kind: LetterKind::Confirmation,
        caregiver_id,
        provider_id: None,
        period: String::new(),
        html: page("Bevestiging van uw respijtzorg", &settings.region_name, today, &body),
    })
}
