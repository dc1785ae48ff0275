//! Reporting periods: a month (`2026-03`), a quarter (`2026-Q1`), a year
//! (`2026`) or two dates (`2026-01-01..2026-02-15`).

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::dutch;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub label: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|d| d.checked_sub_days(Days::new(1)))
}

impl Period {
    pub fn parse(text: &str) -> Result<Period> {
        let t = text.trim();
        let err = || {
            Error::Invalid(format!(
                "Onbekende periode '{t}'. Gebruik een maand (2026-03), een kwartaal (2026-Q1), een jaar (2026) of twee datums (2026-01-01..2026-02-15)."
            ))
        };
        if let Some((a, b)) = t.split_once("..") {
            let first = dutch::parse_date(a).map_err(|_| err())?;
            let last = dutch::parse_date(b).map_err(|_| err())?;
            if last < first {
                return Err(err());
            }
            return Ok(Period { label: format!("{first}..{last}"), first, last });
        }
        let parts: Vec<&str> = t.split('-').collect();
        let year: i32 = parts.first().and_then(|y| (y.len() == 4).then(|| y.parse().ok()).flatten()).ok_or_else(err)?;
        let (first, last) = match parts.get(1) {
            None => (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)),
            Some(q) if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
                let n: u32 = q[1..].parse().map_err(|_| err())?;
                if !(1..=4).contains(&n) {
                    return Err(err());
                }
                (NaiveDate::from_ymd_opt(year, 3 * n - 2, 1), month_end(year, 3 * n))
            }
            Some(m) if parts.len() == 2 => {
                let month: u32 = m.parse().map_err(|_| err())?;
                (NaiveDate::from_ymd_opt(year, month, 1), month_end(year, month))
            }
            Some(_) => return Err(err()),
        };
        let (first, last) = first.zip(last).ok_or_else(err)?;
        let label = match parts.get(1) {
            None => year.to_string(),
            Some(q) if q.to_uppercase().starts_with('Q') => format!("{year}-{}", q.to_uppercase()),
            Some(_) => format!("{year}-{:02}", first.month()),
        };
        Ok(Period { label, first, last })
    }
}

#[cfg(test)]
mod tests {
    use super::Period;

    fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn months_quarters_years_and_ranges() {
        let q = Period::parse("2026-Q1").ok();
        assert_eq!(q.map(|p| (p.first, p.last)), Some((d(2026, 1, 1), d(2026, 3, 31))));
        let m = Period::parse("2026-02").ok();
        assert_eq!(m.map(|p| (p.label, p.last)), Some(("2026-02".into(), d(2026, 2, 28))));
        let y = Period::parse("2026").ok();
        assert_eq!(y.map(|p| p.last), Some(d(2026, 12, 31)));
        let r = Period::parse("2026-01-10..2026-02-15").ok();
        assert_eq!(r.map(|p| (p.first, p.last)), Some((d(2026, 1, 10), d(2026, 2, 15))));
        for bad in ["2026-Q5", "2026-13", "volgend jaar", "26-Q1", "2026-02-01..2026-01-01"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }
}
