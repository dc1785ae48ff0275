//! `respijt bench`: the project's benchmark. Builds a demo store of region
//! size in a temporary folder and prints the median and 95th percentile of
//! each operation against its target. Run it on a release build.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use respijt::caregiver::{self, SearchOptions};
use respijt::import::{self, ImportOptions};
use respijt::intake::{self, AssessmentInput, IntakeInput, RecipientSituation, RespiteForm, Urgency, Weekday};
use respijt::store::Passphrase;
use respijt::{demo, Store};

use crate::bench_baseline;

/// Which measurements to run (all when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    /// Zoeken, dossier openen en CSV-import op het register
    Register,
    /// Het inlezen van een overdrachtsbestand met 500 intakes
    Overdracht,
    /// Matchen, weekagenda, reeksen en maandoverzichten bij 100 aanbieders en een miljoen inzetten
    Planning,
}

pub(crate) struct Figure {
    pub(crate) name: &'static str,
    pub(crate) samples: Vec<Duration>,
    /// The median must stay under this.
    pub(crate) target: Duration,
    /// And the 95th percentile under this, where a target names one.
    pub(crate) p95_target: Option<Duration>,
    /// The same question in plain SQL on the same store, in the same run
    /// (`bench_baseline`); empty where there is no SQL to compare with.
    pub(crate) baseline: Vec<Duration>,
}

impl Figure {
    pub(crate) fn new(name: &'static str, samples: Vec<Duration>, target: Duration) -> Figure {
        Figure { name, samples, target, p95_target: None, baseline: Vec::new() }
    }

    pub(crate) fn p95_under(self, p95_target: Duration) -> Figure {
        Figure { p95_target: Some(p95_target), ..self }
    }

    pub(crate) fn against(self, baseline: Vec<Duration>) -> Figure {
        Figure { baseline, ..self }
    }

    fn percentile(&self, p: usize) -> Duration {
        percentile(&self.samples, p)
    }

    fn meets_target(&self) -> bool {
        self.percentile(50) <= self.target && self.p95_target.is_none_or(|t| self.percentile(95) <= t)
    }

    /// The median against the baseline's median: how many times the plain SQL.
    fn ratio(&self) -> Option<f64> {
        let base = percentile(&self.baseline, 50).as_secs_f64();
        (!self.baseline.is_empty() && base > 0.0).then(|| self.percentile(50).as_secs_f64() / base)
    }
}

pub(crate) fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted.get((sorted.len().saturating_sub(1)) * p / 100).copied().unwrap_or_default()
}

/// Times `f` `rounds` times; the samples.
pub(crate) fn sample(rounds: usize, mut f: impl FnMut() -> rusqlite::Result<usize>) -> respijt::Result<Vec<Duration>> {
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        std::hint::black_box(f()?);
        samples.push(start.elapsed());
    }
    Ok(samples)
}

pub(crate) fn time<T>(f: impl FnOnce() -> respijt::Result<T>) -> respijt::Result<(Duration, T)> {
    let start = Instant::now();
    let value = f()?;
    Ok((start.elapsed(), value))
}

