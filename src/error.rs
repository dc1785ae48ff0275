//! One error type for the core and one wire shape for every front end.
//!
//! The UI branches on `code` only where it must (validation errors go next to
//! their fields, a possible twin offers the existing dossier); everything else
//! shows `message`, which is Dutch and says what to do.

use serde::Serialize;
use ts_rs::TS;

/// A problem with one field of a form or one column of an import row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The field name as the form knows it (`postcode`, `dateOfBirth`, ...).
    pub field: String,
    /// Dutch, for the person who typed it.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_string(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Niet alle velden zijn goed ingevuld.")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    /// The store stays shut: a wrong passphrase, or no passphrase given.
    #[error("{0}")]
    Locked(String),
    /// The signed-in user's role does not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// The store file is damaged (cut short, a page whose check fails):
    /// `store::health` offers the newest good backup.
    #[error("{0}")]
    Damaged(String),
    #[error("De opslag gaf een fout: {0}")]
    Storage(#[source] rusqlite::Error),
    #[error("Bestand kon niet worden gelezen of geschreven: {0}")]
    Io(#[source] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A full disk, in Dutch and with what to do: SQLite would say "database or
/// disk is full" and the OS "No space left on device". Whatever ran out of
/// room was one transaction (or a file written beside its target), so
/// nothing changed.
pub const DISK_FULL: &str =
    "De schijf is vol: er is geen ruimte meer om te schrijven. Er is niets veranderd; maak ruimte vrij en probeer het opnieuw.";

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::StorageFull {
            return Error::Invalid(DISK_FULL.into());
        }
        Error::Io(err)
    }
}

impl From<rusqlite::Error> for Error {
    /// A stored code this version does not know (`codes::CodeError`) is
    /// said in Dutch, as what it is; rusqlite would say "Conversion error
    /// from type Text at index 11". So is a full disk (`DISK_FULL`).
    /// Everything else is a storage error.
    fn from(err: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(e, _) = &err {
            if e.code == rusqlite::ErrorCode::DiskFull {
                return Error::Invalid(DISK_FULL.into());
            }
        }
        if let rusqlite::Error::FromSqlConversionFailure(_, _, inner) = &err {
            if let Some(code) = inner.downcast_ref::<crate::codes::CodeError>() {
                return Error::Invalid(code.to_string());
            }
        }
        if crate::store::health::is_damage(&err) {
            return Error::Damaged(crate::store::health::damaged_message("een deel van het bestand is onleesbaar"));
        }
        Error::Storage(err)
    }
}

/// What crosses the boundary to the UI: `{ code, message, fields }`.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// Show `fields` next to the inputs that caused them.
    Validation,
    NotFound,
    /// The store is locked or the passphrase was wrong: ask for it (again).
    Locked,
    /// This user's role does not allow it.
    Forbidden,
    /// The store file is damaged: offer the newest good backup.
    Damaged,
    /// Anything the user cannot fix by editing the form.
    Internal,
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        let message = err.to_string();
        match err {
            Error::Validation(fields) => ApiError { code: ErrorCode::Validation, message, fields },
            Error::NotFound(_) => ApiError { code: ErrorCode::NotFound, message, fields: vec![] },
            Error::Locked(_) => ApiError { code: ErrorCode::Locked, message, fields: vec![] },
            Error::Forbidden(_) => ApiError { code: ErrorCode::Forbidden, message, fields: vec![] },
            Error::Damaged(_) => ApiError { code: ErrorCode::Damaged, message, fields: vec![] },
            Error::Invalid(_) | Error::Storage(_) | Error::Io(_) => {
                ApiError { code: ErrorCode::Internal, message, fields: vec![] }
            }
        }
    }
}
