//! `respijt bench`: the project's benchmark. Builds a demo store of region
//! size in a temporary folder and prints the median and 95th percentile of
//! each operation against its target. Run it on a release build.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use respijt::caregiver::{self, SearchOptions};
use respijt::import::{self, ImportOptions};
use respijt::{demo, Store};

struct Figure {
    name: &'static str,
    samples: Vec<Duration>,
    target: Duration,
}

impl Figure {
    fn percentile(&self, p: usize) -> Duration {
        let mut sorted = self.samples.clone();
        sorted.sort();
        sorted.get((sorted.len().saturating_sub(1)) * p / 100).copied().unwrap_or_default()
    }
}

fn time<T>(f: impl FnOnce() -> respijt::Result<T>) -> respijt::Result<(Duration, T)> {
    let start = Instant::now();
    let value = f()?;
    Ok((start.elapsed(), value))
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(count: usize, seed: u64) -> respijt::Result<()> {
    let dir = TempDir(std::env::temp_dir().join(format!("respijt-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0)?;
    let now = crate::now();

    say!("Demo-opslag met {count} mantelzorgers opbouwen (seed {seed}) ...");
    let mut store = Store::open(&dir.0.join("bench.db"))?;
    let table = demo::caregiver_table(store.conn(), seed, count)?;
    let csv_path = dir.0.join("mantelzorgers.csv");
    demo::write_csv(&table, &csv_path)?;
    let (build, _) = time(|| import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), now))?;
    say!("  opgebouwd in {build:.2?} ({} rijen)", table.rows.len());

    let mut figures = Vec::new();

    let name_queries = ["jan", "bak", "de v", "vries", "mul", "ria", "kraai", "hoog", "wil", "sm", "van d", "moh"];
    let mut samples = Vec::new();
    for _ in 0..20 {
        for q in name_queries {
            let options = SearchOptions { query: q.into(), include_archived: false };
            samples.push(time(|| caregiver::search_caregivers(store.conn(), &options))?.0);
        }
    }
    figures.push(Figure { name: "zoeken op (begin van) naam", samples, target: Duration::from_millis(5) });

    let postcode_queries = ["3311", "3312 A", "4201", "2951", "3331 B", "4143", "2981", "3352 CK", "4241", "3363"];
    let mut samples = Vec::new();
    for _ in 0..20 {
        for q in postcode_queries {
            let options = SearchOptions { query: q.into(), include_archived: false };
            samples.push(time(|| caregiver::search_caregivers(store.conn(), &options))?.0);
        }
    }
    figures.push(Figure { name: "zoeken op postcode", samples, target: Duration::from_millis(5) });

    let mut rng = fastrand::Rng::with_seed(seed);
    let max_id: i64 = store.conn().query_row("SELECT MAX(id) FROM caregiver", [], |r| r.get(0))?;
    let mut samples = Vec::new();
    for _ in 0..500 {
        let id = rng.i64(1..=max_id);
        samples.push(time(|| caregiver::dossier(store.conn(), id))?.0);
    }
    figures.push(Figure { name: "dossier openen", samples, target: Duration::from_millis(2) });

    let mut samples = Vec::new();
    for round in 0..3 {
        let mut fresh = Store::open(&dir.0.join(format!("import-{round}.db")))?;
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
    }
    figures.push(Figure { name: "import CSV (alle rijen, nieuwe opslag)", samples, target: Duration::from_secs(3) });

    say!();
    say!("{:<40} {:>12} {:>12} {:>10}  oordeel", "meting", "mediaan", "p95", "doel");
    for f in &figures {
        let median = f.percentile(50);
        say!(
            "{:<40} {:>12.3?} {:>12.3?} {:>10?}  {}",
            f.name,
            median,
            f.percentile(95),
            f.target,
            if median <= f.target { "ok" } else { "TE TRAAG" }
        );
    }
    say!("({} rijen in de import = {count} mantelzorgers met hun naasten)", table.rows.len());
    Ok(())
}
