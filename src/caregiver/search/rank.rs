//! The ranking as SQL: one condition per tier, best first. Each tier reads
//! an index in name order (`sort_key`), so the search stops as soon as it
//! has enough; the tiers below are only read when the ones above ran out.
//!
//! 1. the whole name: first name and surname both equal (either order);
//! 2. the surname equal (with the first name's start, when typed);
//! 3. the first name equal (with the surname's start, when typed);
//! 4. the surname starts with what was typed: without its prefix (`vr` →
//!    `de Vries`), then with it (`de v`, `va` → `van Dijk`), by surname;
//! 5. the first name starts with it, by first name;
//! 6. a part of a name (`ans` in `Jansen`), then 7. the place, the
//!    municipality or the postcode (see `super::search`).

use rusqlite::types::Value;

use super::query::{Query, Reading};
use crate::dutch;

/// A piece of SQL with its `?` arguments, in the order they appear.
#[derive(Debug, Clone, Default)]
pub(super) struct Clause {
    pub sql: String,
    pub args: Vec<Value>,
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

impl Clause {
    pub fn new(sql: impl Into<String>, args: Vec<Value>) -> Clause {
        Clause { sql: sql.into(), args }
    }

    fn join(parts: Vec<Clause>, op: &str, empty: &str) -> Clause {
        if parts.is_empty() {
            return Clause::new(empty, Vec::new());
        }
        let sql = parts.iter().map(|p| format!("({})", p.sql)).collect::<Vec<_>>().join(op);
        Clause { sql, args: parts.into_iter().flat_map(|p| p.args).collect() }
    }

    pub fn all(parts: Vec<Clause>) -> Clause {
        Clause::join(parts, " AND ", "1")
    }

