//! `respijt intake ...`: the hand-over between a consultant's laptop and the
//! director's store, for people who prefer files and scripts to the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use respijt::intake::{self, IntakeStatus};
use respijt::{commands, Error};

#[derive(Subcommand)]
pub enum IntakeCommand {
    /// Schrijft een versleuteld overdrachtsbestand (standaard: alle afgeronde intakes)
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Bestand met het wachtwoord op de eerste regel
        #[arg(long, value_name = "F")]
        passphrase_file: PathBuf,
        /// Alleen deze intakes, zoals 1,2,5
        #[arg(long, value_delimiter = ',')]
        ids: Vec<i64>,
    },
    /// Leest een overdrachtsbestand in
    Import {
        file: PathBuf,
        #[arg(long, value_name = "F")]
        passphrase_file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// The passphrase is the file's first line; a trailing line break is not part of it.
fn read_passphrase(path: &Path) -> respijt::Result<String> {
    let text = std::fs::read_to_string(path)?;
    let line = text.lines().next().unwrap_or_default().to_string();
    if line.is_empty() {
        return Err(Error::Invalid(format!("Het wachtwoordbestand {} is leeg.", path.display())));
    }
    Ok(line)
}

pub fn run(db: Option<&Path>, command: IntakeCommand) -> respijt::Result<ExitCode> {
    let store = crate::open(db)?;
    match command {
        IntakeCommand::Export { out, passphrase_file, ids } => {
            let passphrase = read_passphrase(&passphrase_file)?;
            let ids = if ids.is_empty() {
                intake::intake_ids_with_status(store.conn(), IntakeStatus::Completed)?
            } else {
                ids
            };
            if ids.is_empty() {
                eprintln!("Er zijn geen afgeronde intakes om over te dragen; er is geen bestand gemaakt.");
                return Ok(ExitCode::from(3));
            }
            let count = commands::export_handover_to_file(&store, &ids, &passphrase, &out, crate::now())?;
            say!("{count} intake(s) overgedragen naar {}.", out.display());
            say!("Geef het wachtwoord apart door (niet in dezelfde e-mail als het bestand).");
        }
        IntakeCommand::Import { file, passphrase_file, json } => {
            let passphrase = read_passphrase(&passphrase_file)?;
            let report = commands::import_handover_file(&store, &file, &passphrase, crate::now())?;
            if json {
                say!("{}", crate::to_json(&report)?);
            } else {
                for warning in &report.warnings {
                    eprintln!("Let op: {warning}");
                }
                say!(
                    "{} intake(s) ingelezen, {} waren er al. Mantelzorgers: {} gekoppeld aan een bestaand dossier, {} nieuw.",
                    report.intakes_new,
                    report.intakes_already_present,
                    report.caregivers_matched,
                    report.caregivers_created
                );
                if !report.to_confirm.is_empty() {
                    say!("Controleer of dit dezelfde personen zijn (gekoppeld op naam, geboortedatum en postcode):");
                    for m in &report.to_confirm {
                        say!(
                            "  dossier {:>6}  {}  {}  {}",
                            m.caregiver_id,
                            m.name,
                            respijt::dutch::date_text(m.date_of_birth),
                            m.postcode
                        );
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
