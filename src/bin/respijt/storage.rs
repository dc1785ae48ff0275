//! Opening the store with its passphrase, and the commands that look after
//! the store file itself: backups, restore, encryption, a new passphrase.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use respijt::{store, Store};

use crate::env;
use crate::now;

pub(crate) fn open(db: Option<&Path>) -> respijt::Result<Store> {
    let path = store::resolve_path(db, env::var_os(store::DB_ENV))?;
    let passphrase = passphrase_for(&path)?;
    let new = store::file_state(&path)? == store::FileState::Missing;
    let mut store = Store::open(&path, &passphrase)
        .and_then(|s| store::health::check_length(s.conn(), s.path()).map(|()| s))
        .and_then(respijt::bootstrap::ready)
        .map_err(|err| crate::recover::with_offer(err, &path, &passphrase))?;
    // The audit trail names the CLI and the account that ran it.
    let user = env::var("USER").or_else(|| env::var("USERNAME")).unwrap_or_default();
    store.act_as_passphrase_holder(&format!("opdrachtregel ({user})"))?;
    if new {
        // A new store gets its recovery key, shown once.
        let key = store::recovery::make(store.conn(), store.path(), store.passphrase(), now())?;
        crate::recover::show_key(&key);
    }
    Ok(store)
}

/// The passphrase of the store at `path`: from the file `RESPIJT_PASSPHRASE_FILE`
/// names, else typed on the terminal (twice for a new store). Never from an
/// argument: those end up in the shell history and the process list.
fn passphrase_for(path: &Path) -> respijt::Result<store::Passphrase> {
    let new = store::file_state(path)? != store::FileState::Encrypted;
    match env::var_os(store::PASSPHRASE_FILE_ENV) {
        Some(file) => {
            let given = store::Passphrase::from_file(Path::new(&file))?;
            if new {
                // A new store gets a passphrase that meets the rules.
                store::Passphrase::new_checked(given.as_typed(), given.as_typed()).map_err(passphrase_error)
            } else {
                Ok(given)
            }
        }
        None => ask_passphrase(&format!("Wachtwoordzin voor {}", path.display()), new, &from_file_hint()),
    }
}

/// The passphrase of a store that exists elsewhere (a backup): from the file, else asked once.
pub(crate) fn passphrase_for_existing() -> respijt::Result<store::Passphrase> {
    match env::var_os(store::PASSPHRASE_FILE_ENV) {
        Some(file) => store::Passphrase::from_file(Path::new(&file)),
        None => ask_passphrase("Wachtwoordzin van de back-up", false, &from_file_hint()),
    }
}

/// Asks on the terminal, without echo; `twice` for a new passphrase.
/// Run unattended (a scheduled job: no terminal on stdin) nothing is asked:
/// a clear error names `instead`, the way to give it without a terminal.
pub(crate) fn ask_passphrase(what: &str, twice: bool, instead: &str) -> respijt::Result<store::Passphrase> {
    use std::io::IsTerminal as _;
    if !std::io::stdin().is_terminal() {
        return Err(respijt::Error::Locked(format!(
            "{what}: respijt draait zonder terminal (een geplande taak?) en kan er niet om vragen. {instead} Er is niets veranderd."
        )));
    }
    let first = zeroize::Zeroizing::new(rpassword::prompt_password(format!("{what}: "))?);
    if !twice {
        return store::Passphrase::existing(&first).map_err(passphrase_error);
    }
    let second = zeroize::Zeroizing::new(rpassword::prompt_password("Nog een keer: ")?);
    store::Passphrase::new_checked(&first, &second).map_err(passphrase_error)
}

fn from_file_hint() -> String {
    format!("Zet {} op een bestand met de wachtwoordzin op de eerste regel.", store::PASSPHRASE_FILE_ENV)
}

/// A form's field errors as one line for the terminal.
pub(crate) fn passphrase_error(err: respijt::Error) -> respijt::Error {
    match err {
        respijt::Error::Validation(fields) => {
            respijt::Error::Invalid(fields.into_iter().map(|f| f.message).collect::<Vec<_>>().join(" "))
        }
        other => other,
    }
}

