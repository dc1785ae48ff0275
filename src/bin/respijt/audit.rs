//! `respijt audit`: checking the audit trail (its chain and its seals),
//! sealing it, and exporting one caregiver's.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use respijt::audit::seal;

use crate::now;
use crate::storage::open;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Controleert de keten van het logboek en vergelijkt het met de zegels; exit 4 als er iets is veranderd of weg is
    Verify {
        /// Een zegelbestand om ook mee te vergelijken (bijvoorbeeld een dat buiten deze computer werd bewaard)
        #[arg(long, value_name = "FILE")]
        seal: Option<PathBuf>,
    },
    /// Verzegelt het logboek nu: naast de opslag, in de back-upmap en (met --out) in een bestand om elders te bewaren
    Seal {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
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
        AuditCommand::Verify { seal } => return verify(&store, seal.as_deref()),
        AuditCommand::Seal { out } => {
            let (made, mut paths) = seal::write_beside(store.conn(), store.path(), now())?;
            if let Some(out) = out {
                seal::write(&made, &out)?;
                paths.push(out);
            }
            say!("Logboek verzegeld op {}: {} regels, laatste hash {}.", made.sealed_at, made.entries, made.head_hash);
            for path in paths {
                say!("  {}", path.display());
            }
            say!("Bewaar een zegel ook buiten deze computer: `respijt audit verify --seal BESTAND` vergelijkt ermee.");
        }
        AuditCommand::Export { caregiver, out } => {
            let lines = respijt::audit::export_for_subject(store.conn(), caregiver, &out, now())?;
            say!("Logboek van mantelzorger {caregiver}: {lines} regels in {}", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The chain first, then every seal; exit 4 when either shows a change.
fn verify(store: &respijt::Store, given: Option<&Path>) -> respijt::Result<ExitCode> {
    let check = respijt::audit::verify(store.conn())?;
    let mut changed = false;
    match check.first_broken {
        None => say!("Het logboek: {} regels, de keten klopt.", check.entries),
        Some(id) => {
            say!("Het logboek is veranderd: regel {id} past niet meer in de keten ({} regels).", check.entries);
            changed = true;
        }
    }
    let findings = seal::check_all(store, given)?;
    if findings.is_empty() {
        say!("Geen zegel gevonden om het logboek mee te vergelijken; maak er een met `respijt audit seal`.");
    }
    for finding in &findings {
        say!("{}", finding.message);
    }
    let failed = findings.iter().filter(|f| f.is_failure()).count();
    if failed > 0 {
        say!("Het logboek klopt niet met {failed} zegel(s): er zijn regels verwijderd of herschreven.");
        changed = true;
    } else if !changed {
        say!("Het logboek is heel.");
    }
    Ok(if changed { ExitCode::from(4) } else { ExitCode::SUCCESS })
}
