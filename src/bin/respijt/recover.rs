//! When the store cannot be used as it is: a damaged file (checked, kept
//! aside, the newest good backup put back) or a lost passphrase (the
//! recovery key opens the store and a new passphrase is set).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use respijt::store;

use crate::env;
use crate::now;
use crate::storage::{ask_passphrase, open, passphrase_error, passphrase_for_existing};

/// Exit code of `respijt check` for a damaged store.
use crate::exit::DAMAGED;

/// A damaged store's error, with the backup that can be put back.
pub(crate) fn with_offer(err: respijt::Error, path: &Path, passphrase: &store::Passphrase) -> respijt::Error {
    let Some(damage) = store::health::damage_of(&err, path, passphrase) else {
        return err;
    };
    let offer = match damage.backup {
        Some(b) => format!(
            " De nieuwste goede back-up is van {} ({}): zet die terug met `respijt restore --newest-good`.",
            b.taken_at.format("%d-%m-%Y %H:%M"),
            b.path.display()
        ),
        None => " Er is geen goede back-up die met deze wachtwoordzin opent.".into(),
    };
    respijt::Error::Damaged(format!("{}{offer}", damage.message))
}

/// Shows a new recovery key once, on the terminal.
pub(crate) fn show_key(key: &store::recovery::RecoveryKey) {
    eprintln!(
        "Herstelsleutel van deze opslag (wordt maar één keer getoond: print hem en bewaar hem in een kluis):\n\n    {}\n\nMet deze sleutel opent `respijt recover` de opslag als de wachtwoordzin kwijt is.",
        key.shown()
    );
}

fn store_path(db: Option<&Path>) -> respijt::Result<PathBuf> {
    store::resolve_path(db, env::var_os(store::DB_ENV))
}

/// `respijt check`: every page read and checked.
pub fn check(db: Option<&Path>) -> respijt::Result<ExitCode> {
    let path = store_path(db)?;
    let passphrase = passphrase_for_existing()?;
    match store::health::check_pages(&path, &passphrase) {
        Ok(()) => {
            say!("De opslag is heel: elke pagina is gelezen en gecontroleerd ({}).", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(err @ respijt::Error::Damaged(_)) => {
            eprintln!("Fout: {}", with_offer(err, &path, &passphrase));
            Ok(ExitCode::from(DAMAGED))
        }
        Err(err) => Err(err),
    }
}

/// `respijt restore --newest-good`: the damaged store kept aside, the newest good backup put back.
pub fn newest_good(db: Option<&Path>) -> respijt::Result<ExitCode> {
    let path = store_path(db)?;
    let passphrase = passphrase_for_existing()?;
    let repair = store::health::put_back_newest(&path, &passphrase, now())?;
    let mut opened = open(db)?;
    let name = repair.restored.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    respijt::audit::record(opened.conn(), respijt::audit::AuditAction::DamageRepaired, None, &name, now())?;
    opened.refresh_users()?;
    say!(
        "Teruggezet: de back-up van {} ({}). Het beschadigde bestand staat apart in {}.",
        repair.restored.taken_at.format("%d-%m-%Y %H:%M"),
        repair.restored.path.display(),
        repair.kept_aside.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `respijt recover --key-file F`: a lost passphrase replaced.
pub fn recover(
    db: Option<&Path>,
    key_file: &Path,
    new_file: Option<PathBuf>,
    escrow: Option<PathBuf>,
) -> respijt::Result<ExitCode> {
    let path = store_path(db)?;
    let key = zeroize::Zeroizing::new(std::fs::read_to_string(key_file).map_err(|e| {
        respijt::Error::Invalid(format!(
            "Het bestand met de herstelsleutel ({}) is niet te lezen: {e}",
            key_file.display()
        ))
    })?);
    let new = match new_file {
        Some(file) => {
            let given = store::Passphrase::from_file(&file)?;
            store::Passphrase::new_checked(given.as_typed(), given.as_typed()).map_err(passphrase_error)?
        }
        None => ask_passphrase("Nieuwe wachtwoordzin", true, "Geef hem met --new-file BESTAND.")?,
    };
    if let Some(escrow) = escrow {
        // The escrow from elsewhere (the backups folder, a stick): beside the store from now on.
        // Proves the key and the file before the copy replaces anything.
        store::recovery::passphrase_of(&path, &key, Some(&escrow))?;
        std::fs::copy(&escrow, store::recovery::escrow_path(&path))?;
    }
    let store = store::recovery::recover(&path, &key, &new, now())?;
    say!("De opslag {} is geopend met de herstelsleutel en heeft een nieuwe wachtwoordzin.", store.path().display());
    Ok(ExitCode::SUCCESS)
}

/// `respijt recovery-key`: a new key; the old one opens nothing any more.
pub fn new_key(db: Option<&Path>) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    let key = store::recovery::make(store.conn(), store.path(), store.passphrase(), now())?;
    show_key(&key);
    Ok(ExitCode::SUCCESS)
}
