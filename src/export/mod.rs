//! Periodic exports of shared-funding usage for the funders, and closing a
//! period once it is reported. Exports stream from the ledger, so memory
//! stays flat however long the period; a closed period exports to the same
//! bytes every time.

mod consent;
mod html;
mod period;
mod produce;
mod register;
mod rows;
mod sink;

pub use period::{Period, PeriodChoice};
pub use produce::{
    INSURER_COLUMNS, INSURER_TOTALS, MUNICIPALITY_COLUMNS, MUNICIPALITY_TOTALS, SUMMARY_COLUMNS, SUMMARY_TOTALS,
    USAGE_COLUMNS, USAGE_TOTALS,
};
pub use register::{export_register, RegisterExport, RegisterFile};
pub use rows::{for_each_row, funder_names, Pseudonyms, Scope, UsageRow};
pub use sink::TOTALS_SHEET;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Datelike, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::codes::codes;
use crate::error::{Error, Result};
use crate::money::Cents;
use sink::{CsvSink, Sink, XlsxSink};

codes! {
    ExportKind / "het soort export" {
        Usage = "gebruik" / "gedetailleerd gebruik",
        Insurer = "verzekeraar" / "voor de verzekeraar",
        Municipality = "gemeente" / "voor de gemeente",
        Summary = "regio" / "regionale samenvatting (verantwoording van de IZA-subsidie)",
    }
}

