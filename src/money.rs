//! Money is whole euro cents behind a type; amounts are parsed from text
//! without going through floats.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount in euro cents. Never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export, type = "number")]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    /// Parses `45`, `45,50`, `1.234,56`, `€ 45,5` or `45.50` (a dot with
    /// two decimals is read as a decimal point, as spreadsheets write it).
    pub fn parse_euros(raw: &str) -> Result<Cents, String> {
        let err = || format!("'{}' is geen bedrag; schrijf euro's met een komma, zoals 45,50.", raw.trim());
        let text: String = raw.trim().trim_start_matches('€').trim().chars().filter(|c| *c != ' ').collect();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, text),
        };
        // Decide which separator is the decimal one.
        let (whole, frac) = match (text.rfind(','), text.rfind('.')) {
            (Some(c), _) => (text[..c].replace('.', ""), text[c + 1..].to_string()),
            (None, Some(d)) if text.len() - d - 1 <= 2 => (text[..d].to_string(), text[d + 1..].to_string()),
            (None, Some(_)) => (text.replace('.', ""), String::new()),
            (None, None) => (text.clone(), String::new()),
        };
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || frac.len() > 2 {
            return Err(err());
        }
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        let euros: i64 = whole.parse().map_err(|_| err())?;
        let cents: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| err())? };
        let total = euros.checked_mul(100).and_then(|e| e.checked_add(cents)).ok_or_else(err)?;
        Ok(Cents(if negative { -total } else { total }))
    }

    /// `tariff × minutes / 60`, rounded half up to a whole cent.
    pub fn per_hour_times_minutes(self, minutes: i64) -> Cents {
        let product = self.0 * minutes;
        // Half up, also for negative amounts (corrections): round away from zero at .5.
        let rounded = if product >= 0 { (product + 30) / 60 } else { -((-product + 30) / 60) };
        Cents(rounded)
    }
}

impl fmt::Display for Cents {
    /// `€ 1.234,56`, as Dutch readers expect.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let euros = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, ch) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        write!(f, "€ {sign}{grouped},{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::Cents;

    #[test]
    fn amounts_are_parsed_without_floats() {
        assert_eq!(Cents::parse_euros("45,50"), Ok(Cents(4550)));
        assert_eq!(Cents::parse_euros("€ 1.234,5"), Ok(Cents(123450)));
        assert_eq!(Cents::parse_euros("45"), Ok(Cents(4500)));
        assert_eq!(Cents::parse_euros("45.5"), Ok(Cents(4550)), "spreadsheet decimal point");
        assert_eq!(Cents::parse_euros("1.234"), Ok(Cents(123400)), "thousands dot");
        assert_eq!(Cents::parse_euros("0,07"), Ok(Cents(7)));
        assert!(Cents::parse_euros("45,505").is_err());
        assert!(Cents::parse_euros("veel").is_err());
    }

    #[test]
    fn hourly_cost_rounds_half_up_per_session() {
        assert_eq!(Cents(4550).per_hour_times_minutes(60), Cents(4550));
        assert_eq!(Cents(4550).per_hour_times_minutes(90), Cents(6825));
        assert_eq!(Cents(1).per_hour_times_minutes(30), Cents(1), "0.5 cent rounds up");
        assert_eq!(Cents(1).per_hour_times_minutes(29), Cents(0));
    }

    #[test]
    fn shown_the_dutch_way() {
        assert_eq!(Cents(123456).to_string(), "€ 1.234,56");
        assert_eq!(Cents(5).to_string(), "€ 0,05");
        assert_eq!(Cents(-4550).to_string(), "€ -45,50");
    }
}
