//! Telephone numbers by libphonenumber's rules (the `phonenumber` crate and
//! its metadata): what a person types becomes E.164 (`+31612345678`) when
//! the number can exist, and is shown in the national form people read
//! (`06 12345678`, `078 612 3456`, `0800 1234`).

use phonenumber::country::Id;
use phonenumber::{Mode, PhoneNumber};

use super::is_dash;

const EXAMPLE: &str = "zoals 06-12345678 of 078-6123456";

/// A phone number in its stored international form (E.164): `+31612345678`.
///
/// Takes the national form (`06-12345678`, `078 612 3456`, `0800 1234`),
/// `0031...`, `+31...`, a `tel:` link, dashes of any kind (Word and Outlook
/// turn `-` into `–`), nine digits without the leading zero and an
/// international number without its plus (what a spreadsheet leaves of a
/// number it took for a figure: `31612345678`). A number that
/// cannot exist (`0123456789`, a country code no country has) is refused.
pub fn parse_phone(raw: &str) -> Result<String, String> {
    let compact = compact(raw)?;
    let number = phonenumber::parse(Some(Id::NL), &compact).map_err(|e| match e {
        phonenumber::ParseError::InvalidCountryCode => unknown_country(&compact),
        _ => format!(
            "Telefoonnummer '{}' klopt niet: te kort, te lang of geen nummer; schrijf het {EXAMPLE}.",
            raw.trim()
        ),
    })?;
    if number.extension().is_some() {
        return Err(format!("Telefoonnummer '{}': laat het toestelnummer weg.", raw.trim()));
    }
    if number.country().id().is_none() {
        return Err(unknown_country(&compact));
    }
    if !number.is_valid() {
        let shown = raw.trim();
        return Err(if number.country().id() == Some(Id::NL) {
            format!("Telefoonnummer '{shown}' bestaat niet in Nederland; controleer het netnummer en het aantal cijfers, {EXAMPLE}.")
        } else {
            format!("Telefoonnummer '{shown}' bestaat niet; controleer het landnummer en het aantal cijfers.")
        });
    }
    Ok(number.format().mode(Mode::E164).to_string())
}

/// The national form of a stored phone number, as people read it: `06
/// 12345678`, `078 612 3456`; a foreign one in its international form
/// (`+32 470 12 34 56`). Whatever does not parse is shown as stored.
pub fn display_phone(stored: &str) -> String {
    if stored.is_empty() {
        return String::new();
    }
    match phonenumber::parse(None, stored) {
        Ok(number) if number.country().id() == Some(Id::NL) => national(&number),
        Ok(number) => number.format().mode(Mode::International).to_string(),
        Err(_) => stored.to_string(),
    }
}

fn national(number: &PhoneNumber) -> String {
    number.format().mode(Mode::National).to_string()
}

fn unknown_country(compact: &str) -> String {
    let code: String = compact.trim_start_matches('+').trim_start_matches("00").chars().take(3).collect();
    format!("Telefoonnummer: landnummer +{code} bestaat niet; controleer het nummer.")
}

