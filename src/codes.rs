//! Closed lists whose values are stored and sent as their Dutch code
//! (`dementie`, `dagopvang`, `uur`, ...): the same word in the store, the
//! files and the UI, so nothing needs translating on the way.
//!
//! Every code type reads itself from the store (`r.get::<_, Unit>(i)`) and
//! writes itself as its code. A value the type does not know is an error
//! with a Dutch message naming the kind of code and the value, never a
//! default: an hourly price for a unit nobody recognises is a wrong price.
//! The store refuses such values too (CHECK constraints, migration 14); a
//! test keeps those lists equal to the types' codes.
//!
//! The Dutch labels reach the UI generated, not retyped: a test writes
//! `ui/src/lib/bindings/labels.ts` from `registry()` (as ts-rs writes the
//! types during `cargo test`), and another fails when a `codes!` type is
//! missing from it.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use serde::Serialize;

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident / $noun:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize, ::ts_rs::TS)]
        #[ts(export)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as stored and sent.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Dutch, for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl $crate::codes::Code for $name {
            const NAME: &'static str = stringify!($name);
            const NOUN: &'static str = $noun;

            fn all() -> &'static [Self] {
                $name::ALL
            }

            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn label(self) -> &'static str {
                $name::label(self)
            }

            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
        }

        impl ::rusqlite::types::FromSql for $name {
            fn column_result(value: ::rusqlite::types::ValueRef<'_>) -> ::rusqlite::types::FromSqlResult<Self> {
                $crate::codes::decode(value)
            }
        }

        impl ::rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> ::rusqlite::Result<::rusqlite::types::ToSqlOutput<'_>> {
                Ok(::rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }
    };
}

pub(crate) use codes;

/// What every type made by `codes!` has, for code that works on any of them.
pub(crate) trait Code: Copy + Sized + 'static {
    /// The type's name, as ts-rs exports it (`Unit`).
    #[allow(dead_code)] // read by the registry, which only the tests need
    const NAME: &'static str;
    /// Dutch, with its article, for messages: "de eenheid".
    const NOUN: &'static str;
    #[allow(dead_code)]
    fn all() -> &'static [Self];
    #[allow(dead_code)]
    fn code(self) -> &'static str;
    #[allow(dead_code)]
    fn label(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
}

/// A stored code this version cannot read. Its text is the message the
/// user sees (`Error::from(rusqlite::Error)` makes it `Error::Invalid`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    Unknown { noun: &'static str, code: String },
    UnreadableList { noun: &'static str, text: String },
}

/// Enough of a stored value to recognise it, not a page of it.
fn shown(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let advice = "Is de opslag gewijzigd door een nieuwere versie van Respijtregie of buiten de app om? \
                      Werk de app bij of zet een back-up terug.";
        match self {
            CodeError::Unknown { noun, code } => {
                write!(f, "Onbekende code '{}' voor {noun} in de opslag. {advice}", shown(code))
            }
            CodeError::UnreadableList { noun, text } => {
                write!(f, "Onleesbare lijst '{}' voor {noun} in de opslag. {advice}", shown(text))
            }
        }
    }
}

impl std::error::Error for CodeError {}

fn refuse(error: CodeError) -> FromSqlError {
    FromSqlError::Other(Box::new(error))
}

/// A stored value as a code of `T`: no allocation unless it is unknown.
pub(crate) fn decode<T: Code>(value: ValueRef<'_>) -> FromSqlResult<T> {
    let unknown = |code: String| refuse(CodeError::Unknown { noun: T::NOUN, code });
    match value {
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => T::from_code(text).ok_or_else(|| unknown(text.to_string())),
            Err(_) => Err(unknown(String::from_utf8_lossy(bytes).into_owned())),
        },
        ValueRef::Integer(n) => Err(unknown(n.to_string())),
        ValueRef::Real(x) => Err(unknown(x.to_string())),
        ValueRef::Blob(_) => Err(unknown("(binair)".into())),
        // As rusqlite does: `Option<T>` reads NULL as None before asking `T`.
        ValueRef::Null => Err(FromSqlError::InvalidType),
    }
}

/// A set of codes as the store keeps it: a JSON array of codes, sorted and
/// without doubles so that equal sets are equal text.
pub(crate) fn set_to_json<T: Serialize + Ord + Copy>(values: &[T]) -> String {
    let mut sorted: Vec<T> = values.to_vec();
    sorted.sort();
    sorted.dedup();
    serde_json::to_string(&sorted).unwrap_or_else(|_| "[]".into())
}

/// A stored set of codes read back: `r.get::<_, CodeSet<Weekday>>(i)?.0`.
/// An unknown code, or text that is no JSON list of texts, is an error
/// like any unknown code: dropping it would change the intake or the
/// provider without anyone seeing it, and the next save would make that
/// permanent. (Until version 14 unknown codes were dropped.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeSet<T>(pub Vec<T>);

