//! Matching a caregiver's need with the providers that can deliver it.
//!
//! Hard conditions decide who can: offers the form, serves the recipient's
//! municipality or lies within its distance, has capacity in the weeks asked,
//! is available on the dayparts asked. A score ranks the rest: specialism
//! fit, language, distance, continuity with earlier sessions, spare
//! capacity. Every match says why, in plain Dutch.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::codes::{texts_from_json, CodeSet};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::intake::{Daypart, RecipientSituation, RespiteForm, Weekday};
use crate::money::Cents;
use crate::planning::{iso_week_number, OCCUPYING_SQL};
use crate::provider::{self, ProviderKind, Slot, Unit};

/// What the caregiver needs, as the match form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct NeedInput {
    pub caregiver_id: i64,
    pub recipient_id: i64,
    pub form: Option<RespiteForm>,
    /// Hours per week, with an optional decimal comma.
    pub hours_per_week: String,
    pub weekdays: Vec<Weekday>,
    pub dayparts: Vec<Daypart>,
    /// `dd-mm-jjjj`: the first week asked.
    pub first_date: String,
    /// How many weeks from the first date (1 to 52).
    pub weeks: u32,
    /// A language code (`tr`, `ar`, ...) or empty.
    pub language: String,
    pub specialisms: Vec<RecipientSituation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ProviderMatch {
    pub provider_id: i64,
    pub provider_name: String,
    pub kind: ProviderKind,
    /// Meets every hard condition.
    pub eligible: bool,
    pub score: i64,
    /// Why it fits, in plain Dutch.
    pub reasons: Vec<String>,
    /// Which hard conditions it fails, in plain Dutch.
    pub failures: Vec<String>,
    /// Tenths of a kilometre between the provider's base and the recipient.
    pub distance_hm: Option<i64>,
    pub unit: Option<Unit>,
    pub tariff: Option<Cents>,
    pub tariff_is_example: bool,
    /// What the asked hours would cost per week at the tariff (hourly forms).
    pub cost_per_week: Option<Cents>,
    /// The active helper who worked for this caregiver most recently, for continuity.
    pub known_helper_id: Option<i64>,
    /// Another active helper of the provider: the one who worked for this
    /// caregiver before that, else the first by name.
    pub backup_helper_id: Option<i64>,
    /// The provider's active helpers: the known helper first, the backup
    /// second, then the rest by name.
    pub helpers: Vec<HelperChoice>,
}

/// A helper the planner can choose, with why the match suggests them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct HelperChoice {
    pub id: i64,
    pub name: String,
    /// Dutch: "bekend bij deze mantelzorger", "reserve", or empty.
    pub note: String,
}

/// A provider's active helpers for one caregiver, in the order offered.
struct HelperSuggestion {
    known: Option<i64>,
    backup: Option<i64>,
    helpers: Vec<HelperChoice>,
}

