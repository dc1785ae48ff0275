//! Files beside the store, written so that a crash leaves the old one or
//! the new one and never half of one; and the names of a store's own files.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;

/// Writes `bytes` to `path` whole or not at all: a temporary file in the
/// same folder, flushed to disk, renamed over `path`, then the folder
/// flushed so the rename is on disk too (where a folder can be opened).
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| crate::error::Error::from(e.error))?;
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A store file and the WAL and shared-memory files SQLite keeps beside it.
pub fn with_sides(path: &Path) -> [PathBuf; 3] {
    let side = |s: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(s);
        PathBuf::from(name)
    };
    [path.to_path_buf(), side("-wal"), side("-shm")]
}
