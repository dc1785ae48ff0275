//! Dutch data conventions: postcodes, phone numbers, dates, decimal commas.
//!
//! Each parser takes what a person types (or a spreadsheet holds) and returns
//! the one stored form, or a Dutch message that says how to write it.

use chrono::NaiveDate;

mod phone;
pub use phone::{display_phone, parse_phone};

/// Hyphen, non-breaking hyphen, figure dash, en and em dash, minus, the
/// small and full-width hyphens, and the soft hyphen: what Word, Outlook
/// and spreadsheets put where a person typed `-`.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{00AD}')
}

/// A postcode in its stored and shown form, `1234 AB`; also typed as
/// `1234AB`, `1234 ab` or `1234-AB`.
pub fn parse_postcode(raw: &str) -> Result<String, String> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace() && !is_dash(*c)).collect::<String>().to_uppercase();
    let bytes = compact.as_bytes();
    let well_formed = bytes.len() == 6
        && (b'1'..=b'9').contains(&bytes[0])
        && bytes[1..4].iter().all(u8::is_ascii_digit)
        && bytes[4..6].iter().all(u8::is_ascii_uppercase);
    if !well_formed {
        return Err("Postcode moet vier cijfers en twee letters zijn, zoals 3311 AB.".into());
    }
    let letters = &compact[4..6];
    if matches!(letters, "SA" | "SD" | "SS") {
        return Err(format!("Postcodes met de letters {letters} bestaan niet in Nederland."));
    }
    Ok(format!("{} {}", &compact[..4], letters))
}

/// The four digits of a stored postcode.
pub fn pc4(postcode: &str) -> &str {
    postcode.get(..4).unwrap_or(postcode)
}

/// A house number with an optional addition: `12`, `12a`, `12-2`, `12 bis`.
pub fn parse_house_number(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    let rest = trimmed[digits.len()..].trim_start_matches([' ', '-']).trim();
    let ok = !digits.is_empty()
        && !digits.starts_with('0')
        && digits.len() <= 5
        && rest.len() <= 6
        && rest.chars().all(|c| c.is_ascii_alphanumeric());
    if !ok {
        return Err("Huisnummer moet met een getal beginnen, eventueel met toevoeging, zoals 12 of 12a.".into());
    }
    Ok(if rest.is_empty() {
        digits
    } else if trimmed[digits.len()..].starts_with('-') {
        format!("{digits}-{rest}")
    } else if rest.chars().all(|c| c.is_ascii_alphabetic()) && rest.len() == 1 {
        format!("{digits}{}", rest.to_lowercase())
    } else {
        format!("{digits} {rest}")
    })
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain.
pub fn parse_email(raw: &str) -> Result<String, String> {
    let email = raw.trim();
    let err = || "E-mailadres klopt niet; schrijf het zoals naam@voorbeeld.nl.".to_string();
    let (local, domain) = email.split_once('@').ok_or_else(err)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@');
    if local.is_empty() || !domain_ok || email.chars().any(char::is_whitespace) {
        return Err(err());
    }
    Ok(email.to_string())
}

/// A date as `dd-mm-jjjj` (also `d-m-jjjj`, with `/` or `.`) or `jjjj-mm-dd`.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let s = raw.trim();
    let err = || format!("Datum '{s}' klopt niet; schrijf dd-mm-jjjj, zoals 14-03-1958.");
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(err());
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| err());
    let (y, m, d) = if parts[0].len() == 4 {
        (num(parts[0])?, num(parts[1])?, num(parts[2])?)
    } else if parts[2].len() == 4 {
        (num(parts[2])?, num(parts[1])?, num(parts[0])?)
    } else {
        return Err(err());
    };
    let year = i32::try_from(y).map_err(|_| err())?;
    if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
        return Ok(date);
    }
    // Written right but not on the calendar (31-02): say that, not "write it so".
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let days_in_month = (28..=31).rev().find(|day| NaiveDate::from_ymd_opt(year, m, *day).is_some());
    match (MONTHS.get((m as usize).wrapping_sub(1)), days_in_month) {
        (Some(month), Some(days)) if d > 0 => {
            Err(format!("Datum '{s}' bestaat niet: {month} {year} heeft {days} dagen."))
        }
        (None, _) if d > 0 && d <= 31 => Err(format!("Datum '{s}' bestaat niet: er is geen maand {m}.")),
        _ => Err(err()),
    }
}