pub(crate) struct TempDir(pub(crate) PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(count: usize, seed: u64, only: Option<Only>, reuse: Option<PathBuf>) -> respijt::Result<()> {
    let dir = TempDir(std::env::temp_dir().join(format!("respijt-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0)?;
    let now = crate::now();
    let mut figures = Vec::new();
    if only.is_none_or(|o| o == Only::Register) {
        figures.extend(register(&dir, count, seed, now)?);
    }
    if only.is_none_or(|o| o == Only::Overdracht) {
        figures.push(handover(&dir, seed, now)?);
    }
    if only.is_none_or(|o| o == Only::Planning) {
        figures.extend(crate::bench_planning::planning(&dir, count, seed, now, reuse.as_deref())?);
    }
    say!();
    say!(
        "{:<52} {:>11} {:>11} {:>11} {:>8} {:>17}  oordeel",
        "meting",
        "mediaan",
        "p95",
        "SQL-basis",
        "factor",
        "doel (p95)"
    );
    for f in &figures {
        let target = match f.p95_target {
            Some(p95) => format!("{:?} ({p95:?})", f.target),
            None => format!("{:?}", f.target),
        };
        say!(
            "{:<52} {:>11.3?} {:>11.3?} {:>11} {:>8} {:>17}  {}",
            f.name,
            f.percentile(50),
            f.percentile(95),
            if f.baseline.is_empty() { "-".to_string() } else { format!("{:.3?}", percentile(&f.baseline, 50)) },
            f.ratio().map_or("-".to_string(), |r| format!("{r:.1}x")),
            target,
            if f.meets_target() { "ok" } else { "TE TRAAG" }
        );
    }
    say!();
    say!("SQL-basis: de mediaan van dezelfde vraag in gewone SQL op dezelfde opslag, in dezelfde run;");
    say!("factor: de mediaan van de meting gedeeld door die van de SQL-basis (docs/benchmarks.md).");
    Ok(())
}

/// The passphrase of the benchmark's stores (they are temporary).
pub(crate) fn bench_passphrase() -> respijt::Result<Passphrase> {
    Passphrase::existing("bench-wachtwoordzin-respijt")
}

fn register(dir: &TempDir, count: usize, seed: u64, now: DateTime<Utc>) -> respijt::Result<Vec<Figure>> {
    say!("Demo-opslag met {count} mantelzorgers opbouwen (seed {seed}) ...");
    let passphrase = bench_passphrase()?;
    let path = dir.0.join("bench.db");
    let mut store = respijt::bootstrap::ready(Store::open(&path, &passphrase)?)?;
    let table = demo::caregiver_table(store.conn(), seed, count)?;
    let csv_path = dir.0.join("mantelzorgers.csv");
    demo::write_csv(&table, &csv_path)?;
    let (build, _) = time(|| import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), now))?;
    say!("  opgebouwd in {build:.2?} ({} rijen)", table.rows.len());
    // The same region in a plain store: what encryption costs is the difference.
    let plain_path = dir.0.join("bench-onversleuteld.db");
    let mut plain = respijt::bootstrap::ready(Store::open_plain(&plain_path)?)?;
    import::import_caregivers(plain.conn_mut(), &table, ImportOptions::default(), now)?;

    let mut figures = Vec::new();
    let [name, postcode, dossier] = search_figures(&store, seed)?;
    let [plain_name, plain_postcode, plain_dossier] = search_figures(&plain, seed)?;
    drop(store);
    drop(plain);
    let open = open_figure(|| Store::open(&path, &passphrase).and_then(respijt::bootstrap::ready))?;
    let plain_open = open_figure(|| Store::open_plain(&plain_path).and_then(respijt::bootstrap::ready))?;
    // An empty store opened the same way: what opening costs regardless of
    // size, nearly all of it the passphrase's key derivation when encrypted.
    let (empty, plain_empty) = (dir.0.join("leeg.db"), dir.0.join("leeg-onversleuteld.db"));
    drop(respijt::bootstrap::ready(Store::open(&empty, &passphrase)?)?);
    drop(respijt::bootstrap::ready(Store::open_plain(&plain_empty)?)?);
    let empty_open = open_figure(|| Store::open(&empty, &passphrase).and_then(respijt::bootstrap::ready))?;
    let plain_empty_open = open_figure(|| Store::open_plain(&plain_empty).and_then(respijt::bootstrap::ready))?;
    let (e, p) = (
        open.percentile(50).saturating_sub(empty_open.percentile(50)),
        plain_open.percentile(50).saturating_sub(plain_empty_open.percentile(50)),
    );
    say!(
        "  openen zonder het vaste deel (een lege opslag: {:.1?} versleuteld, {:.1?} onversleuteld): {e:.3?} tegen {p:.3?}: {:.2}x",
        empty_open.percentile(50),
        plain_empty_open.percentile(50),
        e.as_secs_f64() / p.as_secs_f64().max(1e-9)
    );
    say!("  versleuteld tegen onversleuteld (mediaan):");
    for (what, enc, pl) in [
        ("opslag openen", &open, &plain_open),
        ("zoeken op naam", &name, &plain_name),
        ("zoeken op postcode", &postcode, &plain_postcode),
        ("dossier openen", &dossier, &plain_dossier),
    ] {
        let (e, p) = (enc.percentile(50), pl.percentile(50));
        say!("    {what:<20} {e:>10.3?} tegen {p:>10.3?}: {:.2}x", e.as_secs_f64() / p.as_secs_f64().max(1e-9));
    }
    figures.extend([name, postcode, dossier, open]);
    figures.push(Figure { name: "zoeken op naam, onversleuteld (ter vergelijking)", ..plain_name });
    figures.push(Figure { name: "zoeken op postcode, onversleuteld", ..plain_postcode });
    figures.push(Figure { name: "opslag openen, onversleuteld", ..plain_open });

    let (mut samples, mut baseline) = (Vec::new(), Vec::new());
    for round in 0..3 {
        let mut fresh =
            respijt::bootstrap::ready(Store::open(&dir.0.join(format!("import-{round}.db")), &passphrase)?)?;
        let (elapsed, report) = time(|| {
            let table = import::read_table(&csv_path)?;
            import::import_caregivers(fresh.conn_mut(), &table, ImportOptions::default(), now)
        })?;
        if report.imported != table.rows.len() {
            return Err(respijt::Error::Invalid(format!(
                "import meldde {} rijen, verwacht {}",
                report.imported,
                table.rows.len()
            )));
        }
        samples.push(elapsed);
        // The same rows written by plain SQL into another new store: copied
        // from the store just filled (attached beforehand, key derivation not timed).
        let copy = respijt::bootstrap::ready(Store::open(&dir.0.join(format!("copy-{round}.db")), &passphrase)?)?;
        let source = dir.0.join(format!("import-{round}.db"));
        drop(fresh);
        baseline.push(bench_baseline::copy_register(copy.conn(), &source, passphrase.as_typed())?);
    }
    figures
        .push(Figure::new("import CSV (alle rijen, nieuwe opslag)", samples, Duration::from_secs(3)).against(baseline));

    say!("  ({} rijen in de import = {count} mantelzorgers met hun naasten)", table.rows.len());
    Ok(figures)
}

/// Name search, postcode search and opening a dossier on one store, each
/// beside its plain SQL (interleaved, so both meet the same cache).
fn search_figures(store: &Store, seed: u64) -> respijt::Result<[Figure; 3]> {
    let conn = store.conn();
    // Beginnings, fragments, two letters, very common words and whole names in both orders.
    let name_queries = [
        "jan",
        "bak",
        "de v",
        "vries",
        "mul",
        "ria",
        "kraai",
        "hoog",
        "wil",
        "sm",
        "van d",
        "moh",
        "de",
        "van",
        "ma",
        "jan jansen",
        "jansen, jan",
        "de vries, maria",
    ];
    let (mut samples, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        for q in name_queries {
            let options = SearchOptions { query: q.into(), include_archived: false };
            samples.push(time(|| caregiver::search_caregivers(conn, &options))?.0);
            baseline.extend(sample(1, || bench_baseline::name_search(conn, q))?);
        }
    }
    let name = Figure::new("zoeken op naam (ook twee letters, 'van', hele naam)", samples, Duration::from_millis(2))
        .p95_under(Duration::from_millis(5))
        .against(baseline);

    let postcode_queries = ["3311", "3312 A", "4201", "2951", "3331 B", "4143", "2981", "3352 CK", "4241", "3363"];
    let (mut samples, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        for q in postcode_queries {
            let options = SearchOptions { query: q.into(), include_archived: false };
            samples.push(time(|| caregiver::search_caregivers(conn, &options))?.0);
            baseline.extend(sample(1, || bench_baseline::postcode_search(conn, q))?);
        }
    }
    let postcode = Figure::new("zoeken op postcode", samples, Duration::from_millis(2))
        .p95_under(Duration::from_millis(5))
        .against(baseline);

    let mut rng = fastrand::Rng::with_seed(seed);
    let max_id: i64 = conn.query_row("SELECT MAX(id) FROM caregiver", [], |r| r.get(0))?;
    bench_baseline::prepare_audit(conn)?;
    let (mut samples, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..500 {
        let id = rng.i64(1..=max_id);
        samples.push(time(|| respijt::commands::get_dossier(store, id, crate::now()))?.0);
        baseline.extend(sample(1, || bench_baseline::dossier_rows(conn, id))?);
    }
    let dossier =
        Figure::new("dossier openen (met regel in het logboek)", samples, Duration::from_millis(1)).against(baseline);
    Ok([name, postcode, dossier])
}

/// Opening a store of region size (the passphrase's key derivation included
/// when it is encrypted), five times, then a first search.
fn open_figure(open: impl Fn() -> respijt::Result<Store>) -> respijt::Result<Figure> {
    let mut samples = Vec::new();
    for _ in 0..5 {
        let options = SearchOptions { query: "vries".into(), include_archived: false };
        let (elapsed, _) = time(|| {
            let store = open()?;
            caregiver::search_caregivers(store.conn(), &options)
        })?;
        samples.push(elapsed);
    }
    Ok(Figure::new("opslag van regio-omvang openen + eerste zoekvraag", samples, Duration::from_secs(1)))
}

const HANDOVER_INTAKES: usize = 500;

/// A complete intake as a consultant would fill it in, varied by `n`.
fn sample_intake(n: usize, caregiver_id: i64, recipient_id: i64) -> IntakeInput {
    let urgency = [Urgency::Normal, Urgency::Soon, Urgency::Crisis][n % 3];
    IntakeInput {
        caregiver_id,
        recipient_id: Some(recipient_id),
        intake_date: format!("{:02}-10-2026", 1 + n % 28),
        consultant_name: "Consulent Bench".into(),
        consultant_organisation: "MEE".into(),
        care_hours_per_week: format!("{},5", 8 + n % 30),
        caring_since: "01-03-2021".into(),
        recipient_situation: vec![RecipientSituation::ALL[n % RecipientSituation::ALL.len()]],
        respite_forms: vec![RespiteForm::ALL[n % RespiteForm::ALL.len()]],
        respite_hours_per_week: "4".into(),
        preferred_days: vec![Weekday::ALL[n % 7]],
        urgency,
        consent_given: true,
        consent_date: "01-10-2026".into(),
        consent_providers: true,
        consent_recorded_by: "Consulent Bench".into(),
        follow_up_date: "01-12-2026".into(),
        notes: "Wil graag vaste hulp op de vrijdagmiddag.".into(),
        ..Default::default()
    }
}

fn handover(dir: &TempDir, seed: u64, now: DateTime<Utc>) -> respijt::Result<Figure> {
    say!("Overdrachtsbestand met {HANDOVER_INTAKES} intakes opbouwen ...");
    let mut source = respijt::bootstrap::ready(Store::open(&dir.0.join("consulent.db"), &bench_passphrase()?)?)?;
    // More caregivers than intakes: not every demo caregiver has a recipient.
    let table = demo::caregiver_table(source.conn(), seed, HANDOVER_INTAKES * 2)?;
    import::import_caregivers(source.conn_mut(), &table, ImportOptions::default(), now)?;
    let pairs: Vec<(i64, i64)> = {
        let mut stmt = source.conn().prepare(
            "SELECT caregiver_id, MIN(recipient_id) FROM caregiver_recipient GROUP BY caregiver_id ORDER BY caregiver_id LIMIT ?1",
        )?;
        let rows = stmt.query_map([HANDOVER_INTAKES as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut ids = Vec::with_capacity(pairs.len());
    let tx = respijt::store::atomic(source.conn(), "bench_consultant")?;
    for (n, (caregiver_id, recipient_id)) in pairs.into_iter().enumerate() {
        let done = intake::complete_intake(&tx, None, &sample_intake(n, caregiver_id, recipient_id), now)?;
        let answers = (0..15).map(|i| i64::from((i + n) % 3 == 0)).collect();
        let input = AssessmentInput { instrument: "ediz_plus".into(), answers, assessed_on: "01-10-2026".into() };
        intake::record_assessment(&tx, done.id, &input, now)?;
        ids.push(done.id);
    }
    tx.commit()?;
    let passphrase = "bench wachtwoord voor de overdracht";
    let bytes = intake::export_handover(source.conn(), &ids, passphrase, now)?;
    say!("  {} intakes, bestand van {} kB", ids.len(), bytes.len() / 1024);

    let mut samples = Vec::new();
    for round in 0..3 {
        let fresh = respijt::bootstrap::ready(Store::open(
            &dir.0.join(format!("regisseur-{round}.db")),
            &bench_passphrase()?,
        )?)?;
        let (elapsed, report) = time(|| intake::import_handover(fresh.conn(), &bytes, passphrase, now))?;
        if report.intakes_new != ids.len() {
            return Err(respijt::Error::Invalid(format!(
                "overdracht las {} intakes in, verwacht {}",
                report.intakes_new,
                ids.len()
            )));
        }
        samples.push(elapsed);
    }
    Ok(Figure::new("overdracht inlezen (500 intakes)", samples, Duration::from_secs(1)))
}
