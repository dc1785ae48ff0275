//! The provider import's cells that hold more than one thing: availability
//! (`ma-ochtend, ma-middag`) and helpers (`Anna (nl, tr / v / dementie) | Piet`).
//! Each gives a Dutch message that says how to write it.

use super::{Gender, HelperData, Slot};
use crate::dutch;
use crate::intake::{Daypart, RecipientSituation, Weekday};

fn weekday(raw: &str) -> Option<Weekday> {
    let key = dutch::fold(raw);
    Weekday::ALL.iter().copied().find(|d| d.code() == key || dutch::fold(d.label()) == key)
}

fn daypart(raw: &str) -> Option<Daypart> {
    let key = dutch::fold(raw);
    Daypart::ALL.iter().copied().find(|p| p.code() == key)
}

/// Availability as `dag-dagdeel` pairs separated by commas: `ma-ochtend,
/// ma-middag, za-avond`; days `ma` to `zo` (or written out), dayparts
/// ochtend, middag, avond, nacht.
pub fn parse_slots(raw: &str) -> Result<Vec<Slot>, String> {
    let mut slots: Vec<Slot> = Vec::new();
    for item in raw.split([',', '|']).map(str::trim).filter(|s| !s.is_empty()) {
        let parsed = item
            .split_once(['-', ' '])
            .and_then(|(d, p)| Some(Slot { day: weekday(d.trim())?, daypart: daypart(p.trim())? }));
        match parsed {
            Some(slot) if !slots.contains(&slot) => slots.push(slot),
            Some(_) => {}
            None => {
                return Err(format!(
                    "'{item}' is geen dag met dagdeel; schrijf bijvoorbeeld ma-ochtend, di-middag \
                     (dagen ma tot en met zo, dagdelen ochtend, middag, avond, nacht)."
                ))
            }
        }
    }
    Ok(slots)
}

fn gender(raw: &str) -> Option<Gender> {
    match dutch::fold(raw).as_str() {
        "v" | "vrouw" => Some(Gender::Female),
        "m" | "man" => Some(Gender::Male),
        _ => None,
    }
}

pub(super) fn specialism(raw: &str) -> Option<RecipientSituation> {
    let folded = dutch::fold(raw).replace(' ', "_");
    RecipientSituation::from_code(&folded).or(match folded.as_str() {
        "kinderen" => Some(RecipientSituation::Child),
        "vb" => Some(RecipientSituation::IntellectualDisability),
        _ => None,
    })
}

pub(super) const SPECIALISM_CODES: &str =
    "dementie, nah, ggz, lichamelijk, verstandelijke_beperking, kind, palliatief, ouderdom";

/// Helpers separated by `|`; each a name with, between brackets, parts
/// separated by `/` or `;`: languages (`nl, tr`), `v` or `m`, and
/// specialisms (`dementie, ggz`), in any order. A part is read as gender
/// when it is one, as specialisms when all its words are, else as languages.
pub(super) fn parse_helpers(raw: &str) -> Result<Vec<HelperData>, String> {
    let mut helpers: Vec<HelperData> = Vec::new();
    for item in raw.split('|').map(str::trim).filter(|s| !s.is_empty()) {
        let (name, details) = match item.split_once('(') {
            Some((name, rest)) => {
                let Some(details) = rest.trim_end().strip_suffix(')') else {
                    return Err(format!("Bij '{item}' ontbreekt het haakje sluiten ')'; schrijf bijvoorbeeld Anna (nl, tr / v / dementie)."));
                };
                (name.trim(), details)
            }
            None => (item, ""),
        };
        if name.is_empty() {
            return Err(format!("Bij '{item}' ontbreekt de naam van de hulp."));
        }
        let mut helper = HelperData::named(name);
        for part in details.split(['/', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            let words: Vec<&str> = part.split(',').map(str::trim).filter(|w| !w.is_empty()).collect();
            if let Some(g) = gender(part) {
                helper.gender = Some(g);
            } else if words.iter().all(|w| specialism(w).is_some()) {
                helper.specialisms.extend(words.iter().filter_map(|w| specialism(w)));
            } else if words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-') && w.chars().count() <= 3) {
                helper.languages.extend(words.iter().map(|w| w.to_lowercase()));
            } else {
                return Err(format!(
                    "'{part}' bij hulp {name} is geen taal, geslacht of specialisme; schrijf bijvoorbeeld \
                     Anna (nl, tr / v / dementie). Talen als code (nl, tr), v of m, specialismen: {SPECIALISM_CODES}."
                ));
            }
        }
        if helpers.iter().any(|h| h.name.to_lowercase() == helper.name.to_lowercase()) {
            return Err(format!("Hulp {name} staat twee keer in de cel."));
        }
        helpers.push(helper);
    }
    Ok(helpers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_is_read_as_day_and_daypart() {
        let slots = parse_slots("ma-ochtend, Maandag middag,zo-nacht").unwrap();
        assert_eq!(
            slots,
            [
                Slot { day: Weekday::Monday, daypart: Daypart::Morning },
                Slot { day: Weekday::Monday, daypart: Daypart::Afternoon },
                Slot { day: Weekday::Sunday, daypart: Daypart::Night },
            ]
        );
        assert!(parse_slots("ma-ochtnd").unwrap_err().contains("'ma-ochtnd' is geen dag met dagdeel"));
        assert!(parse_slots("").unwrap().is_empty());
    }

    #[test]
    fn helpers_are_read_with_languages_gender_and_specialisms_in_any_order() {
        let helpers = parse_helpers("Anna (nl, tr / v / dementie, ggz) | Piet | Mo (m; ar)").unwrap();
        assert_eq!(helpers.len(), 3);
        assert_eq!(helpers[0].name, "Anna");
        assert_eq!(helpers[0].languages, ["nl", "tr"]);
        assert_eq!(helpers[0].gender, Some(Gender::Female));
        assert_eq!(helpers[0].specialisms, [RecipientSituation::Dementia, RecipientSituation::MentalHealth]);
        assert_eq!(helpers[1], HelperData::named("Piet"));
        assert_eq!(
            (helpers[2].gender, helpers[2].languages.as_slice()),
            (Some(Gender::Male), ["ar".to_string()].as_slice())
        );
        assert!(parse_helpers("Anna (nl").unwrap_err().contains("haakje"));
        assert!(parse_helpers("Anna (zwemmen)").unwrap_err().contains("'zwemmen' bij hulp Anna"));
    }
}
