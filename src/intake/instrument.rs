//! Burden instruments as data. The question texts may be licensed, so the
//! built-in ones (`data/instruments/default.json`) are neutral placeholders
//! and a region can load its own texts; scoring only needs the item count,
//! the answer values, the bands and the overload cut-off.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

const DEFAULT_JSON: &str = include_str!("../../data/instruments/default.json");

/// Setting key under which a region's replacement instruments are kept.
const SETTING_KEY: &str = "instruments";

/// The instrument the intake form offers first.
pub const DEFAULT_INSTRUMENT: &str = "ediz_plus";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Instrument {
    /// Stable code, stored with every assessment (`ediz_plus`, `csi`).
    pub code: String,
    pub name: String,
    /// The question texts, in order. Replaceable; the count is not.
    pub items: Vec<String>,
    /// The answers every item offers; the score is the sum of the values.
    pub options: Vec<AnswerOption>,
    /// Consecutive score ranges from 0 to the highest score.
    pub bands: Vec<Band>,
    /// From this score on the caregiver counts as overloaded.
    pub overloaded_from: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    pub value: i64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    pub min: i64,
    pub max: i64,
    pub label: String,
}

/// What a filled-in instrument comes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct BurdenScore {
    pub instrument: String,
    pub score: i64,
    pub max_score: i64,
    pub band: String,
    pub overloaded: bool,
}

#[derive(Deserialize)]
struct InstrumentFile {
    instruments: Vec<Instrument>,
}

impl Instrument {
    pub fn max_score(&self) -> i64 {
        let top = self.options.iter().map(|o| o.value).max().unwrap_or(0);
        top * self.items.len() as i64
    }

    /// Checks that scoring with this instrument can always name a band.
    fn check(&self) -> std::result::Result<(), String> {
        let name = &self.code;
        if self.code.trim().is_empty() {
            return Err("Een instrument heeft geen code.".into());
        }
        if self.items.is_empty() || self.options.is_empty() {
            return Err(format!("Instrument '{name}' heeft geen vragen of geen antwoordmogelijkheden."));
        }
        if self.options.iter().any(|o| o.value < 0) {
            return Err(format!("Instrument '{name}' heeft een negatieve antwoordwaarde."));
        }
        let mut expected_min = 0;
        for band in &self.bands {
            if band.min != expected_min || band.max < band.min {
                return Err(format!(
                    "De banden van instrument '{name}' sluiten niet aan: verwacht een band vanaf {expected_min}."
                ));
            }
            expected_min = band.max + 1;
        }
        if expected_min != self.max_score() + 1 {
            return Err(format!(
                "De banden van instrument '{name}' lopen niet tot de hoogste score {}.",
                self.max_score()
            ));
        }
        if !(0..=self.max_score()).contains(&self.overloaded_from) {
            return Err(format!("De grens voor overbelasting van instrument '{name}' ligt buiten de scores."));
        }
        Ok(())
    }
}

/// Reads and checks an instrument file (the shape of `data/instruments/default.json`).
pub fn parse_instruments(json: &str) -> Result<Vec<Instrument>> {
    let file: InstrumentFile = serde_json::from_str(json)
        .map_err(|e| Error::Invalid(format!("Het bestand met vragenlijsten klopt niet: {e}.")))?;
    let mut seen = std::collections::HashSet::new();
    for instrument in &file.instruments {
        instrument.check().map_err(Error::Invalid)?;
        if !seen.insert(instrument.code.as_str()) {
            return Err(Error::Invalid(format!("Instrument '{}' staat er twee keer in.", instrument.code)));
        }
    }
    if file.instruments.is_empty() {
        return Err(Error::Invalid("Het bestand bevat geen vragenlijsten.".into()));
    }
    Ok(file.instruments)
}

/// The built-in instruments with their placeholder texts.
pub fn default_instruments() -> Result<Vec<Instrument>> {
    parse_instruments(DEFAULT_JSON)
}

/// The instruments in force: the region's own, else the built-in ones.
pub fn instruments(conn: &Connection) -> Result<Vec<Instrument>> {
    let stored: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [SETTING_KEY], |r| r.get(0)).optional()?;
    match stored {
        Some(json) => parse_instruments(&json),
        None => default_instruments(),
    }
}

pub fn find_instrument(conn: &Connection, code: &str) -> Result<Instrument> {
    instruments(conn)?
        .into_iter()
        .find(|i| i.code == code)
        .ok_or_else(|| Error::NotFound(format!("Vragenlijst '{code}' is niet bekend in deze regio.")))
}

