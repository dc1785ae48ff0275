//! Storing and reading providers.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{Provider, ProviderData, ProviderKind, Service, Slot, Tariff, Unit};
use crate::codes::{set_to_json, texts_from_json, CodeSet};
use crate::error::{Error, Result};
use crate::intake::{Daypart, RecipientSituation, RespiteForm, Weekday};
use crate::money::Cents;
use crate::region::Municipality;
use crate::store::timestamp;

fn json_strings(values: &[String]) -> String {
    let mut sorted: Vec<&String> = values.iter().collect();
    sorted.sort();
    sorted.dedup();
    serde_json::to_string(&sorted).unwrap_or_else(|_| "[]".into())
}

/// ZorgMies and Zorgmaatje aan Huis, the two providers of the regional plan,
/// seeded once into a new store with example details and tariffs that the
/// director fills in. A setting remembers the seed, so an archived example
/// does not come back.
pub fn seed_examples_if_new(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    let seeded: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM setting WHERE key = 'example_providers_seeded')", [], |r| {
            r.get(0)
        })?;
    if seeded {
        return Ok(());
    }
    let all_municipalities: Vec<String> =
        conn.prepare("SELECT code FROM municipality")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let slots = |days: &[Weekday], parts: &[Daypart]| -> Vec<Slot> {
        days.iter().flat_map(|d| parts.iter().map(move |p| Slot { day: *d, daypart: *p })).collect()
    };
    use Daypart::*;
    use Weekday::*;
    let examples = [
        ProviderData {
            extern_id: Some("zorgmies".into()),
            name: "ZorgMies".into(),
            kind: Some(ProviderKind::Professional),
            pc4: "3311".into(),
            max_distance_km: 25,
            capacity_minutes_per_week: Some(120 * 60),
            places_per_day: None,
            availability: slots(
                &[Monday, Tuesday, Wednesday, Thursday, Friday, Saturday],
                &[Morning, Afternoon, Evening],
            ),
            specialisms: vec![
                RecipientSituation::Dementia,
                RecipientSituation::BrainInjury,
                RecipientSituation::Palliative,
            ],
            languages: vec!["nl".into(), "en".into()],
            funders: vec!["VGZ".into(), "gemeente".into()],
            municipality_codes: all_municipalities.clone(),
            services: vec![
                super::ServiceData {
                    form: RespiteForm::AtHome,
                    unit: Unit::Hour,
                    tariff: Some((Cents::new(4750), from, None)),
                },
                super::ServiceData {
                    form: RespiteForm::TwentyFourHours,
                    unit: Unit::Etmaal,
                    tariff: Some((Cents::new(19700), from, None)),
                },
            ],
            helpers: vec![],
        },
        ProviderData {
            extern_id: Some("zorgmaatje".into()),
            name: "Zorgmaatje aan Huis".into(),
            kind: Some(ProviderKind::Volunteer),
            pc4: "3331".into(),
            max_distance_km: 15,
            capacity_minutes_per_week: Some(80 * 60),
            places_per_day: None,
            availability: slots(&[Monday, Tuesday, Wednesday, Thursday, Friday], &[Morning, Afternoon]),
            specialisms: vec![RecipientSituation::Dementia, RecipientSituation::OldAge],
            languages: vec!["nl".into(), "tr".into()],
            funders: vec!["gemeente".into()],
            municipality_codes: all_municipalities,
            services: vec![super::ServiceData {
                form: RespiteForm::AtHome,
                unit: Unit::Hour,
                tariff: Some((Cents::new(1500), from, None)),
            }],
            helpers: vec![],
        },
    ];
    let tx = crate::store::atomic(conn, "provider_examples")?;
    for data in &examples {
        let id = save_provider(&tx, data, now)?;
        tx.execute("UPDATE provider SET example = 1 WHERE id = ?1", [id])?;
        tx.execute(
            "UPDATE tariff SET example = 1 WHERE service_id IN (SELECT id FROM provider_service WHERE provider_id = ?1)",
            [id],
        )?;
    }
    tx.execute("INSERT INTO setting (key, value) VALUES ('example_providers_seeded', ?1)", [timestamp(now)])?;
    tx.commit()?;
    Ok(())
}

