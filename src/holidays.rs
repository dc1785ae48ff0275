//! Dutch public holidays (domain.md): Nieuwjaar, Goede Vrijdag, Pasen (2),
//! Koningsdag (27-4, or 26-4 when 27-4 is a Sunday), 5 mei, Hemelvaart,
//! Pinksteren (2), Kerst (2). Easter comes from the `computus` crate.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The holidays of a year, in date order, with their Dutch names.
pub fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
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
    let kings_day = date(4, 27).map(|d| if d.weekday() == Weekday::Sun { d - Days::new(1) } else { d });
    let mut list: Vec<(NaiveDate, &'static str)> = [
        (date(1, 1), "Nieuwjaarsdag"),
        (from_easter(-2), "Goede Vrijdag"),
        (easter, "Eerste Paasdag"),
        (from_easter(1), "Tweede Paasdag"),
        (kings_day, "Koningsdag"),
        (date(5, 5), "Bevrijdingsdag"),
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
pub fn holiday_on(date: NaiveDate) -> Option<&'static str> {
    holidays(date.year()).into_iter().find(|(d, _)| *d == date).map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_2026_dates_from_the_domain_notes() {
        let list: Vec<NaiveDate> = holidays(2026).into_iter().map(|(date, _)| date).collect();
        for expected in [d(2026, 4, 3), d(2026, 4, 5), d(2026, 4, 6), d(2026, 4, 27), d(2026, 5, 14), d(2026, 5, 25)] {
            assert!(list.contains(&expected), "{expected} missing from {list:?}");
        }
        assert_eq!(list.len(), 11);
    }

    #[test]
    fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
        assert_eq!(holiday_on(d(2025, 4, 26)), Some("Koningsdag"), "27-4-2025 is a Sunday");
        assert_eq!(holiday_on(d(2025, 4, 27)), None);
        assert_eq!(holiday_on(d(2026, 12, 26)), Some("Tweede Kerstdag"));
        assert_eq!(holiday_on(d(2026, 12, 27)), None);
    }
}
