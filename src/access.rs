//! Users and roles on one store, and what each role may do.
//!
//! With no users, the store is one person's and everything is allowed, as
//! before users existed. Once the director adds a user, everyone signs in
//! after the store is unlocked: the director sees everything, a consultant
//! the intakes and their own caseload, finance the funding and the exports
//! and no dossier. Every command in `commands` asks `Store::require` first;
//! the screens only hide what the core would refuse anyway.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

mod caseload;

pub use caseload::{
    add_to_caseload, caseload_of, consultants_of, in_caseload, list_consultants, set_consultants, ConsultantChoice,
    ConsultantLoad,
};

crate::codes::codes! {
    /// What a user does in the region.
    Role / "de rol van een gebruiker" {
        Director = "regisseur" / "Regisseur",
        Consultant = "consulent" / "Consulent",
        Finance = "financien" / "Financiën",
    }
}

/// The parts of the app a role may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum Area {
    /// The register: search, register, dossiers (a consultant: own caseload).
    Register,
    /// Intakes, burden assessments and hand-overs.
    Intakes,
    /// Matching, planning, sessions, calendars, statements.
    Planning,
    /// Providers and their tariffs, read only.
    Providers,
    /// Providers edited.
    ProvidersEdit,
    /// Budgets, schemes, the ledger, the dashboard.
    Funding,
    /// Exports for the funders.
    Exports,
    /// Users, the passphrase, retention, erasure, the audit trail export.
    Admin,
}

impl Area {
    pub const ALL: [Area; 8] = [
        Area::Register,
        Area::Intakes,
        Area::Planning,
        Area::Providers,
        Area::ProvidersEdit,
        Area::Funding,
        Area::Exports,
        Area::Admin,
    ];

    fn label(self) -> &'static str {
        match self {
            Area::Register => "het register en de dossiers",
            Area::Intakes => "de intakes",
            Area::Planning => "de planning",
            Area::Providers => "de aanbieders",
            Area::ProvidersEdit => "het wijzigen van aanbieders",
            Area::Funding => "de financiering",
            Area::Exports => "de exports",
            Area::Admin => "het beheer",
        }
    }
}

/// The rule, in one place.
pub fn allows(role: Role, area: Area) -> bool {
    match role {
        Role::Director => true,
        Role::Consultant => matches!(area, Area::Register | Area::Intakes),
        Role::Finance => matches!(area, Area::Providers | Area::Funding | Area::Exports),
    }
}

impl Role {
    /// What the role may do, for the director choosing a new user's role:
    /// `allows` in words (a test keeps the two together). First what it
    /// may, after "; geen" what people might expect it to but it may not.
    pub fn description(self) -> &'static str {
        match self {
            Role::Director => "alles, ook gebruikers en beheer",
            Role::Consultant => {
                "de eigen cliënten: registreren, dossiers en intakes; geen planning, aanbieders, financiering of exports"
            }
            Role::Finance => {
                "de financiering, de exports en de aanbieders (alleen inzien); geen dossiers, intakes of planning"
            }
        }
    }
}

/// A signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// Dutch, for people.
    pub role_label: String,
    pub disabled: bool,
}

/// A new user as the director types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct UserInput {
    pub name: String,
    pub role: Option<Role>,
    pub password: String,
    pub repeat: String,
}

pub const MIN_PASSWORD_CHARS: usize = 10;

pub fn forbidden(role: Role, area: Area) -> Error {
    Error::Forbidden(format!("Als {} hebt u geen toegang tot {}.", role.label().to_lowercase(), area.label()))
}

pub fn users_exist(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM app_user WHERE disabled_at IS NULL)", [], |r| r.get(0))?)
}

fn check_password(password: &str, repeat: &str, errors: &mut Vec<FieldError>) {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        errors.push(FieldError::new(
            "password",
            format!("Kies een wachtwoord van minstens {MIN_PASSWORD_CHARS} tekens."),
        ));
    } else if password != repeat {
        errors.push(FieldError::new("repeat", "De twee wachtwoorden zijn niet gelijk."));
    }
}

fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Invalid(format!("Het wachtwoord kon niet worden vastgelegd: {e}")))
}

fn row_to_user(r: &rusqlite::Row<'_>) -> rusqlite::Result<(User, String)> {
    let role: Role = r.get(2)?;
    let disabled: Option<String> = r.get(4)?;
    Ok((
        User {
            id: r.get(0)?,
            name: r.get(1)?,
            role,
            role_label: role.label().to_string(),
            disabled: disabled.is_some(),
        },
        r.get(3)?,
    ))
}

/// Adds a user: a name not yet taken, a role, a password typed twice.
pub fn add_user(conn: &Connection, input: &UserInput, now: DateTime<Utc>) -> Result<User> {
    let name = input.name.trim();
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(FieldError::new("name", "Vul een naam in."));
    } else if conn
        .query_row("SELECT EXISTS (SELECT 1 FROM app_user WHERE name = ?1)", [name], |r| r.get::<_, bool>(0))?
    {
        errors.push(FieldError::new("name", "Deze naam is al in gebruik."));
    }
    if input.role.is_none() {
        errors.push(FieldError::new("role", "Kies een rol."));
    }
    check_password(&input.password, &input.repeat, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let role = input.role.unwrap_or(Role::Consultant);
    conn.execute(
        "INSERT INTO app_user (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, role.code(), hash(&input.password)?, crate::store::timestamp(now)],
    )?;
    Ok(User {
        id: conn.last_insert_rowid(),
        name: name.to_string(),
        role,
        role_label: role.label().to_string(),
        disabled: false,
    })
}

