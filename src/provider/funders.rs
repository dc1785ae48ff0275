//! The funders a provider works for: the insurers' schemes and the
//! municipalities' budgets known in the store, by their ledger code, or a
//! name typed as it is (the list was free text before these were known,
//! and matching does not read it).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::region;

/// A funder to pick in the provider form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct FunderChoice {
    /// The funder's code in the ledger: a scheme's (`VGZ`) or a municipality's (`GM0505`).
    pub code: String,
    /// Dutch, for people: the scheme's name or "Gemeente Dordrecht".
    pub name: String,
}

/// The insurers' schemes, then the municipalities' budgets.
pub fn funder_choices(conn: &Connection) -> Result<Vec<FunderChoice>> {
    let mut choices: Vec<FunderChoice> = conn
        .prepare_cached("SELECT code, name FROM insurer_scheme ORDER BY priority, name")?
        .query_map([], |r| Ok(FunderChoice { code: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    for m in region::list_municipalities(conn)? {
        choices.push(FunderChoice { code: m.code, name: format!("Gemeente {}", m.name) });
    }
    Ok(choices)
}

/// One funder as typed or picked: a known scheme or municipality becomes its
/// code, anything else stays as typed. The inner error is the Dutch message.
pub(super) fn normalise_funder(conn: &Connection, raw: &str) -> Result<std::result::Result<String, String>> {
    let raw = raw.trim();
    if raw.chars().count() > 60 {
        return Ok(Err(format!("'{raw}' is te lang voor een financier (hoogstens 60 tekens).")));
    }
    let scheme: Option<String> = conn
        .prepare_cached("SELECT code FROM insurer_scheme WHERE upper(code) = upper(?1) OR lower(name) = lower(?1)")?
        .query_row([raw], |r| r.get(0))
        .optional()?;
    if let Some(code) = scheme {
        return Ok(Ok(code));
    }
    let municipality = raw.strip_prefix("Gemeente ").or_else(|| raw.strip_prefix("gemeente ")).unwrap_or(raw);
    Ok(Ok(region::find_municipality(conn, municipality)?.map_or_else(|| raw.to_string(), |m| m.code)))
}

/// The funders of a form or a cell, each once; the inner error names the bad one.
pub(super) fn normalise_funders<'a>(
    conn: &Connection,
    raw: impl IntoIterator<Item = &'a str>,
) -> Result<std::result::Result<Vec<String>, String>> {
    let mut funders: Vec<String> = Vec::new();
    for item in raw.into_iter().map(str::trim).filter(|f| !f.is_empty()) {
        match normalise_funder(conn, item)? {
            Ok(code) if !funders.contains(&code) => funders.push(code),
            Ok(_) => {}
            Err(m) => return Ok(Err(m)),
        }
    }
    Ok(Ok(funders))
}
