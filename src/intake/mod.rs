//! Intakes by MEE consultants: the record, the burden instruments, the
//! status, the director's attention list and the hand-over between laptops.

mod assessment;
mod attention;
mod codes;
mod handover;
mod input;
mod instrument;
mod mode;
mod repo;
mod row;
mod status;

pub use assessment::{assessments_of_caregiver, record_assessment, score_answers, AssessmentInput, BurdenAssessment};
pub use attention::{attention_list, AttentionItem, AttentionKind, AttentionReason};
pub use codes::{Daypart, HelperGender, IntakeStatus, RecipientSituation, RespiteForm, Urgency, Weekday};
pub use handover::{
    export_caseload, export_handover, handover_candidates, import_handover, mark_handed_over, CaseloadHandover,
    HandoverCandidate, HandoverReport, MatchToConfirm, MIN_PASSPHRASE_CHARS,
};
pub use input::{IntakeFields, IntakeInput};
pub use instrument::{
    default_instruments, find_instrument, instruments, parse_instruments, replace_instruments, score, AnswerOption,
    Band, BurdenScore, Instrument, DEFAULT_INSTRUMENT,
};
pub use mode::{get_mode, set_mode, AppMode};
pub use repo::{
    change_status, complete_intake, get_intake, intake_ids_with_status, intakes_of_caregiver, save_concept, Intake,
    SavedConcept,
};
pub use status::{can_change, next_statuses};