impl<T: Code> FromSql for CodeSet<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        let unreadable = || refuse(CodeError::UnreadableList { noun: T::NOUN, text: text.to_string() });
        let raw: Vec<String> = serde_json::from_str(text).map_err(|_| unreadable())?;
        raw.into_iter()
            .map(|code| T::from_code(&code).ok_or_else(|| refuse(CodeError::Unknown { noun: T::NOUN, code })))
            .collect::<FromSqlResult<Vec<T>>>()
            .map(CodeSet)
    }
}

/// A stored JSON list of free texts (languages, funder codes, insurer
/// names): not codes, read as before, leaving out what is no text.
pub(crate) fn texts_from_json(text: &str) -> Vec<String> {
    let raw: Vec<serde_json::Value> = serde_json::from_str(text).unwrap_or_default();
    raw.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect()
}

#[cfg(test)]
/// One code type's codes and Dutch labels, in the type's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeTable {
    pub name: &'static str,
    pub noun: &'static str,
    pub entries: Vec<(&'static str, &'static str)>,
}

#[cfg(test)]
pub(crate) fn table<T: Code>() -> CodeTable {
    CodeTable { name: T::NAME, noun: T::NOUN, entries: T::all().iter().map(|v| (v.code(), v.label())).collect() }
}

#[cfg(test)]
/// Every code type, in one place: the labels for the UI are generated
/// from this list, and a test fails when a `codes!` type is missing.
pub(crate) fn registry() -> Vec<CodeTable> {
    use crate::{access, audit, export, funding, intake, planning, provider, retention, store};
    vec![
        table::<access::Role>(),
        table::<audit::AuditAction>(),
        table::<export::ExportKind>(),
        table::<export::ExportFormat>(),
        table::<funding::CapUnit>(),
        table::<funding::FundingMode>(),
        table::<funding::PolicyHolder>(),
        table::<intake::Daypart>(),
        table::<intake::HelperGender>(),
        table::<intake::IntakeStatus>(),
        table::<intake::RecipientSituation>(),
        table::<intake::RespiteForm>(),
        table::<intake::Urgency>(),
        table::<intake::Weekday>(),
        table::<planning::ClashKind>(),
        table::<planning::SessionStatus>(),
        table::<provider::ProviderKind>(),
        table::<provider::Unit>(),
        table::<retention::ErasureGround>(),
        table::<store::backup::BackupKind>(),
    ]
}

#[cfg(test)]
/// The text of `labels.ts`: per code type its labels by code (in the
/// type's order), and the roles' descriptions.
pub(crate) fn labels_ts() -> String {
    let mut tables = registry();
    tables.sort_by_key(|t| t.name);
    let mut out = String::from(
        "// Generated by `cargo test` from the core's code types (src/codes.rs): do not edit.\n\
         // Each code's Dutch label, in the core's order; the core's `label()` is the one source.\n",
    );
    for t in &tables {
        out.push_str(&format!("import type {{ {} }} from './{}';\n", t.name, t.name));
    }
    for t in &tables {
        out.push_str(&format!("\n/** The labels of {} ({}). */\n", t.name, t.noun));
        out.push_str(&format!("export const {}Labels: Record<{}, string> = {{\n", lower_first(t.name), t.name));
        for (code, label) in &t.entries {
            out.push_str(&format!("  {}: {},\n", ts_key(code), ts_string(label)));
        }
        out.push_str("};\n");
    }
    out.push_str("\n/** What each role may do (`access::allows`), for choosing a user's role. */\n");
    out.push_str("export const roleDescriptions: Record<Role, string> = {\n");
    for role in crate::access::Role::ALL {
        out.push_str(&format!("  {}: {},\n", ts_key(role.code()), ts_string(role.description())));
    }
    out.push_str("};\n");
    out.push_str(
        "\n/** A label table as choices for a form, in the core's order. */\n\
         export function choicesOf<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {\n\
         \x20 return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));\n\
         }\n",
    );
    out
}

#[cfg(test)]
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
fn ts_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

