//! The audit trail (AVG): every view and change of a dossier, every export,
//! every override, every hand-over: who, what, when, which client, on whose
//! behalf. Append-only (triggers refuse changes) and hash-chained, so that a
//! change made around the triggers shows in `verify`.
//!
//! Who is acting is set once per connection (`set_actor`, in a TEMP table
//! that lives as long as the connection), so any core function that has the
//! connection can record without every caller passing a name along.
//!
//! The chain alone cannot show that its end was cut off, or that the whole
//! chain was written anew: `seal` keeps its head (count and hash) in places
//! outside the trail to compare with.

pub mod seal;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::Result;

crate::codes::codes! {
    /// What was done.
    AuditAction / "de handeling in het logboek" {
        DossierViewed = "dossier-bekeken" / "Dossier bekeken",
        DossierCreated = "dossier-aangemaakt" / "Dossier aangemaakt",
        DossierChanged = "dossier-gewijzigd" / "Dossier gewijzigd",
        IntakeViewed = "intake-bekeken" / "Intake bekeken",
        IntakeChanged = "intake-gewijzigd" / "Intake gewijzigd",
        Override = "conflict-doorgezet" / "Conflict doorgezet met een reden",
        Export = "export" / "Export gemaakt",
        HandoverExport = "overdracht-gemaakt" / "Overdrachtsbestand gemaakt",
        HandoverImport = "overdracht-ingelezen" / "Overdrachtsbestand ingelezen",
        Import = "import" / "Bestand ingelezen",
        TrailExport = "logboek-uitgevoerd" / "Logboek uitgevoerd voor de betrokkene",
        Restore = "back-up-teruggezet" / "Back-up teruggezet",
        PassphraseChanged = "wachtwoordzin-gewijzigd" / "Wachtwoordzin gewijzigd",
        Erased = "gewist" / "Persoonsgegevens gewist",
        LegalHold = "bewaarplicht" / "Juridische bewaarplicht gezet of opgeheven",
        RecoveryKeyMade = "herstelsleutel-gemaakt" / "Herstelsleutel gemaakt",
        RecoveredWithKey = "hersteld-met-sleutel" / "Nieuwe wachtwoordzin gezet met de herstelsleutel",
        DamageRepaired = "beschadiging-hersteld" / "Beschadigde opslag vervangen door een back-up",
        ProviderChanged = "aanbieder-gewijzigd" / "Aanbieder of hulp gewijzigd",
        ProviderArchived = "aanbieder-gearchiveerd" / "Aanbieder gearchiveerd",
        ProviderRestored = "aanbieder-teruggezet" / "Aanbieder teruggezet",
        ConsentWithdrawn = "toestemming-ingetrokken" / "Toestemming ingetrokken",
        ConsentGiven = "toestemming-gegeven" / "Toestemming (opnieuw) gegeven",
        BudgetChanged = "budget-gewijzigd" / "Budget gewijzigd",
        SchemeChanged = "regeling-gewijzigd" / "Regeling gewijzigd",
        PolicyChanged = "beleid-gewijzigd" / "Beleid van de regio gewijzigd",
        TariffChanged = "tarief-gewijzigd" / "Tarief toegevoegd of gecorrigeerd",
        RequestChanged = "aanvraag-gewijzigd" / "Aanvraag vastgelegd of gewijzigd",
        LetterWritten = "brief-gemaakt" / "Brief gemaakt",
    }
}

/// One line of the trail as the dossier's "Wie keek mee" list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    /// UTC, `jjjj-mm-ddTuu:mm:ssZ`.
    pub at: String,
    pub actor: String,
    pub on_behalf_of: String,
    pub action: AuditAction,
    /// Dutch, for people.
    pub action_label: String,
    pub caregiver_id: Option<i64>,
    pub detail: String,
}

/// The result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ChainCheck {
    pub entries: i64,
    /// The first entry whose hash or link does not fit: changed, removed or
    /// put in by hand. `None`: the chain is whole.
    pub first_broken: Option<i64>,
}

pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who acts on this connection from now on, and on whose behalf (empty: on
/// their own). The app sets it when the store is unlocked, the CLI when it
/// opens the store.
pub fn set_actor(conn: &Connection, actor: &str, on_behalf_of: &str) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS audit_actor (actor TEXT NOT NULL, on_behalf_of TEXT NOT NULL);
         DELETE FROM temp.audit_actor;",
    )?;
    conn.execute("INSERT INTO temp.audit_actor (actor, on_behalf_of) VALUES (?1, ?2)", params![actor, on_behalf_of])?;
    Ok(())
}

