//! Spreadsheets imported in the app: the kinds, a preview, the confirm.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::import::{self, ImportKind, ImportKindView, ImportOutcome};
use crate::store::Store;

/// The kinds of file the signed-in user may import, with their columns.
pub fn import_kinds(store: &Store) -> Result<Vec<ImportKindView>> {
    Ok(ImportKind::ALL.iter().filter(|k| store.require(k.area()).is_ok()).map(|k| ImportKindView::from(*k)).collect())
}

/// Checks the file and shows what an import would do; nothing is kept.
/// A refused row does not stop the preview: the others show what they would become.
pub fn preview_import(store: &mut Store, kind: ImportKind, path: &Path, now: DateTime<Utc>) -> Result<ImportOutcome> {
    store.require(kind.area())?;
    let options = import::ImportOptions { skip_invalid: true, preview: true };
    let bytes = std::fs::read(path)
        .map_err(|e| crate::Error::Invalid(format!("Het bestand '{}' kon niet worden gelezen: {e}", path.display())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let table = import::read_table_bytes(&name, &bytes)?;
    let mut outcome = import::import_table(store.conn_mut(), kind, &table, options, now)?;
    outcome.file_name = name;
    outcome.fingerprint = import::fingerprint(&bytes);
    Ok(outcome)
}

/// Imports the file the director saw in the preview: all or nothing, and
/// refused when the file changed since.
pub fn import_file(
    store: &mut Store,
    kind: ImportKind,
    path: &Path,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    store.require(kind.area())?;
    import::import_file(store.conn_mut(), kind, path, Some(fingerprint), false, now)
}
