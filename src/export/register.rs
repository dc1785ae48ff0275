//! The register as CSV, one file per table: for a region that leaves the
//! app (the whole register) or a person who asks for their data (an
//! inzageverzoek: one caregiver, with the recipients of the dossier, the
//! intakes, the sessions, the ledger and the audit trail about them).
//!
//! Every column of the stored rows goes out as stored, except the search
//! keys the store derives from the name (`sort_key`, `twin_key`,
//! `search_text`, `first_key`, `last_key`); sessions get their start and end as date and time
//! besides. No secrets: users and their password hashes, the settings (the
//! pseudonym key, the recovery recipient) and the export log stay in. The
//! files are `;`-separated UTF-8 with a BOM, as Dutch Excel opens them, and
//! read in one transaction, so they agree with each other. The export is in
//! the audit trail: who exported what.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, AuditAction};
use crate::error::{Error, Result};

/// One table as a file: its name, the rows of the whole register, and the
/// rows of one caregiver (`?1`).
struct Table {
    file: &'static str,
    /// `SELECT` list and `FROM`, without `WHERE`.
    select: &'static str,
    one: &'static str,
    order: &'static str,
}

/// Columns that are only the store's own search keys.
const DERIVED: [&str; 5] = ["sort_key", "twin_key", "search_text", "first_key", "last_key"];

const TABLES: [Table; 8] = [
    Table { file: "mantelzorgers.csv", select: "SELECT * FROM caregiver", one: "id = ?1", order: "id" },
    Table {
        file: "naasten.csv",
        select: "SELECT * FROM care_recipient",
        one: "id IN (SELECT recipient_id FROM caregiver_recipient WHERE caregiver_id = ?1)",
        order: "id",
    },
    Table {
        file: "mantelzorger_naaste.csv",
        select: "SELECT * FROM caregiver_recipient",
        one: "caregiver_id = ?1",
        order: "caregiver_id, recipient_id",
    },
    Table { file: "intakes.csv", select: "SELECT * FROM intake", one: "caregiver_id = ?1", order: "id" },
    Table {
        file: "belastingmetingen.csv",
        select: "SELECT * FROM burden_assessment",
        one: "intake_id IN (SELECT id FROM intake WHERE caregiver_id = ?1)",
        order: "id",
    },
    Table {
        file: "inzetten.csv",
        select: "SELECT *, strftime('%Y-%m-%d %H:%M', starts_at * 60, 'unixepoch') AS begin_datum_tijd,
                        strftime('%Y-%m-%d %H:%M', ends_at * 60, 'unixepoch') AS einde_datum_tijd FROM session",
        one: "caregiver_id = ?1",
        order: "id",
    },
    Table { file: "grootboek.csv", select: "SELECT * FROM ledger_entry", one: "caregiver_id = ?1", order: "id" },
    Table {
        file: "aanbieders.csv",
        select: "SELECT * FROM provider",
        one: "id IN (SELECT provider_id FROM session WHERE caregiver_id = ?1)",
        order: "id",
    },
];

/// The audit trail about the one person, in an inzageverzoek.
const TRAIL_FILE: &str = "logboek.csv";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RegisterFile {
    pub name: String,
    pub rows: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RegisterExport {
    #[ts(type = "string")]
    pub dir: PathBuf,
    /// The one caregiver of an inzageverzoek; `null`: the whole register.
    pub caregiver_id: Option<i64>,
    pub files: Vec<RegisterFile>,
}

impl RegisterExport {
    pub fn rows_of(&self, file: &str) -> usize {
        self.files.iter().find(|f| f.name == file).map_or(0, |f| f.rows)
    }
}

/// Writes the register (or one caregiver's part of it) to `dir`, one CSV
/// per table, and records the export in the audit trail.
pub fn export_register(
    conn: &Connection,
    dir: &Path,
    caregiver_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<RegisterExport> {
    if let Some(id) = caregiver_id {
        let exists: bool =
            conn.query_row("SELECT EXISTS(SELECT 1 FROM caregiver WHERE id = ?1)", [id], |r| r.get(0))?;
        if !exists {
            return Err(Error::NotFound(format!("Mantelzorger {id} bestaat niet; er is niets geschreven.")));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::Invalid(format!("De map {} kon niet worden gemaakt: {e}. Er is niets geschreven.", dir.display()))
    })?;
    // One read of the store: the files agree with each other.
    let tx = crate::store::atomic(conn, "register_export")?;
    let mut files = Vec::with_capacity(TABLES.len() + 1);
    for table in &TABLES {
        let rows = write_table(&tx, table, caregiver_id, &dir.join(table.file))?;
        files.push(RegisterFile { name: table.file.to_string(), rows });
    }
    let detail = match caregiver_id {
        Some(id) => {
            let rows = audit::export_for_subject(&tx, id, &dir.join(TRAIL_FILE), now)?;
            files.push(RegisterFile { name: TRAIL_FILE.to_string(), rows });
            format!("Inzageverzoek: de gegevens van mantelzorger {id} als CSV ({} bestanden)", files.len())
        }
        None => format!(
            "Het hele register als CSV: {} mantelzorgers, {} naasten, {} intakes, {} inzetten, {} grootboekregels",
            files[0].rows, files[1].rows, files[3].rows, files[5].rows, files[6].rows
        ),
    };
    audit::record(&tx, AuditAction::Export, caregiver_id, &detail, now)?;
    tx.commit()?;
    Ok(RegisterExport { dir: dir.to_path_buf(), caregiver_id, files })
}

/// One table to one file, written beside and renamed when whole.
fn write_table(conn: &Connection, table: &Table, caregiver_id: Option<i64>, path: &Path) -> Result<usize> {
    let sql = match caregiver_id {
        Some(_) => format!("{} WHERE {} ORDER BY {}", table.select, table.one, table.order),
        None => format!("{} ORDER BY {}", table.select, table.order),
    };
    let mut stmt = conn.prepare(&sql)?;
    let columns: Vec<(usize, String)> = stmt
        .column_names()
        .into_iter()
        .enumerate()
        .filter(|(_, name)| !DERIVED.contains(name))
        .map(|(i, name)| (i, name.to_string()))
        .collect();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(b"\xEF\xBB\xBF")?;
    let mut rows = 0;
    {
        let mut out =
            csv::WriterBuilder::new().delimiter(b';').from_writer(std::io::BufWriter::new(file.as_file_mut()));
        out.write_record(columns.iter().map(|(_, name)| name.as_str())).map_err(csv_error)?;
        let mut result = match caregiver_id {
            Some(id) => stmt.query([id])?,
            None => stmt.query([])?,
        };
        let mut record: Vec<String> = Vec::with_capacity(columns.len());
        while let Some(row) = result.next()? {
            record.clear();
            for (i, _) in &columns {
                record.push(text_of(row.get_ref(*i)?));
            }
            out.write_record(&record).map_err(csv_error)?;
            rows += 1;
        }
        out.flush()?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| Error::from(e.error))?;
    Ok(rows)
}

fn text_of(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => b.iter().map(|byte| format!("{byte:02x}")).collect(),
    }
}

fn csv_error(err: csv::Error) -> Error {
    Error::Invalid(format!("Het registerbestand kon niet worden geschreven: {err}"))
}
