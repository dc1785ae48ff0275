//! Dutch public holidays (domain.md): Nieuwjaar, Goede Vrijdag, Pasen (2),
//! Koningsdag, 5 mei, Hemelvaart, Pinksteren (2), Kerst (2). Easter comes
//! from the `computus` crate.
//!
//! Koningsdag is 27-4 (26-4 when 27-4 is a Sunday) from 2014; before that
//! it was Koninginnedag on 30-4 (from 1980 on 29-4 when 30-4 is a Sunday,
//! before 1980 on 1-5), and up to 1948 on 31-8 (1-9 when a Sunday).
//! Whether 5 mei counts every year (the Algemene termijnenwet, the default)
//! or only every five years (the collective agreements that give the day
//! off in lustrum years) is a setting of the store.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};

const LIBERATION_DAY_KEY: &str = "liberation_day";

crate::codes::codes! {
    /// When 5 mei (Bevrijdingsdag) counts as a holiday.
    LiberationDay / "de regel voor 5 mei" {
        /// Every year, as the Algemene termijnenwet counts it (the default).
        EveryYear = "jaarlijks" / "Elk jaar (Algemene termijnenwet)",
        /// Only in lustrum years (2025, 2030, ...), as many collective agreements do.
        EveryFiveYears = "lustrum" / "Eens in de vijf jaar (2025, 2030, ...)",
    }
}

impl LiberationDay {
    fn counts_in(self, year: i32) -> bool {
        year >= 1945 && (self == LiberationDay::EveryYear || year % 5 == 0)
    }
}

/// The store's choices for the holiday list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolidayRules {
    pub liberation_day: LiberationDay,
}

impl Default for HolidayRules {
    fn default() -> Self {
        HolidayRules { liberation_day: LiberationDay::EveryYear }
    }
}

/// The rules as the store keeps them (setting `liberation_day`).
pub fn rules(conn: &Connection) -> Result<HolidayRules> {
    Ok(HolidayRules { liberation_day: liberation_day(conn)? })
}

pub fn liberation_day(conn: &Connection) -> Result<LiberationDay> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [LIBERATION_DAY_KEY], |r| r.get(0)).optional()?;
    match value.as_deref() {
        None => Ok(LiberationDay::EveryYear),
        Some(code) => LiberationDay::from_code(code).ok_or_else(|| {
            let other = code;
            Error::Invalid(format!(
            "De instelling voor 5 mei heeft een onbekende waarde '{other}'; kies in Instellingen opnieuw elk jaar of eens in de vijf jaar."
            ))
        }),
    }
}

pub fn set_liberation_day(conn: &Connection, rule: LiberationDay) -> Result<LiberationDay> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![LIBERATION_DAY_KEY, rule.code()],
    )?;
    Ok(rule)
}

/// The day of the monarch: Koningsdag from 2014, Koninginnedag before.
fn monarchs_day(year: i32) -> Option<(NaiveDate, &'static str)> {
    let on = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let (date, name) = match year {
        2014.. => (on(4, 27)?, "Koningsdag"),
        1949..=2013 => (on(4, 30)?, "Koninginnedag"),
        1891..=1948 => (on(8, 31)?, "Koninginnedag"),
        _ => return None,
    };
    if date.weekday() != Weekday::Sun {
        return Some((date, name));
    }
    // A Sunday: the day before from 1980, the day after before that.
    Some((if year >= 1980 { date - Days::new(1) } else { date + Days::new(1) }, name))
}

