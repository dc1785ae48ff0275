//! Finding caregivers by part of a name, a postcode, a place or a municipality.
//!
//! Names, places and municipalities go through a trigram index, so any part of
//! three letters or more is found without scanning; a postcode goes through
//! its own ordered index. Results are sorted by surname (without its prefix).

use rusqlite::{params_from_iter, Connection, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::repo::{summary_from_row, SUMMARY_COLUMNS};
use super::CaregiverSummary;
use crate::dutch;
use crate::error::Result;

/// At most this many results are returned; `truncated` says there were more.
pub const SEARCH_LIMIT: usize = 200;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchOptions {
    pub query: String,
    pub include_archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    pub items: Vec<CaregiverSummary>,
    /// More caregivers matched than are shown: narrow the search.
    pub truncated: bool,
}

/// `3311`, `3311a`, `3311 AB`: a postcode or the start of one.
fn postcode_prefix(query: &str) -> Option<String> {
    let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    // By characters, not bytes: a query such as "aéé" must not split inside a letter.
    let split = compact.char_indices().nth(4).map_or(compact.len(), |(i, _)| i);
    let (digits, letters) = compact.split_at(split);
    let is_postcode = digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && letters.len() <= 2
        && letters.chars().all(|c| c.is_ascii_uppercase());
    is_postcode.then(|| if letters.is_empty() { digits.to_string() } else { format!("{digits} {letters}") })
}

/// At most `SEARCH_LIMIT` caregivers, sorted by name; `truncated` when more matched.
pub fn search_caregivers(conn: &Connection, options: &SearchOptions) -> Result<SearchResult> {
    search(conn, options, Some(SEARCH_LIMIT))
}

/// Every caregiver that matches, however many (`respijt caregivers list --all`).
pub fn all_caregivers(conn: &Connection, options: &SearchOptions) -> Result<SearchResult> {
    search(conn, options, None)
}

fn search(conn: &Connection, options: &SearchOptions, limit: Option<usize>) -> Result<SearchResult> {
    let query = dutch::fold(&options.query);
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut from = "caregiver c".to_string();
    if !options.include_archived {
        conditions.push("c.archived_at IS NULL".into());
    }
    if let Some(prefix) = postcode_prefix(&query) {
        conditions.push(format!("c.postcode >= ?{} AND c.postcode < ?{}", args.len() + 1, args.len() + 2));
        args.push(Box::new(prefix.clone()));
        args.push(Box::new(format!("{prefix}\u{7f}")));
    } else if !query.is_empty() {
        let (long, short): (Vec<&str>, Vec<&str>) = query.split_whitespace().partition(|t| t.chars().count() >= 3);
        if !long.is_empty() {
            // Each word a quoted phrase, all of them required.
            let expression =
                long.iter().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" ");
            from = "caregiver_search s JOIN caregiver c ON c.id = s.rowid".into();
            conditions.push(format!("caregiver_search MATCH ?{}", args.len() + 1));
            args.push(Box::new(expression));
        }
        for token in short {
            // One or two letters are too short for the trigram index: scan.
            conditions.push(format!("instr(c.search_text, ?{}) > 0", args.len() + 1));
            args.push(Box::new(token.to_string()));
        }
    }
    let where_clause =
        if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM {from} LEFT JOIN municipality m ON m.code = c.municipality_code
         {where_clause} ORDER BY c.sort_key, c.id {}",
        limit.map(|n| format!("LIMIT {}", n + 1)).unwrap_or_default()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut items = stmt
        .query_map(params_from_iter(args.iter().map(|a| a.as_ref())), summary_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let truncated = limit.is_some_and(|n| items.len() > n);
    items.truncate(limit.unwrap_or(usize::MAX));
    Ok(SearchResult { items, truncated })
}

#[cfg(test)]
mod tests {
    use super::postcode_prefix;

    #[test]
    fn postcode_queries_are_recognised() {
        assert_eq!(postcode_prefix("3311").as_deref(), Some("3311"));
        assert_eq!(postcode_prefix("3311a").as_deref(), Some("3311 A"));
        assert_eq!(postcode_prefix("3311 ab").as_deref(), Some("3311 AB"));
        assert_eq!(postcode_prefix("jans"), None);
        assert_eq!(postcode_prefix("331"), None);
        // Letters of more than one byte are not cut in half (the search folds
        // its query to ASCII first, but this function must not rely on that).
        assert_eq!(postcode_prefix("aéé"), None);
        assert_eq!(postcode_prefix("Çelikö"), None);
    }
}
