//! `respijt region`: the municipalities and postcodes of the region;
//! `respijt insurers`: the list of insurers and their labels.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use respijt::{insurer, region};

use crate::storage::open;

#[derive(Subcommand)]
pub enum RegionCommand {
    /// Laadt gemeenten en postcodes uit een PC4-bestand zoals pc4_waardenland.csv
    Load { file: PathBuf },
    /// Toont de gemeenten van de regio
    List,
}

pub fn run(db: Option<&Path>, command: RegionCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        RegionCommand::Load { file } => {
            let text = std::fs::read_to_string(&file)?;
            let summary = region::load_region(store.conn(), &text)?;
            say!("Regio geladen: {} gemeenten, {} postcodes.", summary.municipalities, summary.postcodes);
        }
        RegionCommand::List => {
            for m in region::list_municipalities(store.conn())? {
                say!("{}  {}", m.code, m.name);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Subcommand)]
pub enum InsurersCommand {
    /// Vervangt de lijst door een bestand groep;label;aliassen;jaar (zoals data/insurers/nl-2026.csv)
    Load { file: PathBuf },
    /// Toont de verzekeraars en hun labels
    List,
    /// Mantelzorgers van wie de verzekeraar niet in de lijst staat
    Unknown,
}

pub fn run_insurers(db: Option<&Path>, command: InsurersCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        InsurersCommand::Load { file } => {
            let text = std::fs::read_to_string(&file)?;
            let summary = insurer::load_insurers(store.conn(), &text, crate::now())?;
            say!(
                "Verzekeraars geladen: {} labels; {} mantelzorger(s) kregen het label uit de lijst, {} met een onbekende verzekeraar.",
                summary.insurers,
                summary.mapped,
                summary.unknown
            );
        }
        InsurersCommand::List => {
            for i in insurer::list_insurers(store.conn())? {
                say!("{:<20} {:<24} {}", i.group, i.label, i.aliases.join(", "));
            }
        }
        InsurersCommand::Unknown => {
            let unknown = insurer::unknown_insurers(store.conn())?;
            for u in &unknown {
                say!("{:>8}  {:<32} {}", u.caregiver_id, u.name, u.insurer);
            }
            say!("{} mantelzorger(s) met een verzekeraar die niet in de lijst staat.", unknown.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
