//! A process killed in the middle of its work leaves a whole store. Every
//! write path of the CLI is killed with SIGKILL at random moments, 25 times
//! each, and each time: SQLite's integrity check passes, the store opens
//! with one of the passphrases it could have, the audit chain is whole, and
//! the write is wholly there or not at all.
//!
//! The seed is random per run and printed; `RESPIJT_CRASH_SEED` replays one
//! (the same moments of killing; the machine's speed still varies): run the
//! one test with it, e.g. `RESPIJT_CRASH_SEED=123 cargo test --test crash restore`. How many
//! kills landed before the end of a run is printed, not asserted: it
//! depends on the machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../intake_common/mod.rs"]
mod intake_common;

mod check;
mod kill;

mod allocation;
mod caregivers;
mod export;
mod handover;
mod passphrase;
mod restore;
mod statement;
