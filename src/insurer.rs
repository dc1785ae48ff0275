//! The Dutch health insurers as data: groups, the labels they sell under and
//! the names people write for them (`data/insurers/nl-2026.csv`, replaceable
//! with `respijt verzekeraars laden FILE`). A caregiver's insurer is one of
//! these labels, or "andere"; schemes name the labels they cover. A name is
//! recognised in any case, with or without accents, spaces and points, so
//! "VGZ Zorgverzekeraar" and "vgz" are both VGZ and no longer fall outside a
//! scheme unseen.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, AuditAction};
use crate::dutch;
use crate::error::{Error, Result};
use crate::store::Store;

/// The insurers of 2026 (groups and labels as reported in the press; check
/// them each year: labels move between groups).
pub const NL_2026_CSV: &str = include_str!("../data/insurers/nl-2026.csv");

/// What a caregiver's insurer is when it is on no list.
pub const OTHER: &str = "andere";

/// What people write for "another insurer" (as keys).
const OTHER_NAMES: &[&str] = &["andere", "anders", "overig", "overige", "anderverzekeraar", "andereverzekeraar"];

/// The header of an insurer file.
pub const INSURER_COLUMNS: &[&str] = &["groep", "label", "aliassen", "jaar"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Insurer {
    /// The name a caregiver's insurer is stored and shown as.
    pub label: String,
    /// The concern the label belongs to (VGZ, Achmea, ...).
    pub group: String,
    /// Other names for the label that a form or an import accepts.
    pub aliases: Vec<String>,
    /// The year the list describes.
    pub year: i32,
}

/// A caregiver whose insurer, as typed before the list existed, is not
/// one of the list's labels: the director chooses it by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct UnknownInsurer {
    pub caregiver_id: i64,
    pub name: String,
    /// The insurer as it is stored.
    pub insurer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsurerListSummary {
    pub insurers: usize,
    /// Caregivers whose insurer was written another way and now carries the list's label.
    pub mapped: usize,
    /// Caregivers whose insurer the list does not know.
    pub unknown: usize,
}

/// The key a name is matched on: lower case, no accents, letters and digits only.
fn key(name: &str) -> String {
    dutch::fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Every name the list accepts, by its key, with the label it stands for.
#[derive(Debug, Clone, Default)]
pub struct InsurerIndex {
    labels: Vec<String>,
    by_key: HashMap<String, usize>,
}

impl InsurerIndex {
    pub fn load(conn: &Connection) -> Result<InsurerIndex> {
        Ok(InsurerIndex::of(&list_insurers(conn)?))
    }

    pub fn of(insurers: &[Insurer]) -> InsurerIndex {
        let mut index = InsurerIndex::default();
        for insurer in insurers {
            let at = index.labels.len();
            index.labels.push(insurer.label.clone());
            for name in std::iter::once(&insurer.label).chain(&insurer.aliases) {
                index.by_key.entry(key(name)).or_insert(at);
            }
        }
        index
    }

    /// The label a name stands for, if the list knows it.
    pub fn label_of(&self, name: &str) -> Option<&str> {
        self.by_key.get(&key(name)).map(|at| self.labels[*at].as_str())
    }

    /// The name as it is compared: the list's label, else the name as written.
    pub fn canonical(&self, name: &str) -> String {
        self.label_of(name).map_or_else(|| name.trim().to_string(), str::to_string)
    }

    /// A caregiver's insurer as the form or an import gives it: empty, "andere"
    /// or a name of the list (stored as its label). An unknown name gets a
    /// Dutch message with the choices.
    pub fn choose(&self, name: &str) -> std::result::Result<String, String> {
        let name = name.trim();
        if name.is_empty() {
            return Ok(String::new());
        }
        if OTHER_NAMES.contains(&key(name).as_str()) {
            return Ok(OTHER.to_string());
        }
        self.label_of(name).map(str::to_string).ok_or_else(|| {
            format!(
                "Verzekeraar '{name}' staat niet in de lijst. Kies een van: {}, of '{OTHER}'.",
                self.labels.join(", ")
            )
        })
    }
}

/// `InsurerIndex::choose` against the store's list, for one name: a label
/// written exactly as the list has it (an import of thousands of rows
/// mostly has those) is one indexed look-up; only other names load the list.
pub fn choose(conn: &Connection, name: &str) -> Result<std::result::Result<String, String>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(Ok(String::new()));
    }
    let exact: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM insurer WHERE label = ?1)")?
        .query_row([name], |r| r.get(0))?;
    if exact {
        return Ok(Ok(name.to_string()));
    }
    Ok(InsurerIndex::load(conn)?.choose(name))
}

