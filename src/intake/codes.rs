//! The closed lists of an intake. Each value is stored and sent as its Dutch
//! code (`dementie`, `dagopvang`, ...), the same word in the store, the
//! hand-over file and the UI, so nothing needs translating on the way.

use crate::codes::codes;
pub(crate) use crate::codes::set_to_json;

codes! {
    /// Where an intake is in its life. The allowed steps are in `status.rs`.
    IntakeStatus / "de status van een intake" {
        Concept = "concept" / "concept",
        Completed = "afgerond" / "afgerond",
        HandedOver = "overgedragen" / "overgedragen",
        InProgress = "in_behandeling" / "in behandeling",
        Closed = "gesloten" / "gesloten",
    }
}

codes! {
    /// The care recipient's situation; several can apply.
    RecipientSituation / "de situatie van de naaste" {
        Dementia = "dementie" / "dementie",
        BrainInjury = "nah" / "niet-aangeboren hersenletsel (NAH)",
        MentalHealth = "ggz" / "psychische aandoening (GGZ)",
        Physical = "lichamelijk" / "lichamelijke beperking of ziekte",
        IntellectualDisability = "verstandelijke_beperking" / "verstandelijke beperking",
        Child = "kind" / "kind",
        Palliative = "palliatief" / "palliatieve fase",
        OldAge = "ouderdom" / "ouderdom",
    }
}

codes! {
    /// Forms of respite (iWmo: per hour, per dagdeel, per etmaal, 24 hours).
    RespiteForm / "de vorm van respijt" {
        AtHome = "thuis" / "respijt thuis",
        DayCare = "dagopvang" / "dagopvang",
        ShortStay = "logeeropvang" / "logeeropvang",
        TwentyFourHours = "24uurs" / "24-uurszorg thuis",
    }
}

codes! {
    /// Days of the week, Monday first (Dutch weeks start on Monday).
    Weekday / "de dag van de week" {
        Monday = "ma" / "maandag",
        Tuesday = "di" / "dinsdag",
        Wednesday = "wo" / "woensdag",
        Thursday = "do" / "donderdag",
        Friday = "vr" / "vrijdag",
        Saturday = "za" / "zaterdag",
        Sunday = "zo" / "zondag",
    }
}

codes! {
    Daypart / "het deel van de dag" {
        Morning = "ochtend" / "ochtend",
        Afternoon = "middag" / "middag",
        Evening = "avond" / "avond",
        Night = "nacht" / "nacht",
    }
}

codes! {
    /// How soon respite is needed; the attention list puts crisis first.
    #[derive(Default)]
    Urgency / "de urgentie" {
        #[default]
        Normal = "normaal" / "normaal",
        Soon = "binnenkort" / "binnenkort",
        Crisis = "crisis" / "crisis",
    }
}

codes! {
    #[derive(Default)]
    HelperGender / "de voorkeur voor een man of vrouw als hulp" {
        #[default]
        NoPreference = "geen_voorkeur" / "geen voorkeur",
        Female = "vrouw" / "vrouw",
        Male = "man" / "man",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_json_and_text() {
        for s in RecipientSituation::ALL {
            assert_eq!(RecipientSituation::from_code(s.code()), Some(*s));
        }
        // Stored sets (and unknown codes in them): `codes::tests`.
        assert_eq!(serde_json::to_string(&IntakeStatus::InProgress).unwrap(), r#""in_behandeling""#);
    }
}