/// A date as Dutch readers write it and the forms take it back: `dd-mm-jjjj`.
pub fn date_text(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// A whole number with a point between thousands, as Dutch readers write it: `1.234`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// Minutes as hours with a decimal comma, as the forms take them back:
/// whole hours without decimals (`720` → `12`), otherwise at most two
/// decimals, rounded half up, without trailing zeros (`750` → `12,5`,
/// `10` → `0,17`). The UI's `formatHours` writes the same.
pub fn hours_text(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if m == 0 {
        return h.to_string();
    }
    let hundredths = (m * 100 + 30) / 60;
    format!("{h},{}", format!("{hundredths:02}").trim_end_matches('0'))
}

/// A number of hours with an optional decimal comma (`12`, `12,5`, `7.25`),
/// as whole minutes. No floats on the way.
pub fn parse_hours_as_minutes(raw: &str) -> Result<i64, String> {
    let s = raw.trim();
    let err = || format!("'{s}' is geen aantal uren; schrijf bijvoorbeeld 12 of 12,5.");
    let (whole, frac) = match s.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
    {
        return Err(err());
    }
    let hours: i64 = whole.parse().map_err(|_| err())?;
    let hundredths: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| err())? };
    // 60 minutes * hundredths / 100, rounded half up to a whole minute.
    Ok(hours * 60 + (hundredths * 60 + 50) / 100)
}

/// `ja`/`nee` (and the usual variants) as a bool.
pub fn parse_yes_no(raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "1" | "true" | "waar" => Ok(true),
        "nee" | "n" | "no" | "0" | "false" | "onwaar" | "" => Ok(false),
        other => Err(format!("'{other}' is geen ja of nee.")),
    }
}

/// Lower case without diacritics, for search and sorting: `Ümit Çelik` → `umit celik`.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Dutch surname prefixes that do not count for sorting: `de Vries` sorts under V.
const PREFIXES: &[&str] = &[
    "van der", "van den", "van de", "van 't", "in 't", "in de", "op de", "op den", "uit de", "uit den", "van", "de",
    "der", "den", "het", "ter", "ten", "te", "'t", "la", "le", "el", "al", "von", "du", "d'",
];

/// A folded surname as its prefix and the rest: `de vries` → (`de`, `vries`),
/// `bakker` → (``, `bakker`). A prefix alone (`van`) is a surname, not a prefix.
pub fn surname_parts(folded_last: &str) -> (&str, &str) {
    PREFIXES
        .iter()
        .find_map(|p| folded_last.strip_prefix(p).and_then(|rest| rest.strip_prefix(' ')).map(|rest| (*p, rest)))
        .filter(|(_, core)| !core.is_empty())
        .unwrap_or(("", folded_last))
}

/// Whether folded words (`van der`, `de`) are one of the surname prefixes.
pub fn is_surname_prefix(folded: &str) -> bool {
    PREFIXES.contains(&folded)
}

