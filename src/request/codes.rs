//! The closed lists of a request, stored and sent as their Dutch codes.

use crate::codes::codes;

codes! {
    /// Who sent the caregiver to the region.
    Referrer / "de doorverwijzer van een aanvraag" {
        Self_ = "zelf" / "zelf",
        Mee = "mee" / "MEE",
        GeneralPractitioner = "huisarts" / "huisarts / sociaal recept",
        NeighbourhoodTeam = "wijkteam" / "wijkteam",
        Provider = "aanbieder" / "aanbieder",
        Other = "anders" / "anders",
    }
}

codes! {
    /// Where a request is. The allowed steps are in `status.rs`.
    RequestStatus / "de status van een aanvraag" {
        New = "nieuw" / "nieuw",
        IntakePlanned = "intake_gepland" / "intake gepland",
        WaitingForProvider = "wacht_op_aanbieder" / "wacht op aanbieder",
        Started = "gestart" / "gestart",
        Refused = "afgewezen" / "afgewezen",
        Withdrawn = "ingetrokken" / "ingetrokken",
    }
}

codes! {
    /// Why a request waits for a provider.
    WaitReason / "de reden van het wachten" {
        NoProvider = "geen_aanbieder" / "geen aanbieder",
        NoLanguage = "geen_taal" / "geen hulp met de juiste taal",
        NoBudget = "geen_budget" / "geen budget",
        Other = "anders" / "anders",
    }
}
