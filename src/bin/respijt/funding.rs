//! `respijt funding summary|reallocate|changes` and `respijt import budgets`.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use respijt::funding;
use respijt::import::{self, ImportOptions};

use crate::{now, open, to_json};

#[derive(Subcommand)]
pub enum FundingCommand {
    /// Per financier: budget, geleverd, gepland en over; niet gedekt; per mantelzorger de plafonddagen
    Summary {
        #[arg(long)]
        year: i32,
        /// JSON met Engelse sleutels en bedragen in centen
        #[arg(long)]
        json: bool,
    },
    /// Regelingen van verzekeraars: list, archive CODE
    Scheme {
        #[command(subcommand)]
        command: SchemeCommand,
    },
    /// Verdeelt een jaar opnieuw (na een wijziging van regels of budgetten)
    Reallocate {
        #[arg(long)]
        year: i32,
    },
    /// Elke wijziging van budgetten, regelingen, beleid en tarieven, nieuwste eerst: wie, wanneer, oud → nieuw
    Changes {
        /// JSON met Engelse sleutels
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum SchemeCommand {
    /// Toont elke regeling met haar versies
    List,
    /// Archiveert een regeling: zij betaalt niet meer in de open jaren; afgesloten perioden blijven
    Archive { code: String },
}

pub fn import_schemes(db: Option<&Path>, file: &Path, skip_invalid: bool, json: bool) -> respijt::Result<ExitCode> {
    let mut store = open(db)?;
    let table = import::read_table(file)?;
    let report =
        funding::import_schemes(store.conn_mut(), &table, ImportOptions { skip_invalid, ..Default::default() }, now())?;
    if json {
        say!("{}", to_json(&report)?);
    } else {
        for e in &report.rejected {
            eprintln!("Rij {}, kolom {}: {}", e.row, e.column, e.message);
        }
        say!("{} regeling(en) ingelezen: {} nieuw, {} gewijzigd.", report.imported, report.created, report.updated);
    }
    Ok(if !report.rejected.is_empty() && !skip_invalid { ExitCode::from(3) } else { ExitCode::SUCCESS })
}

fn schemes(store: &respijt::store::Store, command: SchemeCommand) -> respijt::Result<ExitCode> {
    match command {
        SchemeCommand::List => {
            for s in funding::list_schemes(store.conn())? {
                let date =
                    |d: Option<chrono::NaiveDate>| d.map(respijt::dutch::date_text).unwrap_or_else(|| "-".into());
                say!(
                    "{:<8} {:<10} {:>6} {:<6} {} t/m {}  {}{}  {}",
                    s.code,
                    if s.active { "actief" } else { "gearchiveerd" },
                    s.cap_amount,
                    s.cap_unit.code(),
                    date(s.valid_from),
                    date(s.valid_to),
                    s.insurers.join(", "),
                    if s.note.is_empty() { String::new() } else { format!(" ({})", s.note) },
                    s.name
                );
            }
        }
        SchemeCommand::Archive { code } => {
            let years = funding::archive_scheme_and_reallocate(store.conn(), &code, now())?;
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            say!("Regeling {} gearchiveerd; opnieuw verdeeld: {}.", code.to_uppercase(), years.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import_budgets(db: Option<&Path>, file: &Path, skip_invalid: bool, json: bool) -> respijt::Result<ExitCode> {
    let mut store = open(db)?;
    let table = import::read_table(file)?;
    let report =
        funding::import_budgets(store.conn_mut(), &table, ImportOptions { skip_invalid, ..Default::default() }, now())?;
    if json {
        say!("{}", to_json(&report)?);
    } else {
        for e in &report.rejected {
            eprintln!("Rij {}, kolom {}: {}", e.row, e.column, e.message);
        }
        say!("{} budget(ten) ingelezen.", report.imported);
    }
    Ok(if !report.rejected.is_empty() && !skip_invalid { ExitCode::from(3) } else { ExitCode::SUCCESS })
}

pub fn run(db: Option<&Path>, command: FundingCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        FundingCommand::Summary { year, json } => {
            let summary = funding::funding_summary(store.conn(), year, now().date_naive())?;
            if json {
                say!("{}", to_json(&summary)?);
                return Ok(ExitCode::SUCCESS);
            }
            say!(
                "Financiering {year} (geleverd = uit het grootboek; gepland = schatting van vastgelegde inzet, apart)"
            );
            say!(
                "{:<12} {:<44} {:>15} {:>15} {:>15} {:>15}",
                "code",
                "financier",
                "budget",
                "geleverd",
                "gepland",
                "over"
            );
            let money = |c: Option<respijt::money::Cents>| c.map(|c| c.to_string()).unwrap_or_else(|| "-".into());
            for f in &summary.funders {
                say!(
                    "{:<12} {:<44} {:>15} {:>15} {:>15} {:>15}",
                    f.code,
                    f.name,
                    money(f.budget),
                    f.delivered.to_string(),
                    money(f.planned_estimate),
                    money(f.left)
                );
                if let Some(w) = &f.warning {
                    say!("{:<12} let op: {w}", "");
                }
            }
            say!("Niet gedekt: {}", summary.uncovered);
            say!("{} mantelzorgers gebruikten plafonddagen.", summary.caregivers.len());
        }
        FundingCommand::Scheme { command } => return schemes(&store, command),
        FundingCommand::Reallocate { year } => {
            let report = funding::reallocate_year(store.conn(), year, now())?;
            say!(
                "{year}: {} inzetten verdeeld, {} gewijzigd, {} gecorrigeerd, {} zonder tarief.",
                report.sessions,
                report.changed,
                report.corrected,
                report.without_tariff
            );
        }
        FundingCommand::Changes { json } => {
            let changes = funding::money_rule_changes(store.conn(), usize::MAX >> 1)?;
            if json {
                say!("{}", to_json(&changes)?);
                return Ok(ExitCode::SUCCESS);
            }
            if changes.is_empty() {
                say!("Nog geen wijzigingen vastgelegd.");
            }
            for c in &changes {
                let years = if c.reallocated_years.is_empty() {
                    "nog niet herberekend".to_string()
                } else {
                    format!(
                        "herberekend: {}",
                        c.reallocated_years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                    )
                };
                say!("{}  {}  {} ({years})", c.at, c.actor, c.what);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
