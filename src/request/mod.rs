//! Requests (aanvragen): a caregiver who calls, or is sent by MEE, the GP's
//! social referral or the wijkteam, recorded before or after a dossier
//! exists, with a dated status so the waiting list and the monitor can see
//! who waits, since when and why.

mod codes;
mod input;
mod repo;
mod status;
mod waiting;

pub use codes::{Referrer, RequestStatus, WaitReason};
pub use input::{RequestInput, StatusInput};
pub use repo::{
    caregiver_of_request, change_request_status, get_request, link_request, record_request, requests_of_caregiver,
    Request, RequestStatusChange,
};
pub use status::next_statuses;
pub use waiting::{
    overdue_requests, request_settings, set_request_settings, waiting_list, working_days_between, RequestSettings,
    DEFAULT_WAIT_WORKING_DAYS,
};