pub fn list_users(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, role, password_hash, disabled_at FROM app_user ORDER BY disabled_at IS NOT NULL, name",
    )?;
    let rows = stmt.query_map([], row_to_user)?;
    Ok(rows.map(|r| r.map(|(u, _)| u)).collect::<std::result::Result<_, _>>()?)
}

/// Disables a user (their name stays in the trail). The last director is
/// kept: someone must be able to manage the store.
pub fn disable_user(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    let role: Option<Role> = conn
        .query_row("SELECT role FROM app_user WHERE id = ?1 AND disabled_at IS NULL", [id], |r| r.get(0))
        .optional()?;
    let Some(role) = role else { return Err(Error::NotFound("Deze gebruiker bestaat niet (meer).".into())) };
    let directors: i64 =
        conn.query_row("SELECT count(*) FROM app_user WHERE role = 'regisseur' AND disabled_at IS NULL", [], |r| {
            r.get(0)
        })?;
    if role == Role::Director && directors <= 1 {
        return Err(Error::Invalid("Dit is de laatste regisseur; voeg eerst een andere regisseur toe.".into()));
    }
    conn.execute("UPDATE app_user SET disabled_at = ?2 WHERE id = ?1", params![id, crate::store::timestamp(now)])?;
    Ok(())
}

/// Checks a name and password; the same message for an unknown name and a
/// wrong password, so the screen does not tell which names exist.
pub fn login(conn: &Connection, name: &str, password: &str) -> Result<User> {
    let found = conn
        .query_row(
            "SELECT id, name, role, password_hash, disabled_at FROM app_user WHERE name = ?1 AND disabled_at IS NULL",
            [name.trim()],
            row_to_user,
        )
        .optional()?;
    let refused = || Error::Locked("Naam of wachtwoord klopt niet.".into());
    let Some((user, stored)) = found else {
        // As much work as a real check: the time does not tell either.
        let _ = hash(password);
        return Err(refused());
    };
    let parsed = PasswordHash::new(&stored).map_err(|_| refused())?;
    Argon2::default().verify_password(password.as_bytes(), &parsed).map_err(|_| refused())?;
    Ok(user)
}

/// A user's own new password (the current one again, the new one twice).
pub fn change_password(conn: &Connection, user_id: i64, current: &str, password: &str, repeat: &str) -> Result<()> {
    let name: String = conn.query_row("SELECT name FROM app_user WHERE id = ?1", [user_id], |r| r.get(0))?;
    if login(conn, &name, current).is_err() {
        return Err(Error::Validation(vec![FieldError::new("current", "Het huidige wachtwoord klopt niet.")]));
    }
    let mut errors = Vec::new();
    check_password(password, repeat, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    conn.execute("UPDATE app_user SET password_hash = ?2 WHERE id = ?1", params![user_id, hash(password)?])?;
    Ok(())
}

pub fn idle_lock_minutes(conn: &Connection) -> Result<u32> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = 'idle_lock_minutes'", [], |r| r.get(0)).optional()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(10))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word for each area in a role's description.
    fn word(area: Area) -> &'static str {
        match area {
            Area::Register => "dossiers",
            Area::Intakes => "intakes",
            Area::Planning => "planning",
            Area::Providers | Area::ProvidersEdit => "aanbieders",
            Area::Funding => "financiering",
            Area::Exports => "exports",
            Area::Admin => "beheer",
        }
    }

    #[test]
    fn each_role_is_described_as_allows_decides() {
        for role in Role::ALL.iter().copied() {
            let text = role.description();
            let (may, may_not) = text.split_once("; geen ").unwrap_or((text, ""));
            if may.starts_with("alles") {
                assert!(Area::ALL.iter().all(|a| allows(role, *a)), "{role:?} may not do everything: {text}");
                continue;
            }
            for area in Area::ALL {
                let named = may.contains(word(area));
                match area {
                    Area::ProvidersEdit if allows(role, Area::Providers) => {
                        assert_eq!(!allows(role, area), may.contains("(alleen inzien)"), "{role:?}: {text}")
                    }
                    _ => assert_eq!(allows(role, area), named, "{role:?} and {area:?}: {text}"),
                }
                if may_not.contains(word(area)) {
                    assert!(!allows(role, area), "{role:?} is said not to have {area:?}: {text}");
                }
            }
        }
    }

    #[test]
    fn finance_is_described_without_dossiers_or_intakes() {
        let text = Role::Finance.description();
        assert!(text.contains("geen dossiers, intakes"), "{text}");
        assert!(!allows(Role::Finance, Area::Register) && !allows(Role::Finance, Area::Intakes));
    }
}
