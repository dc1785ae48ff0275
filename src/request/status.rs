//! The life of a request: nieuw → intake gepland → wacht op aanbieder →
//! gestart, or it ends refused (with a reason) or withdrawn.

use super::codes::RequestStatus::{self, IntakePlanned, New, Refused, Started, WaitingForProvider, Withdrawn};
use crate::error::{Error, Result};

/// Every allowed step. Started, refused and withdrawn are ends: a caregiver
/// who asks again is a new request, so the monitor counts both.
const STEPS: &[(RequestStatus, RequestStatus)] = &[
    (New, IntakePlanned),
    (New, WaitingForProvider),
    (New, Started),
    (New, Refused),
    (New, Withdrawn),
    (IntakePlanned, WaitingForProvider),
    (IntakePlanned, Started),
    (IntakePlanned, Refused),
    (IntakePlanned, Withdrawn),
    // A wait that needs another talk first.
    (WaitingForProvider, IntakePlanned),
    // The reason of the wait changed (a provider found, no budget now).
    (WaitingForProvider, WaitingForProvider),
    (WaitingForProvider, Started),
    (WaitingForProvider, Refused),
    (WaitingForProvider, Withdrawn),
];

impl RequestStatus {
    /// Still on the waiting list.
    pub fn is_open(self) -> bool {
        matches!(self, New | IntakePlanned | WaitingForProvider)
    }
}

pub fn next_statuses(from: RequestStatus) -> Vec<RequestStatus> {
    STEPS.iter().filter(|(f, _)| *f == from).map(|(_, t)| *t).collect()
}

pub fn check_change(from: RequestStatus, to: RequestStatus) -> Result<()> {
    if STEPS.contains(&(from, to)) {
        return Ok(());
    }
    let options: Vec<&str> = next_statuses(from).iter().map(|s| s.label()).collect();
    let hint = if options.is_empty() {
        " Deze aanvraag is afgesloten; leg een nieuwe aanvraag vast als de mantelzorger opnieuw vraagt.".to_string()
    } else {
        format!(" Vanuit '{}' kan: {}.", from.label(), options.join(", "))
    };
    Err(Error::Invalid(format!("Een aanvraag met status '{}' kan niet naar '{}'.{hint}", from.label(), to.label())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_are_final_and_open_statuses_can_end() {
        for end in [Started, Refused, Withdrawn] {
            assert!(next_statuses(end).is_empty(), "{end:?}");
            assert!(!end.is_open());
        }
        for open in [New, IntakePlanned, WaitingForProvider] {
            assert!(check_change(open, Refused).is_ok() && check_change(open, Withdrawn).is_ok());
        }
        let err = check_change(Started, New).unwrap_err().to_string();
        assert!(err.contains("afgesloten"), "{err}");
    }
}
