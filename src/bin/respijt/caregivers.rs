//! `respijt caregivers list` and `respijt import caregivers`.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use respijt::caregiver::{self, SearchOptions};
use respijt::import::{self, ImportOptions};

use crate::storage::open;
use crate::{now, to_json};

#[derive(Subcommand)]
pub enum CaregiversCommand {
    /// Toont mantelzorgers, de beste overeenkomst eerst
    List {
        /// Naam (of deel ervan), geboortedatum, postcode, woonplaats of gemeente
        #[arg(long)]
        query: Option<String>,
        #[arg(long)]
        include_archived: bool,
        /// Alle mantelzorgers die passen, niet alleen de beste 50
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(db: Option<&Path>, command: CaregiversCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        CaregiversCommand::List { query, include_archived, all, json } => {
            let options = SearchOptions { query: query.unwrap_or_default(), include_archived };
            let result = if all {
                caregiver::all_caregivers(store.conn(), &options)?
            } else {
                caregiver::search_caregivers(store.conn(), &options)?
            };
            if json {
                say!("{}", to_json(&result)?);
            } else {
                for c in &result.items {
                    say!(
                        "{:>7}  {:<12} {:<32} {}  {}  {:<20} {}{}",
                        c.id,
                        c.extern_id.as_deref().unwrap_or("-"),
                        format!("{}, {}", c.last_name, c.first_name),
                        respijt::dutch::date_text(c.date_of_birth),
                        c.postcode,
                        c.place,
                        c.municipality_name.as_deref().unwrap_or("buiten de regio"),
                        if c.archived { "  (gearchiveerd)" } else { "" }
                    );
                }
                let rest = result.total.saturating_sub(result.items.len());
                if rest > 0 {
                    say!(
                        "… en {}{} meer; verfijn de zoekopdracht of toon alles met --all.",
                        if result.total_at_least { "ruim " } else { "" },
                        respijt::dutch::thousands(rest)
                    );
                } else if result.items.is_empty() {
                    say!("Geen mantelzorgers gevonden.");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(db: Option<&Path>, file: &Path, skip_invalid: bool, json: bool) -> respijt::Result<ExitCode> {
    let mut store = open(db)?;
    let table = import::read_table(file)?;
    let report = import::import_caregivers(
        store.conn_mut(),
        &table,
        ImportOptions { skip_invalid, ..Default::default() },
        now(),
    )?;
    if json {
        say!("{}", to_json(&report)?);
    } else {
        for warning in &report.warnings {
            eprintln!("Let op: {warning}");
        }
        for e in &report.rejected {
            eprintln!("Rij {}, kolom {}: {}", e.row, e.column, e.message);
        }
        if !report.rejected.is_empty() && !skip_invalid {
            eprintln!(
                "Niets geïmporteerd: {} rij(en) met fouten. Verbeter ze, of gebruik --skip-invalid om alleen de goede rijen te importeren.",
                report.rejected_rows().len()
            );
        } else {
            say!(
                "{} rij(en) geïmporteerd ({} nieuw, {} bijgewerkt), {} overgeslagen.",
                report.imported,
                report.created,
                report.updated,
                report.rejected_rows().len()
            );
        }
    }
    if !report.rejected.is_empty() && !skip_invalid {
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}
