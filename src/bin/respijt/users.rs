//! `respijt users`: who may open the store, and in which role.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use respijt::store;

use crate::env;
use crate::now;
use crate::storage::{ask_passphrase, open, passphrase_error};

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Toont de gebruikers en hun rol
    List,
    /// Voegt een gebruiker toe; het wachtwoord uit het bestand in
    /// RESPIJT_USER_PASSWORD_FILE, anders gevraagd in de terminal
    Add {
        #[arg(long)]
        name: String,
        /// regisseur, consulent of financien
        #[arg(long)]
        role: String,
    },
}

pub fn run(db: Option<&Path>, command: UsersCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        UsersCommand::List => {
            for u in respijt::access::list_users(store.conn())? {
                say!("{:<24} {:<12}{}", u.name, u.role_label, if u.disabled { " (uitgeschakeld)" } else { "" });
            }
        }
        UsersCommand::Add { name, role } => {
            let role = respijt::access::Role::from_code(&role)
                .ok_or_else(|| respijt::Error::Invalid("Kies --role regisseur, consulent of financien.".into()))?;
            let password = match env::var_os("RESPIJT_USER_PASSWORD_FILE") {
                Some(file) => store::Passphrase::from_file(Path::new(&file))?,
                None => ask_passphrase(
                    &format!("Wachtwoord voor {name}"),
                    false,
                    "Zet RESPIJT_USER_PASSWORD_FILE op een bestand met het wachtwoord.",
                )?,
            };
            let input = respijt::access::UserInput {
                name: name.clone(),
                role: Some(role),
                password: password.as_typed().to_string(),
                repeat: password.as_typed().to_string(),
            };
            respijt::access::add_user(store.conn(), &input, now()).map_err(passphrase_error)?;
            say!("{name} is toegevoegd als {}.", role.label().to_lowercase());
        }
    }
    Ok(ExitCode::SUCCESS)
}