/// Sort key for a person: surname without its prefix, then the prefix, then the first name.
pub fn name_sort_key(first_name: &str, last_name: &str) -> String {
    let last = fold(last_name);
    let (prefix, core) = surname_parts(&last);
    format!("{core}\u{1}{prefix}\u{1}{}", fold(first_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_normalised_and_forbidden_letters_refused() {
        assert_eq!(parse_postcode("3311ab").as_deref(), Ok("3311 AB"));
        assert_eq!(parse_postcode(" 3311 AB ").as_deref(), Ok("3311 AB"));
        assert_eq!(parse_postcode("3311-AB").as_deref(), Ok("3311 AB"));
        assert_eq!(parse_postcode("3311–ab").as_deref(), Ok("3311 AB"), "an en-dash from Word");
        assert!(parse_postcode("3311-A-B").is_ok(), "dashes are separators only");
        assert!(parse_postcode("0311 AB").is_err(), "no postcode starts with 0");
        assert!(parse_postcode("3311 A").is_err());
        assert!(parse_postcode("33111 AB").is_err());
        for forbidden in ["3311 SA", "3311 SD", "3311 ss"] {
            assert!(parse_postcode(forbidden).unwrap_err().contains("bestaan niet"), "{forbidden}");
        }
    }

    #[test]
    fn dates_in_dutch_and_iso_order() {
        let d = NaiveDate::from_ymd_opt(1958, 3, 14);
        assert_eq!(parse_date("14-03-1958").ok(), d);
        assert_eq!(parse_date("1958-03-14").ok(), d);
        assert_eq!(parse_date("14/3/1958").ok(), d);
        assert_eq!(
            parse_date("31-02-1958"),
            Err("Datum '31-02-1958' bestaat niet: februari 1958 heeft 28 dagen.".into())
        );
        assert_eq!(parse_date("29-02-2028").ok(), NaiveDate::from_ymd_opt(2028, 2, 29));
        assert_eq!(parse_date("01-13-2026"), Err("Datum '01-13-2026' bestaat niet: er is geen maand 13.".into()));
        assert!(parse_date("14-03-58").is_err());
        assert!(parse_date("gisteren").is_err());
    }

    #[test]
    fn hours_with_decimal_comma_become_minutes() {
        assert_eq!(parse_hours_as_minutes("12"), Ok(720));
        assert_eq!(parse_hours_as_minutes("12,5"), Ok(750));
        assert_eq!(parse_hours_as_minutes("0,25"), Ok(15));
        assert!(parse_hours_as_minutes("-3").is_err());
        assert!(parse_hours_as_minutes("veel").is_err());
    }

    #[test]
    fn minutes_are_shown_as_hours_with_a_decimal_comma() {
        assert_eq!(hours_text(720), "12");
        assert_eq!(hours_text(120 * 60), "120");
        assert_eq!(hours_text(750), "12,5");
        assert_eq!(hours_text(735), "12,25");
        assert_eq!(hours_text(90), "1,5");
        assert_eq!(hours_text(80), "1,33");
        assert_eq!(hours_text(10), "0,17", "half up, not cut off");
        assert_eq!(hours_text(40), "0,67");
        assert_eq!(hours_text(0), "0");
        for minutes in [0, 10, 15, 90, 735, 750, 7200] {
            assert_eq!(parse_hours_as_minutes(&hours_text(minutes)), Ok(minutes), "{minutes} reads back");
        }
    }

    #[test]
    fn thousands_get_a_point() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(950), "950");
        assert_eq!(thousands(1234), "1.234");
        assert_eq!(thousands(1_000_000), "1.000.000");
    }

    #[test]
    fn dates_are_shown_day_first() {
        assert_eq!(date_text(NaiveDate::from_ymd_opt(1958, 3, 7).unwrap()), "07-03-1958");
    }

    #[test]
    fn house_numbers_with_additions() {
        assert_eq!(parse_house_number("12").as_deref(), Ok("12"));
        assert_eq!(parse_house_number("12A").as_deref(), Ok("12a"));
        assert_eq!(parse_house_number("12-2").as_deref(), Ok("12-2"));
        assert_eq!(parse_house_number("12 bis").as_deref(), Ok("12 bis"));
        assert!(parse_house_number("a12").is_err());
        assert!(parse_house_number("").is_err());
    }

    #[test]
    fn email_addresses() {
        assert!(parse_email("ria@voorbeeld.nl").is_ok());
        assert!(parse_email("ria@voorbeeld").is_err());
        assert!(parse_email("ria voorbeeld.nl").is_err());
    }

    #[test]
    fn surname_prefixes_do_not_count_for_sorting() {
        assert!(name_sort_key("Jan", "de Vries") > name_sort_key("Piet", "Bakker"));
        assert!(name_sort_key("Jan", "van der Berg") < name_sort_key("Jan", "Claassen"));
        assert_eq!(fold("Ümit  Çelik"), "umit celik");
    }
}
