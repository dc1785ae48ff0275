//! A caregiver's consent to share their data, read in one place by every
//! part of the core that lets data leave the app (the provider's calendar,
//! the insurer's export).
//!
//! Consent comes from the latest completed intake (`consent_given` with
//! `consent_providers` / `consent_funders`, counting from its
//! `consent_date`). A withdrawal, or consent given again, is a dated line of
//! its own (`consent_change`) that counts from its date on; whichever of the
//! two is the newest on a day decides. Without a completed intake and
//! without a line, nothing was agreed: nothing is shared (AVG: consent is
//! asked, never assumed).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, AuditAction};
use crate::codes::codes;
use crate::dutch;
use crate::error::{Error, FieldError, Result};

codes! {
    /// With whom data may be shared.
    ConsentKind / "het soort toestemming" {
        Providers = "aanbieders" / "delen met aanbieders",
        Funders = "financiers" / "delen met financiers",
    }
}

/// The consent of one kind as it counts on a day, for the dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConsentLine {
    pub kind: ConsentKind,
    /// "delen met aanbieders".
    pub label: String,
    pub given: bool,
    /// Where it comes from, in Dutch: "intake, toestemming van 01-10-2026",
    /// "ingetrokken per 20-11-2026 (door Anna)", "nog niet vastgelegd".
    pub source: String,
}

/// One withdrawal or renewed consent, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ConsentChange {
    pub id: i64,
    pub kind: ConsentKind,
    pub given: bool,
    /// `dd-mm-jjjj`: from this day on.
    pub on_date: String,
    pub recorded_by: String,
    /// UTC, `jjjj-mm-ddTuu:mm:ssZ`.
    pub recorded_at: String,
}

/// The caregiver's consent today, and every change to it (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CaregiverConsent {
    pub caregiver_id: i64,
    pub lines: Vec<ConsentLine>,
    pub changes: Vec<ConsentChange>,
}

/// What decides on a day: from when it counts, when it was recorded, given
/// or not, and where it comes from.
struct Decision {
    from: NaiveDate,
    recorded: String,
    given: bool,
    source: String,
}