#[cfg(test)]
fn ts_key(code: &str) -> String {
    let identifier = code.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        code.to_string()
    } else {
        ts_string(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::Unit;
    use rusqlite::Connection;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                source_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The names of the types made by `codes!` invocations in `text`.
    fn invoked_names(text: &str) -> Vec<String> {
        // Split so that this file's own search text is no invocation.
        let marker = concat!("codes", "! {");
        let mut names = Vec::new();
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at + marker.len()..];
            let name = rest
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#["))
                .and_then(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_').next())
                .unwrap_or_default();
            names.push(name.to_string());
        }
        names
    }

    #[test]
    fn every_code_type_in_the_source_is_in_the_registry() {
        let mut files = Vec::new();
        source_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let mut found = BTreeSet::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for name in invoked_names(&text) {
                assert!(!name.is_empty(), "a codes! invocation in {} without a type name", file.display());
                found.insert(name);
            }
        }
        let registered: BTreeSet<String> = registry().iter().map(|t| t.name.to_string()).collect();
        assert_eq!(registry().len(), registered.len(), "a type is registered twice");
        assert!(found.len() >= 20, "the scan found too few codes! types: {found:?}");
        assert_eq!(found, registered, "add every codes! type to codes::registry, and only those");
    }

    #[test]
    fn the_scan_reads_a_type_name_after_its_comments_and_attributes() {
        let text = concat!("codes", "! {\n    /// Doc.\n    #[derive(Default)]\n    Urgency / \"de urgentie\" {\n");
        assert_eq!(invoked_names(text), ["Urgency"]);
    }

    #[test]
    fn codes_and_nouns_are_unique_and_codes_fit_the_store() {
        for t in registry() {
            let codes: BTreeSet<_> = t.entries.iter().map(|(c, _)| *c).collect();
            assert_eq!(codes.len(), t.entries.len(), "{}: a code twice", t.name);
            for (code, label) in &t.entries {
                assert!(!code.is_empty() && !code.contains('\''), "{}: code {code:?}", t.name);
                assert!(!label.is_empty(), "{}: {code} has no label", t.name);
            }
            assert!(t.noun.starts_with("de ") || t.noun.starts_with("het "), "{}: {:?}", t.name, t.noun);
        }
    }

    /// ts-rs's export folder (`.cargo/config.toml`), where `labels.ts` goes.
    fn bindings_dir() -> PathBuf {
        ts_rs::Config::from_env().out_dir().to_path_buf()
    }

    /// Writes `labels.ts` when its text changed (as ts-rs does for the
    /// types); the bindings check of `make test` then sees it is stale.
    #[test]
    fn labels_for_the_ui_are_generated() {
        let path = bindings_dir().join("labels.ts");
        let text = labels_ts();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(bindings_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        assert!(text.contains("export const unitLabels: Record<Unit, string> = {\n  uur: 'uur',\n"));
        assert!(text.contains("import type { Unit } from './Unit';\n"));
        assert!(text.contains("  '24uurs': '24-uurszorg thuis',\n"), "keys that are no identifier are quoted");
    }

    fn read<T: FromSql>(conn: &Connection, value: &str) -> rusqlite::Result<T> {
        conn.query_row("SELECT ?1", [value], |r| r.get(0))
    }

    fn message(err: rusqlite::Error) -> String {
        crate::Error::from(err).to_string()
    }

    #[test]
    fn a_code_reads_and_writes_as_its_text() {
        let conn = Connection::open_in_memory().unwrap();
        assert_eq!(read::<Unit>(&conn, "dagdeel").unwrap(), Unit::Dagdeel);
        let back: String = conn.query_row("SELECT ?1", [Unit::Etmaal], |r| r.get(0)).unwrap();
        assert_eq!(back, "etmaal");
        let none: Option<Unit> = conn.query_row("SELECT NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(none, None, "NULL is no unit, for optional columns");
    }

    #[test]
    fn an_unknown_code_is_an_error_in_dutch_never_a_default() {
        let conn = Connection::open_in_memory().unwrap();
        let err = crate::Error::from(read::<Unit>(&conn, "xyz").unwrap_err());
        let text = err.to_string();
        assert!(matches!(err, crate::Error::Invalid(_)), "{err:?}");
        assert!(
            text.starts_with("Onbekende code 'xyz' voor de eenheid in de opslag. Is de opslag gewijzigd"),
            "{text}"
        );
        assert_eq!(crate::ApiError::from(err).message, text, "the UI shows the Dutch text, not rusqlite's");
        let number = conn.query_row("SELECT 7", [], |r| r.get::<_, Unit>(0)).unwrap_err();
        assert!(message(number).starts_with("Onbekende code '7' voor de eenheid"));
        let other = conn.query_row("SELECT 'x'", [], |r| r.get::<_, i64>(0)).unwrap_err();
        assert!(matches!(crate::Error::from(other), crate::Error::Storage(_)), "other errors stay storage errors");
    }

    #[test]
    fn a_stored_set_with_an_unknown_code_is_an_error() {
        use crate::intake::Weekday;
        let conn = Connection::open_in_memory().unwrap();
        let json = set_to_json(&[Weekday::Friday, Weekday::Monday, Weekday::Friday]);
        assert_eq!(json, r#"["ma","vr"]"#, "sets are stored sorted, Monday first, without doubles");
        assert_eq!(read::<CodeSet<Weekday>>(&conn, &json).unwrap(), CodeSet(vec![Weekday::Monday, Weekday::Friday]));
        let unknown = message(read::<CodeSet<Weekday>>(&conn, r#"["ma","xx"]"#).unwrap_err());
        assert!(unknown.starts_with("Onbekende code 'xx' voor de dag van de week"), "no longer dropped: {unknown}");
        let broken = message(read::<CodeSet<Weekday>>(&conn, "ma,vr").unwrap_err());
        assert!(broken.starts_with("Onleesbare lijst 'ma,vr' voor de dag van de week"), "{broken}");
        assert_eq!(texts_from_json(r#"["nl","en",3]"#), ["nl", "en"]);
    }

    #[test]
    fn a_long_unknown_value_is_shortened_in_the_message() {
        let message = CodeError::Unknown { noun: "de eenheid", code: "x".repeat(500) }.to_string();
        assert!(message.contains(&format!("'{}…'", "x".repeat(40))), "{message}");
    }
}