codes! {
    ExportFormat / "het formaat van een export" {
        Csv = "csv" / "CSV (Excel)",
        Xlsx = "xlsx" / "Excel-werkmap",
        Html = "html" / "afdrukbare samenvatting",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ExportTotals {
    pub rows: i64,
    pub cents: i64,
    pub minutes: i64,
    pub days: i64,
    #[serde(skip)]
    #[ts(skip)]
    pub caregivers: BTreeSet<i64>,
}

impl ExportTotals {
    pub(crate) fn add(&mut self, r: &UsageRow) {
        self.rows += 1;
        self.cents += r.cents;
        self.minutes += r.minutes;
        self.days += r.cap_days;
        self.caregivers.insert(r.caregiver_id);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct ExportRequest {
    pub period: PeriodChoice,
    /// A scheme code (VGZ), a municipality (code or name), NIET_GEDEKT, or
    /// empty for everything.
    pub funder: String,
    /// The regional summary instead of the entries.
    pub summary: bool,
    pub format: Option<ExportFormat>,
    /// Extern ids instead of pseudonyms (detailed usage only).
    pub identified: bool,
    /// Close the period with this export: its entries are frozen.
    pub final_export: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub period: Period,
    pub kind: ExportKind,
    pub rows: i64,
    pub total: Cents,
    pub minutes: i64,
    pub sha256: String,
    pub closed: bool,
    pub warnings: Vec<String>,
    /// Rows without the person's identifying fields (a pseudonym instead):
    /// the caregiver gave no consent to share with funders.
    pub without_identity: i64,
    /// Why, in Dutch (also among `warnings`); empty when no row was affected.
    pub identity_note: String,
    /// Whether this kind of export can carry extern ids instead of pseudonyms.
    pub can_identify: bool,
    /// The name to suggest in the save dialog, without its extension (the format's code).
    pub file_stem: String,
}

impl ExportKind {
    /// Only the detailed usage names people (by extern id, on request);
    /// what goes to a funder is pseudonymised or summed.
    pub fn carries_extern_ids(self) -> bool {
        self == ExportKind::Usage
    }
}

/// `respijt-2026-Q1-VGZ`, `respijt-2026-Q1-alle`, `respijt-2026-regio`,
/// `respijt-2026-01-01_tot_2026-02-15-GM0505`: the period, then whom it is for.
pub fn file_stem(period: &Period, request: &ExportRequest) -> String {
    let funder = request.funder.trim();
    let who = match (request.summary, funder.is_empty()) {
        (true, true) => "regio".to_string(),
        (true, false) => format!("regio-{funder}"),
        (false, true) => "alle".to_string(),
        (false, false) => funder.to_string(),
    };
    let name = format!("respijt-{}-{who}", period.label.replace("..", "_tot_"));
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let keep = c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if keep {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

/// What an export holds (or would hold): its period, kind and totals, and
/// the rows without the person's identifying fields, with the reason.
#[derive(Debug, Clone)]
pub struct ExportOutline {
    pub period: Period,
    pub kind: ExportKind,
    pub totals: ExportTotals,
    /// Rows with a pseudonym instead of the person: no consent to share with funders.
    pub without_identity: i64,
    /// The Dutch line about those rows, when there are any.
    pub consent_warning: Option<String>,
}

/// What to do with delivered sessions not yet reconciled when exporting.
fn refuse_unreconciled(conn: &Connection) -> Result<bool> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = 'export_unreconciled'", [], |r| r.get(0)).optional()?;
    Ok(value.as_deref() == Some("weigeren"))
}

/// Sessions in the period that still need the director: flagged statement
/// lines, and planned sessions in the past that no statement closed.
pub fn unreconciled(conn: &Connection, period: &Period, today: chrono::NaiveDate) -> Result<(i64, i64)> {
    let flagged: i64 = conn.query_row(
        "SELECT COUNT(*) FROM session WHERE date BETWEEN ?1 AND ?2 AND needs_review = 1",
        params![period.first, period.last],
        |r| r.get(0),
    )?;
    let open: i64 = conn.query_row(
        "SELECT COUNT(*) FROM session WHERE date BETWEEN ?1 AND ?2 AND date < ?3 AND status IN ('gepland', 'bevestigd')",
        params![period.first, period.last, today],
        |r| r.get(0),
    )?;
    Ok((flagged, open))
}

/// The warning (or, with the setting on refuse, the reason to refuse) about
/// sessions of the period that are not reconciled yet.
pub fn unreconciled_warning(conn: &Connection, period: &Period, today: chrono::NaiveDate) -> Result<Option<String>> {
    let (flagged, open) = unreconciled(conn, period, today)?;
    if flagged + open == 0 {
        return Ok(None);
    }
    let refuse = refuse_unreconciled(conn)?;
    Ok(Some(format!(
        "{flagged} inzet(ten) wachten op beoordeling en {open} geplande inzet(ten) in het verleden zijn nog niet verantwoord; ze staan bij Aanbieders, onder 'Na te kijken'.{}",
        if refuse { " Werk ze eerst bij: exporteren wordt geweigerd (instelling 'weigeren')." } else { "" }
    )))
}

fn resolve_scope(conn: &Connection, request: &ExportRequest) -> Result<(ExportKind, Scope)> {
    let funder = request.funder.trim();
    if request.summary {
        let scope = if funder.is_empty() { Scope::All } else { Scope::Funder(funder.to_string()) };
        return Ok((ExportKind::Summary, scope));
    }
    if funder.is_empty() {
        return Ok((ExportKind::Usage, Scope::All));
    }
    let scheme: Option<String> = conn
        .query_row("SELECT code FROM insurer_scheme WHERE upper(code) = upper(?1)", [funder], |r| r.get(0))
        .optional()?;
    if let Some(code) = scheme {
        return Ok((ExportKind::Insurer, Scope::Funder(code)));
    }
    if let Some(m) = crate::region::find_municipality(conn, funder)? {
        return Ok((ExportKind::Municipality, Scope::Funder(m.code)));
    }
    if funder.eq_ignore_ascii_case(crate::funding::engine::UNCOVERED) {
        return Ok((ExportKind::Usage, Scope::Funder(crate::funding::engine::UNCOVERED.into())));
    }
    Err(Error::Invalid(format!(
        "Onbekende financier '{funder}'. Gebruik VGZ, een CBS-code (GM0505), een gemeentenaam of NIET_GEDEKT."
    )))
}

/// The totals an export would have, without writing it (for the export
/// screen, before the file is saved).
/// `today`: the day whose consent counts.
pub fn totals(conn: &Connection, request: &ExportRequest, today: chrono::NaiveDate) -> Result<ExportOutline> {
    let period = request.period.resolve()?;
    let (kind, scope) = resolve_scope(conn, request)?;
    let mut totals = ExportTotals::default();
    let mut consent = consent::FunderConsent::on(today);
    let names_people = kind == ExportKind::Insurer || (kind == ExportKind::Usage && request.identified);
    for_each_row(conn, &period, &scope, |r| {
        totals.add(r);
        if names_people && (kind == ExportKind::Insurer || r.extern_id.is_some()) {
            consent.shares(conn, r.caregiver_id)?;
        }
        Ok(())
    })?;
    Ok(ExportOutline {
        period,
        kind,
        totals,
        without_identity: consent.rows_without,
        consent_warning: consent.warning(),
    })
}

/// Writes an export of the request into `out`, with the consent to share
/// with funders as it counts on `today`; returns the totals and the rows
/// written without the person's identifying fields (and why).
pub fn write_export(
    conn: &Connection,
    request: &ExportRequest,
    today: chrono::NaiveDate,
    out: &mut (dyn WriteSeek + Send),
) -> Result<ExportOutline> {
    let period = request.period.resolve()?;
    let (kind, scope) = resolve_scope(conn, request)?;
    let format = request.format.unwrap_or(ExportFormat::Csv);
    let mut consent = consent::FunderConsent::on(today);
    let totals = match format {
        ExportFormat::Html => {
            let (lines, names, totals) = produce::summarise(conn, &period, &scope)?;
            html::write_summary_html(out, &period, &lines, &names, &rows::funder_names(conn)?)?;
            totals
        }
        ExportFormat::Csv => {
            let mut sink: Box<dyn Sink + '_> = Box::new(CsvSink::new(&mut *out)?);
            let totals =
                produce::produce(conn, &period, kind, &scope, request.identified, &mut consent, sink.as_mut())?;
            sink.finish()?;
            totals
        }
        ExportFormat::Xlsx => {
            let mut sink: Box<dyn Sink + '_> = Box::new(XlsxSink::new(&mut *out, kind.code(), period.last)?);
            let totals =
                produce::produce(conn, &period, kind, &scope, request.identified, &mut consent, sink.as_mut())?;
            sink.finish()?;
            totals
        }
    };
    Ok(ExportOutline {
        period,
        kind,
        totals,
        without_identity: consent.rows_without,
        consent_warning: consent.warning(),
    })
}

/// `Write + Seek` as one trait object.
pub trait WriteSeek: Write + std::io::Seek {}
impl<T: Write + std::io::Seek> WriteSeek for T {}

/// Exports to a file: brings the ledger up to date (unless the period is
/// closed), writes beside the target and renames, logs the SHA-256, and with
/// `final_export` closes the period, all in one transaction.
pub fn export_to_file(
    conn: &Connection,
    request: &ExportRequest,
    path: &Path,
    by: &str,
    now: DateTime<Utc>,
) -> Result<ExportResult> {
    let period = request.period.resolve()?;
    let mut warnings = Vec::new();
    if let Some(message) = unreconciled_warning(conn, &period, now.date_naive())? {
        if refuse_unreconciled(conn)? {
            return Err(Error::Invalid(message));
        }
        warnings.push(message);
    }
    let tx = crate::store::atomic(conn, "final_export")?;
    let already_closed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM closed_period WHERE first_day <= ?1 AND last_day >= ?2)",
        params![period.first, period.last],
        |r| r.get(0),
    )?;
    if !already_closed {
        for year in period.first.year()..=period.last.year() {
            crate::funding::reallocate_year(&tx, year, now)?;
        }
    }
    // Written beside the target and renamed: a crash never leaves half a file under the real name.
    let tmp = path.with_extension("deel");
    let written = std::fs::File::create(&tmp).map_err(Error::from).and_then(|file| {
        let mut file = std::io::BufWriter::new(file);
        let written = write_export(&tx, request, now.date_naive(), &mut file)?;
        file.flush()?;
        Ok(written)
    });
    // A failed export (a full disk) leaves no half file behind to fill it further.
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    let ExportOutline { period: file_period, kind, totals, without_identity, consent_warning } = written?;
    let identity_note = consent_warning.unwrap_or_default();
    if !identity_note.is_empty() {
        warnings.push(identity_note.clone());
    }
    let sha256 = sha256_of(&tmp)?;
    std::fs::rename(&tmp, path)?;
    let closing = request.final_export && !already_closed;
    if closing {
        crate::funding::close_period(&tx, &period.label, period.first, period.last, by, now)?;
    }
    let funder = request.funder.trim();
    crate::audit::record(
        &tx,
        crate::audit::AuditAction::Export,
        None,
        &format!(
            "{} {}{}: {} regels, {} ({})",
            period.label,
            kind.label(),
            if funder.is_empty() { String::new() } else { format!(" voor {funder}") },
            totals.rows,
            Cents::new(totals.cents),
            path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
        ),
        now,
    )?;
    // The log line seals the trail as it stands with this export's own entry in it.
    let (audit_entries, audit_head) = crate::audit::seal::head_of(&tx)?;
    tx.execute(
        "INSERT INTO export_log (period, kind, funder, format, file_name, sha256, rows, total_cents, final, exported_by, exported_at,
             audit_entries, audit_head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            period.label,
            kind.code(),
            request.funder.trim(),
            request.format.unwrap_or(ExportFormat::Csv).code(),
            path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
            sha256,
            totals.rows,
            totals.cents,
            request.final_export,
            by,
            crate::store::timestamp(now),
            audit_entries,
            audit_head
        ],
    )?;
    tx.commit()?;
    Ok(ExportResult {
        period: file_period,
        kind,
        rows: totals.rows,
        total: Cents::new(totals.cents),
        minutes: totals.minutes,
        sha256,
        closed: closing || already_closed,
        warnings,
        without_identity,
        identity_note,
        can_identify: kind.carries_extern_ids(),
        file_stem: file_stem(&period, request),
    })
}

/// The SHA-256 of a file, read in chunks.
pub fn sha256_of(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod name_tests {
    use super::*;

    fn request(funder: &str, summary: bool) -> ExportRequest {
        ExportRequest { funder: funder.into(), summary, ..Default::default() }
    }

    #[test]
    fn the_file_is_named_by_period_and_whom_it_is_for() {
        let q1 = Period::parse("2026-Q1").unwrap();
        assert_eq!(file_stem(&q1, &request("VGZ", false)), "respijt-2026-Q1-VGZ");
        assert_eq!(file_stem(&q1, &request("", false)), "respijt-2026-Q1-alle");
        assert_eq!(file_stem(&q1, &request("", true)), "respijt-2026-Q1-regio");
        let range = Period::parse("2026-01-01..2026-02-15").unwrap();
        assert_eq!(file_stem(&range, &request("GM0505", false)), "respijt-2026-01-01_tot_2026-02-15-GM0505");
        assert_eq!(file_stem(&q1, &request("Hendrik Ido/Ambacht", false)), "respijt-2026-Q1-Hendrik-Ido-Ambacht");
    }

    #[test]
    fn only_the_detailed_usage_carries_extern_ids() {
        let carrying: Vec<ExportKind> = ExportKind::ALL.iter().copied().filter(|k| k.carries_extern_ids()).collect();
        assert_eq!(carrying, [ExportKind::Usage]);
    }
}
