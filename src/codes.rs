//! Closed lists whose values are stored and sent as their Dutch code
//! (`dementie`, `dagopvang`, `uur`, ...): the same word in the store, the
//! files and the UI, so nothing needs translating on the way.

use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
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
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

pub(crate) use codes;

/// A set of codes as the store keeps it: a JSON array of codes, sorted and
/// without doubles so that equal sets are equal text.
pub(crate) fn set_to_json<T: Serialize + Ord + Copy>(values: &[T]) -> String {
    let mut sorted: Vec<T> = values.to_vec();
    sorted.sort();
    sorted.dedup();
    serde_json::to_string(&sorted).unwrap_or_else(|_| "[]".into())
}

/// Reads a stored set back. Unknown codes (from a newer version) are dropped
/// rather than making the whole intake unreadable.
pub(crate) fn set_from_json<T: for<'de> Deserialize<'de>>(text: &str) -> Vec<T> {
    let raw: Vec<serde_json::Value> = serde_json::from_str(text).unwrap_or_default();
    raw.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect()
}