/// The holidays of a year, in date order, with their Dutch names.
pub fn holidays(year: i32, rules: HolidayRules) -> Vec<(NaiveDate, &'static str)> {
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let easter = computus::gregorian(year).ok().and_then(|e| NaiveDate::from_ymd_opt(e.year, e.month, e.day));
    let from_easter = |days: i64| {
        easter.and_then(|e| {
            if days >= 0 {
                e.checked_add_days(Days::new(days as u64))
            } else {
                e.checked_sub_days(Days::new(days.unsigned_abs()))
            }
        })
    };
    let monarch = monarchs_day(year);
    let liberation = if rules.liberation_day.counts_in(year) { date(5, 5) } else { None };
    let mut list: Vec<(NaiveDate, &'static str)> = [
        (date(1, 1), "Nieuwjaarsdag"),
        (from_easter(-2), "Goede Vrijdag"),
        (easter, "Eerste Paasdag"),
        (from_easter(1), "Tweede Paasdag"),
        (monarch.map(|(d, _)| d), monarch.map_or("Koningsdag", |(_, n)| n)),
        (liberation, "Bevrijdingsdag"),
        (from_easter(39), "Hemelvaartsdag"),
        (from_easter(49), "Eerste Pinksterdag"),
        (from_easter(50), "Tweede Pinksterdag"),
        (date(12, 25), "Eerste Kerstdag"),
        (date(12, 26), "Tweede Kerstdag"),
    ]
    .into_iter()
    .filter_map(|(d, name)| d.map(|d| (d, name)))
    .collect();
    list.sort();
    list
}

/// The holiday on this date, if any.
pub fn holiday_on(date: NaiveDate, rules: HolidayRules) -> Option<&'static str> {
    holidays(date.year(), rules).into_iter().find(|(d, _)| *d == date).map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: HolidayRules = HolidayRules { liberation_day: LiberationDay::EveryYear };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_2026_dates_from_the_domain_notes() {
        let list: Vec<NaiveDate> = holidays(2026, HolidayRules::default()).into_iter().map(|(date, _)| date).collect();
        for expected in [d(2026, 4, 3), d(2026, 4, 5), d(2026, 4, 6), d(2026, 4, 27), d(2026, 5, 14), d(2026, 5, 25)] {
            assert!(list.contains(&expected), "{expected} missing from {list:?}");
        }
        assert_eq!(list.len(), 11);
    }

    #[test]
    fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
        assert_eq!(holiday_on(d(2025, 4, 26), R), Some("Koningsdag"), "27-4-2025 is a Sunday");
        assert_eq!(holiday_on(d(2025, 4, 27), R), None);
        assert_eq!(holiday_on(d(2026, 12, 26), R), Some("Tweede Kerstdag"));
        assert_eq!(holiday_on(d(2026, 12, 27), R), None);
    }

    #[test]
    fn koninginnedag_up_to_2013() {
        assert_eq!(holiday_on(d(2013, 4, 30), R), Some("Koninginnedag"));
        assert_eq!(holiday_on(d(2013, 4, 27), R), None, "no Koningsdag before 2014");
        assert_eq!(holiday_on(d(2014, 4, 26), R), Some("Koningsdag"), "27-4-2014 is a Sunday");
        assert_eq!(holiday_on(d(2006, 4, 29), R), Some("Koninginnedag"), "30-4-2006 is a Sunday");
        assert_eq!(holiday_on(d(2006, 4, 30), R), None);
        assert_eq!(holiday_on(d(1978, 5, 1), R), Some("Koninginnedag"), "before 1980 a Sunday moved to Monday");
        assert_eq!(holiday_on(d(1938, 8, 31), R), Some("Koninginnedag"), "Wilhelmina's birthday");
    }

    #[test]
    fn liberation_day_every_year_or_every_five_years() {
        let lustrum = HolidayRules { liberation_day: LiberationDay::EveryFiveYears };
        assert_eq!(holiday_on(d(2026, 5, 5), R), Some("Bevrijdingsdag"));
        assert_eq!(holiday_on(d(2026, 5, 5), lustrum), None);
        assert_eq!(holiday_on(d(2025, 5, 5), lustrum), Some("Bevrijdingsdag"));
        assert_eq!(holiday_on(d(2030, 5, 5), lustrum), Some("Bevrijdingsdag"));
        assert_eq!(holidays(2026, lustrum).len(), 10);
    }

    #[test]
    fn the_setting_is_kept_in_the_store() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)").unwrap();
        assert_eq!(liberation_day(&conn).unwrap(), LiberationDay::EveryYear, "default: the Algemene termijnenwet");
        set_liberation_day(&conn, LiberationDay::EveryFiveYears).unwrap();
        assert_eq!(rules(&conn).unwrap().liberation_day, LiberationDay::EveryFiveYears);
    }
}
