//! `respijt audit`: checking the audit trail and exporting one caregiver's.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use crate::now;
use crate::storage::open;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Controleert de hele keten van het logboek; exit 4 als er iets is veranderd
    Verify,
    /// Schrijft het logboek van één mantelzorger naar een CSV-bestand (inzageverzoek)
    Export {
        #[arg(long)]
        caregiver: i64,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

pub fn run(db: Option<&Path>, command: AuditCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        AuditCommand::Verify => {
            let check = respijt::audit::verify(store.conn())?;
            match check.first_broken {
                None => say!("Het logboek is heel: {} regels, de keten klopt.", check.entries),
                Some(id) => {
                    say!("Het logboek is veranderd: regel {id} past niet meer in de keten ({} regels).", check.entries);
                    return Ok(ExitCode::from(4));
                }
            }
        }
        AuditCommand::Export { caregiver, out } => {
            let lines = respijt::audit::export_for_subject(store.conn(), caregiver, &out, now())?;
            say!("Logboek van mantelzorger {caregiver}: {lines} regels in {}", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