/// `respijt backup`, `--list`, `--to DIR`, or `--folder DIR --every N`.
pub fn backup(
    db: Option<&Path>,
    list: bool,
    to: Option<PathBuf>,
    folder: Option<PathBuf>,
    every: u32,
) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    if let Some(folder) = folder {
        let choice =
            (folder.as_os_str() != "geen").then_some(store::offsite::BackupFolder { path: folder, every_days: every });
        match respijt::commands::set_backup_folder(&store, choice.as_ref(), now()).map_err(passphrase_error)? {
            Some(f) => say!(
                "Back-ups gaan elke {} dag(en) ook naar {}; de eerste is gemaakt en gecontroleerd.",
                f.every_days,
                f.path.display()
            ),
            None => say!("Back-ups gaan alleen nog naar {}.", store.backup_dir().display()),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(dir) = to {
        let made = store.backup_into(&dir, now())?;
        say!("Back-up gemaakt en gecontroleerd: {} ({} kB)", made.path.display(), made.bytes / 1024);
        return Ok(ExitCode::SUCCESS);
    }
    if list {
        let files = store::backup::list(&store.backup_dir())?;
        if files.is_empty() {
            say!("Nog geen back-ups in {}.", store.backup_dir().display());
        }
        for f in files {
            say!(
                "{}  {:<14} {:>8} kB  {}",
                f.taken_at.format("%d-%m-%Y %H:%M:%S"),
                f.kind.code(),
                f.bytes / 1024,
                f.path.display()
            );
        }
    } else {
        let made = store.backup(store::backup::BackupKind::Manual, now())?;
        say!("Back-up gemaakt en gecontroleerd: {} ({} kB)", made.path.display(), made.bytes / 1024);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(db: Option<&Path>, file: &Path, backup_passphrase_file: Option<PathBuf>) -> respijt::Result<ExitCode> {
    let path = store::resolve_path(db, env::var_os(store::DB_ENV))?;
    if store::file_state(&path)? == store::FileState::Missing {
        // A new laptop: the store is made from the backup, with the backup's passphrase.
        let passphrase = match backup_passphrase_file {
            Some(file) => store::Passphrase::from_file(&file)?,
            None => passphrase_for_existing()?,
        };
        store::health::restore_as_new(file, &passphrase, &path)?;
        say!("Opslag gemaakt uit de back-up {}: {}", file.display(), path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut store = open(db)?;
    let backup_passphrase = match backup_passphrase_file {
        Some(path) => store::Passphrase::from_file(&path)?,
        None => store.passphrase().clone(),
    };
    let safety = store.restore(file, &backup_passphrase, now())?;
    say!("Teruggezet: {}. De stand van daarvoor staat in {}.", file.display(), safety.path.display());
    Ok(ExitCode::SUCCESS)
}

pub fn encrypt(db: Option<&Path>) -> respijt::Result<ExitCode> {
    let path = store::resolve_path(db, env::var_os(store::DB_ENV))?;
    if store::file_state(&path)? != store::FileState::Plain {
        say!("{} is al versleuteld (of bestaat niet).", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let passphrase = passphrase_for(&path)?;
    let report = store::key::encrypt_store_and_backups(&path, &passphrase)?;
    say!("Versleuteld: {} en {} back-up(s).", path.display(), report.backups);
    Ok(ExitCode::SUCCESS)
}

pub fn change_passphrase(db: Option<&Path>, new_file: Option<PathBuf>) -> respijt::Result<ExitCode> {
    let mut store = open(db)?;
    let new = match new_file {
        Some(file) => {
            let given = store::Passphrase::from_file(&file)?;
            store::Passphrase::new_checked(given.as_typed(), given.as_typed()).map_err(passphrase_error)?
        }
        None => ask_passphrase("Nieuwe wachtwoordzin", true, "Geef hem met --new-file BESTAND.")?,
    };
    let current = store.passphrase().clone();
    respijt::commands::change_passphrase(&mut store, current.as_typed(), new.as_typed(), new.as_typed(), now())
        .map_err(passphrase_error)?;
    say!("De wachtwoordzin is gewijzigd en de opslag opnieuw versleuteld. Oudere back-ups openen met de vorige.");
    Ok(ExitCode::SUCCESS)
}
