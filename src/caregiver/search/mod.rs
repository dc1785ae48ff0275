//! Finding caregivers: the best match first, the best 50 shown, the rest counted.
//!
//! The box takes a name (`jan jansen`, `jansen, jan`, a part of it), a date
//! of birth and a postcode, in any order (`query`). The results are ranked
//! in tiers (`rank`): the whole name, the surname, the first name, their
//! starts, a part of a name, then a place or municipality; within a tier by
//! name. Every tier reads a name index in order and the search stops when
//! it has 50, so a common name or two letters cost no more than a rare one.
//! A part of three letters or more goes through the trigram index over
//! name, postcode, place and municipality; one or two letters only match
//! where a name starts. How many matched is counted up to `COUNT_CAP`.

mod query;
mod rank;

use std::collections::HashSet;

use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::repo::{summary_from_row, SUMMARY_COLUMNS};
use super::CaregiverSummary;
use crate::error::Result;
use rank::{Clause, BY_NAME};

/// At most this many results are returned; `total` says how many matched.
pub const SEARCH_LIMIT: usize = 50;

/// Matches are counted exactly up to this many; past it `total_at_least` is set.
pub const COUNT_CAP: usize = 1000;

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
    /// The best matches, best first.
    pub items: Vec<CaregiverSummary>,
    /// How many caregivers matched, shown or not (at most `COUNT_CAP`).
    #[ts(type = "number")]
    pub total: usize,
    /// More than `total` matched: the count stopped at `COUNT_CAP`.
    pub total_at_least: bool,
}

/// Whose caregivers a search may find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everyone,
    /// A consultant: only their own caseload.
    CaseloadOf(i64),
}

/// The best `SEARCH_LIMIT` caregivers, best first, with the number that matched.
pub fn search_caregivers(conn: &Connection, options: &SearchOptions) -> Result<SearchResult> {
    search(conn, options, Scope::Everyone, Some(SEARCH_LIMIT))
}

/// As `search_caregivers`, within a scope (a consultant's caseload): the
/// cut at `SEARCH_LIMIT` comes after the scope, not before.
pub fn search_caregivers_in(conn: &Connection, options: &SearchOptions, scope: Scope) -> Result<SearchResult> {
    search(conn, options, scope, Some(SEARCH_LIMIT))
}

/// Every caregiver that matches, however many, best first (`respijt caregivers list --all`).
pub fn all_caregivers(conn: &Connection, options: &SearchOptions) -> Result<SearchResult> {
    search(conn, options, Scope::Everyone, None)
}

/// The results gathered tier by tier, without doubles.
struct Gathered<'c> {
    conn: &'c Connection,
    items: Vec<CaregiverSummary>,
    seen: HashSet<i64>,
    limit: Option<usize>,
}

impl Gathered<'_> {
    fn full(&self) -> bool {
        self.limit.is_some_and(|n| self.items.len() >= n)
    }

    /// The rows of `from` that meet `condition`, in `order` (after `first`,
    /// when given), added until the limit is reached.
    fn add(&mut self, from: &str, condition: Clause, order: &str, first: Option<Clause>) -> Result<()> {
        if self.full() {
            return Ok(());
        }
        let mut args = condition.args;
        let order = match first {
            Some(first) => {
                args.extend(first.args);
                format!("CASE WHEN {} THEN 0 ELSE 1 END, {order}", first.sql)
            }
            None => order.to_string(),
        };
        // Rows a tier above found come again (up to all of them), so ask for the whole limit.
        let wanted = self.limit.map_or(-1, |n| n as i64);
        args.push(rusqlite::types::Value::Integer(wanted));
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {from} LEFT JOIN municipality m ON m.code = c.municipality_code
             WHERE {} ORDER BY {order} LIMIT ?",
            condition.sql
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        while let Some(row) = rows.next()? {
            let item = summary_from_row(row)?;
            if self.seen.insert(item.id) {
                self.items.push(item);
                if self.full() {
                    break;
                }
            }
        }
        Ok(())
    }
}

const BY_TEXT: &str = "caregiver_search s JOIN caregiver c ON c.id = s.rowid";

fn search(conn: &Connection, options: &SearchOptions, scope: Scope, limit: Option<usize>) -> Result<SearchResult> {
    let q = query::parse(&options.query);
    let caseload = match scope {
        Scope::Everyone => None,
        Scope::CaseloadOf(user) => Some(user),
    };
    let narrowing = rank::narrowing(&q, options.include_archived, caseload);
    // A date of birth or a postcode narrows to a few rows: check the words on
    // those rather than ask the trigram index for everyone with the word.
    let fts = rank::fts_expression(&q).filter(|_| q.date_of_birth.is_none() && q.postcode.is_none());
    let matches = rank::matches(&q, true, false);

    // How many match: the trigram index (or the name indexes) up to the cap.
    let total = match limit {
        None => None,
        Some(_) => Some(count(conn, &q, &narrowing, fts.as_deref())?),
    };
    let dense = total.is_some_and(|n| n > COUNT_CAP);

    let mut found = Gathered { conn, items: Vec::new(), seen: HashSet::new(), limit };
    for tier in rank::name_tiers(&q) {
        let condition = Clause::all(vec![tier.condition, narrowing.clone(), matches.clone()]);
        found.add("caregiver c", condition, tier.order, None)?;
    }
    match (&fts, rank::in_name(&q)) {
        // Few matches: take them all from the trigram index, parts of a name first.
        (Some(expression), Some(in_name)) if !dense => {
            let by_text =
                Clause::new("caregiver_search MATCH ?", vec![rusqlite::types::Value::Text(expression.clone())]);
            let condition = Clause::all(vec![by_text, narrowing.clone(), rank::matches(&q, false, false)]);
            found.add(BY_TEXT, condition, BY_NAME, Some(in_name))?;
        }
        // Many: read the names in order and stop at the limit.
        (_, in_name) => {
            if let Some(in_name) = in_name {
                let condition = Clause::all(vec![in_name, narrowing.clone(), matches.clone()]);
                found.add("caregiver c", condition, BY_NAME, None)?;
            }
            found.add("caregiver c", Clause::all(vec![narrowing.clone(), matches.clone()]), BY_NAME, None)?;
        }
    }
    let shown = found.items.len();
    let (total, total_at_least) = match total {
        None => (shown, false),
        Some(n) if n > COUNT_CAP => (COUNT_CAP.max(shown), true),
        Some(n) => (n.max(shown), false),
    };
    Ok(SearchResult { items: found.items, total, total_at_least })
}

/// The number of matches, counted up to one past `COUNT_CAP`.
fn count(conn: &Connection, q: &query::Query, narrowing: &Clause, fts: Option<&str>) -> Result<usize> {
    let (from, condition) = match fts {
        Some(expression) => (
            BY_TEXT,
            Clause::all(vec![
                Clause::new("caregiver_search MATCH ?", vec![rusqlite::types::Value::Text(expression.into())]),
                narrowing.clone(),
                rank::matches(q, false, false),
            ]),
        ),
        None => ("caregiver c", Clause::all(vec![narrowing.clone(), rank::matches(q, true, true)])),
    };
    let mut args = condition.args;
    args.push(rusqlite::types::Value::Integer(COUNT_CAP as i64 + 1));
    let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM {from} WHERE {} LIMIT ?)", condition.sql);
    let n: i64 = conn.prepare_cached(&sql)?.query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}
