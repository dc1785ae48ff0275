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
mod labels;
#[cfg(test)]
pub(crate) use labels::{table, CodeTable};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::Unit;
    use rusqlite::Connection;

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
