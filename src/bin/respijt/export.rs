//! `respijt export usage|summary`: for scheduled runs; `respijt export
//! register`: the whole register, or one person's data, as CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use respijt::export::{self, ExportFormat, ExportRequest, PeriodChoice};

use crate::{now, open, to_json, today};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
    Html,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Gebruik per grootboekregel; met --funder de export voor die verzekeraar of gemeente
    Usage {
        /// 2026-03, 2026-Q1, 2026, 2026-01-01..2026-02-15, of vorige-maand, vorig-kwartaal, vorig-jaar (voor de dag waarop het draait)
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        #[arg(long)]
        out: PathBuf,
        /// VGZ, een CBS-code (GM0505), een gemeentenaam of NIET_GEDEKT
        #[arg(long)]
        funder: Option<String>,
        /// Extern id in plaats van een pseudoniem (alleen de gedetailleerde export)
        #[arg(long)]
        identified: bool,
        /// Sluit de periode af: de cijfers liggen daarna vast
        #[arg(long)]
        r#final: bool,
        #[arg(long)]
        json: bool,
    },
    /// Regionale samenvatting voor de SPUK-verantwoording (per gemeente en financier)
    Summary {
        /// Als bij usage: 2026-Q1, ..., of vorige-maand, vorig-kwartaal, vorig-jaar
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        r#final: bool,
        #[arg(long)]
        json: bool,
    },
    /// Het hele register als CSV (een bestand per tabel), of met --caregiver de gegevens van één persoon (inzageverzoek)
    Register {
        /// De map voor de bestanden (wordt zo nodig gemaakt)
        #[arg(long, value_name = "MAP")]
        out: PathBuf,
        /// Alleen deze mantelzorger: het nummer van het dossier of het extern id
        #[arg(long, value_name = "ID")]
        caregiver: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn format_of(f: Format) -> ExportFormat {
    match f {
        Format::Csv => ExportFormat::Csv,
        Format::Xlsx => ExportFormat::Xlsx,
        Format::Html => ExportFormat::Html,
    }
}

pub fn run(db: Option<&Path>, command: ExportCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    let (request, out, json) = match command {
        ExportCommand::Register { out, caregiver, json } => return register(&store, &out, caregiver.as_deref(), json),
        ExportCommand::Usage { period, format, out, funder, identified, r#final, json } => (
            ExportRequest {
                period: PeriodChoice::on_day(&period, today()),
                funder: funder.unwrap_or_default(),
                summary: false,
                format: Some(format_of(format)),
                identified,
                final_export: r#final,
            },
            out,
            json,
        ),
        ExportCommand::Summary { period, format, out, r#final, json } => (
            ExportRequest {
                period: PeriodChoice::on_day(&period, today()),
                funder: String::new(),
                summary: true,
                format: Some(format_of(format)),
                identified: false,
                final_export: r#final,
            },
            out,
            json,
        ),
    };
    let by = crate::env::var("USER").unwrap_or_default();
    let result = export::export_to_file(store.conn(), &request, &out, &by, now())?;
    if json {
        say!("{}", to_json(&result)?);
    } else {
        for warning in &result.warnings {
            eprintln!("Let op: {warning}");
        }
        say!(
            "{} ({}): {} regels, totaal {}, {} minuten -> {}{}",
            result.period.label,
            result.kind.label(),
            result.rows,
            result.total,
            result.minutes,
            out.display(),
            if result.closed { " (periode afgesloten)" } else { "" }
        );
        say!("SHA-256 {}", result.sha256);
    }
    Ok(ExitCode::SUCCESS)
}

/// `respijt export register --out DIR [--caregiver ID]`.
fn register(store: &respijt::Store, out: &Path, caregiver: Option<&str>, json: bool) -> respijt::Result<ExitCode> {
    let caregiver_id = match caregiver.map(str::trim) {
        None => None,
        Some(id) => Some(match id.parse::<i64>() {
            Ok(n) => n,
            Err(_) => respijt::caregiver::find_by_extern_id(store.conn(), id)?.ok_or_else(|| {
                respijt::Error::NotFound(format!("Geen mantelzorger met dossiernummer of extern id '{id}'."))
            })?,
        }),
    };
    let result = respijt::commands::export_register(store, out, caregiver_id, now())?;
    if json {
        say!("{}", to_json(&result)?);
        return Ok(ExitCode::SUCCESS);
    }
    match caregiver_id {
        Some(id) => say!("De gegevens van mantelzorger {id} (inzageverzoek) staan in {}:", out.display()),
        None => say!("Het register staat in {}:", out.display()),
    }
    for file in &result.files {
        say!("  {:<26} {:>8} regels", file.name, file.rows);
    }
    say!("De bestanden bevatten persoonsgegevens: bewaar en verstuur ze versleuteld.");
    Ok(ExitCode::SUCCESS)
}
