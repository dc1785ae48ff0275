//! Planning respite sessions (inzetten): single sessions and recurring
//! series, the clash rules that guard them, the week calendar, the
//! providers' monthly statements and calendar files.

mod calendar;
mod clash;
pub mod delivery_date;
mod draft;
mod ics;
mod review;
mod series;
mod session;
mod statement;
mod time;

pub use calendar::{week_calendar, CalendarDay, CalendarOwner, WeekCalendar};
pub use clash::{find_clashes, Clash};
pub use draft::draft_series;
pub use ics::{provider_ics, CalendarFile, TZID};
pub use review::{
    review_queue, settle_review, ReviewAction, ReviewInput, ReviewItem, ReviewQueue, ReviewReason, REVIEW_LIMIT,
};
pub use series::{expand_series, SeriesDates};
pub use session::{
    cancel_series, get_session, plan_series, plan_session, series_candidates, session_history, set_status,
    undo_delivery, update_session, ChangeScope, PlanOutcome, SeriesInput, SessionChange, SessionInput, SessionView,
    ValidSession,
};
pub use statement::MatchKey;
pub use statement::{
    import_statement, preview_statement, LineMatch, StatementLine, StatementReport, STATEMENT_COLUMNS,
};
pub use time::{clock_text, iso_week_number, minutes_at};

use crate::codes::codes;

codes! {
    SessionStatus / "de status van een inzet" {
        Planned = "gepland" / "gepland",
        Confirmed = "bevestigd" / "bevestigd",
        Delivered = "uitgevoerd" / "uitgevoerd",
        Cancelled = "geannuleerd" / "geannuleerd",
        NoShow = "niet_verschenen" / "niet verschenen",
    }
}

impl SessionStatus {
    /// Cancelled and no-show sessions hold no one's time.
    pub fn occupies_time(self) -> bool {
        !matches!(self, SessionStatus::Cancelled | SessionStatus::NoShow)
    }

    /// Still to happen: the session panel offers to change it, report it
    /// delivered or call it off.
    pub fn is_open(self) -> bool {
        matches!(self, SessionStatus::Planned | SessionStatus::Confirmed)
    }
}

codes! {
    /// What planning refuses unless the director overrides it with a reason.
    ClashKind / "het soort conflict" {
        RecipientDouble = "naaste_dubbel" / "naaste dubbel geboekt",
        HelperDouble = "hulp_dubbel" / "hulp dubbel geboekt",
        OverCapacity = "capaciteit" / "boven de capaciteit van de aanbieder",
        Holiday = "feestdag" / "op een feestdag",
    }
}

/// Statuses that occupy time, as an SQL list.
pub(crate) const OCCUPYING: &str = "('gepland','bevestigd','uitgevoerd')";
pub(crate) use OCCUPYING as OCCUPYING_SQL;
