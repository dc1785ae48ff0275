//! What the allocation is given: the delivered sessions of a year (or of
//! part of it) with their cost and the scheme that covers them, the tariffs,
//! the budgets and the policy. Read so that a year of about 200,000 sessions
//! comes from one index scan and a few small tables.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::engine::{Cap, Policy, SchemeRule, SessionFacts};
use super::scheme::{get_policy, list_schemes, CapUnit, FundingMode, PolicyHolder, Scheme};
use crate::dutch;
use crate::error::Result;
use crate::insurer::InsurerIndex;
use crate::intake::RespiteForm;
use crate::money::Cents;
use crate::planning::minutes_at;
use crate::provider::Unit;

/// Tariffs per provider and form, each with its validity.
pub(super) type Tariffs = HashMap<(i64, RespiteForm), Vec<(NaiveDate, Option<NaiveDate>, i64)>>;

/// What a session costs: the provider's tariff valid on its date times the
/// quantity. Per hour: tariff x minutes / 60, half up to a whole cent; per
/// dagdeel or etmaal: the units planned, or as many as the time fills.
/// `None` when no tariff is valid on that date.
pub(super) fn cost_of(
    tariffs: &Tariffs,
    provider: i64,
    form: RespiteForm,
    unit: Unit,
    units: i64,
    minutes: i64,
    date: NaiveDate,
) -> Option<i64> {
    let tariff = tariffs
        .get(&(provider, form))?
        .iter()
        .find(|(from, to, _)| *from <= date && to.is_none_or(|t| t >= date))
        .map(|(_, _, cents)| Cents::new(*cents))?;
    Some(match unit.minutes() {
        None => tariff.per_hour_times_minutes(minutes).cents(),
        Some(per_unit) => tariff.cents() * if units > 0 { units } else { (minutes + per_unit - 1) / per_unit },
    })
}

pub(super) fn tariffs(conn: &Connection) -> Result<Tariffs> {
    let mut map: Tariffs = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT s.provider_id, s.form, t.valid_from, t.valid_to, t.cents FROM tariff t JOIN provider_service s ON s.id = t.service_id",
    )?;
    for row in
        stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, RespiteForm>(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
    {
        let (provider, form, from, to, cents) = row?;
        map.entry((provider, form)).or_default().push((from, to, cents));
    }
    for list in map.values_mut() {
        list.sort_by_key(|(from, _, _)| std::cmp::Reverse(*from));
    }
    Ok(map)
}

pub(super) fn scheme_rule(s: &Scheme) -> SchemeRule {
    let cap = match (s.cap_unit, s.day_minutes) {
        (CapUnit::Days, None) => Cap::Days(s.cap_amount),
        (CapUnit::Days, Some(minutes)) => Cap::DaysOfMinutes { days: s.cap_amount, minutes_per_day: minutes },
        (CapUnit::Hours, _) => Cap::Minutes(s.cap_amount),
        (CapUnit::Euros, _) => Cap::Cents(s.cap_amount),
    };
    SchemeRule { code: s.code.clone(), cap }
}

/// One person's health insurance: the insurer as stored and whether there
/// is a supplementary policy.
#[derive(Debug, Clone, Copy)]
pub(super) struct Insured<'a> {
    pub insurer: &'a str,
    pub supplementary: bool,
}

/// The first active scheme version in force on the session's date that
/// covers it, if any: on the caregiver's policy or on the recipient's, as
/// the scheme says. Insurer names are compared through the insurer list
/// (`InsurerIndex`), so "VGZ Zorgverzekeraar" on a policy is VGZ.
#[allow(clippy::too_many_arguments)]
pub(super) fn covering(
    schemes: &[Scheme],
    ineligible: u64,
    index: &InsurerIndex,
    form: RespiteForm,
    date: NaiveDate,
    caregiver: Insured<'_>,
    recipient: Insured<'_>,
    wlz: bool,
) -> Option<usize> {
    let caregiver_insurer = dutch::fold(&index.canonical(caregiver.insurer));
    let recipient_insurer = dutch::fold(&index.canonical(recipient.insurer));
    schemes.iter().enumerate().position(|(i, s)| {
        let (insurer, policy) = match s.policy_holder {
            PolicyHolder::Caregiver => (&caregiver_insurer, caregiver),
            PolicyHolder::Recipient => (&recipient_insurer, recipient),
        };
        ineligible & bit(i) == 0
            && s.active
            && s.valid_on(date)
            && !insurer.is_empty()
            && s.forms.contains(&form)
            && s.insurers.iter().any(|i| dutch::fold(&index.canonical(i)) == *insurer)
            && (!s.requires_supplementary || policy.supplementary)
            && !(s.exclude_wlz && wlz)
    })
}