    pub fn any(parts: Vec<Clause>) -> Clause {
        Clause::join(parts, " OR ", "0")
    }
}

/// `column` starts with `start` (an index range, not a scan).
fn starts(column: &str, start: &str) -> Clause {
    Clause::new(format!("{column} >= ? AND {column} < ?"), vec![text(start), text(format!("{start}\u{7f}"))])
}

fn equals(column: &str, value: &str) -> Clause {
    Clause::new(format!("{column} = ?"), vec![text(value)])
}

/// The surname without its prefix starts with `last`, when no prefix was
/// typed (`vr` → `de Vries`, `Vriesema`).
fn core_starts(last: &str) -> Option<Clause> {
    matches!(dutch::surname_parts(last), ("", _)).then(|| starts("c.sort_key", last))
}

/// The sort key's start for a whole surname: `vries\u{1}de\u{1}`, or `vries\u{1}`
/// when no prefix was typed (then `de Vries` and `Vries` alike).
fn surname_key(last: &str) -> String {
    match dutch::surname_parts(last) {
        ("", core) => format!("{core}\u{1}"),
        (prefix, core) => format!("{core}\u{1}{prefix}\u{1}"),
    }
}

fn has_prefix(key: &str) -> bool {
    key.matches('\u{1}').count() == 2
}

/// One tier: its condition and the order within it.
pub(super) struct Tier {
    pub condition: Clause,
    pub order: &'static str,
}

/// Within a tier: by name (surname without its prefix, prefix, first name).
pub(super) const BY_NAME: &str = "c.sort_key, c.id";

fn tier(query: &Query, order: &'static str, each: impl Fn(&Reading) -> Option<Clause>) -> Option<Tier> {
    let parts: Vec<Clause> = query.readings.iter().filter_map(each).collect();
    (!parts.is_empty()).then(|| Tier { condition: Clause::any(parts), order })
}

/// Tiers 1 to 5, best first; tiers that cannot match are left out. With
/// one word each reads one index in its own order (a surname's start by
/// surname, a first name's start by first name), so it stops at the limit.
pub(super) fn name_tiers(query: &Query) -> Vec<Tier> {
    let whole = tier(query, BY_NAME, |r| {
        let first = r.first.as_deref()?;
        let key = surname_key(&r.last);
        Some(if has_prefix(&key) {
            equals("c.sort_key", &format!("{key}{first}"))
        } else {
            Clause::all(vec![starts("c.sort_key", &key), equals("c.first_key", first)])
        })
    });
    let surname = tier(query, BY_NAME, |r| {
        let key = surname_key(&r.last);
        Some(match r.first.as_deref() {
            None => starts("c.sort_key", &key),
            Some(first) if has_prefix(&key) => starts("c.sort_key", &format!("{key}{first}")),
            Some(first) => Clause::all(vec![starts("c.sort_key", &key), starts("c.first_key", first)]),
        })
    });
    let first_name = tier(query, BY_NAME, |r| {
        Some(match r.first.as_deref() {
            None => equals("c.first_key", &r.last),
            Some(first) => Clause::all(vec![
                equals("c.first_key", first),
                Clause::any(core_starts(&r.last).into_iter().chain([starts("c.last_key", &r.last)]).collect()),
            ]),
        })
    });
    let with_first = |r: &Reading, surname: Clause| match r.first.as_deref() {
        None => surname,
        Some(first) => Clause::all(vec![surname, starts("c.first_key", first)]),
    };
    let core_start = tier(query, BY_NAME, |r| core_starts(&r.last).map(|c| with_first(r, c)));
    let surname_start =
        tier(query, "c.last_key, c.sort_key, c.id", |r| Some(with_first(r, starts("c.last_key", &r.last))));
    let first_start =
        tier(query, "c.first_key, c.sort_key, c.id", |r| r.first.is_none().then(|| starts("c.first_key", &r.last)));
    [whole, surname, first_name, core_start, surname_start, first_start].into_iter().flatten().collect()
}

/// Tier 6: every long word is part of a name (not only of the place).
pub(super) fn in_name(query: &Query) -> Option<Clause> {
    let parts: Vec<Clause> =
        query.long_words().map(|w| Clause::new("instr(c.sort_key, ?) > 0", vec![text(w)])).collect();
    (!parts.is_empty()).then(|| Clause::all(parts))
}

/// What every result has, whichever tier found it: each long word somewhere
/// in the name, address or municipality; each short word at the start of a
/// word of the name; with only short words, the first starts the first name
/// or the surname (so the name indexes find them all).
///
/// `driving`: the first short word's names as a set the query starts from
/// (a count), rather than a check on rows another index found (a tier).
pub(super) fn matches(query: &Query, with_long: bool, driving: bool) -> Clause {
    let mut parts = Vec::new();
    if with_long {
        parts.extend(query.long_words().map(|w| Clause::new("instr(c.search_text, ?) > 0", vec![text(w)])));
    }
    parts.extend(
        query
            .short_words()
            .map(|w| Clause::new("instr(' ' || c.first_key || ' ' || c.last_key, ?) > 0", vec![text(format!(" {w}"))])),
    );
    if query.long_words().next().is_none() {
        if let Some(w) = query.short_words().next() {
            let columns = ["first_key", "last_key", "sort_key"];
            parts.push(if driving {
                let ranges = columns.map(|column| starts(column, w));
                let sql =
                    ranges.iter().map(|r| format!("SELECT id FROM caregiver WHERE {}", r.sql)).collect::<Vec<_>>();
                let args = ranges.into_iter().flat_map(|r| r.args).collect();
                Clause::new(format!("c.id IN ({})", sql.join(" UNION ")), args)
            } else {
                Clause::any(columns.map(|column| starts(&format!("c.{column}"), w)).into())
            });
        }
    }
    Clause::all(parts)
}

/// The trigram index's expression for the long words: each a quoted phrase, all required.
pub(super) fn fts_expression(query: &Query) -> Option<String> {
    let phrases: Vec<String> = query.long_words().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

/// Who may be found: the archive, a date of birth, a postcode, a caseload.
pub(super) fn narrowing(query: &Query, include_archived: bool, caseload_of: Option<i64>) -> Clause {
    let mut parts = Vec::new();
    if !include_archived {
        parts.push(Clause::new("c.archived_at IS NULL", Vec::new()));
    }
    if let Some(date) = query.date_of_birth {
        parts.push(equals("c.date_of_birth", &date.format("%Y-%m-%d").to_string()));
    }
    if let Some(postcode) = &query.postcode {
        parts.push(starts("c.postcode", postcode));
    }
    if let Some(user) = caseload_of {
        parts.push(Clause::new(
            "c.id IN (SELECT caregiver_id FROM caseload WHERE user_id = ?)",
            vec![Value::Integer(user)],
        ));
    }
    Clause::all(parts)
}