/// The active helpers of a provider for this caregiver: the one who worked
/// for them most recently first (continuity), a backup second (who worked
/// for them before that, else the first by name), then the rest by name.
fn helper_choices(conn: &Connection, provider_id: i64, caregiver_id: i64) -> Result<HelperSuggestion> {
    let mut helpers: Vec<HelperChoice> = conn
        .prepare_cached("SELECT id, name FROM helper WHERE provider_id = ?1 AND active = 1 ORDER BY name, id")?
        .query_map([provider_id], |r| Ok(HelperChoice { id: r.get(0)?, name: r.get(1)?, note: String::new() }))?
        .collect::<rusqlite::Result<_>>()?;
    if helpers.is_empty() {
        return Ok(HelperSuggestion { known: None, backup: None, helpers });
    }
    let recent: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT helper_id FROM session INDEXED BY session_caregiver_time
             WHERE caregiver_id = ?1 AND provider_id = ?2 AND helper_id IS NOT NULL AND status IN {OCCUPYING_SQL}
             GROUP BY helper_id ORDER BY MAX(starts_at) DESC"
        ))?
        .query_map(params![caregiver_id, provider_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut ordered = Vec::with_capacity(helpers.len());
    for id in recent {
        if let Some(at) = helpers.iter().position(|h| h.id == id) {
            ordered.push(helpers.remove(at));
        }
    }
    let known = ordered.first().map(|h| h.id);
    ordered.append(&mut helpers);
    let backup = ordered.iter().map(|h| h.id).find(|id| Some(*id) != known);
    for h in ordered.iter_mut() {
        if Some(h.id) == known {
            h.note = "bekend bij deze mantelzorger".into();
        } else if Some(h.id) == backup {
            h.note = "reserve".into();
        }
    }
    Ok(HelperSuggestion { known, backup, helpers: ordered })
}

struct Need {
    form: RespiteForm,
    minutes_per_week: i64,
    mask: i64,
    first: NaiveDate,
    weeks: Vec<i64>,
    language: String,
    specialisms: Vec<RecipientSituation>,
    municipality: Option<(String, String)>,
    location: Option<(f64, f64)>,
}

fn language_name(code: &str) -> String {
    match code {
        "nl" => "Nederlands",
        "en" => "Engels",
        "tr" => "Turks",
        "ar" => "Arabisch",
        "pl" => "Pools",
        "de" => "Duits",
        "fr" => "Frans",
        "pap" => "Papiaments",
        "ber" | "tzm" => "Berbers",
        other => other,
    }
    .to_string()
}

/// Great-circle distance between two WGS84 points, in km. Coordinates are
/// not money: floats are right here.
fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1, lat2, lon2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn check_need(conn: &Connection, input: &NeedInput) -> Result<Need> {
    let mut errors = Vec::new();
    let linked: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM caregiver_recipient WHERE caregiver_id = ?1 AND recipient_id = ?2)",
        params![input.caregiver_id, input.recipient_id],
        |r| r.get(0),
    )?;
    if !linked {
        errors.push(FieldError::new("recipientId", "Kies een naaste van deze mantelzorger."));
    }
    if input.form.is_none() {
        errors.push(FieldError::new("form", "Kies de vorm van respijt."));
    }
    let minutes_per_week = match input.hours_per_week.trim() {
        "" => 0,
        raw => {
            dutch::parse_hours_as_minutes(raw).map_err(|m| errors.push(FieldError::new("hoursPerWeek", m))).unwrap_or(0)
        }
    };
    let first = dutch::parse_date(&input.first_date).map_err(|m| errors.push(FieldError::new("firstDate", m))).ok();
    let weeks = if input.weeks == 0 { 4 } else { input.weeks };
    if weeks > 52 {
        errors.push(FieldError::new("weeks", "Kies hoogstens 52 weken."));
    }
    let (Some(form), Some(first), true) = (input.form, first, errors.is_empty()) else {
        return Err(Error::Validation(errors));
    };
    // Asked dayparts on asked days; no choice means any.
    let days: &[Weekday] = if input.weekdays.is_empty() { Weekday::ALL } else { &input.weekdays };
    let parts: &[Daypart] = if input.dayparts.is_empty() { Daypart::ALL } else { &input.dayparts };
    let slots: Vec<Slot> = days.iter().flat_map(|d| parts.iter().map(move |p| Slot { day: *d, daypart: *p })).collect();
    type Place = (Option<String>, Option<String>, Option<f64>, Option<f64>);
    let recipient: Option<Place> = conn
        .prepare_cached(
            "SELECT m.code, m.name, pa.lat, pa.lon FROM care_recipient r
             LEFT JOIN municipality m ON m.code = r.municipality_code
             LEFT JOIN postcode_area pa ON pa.pc4 = substr(r.postcode, 1, 4) WHERE r.id = ?1",
        )?
        .query_row([input.recipient_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let (code, name, lat, lon) = recipient.unwrap_or((None, None, None, None));
    Ok(Need {
        form,
        minutes_per_week,
        mask: Slot::mask(&slots),
        first,
        weeks: (0..u64::from(weeks)).map(|w| iso_week_number(first + Days::new(w * 7))).collect(),
        language: input.language.trim().to_lowercase(),
        specialisms: input.specialisms.clone(),
        municipality: code.zip(name),
        location: lat.zip(lon),
    })
}

struct Candidate {
    id: i64,
    name: String,
    kind: ProviderKind,
    max_distance_km: i64,
    capacity: Option<i64>,
    places: Option<i64>,
    mask: i64,
    specialisms: Vec<RecipientSituation>,
    languages: Vec<String>,
    location: Option<(f64, f64)>,
    unit: Option<Unit>,
}

/// Ranks every provider for a need: the eligible ones first, best first;
/// the others after, each with the hard conditions it fails.
pub fn rank_providers(conn: &Connection, input: &NeedInput) -> Result<Vec<ProviderMatch>> {
    let need = check_need(conn, input)?;
    let candidates: Vec<Candidate> = conn
        .prepare_cached(
            "SELECT p.id, p.name, p.kind, p.max_distance_km, p.capacity_minutes_per_week, p.places_per_day,
                    p.availability_mask, p.specialisms, p.languages, pa.lat, pa.lon, s.unit
             FROM provider p LEFT JOIN provider_service s ON s.provider_id = p.id AND s.form = ?1
             LEFT JOIN postcode_area pa ON pa.pc4 = p.pc4
             WHERE p.archived_at IS NULL ORDER BY p.name",
        )?
        .query_map([need.form.code()], |r| {
            let lat: Option<f64> = r.get(9)?;
            let lon: Option<f64> = r.get(10)?;
            Ok(Candidate {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                max_distance_km: r.get(3)?,
                capacity: r.get(4)?,
                places: r.get(5)?,
                mask: r.get(6)?,
                specialisms: r.get::<_, CodeSet<_>>(7)?.0,
                languages: texts_from_json(&r.get::<_, String>(8)?),
                location: lat.zip(lon),
                // None: no service of this form (the join found none).
                unit: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let serving: HashSet<i64> = match &need.municipality {
        Some((code, _)) => conn
            .prepare_cached("SELECT provider_id FROM provider_municipality WHERE municipality_code = ?1")?
            .query_map([code], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => HashSet::new(),
    };
    // Sessions per provider for this caregiver (the helper is chosen apart, by recency).
    let history: HashMap<i64, i64> = conn
        .prepare_cached(&format!(
            "SELECT provider_id, COUNT(*) FROM session INDEXED BY session_caregiver_time WHERE caregiver_id = ?1 AND status IN {OCCUPYING_SQL}
             GROUP BY provider_id"
        ))?
        .query_map([input.caregiver_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let (first_week, last_week) = (need.weeks.first().copied().unwrap_or(0), need.weeks.last().copied().unwrap_or(0));
    let uses_places = matches!(need.form, RespiteForm::DayCare | RespiteForm::ShortStay);

    let mut matches = Vec::with_capacity(candidates.len());
    for c in candidates {
        let mut reasons = Vec::new();
        let mut failures = Vec::new();
        let mut score = 0;
        if c.unit.is_none() {
            failures.push(format!("biedt geen {}", need.form.label()));
        }
        let distance = need.location.zip(c.location).map(|(a, b)| distance_km(a, b));
        let distance_text = distance.map(|d| format!("{:.1} km", d).replace('.', ","));
        match (&need.municipality, serving.contains(&c.id)) {
            (Some((_, name)), true) => reasons.push(format!("werkt in {name}")),
            _ => match distance {
                Some(d) if c.max_distance_km > 0 && d <= c.max_distance_km as f64 => {}
                _ => failures.push(format!(
                    "werkt niet in {}{}",
                    need.municipality.as_ref().map_or("de gemeente van de naaste", |(_, n)| n.as_str()),
                    match (&distance_text, c.max_distance_km) {
                        (Some(t), max) if max > 0 => format!(" en ligt op {t} (maximaal {max} km)"),
                        _ => String::new(),
                    }
                )),
            },
        }
        if let Some(text) = &distance_text {
            reasons.push(text.clone());
            score += (20.0 - 2.0 * distance.unwrap_or(0.0)).max(0.0) as i64;
        }
        if c.mask & need.mask == 0 {
            failures.push("niet beschikbaar op de gevraagde dagen en dagdelen".into());
        }
        // Capacity in every week asked; the tightest week is the one to report.
        let mut spare_report = None;
        if uses_places {
            if c.places.is_some_and(|p| p <= 0) {
                failures.push("heeft geen plaatsen".into());
            }
        } else if let Some(capacity) = c.capacity {
            let used: HashMap<i64, i64> = conn
                .prepare_cached(&format!(
                    "SELECT iso_week, SUM(ends_at - starts_at) FROM session INDEXED BY session_provider_week
                     WHERE provider_id = ?1 AND iso_week BETWEEN ?2 AND ?3 AND status IN {OCCUPYING_SQL}
                       AND form NOT IN ('dagopvang', 'logeeropvang')
                     GROUP BY iso_week"
                ))?
                .query_map(params![c.id, first_week, last_week], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let tightest = need
                .weeks
                .iter()
                .map(|w| (*w, capacity - used.get(w).copied().unwrap_or(0)))
                .min_by_key(|(_, spare)| *spare);
            if let Some((week, spare)) = tightest {
                if spare < need.minutes_per_week {
                    failures.push(format!(
                        "te weinig ruimte in week {}: {} uur vrij, {} uur nodig",
                        week % 100,
                        dutch::hours_text(spare.max(0)),
                        dutch::hours_text(need.minutes_per_week)
                    ));
                } else {
                    spare_report = Some((week, spare - need.minutes_per_week));
                }
            }
        }
        for s in &need.specialisms {
            if c.specialisms.contains(s) {
                score += 25;
                reasons.push(format!("ervaring met {}", s.label()));
            }
        }
        if !need.language.is_empty() && c.languages.contains(&need.language) {
            score += 15;
            reasons.push(format!("spreekt {}", language_name(&need.language)));
        }
        if let Some(count) = history.get(&c.id) {
            score += 30;
            reasons.push(format!("eerder ingezet bij deze mantelzorger ({count} keer)"));
        }
        let HelperSuggestion { known: known_helper_id, backup: backup_helper_id, helpers } =
            helper_choices(conn, c.id, input.caregiver_id)?;
        if let Some(h) = helpers.first().filter(|h| Some(h.id) == known_helper_id) {
            reasons.push(format!("bekende hulp: {}", h.name));
        }
        if let Some((week, spare)) = spare_report {
            score += (spare / 60).min(15);
            reasons.push(format!("{} uur ruimte in week {}", dutch::hours_text(spare), week % 100));
        }
        let tariff = provider::tariff_on(conn, c.id, need.form, need.first)?;
        let cost_per_week = match (tariff, c.unit) {
            (Some(t), Some(Unit::Hour)) if need.minutes_per_week > 0 => {
                Some(t.cents.per_hour_times_minutes(need.minutes_per_week))
            }
            _ => None,
        };
        matches.push(ProviderMatch {
            provider_id: c.id,
            provider_name: c.name,
            kind: c.kind,
            eligible: failures.is_empty(),
            score,
            reasons,
            failures,
            distance_hm: distance.map(|d| (d * 10.0).round() as i64),
            unit: c.unit,
            tariff: tariff.map(|t| t.cents),
            tariff_is_example: tariff.is_some_and(|t| t.example),
            cost_per_week,
            known_helper_id,
            backup_helper_id,
            helpers,
        });
    }
    matches.sort_by(|a, b| {
        b.eligible.cmp(&a.eligible).then(b.score.cmp(&a.score)).then(a.provider_name.cmp(&b.provider_name))
    });
    Ok(matches)
}