fn bit(i: usize) -> u64 {
    if i < 64 {
        1 << i
    } else {
        0
    }
}

/// The schemes (as bits, by index) whose definition of a mantelzorger this
/// caregiver does not meet on a date; 0 when no scheme sets a condition.
pub(super) fn ineligible(
    schemes: &[Scheme],
    care_minutes: Option<i64>,
    caring_since: Option<NaiveDate>,
    on: NaiveDate,
) -> u64 {
    schemes
        .iter()
        .enumerate()
        .filter(|(_, s)| s.has_conditions() && !s.admits(care_minutes, caring_since, on))
        .fold(0, |mask, (i, _)| mask | bit(i))
}

/// The first minute after a year, in the store's wall-clock minutes.
pub(super) fn year_end_minutes(year: i32) -> i64 {
    minutes_at(NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or_default(), 0)
}

pub(crate) fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(), NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default())
}

/// Which delivered sessions of a year to read.
pub(crate) enum Filter<'a> {
    Year,
    /// From a date on: the sessions of these caregivers, and all sessions of
    /// recipients in these municipalities (whose budgets couple them).
    From {
        date: NaiveDate,
        caregivers: &'a [i64],
        municipalities: &'a [String],
    },
}

const FACT_COLUMNS: &str =
    "SELECT s.id, s.caregiver_id, s.date, s.starts_at, s.delivered_minutes, s.units, s.unit, s.form,
        s.provider_id, c.insurer, c.supplementary_policy, r.municipality_code, r.wlz_indication,
        c.care_minutes_per_week, c.caring_since, r.insurer, r.supplementary_policy";

#[derive(Debug, Clone)]
struct Recipient {
    municipality: Option<Rc<str>>,
    wlz: bool,
    insurer: u32,
    supplementary: bool,
}

/// What decides who pays for one session, besides the session itself.
struct Who {
    insurer: u32,
    supplementary: bool,
    recipient_insurer: u32,
    recipient_supplementary: bool,
    municipality: Option<Rc<str>>,
    wlz: bool,
}

/// The insurance of every caregiver and the municipality and Wlz indication
/// of every recipient: a few tens of thousands of rows, read once for a
/// year. Insurers are numbered, so deciding the covering scheme per
/// session hashes numbers, not names.
#[derive(Default)]
struct People {
    caregivers: HashMap<i64, (u32, bool)>,
    /// Minutes of care a week and the date caring began, for schemes with conditions.
    care: HashMap<i64, (Option<i64>, Option<NaiveDate>)>,
    recipients: HashMap<i64, Recipient>,
    /// Each municipality code once, shared by the sessions that name it.
    municipalities: HashMap<String, Rc<str>>,
    insurers: Vec<String>,
    insurer_ids: HashMap<String, u32>,
}

impl People {
    fn load(conn: &Connection) -> Result<People> {
        let mut people = People::default();
        let mut stmt = conn.prepare_cached(
            "SELECT id, insurer, supplementary_policy, care_minutes_per_week, caring_since FROM caregiver",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let insurer = people.intern(r.get_ref(1)?.as_str().unwrap_or_default());
            people.caregivers.insert(r.get(0)?, (insurer, r.get(2)?));
            people.care.insert(r.get(0)?, (r.get(3)?, r.get(4)?));
        }
        let mut stmt = conn.prepare_cached(
            "SELECT id, municipality_code, wlz_indication, insurer, supplementary_policy FROM care_recipient",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let municipality = r.get::<_, Option<String>>(1)?.map(|code| people.municipality(&code));
            let insurer = people.intern(r.get_ref(3)?.as_str().unwrap_or_default());
            people
                .recipients
                .insert(r.get(0)?, Recipient { municipality, wlz: r.get(2)?, insurer, supplementary: r.get(4)? });
        }
        Ok(people)
    }

    fn municipality(&mut self, code: &str) -> Rc<str> {
        if let Some(shared) = self.municipalities.get(code) {
            return shared.clone();
        }
        let shared: Rc<str> = code.into();
        self.municipalities.insert(code.to_string(), shared.clone());
        shared
    }

