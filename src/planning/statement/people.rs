//! Who a statement line is about: the caregiver by her number at the
//! provider or municipality (`mantelzorger_id`), else by her dossier number
//! (`dossiernummer`), else by name and date of birth (`naam` or `voornaam` +
//! `achternaam`, `geboortedatum`, and `postcode` when the file has it); the
//! provider by its extern id or its name. Two people who fit the same name
//! and birth date are never guessed between: the line is refused.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use crate::codes::codes;
use crate::dutch;
use crate::error::Result;
use crate::import::Table;

codes! {
    /// How a statement line found its caregiver.
    MatchKey / "de manier waarop een regel de mantelzorger vond" {
        ExternId = "extern_id" / "nummer bij aanbieder of gemeente",
        DossierNumber = "dossiernummer" / "dossiernummer",
        NameAndBirthDate = "naam_geboortedatum" / "naam en geboortedatum",
    }
}

/// A refusal: the column it is about and the Dutch reason.
pub type Refusal = (&'static str, String);

/// Folded (capitals, accents and extra spaces do not count): `Fatma Yılmaz` is `fatma yilmaz`.
fn name_key(name: &str) -> String {
    dutch::fold(name)
}

fn compact_postcode(postcode: &str) -> String {
    postcode.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

/// Everything a statement needs to recognise people, read once.
pub struct People {
    caregivers_by_extern: HashMap<String, i64>,
    /// Only when the file has names: (name, date of birth) to (id, postcode).
    caregivers_by_name: HashMap<(String, NaiveDate), Vec<(i64, String)>>,
    providers_by_extern: HashMap<String, i64>,
    providers_by_name: HashMap<String, Vec<i64>>,
}

fn pairs<K: std::hash::Hash + Eq + rusqlite::types::FromSql>(conn: &Connection, sql: &str) -> Result<HashMap<K, i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl People {
    pub fn load(conn: &Connection, table: &Table) -> Result<Self> {
        let has_names = table.column("naam").is_some() || table.column("achternaam").is_some();
        let mut caregivers_by_name: HashMap<(String, NaiveDate), Vec<(i64, String)>> = HashMap::new();
        if has_names {
            let mut stmt = conn.prepare(
                "SELECT id, first_name || ' ' || last_name, date_of_birth, postcode FROM caregiver WHERE last_name != ''",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, NaiveDate>(2)?, r.get::<_, String>(3)?))
            })?;
            for row in rows {
                let (id, name, born, postcode) = row?;
                caregivers_by_name.entry((name_key(&name), born)).or_default().push((id, compact_postcode(&postcode)));
            }
        }
        let mut providers_by_name: HashMap<String, Vec<i64>> = HashMap::new();
        for (name, id) in pairs::<String>(conn, "SELECT name, id FROM provider")? {
            providers_by_name.entry(name_key(&name)).or_default().push(id);
        }
        Ok(People {
            caregivers_by_extern: pairs(conn, "SELECT extern_id, id FROM caregiver WHERE extern_id IS NOT NULL")?,
            caregivers_by_name,
            providers_by_extern: pairs(conn, "SELECT extern_id, id FROM provider WHERE extern_id IS NOT NULL")?,
            providers_by_name,
        })
    }

    /// The caregiver a line is about, and by which key it was found.
    /// `cell` reads a column of the line (empty when the file lacks it).
    pub fn caregiver(
        &self,
        conn: &Connection,
        cell: &dyn Fn(&str) -> String,
    ) -> Result<std::result::Result<(i64, MatchKey), Refusal>> {
        let mut tried: Vec<String> = Vec::new();
        let mut first_column: Option<&'static str> = None;
        let extern_id = cell("mantelzorger_id");
        if !extern_id.is_empty() {
            if let Some(id) = self.caregivers_by_extern.get(&extern_id) {
                return Ok(Ok((*id, MatchKey::ExternId)));
            }
            first_column.get_or_insert("mantelzorger_id");
            tried.push(format!("niemand heeft nummer '{extern_id}' bij aanbieder of gemeente"));
        }
        let dossier = cell("dossiernummer");
        if !dossier.is_empty() {
            first_column.get_or_insert("dossiernummer");
            match dossier.parse::<i64>() {
                Ok(number) => {
                    let found: Option<i64> = conn
                        .prepare_cached("SELECT id FROM caregiver WHERE id = ?1 AND last_name != ''")?
                        .query_row([number], |r| r.get(0))
                        .optional()?;
                    if let Some(id) = found {
                        return Ok(Ok((id, MatchKey::DossierNumber)));
                    }
                    tried.push(format!("er is geen dossiernummer {number}"));
                }
                Err(_) => tried.push(format!("'{dossier}' is geen dossiernummer (alleen cijfers)")),
            }
        }
        let name = match cell("naam") {
            full if !full.is_empty() => full,
            _ => format!("{} {}", cell("voornaam"), cell("achternaam")).trim().to_string(),
        };
        let born_text = cell("geboortedatum");
        if !name.is_empty() || !born_text.is_empty() {
            first_column.get_or_insert("naam");
            if name.is_empty() || born_text.is_empty() {
                tried.push("vul naam én geboortedatum in om op naam te zoeken".into());
            } else {
                match dutch::parse_date(&born_text) {
                    Err(message) => return Ok(Err(("geboortedatum", message))),
                    Ok(born) => match self.by_name(&name, born, &cell("postcode")) {
                        Ok(id) => return Ok(Ok((id, MatchKey::NameAndBirthDate))),
                        Err(NameMiss::Ambiguous(message)) => return Ok(Err(("naam", message))),
                        Err(NameMiss::Nobody(message)) => tried.push(message),
                    },
                }
            }
        }
        Ok(Err(match first_column {
            None => (
                "mantelzorger_id",
                "Vul mantelzorger_id, dossiernummer of naam en geboortedatum in: daaraan herkent de app de mantelzorger."
                    .into(),
            ),
            Some(column) => (column, format!("Geen mantelzorger gevonden: {}.", tried.join("; "))),
        }))
    }

    fn by_name(&self, name: &str, born: NaiveDate, postcode: &str) -> std::result::Result<i64, NameMiss> {
        let born_text = dutch::date_text(born);
        let candidates = self.caregivers_by_name.get(&(name_key(name), born)).map(Vec::as_slice).unwrap_or(&[]);
        let postcode = compact_postcode(postcode);
        let fitting: Vec<i64> =
            candidates.iter().filter(|(_, pc)| postcode.is_empty() || *pc == postcode).map(|(id, _)| *id).collect();
        match (fitting.as_slice(), candidates.len()) {
            ([id], _) => Ok(*id),
            ([], 0) => Err(NameMiss::Nobody(format!("niemand heet '{name}' en is geboren op {born_text}"))),
            ([], _) => Err(NameMiss::Nobody(format!(
                "wel iemand die '{name}' heet en geboren is op {born_text}, maar niet met postcode {postcode}"
            ))),
            (_, _) => Err(NameMiss::Ambiguous(format!(
                "{} mantelzorgers heten '{name}' en zijn geboren op {born_text}; de app kiest niet zelf. Vul het dossiernummer{} in.",
                fitting.len(),
                if postcode.is_empty() { " of de postcode" } else { "" }
            ))),
        }
    }

    /// The provider by its extern id, else by its name (capitals do not count).
    pub fn provider(&self, cell: &dyn Fn(&str) -> String) -> std::result::Result<i64, Refusal> {
        let extern_id = cell("aanbieder_id");
        let name = cell("aanbieder");
        if let Some(id) = self.providers_by_extern.get(&extern_id) {
            return Ok(*id);
        }
        for (column, value) in [("aanbieder", &name), ("aanbieder_id", &extern_id)] {
            if value.is_empty() {
                continue;
            }
            match self.providers_by_name.get(&name_key(value)).map(Vec::as_slice) {
                Some([id]) => return Ok(*id),
                Some([_, _, ..]) => {
                    return Err((
                        column,
                        format!("Er zijn meerdere aanbieders met de naam '{value}'; vul aanbieder_id in."),
                    ))
                }
                _ => {}
            }
        }
        match (extern_id.is_empty(), name.is_empty()) {
            (true, true) => Err(("aanbieder_id", "Vul aanbieder_id of de naam van de aanbieder in.".into())),
            (false, _) => Err(("aanbieder_id", format!("Geen aanbieder met extern_id of naam '{extern_id}'."))),
            (true, false) => Err(("aanbieder", format!("Geen aanbieder met de naam '{name}'."))),
        }
    }
}

enum NameMiss {
    Nobody(String),
    Ambiguous(String),
}
