//! A series drafted from a need: what the series form starts with when the
//! director picks a provider from the match list. The director changes what
//! she likes; the core checks the result when it is previewed or planned.

use chrono::Datelike;

use super::clock_text;
use super::session::{SeriesInput, SessionInput};
use crate::dutch;
use crate::intake::{Daypart, Weekday};
use crate::matching::NeedInput;

/// Without hours per week in the need, a session of three hours.
const DEFAULT_SESSION_MINUTES: i64 = 180;

impl Daypart {
    /// When a session in this part of the day starts, unless changed.
    pub fn start_minute(self) -> i64 {
        match self {
            Daypart::Morning => 9 * 60,
            Daypart::Afternoon => 13 * 60,
            Daypart::Evening => 18 * 60,
            Daypart::Night => 23 * 60,
        }
    }
}

/// The series form for `need` with provider `provider_id` (and the helper
/// the caregiver already knows there): the days asked (else the weekday of
/// the first date), the first daypart's start time, the week's hours spread
/// over those days (an end time; an hourly provider uses it, another counts
/// `units`), and as many sessions as the weeks asked hold.
pub fn draft_series(need: &NeedInput, provider_id: i64, helper_id: Option<i64>) -> SeriesInput {
    let first = dutch::parse_date(&need.first_date).ok();
    let weekdays: Vec<Weekday> = if !need.weekdays.is_empty() {
        need.weekdays.clone()
    } else {
        first.map(|d| Weekday::ALL[d.weekday().num_days_from_monday() as usize]).into_iter().collect()
    };
    let start = Daypart::ALL
        .iter()
        .find(|p| need.dayparts.contains(p))
        .map_or(Daypart::Morning.start_minute(), |p| p.start_minute());
    let days = weekdays.len().max(1) as i64;
    let per_session = match dutch::parse_hours_as_minutes(&need.hours_per_week) {
        Ok(minutes) if minutes / days > 0 => minutes / days,
        _ => DEFAULT_SESSION_MINUTES,
    };
    // A session ends on the day it starts in this draft: at the latest 23:59.
    let end = (start + per_session).min(23 * 60 + 59);
    SeriesInput {
        session: SessionInput {
            caregiver_id: need.caregiver_id,
            recipient_id: need.recipient_id,
            provider_id,
            helper_id,
            form: need.form,
            date: need.first_date.trim().to_string(),
            start_time: clock_text(start),
            end_time: clock_text(end),
            units: "1".into(),
            ..Default::default()
        },
        every_weeks: 1,
        count: (i64::from(need.weeks.max(1)) * days).to_string(),
        weekdays,
        until: String::new(),
        skip_holidays: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::RespiteForm;

    fn need() -> NeedInput {
        NeedInput {
            caregiver_id: 7,
            recipient_id: 3,
            form: Some(RespiteForm::AtHome),
            hours_per_week: "6".into(),
            weekdays: vec![Weekday::ALL[1], Weekday::ALL[3]],
            dayparts: vec![Daypart::Afternoon],
            first_date: "01-12-2026".into(),
            weeks: 4,
            ..Default::default()
        }
    }

    #[test]
    fn the_weeks_hours_are_spread_over_the_days_asked() {
        let draft = draft_series(&need(), 12, Some(5));
        assert_eq!(draft.session.start_time, "13:00");
        assert_eq!(draft.session.end_time, "16:00", "6 hours over two days");
        assert_eq!(draft.count, "8", "two days a week for four weeks");
        assert_eq!((draft.session.provider_id, draft.session.helper_id), (12, Some(5)));
        assert!(draft.skip_holidays);
    }

    #[test]
    fn without_days_or_hours_it_takes_the_first_dates_weekday_and_three_hours() {
        let draft = draft_series(
            &NeedInput { weekdays: vec![], dayparts: vec![], hours_per_week: String::new(), weeks: 0, ..need() },
            12,
            None,
        );
        // 1 December 2026 is a Tuesday.
        assert_eq!(draft.weekdays, vec![Weekday::ALL[1]]);
        assert_eq!((draft.session.start_time.as_str(), draft.session.end_time.as_str()), ("09:00", "12:00"));
        assert_eq!(draft.count, "1");
    }

    #[test]
    fn a_late_start_ends_the_same_day() {
        let draft =
            draft_series(&NeedInput { dayparts: vec![Daypart::Night], hours_per_week: "8".into(), ..need() }, 12, None);
        assert_eq!((draft.session.start_time.as_str(), draft.session.end_time.as_str()), ("23:00", "23:59"));
    }
}
