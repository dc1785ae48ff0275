//! Which rows of an export may name the person, by the caregiver's consent
//! to share with funders on the day the file is made (`crate::consent`).
//! A file made after a withdrawal leaves the person out of it, whatever
//! period it covers: making the file is the sharing.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::consent::{may_share, ConsentKind};
use crate::error::Result;

pub(crate) struct FunderConsent {
    day: NaiveDate,
    known: HashMap<i64, bool>,
    /// Rows written without the person's identifying fields.
    pub rows_without: i64,
    /// The caregivers they belong to.
    pub caregivers_without: BTreeSet<i64>,
}

impl FunderConsent {
    pub fn on(day: NaiveDate) -> FunderConsent {
        FunderConsent { day, known: HashMap::new(), rows_without: 0, caregivers_without: BTreeSet::new() }
    }

    /// Whether this row may carry the caregiver's identifying fields; a row
    /// that may not is counted.
    pub fn shares(&mut self, conn: &Connection, caregiver_id: i64) -> Result<bool> {
        let shared = match self.known.get(&caregiver_id) {
            Some(known) => *known,
            None => {
                let shared = may_share(conn, caregiver_id, ConsentKind::Funders, self.day)?;
                self.known.insert(caregiver_id, shared);
                shared
            }
        };
        if !shared {
            self.rows_without += 1;
            self.caregivers_without.insert(caregiver_id);
        }
        Ok(shared)
    }

    /// The line the export screen and the CLI show, when rows were affected.
    pub fn warning(&self) -> Option<String> {
        if self.rows_without == 0 {
            return None;
        }
        let people = self.caregivers_without.len();
        Some(format!(
            "{} {} zonder polisnummer, naam en geboortedatum (alleen een pseudoniem): {people} {} gaf geen toestemming om gegevens met financiers te delen.",
            self.rows_without,
            if self.rows_without == 1 { "regel" } else { "regels" },
            if people == 1 { "mantelzorger" } else { "mantelzorgers" },
        ))
    }
}
