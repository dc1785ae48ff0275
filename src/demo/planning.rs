//! Demo providers and sessions at region scale: 100 providers and a million
//! sessions over five years, for the benchmark and for trying the planning.
//!
//! Sessions are written in bulk, without the clash rules (a demo has no
//! director to override them); everything else goes through the core.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::intake::{Daypart, RecipientSituation, RespiteForm, Weekday};
use crate::money::Cents;
use crate::planning::{iso_week_number, minutes_at};
use crate::provider::{save_provider, ProviderData, ProviderKind, ServiceData, Slot, Unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanningDemo {
    pub providers: usize,
    pub sessions: usize,
}

const KINDS: &[&str] = &["Zorg", "Respijt", "Thuishulp", "Mantelzorgmaatjes", "Dagcentrum", "Logeerhuis"];
const SPECIALISMS: &[RecipientSituation] = &[
    RecipientSituation::Dementia,
    RecipientSituation::BrainInjury,
    RecipientSituation::MentalHealth,
    RecipientSituation::IntellectualDisability,
    RecipientSituation::Child,
    RecipientSituation::Palliative,
];
const LANGUAGES: &[&str] = &["en", "tr", "ar", "pl", "de", "pap"];

/// Adds `providers` demo providers and `sessions` sessions (2022-2026) for
/// the caregivers already in the store. The same seed gives the same data.
pub fn providers_and_sessions(
    conn: &mut Connection,
    seed: u64,
    providers: usize,
    sessions: usize,
    now: DateTime<Utc>,
) -> Result<PlanningDemo> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5e55_1045);
    let municipalities: Vec<(String, String)> = conn
        .prepare(
            "SELECT m.code, MIN(p.pc4) FROM municipality m JOIN postcode_area p ON p.municipality_code = m.code
                  WHERE p.kind = 'woon' GROUP BY m.code ORDER BY m.code",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let from = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    let tx = conn.transaction()?;
    let mut provider_ids = Vec::with_capacity(providers);
    for n in 1..=providers {
        let (home_code, home_pc4) = municipalities[rng.usize(..municipalities.len())].clone();
        let served: Vec<String> = municipalities
            .iter()
            .filter(|(code, _)| *code == home_code || rng.u8(..3) == 0)
            .map(|(code, _)| code.clone())
            .collect();
        let volunteer = rng.u8(..3) == 0;
        let day_form = match rng.u8(..5) {
            0 => Some((RespiteForm::DayCare, Unit::Dagdeel, 4500 + rng.i64(0..2000))),
            1 => Some((RespiteForm::ShortStay, Unit::Etmaal, 18000 + rng.i64(0..7500))),
            _ => None,
        };
        let mut services = vec![ServiceData {
            form: RespiteForm::AtHome,
            unit: Unit::Hour,
            tariff: Some((Cents::new(if volunteer { 1500 } else { 3500 + rng.i64(0..3000) }), from, None)),
        }];
        if let Some((form, unit, cents)) = day_form {
            services.push(ServiceData { form, unit, tariff: Some((Cents::new(cents), from, None)) });
        }
        let availability: Vec<Slot> = Weekday::ALL
            .iter()
            .take(if rng.bool() { 5 } else { 6 })
            .flat_map(|d| [Daypart::Morning, Daypart::Afternoon].into_iter().map(move |p| Slot { day: *d, daypart: p }))
            .collect();
        let data = ProviderData {
            extern_id: Some(format!("DEMO-P{n:03}")),
            name: format!(
                "{} {} {n}",
                KINDS[rng.usize(..KINDS.len())],
                crate::region::municipality_name_hint(&home_code)
            ),
            kind: Some(if volunteer { ProviderKind::Volunteer } else { ProviderKind::Professional }),
            pc4: home_pc4,
            max_distance_km: 5 + rng.i64(0..20),
            capacity_minutes_per_week: Some(60 * (40 + rng.i64(0..200))),
            places_per_day: day_form.map(|_| 6 + rng.i64(0..10)),
            availability,
            specialisms: (0..rng.usize(0..3)).map(|_| SPECIALISMS[rng.usize(..SPECIALISMS.len())]).collect(),
            languages: std::iter::once("nl".to_string())
                .chain((0..rng.usize(0..2)).map(|_| LANGUAGES[rng.usize(..LANGUAGES.len())].to_string()))
                .collect(),
            funders: vec!["gemeente".into()],
            municipality_codes: served,
            services,
            helpers: (1..=rng.usize(2..6))
                .map(|h| crate::provider::HelperData::named(format!("Hulp {n}-{h}")))
                .collect(),
        };
        provider_ids.push(save_provider(&tx, &data, now)?);
    }
    let pairs: Vec<(i64, i64)> = tx
        .prepare("SELECT caregiver_id, MIN(recipient_id) FROM caregiver_recipient GROUP BY caregiver_id ORDER BY caregiver_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if pairs.is_empty() || provider_ids.is_empty() {
        tx.commit()?;
        return Ok(PlanningDemo { providers, sessions: 0 });
    }
    let today = now.date_naive();
    let days = (NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default() - from).num_days().max(1) as u64;
    let ts = crate::store::timestamp(now);
    {
        let mut insert = tx.prepare(
            "INSERT INTO session (caregiver_id, recipient_id, provider_id, form, unit, date, iso_week, starts_at, ends_at,
               units, status, delivered_minutes, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'thuis', 'uur', ?4, ?5, ?6, ?7, 0, ?8, ?9, ?10, ?10)",
        )?;
        for _ in 0..sessions {
            let (caregiver, recipient) = pairs[rng.usize(..pairs.len())];
            // Caregivers keep to one or two providers: continuity, as in life.
            let provider = provider_ids[(caregiver as usize * 7 + rng.usize(..2)) % provider_ids.len()];
            let date = from + Days::new(rng.u64(..days));
            let start = minutes_at(date, 60 * rng.i64(8..18));
            let minutes = 60 * rng.i64(2..5);
            let (status, delivered) = if date >= today {
                ("gepland", None)
            } else if rng.u8(..10) == 0 {
                ("geannuleerd", None)
            } else {
                ("uitgevoerd", Some(minutes))
            };
            insert.execute(params![
                caregiver,
                recipient,
                provider,
                date,
                iso_week_number(date),
                start,
                start + minutes,
                status,
                delivered,
                ts
            ])?;
        }
    }
    // The delivered sessions of every demo year go into the ledger.
    for year in 2022..=2026 {
        crate::funding::reallocate_year(&tx, year, now)?;
    }
    tx.commit()?;
    Ok(PlanningDemo { providers, sessions })
}