/// Digits and a leading `+` only: spaces (also non-breaking), every kind
/// of dash, dots, slashes and brackets go; `tel:` and its parameters too.
fn compact(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    let without_scheme = match trimmed.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => &trimmed[4..],
        _ => trimmed,
    };
    let number = without_scheme.split(';').next().unwrap_or_default();
    let mut out = String::with_capacity(number.len());
    for c in number.chars() {
        match c {
            '0'..='9' => out.push(c),
            '+' if out.is_empty() => out.push(c),
            c if c.is_whitespace() || is_dash(c) || matches!(c, '.' | '/' | '(' | ')') => {}
            _ => {
                return Err(format!(
                    "Telefoonnummer '{trimmed}' klopt niet: gebruik alleen cijfers (en eventueel + vooraan), {EXAMPLE}."
                ))
            }
        }
    }
    if out.trim_start_matches('+').is_empty() {
        return Err(format!("Telefoonnummer '{trimmed}' klopt niet; schrijf het {EXAMPLE}."));
    }
    // Nine digits without a zero: a spreadsheet cut off the leading 0.
    if out.len() == 9 && !out.starts_with(['0', '+']) {
        out.insert(0, '0');
    }
    // Ten or more digits without a zero or a plus: `+31 6 1234 5678` that a
    // spreadsheet (LibreOffice's default) took for the figure 31612345678.
    // No national number looks like that (they start with 0, or are nine
    // digits without it), so the plus goes back and the country code counts.
    if (10..=15).contains(&out.len()) && !out.starts_with(['0', '+']) {
        out.insert(0, '+');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_international_and_shown_national() {
        assert_eq!(parse_phone("06-12345678").as_deref(), Ok("+31612345678"));
        assert_eq!(parse_phone("078 612 3456").as_deref(), Ok("+31786123456"));
        assert_eq!(parse_phone("+31 6 1234 5678").as_deref(), Ok("+31612345678"));
        assert_eq!(parse_phone("0031612345678").as_deref(), Ok("+31612345678"));
        assert_eq!(parse_phone("612345678").as_deref(), Ok("+31612345678"), "spreadsheet lost the 0");
        assert_eq!(parse_phone("31612345678").as_deref(), Ok("+31612345678"), "spreadsheet lost the +");
        assert_eq!(parse_phone("32470123456").as_deref(), Ok("+32470123456"), "spreadsheet lost the +");
        assert!(parse_phone("3161234567").is_err(), "+31 with a digit too few does not exist");
        assert_eq!(parse_phone("+32 470 12 34 56").as_deref(), Ok("+32470123456"));
        assert_eq!(display_phone("+31612345678"), "06 12345678");
        assert_eq!(display_phone("+31786123456"), "078 612 3456");
        assert_eq!(display_phone("+32470123456"), "+32 470 12 34 56");
        assert_eq!(display_phone(""), "");
    }

    #[test]
    fn dashes_of_any_kind_and_tel_links() {
        for typed in ["06–12345678", "06—12345678", "06\u{2011}12345678", "06\u{2212}12345678", "06\u{a0}12345678"]
        {
            assert_eq!(parse_phone(typed).as_deref(), Ok("+31612345678"), "{typed:?}");
        }
        assert_eq!(parse_phone("tel:+31-6-12345678").as_deref(), Ok("+31612345678"));
        assert_eq!(parse_phone("TEL:0786123456").as_deref(), Ok("+31786123456"));
    }

    #[test]
    fn impossible_numbers_are_refused_with_a_reason() {
        assert!(parse_phone("0123456789").unwrap_err().contains("bestaat niet in Nederland"));
        assert!(parse_phone("+999 12345678").unwrap_err().contains("landnummer"));
        assert!(parse_phone("06-1234").is_err());
        assert!(parse_phone("bel me").unwrap_err().contains("alleen cijfers"));
        assert!(parse_phone("").is_err());
    }

    #[test]
    fn service_numbers_and_the_newer_area_codes() {
        assert_eq!(parse_phone("0800-1234").as_deref(), Ok("+318001234"));
        assert_eq!(parse_phone("0900-1234567").as_deref(), Ok("+319001234567"));
        assert_eq!(parse_phone("085-1234567").as_deref(), Ok("+31851234567"));
        assert_eq!(parse_phone("088-1234567").as_deref(), Ok("+31881234567"));
        assert_eq!(display_phone("+318001234"), "0800 1234");
    }

    /// Every example number libphonenumber's metadata gives for NL is
    /// accepted and shown back in a form that parses to the same number.
    #[test]
    fn libphonenumber_example_numbers_for_nl() {
        let meta = phonenumber::metadata::DATABASE.by_id("NL").expect("NL metadata");
        let d = meta.descriptors();
        let examples: Vec<&str> = [
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.shared_cost(),
            d.voip(),
            d.pager(),
            d.uan(),
            d.voicemail(),
        ]
        .into_iter()
        .flatten()
        .filter_map(|desc| desc.example())
        .collect();
        assert!(examples.len() >= 7, "{examples:?}");
        for national_number in examples {
            let typed = format!("0{national_number}");
            let stored = parse_phone(&typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(stored, format!("+31{national_number}"));
            assert_eq!(parse_phone(&display_phone(&stored)).as_deref(), Ok(stored.as_str()), "{typed}");
        }
    }
}
