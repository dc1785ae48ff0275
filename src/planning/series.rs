//! Expanding a recurring series: every N weeks on given weekdays, until a
//! date or a count, optionally skipping public holidays.

use chrono::{Datelike, Days, NaiveDate};

use crate::holidays::{self, HolidayRules};
use crate::intake::Weekday;

/// At most ten years of weekly sessions: a series without an end is a mistake.
const MAX_OCCURRENCES: usize = 520;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeriesDates {
    pub dates: Vec<NaiveDate>,
    /// Dates the series would have had, left out because they are holidays.
    pub skipped: Vec<(NaiveDate, &'static str)>,
}

fn weekday_index(day: Weekday) -> u64 {
    Weekday::ALL.iter().position(|d| *d == day).unwrap_or(0) as u64
}

/// The dates of a series. The first week is the week of `first`; dates
/// before `first` in that week are not part of it.
pub fn expand_series(
    first: NaiveDate,
    every_weeks: u32,
    weekdays: &[Weekday],
    until: Option<NaiveDate>,
    count: Option<usize>,
    skip_holidays: Option<HolidayRules>,
) -> Result<SeriesDates, String> {
    if every_weeks == 0 || every_weeks > 52 {
        return Err("Kies om de hoeveel weken (1 tot 52).".into());
    }
    if weekdays.is_empty() {
        return Err("Kies minstens één dag van de week.".into());
    }
    if until.is_none() && count.is_none() {
        return Err("Kies een einddatum of een aantal keer.".into());
    }
    if until.is_some_and(|u| u < first) {
        return Err("De einddatum ligt voor de eerste datum.".into());
    }
    let limit = count.unwrap_or(MAX_OCCURRENCES).min(MAX_OCCURRENCES);
    let mut days: Vec<u64> = weekdays.iter().map(|d| weekday_index(*d)).collect();
    days.sort_unstable();
    days.dedup();
    let monday = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    // Holidays by year, looked up once per year rather than per date.
    let mut holiday_cache: Vec<(i32, Vec<(NaiveDate, &'static str)>)> = Vec::new();
    let mut result = SeriesDates::default();
    let mut week = 0u64;
    'weeks: loop {
        let week_start = monday + Days::new(week * 7);
        for day in &days {
            let date = week_start + Days::new(*day);
            if date < first {
                continue;
            }
            if until.is_some_and(|u| date > u) || result.dates.len() >= limit {
                break 'weeks;
            }
            if let Some(rules) = skip_holidays {
                let year = date.year();
                if !holiday_cache.iter().any(|(y, _)| *y == year) {
                    holiday_cache.push((year, holidays::holidays(year, rules)));
                }
                let holiday = holiday_cache
                    .iter()
                    .find(|(y, _)| *y == year)
                    .and_then(|(_, list)| list.iter().find(|(d, _)| *d == date));
                if let Some((d, name)) = holiday {
                    result.skipped.push((*d, name));
                    continue;
                }
            }
            result.dates.push(date);
        }
        week += u64::from(every_weeks);
        if week > 52 * 11 {
            break;
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    #[test]
    fn weekly_on_monday_across_easter_skips_easter_monday() {
        let s = expand_series(d(3, 23), 1, &[Weekday::Monday], None, Some(4), Some(HolidayRules::default()))
            .unwrap_or_default();
        assert_eq!(s.dates, vec![d(3, 23), d(3, 30), d(4, 13), d(4, 20)]);
        assert_eq!(s.skipped, vec![(d(4, 6), "Tweede Paasdag")]);
        let kept = expand_series(d(3, 23), 1, &[Weekday::Monday], None, Some(4), None).unwrap_or_default();
        assert_eq!(kept.dates, vec![d(3, 23), d(3, 30), d(4, 6), d(4, 13)]);
    }

    #[test]
    fn every_two_weeks_on_two_days_until_a_date() {
        let s = expand_series(d(11, 25), 2, &[Weekday::Friday, Weekday::Monday], Some(d(12, 11)), None, None)
            .unwrap_or_default();
        // Week of 23-11: Monday is before the first date; Friday 27-11. Then the week of 7-12.
        assert_eq!(s.dates, vec![d(11, 27), d(12, 7), d(12, 11)]);
    }

    #[test]
    fn a_series_needs_an_end_and_a_day() {
        assert!(expand_series(d(1, 5), 1, &[Weekday::Monday], None, None, None).is_err());
        assert!(expand_series(d(1, 5), 1, &[], Some(d(2, 1)), None, None).is_err());
        assert!(expand_series(d(1, 5), 0, &[Weekday::Monday], Some(d(2, 1)), None, None).is_err());
    }
}