fn actor(conn: &Connection) -> Result<(String, String)> {
    // Every store connection gets the table when it opens (`Store::open`).
    Ok(conn
        .prepare_cached("SELECT actor, on_behalf_of FROM temp.audit_actor")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or_else(|| ("onbekend".into(), String::new())))
}

/// Who acts on this connection, as the audit trail names them: the
/// signed-in user, else the person at the app or the CLI.
pub fn acting(conn: &Connection) -> Result<String> {
    Ok(actor(conn)?.0)
}

/// The hash of one entry as the chain computes it, from the hash of the
/// entry before it. Public so that a test can forge a chain the way someone
/// with the passphrase could: the chain only proves itself, the seals
/// (`seal`) kept elsewhere prove its length and its head.
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    prev: &str,
    id: i64,
    at: &str,
    actor: &str,
    on_behalf_of: &str,
    action: &str,
    caregiver_id: Option<i64>,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    let caregiver = caregiver_id.map(|c| c.to_string()).unwrap_or_default();
    for part in [prev, &id.to_string(), at, actor, on_behalf_of, action, &caregiver, detail] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends one entry. `detail` says what, without names (a number, a
/// period, a file name): the trail outlives an erased dossier.
pub fn record(
    conn: &Connection,
    action: AuditAction,
    caregiver_id: Option<i64>,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let (actor, on_behalf_of) = actor(conn)?;
    let at = crate::store::timestamp(now);
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let hash = entry_hash(&prev, id, &at, &actor, &on_behalf_of, action.code(), caregiver_id, detail);
    conn.prepare_cached(
        "INSERT INTO audit_entry (id, at, actor, on_behalf_of, action, caregiver_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![id, at, actor, on_behalf_of, action.code(), caregiver_id, detail, prev, hash])?;
    Ok(())
}

/// Walks the whole chain: every entry must link to the one before it (by id
/// and hash) and hash to what it says.
pub fn verify(conn: &Connection) -> Result<ChainCheck> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, on_behalf_of, action, caregiver_id, detail, prev_hash, hash FROM audit_entry ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let (mut prev, mut expected_id, mut entries) = (GENESIS.to_string(), 1i64, 0i64);
    let mut first_broken = None;
    while let Some(r) = rows.next()? {
        entries += 1;
        if first_broken.is_some() {
            continue;
        }
        let id: i64 = r.get(0)?;
        let (at, actor, behalf, action): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let (caregiver_id, detail, prev_hash, hash): (Option<i64>, String, String, String) =
            (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?);
        let fits = id == expected_id
            && prev_hash == prev
            && hash == entry_hash(&prev, id, &at, &actor, &behalf, &action, caregiver_id, &detail);
        if !fits {
            first_broken = Some(id);
        }
        prev = hash;
        expected_id = id + 1;
    }
    Ok(ChainCheck { entries, first_broken })
}

/// The trail of one client, newest first: who looked at or changed the
/// dossier, and when.
pub fn of_caregiver(conn: &Connection, caregiver_id: i64, limit: usize) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, on_behalf_of, action, caregiver_id, detail FROM audit_entry
         WHERE caregiver_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![caregiver_id, limit as i64], |r| {
        // An action this version does not know is an error, not "dossier viewed".
        let action: AuditAction = r.get(4)?;
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            on_behalf_of: r.get(3)?,
            action,
            action_label: action.label().to_string(),
            caregiver_id: r.get(5)?,
            detail: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The whole trail of one client as CSV (`;`, UTF-8 with BOM for Excel),
/// for a data subject who asks who saw their data. The export itself is
/// recorded too.
pub fn export_for_subject(
    conn: &Connection,
    caregiver_id: i64,
    path: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<usize> {
    let entries = of_caregiver(conn, caregiver_id, usize::MAX >> 1)?;
    let tmp = path.with_extension("deel");
    {
        let mut out = csv::WriterBuilder::new().delimiter(b';').from_path(&tmp).map_err(csv_error)?;
        out.write_record(["wanneer (UTC)", "wie", "namens", "wat", "toelichting"]).map_err(csv_error)?;
        for e in entries.iter().rev() {
            out.write_record([e.at.as_str(), &e.actor, &e.on_behalf_of, e.action.label(), &e.detail])
                .map_err(csv_error)?;
        }
        out.flush()?;
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&tmp)?);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    record(conn, AuditAction::TrailExport, Some(caregiver_id), &format!("{} regels", entries.len()), now)?;
    Ok(entries.len())
}

fn csv_error(err: csv::Error) -> crate::error::Error {
    crate::error::Error::Invalid(format!("Het logboek kon niet worden geschreven: {err}"))
}