pub fn find_by_extern_id(conn: &Connection, extern_id: &str) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM provider WHERE extern_id = ?1")?;
    Ok(stmt.query_row([extern_id], |r| r.get(0)).optional()?)
}

/// Inserts or updates (by extern id) a provider with its services, tariffs,
/// municipalities and helpers. A tariff with a start date already known for
/// the service replaces that one; others are added, so history stays.
pub fn save_provider(conn: &Connection, data: &ProviderData, now: DateTime<Utc>) -> Result<i64> {
    let existing = match &data.extern_id {
        Some(extern_id) => find_by_extern_id(conn, extern_id)?,
        None => None,
    };
    save_provider_as(conn, existing, data, now)
}

/// As `save_provider`, for a provider known by its id (the edit form) or a new one (None).
pub(crate) fn save_provider_as(
    conn: &Connection,
    existing: Option<i64>,
    data: &ProviderData,
    now: DateTime<Utc>,
) -> Result<i64> {
    let ts = timestamp(now);
    let values = params![
        data.extern_id,
        data.name,
        data.kind.unwrap_or(ProviderKind::Professional).code(),
        data.pc4,
        data.max_distance_km,
        data.capacity_minutes_per_week,
        data.places_per_day,
        Slot::mask(&data.availability),
        set_to_json(&data.specialisms),
        json_strings(&data.languages),
        json_strings(&data.funders),
        ts,
    ];
    let id = match existing {
        None => {
            conn.prepare_cached(
                "INSERT INTO provider (extern_id, name, kind, pc4, max_distance_km, capacity_minutes_per_week,
                   places_per_day, availability_mask, specialisms, languages, funders, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            )?
            .execute(values)?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(&id);
            conn.prepare_cached(
                "UPDATE provider SET extern_id = ?1, name = ?2, kind = ?3, pc4 = ?4, max_distance_km = ?5,
                   capacity_minutes_per_week = ?6, places_per_day = ?7, availability_mask = ?8, specialisms = ?9,
                   languages = ?10, funders = ?11, example = 0, updated_at = ?12 WHERE id = ?13",
            )?
            .execute(all.as_slice())?;
            id
        }
    };
    conn.prepare_cached("DELETE FROM provider_municipality WHERE provider_id = ?1")?.execute([id])?;
    for code in &data.municipality_codes {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO provider_municipality (provider_id, municipality_code) VALUES (?1, ?2)",
        )?
        .execute(params![id, code])?;
    }
    for service in &data.services {
        conn.prepare_cached(
            "INSERT INTO provider_service (provider_id, form, unit) VALUES (?1, ?2, ?3)
             ON CONFLICT(provider_id, form) DO UPDATE SET unit = excluded.unit",
        )?
        .execute(params![id, service.form.code(), service.unit.code()])?;
        let service_id: i64 = conn.query_row(
            "SELECT id FROM provider_service WHERE provider_id = ?1 AND form = ?2",
            params![id, service.form.code()],
            |r| r.get(0),
        )?;
        if let Some((cents, from, to)) = service.tariff {
            crate::funding::changes::record_tariff(conn, service_id, from, cents, to, now)?;
            let changed = conn
                .prepare_cached(
                    "UPDATE tariff SET cents = ?1, valid_to = ?2, example = 0 WHERE service_id = ?3 AND valid_from = ?4",
                )?
                .execute(params![cents, to, service_id, from])?;
            if changed == 0 {
                conn.prepare_cached(
                    "INSERT INTO tariff (service_id, cents, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![service_id, cents, from, to])?;
            }
        }
    }
    super::helpers::save_helpers(conn, id, &data.helpers)?;
    Ok(id)
}

