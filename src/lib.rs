//! Respijtregie's core: the register of caregivers and care recipients, the
//! region, the store and the importers. The CLI, the desktop shell and the
//! tests all use this library; it knows nothing of Tauri.

pub mod access;
pub mod audit;
pub mod bootstrap;
pub mod caregiver;
pub(crate) mod codes;
pub mod commands;
pub mod consent;
pub mod demo;
pub mod dutch;
pub mod error;
pub mod export;
pub mod funding;
pub mod holidays;
pub mod import;
pub mod insurer;
pub mod intake;
pub mod letter;
pub mod matching;
pub mod money;
pub mod planning;
pub mod provider;
pub mod region;
pub mod request;
pub mod retention;
pub mod store;

pub use error::{ApiError, Error, Result};
pub use store::Store;

/// The app's identifier: the folder name of its data under the OS app-data
/// directory, shared by the desktop app (Tauri's `identifier`) and the CLI.
pub const APP_IDENTIFIER: &str = "nl.waardenland.respijtregie";
