//! `respijt`: the command-line side of Respijtregie, for scheduled runs,
//! imports and the benchmark. A thin layer over the `respijt` library.

/// Prints a line to stdout; a closed pipe (`respijt ... | head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod audit;
mod bench;
mod bench_baseline;
mod bench_planning;
mod caregivers;
mod env;
mod export;
mod funding;
mod intake;
mod planning;
mod recover;
mod region;
mod retention;
mod storage;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use respijt::demo;
use respijt::import::{self, ImportOptions};

pub(crate) use storage::open;

#[derive(Parser)]
#[command(name = "respijt", version, about = "Respijtregie vanaf de opdrachtregel")]
struct Cli {
    /// Het opslagbestand (standaard: RESPIJT_DB, anders de app-gegevensmap)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Maakt de opslag aan (of werkt hem bij) en laadt de regio
    Init,
    /// Vult de opslag met een vaste demo-regio
    Demo {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 250)]
        caregivers: usize,
        /// Demo-aanbieders naast ZorgMies en Zorgmaatje aan Huis
        #[arg(long, default_value_t = 10)]
        providers: usize,
        /// Inzetten (2022-2026) voor de demo-mantelzorgers
        #[arg(long, default_value_t = 2000)]
        sessions: usize,
    },
    /// Mantelzorgers
    Caregivers {
        #[command(subcommand)]
        command: caregivers::CaregiversCommand,
    },
    /// Importeert een CSV- of XLSX-bestand
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Intakes: overdracht tussen laptops van consulent en regisseur
    Intake {
        #[command(subcommand)]
        command: intake::IntakeCommand,
    },
    /// Exports voor de financiers (CSV, XLSX, afdrukbare samenvatting)
    Export {
        #[command(subcommand)]
        command: export::ExportCommand,
    },
    /// Financiering: budgetten, plafonds en het grootboek
    Funding {
        #[command(subcommand)]
        command: funding::FundingCommand,
    },
    /// Aanbieders: overzicht en agenda-bestanden
    Providers {
        #[command(subcommand)]
        command: planning::ProvidersCommand,
    },
    /// Maakt een back-up van de opslag (in de map backups naast de opslag), of toont ze met --list
    Backup {
        /// Toon de back-ups in plaats van er een te maken
        #[arg(long)]
        list: bool,
        /// Maak de back-up (ook) in deze map, bijvoorbeeld een USB-stick
        #[arg(long, value_name = "MAP")]
        to: Option<PathBuf>,
        /// Kies de map die op schema een back-up krijgt ("geen": geen map meer)
        #[arg(long, value_name = "MAP")]
        folder: Option<PathBuf>,
        /// Met --folder: elke zoveel dagen een back-up daarheen (1: dagelijks, 7: wekelijks)
        #[arg(long, default_value_t = 1)]
        every: u32,
    },
    /// Controleert elke pagina van de opslag; bij schade: wat er terug kan
    Check,
    /// Wachtwoordzin kwijt: opent de opslag met de herstelsleutel en zet een nieuwe wachtwoordzin
    Recover {
        /// Een bestand met de herstelsleutel (AGE-SECRET-KEY-1...)
        #[arg(long, value_name = "PATH")]
        key_file: PathBuf,
        /// Een bestand met de nieuwe wachtwoordzin (anders wordt hij gevraagd)
        #[arg(long, value_name = "PATH")]
        new_file: Option<PathBuf>,
        /// Het herstelbestand, als het niet naast de opslag staat (bijvoorbeeld bij de back-ups)
        #[arg(long, value_name = "PATH")]
        escrow: Option<PathBuf>,
    },
    /// Maakt een nieuwe herstelsleutel (eenmalig getoond); de oude opent daarna niets meer
    RecoveryKey,
    /// Zet een back-up terug; de huidige stand wordt eerst zelf bewaard als back-up
    Restore {
        /// Het back-upbestand (respijtregie-jjjjmmdd-uummss-soort.db); is er nog
        /// geen opslag (een nieuwe laptop), dan wordt de opslag ervan gemaakt
        #[arg(required_unless_present = "newest_good")]
        file: Option<PathBuf>,
        /// Een beschadigde opslag: apart zetten en de nieuwste goede back-up terugzetten
        #[arg(long, conflicts_with = "file")]
        newest_good: bool,
        /// Een bestand met de wachtwoordzin van de back-up, als die anders is
        /// dan die van de opslag (een back-up van voor een wijziging)
        #[arg(long, value_name = "PATH")]
        backup_passphrase_file: Option<PathBuf>,
    },
    /// Versleutelt een opslag van voor de versleuteling (en zijn back-ups)
    Encrypt,
    /// Wijzigt de wachtwoordzin; de opslag wordt opnieuw versleuteld
    Passphrase {
        /// Een bestand met de nieuwe wachtwoordzin (anders wordt hij gevraagd)
        #[arg(long, value_name = "PATH")]
        new_file: Option<PathBuf>,
    },
    /// Gebruikers van de opslag (regisseur, consulent, financiën)
    Users {
        #[command(subcommand)]
        command: users::UsersCommand,
    },
    /// Het logboek: wie keek mee, wat werd gewijzigd
    Audit {
        #[command(subcommand)]
        command: audit::AuditCommand,
    },
    /// Bewaartermijnen: welke dossiers gewist kunnen worden, bewaarplicht, wissen
    Retention {
        #[command(subcommand)]
        command: retention::RetentionCommand,
    },
    /// De regio: gemeenten en postcodes
    Region {
        #[command(subcommand)]
        command: region::RegionCommand,
    },
    /// De lijst van zorgverzekeraars en hun labels
    Insurers {
        #[command(subcommand)]
        command: region::InsurersCommand,
    },
    /// Meet de snelheid op een demo-opslag van regiogrootte (in een tijdelijke map)
    Bench {
        #[arg(long, default_value_t = 25_000)]
        caregivers: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Alleen deze meting: register of overdracht
        #[arg(long, value_enum)]
        only: Option<bench::Only>,
        /// Bewaar de planning-opslag hier en gebruik hem de volgende keer opnieuw (scheelt ruim een minuut opbouwen)
        #[arg(long)]
        reuse_store: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Mantelzorgers en naasten (kolommen: zie README)
    Caregivers {
        file: PathBuf,
        /// Schrijf de goede rijen en meld de foute (anders: alles of niets)
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long)]
        json: bool,
    },
    /// Aanbieders, een regel per aanbieder en dienst (kolommen: zie README)
    Providers {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long)]
        json: bool,
    },
    /// Budgetten per gemeente en jaar: gemeente;jaar;budget
    Budgets {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long)]
        json: bool,
    },
    /// Regelingen van verzekeraars (kolommen: zie docs/imports.md)
    Schemes {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long)]
        json: bool,
    },
    /// Maandoverzicht van een aanbieder met uitgevoerde inzet
    Sessions {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long)]
        json: bool,
    },
}

