//! Importers: spreadsheet files (CSV or XLSX) with a Dutch header row.
//!
//! Every importer checks all rows before it writes any: by default one bad
//! row means nothing is written, and the report names every bad row (1 = the
//! first data row), its column and a Dutch reason.

mod caregivers;
mod preview;
mod table;

pub use caregivers::{import_caregivers, CAREGIVER_COLUMNS};
pub use preview::{fingerprint, import_file, import_table, ImportKind, ImportKindView, ImportOutcome};
pub use table::{read_table, read_table_bytes, Table};

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Write the valid rows and report the others, instead of all or nothing.
    pub skip_invalid: bool,
    /// Check and write everything, then roll it back: what the import would
    /// do, with nothing kept (the app's preview before the director confirms).
    pub preview: bool,
}

impl ImportOptions {
    /// Ends an importer's transaction: kept, or rolled back for a preview.
    pub fn finish(self, tx: rusqlite::Transaction<'_>) -> crate::error::Result<()> {
        if self.preview {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(())
    }
}

/// One problem in one row of an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RowError {
    /// 1 is the first row after the header.
    pub row: usize,
    /// The column as the file names it.
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// Rows written (new or updated); `created` and `updated` count persons.
    pub imported: usize,
    pub rejected: Vec<RowError>,
    /// Things worth knowing that did not stop a row (unknown columns, look-alikes).
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub created: usize,
    #[serde(skip)]
    pub updated: usize,
}

impl ImportReport {
    /// Row numbers with at least one problem, each once, in order.
    pub fn rejected_rows(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = self.rejected.iter().map(|e| e.row).collect();
        rows.dedup();
        rows
    }
}
