//! Money is whole euro cents behind a type; amounts are parsed from text
//! without going through floats.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

// The field is private: an amount is made with `Cents::new` (or parsed),
// and added, subtracted and multiplied through the operators below, so a
// count of minutes or days cannot pass for money by accident. The doc line
// below goes to the UI's bindings as well.
/// An amount in euro cents. Never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export, type = "number")]
#[serde(transparent)]
pub struct Cents(i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    pub const fn new(cents: i64) -> Cents {
        Cents(cents)
    }

    /// The amount as a number of cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// The amount for a printed page: as `Display` (`€ 1.234,56`), with a
    /// no-break space (U+00A0) after the euro sign, so a narrow table column
    /// never puts "€" on one line and the number on the next.
    pub fn unbroken(self) -> String {
        self.to_string().replacen("€ ", "€\u{a0}", 1)
    }

    /// `self × factor` (a number of units), or `None` when it would overflow.
    pub fn checked_mul(self, factor: i64) -> Option<Cents> {
        self.0.checked_mul(factor).map(Cents)
    }

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

impl Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0 + other.0)
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, other: Cents) -> Cents {
        Cents(self.0 - other.0)
    }
}

impl Neg for Cents {
    type Output = Cents;
    fn neg(self) -> Cents {
        Cents(-self.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, other: Cents) {
        self.0 += other.0;
    }
}

impl SubAssign for Cents {
    fn sub_assign(&mut self, other: Cents) {
        self.0 -= other.0;
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Cents> for Cents {
    fn sum<I: Iterator<Item = &'a Cents>>(iter: I) -> Cents {
        iter.copied().sum()
    }
}

/// Stored as an integer number of cents, like the `cents` columns.
impl ToSql for Cents {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl FromSql for Cents {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Cents> {
        i64::column_result(value).map(Cents)
    }
}

impl fmt::Display for Cents {
    /// `€ 1.234,56`, as Dutch readers expect; negative `€ -1.234,56`, the
    /// sign after the euro sign as nl-NL writes it (and the UI's `formatCents`).
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
    fn amounts_add_up_as_amounts() {
        let (a, b) = (Cents::new(4550), Cents::new(1200));
        assert_eq!(a + b, Cents::new(5750));
        assert_eq!(a - b, Cents::new(3350));
        assert_eq!(-a, Cents::new(-4550));
        let mut c = a;
        c += b;
        c -= Cents::new(50);
        assert_eq!(c.cents(), 5700);
        let all = [a, b, -b];
        assert_eq!(all.iter().sum::<Cents>(), a);
        assert_eq!(all.into_iter().sum::<Cents>(), a);
        assert_eq!(a.checked_mul(3), Some(Cents::new(13650)));
        assert_eq!(Cents::new(i64::MAX / 2 + 1).checked_mul(2), None, "overflow is no amount");
    }

    #[test]
    fn shown_the_dutch_way() {
        assert_eq!(Cents(123456).to_string(), "€ 1.234,56");
        assert_eq!(Cents(5).to_string(), "€ 0,05");
        assert_eq!(Cents(-4550).to_string(), "€ -45,50");
    }

    /// The UI's `formatCents` writes the same (ui/src/lib/format.test.ts).
    #[test]
    fn a_negative_amount_has_its_sign_after_the_euro_sign() {
        assert_eq!(Cents::new(-123456).to_string(), "€ -1.234,56");
    }

    #[test]
    fn a_printed_amount_keeps_the_euro_sign_with_its_number() {
        assert_eq!(Cents(123456).unbroken(), "€\u{a0}1.234,56");
        assert_eq!(Cents(-4550).unbroken(), "€\u{a0}-45,50");
    }
}
