//! Wall-clock time as whole minutes since 1970-01-01 00:00 (Dutch local
//! time, no zone): overlaps, weeks and durations become integer sums.

use chrono::{Datelike, NaiveDate, NaiveTime};

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
    fn weeks_start_on_monday() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        assert_eq!(iso_week_number(d(11, 23)), 202648);
        assert_eq!(iso_week_number(d(11, 29)), 202648, "Sunday belongs to the week of the Monday before");
        assert_eq!(date_of(minutes_at(d(11, 23), 600)), d(11, 23));
    }
}