    fn intern(&mut self, insurer: &str) -> u32 {
        if let Some(id) = self.insurer_ids.get(insurer) {
            return *id;
        }
        let id = self.insurers.len() as u32;
        self.insurers.push(insurer.to_string());
        self.insurer_ids.insert(insurer.to_string(), id);
        id
    }

    fn insurer_name(&self, id: u32) -> &str {
        self.insurers.get(id as usize).map_or("", String::as_str)
    }

    fn facts(&self, caregiver: i64, recipient: i64) -> Who {
        let (insurer, supplementary) = self.caregivers.get(&caregiver).copied().unwrap_or((u32::MAX, false));
        let r = self.recipients.get(&recipient).cloned().unwrap_or(Recipient {
            municipality: None,
            wlz: false,
            insurer: u32::MAX,
            supplementary: false,
        });
        Who {
            insurer,
            supplementary,
            recipient_insurer: r.insurer,
            recipient_supplementary: r.supplementary,
            municipality: r.municipality,
            wlz: r.wlz,
        }
    }
}

/// What decides the covering scheme of a session: form, insurers and
/// supplementary policies (caregiver's, recipient's), Wlz, the date (when versions differ within the
/// year) and the schemes whose conditions the caregiver does not meet.
type CoverKey = (RespiteForm, [u32; 2], [bool; 2], bool, NaiveDate, u64);

