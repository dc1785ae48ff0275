//! The life of an intake: concept → afgerond → overgedragen → in behandeling
//! → gesloten, with the few steps back that the work needs.

use super::codes::IntakeStatus::{self, Closed, Completed, Concept, HandedOver, InProgress};
use crate::error::{Error, Result};

/// Every allowed step, and why it exists.
const STEPS: &[(IntakeStatus, IntakeStatus)] = &[
    // The consultant finishes the intake (all required fields checked).
    (Concept, Completed),
    // Reopened to correct something before it is handed over.
    (Completed, Concept),
    // The hand-over file has left the consultant's laptop.
    (Completed, HandedOver),
    // The director's own intake needs no hand-over.
    (Completed, InProgress),
    // The director picks up a handed-over intake.
    (HandedOver, InProgress),
    (InProgress, Closed),
    // An intake that leads nowhere (moved away, declined) is closed without work.
    (Completed, Closed),
    (HandedOver, Closed),
    // A closed case comes back (the caregiver asks again).
    (Closed, InProgress),
];

impl IntakeStatus {
    /// The words of the button that moves an intake to this status.
    pub fn action(self) -> &'static str {
        match self {
            Concept => "Terug naar concept",
            Completed => "Afronden",
            HandedOver => "Markeren als overgedragen",
            InProgress => "In behandeling nemen",
            Closed => "Sluiten",
        }
    }
}

pub fn can_change(from: IntakeStatus, to: IntakeStatus) -> bool {
    STEPS.contains(&(from, to))
}

/// The statuses an intake can go to next, for the UI's buttons.
pub fn next_statuses(from: IntakeStatus) -> Vec<IntakeStatus> {
    STEPS.iter().filter(|(f, _)| *f == from).map(|(_, t)| *t).collect()
}

/// Refuses a step that is not allowed, in words the director understands.
pub fn check_change(from: IntakeStatus, to: IntakeStatus) -> Result<()> {
    if can_change(from, to) {
        return Ok(());
    }
    let options: Vec<&str> = next_statuses(from).iter().map(|s| s.label()).collect();
    let hint = match options.as_slice() {
        [] => String::new(),
        [one] => format!(" Vanuit '{}' kan alleen '{one}'.", from.label()),
        many => format!(" Vanuit '{}' kan: {}.", from.label(), many.join(", ")),
    };
    Err(Error::Invalid(format!("Een intake met status '{}' kan niet naar '{}'.{hint}", from.label(), to.label())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_path_is_allowed_and_skipping_is_not() {
        for pair in [(Concept, Completed), (Completed, HandedOver), (HandedOver, InProgress), (InProgress, Closed)] {
            assert!(can_change(pair.0, pair.1), "{pair:?}");
        }
        let err = check_change(Concept, HandedOver).unwrap_err().to_string();
        assert!(err.contains("'concept' kan niet naar 'overgedragen'"), "{err}");
        assert!(err.contains("alleen 'afgerond'"), "{err}");
        assert!(check_change(Closed, Concept).is_err());
    }
}
