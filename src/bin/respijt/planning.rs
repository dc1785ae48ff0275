//! `respijt import providers|sessions` and `respijt providers ...`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use respijt::import::{self, ImportOptions};
use respijt::{planning, provider};

use crate::{now, open, to_json};

#[derive(Subcommand)]
pub enum ProvidersCommand {
    /// Toont de aanbieders met hun diensten en tarieven
    List {
        #[arg(long)]
        json: bool,
    },
    /// Schrijft de geplande inzet van een aanbieder als .ics (agenda-bestand)
    Ics {
        /// extern_id van de aanbieder
        provider: String,
        /// Eerste dag (dd-mm-jjjj)
        #[arg(long)]
        from: String,
        #[arg(long, default_value_t = 4)]
        weeks: u32,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn import_providers(db: Option<&Path>, file: &Path, skip_invalid: bool, json: bool) -> respijt::Result<ExitCode> {
    let mut store = open(db)?;
    let table = import::read_table(file)?;
    let report = provider::import_providers(
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
        say!(
            "{} aanbieder(s) geïmporteerd ({} nieuw, {} bijgewerkt).",
            report.imported,
            report.created,
            report.updated
        );
    }
    Ok(if !report.rejected.is_empty() && !skip_invalid { ExitCode::from(3) } else { ExitCode::SUCCESS })
}

pub fn import_sessions(db: Option<&Path>, file: &Path, skip_invalid: bool, json: bool) -> respijt::Result<ExitCode> {
    let mut store = open(db)?;
    let table = import::read_table(file)?;
    let report = planning::import_statement(
        store.conn_mut(),
        &table,
        ImportOptions { skip_invalid, ..Default::default() },
        now(),
    )?;
    if json {
        say!("{}", to_json(&report)?);
    } else {
        for e in &report.rejected {
            eprintln!("Rij {}, kolom {}: {}", e.row, e.column, e.message);
        }
        if !report.rejected.is_empty() && !skip_invalid {
            eprintln!("Niets ingelezen: verbeter de regels hierboven, of gebruik --skip-invalid.");
        } else {
            say!(
                "{} regels: {} bij geplande inzet, {} eerder ingelezen, {} niet gepland (ter beoordeling), {} met afwijkende duur.",
                report.lines,
                report.matched,
                report.repeated,
                report.unplanned.len(),
                report.differences.len()
            );
            for line in report.differences.iter().chain(&report.unplanned).chain(&report.corrections) {
                say!("  rij {} ({}): {}", line.row, respijt::dutch::date_text(line.date), line.note);
            }
            let by = |key: planning::MatchKey| report.people.iter().filter(|p| p.matched_by == key).count();
            say!(
                "Mantelzorger gevonden op nummer bij aanbieder of gemeente: {}, op dossiernummer: {}, op naam en geboortedatum: {}.",
                by(planning::MatchKey::ExternId),
                by(planning::MatchKey::DossierNumber),
                by(planning::MatchKey::NameAndBirthDate)
            );
            for p in report.people.iter().filter(|p| p.matched_by != planning::MatchKey::ExternId) {
                say!(
                    "  rij {}: {} (dossiernummer {}), op {}",
                    p.row,
                    p.caregiver_name,
                    p.caregiver_id,
                    p.matched_by.label()
                );
            }
        }
    }
    Ok(if !report.rejected.is_empty() && !skip_invalid { ExitCode::from(3) } else { ExitCode::SUCCESS })
}

pub fn run(db: Option<&Path>, command: ProvidersCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        ProvidersCommand::List { json } => {
            let providers = provider::list_providers(store.conn())?;
            if json {
                say!("{}", to_json(&providers)?);
            }
            for p in providers.iter().filter(|_| !json) {
                say!(
                    "{}  {}{}",
                    p.extern_id.as_deref().unwrap_or("-"),
                    p.name,
                    if p.example { "  (voorbeeld)" } else { "" }
                );
                for s in &p.services {
                    let tariff = s.tariffs.last().map(|t| t.cents.to_string()).unwrap_or_else(|| "geen tarief".into());
                    say!("    {} per {}: {tariff}", s.form.label(), s.unit.code());
                }
            }
        }
        ProvidersCommand::Ics { provider: extern_id, from, weeks, out } => {
            let id = provider::find_by_extern_id(store.conn(), &extern_id)?
                .ok_or_else(|| respijt::Error::NotFound(format!("Geen aanbieder met extern_id '{extern_id}'.")))?;
            let file = respijt::commands::export_provider_ics(&store, id, &from, weeks, &out, now())?;
            say!("Agenda geschreven: {} ({})", out.display(), file.summary);
        }
    }
    Ok(ExitCode::SUCCESS)
}
