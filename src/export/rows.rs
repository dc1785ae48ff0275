//! The rows of an export, read from the ledger one at a time (never the
//! whole period in memory), and the pseudonyms that replace names.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::Period;
use crate::error::{Error, Result};
use crate::funding::Totals;
use crate::intake::RespiteForm;
use crate::money::Cents;
use crate::provider::Unit;

/// One ledger entry with what the exports may show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageRow {
    pub entry_id: i64,
    pub session_id: i64,
    pub service_date: NaiveDate,
    pub municipality_code: String,
    pub municipality_name: String,
    pub provider: String,
    pub form: RespiteForm,
    pub unit: Unit,
    pub minutes: i64,
    /// What the session cost in this booking (negative for a reversal).
    pub cost: i64,
    pub funder: String,
    pub cents: i64,
    pub kind: String,
    pub cap_days: i64,
    pub caregiver_id: i64,
    pub extern_id: Option<String>,
    pub policy_number: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub postcode: String,
}

impl UsageRow {
    /// The quantity in the unit of the service: hours (2 decimals, in
    /// hundredths), dagdelen or etmalen, for this entry's minutes.
    pub fn quantity_hundredths(&self) -> i64 {
        let per_unit = self.unit.minutes().unwrap_or(60);
        let n = self.minutes * 100;
        if n >= 0 {
            (n + per_unit / 2) / per_unit
        } else {
            -((-n + per_unit / 2) / per_unit)
        }
    }

    /// This entry's money, minutes and cap days, to add up.
    pub(crate) fn totals(&self) -> Totals {
        Totals { cents: Cents::new(self.cents), minutes: self.minutes, cap_days: self.cap_days }
    }

    pub fn birth_year(&self) -> i32 {
        self.date_of_birth.year()
    }

    pub fn pc4(&self) -> &str {
        crate::dutch::pc4(&self.postcode)
    }
}

/// Which entries an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Funder(String),
}

/// Calls `f` for every entry booked in the period, in a stable order
/// (service date, session, entry), so the same period gives the same file.
pub fn for_each_row(
    conn: &Connection,
    period: &Period,
    scope: &Scope,
    mut f: impl FnMut(&UsageRow) -> Result<()>,
) -> Result<usize> {
    let funder = match scope {
        Scope::All => None,
        Scope::Funder(code) => Some(code.as_str()),
    };
    // The entries with their session, sorted; the people, places and
    // providers they name are looked up once each (a period names far fewer
    // of them than it has entries) instead of joined into every row.
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.session_id, l.service_date, s.recipient_id, s.provider_id, s.form, s.unit, l.minutes,
                l.booking_date, l.funder, l.cents, l.kind, l.cap_days, l.caregiver_id
         FROM ledger_entry l JOIN session s ON s.id = l.session_id
         WHERE l.booking_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR l.funder = ?3)
         ORDER BY l.service_date, l.session_id, l.id",
    )?;
    let mut lookup = Lookup::new(conn)?;
    let mut rows = stmt.query(params![period.first, period.last, funder])?;
    let mut count = 0;
    // The rows of one session come together; `cost` is the sum of a booking
    // group (session, booking date, kind, sign), so a session's rows are held
    // back until its last one is read. Only one session is ever in memory.
    let mut pending: Vec<(UsageRow, NaiveDate)> = Vec::new();
    let flush = |pending: &mut Vec<(UsageRow, NaiveDate)>,
                 f: &mut dyn FnMut(&UsageRow) -> Result<()>|
     -> Result<usize> {
        let mut groups: std::collections::HashMap<(NaiveDate, String, bool), i64> = std::collections::HashMap::new();
        for (row, booked) in pending.iter() {
            *groups.entry((*booked, row.kind.clone(), row.cents < 0)).or_default() += row.cents;
        }
        let n = pending.len();
        for (mut row, booked) in pending.drain(..) {
            row.cost = groups.get(&(booked, row.kind.clone(), row.cents < 0)).copied().unwrap_or(row.cents);
            f(&row)?;
        }
        Ok(n)
    };
    while let Some(r) = rows.next()? {
        let date = |i: usize| -> Result<NaiveDate> {
            match crate::store::iso_date(r.get_ref(i)?.as_str().unwrap_or_default()) {
                Some(date) => Ok(date),
                None => Ok(r.get(i)?),
            }
        };
        let (municipality_code, municipality_name) = lookup.place(r.get(3)?)?;
        let person = lookup.person(r.get(13)?)?;
        let row = UsageRow {
            entry_id: r.get(0)?,
            session_id: r.get(1)?,
            service_date: date(2)?,
            municipality_code,
            municipality_name,
            provider: lookup.providers.get(&r.get::<_, i64>(4)?).cloned().unwrap_or_default(),
            form: r.get(5)?,
            unit: r.get(6)?,
            minutes: r.get(7)?,
            cost: 0,
            funder: r.get(9)?,
            cents: r.get(10)?,
            kind: r.get(11)?,
            cap_days: r.get(12)?,
            caregiver_id: r.get(13)?,
            extern_id: person.extern_id,
            policy_number: person.policy_number,
            first_name: person.first_name,
            last_name: person.last_name,
            date_of_birth: person.date_of_birth,
            postcode: person.postcode,
        };
        let booked: NaiveDate = date(8)?;
        if pending.first().is_some_and(|(p, _)| p.session_id != row.session_id) {
            count += flush(&mut pending, &mut f)?;
        }
        pending.push((row, booked));
    }
    count += flush(&mut pending, &mut f)?;
    Ok(count)
}

