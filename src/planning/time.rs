//! Wall-clock time as whole minutes since 1970-01-01 00:00 (Dutch local
//! time, no zone): overlaps, weeks and durations become integer sums.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

pub fn minutes_at(date: NaiveDate, minute_of_day: i64) -> i64 {
    (date - EPOCH).num_days() * 1440 + minute_of_day
}

pub fn date_of(minutes: i64) -> NaiveDate {
    EPOCH + chrono::Days::new(minutes.div_euclid(1440).max(0) as u64)
}

/// The Dutch wall clock at `now`, in the minutes above: Europe/Amsterdam
/// as the EU has kept it since 1996 (CEST from the last Sunday of March
/// 01:00 UTC to the last Sunday of October 01:00 UTC, CET otherwise), so
/// "has this session started" compares like with like.
pub fn wall_clock(now: DateTime<Utc>) -> i64 {
    let utc = now.naive_utc();
    let year = utc.year();
    let switch = |month: u32| {
        let last = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or_default();
        let sunday = last - chrono::Days::new(u64::from(last.weekday().num_days_from_sunday()));
        sunday.and_hms_opt(1, 0, 0).unwrap_or_default()
    };
    let offset_hours = if utc >= switch(3) && utc < switch(10) { 2 } else { 1 };
    let minute_of_day = i64::from(utc.time().num_seconds_from_midnight() / 60);
    minutes_at(utc.date(), minute_of_day) + offset_hours * 60
}

/// The Dutch calendar date at `now`.
pub fn local_today(now: DateTime<Utc>) -> NaiveDate {
    date_of(wall_clock(now))
}

/// `HH:MM` of a moment.
pub fn clock_text(minutes: i64) -> String {
    let m = minutes.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `09:00`, `9:00`, `9.00` or `0900` as minutes after midnight.
pub fn parse_clock(raw: &str) -> Result<i64, String> {
    let s = raw.trim();
    let err = || format!("Tijd '{s}' klopt niet; schrijf uu:mm, zoals 09:30.");
    let (h, m) = match s.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if s.len() == 4 && s.is_ascii() => s.split_at(2),
        None => (s, "00"),
    };
    let h: u32 = h.parse().map_err(|_| err())?;
    let m: u32 = m.parse().map_err(|_| err())?;
    if h == 24 && m == 0 {
        return Ok(1440);
    }
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(err)?;
    Ok(i64::from(h * 60 + m))
}

/// ISO week as `yyyyww` (202648), the key for weekly capacity.
pub fn iso_week_number(date: NaiveDate) -> i64 {
    let w = date.iso_week();
    i64::from(w.year()) * 100 + i64::from(w.week())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock("09:30"), Ok(570));
        assert_eq!(parse_clock("9.30"), Ok(570));
        assert_eq!(parse_clock("0930"), Ok(570));
        assert_eq!(parse_clock("24:00"), Ok(1440));
        assert!(parse_clock("25:00").is_err());
        // Four bytes, one character: refused, not cut in half (found by fuzzing the statement import).
        assert!(parse_clock("😀").is_err());
        assert_eq!(clock_text(minutes_at(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default(), 570)), "09:30");
    }

    #[test]
    fn the_dutch_wall_clock_follows_summer_time() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.to_utc()).unwrap_or_default();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        // Winter: UTC+1; summer: UTC+2; the switch at 01:00 UTC on the last Sundays.
        assert_eq!(wall_clock(at("2026-01-15T08:00:00Z")), minutes_at(d(2026, 1, 15), 9 * 60));
        assert_eq!(wall_clock(at("2026-07-15T08:00:00Z")), minutes_at(d(2026, 7, 15), 10 * 60));
        assert_eq!(wall_clock(at("2026-03-29T00:59:00Z")), minutes_at(d(2026, 3, 29), 60 + 59));
        assert_eq!(wall_clock(at("2026-03-29T01:00:00Z")), minutes_at(d(2026, 3, 29), 3 * 60));
        assert_eq!(wall_clock(at("2026-10-25T01:00:00Z")), minutes_at(d(2026, 10, 25), 2 * 60));
        // Late in the evening UTC is already tomorrow in Dordrecht.
        assert_eq!(local_today(at("2026-12-31T23:30:00Z")), d(2027, 1, 1));
    }

    #[test]
    fn weeks_start_on_monday() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        assert_eq!(iso_week_number(d(11, 23)), 202648);
        assert_eq!(iso_week_number(d(11, 29)), 202648, "Sunday belongs to the week of the Monday before");
        assert_eq!(date_of(minutes_at(d(11, 23), 600)), d(11, 23));
    }
}