/// The exit codes a scheduler can act on (docs/cli.md lists them all):
/// 0 done, 1 refused or failed (the message says why), 2 wrong usage (clap),
/// 3 rows refused or nothing to do, 4 audit trail changed, 5 store
/// damaged, 6 no passphrase or a wrong one.
pub(crate) mod exit {
    pub const REFUSED: u8 = 1;
    pub const DAMAGED: u8 = 5;
    pub const LOCKED: u8 = 6;
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("Fout: {err}");
            ExitCode::from(match err {
                respijt::Error::Damaged(_) => exit::DAMAGED,
                respijt::Error::Locked(_) => exit::LOCKED,
                _ => exit::REFUSED,
            })
        }
    }
}

/// The CLI is an edge: the one place that reads the clock and hands it to the core.
#[allow(clippy::disallowed_methods)]
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The day it runs, on this computer's own clock and time zone: a job at
/// 00:30 on 1 January reports on the year before, not on the UTC date.
#[allow(clippy::disallowed_methods)]
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn run(cli: Cli) -> respijt::Result<ExitCode> {
    let db = cli.db.as_deref();
    match cli.command {
        Command::Init => {
            let store = open(db)?;
            let municipalities = respijt::region::list_municipalities(store.conn())?;
            say!("Opslag klaar: {} ({} gemeenten)", store.path().display(), municipalities.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { seed, caregivers, providers, sessions } => {
            let mut store = open(db)?;
            let table = demo::caregiver_table(store.conn(), seed, caregivers)?;
            let report = import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), now())?;
            if !report.rejected.is_empty() {
                eprintln!("De demo maakte ongeldige rijen: {:?}", report.rejected.first());
                return Ok(ExitCode::FAILURE);
            }
            let planning = demo::providers_and_sessions(store.conn_mut(), seed, providers, sessions, now())?;
            say!(
                "Demo (seed {seed}): {caregivers} mantelzorgers in {} ({} nieuw, {} bijgewerkt), {} aanbieders, {} inzetten",
                store.path().display(),
                report.created,
                report.updated,
                planning.providers,
                planning.sessions
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Caregivers { command } => caregivers::run(db, command),
        Command::Import { command } => match command {
            ImportCommand::Caregivers { file, skip_invalid, json } => caregivers::import(db, &file, skip_invalid, json),
            ImportCommand::Providers { file, skip_invalid, json } => {
                planning::import_providers(db, &file, skip_invalid, json)
            }
            ImportCommand::Sessions { file, skip_invalid, json } => {
                planning::import_sessions(db, &file, skip_invalid, json)
            }
            ImportCommand::Schemes { file, skip_invalid, json } => {
                funding::import_schemes(db, &file, skip_invalid, json)
            }
            ImportCommand::Budgets { file, skip_invalid, json } => {
                funding::import_budgets(db, &file, skip_invalid, json)
            }
        },
        Command::Intake { command } => intake::run(db, command),
        Command::Export { command } => export::run(db, command),
        Command::Funding { command } => funding::run(db, command),
        Command::Providers { command } => planning::run(db, command),
        Command::Backup { list, to, folder, every } => storage::backup(db, list, to, folder, every),
        Command::Check => recover::check(db),
        Command::Recover { key_file, new_file, escrow } => recover::recover(db, &key_file, new_file, escrow),
        Command::RecoveryKey => recover::new_key(db),
        Command::Restore { file: Some(file), newest_good: false, backup_passphrase_file } => {
            storage::restore(db, &file, backup_passphrase_file)
        }
        Command::Restore { .. } => recover::newest_good(db),
        Command::Encrypt => storage::encrypt(db),
        Command::Passphrase { new_file } => storage::change_passphrase(db, new_file),
        Command::Users { command } => users::run(db, command),
        Command::Audit { command } => audit::run(db, command),
        Command::Retention { command } => retention::run(db, command),
        Command::Region { command } => region::run(db, command),
        Command::Insurers { command } => region::run_insurers(db, command),
        Command::Bench { caregivers, seed, only, reuse_store } => {
            bench::run(caregivers, seed, only, reuse_store)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> respijt::Result<String> {
    serde_json::to_string_pretty(value)
        .map_err(|e| respijt::Error::Invalid(format!("JSON kon niet worden gemaakt: {e}")))
}
