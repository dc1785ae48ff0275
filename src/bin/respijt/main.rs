//! `respijt`: the command-line side of Respijtregie, for scheduled runs,
//! imports and the benchmark. A thin layer over the `respijt` library.

/// Prints a line to stdout; a closed pipe (`respijt ... | head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod bench;
mod bench_planning;
mod env;
mod export;
mod funding;
mod intake;
mod planning;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use respijt::caregiver::{self, SearchOptions};
use respijt::import::{self, ImportOptions};
use respijt::{demo, region, store, Store};

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
        command: CaregiversCommand,
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
    },
    /// Zet een back-up terug; de huidige stand wordt eerst zelf bewaard als back-up
    Restore {
        /// Het back-upbestand (respijtregie-jjjjmmdd-uummss-soort.db)
        file: PathBuf,
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
        command: UsersCommand,
    },
    /// Het logboek: wie keek mee, wat werd gewijzigd
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Bewaartermijnen: welke dossiers gewist kunnen worden, bewaarplicht, wissen
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// De regio: gemeenten en postcodes
    Region {
        #[command(subcommand)]
        command: RegionCommand,
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
enum CaregiversCommand {
    /// Toont mantelzorgers, gesorteerd op naam
    List {
        /// Deel van een naam, een postcode, een woonplaats of een gemeente
        #[arg(long)]
        query: Option<String>,
        #[arg(long)]
        include_archived: bool,
        #[arg(long)]
        json: bool,
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
    /// Maandoverzicht van een aanbieder met uitgevoerde inzet
    Sessions {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Toont de gebruikers en hun rol
    List,
    /// Voegt een gebruiker toe; het wachtwoord uit het bestand in
    /// RESPIJT_USER_PASSWORD_FILE, anders gevraagd in de terminal
    Add {
        #[arg(long)]
        name: String,
        /// regisseur, consulent of financien
        #[arg(long)]
        role: String,
    },
}

#[derive(Subcommand)]
enum RetentionCommand {
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

#[derive(Subcommand)]
enum AuditCommand {
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

#[derive(Subcommand)]
enum RegionCommand {
    /// Laadt gemeenten en postcodes uit een PC4-bestand zoals pc4_waardenland.csv
    Load { file: PathBuf },
    /// Toont de gemeenten van de regio
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("Fout: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The CLI is an edge: the one place that reads the clock and hands it to the core.
#[allow(clippy::disallowed_methods)]
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

pub(crate) fn open(db: Option<&Path>) -> respijt::Result<Store> {
    let path = store::resolve_path(db, env::var_os(store::DB_ENV))?;
    let passphrase = passphrase_for(&path)?;
    let mut store = respijt::bootstrap::ready(Store::open(&path, &passphrase)?)?;
    // The audit trail names the CLI and the account that ran it.
    let user = env::var("USER").or_else(|| env::var("USERNAME")).unwrap_or_default();
    store.act_as_passphrase_holder(&format!("opdrachtregel ({user})"))?;
    Ok(store)
}

/// The passphrase of the store at `path`: from the file `RESPIJT_PASSPHRASE_FILE`
/// names, else typed on the terminal (twice for a new store). Never from an
/// argument: those end up in the shell history and the process list.
fn passphrase_for(path: &Path) -> respijt::Result<store::Passphrase> {
    let new = store::file_state(path)? != store::FileState::Encrypted;
    match env::var_os(store::PASSPHRASE_FILE_ENV) {
        Some(file) => {
            let given = store::Passphrase::from_file(Path::new(&file))?;
            if new {
                // A new store gets a passphrase that meets the rules.
                store::Passphrase::new_checked(given.as_typed(), given.as_typed()).map_err(passphrase_error)
            } else {
                Ok(given)
            }
        }
        None => ask_passphrase(&format!("Wachtwoordzin voor {}", path.display()), new),
    }
}

/// Asks on the terminal, without echo; `twice` for a new passphrase.
fn ask_passphrase(what: &str, twice: bool) -> respijt::Result<store::Passphrase> {
    use std::io::IsTerminal as _;
    if !std::io::stdin().is_terminal() {
        return Err(respijt::Error::Locked(format!(
            "Geen wachtwoordzin: noem een bestand met de wachtwoordzin in {} of start respijt in een terminal.",
            store::PASSPHRASE_FILE_ENV
        )));
    }
    let first = zeroize::Zeroizing::new(rpassword::prompt_password(format!("{what}: "))?);
    if !twice {
        return store::Passphrase::existing(&first).map_err(passphrase_error);
    }
    let second = zeroize::Zeroizing::new(rpassword::prompt_password("Nog een keer: ")?);
    store::Passphrase::new_checked(&first, &second).map_err(passphrase_error)
}

/// A form's field errors as one line for the terminal.
fn passphrase_error(err: respijt::Error) -> respijt::Error {
    match err {
        respijt::Error::Validation(fields) => {
            respijt::Error::Invalid(fields.into_iter().map(|f| f.message).collect::<Vec<_>>().join(" "))
        }
        other => other,
    }
}

fn run(cli: Cli) -> respijt::Result<ExitCode> {
    let db = cli.db.as_deref();
    match cli.command {
        Command::Init => {
            let store = open(db)?;
            let municipalities = region::list_municipalities(store.conn())?;
            say!("Opslag klaar: {} ({} gemeenten)", store.path().display(), municipalities.len());
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
        }
        Command::Caregivers { command: CaregiversCommand::List { query, include_archived, json } } => {
            let store = open(db)?;
            let options = SearchOptions { query: query.unwrap_or_default(), include_archived };
            let result = caregiver::search_caregivers(store.conn(), &options)?;
            if json {
                say!("{}", to_json(&result)?);
            } else {
                for c in &result.items {
                    say!(
                        "{:>7}  {:<32} {}  {}  {:<20} {}{}",
                        c.id,
                        format!("{}, {}", c.last_name, c.first_name),
                        respijt::dutch::date_text(c.date_of_birth),
                        c.postcode,
                        c.place,
                        c.municipality_name.as_deref().unwrap_or("buiten de regio"),
                        if c.archived { "  (gearchiveerd)" } else { "" }
                    );
                }
                if result.truncated {
                    say!("Meer dan {} resultaten; verfijn de zoekopdracht.", caregiver::SEARCH_LIMIT);
                } else if result.items.is_empty() {
                    say!("Geen mantelzorgers gevonden.");
                }
            }
        }
        Command::Import { command: ImportCommand::Caregivers { file, skip_invalid, json } } => {
            let mut store = open(db)?;
            let table = import::read_table(&file)?;
            let report = import::import_caregivers(store.conn_mut(), &table, ImportOptions { skip_invalid }, now())?;
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
        }
        Command::Region { command: RegionCommand::Load { file } } => {
            let store = open(db)?;
            let text = std::fs::read_to_string(&file)?;
            let summary = region::load_region(store.conn(), &text)?;
            say!("Regio geladen: {} gemeenten, {} postcodes.", summary.municipalities, summary.postcodes);
        }
        Command::Region { command: RegionCommand::List } => {
            let store = open(db)?;
            for m in region::list_municipalities(store.conn())? {
                say!("{}  {}", m.code, m.name);
            }
        }
        Command::Backup { list: true } => {
            let store = open(db)?;
            let files = store::backup::list(&store.backup_dir())?;
            if files.is_empty() {
                say!("Nog geen back-ups in {}.", store.backup_dir().display());
            }
            for f in files {
                say!(
                    "{}  {:<14} {:>8} kB  {}",
                    f.taken_at.format("%d-%m-%Y %H:%M:%S"),
                    f.kind.code(),
                    f.bytes / 1024,
                    f.path.display()
                );
            }
        }
        Command::Backup { list: false } => {
            let store = open(db)?;
            let made = store.backup(store::backup::BackupKind::Manual, now())?;
            say!("Back-up gemaakt en gecontroleerd: {} ({} kB)", made.path.display(), made.bytes / 1024);
        }
        Command::Restore { file, backup_passphrase_file } => {
            let mut store = open(db)?;
            let backup_passphrase = match backup_passphrase_file {
                Some(path) => store::Passphrase::from_file(&path)?,
                None => store.passphrase().clone(),
            };
            let safety = store.restore(&file, &backup_passphrase, now())?;
            say!("Teruggezet: {}. De stand van daarvoor staat in {}.", file.display(), safety.path.display());
        }
        Command::Encrypt => {
            let path = store::resolve_path(db, env::var_os(store::DB_ENV))?;
            if store::file_state(&path)? != store::FileState::Plain {
                say!("{} is al versleuteld (of bestaat niet).", path.display());
                return Ok(ExitCode::SUCCESS);
            }
            let passphrase = passphrase_for(&path)?;
            let report = store::key::encrypt_store_and_backups(&path, &passphrase)?;
            say!("Versleuteld: {} en {} back-up(s).", path.display(), report.backups);
        }
        Command::Passphrase { new_file } => {
            let mut store = open(db)?;
            let new = match new_file {
                Some(file) => {
                    let given = store::Passphrase::from_file(&file)?;
                    store::Passphrase::new_checked(given.as_typed(), given.as_typed()).map_err(passphrase_error)?
                }
                None => ask_passphrase("Nieuwe wachtwoordzin", true)?,
            };
            let current = store.passphrase().clone();
            respijt::commands::change_passphrase(&mut store, current.as_typed(), new.as_typed(), new.as_typed(), now())
                .map_err(passphrase_error)?;
            say!(
                "De wachtwoordzin is gewijzigd en de opslag opnieuw versleuteld. Oudere back-ups openen met de vorige."
            );
        }
        Command::Users { command: UsersCommand::List } => {
            let store = open(db)?;
            for u in respijt::access::list_users(store.conn())? {
                say!("{:<24} {:<12}{}", u.name, u.role_label, if u.disabled { " (uitgeschakeld)" } else { "" });
            }
        }
        Command::Users { command: UsersCommand::Add { name, role } } => {
            let store = open(db)?;
            let role = respijt::access::Role::from_code(&role)
                .ok_or_else(|| respijt::Error::Invalid("Kies --role regisseur, consulent of financien.".into()))?;
            let password = match env::var_os("RESPIJT_USER_PASSWORD_FILE") {
                Some(file) => store::Passphrase::from_file(Path::new(&file))?,
                None => ask_passphrase(&format!("Wachtwoord voor {name}"), false)?,
            };
            let input = respijt::access::UserInput {
                name: name.clone(),
                role: Some(role),
                password: password.as_typed().to_string(),
                repeat: password.as_typed().to_string(),
            };
            respijt::access::add_user(store.conn(), &input, now()).map_err(passphrase_error)?;
            say!("{name} is toegevoegd als {}.", role.label().to_lowercase());
        }
        Command::Retention { command: RetentionCommand::List } => {
            let store = open(db)?;
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
        Command::Retention { command: RetentionCommand::Hold { caregiver, reason, release } } => {
            let store = open(db)?;
            let reason = if release { None } else { Some(reason.unwrap_or_default()) };
            respijt::commands::set_legal_hold(&store, caregiver, reason.as_deref(), now()).map_err(passphrase_error)?;
            say!("Bewaarplicht van dossier {caregiver} {}.", if release { "opgeheven" } else { "gezet" });
        }
        Command::Retention { command: RetentionCommand::Erase { caregiver, ground, yes } } => {
            let store = open(db)?;
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
        Command::Audit { command: AuditCommand::Verify } => {
            let store = open(db)?;
            let check = respijt::audit::verify(store.conn())?;
            match check.first_broken {
                None => say!("Het logboek is heel: {} regels, de keten klopt.", check.entries),
                Some(id) => {
                    say!("Het logboek is veranderd: regel {id} past niet meer in de keten ({} regels).", check.entries);
                    return Ok(ExitCode::from(4));
                }
            }
        }
        Command::Audit { command: AuditCommand::Export { caregiver, out } } => {
            let store = open(db)?;
            let lines = respijt::audit::export_for_subject(store.conn(), caregiver, &out, now())?;
            say!("Logboek van mantelzorger {caregiver}: {lines} regels in {}", out.display());
        }
        Command::Intake { command } => return intake::run(db, command),
        Command::Import { command: ImportCommand::Providers { file, skip_invalid, json } } => {
            return planning::import_providers(db, &file, skip_invalid, json)
        }
        Command::Import { command: ImportCommand::Sessions { file, skip_invalid, json } } => {
            return planning::import_sessions(db, &file, skip_invalid, json)
        }
        Command::Providers { command } => return planning::run(db, command),
        Command::Funding { command } => return funding::run(db, command),
        Command::Export { command } => return export::run(db, command),
        Command::Import { command: ImportCommand::Budgets { file, skip_invalid, json } } => {
            return funding::import_budgets(db, &file, skip_invalid, json)
        }
        Command::Bench { caregivers, seed, only, reuse_store } => bench::run(caregivers, seed, only, reuse_store)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> respijt::Result<String> {
    serde_json::to_string_pretty(value)
        .map_err(|e| respijt::Error::Invalid(format!("JSON kon niet worden gemaakt: {e}")))
}
