//! Reporting periods: a month (`2026-03`), a quarter (`2026-Q1`), a year
//! (`2026`) or two dates (`2026-01-01..2026-02-15`); for scheduled runs also
//! the period before the day it runs (`vorige-maand`, `vorig-kwartaal`,
//! `vorig-jaar`).

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dutch;
use crate::error::{Error, FieldError, Result};

/// A period as the export screen chooses it (typed, no text to build), or
/// as text the way the CLI takes it (`2026-Q1`, `2026-03`, `2026`,
/// `2026-01-01..2026-02-15`). `resolve` gives the dates; a choice that
/// cannot be a period is refused with a Dutch message, next to the field
/// for two dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum PeriodChoice {
    Quarter {
        year: i32,
        quarter: u32,
    },
    Month {
        year: i32,
        month: u32,
    },
    Year {
        year: i32,
    },
    /// Two dates as typed (`dd-mm-jjjj`), both included.
    Dates {
        from: String,
        to: String,
    },
    Text {
        text: String,
    },
}

impl Default for PeriodChoice {
    fn default() -> Self {
        PeriodChoice::Text { text: String::new() }
    }
}

impl From<&str> for PeriodChoice {
    fn from(text: &str) -> Self {
        PeriodChoice::Text { text: text.to_string() }
    }
}

impl From<String> for PeriodChoice {
    fn from(text: String) -> Self {
        PeriodChoice::Text { text }
    }
}

impl PeriodChoice {
    /// A period as typed on the command line, on `today` (the day it runs,
    /// in the director's own time zone): `vorige-maand`, `vorig-kwartaal`
    /// and `vorig-jaar` become the whole month, quarter or year before the
    /// one `today` is in; anything else is the text itself.
    pub fn on_day(text: &str, today: NaiveDate) -> PeriodChoice {
        let (year, month) = (today.year(), today.month());
        match text.trim().to_lowercase().replace([' ', '_'], "-").as_str() {
            "vorige-maand" if month == 1 => PeriodChoice::Month { year: year - 1, month: 12 },
            "vorige-maand" => PeriodChoice::Month { year, month: month - 1 },
            "vorig-kwartaal" => match (month - 1) / 3 {
                0 => PeriodChoice::Quarter { year: year - 1, quarter: 4 },
                q => PeriodChoice::Quarter { year, quarter: q },
            },
            "vorig-jaar" => PeriodChoice::Year { year: year - 1 },
            _ => PeriodChoice::Text { text: text.to_string() },
        }
    }

    pub fn resolve(&self) -> Result<Period> {
        match self {
            PeriodChoice::Quarter { year, quarter } => Period::parse(&format!("{year}-Q{quarter}")),
            PeriodChoice::Month { year, month } => Period::parse(&format!("{year}-{month:02}")),
            PeriodChoice::Year { year } => Period::parse(&format!("{year}")),
            PeriodChoice::Text { text } => Period::parse(text),
            PeriodChoice::Dates { from, to } => {
                let mut fields = Vec::new();
                let first = dutch::parse_date(from).map_err(|m| fields.push(FieldError::new("from", m))).ok();
                let last = dutch::parse_date(to).map_err(|m| fields.push(FieldError::new("to", m))).ok();
                match (first, last) {
                    (Some(first), Some(last)) if last < first => {
                        Err(Error::Validation(vec![FieldError::new("to", "De einddatum ligt voor de begindatum.")]))
                    }
                    (Some(first), Some(last)) => Ok(Period { label: format!("{first}..{last}"), first, last }),
                    _ => Err(Error::Validation(fields)),
                }
            }
        }
    }
}

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
                "Onbekende periode '{t}'. Gebruik een maand (2026-03), een kwartaal (2026-Q1), een jaar (2026), twee datums (2026-01-01..2026-02-15) of, op de opdrachtregel, vorige-maand, vorig-kwartaal of vorig-jaar."
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
    use super::{Period, PeriodChoice};

    #[test]
    fn a_typed_choice_is_the_same_period_as_its_text() {
        let pairs = [
            (PeriodChoice::Quarter { year: 2026, quarter: 1 }, "2026-Q1"),
            (PeriodChoice::Month { year: 2026, month: 3 }, "2026-03"),
            (PeriodChoice::Year { year: 2026 }, "2026"),
            (PeriodChoice::Dates { from: "1-1-2026".into(), to: "15-02-2026".into() }, "2026-01-01..2026-02-15"),
        ];
        for (choice, text) in pairs {
            assert_eq!(choice.resolve().ok(), Period::parse(text).ok(), "{text}");
        }
        assert!(PeriodChoice::Quarter { year: 2026, quarter: 5 }.resolve().is_err());
        assert!(PeriodChoice::Month { year: 2026, month: 13 }.resolve().is_err());
    }

    #[test]
    fn two_dates_that_cannot_be_are_refused_next_to_their_field() {
        let fields = |choice: PeriodChoice| match choice.resolve() {
            Err(crate::Error::Validation(f)) => f.into_iter().map(|f| f.field).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(fields(PeriodChoice::Dates { from: "31-02-2026".into(), to: "15-03-2026".into() }), ["from"]);
        assert_eq!(fields(PeriodChoice::Dates { from: "01-03-2026".into(), to: "".into() }), ["to"]);
        assert_eq!(fields(PeriodChoice::Dates { from: "01-03-2026".into(), to: "01-02-2026".into() }), ["to"]);
    }

    fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_period_before_the_day_it_runs() {
        let on = |text: &str, today| PeriodChoice::on_day(text, today).resolve().map(|p| p.label).unwrap_or_default();
        let jan15 = d(2026, 1, 15);
        assert_eq!(on("vorig-kwartaal", jan15), "2025-Q4");
        assert_eq!(on("vorige-maand", jan15), "2025-12");
        assert_eq!(on("vorig-jaar", jan15), "2025");
        assert_eq!(on("vorig-kwartaal", d(2026, 4, 1)), "2026-Q1", "the first day of a quarter: the one just ended");
        assert_eq!(on("vorig-kwartaal", d(2026, 12, 31)), "2026-Q3");
        assert_eq!(on("vorige-maand", d(2026, 3, 31)), "2026-02");
        let feb = PeriodChoice::on_day("Vorige maand", d(2024, 3, 1)).resolve().unwrap();
        assert_eq!((feb.first, feb.last), (d(2024, 2, 1), d(2024, 2, 29)), "a leap year's February, whole");
        assert_eq!(on("2026-Q1", jan15), "2026-Q1", "a fixed period stays itself");
        assert!(PeriodChoice::on_day("volgend-jaar", jan15).resolve().is_err());
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