/// The latest completed intake's consent of this kind, from its date.
fn from_intake(conn: &Connection, caregiver_id: i64, kind: ConsentKind) -> Result<Option<Decision>> {
    let column = match kind {
        ConsentKind::Providers => "consent_providers",
        ConsentKind::Funders => "consent_funders",
    };
    let sql = format!(
        "SELECT consent_given AND {column}, consent_date, COALESCE(completed_at, updated_at), intake_date
         FROM intake WHERE caregiver_id = ?1 AND status <> 'concept'
         ORDER BY COALESCE(completed_at, updated_at) DESC, id DESC LIMIT 1"
    );
    let row: Option<(bool, Option<String>, String, Option<String>)> = conn
        .prepare_cached(&sql)?
        .query_row([caregiver_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((given, consent_date, completed, intake_date)) = row else { return Ok(None) };
    // Counted from the day consent was asked; else the intake's day, else the day it was completed.
    let from = [consent_date.as_deref(), intake_date.as_deref(), completed.get(..10)]
        .into_iter()
        .flatten()
        .find_map(crate::store::iso_date)
        .unwrap_or(NaiveDate::MIN);
    let source = if given {
        format!("intake, toestemming van {}", dutch::date_text(from))
    } else {
        "intake: geen toestemming".to_string()
    };
    Ok(Some(Decision { from, recorded: completed, given, source }))
}

/// The newest withdrawal or renewal of this kind counting on `date`.
fn from_changes(conn: &Connection, caregiver_id: i64, kind: ConsentKind, date: NaiveDate) -> Result<Option<Decision>> {
    let row: Option<(bool, String, String, String)> = conn
        .prepare_cached(
            "SELECT given, on_date, recorded_at, recorded_by FROM consent_change
             WHERE caregiver_id = ?1 AND kind = ?2 AND on_date <= ?3 ORDER BY on_date DESC, id DESC LIMIT 1",
        )?
        .query_row(params![caregiver_id, kind.code(), date], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((given, on_date, recorded, by)) = row else { return Ok(None) };
    let from = crate::store::iso_date(&on_date).unwrap_or(NaiveDate::MIN);
    let what = if given { "opnieuw gegeven" } else { "ingetrokken" };
    Ok(Some(Decision { from, recorded, given, source: format!("{what} per {} (door {by})", dutch::date_text(from)) }))
}

fn decide(conn: &Connection, caregiver_id: i64, kind: ConsentKind, date: NaiveDate) -> Result<Option<Decision>> {
    let intake = from_intake(conn, caregiver_id, kind)?.filter(|d| d.from <= date);
    let change = from_changes(conn, caregiver_id, kind, date)?;
    // The newer of the two counts: by its date, then by when it was recorded
    // (an intake completed after a withdrawal on the same day asks again).
    Ok(match (intake, change) {
        (Some(i), Some(c)) => Some(if (i.from, &i.recorded) > (c.from, &c.recorded) { i } else { c }),
        (i, c) => i.or(c),
    })
}

/// May this caregiver's identifying data (name, address, policy number,
/// date of birth) be shared with providers / funders on `date`?
pub fn may_share(conn: &Connection, caregiver_id: i64, kind: ConsentKind, date: NaiveDate) -> Result<bool> {
    Ok(decide(conn, caregiver_id, kind, date)?.is_some_and(|d| d.given))
}

/// The consent as it counts on `today`, with its history.
pub fn consent_of(conn: &Connection, caregiver_id: i64, today: NaiveDate) -> Result<CaregiverConsent> {
    let mut lines = Vec::new();
    for kind in ConsentKind::ALL.iter().copied() {
        let decision = decide(conn, caregiver_id, kind, today)?;
        lines.push(ConsentLine {
            kind,
            label: kind.label().to_string(),
            given: decision.as_ref().is_some_and(|d| d.given),
            source: decision.map(|d| d.source).unwrap_or_else(|| "nog niet vastgelegd in een afgeronde intake".into()),
        });
    }
    let changes = conn
        .prepare_cached(
            "SELECT id, kind, given, on_date, recorded_by, recorded_at FROM consent_change
             WHERE caregiver_id = ?1 ORDER BY on_date DESC, id DESC",
        )?
        .query_map([caregiver_id], |r| {
            let on_date: String = r.get(3)?;
            Ok(ConsentChange {
                id: r.get(0)?,
                kind: r.get(1)?,
                given: r.get(2)?,
                on_date: crate::store::iso_date(&on_date).map(dutch::date_text).unwrap_or(on_date),
                recorded_by: r.get(4)?,
                recorded_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(CaregiverConsent { caregiver_id, lines, changes })
}

/// Withdraws (`given` false) or gives again (`given` true) the consent of
/// one kind from `on_date` (`dd-mm-jjjj`, today or earlier: the day the
/// caregiver said so). Recorded with who, in the audit trail too.
pub fn change_consent(
    conn: &Connection,
    caregiver_id: i64,
    kind: ConsentKind,
    given: bool,
    on_date: &str,
    now: DateTime<Utc>,
) -> Result<CaregiverConsent> {
    let today = now.date_naive();
    let field = |m: String| Error::Validation(vec![FieldError::new("onDate", m)]);
    let date = match on_date.trim() {
        "" => return Err(field("Vul in vanaf welke dag dit geldt (dd-mm-jjjj).".into())),
        text => dutch::parse_date(text).map_err(field)?,
    };
    if date > today {
        return Err(field(format!(
            "Deze datum ligt in de toekomst; vul de dag in waarop de mantelzorger het liet weten (uiterlijk {}).",
            dutch::date_text(today)
        )));
    }
    let erased: Option<Option<String>> =
        conn.query_row("SELECT erased_at FROM caregiver WHERE id = ?1", [caregiver_id], |r| r.get(0)).optional()?;
    match erased {
        None => return Err(Error::NotFound(format!("Mantelzorger {caregiver_id} bestaat niet."))),
        Some(Some(_)) => return Err(Error::Invalid("Dit dossier is gewist.".into())),
        Some(None) => {}
    }
    if may_share(conn, caregiver_id, kind, date)? == given {
        let state = if given { "al gegeven" } else { "niet gegeven of al ingetrokken" };
        return Err(Error::Invalid(format!(
            "De toestemming voor {} is op {} {state}; er is niets veranderd.",
            kind.label(),
            dutch::date_text(date)
        )));
    }
    let by = audit::acting(conn)?;
    crate::store::in_savepoint(conn, "consent", || {
        conn.execute(
            "INSERT INTO consent_change (caregiver_id, kind, given, on_date, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![caregiver_id, kind.code(), given, date, by, crate::store::timestamp(now)],
        )?;
        let action = if given { AuditAction::ConsentGiven } else { AuditAction::ConsentWithdrawn };
        audit::record(conn, action, Some(caregiver_id), &format!("{} per {date}", kind.label()), now)
    })?;
    consent_of(conn, caregiver_id, today)
}
