//! The funding settings: insurer schemes, the policy, and budgets.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::codes::{codes, texts_from_json, Code, CodeError, CodeSet};
use crate::error::{Error, Result};
use crate::import::{ImportOptions, ImportReport, RowError, Table};
use crate::intake::RespiteForm;
use crate::money::Cents;
use crate::region::{self, Municipality};

codes! {
    CapUnit / "de eenheid van een plafond" {
        Days = "dagen" / "dagen",
        Hours = "uren" / "uren",
        Euros = "euro" / "euro",
    }
}

codes! {
    PolicyHolder / "de polishouder van een regeling" {
        Caregiver = "mantelzorger" / "de mantelzorger",
        Recipient = "naaste" / "de naaste",
    }
}

codes! {
    /// How a scheme's two conditions on the caregiver combine (VGZ: "of"; many municipalities: "en").
    EligibilityRule / "de regel voor wie mantelzorger is" {
        Either = "of" / "een van beide",
        Both = "en" / "allebei",
    }
}

codes! {
    FundingMode / "de verdeling tussen verzekeraar en gemeente" {
        Sequential = "volgorde" / "eerst de verzekeraar, dan de gemeente",
        CoFunding = "cofinanciering" / "verzekeraar en gemeente delen",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Scheme {
    pub id: i64,
    /// The funder code in the ledger and the exports (VGZ).
    pub code: String,
    pub name: String,
    /// Insurer names on a caregiver's policy that belong to this scheme.
    pub insurers: Vec<String>,
    pub policy_holder: PolicyHolder,
    pub requires_supplementary: bool,
    pub cap_unit: CapUnit,
    /// Days, minutes or cents per calendar year.
    pub cap_amount: i64,
    /// For day caps: None = a date with delivered respite is a day; N = N minutes make a day.
    pub day_minutes: Option<i64>,
    pub forms: Vec<RespiteForm>,
    pub exclude_wlz: bool,
    pub exclude_wmo: bool,
    pub exclude_pgb: bool,
    /// Eligibility: at least this many minutes of care a week (None: no condition).
    pub min_care_minutes: Option<i64>,
    /// Eligibility: caring for at least this many months (None: no condition).
    pub min_months_caring: Option<i64>,
    pub eligibility_rule: EligibilityRule,
    /// This version's first day (None: from the start).
    pub valid_from: Option<NaiveDate>,
    /// This version's last day (None: open).
    pub valid_to: Option<NaiveDate>,
    /// E.g. "voorbeeld: controleer de polisvoorwaarden".
    pub note: String,
    pub priority: i64,
    /// False: archived; it pays nothing for sessions allocated from then on.
    pub active: bool,
}

impl Scheme {
    /// Whether this version is the one in force on a date.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| to >= date)
    }

    /// Whether a caregiver is a mantelzorger by this scheme's definition on a
    /// date: hours of care a week and months of caring, one or both as the
    /// scheme says. What the register does not know does not count as met.
    pub fn admits(&self, care_minutes: Option<i64>, caring_since: Option<NaiveDate>, on: NaiveDate) -> bool {
        let hours = self.min_care_minutes.map(|min| care_minutes.is_some_and(|c| c >= min));
        let months = self.min_months_caring.map(|min| {
            caring_since.is_some_and(|since| {
                u32::try_from(min)
                    .ok()
                    .and_then(|m| since.checked_add_months(chrono::Months::new(m)))
                    .is_some_and(|enough| enough <= on)
            })
        });
        match (hours, months, self.eligibility_rule) {
            (None, None, _) => true,
            (Some(met), None, _) | (None, Some(met), _) => met,
            (Some(a), Some(b), EligibilityRule::Either) => a || b,
            (Some(a), Some(b), EligibilityRule::Both) => a && b,
        }
    }

    /// Whether this version sets a condition on the caregiver.
    pub fn has_conditions(&self) -> bool {
        self.min_care_minutes.is_some() || self.min_months_caring.is_some()
    }

    /// Whether this version is in force on some day of a year.
    pub fn valid_in(&self, year: i32) -> bool {
        let (first, last) = super::facts::year_bounds(year);
        self.valid_from.is_none_or(|from| from <= last) && self.valid_to.is_none_or(|to| to >= first)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct FundingPolicy {
    pub mode: FundingMode,
    /// Co-funding: the insurer's share of each session while its cap lasts.
    pub insurer_percent: i64,
}

impl Default for FundingPolicy {
    fn default() -> Self {
        FundingPolicy { mode: FundingMode::Sequential, insurer_percent: 50 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Budget {
    pub municipality: Municipality,
    pub year: i32,
    pub cents: Cents,
}

const SCHEME_COLUMNS: &str = "SELECT id, code, name, insurers, policy_holder, requires_supplementary, cap_unit,
    cap_amount, day_minutes, forms, exclude_wlz, priority, active, exclude_wmo, exclude_pgb, min_care_minutes,
    min_months_caring, eligibility_rule, valid_from, valid_to, note FROM insurer_scheme";

/// Every scheme, every version: by priority, then code, then first day.
pub fn list_schemes(conn: &Connection) -> Result<Vec<Scheme>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SCHEME_COLUMNS} ORDER BY priority, code, COALESCE(valid_from, ''), id"))?;
    let rows = stmt.query_map([], |r| {
        Ok(Scheme {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            insurers: texts_from_json(&r.get::<_, String>(3)?),
            policy_holder: r.get(4)?,
            requires_supplementary: r.get(5)?,
            cap_unit: r.get(6)?,
            cap_amount: r.get(7)?,
            day_minutes: r.get(8)?,
            forms: r.get::<_, CodeSet<_>>(9)?.0,
            exclude_wlz: r.get(10)?,
            priority: r.get(11)?,
            active: r.get(12)?,
            exclude_wmo: r.get(13)?,
            exclude_pgb: r.get(14)?,
            min_care_minutes: r.get(15)?,
            min_months_caring: r.get(16)?,
            eligibility_rule: r.get(17)?,
            valid_from: r.get(18)?,
            valid_to: r.get(19)?,
            note: r.get(20)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The active schemes in force in a year, one per code: its last version
/// that year (whose cap is the one the year ends with).
pub fn schemes_in_year(conn: &Connection, year: i32) -> Result<Vec<Scheme>> {
    let mut schemes: Vec<Scheme> = Vec::new();
    for scheme in list_schemes(conn)?.into_iter().filter(|s| s.active && s.valid_in(year)) {
        schemes.retain(|s| s.code != scheme.code);
        schemes.push(scheme);
    }
    schemes.sort_by_key(|s| s.priority);
    Ok(schemes)
}

/// Changes a scheme's version (the seeded VGZ scheme is editable); an id
/// of 0 adds it (a new scheme, or a new version of a code).
pub fn save_scheme(conn: &Connection, scheme: &Scheme) -> Result<i64> {
    if scheme.cap_amount < 0 {
        return Err(Error::Invalid("Het plafond kan niet negatief zijn.".into()));
    }
    if let (Some(from), Some(to)) = (scheme.valid_from, scheme.valid_to) {
        if to < from {
            return Err(Error::Invalid("'Geldig tot' ligt voor 'geldig vanaf'.".into()));
        }
    }
    let insurers = serde_json::to_string(&scheme.insurers).unwrap_or_else(|_| "[]".into());
    let id = if scheme.id == 0 {
        conn.execute(
            "INSERT INTO insurer_scheme (code, name, insurers, cap_unit, cap_amount, forms, valid_from)
             VALUES (?1, '', '[]', 'dagen', 0, '[]', ?2)",
            params![scheme.code, scheme.valid_from],
        )?;
        conn.last_insert_rowid()
    } else {
        scheme.id
    };
    conn.execute(
        "UPDATE insurer_scheme SET exclude_wmo = ?1, exclude_pgb = ?2, min_care_minutes = ?3, min_months_caring = ?4,
           eligibility_rule = ?5, valid_from = ?6, valid_to = ?7, note = ?8 WHERE id = ?9",
        params![
            scheme.exclude_wmo,
            scheme.exclude_pgb,
            scheme.min_care_minutes,
            scheme.min_months_caring,
            scheme.eligibility_rule.code(),
            scheme.valid_from,
            scheme.valid_to,
            scheme.note,
            id
        ],
    )?;
    conn.execute(
        "UPDATE insurer_scheme SET name = ?1, insurers = ?2, policy_holder = ?3, requires_supplementary = ?4,
           cap_unit = ?5, cap_amount = ?6, day_minutes = ?7, forms = ?8, exclude_wlz = ?9, priority = ?10, active = ?11
         WHERE id = ?12",
        params![
            scheme.name,
            insurers,
            scheme.policy_holder.code(),
            scheme.requires_supplementary,
            scheme.cap_unit.code(),
            scheme.cap_amount,
            scheme.day_minutes,
            crate::codes::set_to_json(&scheme.forms),
            scheme.exclude_wlz,
            scheme.priority,
            scheme.active,
            id
        ],
    )?;
    Ok(id)
}

/// Archives every version of a scheme: it pays for nothing allocated from
/// now on (the caller re-allocates the open years; closed years keep their
/// entries). False when no scheme has that code.
pub fn archive_scheme(conn: &Connection, code: &str) -> Result<bool> {
    let changed = conn.execute("UPDATE insurer_scheme SET active = 0 WHERE upper(code) = upper(?1)", [code.trim()])?;
    Ok(changed > 0)
}

/// The region's policy; the default until one is saved. A saved policy
/// that does not read (an unknown mode) is an error: allocating with the
/// default instead would divide the year's costs another way unseen.
pub fn get_policy(conn: &Connection) -> Result<FundingPolicy> {
    let text: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = 'funding_policy'", [], |r| r.get(0)).optional()?;
    let Some(text) = text else { return Ok(FundingPolicy::default()) };
    serde_json::from_str(&text).map_err(|_| unreadable_policy(&text))
}

fn unreadable_policy(text: &str) -> Error {
    let mode = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("mode").and_then(|m| m.as_str()).map(str::to_string));
    match mode {
        Some(code) if FundingMode::from_code(&code).is_none() => {
            Error::Invalid(CodeError::Unknown { noun: <FundingMode as Code>::NOUN, code }.to_string())
        }
        _ => Error::Invalid(format!(
            "Het beleid van de regio in de opslag is onleesbaar ('{text}'). Sla het beleid opnieuw op bij de instellingen van de financiering."
        )),
    }
}

pub fn set_policy(conn: &Connection, policy: FundingPolicy) -> Result<()> {
    if !(0..=100).contains(&policy.insurer_percent) {
        return Err(Error::Invalid("Het aandeel van de verzekeraar is een percentage van 0 tot 100.".into()));
    }
    let text = serde_json::to_string(&policy).map_err(|e| Error::Invalid(e.to_string()))?;
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('funding_policy', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [text],
    )?;
    Ok(())
}

pub fn set_budget(
    conn: &Connection,
    municipality_code: &str,
    year: i32,
    cents: Cents,
    now: DateTime<Utc>,
) -> Result<()> {
    if cents < Cents::ZERO {
        return Err(Error::Invalid("Een budget kan niet negatief zijn.".into()));
    }
    super::changes::record_budget(conn, municipality_code, year, cents, now)?;
    conn.prepare_cached(
        "INSERT INTO budget (municipality_code, year, cents, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(municipality_code, year) DO UPDATE SET cents = excluded.cents, updated_at = excluded.updated_at",
    )?
    .execute(params![municipality_code, year, cents, crate::store::timestamp(now)])?;
    Ok(())
}

pub fn list_budgets(conn: &Connection, year: i32) -> Result<Vec<Budget>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.code, m.name, b.cents FROM budget b JOIN municipality m ON m.code = b.municipality_code
         WHERE b.year = ?1 ORDER BY m.name",
    )?;
    let rows = stmt.query_map([year], |r| {
        Ok(Budget { municipality: Municipality { code: r.get(0)?, name: r.get(1)? }, year, cents: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The header of a budget file.
pub const BUDGET_COLUMNS: &[&str] = &["gemeente", "jaar", "budget"];

/// `respijt import budgets FILE`: `gemeente;jaar;budget`. All or nothing by
/// default; the years touched are re-allocated.
pub fn import_budgets(
    conn: &mut Connection,
    table: &Table,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    for column in BUDGET_COLUMNS {
        if table.column(column).is_none() {
            return Err(Error::Invalid(format!(
                "De kolom {column} ontbreekt. Verwachte kolommen: gemeente;jaar;budget."
            )));
        }
    }
    let mut report = ImportReport { warnings: table.warnings.clone(), ..Default::default() };
    let mut rows = Vec::new();
    for (index, cells) in table.rows.iter().enumerate() {
        let row = index + 1;
        let cell = |name: &str| table.column(name).and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("").trim();
        let mut errors = Vec::new();
        let municipality = match region::find_municipality(conn, cell("gemeente"))? {
            Some(m) => Some(m),
            None => {
                errors.push(RowError {
                    row,
                    column: "gemeente".into(),
                    message: format!("Gemeente '{}' hoort niet bij de regio.", cell("gemeente")),
                });
                None
            }
        };
        let year = match cell("jaar").parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => Some(y),
            _ => {
                errors.push(RowError {
                    row,
                    column: "jaar".into(),
                    message: format!("'{}' is geen jaartal.", cell("jaar")),
                });
                None
            }
        };
        let cents = Cents::parse_euros(cell("budget"))
            .map_err(|m| errors.push(RowError { row, column: "budget".into(), message: m }))
            .ok();
        match (municipality, year, cents) {
            (Some(m), Some(y), Some(c)) if errors.is_empty() => rows.push((m.code, y, c)),
            _ => report.rejected.extend(errors),
        }
    }
    if !report.rejected.is_empty() && !options.skip_invalid {
        return Ok(report);
    }
    let tx = conn.transaction()?;
    let mut years = Vec::new();
    for (code, year, cents) in &rows {
        let existed: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM budget WHERE municipality_code = ?1 AND year = ?2)",
            rusqlite::params![code, year],
            |r| r.get(0),
        )?;
        set_budget(&tx, code, *year, *cents, now)?;
        report.imported += 1;
        if existed {
            report.updated += 1;
        } else {
            report.created += 1;
        }
        if !years.contains(year) {
            years.push(*year);
        }
    }
    for year in years {
        super::reallocate_year(&tx, year, now)?;
    }
    options.finish(tx)?;
    Ok(report)
}
