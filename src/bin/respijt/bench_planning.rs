//! The planning part of the benchmark: 100 providers and a million sessions
//! over five years in the store, then matching, the week calendar, series and
//! a provider statement of 10,000 lines.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use respijt::export::{self, ExportFormat, ExportRequest};
use respijt::funding;
use respijt::import::{self, ImportOptions};
use respijt::intake::{Daypart, RespiteForm, Weekday};
use respijt::matching::{rank_providers, NeedInput};
use respijt::planning::SessionStatus;
use respijt::planning::{self, expand_series, find_clashes, week_calendar, CalendarOwner, ValidSession};
use respijt::provider::Unit;
use respijt::{demo, Store};

use crate::bench::{sample, time, Figure, TempDir};
use crate::bench_baseline as baseline;

const PROVIDERS: usize = 100;
const SESSIONS: usize = 1_000_000;
/// Delivered sessions in the year allocated from scratch, as the issue names.
const YEAR_SESSIONS: i64 = 200_000;

pub fn planning(
    dir: &TempDir,
    count: usize,
    seed: u64,
    now: DateTime<Utc>,
    reuse: Option<&Path>,
) -> respijt::Result<Vec<Figure>> {
    let path = dir.0.join("planning.db");
    let mut store = match reuse {
        Some(saved) if saved.exists() => {
            say!("Planning-opslag overnemen uit {}", saved.display());
            std::fs::copy(saved, &path)?;
            respijt::bootstrap::ready(Store::open(&path, &crate::bench::bench_passphrase()?)?)?
        }
        _ => {
            say!("Planning-opslag opbouwen: {count} mantelzorgers, {PROVIDERS} aanbieders, {SESSIONS} inzetten ...");
            let mut store = respijt::bootstrap::ready(Store::open(&path, &crate::bench::bench_passphrase()?)?)?;
            let (build, _) = time(|| {
                let table = demo::caregiver_table(store.conn(), seed, count)?;
                import::import_caregivers(store.conn_mut(), &table, ImportOptions::default(), now)?;
                demo::providers_and_sessions(store.conn_mut(), seed, PROVIDERS, SESSIONS, now)
            })?;
            say!("  opgebouwd in {build:.1?}");
            if let Some(saved) = reuse {
                let _ = std::fs::remove_file(saved);
                store.conn().execute("VACUUM INTO ?1", [saved.to_string_lossy()])?;
            }
            store
        }
    };
    let conn = store.conn();
    let mut rng = fastrand::Rng::with_seed(seed);
    let pairs: Vec<(i64, i64)> = conn
        .prepare("SELECT caregiver_id, MIN(recipient_id) FROM caregiver_recipient GROUP BY caregiver_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let providers: Vec<i64> =
        conn.prepare("SELECT id FROM provider")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut figures = Vec::new();

    let (mut samples, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..50 {
        let (caregiver_id, recipient_id) = pairs[rng.usize(..pairs.len())];
        let need = NeedInput {
            caregiver_id,
            recipient_id,
            form: Some(RespiteForm::AtHome),
            hours_per_week: "4".into(),
            weekdays: vec![Weekday::Tuesday, Weekday::Thursday],
            dayparts: vec![Daypart::Morning],
            first_date: "01-12-2026".into(),
            weeks: 4,
            language: "tr".into(),
            specialisms: vec![respijt::intake::RecipientSituation::Dementia],
        };
        samples.push(time(|| rank_providers(conn, &need))?.0);
        plain.extend(sample(1, || baseline::matching_rows(conn, caregiver_id, RespiteForm::AtHome.code()))?);
    }
    figures.push(
        Figure::new("matchen: aanbieders rangschikken voor één vraag", samples, Duration::from_millis(20))
            .against(plain),
    );

    let first = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap_or_default();
    let (mut samples, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..200 {
        let provider = providers[rng.usize(..providers.len())];
        let date = first + Days::new(rng.u64(..1800));
        samples.push(time(|| week_calendar(conn, CalendarOwner::Provider(provider), date))?.0);
        let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
        plain.extend(sample(1, || baseline::week_rows(conn, provider, monday))?);
    }
    figures.push(Figure::new("weekagenda van een aanbieder", samples, Duration::from_millis(10)).against(plain));

    let mut samples = Vec::new();
    for _ in 0..200 {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default() + Days::new(rng.u64(..300));
        samples.push(
            time(|| {
                expand_series(
                    start,
                    1,
                    &[Weekday::Monday, Weekday::Thursday],
                    None,
                    Some(52),
                    Some(respijt::holidays::HolidayRules::default()),
                )
                .map_err(respijt::Error::Invalid)
            })?
            .0,
        );
    }
    figures.push(Figure::new("reeks van 52 weken uitrekenen", samples, Duration::from_millis(5)));

    let (caregiver_id, recipient_id) = pairs[0];
    let (mut samples, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        let provider_id = providers[rng.usize(..providers.len())];
        let base = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let template = ValidSession {
            caregiver_id,
            recipient_id,
            provider_id,
            helper_id: None,
            form: RespiteForm::AtHome,
            unit: Unit::Hour,
            date: base,
            starts_at: planning::minutes_at(base, 540),
            ends_at: planning::minutes_at(base, 720),
            units: 0,
            handover_note: String::new(),
        };
        let dates = expand_series(
            base,
            1,
            &[Weekday::Tuesday],
            None,
            Some(52),
            Some(respijt::holidays::HolidayRules::default()),
        )
        .map_err(respijt::Error::Invalid)?;
        let candidates: Vec<ValidSession> = dates.dates.iter().map(|d| template.on(*d)).collect();
        samples.push(time(|| find_clashes(conn, &candidates, &[]))?.0);
        let spans: Vec<(i64, i64)> = candidates.iter().map(|c| (c.starts_at, c.ends_at)).collect();
        plain.extend(sample(1, || baseline::overlapping(conn, recipient_id, caregiver_id, &spans))?);
    }
    figures
        .push(Figure::new("botsingen zoeken voor een reeks van 52", samples, Duration::from_millis(50)).against(plain));

    // Funding: a year from scratch, the dashboard, and one edit. The issue
    // names a year of 200,000 delivered sessions; the generated year has
    // fewer (some were cancelled or not delivered), so as many of its other
    // sessions as that takes (or all it has) are marked delivered first.
    let count_delivered = || -> respijt::Result<i64> {
        Ok(conn.query_row(
            "SELECT COUNT(*) FROM session WHERE date BETWEEN '2025-01-01' AND '2025-12-31' AND status = 'uitgevoerd'",
            [],
            |r| r.get(0),
        )?)
    };
    let short = YEAR_SESSIONS - count_delivered()?;
    if short > 0 {
        conn.execute(
            "UPDATE session SET status = 'uitgevoerd', delivered_minutes = ends_at - starts_at
             WHERE id IN (SELECT id FROM session WHERE date BETWEEN '2025-01-01' AND '2025-12-31'
                            AND status <> 'uitgevoerd' ORDER BY id LIMIT ?1)",
            [short],
        )?;
    }
    let year_sessions = count_delivered()?;
    let (mut samples, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        conn.execute("DELETE FROM ledger_entry WHERE year = 2025", [])?;
        plain.extend(sample(1, || baseline::year_insert(conn, 2025))?);
        baseline::undo_year_insert(conn, 2025)?;
        samples.push(time(|| funding::reallocate_year(conn, 2025, now))?.0);
    }
    say!("  verdeling 2025: {year_sessions} uitgevoerde inzetten");
    figures.push(Figure::new("een jaar verdelen vanaf nul", samples, Duration::from_millis(600)).against(plain));

    // The dashboard after a change to a planned session each time (the
    // store keeps the planned totals), and once after a tariff change (which
    // makes it cost all planned sessions afresh).
    let today = now.date_naive();
    let planned: Vec<i64> = conn
        .prepare("SELECT id FROM session WHERE status = 'gepland' AND date >= '2026-12-01' LIMIT 50")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut samples, mut plain) = (Vec::new(), Vec::new());
    for id in &planned {
        conn.execute("UPDATE session SET ends_at = ends_at + 15 WHERE id = ?1", [id])?;
        samples.push(time(|| funding::dashboard(conn, 2026, today))?.0);
        plain.extend(sample(1, || baseline::dashboard_rows(conn, 2026))?);
    }
    conn.execute("UPDATE planned_total_state SET stale = 1", [])?;
    let (rebuild, _) = time(|| funding::dashboard(conn, 2026, today))?;
    say!("  dashboard na een tariefwijziging (alle geplande inzet opnieuw begroot): {rebuild:.1?}");
    figures.push(Figure::new("dashboard financiering (2026)", samples, Duration::from_millis(5)).against(plain));

    let delivered: Vec<(i64, i64)> = conn
        .prepare("SELECT id, delivered_minutes FROM session WHERE date BETWEEN '2026-03-01' AND '2026-03-31' AND status = 'uitgevoerd' LIMIT 10")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut samples, mut plain) = (Vec::new(), Vec::new());
    for (id, minutes) in delivered {
        samples.push(time(|| planning::set_status(conn, id, SessionStatus::Delivered, Some(minutes + 30), now))?.0);
        plain.extend(sample(1, || baseline::one_session(conn, id, minutes + 30))?);
    }
    figures
        .push(Figure::new("herverdeling na wijzigen van één inzet", samples, Duration::from_millis(50)).against(plain));

    // Exports of a quarter (about 50,000 sessions), closed first so the
    // export reads a settled ledger; memory is read from /proc after each.
    let quarter = respijt::export::Period::parse("2025-Q2")?;
    funding::close_period(conn, &quarter.label, quarter.first, quarter.last, "bench", now)?;
    let quarter_sessions: i64 = conn.query_row(
        "SELECT COUNT(DISTINCT session_id) FROM ledger_entry WHERE booking_date BETWEEN ?1 AND ?2",
        rusqlite::params![quarter.first, quarter.last],
        |r| r.get(0),
    )?;
    for (format, name, target, out) in [
        (ExportFormat::Csv, "export kwartaal naar CSV", Duration::from_millis(300), "q.csv"),
        (ExportFormat::Xlsx, "export kwartaal naar XLSX", Duration::from_secs(3), "q.xlsx"),
    ] {
        let request = ExportRequest { period: "2025-Q2".into(), format: Some(format), ..Default::default() };
        let (mut samples, mut plain) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            samples.push(time(|| export::export_to_file(conn, &request, &dir.0.join(out), "bench", now))?.0);
            plain.extend(sample(1, || baseline::export_rows(conn, quarter.first, quarter.last))?);
        }
        say!("  {name}: {quarter_sessions} inzetten, geheugen na afloop {} MB", resident_mb());
        figures.push(Figure::new(name, samples, target).against(plain));
    }
    let year = ExportRequest { period: "2025".into(), format: Some(ExportFormat::Csv), ..Default::default() };
    let (elapsed, _) = time(|| export::export_to_file(conn, &year, &dir.0.join("jaar.csv"), "bench", now))?;
    say!("  ter vergelijking: heel 2025 naar CSV in {elapsed:.2?}, geheugen na afloop {} MB", resident_mb());

    // A statement of 10,000 lines: planned sessions delivered as planned.
    let statement = dir.0.join("overzicht.csv");
    let mut plain = Vec::new();
    // The statement is read in the evening after its last line: a delivered
    // session cannot lie after "today", and planned sessions mostly lie ahead.
    let mut statement_now = now;
    {
        let rows: Vec<(String, String, String, i64, i64)> = conn
            .prepare(
                "SELECT c.extern_id, p.extern_id, s.date, s.starts_at, s.ends_at FROM session s
                 JOIN caregiver c ON c.id = s.caregiver_id JOIN provider p ON p.id = s.provider_id
                 WHERE s.status = 'gepland' ORDER BY s.id LIMIT 10000",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&statement)?);
        writeln!(file, "extern_id;mantelzorger_id;aanbieder_id;dienst;datum;start;eind;status")?;
        for (n, (caregiver, provider, date, start, end)) in rows.iter().enumerate() {
            writeln!(
                file,
                "ST-{n};{caregiver};{provider};thuis;{date};{};{};uitgevoerd",
                planning::clock_text(*start),
                planning::clock_text(*end)
            )?;
        }
        file.flush()?;
        plain.extend(sample(1, || baseline::statement_updates(conn, &rows))?);
        let last = rows.iter().filter_map(|r| NaiveDate::parse_from_str(&r.2, "%Y-%m-%d").ok()).max();
        if let Some(evening) = last.and_then(|d| d.and_hms_opt(22, 0, 0)).map(|t| t.and_utc()) {
            statement_now = statement_now.max(evening);
        }
    }
    let (elapsed, report) = time(|| {
        let table = import::read_table(&statement)?;
        planning::import_statement(store.conn_mut(), &table, ImportOptions::default(), statement_now)
    })?;
    say!("  maandoverzicht: {} regels, {} bij geplande inzet", report.lines, report.matched);
    figures.push(
        Figure::new("maandoverzicht van 10.000 regels inlezen", vec![elapsed], Duration::from_millis(600))
            .against(plain),
    );
    Ok(figures)
}

/// Resident memory of this process in MB (Linux), to see that exports stream.
fn resident_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4096 / 1_048_576)
}
