//! What the ledger adds up: `Totals` per funder, and the kept totals per
//! month (`ledger_total`) and per caregiver's cap (`cap_total`), written
//! afresh after a whole year or changed by the delta of a partial one.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::funding::engine::{Part, SessionFacts};
use crate::funding::scheme::Scheme;
use crate::money::Cents;

/// What the ledger adds up for a funder (of one session, a month, or a
/// caregiver's cap): money, delivered minutes and cap days. Named, because
/// the store's two totals tables keep them in different column orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    pub cents: Cents,
    pub minutes: i64,
    pub cap_days: i64,
}

impl Totals {
    pub(super) fn is_zero(self) -> bool {
        self == Totals::default()
    }
}

impl From<&Part> for Totals {
    fn from(p: &Part) -> Totals {
        Totals { cents: Cents::new(p.cents), minutes: p.minutes, cap_days: p.cap_days }
    }
}

impl Add for Totals {
    type Output = Totals;
    fn add(self, o: Totals) -> Totals {
        Totals { cents: self.cents + o.cents, minutes: self.minutes + o.minutes, cap_days: self.cap_days + o.cap_days }
    }
}

impl Sub for Totals {
    type Output = Totals;
    fn sub(self, o: Totals) -> Totals {
        self + -o
    }
}

impl Neg for Totals {
    type Output = Totals;
    fn neg(self) -> Totals {
        Totals { cents: -self.cents, minutes: -self.minutes, cap_days: -self.cap_days }
    }
}

impl AddAssign for Totals {
    fn add_assign(&mut self, o: Totals) {
        *self = *self + o;
    }
}

impl SubAssign for Totals {
    fn sub_assign(&mut self, o: Totals) {
        *self = *self - o;
    }
}

/// Totals per funder, in funder order.
pub(super) type FunderTotals = BTreeMap<String, Totals>;

/// Change in the totals: per (month, funder) and per (funder, caregiver).
pub(super) type MonthDelta = BTreeMap<(u32, String), Totals>;
pub(super) type CapDelta = BTreeMap<(String, i64), Totals>;

pub(super) fn track_delta(
    months: &mut MonthDelta,
    caps: &mut CapDelta,
    month: u32,
    caregiver: i64,
    desired: &FunderTotals,
    now: &FunderTotals,
) {
    for (funder, t) in desired {
        *months.entry((month, funder.clone())).or_default() += *t;
        *caps.entry((funder.clone(), caregiver)).or_default() += *t;
    }
    for (funder, t) in now {
        *months.entry((month, funder.clone())).or_default() -= *t;
        *caps.entry((funder.clone(), caregiver)).or_default() -= *t;
    }
}

/// After re-allocation the net entries of every session equal its parts, so
/// the totals follow from the allocation without reading the ledger again.
pub(super) fn write_totals(
    conn: &Connection,
    year: i32,
    allocated: &[(&SessionFacts, &[Part])],
    schemes: &[Scheme],
) -> Result<()> {
    use chrono::Datelike;
    let mut months: BTreeMap<(u32, &str), Totals> = BTreeMap::new();
    let mut caps: HashMap<(&str, i64), Totals> = HashMap::new();
    for (facts, parts) in allocated {
        for p in *parts {
            let t = Totals::from(p);
            *months.entry((facts.date.month(), &*p.funder)).or_default() += t;
            if schemes.iter().any(|s| *s.code == *p.funder) {
                *caps.entry((&*p.funder, facts.caregiver_id)).or_default() += t;
            }
        }
    }
    conn.execute("DELETE FROM ledger_total WHERE year = ?1", [year])?;
    conn.execute("DELETE FROM cap_total WHERE year = ?1", [year])?;
    add_to_totals(conn, year, months, caps, schemes)
}

/// Adds to the kept totals of a year: the change of a partial
/// re-allocation, or a whole year's sums after its totals were removed.
/// Caps are kept for the schemes only.
pub(super) fn add_to_totals<'a>(
    conn: &Connection,
    year: i32,
    months: impl IntoIterator<Item = ((u32, &'a str), Totals)>,
    caps: impl IntoIterator<Item = ((&'a str, i64), Totals)>,
    schemes: &[Scheme],
) -> Result<()> {
    let mut month_upsert = conn.prepare_cached(
        "INSERT INTO ledger_total (year, month, funder, cents, minutes, cap_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(year, month, funder) DO UPDATE SET cents = cents + excluded.cents,
           minutes = minutes + excluded.minutes, cap_days = cap_days + excluded.cap_days",
    )?;
    for ((month, funder), t) in months {
        month_upsert.execute(params![year, month, funder, t.cents, t.minutes, t.cap_days])?;
    }
    let mut cap_upsert = conn.prepare_cached(
        "INSERT INTO cap_total (year, funder, caregiver_id, days, minutes, cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(year, funder, caregiver_id) DO UPDATE SET days = days + excluded.days,
           minutes = minutes + excluded.minutes, cents = cents + excluded.cents",
    )?;
    for ((funder, caregiver), t) in caps {
        if schemes.iter().any(|s| s.code == funder) {
            cap_upsert.execute(params![year, funder, caregiver, t.cap_days, t.minutes, t.cents])?;
        }
    }
    Ok(())
}
