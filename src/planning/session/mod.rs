//! Planning, changing and closing sessions: `input` reads and checks the
//! planning forms, `write` plans, changes and closes sessions (the clash
//! rules and the funding follow), `view` reads a session back as the
//! calendar and the dossier show it.

mod close;
mod history;
mod input;
mod view;
mod write;

pub use close::{cancel_series, undo_delivery};
pub(crate) use history::{record as record_change, record_status};
pub use history::{session_history, SessionChange};

pub use input::{series_candidates, SeriesInput, SessionInput, ValidSession};
pub use view::{get_session, SessionView};
pub(crate) use view::{view_from_row, VIEW_SQL};
pub use write::{plan_series, plan_session, set_status, update_session, ChangeScope, PlanOutcome};
