//! The CLI's one door to the environment. The CLI is an edge, like the
//! desktop shell: the core takes its settings as arguments and reads none
//! (clippy.toml bans it there).
#![allow(clippy::disallowed_methods)]

use std::ffi::OsString;

/// A variable's text; unset or empty is `None`.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A variable as the OS gives it (a path); unset or empty is `None`.
pub fn var_os(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}