/// The provider's service for a form: its id and unit.
pub fn service_of(conn: &Connection, provider_id: i64, form: RespiteForm) -> Result<Option<(i64, Unit)>> {
    let mut stmt = conn.prepare_cached("SELECT id, unit FROM provider_service WHERE provider_id = ?1 AND form = ?2")?;
    Ok(stmt.query_row(params![provider_id, form], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The tariff of a provider's service valid on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceTariff {
    pub service_id: i64,
    pub unit: Unit,
    pub cents: Cents,
    pub example: bool,
}

pub fn tariff_on(
    conn: &Connection,
    provider_id: i64,
    form: RespiteForm,
    date: NaiveDate,
) -> Result<Option<ServiceTariff>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.unit, t.cents, t.example FROM provider_service s JOIN tariff t ON t.service_id = s.id
         WHERE s.provider_id = ?1 AND s.form = ?2 AND t.valid_from <= ?3 AND (t.valid_to IS NULL OR t.valid_to >= ?3)
         ORDER BY t.valid_from DESC LIMIT 1",
    )?;
    // A unit this version does not know is an error: read as hourly it
    // would price a dagdeel or an etmaal as that many euros per hour.
    Ok(stmt
        .query_row(params![provider_id, form, date], |r| {
            Ok(ServiceTariff { service_id: r.get(0)?, unit: r.get(1)?, cents: r.get(2)?, example: r.get(3)? })
        })
        .optional()?)
}

pub fn get_provider(conn: &Connection, id: i64) -> Result<Provider> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, extern_id, name, kind, pc4, max_distance_km, capacity_minutes_per_week, places_per_day,
                availability_mask, specialisms, languages, funders, contact_name, phone, email, example,
                substr(archived_at, 1, 10)
         FROM provider WHERE id = ?1",
    )?;
    let mut provider = stmt
        .query_row([id], |r| {
            Ok(Provider {
                id: r.get(0)?,
                extern_id: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                pc4: r.get(4)?,
                max_distance_km: r.get(5)?,
                capacity_minutes_per_week: r.get(6)?,
                places_per_day: r.get(7)?,
                availability: Slot::from_mask(r.get(8)?),
                specialisms: r.get::<_, CodeSet<_>>(9)?.0,
                languages: texts_from_json(&r.get::<_, String>(10)?),
                funders: texts_from_json(&r.get::<_, String>(11)?),
                municipalities: Vec::new(),
                contact_name: r.get(12)?,
                phone: r.get(13)?,
                email: r.get(14)?,
                example: r.get(15)?,
                services: Vec::new(),
                helpers: Vec::new(),
                archived_on: r.get(16)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Aanbieder {id} bestaat niet.")))?;
    provider.municipalities = conn
        .prepare_cached(
            "SELECT m.code, m.name FROM provider_municipality pm JOIN municipality m ON m.code = pm.municipality_code
             WHERE pm.provider_id = ?1 ORDER BY m.name",
        )?
        .query_map([id], |r| Ok(Municipality { code: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let services: Vec<(i64, RespiteForm, Unit)> = conn
        .prepare_cached("SELECT id, form, unit FROM provider_service WHERE provider_id = ?1 ORDER BY id")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (service_id, form, unit) in services {
        let tariffs = conn
            .prepare_cached(
                "SELECT id, cents, valid_from, valid_to, example FROM tariff WHERE service_id = ?1 ORDER BY valid_from",
            )?
            .query_map([service_id], |r| {
                Ok(Tariff {
                    id: r.get(0)?,
                    cents: r.get(1)?,
                    valid_from: r.get(2)?,
                    valid_to: r.get(3)?,
                    example: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        provider.services.push(Service { id: service_id, form, unit, tariffs });
    }
    provider.helpers = super::helpers::helpers_of(conn, id)?;
    Ok(provider)
}

pub fn list_providers(conn: &Connection) -> Result<Vec<Provider>> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM provider WHERE archived_at IS NULL ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_provider(conn, id)).collect()
}