pub fn list_insurers(conn: &Connection) -> Result<Vec<Insurer>> {
    let mut stmt =
        conn.prepare_cached("SELECT label, group_name, aliases, year FROM insurer ORDER BY group_name, label")?;
    let rows = stmt.query_map([], |r| {
        Ok(Insurer {
            label: r.get(0)?,
            group: r.get(1)?,
            aliases: crate::codes::texts_from_json(&r.get::<_, String>(2)?),
            year: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A new store (or one from before the list) gets the 2026 list.
pub fn seed_default_if_empty(store: &Store) -> Result<()> {
    let count: i64 = store.conn().query_row("SELECT COUNT(*) FROM insurer", [], |r| r.get(0))?;
    if count == 0 {
        load_insurers(store.conn(), NL_2026_CSV, seed_time())?;
    }
    Ok(())
}

fn seed_time() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default() // 2026-01-01T00:00:00Z
}

/// Reads an insurer file (`groep;label;aliassen;jaar`, aliases separated by
/// commas). Every error names the row and the column.
pub fn parse_insurers(text: &str) -> Result<Vec<Insurer>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> = lines.next().unwrap_or_default().split(';').map(|h| h.trim().to_lowercase()).collect();
    if header != INSURER_COLUMNS {
        return Err(Error::Invalid(format!(
            "De kopregel van het verzekeraarsbestand moet zijn: {}.",
            INSURER_COLUMNS.join(";")
        )));
    }
    let mut insurers: Vec<Insurer> = Vec::new();
    let mut owner: HashMap<String, String> = HashMap::new();
    for (index, line) in lines.enumerate() {
        let row = index + 1;
        let cells: Vec<&str> = line.split(';').map(str::trim).collect();
        let fail = |column: &str, message: String| Error::Invalid(format!("Rij {row}, kolom {column}: {message}"));
        if cells.len() != INSURER_COLUMNS.len() {
            return Err(fail("groep", format!("de rij heeft {} kolommen in plaats van 4.", cells.len())));
        }
        let (group, label) = (cells[0], cells[1]);
        if group.is_empty() {
            return Err(fail("groep", "vul de groep (het concern) in.".into()));
        }
        if label.is_empty() || key(label).is_empty() {
            return Err(fail("label", "vul het label in.".into()));
        }
        if OTHER_NAMES.contains(&key(label).as_str()) {
            return Err(fail(
                "label",
                format!("'{OTHER}' is geen verzekeraar: het is de keuze voor wie niet in de lijst staat."),
            ));
        }
        let year = match cells[3].parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => return Err(fail("jaar", format!("'{}' is geen jaartal.", cells[3]))),
        };
        let aliases: Vec<String> =
            cells[2].split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
        for name in std::iter::once(label).chain(aliases.iter().map(String::as_str)) {
            match owner.get(&key(name)) {
                Some(other) if other != label => {
                    let column = if name == label { "label" } else { "aliassen" };
                    return Err(fail(
                        column,
                        format!("'{name}' hoort al bij {other}: een naam mag maar bij één label horen."),
                    ));
                }
                _ => {
                    owner.insert(key(name), label.to_string());
                }
            }
        }
        insurers.push(Insurer { label: label.to_string(), group: group.to_string(), aliases, year });
    }
    if insurers.is_empty() {
        return Err(Error::Invalid("Het verzekeraarsbestand bevat geen verzekeraars.".into()));
    }
    Ok(insurers)
}

/// Replaces the list (all or nothing), then gives every caregiver whose
/// insurer the new list recognises the list's label; each such change is on
/// the caregiver's audit trail.
pub fn load_insurers(conn: &Connection, text: &str, now: DateTime<Utc>) -> Result<InsurerListSummary> {
    let insurers = parse_insurers(text)?;
    let index = InsurerIndex::of(&insurers);
    let tx = crate::store::atomic(conn, "insurer_load")?;
    tx.execute("DELETE FROM insurer", [])?;
    for i in &insurers {
        tx.execute(
            "INSERT INTO insurer (label, group_name, aliases, year) VALUES (?1, ?2, ?3, ?4)",
            params![i.label, i.group, serde_json::to_string(&i.aliases).unwrap_or_else(|_| "[]".into()), i.year],
        )?;
    }
    let stored: Vec<(i64, String)> = tx
        .prepare("SELECT id, insurer FROM caregiver WHERE insurer <> ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut mapped, mut unknown) = (0, 0);
    for (id, insurer) in stored {
        let chosen = index.choose(&insurer);
        match chosen {
            Ok(label) if label != insurer => {
                tx.execute("UPDATE caregiver SET insurer = ?1 WHERE id = ?2", params![label, id])?;
                audit::record(&tx, AuditAction::DossierChanged, Some(id), "verzekeraar volgens de lijst", now)?;
                mapped += 1;
            }
            Ok(_) => {}
            Err(_) => unknown += 1,
        }
    }
    tx.commit()?;
    Ok(InsurerListSummary { insurers: insurers.len(), mapped, unknown })
}

/// Caregivers whose insurer the list does not know (typed before the list,
/// or a label the new list dropped), by name.
pub fn unknown_insurers(conn: &Connection) -> Result<Vec<UnknownInsurer>> {
    let index = InsurerIndex::load(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, first_name || ' ' || last_name, insurer FROM caregiver
         WHERE insurer <> '' AND erased_at IS NULL ORDER BY last_name, first_name, id",
    )?;
    let rows =
        stmt.query_map([], |r| Ok(UnknownInsurer { caregiver_id: r.get(0)?, name: r.get(1)?, insurer: r.get(2)? }))?;
    let mut unknown = Vec::new();
    for row in rows {
        let row = row?;
        if index.choose(&row.insurer).is_err() {
            unknown.push(row);
        }
    }
    Ok(unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_reads_and_knows_the_labels_and_aliases() {
        let list = parse_insurers(NL_2026_CSV).expect("the shipped list reads");
        let index = InsurerIndex::of(&list);
        assert_eq!(index.choose("VGZ Zorgverzekeraar"), Ok("VGZ".to_string()));
        assert_eq!(index.choose("  vgz "), Ok("VGZ".to_string()));
        assert_eq!(index.choose("ZEKUR"), Ok("Zekur".to_string()), "a label of the VGZ group is its own label");
        assert_eq!(index.choose("asr"), Ok("a.s.r.".to_string()));
        assert_eq!(index.choose("Zorg & Zekerheid"), Ok("Zorg en Zekerheid".to_string()));
        assert_eq!(index.choose("Andere"), Ok(OTHER.to_string()));
        assert_eq!(index.choose("anders"), Ok(OTHER.to_string()));
        assert_eq!(index.choose(""), Ok(String::new()));
        let refused = index.choose("Verzekeraar X").unwrap_err();
        assert!(refused.contains("Verzekeraar X") && refused.contains("Zilveren Kruis"), "{refused}");
    }

    #[test]
    fn a_name_on_two_labels_is_refused_with_its_row() {
        let text = "groep;label;aliassen;jaar\nVGZ;VGZ;;2026\nCZ;CZ;vgz;2026\n";
        let message = parse_insurers(text).unwrap_err().to_string();
        assert!(message.contains("Rij 2, kolom aliassen"), "{message}");
    }
}