/// Delivered sessions of a year with their cost, as the engine wants them.
pub(crate) fn delivered_facts(
    conn: &Connection,
    year: i32,
    filter: &Filter<'_>,
) -> Result<(Vec<SessionFacts>, Vec<Scheme>, usize)> {
    let (first, last) = year_bounds(year);
    let schemes: Vec<Scheme> = list_schemes(conn)?;
    let index = InsurerIndex::load(conn)?;
    // Versions in force on some day of the year decide; a version's days
    // outside its validity are left to the next one.
    let in_year: Vec<bool> = schemes.iter().map(|s| s.valid_in(year)).collect();
    let versioned =
        schemes.iter().zip(&in_year).any(|(s, used)| *used && (s.valid_from.is_some() || s.valid_to.is_some()));
    let tariffs = tariffs(conn)?;
    let mut without_tariff = 0;
    // A whole year is read from the session index alone, with the few
    // facts of caregivers and recipients it needs looked up in memory; a
    // part of a year joins them in.
    let (sql, from, list): (String, NaiveDate, String) = match filter {
        Filter::Year => (
            "SELECT s.id, s.caregiver_id, s.date, s.starts_at, s.delivered_minutes, s.units, s.unit, s.form,
                    s.provider_id, s.recipient_id
             FROM session s INDEXED BY session_by_status_date
             WHERE s.status = 'uitgevoerd' AND s.date BETWEEN ?1 AND ?2 AND ?3 = ?3 AND ?4 = ?4 AND ?5 = ?5"
                .to_string(),
            first,
            String::new(),
        ),
        Filter::From { date, caregivers, municipalities: [] } => {
            let caregivers = serde_json::to_string(caregivers).unwrap_or_else(|_| "[]".into());
            (
                format!(
                    "{FACT_COLUMNS} FROM session s INDEXED BY session_caregiver_time
                       JOIN caregiver c ON c.id = s.caregiver_id JOIN care_recipient r ON r.id = s.recipient_id
                     WHERE s.caregiver_id IN (SELECT value FROM json_each(?3)) AND s.starts_at >= ?4 AND s.starts_at < ?5
                       AND s.date BETWEEN ?1 AND ?2 AND s.status = 'uitgevoerd'"
                ),
                (*date).max(first),
                caregivers,
            )
        }
        Filter::From { date, caregivers, municipalities } => {
            // Two index-friendly halves: by caregiver, and by municipality over the date range.
            let caregivers = serde_json::to_string(caregivers).unwrap_or_else(|_| "[]".into());
            let municipalities = serde_json::to_string(municipalities).unwrap_or_else(|_| "[]".into());
            (
                format!(
                    "{FACT_COLUMNS} FROM session s INDEXED BY session_caregiver_time
                       JOIN caregiver c ON c.id = s.caregiver_id JOIN care_recipient r ON r.id = s.recipient_id
                     WHERE s.caregiver_id IN (SELECT value FROM json_each(json_extract(?3, '$[0]')))
                       AND s.starts_at >= ?4 AND s.starts_at < ?5
                       AND s.date BETWEEN ?1 AND ?2 AND s.status = 'uitgevoerd'
                     UNION
                     {FACT_COLUMNS} FROM session s JOIN caregiver c ON c.id = s.caregiver_id
                       JOIN care_recipient r ON r.id = s.recipient_id
                     WHERE r.municipality_code IN (SELECT value FROM json_each(json_extract(?3, '$[1]')))
                       AND s.date BETWEEN ?1 AND ?2 AND s.status = 'uitgevoerd'"
                ),
                (*date).max(first),
                format!("[{caregivers},{municipalities}]"),
            )
        }
    };
    let mut people = match filter {
        Filter::Year => People::load(conn)?,
        Filter::From { .. } => People::default(),
    };
    let joined = matches!(filter, Filter::From { .. });
    // Few distinct combinations of form and insurance: decide each once.
    // With versions in the year the date matters too (one day stands for all when none).
    let mut covers: HashMap<CoverKey, Option<usize>> = HashMap::new();
    let conditions = schemes.iter().any(Scheme::has_conditions);
    let mut facts = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    // Start times of the range too, for the caregivers' index (by start time).
    let mut rows = stmt.query(params![from, last, list, minutes_at(from, 0), year_end_minutes(year)])?;
    while let Some(r) = rows.next()? {
        let caregiver_id: i64 = r.get(1)?;
        let who = if joined {
            let insurer = people.intern(r.get_ref(9)?.as_str().unwrap_or_default());
            let recipient_insurer = people.intern(r.get_ref(15)?.as_str().unwrap_or_default());
            let municipality = r.get::<_, Option<String>>(11)?.map(|code| people.municipality(&code));
            Who {
                insurer,
                supplementary: r.get(10)?,
                recipient_insurer,
                recipient_supplementary: r.get(16)?,
                municipality,
                wlz: r.get(12)?,
            }
        } else {
            people.facts(caregiver_id, r.get(9)?)
        };
        let date: NaiveDate = match crate::store::iso_date(r.get_ref(2)?.as_str().unwrap_or_default()) {
            Some(date) => date,
            None => r.get(2)?,
        };
        let minutes: i64 = r.get::<_, Option<i64>>(4)?.unwrap_or(0);
        let units: i64 = r.get(5)?;
        // Decoded from the row's text without allocating; an unknown code is
        // an error (in Dutch), never an hourly price or respite at home.
        let unit: Unit = r.get(6)?;
        let form: RespiteForm = r.get(7)?;
        let provider: i64 = r.get(8)?;
        let cost = match cost_of(&tariffs, provider, form, unit, units, minutes, date) {
            Some(cost) => cost,
            None => {
                without_tariff += 1;
                0
            }
        };
        let on = if versioned { date } else { first };
        let not_for = if !conditions {
            0
        } else if joined {
            ineligible(&schemes, r.get(13)?, r.get(14)?, date)
        } else {
            let (care, since) = people.care.get(&caregiver_id).copied().unwrap_or_default();
            ineligible(&schemes, care, since, date)
        };
        let key = (
            form,
            [who.insurer, who.recipient_insurer],
            [who.supplementary, who.recipient_supplementary],
            who.wlz,
            on,
            not_for,
        );
        let scheme = *covers.entry(key).or_insert_with(|| {
            let caregiver = Insured { insurer: people.insurer_name(who.insurer), supplementary: who.supplementary };
            let recipient = Insured {
                insurer: people.insurer_name(who.recipient_insurer),
                supplementary: who.recipient_supplementary,
            };
            covering(&schemes, not_for, &index, form, date, caregiver, recipient, who.wlz)
        });
        facts.push(SessionFacts {
            id: r.get(0)?,
            caregiver_id,
            date,
            starts_at: r.get(3)?,
            minutes,
            cost,
            municipality: who.municipality,
            scheme,
        });
    }
    Ok((facts, schemes, without_tariff))
}

pub(crate) fn engine_policy(conn: &Connection) -> Result<Policy> {
    let policy = get_policy(conn)?;
    Ok(match policy.mode {
        FundingMode::Sequential => Policy::Sequential,
        FundingMode::CoFunding => Policy::CoFunding { insurer_percent: policy.insurer_percent },
    })
}

pub(crate) fn budgets(conn: &Connection, year: i32) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT municipality_code, cents FROM budget WHERE year = ?1")?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
