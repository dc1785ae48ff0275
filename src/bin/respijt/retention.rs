//! `respijt retention`: dossiers past their retention period, legal holds, erasure.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;

use crate::now;
use crate::storage::{open, passphrase_error};

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Dossiers waarvan de bewaartermijn voorbij is
    List,
    /// Zet (met --reason) of hef (met --release) een juridische bewaarplicht
    Hold {
        #[arg(long)]
        caregiver: i64,
        #[arg(long, conflicts_with = "release")]
        reason: Option<String>,
        #[arg(long)]
        release: bool,
    },
    /// Wist de persoonsgegevens van een dossier; de financiering blijft kloppen
    Erase {
        #[arg(long)]
        caregiver: i64,
        /// verzoek (van de betrokkene) of bewaartermijn
        #[arg(long)]
        ground: String,
        /// Bevestigt dat wissen niet terug te draaien is
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(db: Option<&Path>, command: RetentionCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        RetentionCommand::List => {
            let overview = respijt::commands::retention_overview(&store, now())?;
            if overview.proposals.is_empty() {
                say!("Geen dossiers waarvan de bewaartermijn voorbij is.");
            }
            for p in overview.proposals {
                say!(
                    "{:>6}  {:<30} einde {}  te wissen sinds {}{}",
                    p.caregiver_id,
                    p.name,
                    respijt::dutch::date_text(p.ended_on),
                    respijt::dutch::date_text(p.due_on),
                    if p.granted { "" } else { " (nooit respijt geleverd)" }
                );
            }
        }
        RetentionCommand::Hold { caregiver, reason, release } => {
            let reason = if release { None } else { Some(reason.unwrap_or_default()) };
            respijt::commands::set_legal_hold(&store, caregiver, reason.as_deref(), now()).map_err(passphrase_error)?;
            say!("Bewaarplicht van dossier {caregiver} {}.", if release { "opgeheven" } else { "gezet" });
        }
        RetentionCommand::Erase { caregiver, ground, yes } => {
            let ground = respijt::retention::ErasureGround::from_code(&ground)
                .ok_or_else(|| respijt::Error::Invalid("Kies --ground verzoek of --ground bewaartermijn.".into()))?;
            let report =
                respijt::commands::erase_caregiver(&store, caregiver, ground, yes, now()).map_err(passphrase_error)?;
            say!(
                "Dossier {caregiver} gewist: {} naaste(n), {} intake(s) verwijderd; {} inzet(ten) en hun financiering blijven.",
                report.recipients_erased,
                report.intakes_removed,
                report.sessions_kept
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