#[derive(Clone)]
struct Person {
    extern_id: Option<String>,
    policy_number: String,
    first_name: String,
    last_name: String,
    date_of_birth: NaiveDate,
    postcode: String,
}

/// What the rows name, read once each: all providers, and recipients'
/// municipalities and caregivers as they come (at most the region's).
struct Lookup<'c> {
    providers: HashMap<i64, String>,
    places: HashMap<i64, (String, String)>,
    people: HashMap<i64, Person>,
    place_stmt: rusqlite::CachedStatement<'c>,
    person_stmt: rusqlite::CachedStatement<'c>,
}

impl<'c> Lookup<'c> {
    fn new(conn: &'c Connection) -> Result<Lookup<'c>> {
        let providers = conn
            .prepare_cached("SELECT id, name FROM provider")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Lookup {
            providers,
            places: HashMap::new(),
            people: HashMap::new(),
            place_stmt: conn.prepare_cached(
                "SELECT COALESCE(m.code, ''), COALESCE(m.name, 'buiten de regio') FROM care_recipient r
                 LEFT JOIN municipality m ON m.code = r.municipality_code WHERE r.id = ?1",
            )?,
            person_stmt: conn.prepare_cached(
                "SELECT extern_id, policy_number, first_name, last_name, date_of_birth, postcode FROM caregiver WHERE id = ?1",
            )?,
        })
    }

    fn place(&mut self, recipient: i64) -> Result<(String, String)> {
        if let Some(place) = self.places.get(&recipient) {
            return Ok(place.clone());
        }
        let place: (String, String) = self.place_stmt.query_row([recipient], |r| Ok((r.get(0)?, r.get(1)?)))?;
        self.places.insert(recipient, place.clone());
        Ok(place)
    }

    fn person(&mut self, caregiver: i64) -> Result<Person> {
        if let Some(person) = self.people.get(&caregiver) {
            return Ok(person.clone());
        }
        let person = self.person_stmt.query_row([caregiver], |r| {
            Ok(Person {
                extern_id: r.get(0)?,
                policy_number: r.get(1)?,
                first_name: r.get(2)?,
                last_name: r.get(3)?,
                date_of_birth: r.get(4)?,
                postcode: r.get(5)?,
            })
        })?;
        self.people.insert(caregiver, person.clone());
        Ok(person)
    }
}

/// Stable pseudonyms: `MZ-` and 10 hex digits of SHA-256 over a secret
/// of this store and the caregiver's id. The same caregiver gets the same
/// pseudonym in every export; without the store nobody can reverse it.
pub struct Pseudonyms {
    secret: Vec<u8>,
}

impl Pseudonyms {
    pub fn load(conn: &Connection) -> Result<Pseudonyms> {
        let existing: Option<String> =
            conn.query_row("SELECT value FROM setting WHERE key = 'pseudonym_secret'", [], |r| r.get(0)).optional()?;
        let secret = match existing {
            Some(hex) => hex,
            None => {
                let mut bytes = [0u8; 32];
                getrandom::fill(&mut bytes)
                    .map_err(|e| Error::Invalid(format!("Het systeem gaf geen willekeurige getallen: {e}")))?;
                let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                conn.execute("INSERT INTO setting (key, value) VALUES ('pseudonym_secret', ?1)", [&hex])?;
                hex
            }
        };
        Ok(Pseudonyms { secret: secret.into_bytes() })
    }

    pub fn of(&self, caregiver_id: i64) -> String {
        let mut hasher = Sha256::new();
        hasher.update(&self.secret);
        hasher.update(caregiver_id.to_le_bytes());
        let digest = hasher.finalize();
        let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
        format!("MZ-{hex}")
    }
}

/// Names of funders by code: schemes, municipalities, "Niet gedekt".
pub fn funder_names(conn: &Connection) -> Result<std::collections::HashMap<String, String>> {
    let mut map: std::collections::HashMap<String, String> = conn
        .prepare("SELECT code, name FROM municipality UNION ALL SELECT code, name FROM insurer_scheme")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    map.insert(crate::funding::engine::UNCOVERED.into(), "Niet gedekt".into());
    Ok(map)
}

/// `1234,56` from cents: Dutch decimal comma, two decimals, no thousands dots
/// (spreadsheets read those as text).
pub fn decimal_comma(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}