/// Replaces the instruments with a region's own file. Refused when an
/// instrument already used for assessments would get a different number of
/// items: the stored answers would no longer line up with the questions.
pub fn replace_instruments(conn: &Connection, json: &str) -> Result<Vec<Instrument>> {
    let replacement = parse_instruments(json)?;
    let mut stmt = conn.prepare("SELECT DISTINCT instrument, json_array_length(answers) FROM burden_assessment")?;
    let used = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in used {
        let (code, count) = row?;
        match replacement.iter().find(|i| i.code == code) {
            Some(i) if i.items.len() as i64 == count => {}
            Some(i) => {
                return Err(Error::Invalid(format!(
                    "Vragenlijst '{code}' is al gebruikt met {count} vragen; de nieuwe versie heeft er {}. Houd het aantal vragen gelijk.",
                    i.items.len()
                )))
            }
            None => {
                return Err(Error::Invalid(format!(
                    "Vragenlijst '{code}' is al gebruikt; het nieuwe bestand moet hem ook bevatten."
                )))
            }
        }
    }
    let text = serde_json::to_string(&serde_json::json!({ "instruments": replacement }))
        .map_err(|e| Error::Invalid(format!("Vragenlijsten konden niet worden bewaard: {e}")))?;
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![SETTING_KEY, text],
    )?;
    Ok(replacement)
}

/// Scores one filled-in instrument. Every item needs an answer that the
/// instrument offers; the errors name the item (`answers.4` = the fifth).
pub fn score(instrument: &Instrument, answers: &[i64]) -> Result<BurdenScore> {
    if answers.len() != instrument.items.len() {
        return Err(Error::Validation(vec![FieldError::new(
            "answers",
            format!(
                "{} heeft {} vragen; er zijn {} antwoorden gegeven. Beantwoord alle vragen.",
                instrument.name,
                instrument.items.len(),
                answers.len()
            ),
        )]));
    }
    let allowed: Vec<i64> = instrument.options.iter().map(|o| o.value).collect();
    let errors: Vec<FieldError> = answers
        .iter()
        .enumerate()
        .filter(|(_, a)| !allowed.contains(a))
        .map(|(i, a)| {
            let labels: Vec<String> = instrument.options.iter().map(|o| format!("{} ({})", o.value, o.label)).collect();
            FieldError::new(
                &format!("answers.{i}"),
                format!("Vraag {}: antwoord {a} bestaat niet; kies {}.", i + 1, labels.join(" of ")),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let total: i64 = answers.iter().sum();
    // `check` guarantees consecutive bands from 0 to the highest score.
    let band = instrument.bands.iter().find(|b| (b.min..=b.max).contains(&total)).map(|b| b.label.clone());
    Ok(BurdenScore {
        instrument: instrument.code.clone(),
        score: total,
        max_score: instrument.max_score(),
        band: band.unwrap_or_default(),
        overloaded: total >= instrument.overloaded_from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(yes: usize, total: usize) -> Vec<i64> {
        (0..total).map(|i| i64::from(i < yes)).collect()
    }

    fn get(code: &str) -> Instrument {
        default_instruments().unwrap().into_iter().find(|i| i.code == code).unwrap()
    }

    #[test]
    fn ediz_plus_bands_at_their_edges() {
        let ediz = get("ediz_plus");
        assert_eq!(ediz.items.len(), 15);
        for (yes, band, overloaded) in [
            (0, "geen", false),
            (1, "licht", false),
            (3, "licht", false),
            (4, "matig", false),
            (8, "matig", false),
            (9, "zwaar", true),
            (15, "zwaar", true),
        ] {
            let s = score(&ediz, &answers(yes, 15)).unwrap();
            assert_eq!((s.score, s.band.as_str(), s.overloaded), (yes as i64, band, overloaded), "{yes} x ja");
        }
    }

    #[test]
    fn csi_is_high_strain_from_seven() {
        let csi = get("csi");
        assert_eq!(csi.items.len(), 13);
        let six = score(&csi, &answers(6, 13)).unwrap();
        let seven = score(&csi, &answers(7, 13)).unwrap();
        assert!(!six.overloaded && seven.overloaded);
        assert_eq!(seven.band, "hoge belasting");
        assert_eq!(seven.max_score, 13);
    }

    #[test]
    fn wrong_counts_and_values_are_refused_in_dutch() {
        let ediz = get("ediz_plus");
        match score(&ediz, &answers(3, 14)) {
            Err(Error::Validation(f)) => assert!(f[0].message.contains("15 vragen"), "{}", f[0].message),
            other => panic!("{other:?}"),
        }
        let mut bad = answers(3, 15);
        bad[4] = 2;
        match score(&ediz, &bad) {
            Err(Error::Validation(f)) => {
                assert_eq!(f[0].field, "answers.4");
                assert!(f[0].message.starts_with("Vraag 5"), "{}", f[0].message);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_replacement_must_have_bands_that_fit() {
        let mut ediz = get("ediz_plus");
        ediz.bands.pop();
        let json = serde_json::json!({ "instruments": [ediz] }).to_string();
        assert!(matches!(parse_instruments(&json), Err(Error::Invalid(m)) if m.contains("hoogste score")));
    }
}
