//! `respijt region`: the municipalities and postcodes of the region.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use respijt::region;

use crate::storage::open;

#[derive(Subcommand)]
pub enum RegionCommand {
    /// Laadt gemeenten en postcodes uit een PC4-bestand zoals pc4_waardenland.csv
    Load { file: PathBuf },
    /// Toont de gemeenten van de regio
    List,
}

pub fn run(db: Option<&Path>, command: RegionCommand) -> respijt::Result<ExitCode> {
    let store = open(db)?;
    match command {
        RegionCommand::Load { file } => {
            let text = std::fs::read_to_string(&file)?;
            let summary = region::load_region(store.conn(), &text)?;
            say!("Regio geladen: {} gemeenten, {} postcodes.", summary.municipalities, summary.postcodes);
        }
        RegionCommand::List => {
            for m in region::list_municipalities(store.conn())? {
                say!("{}  {}", m.code, m.name);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
