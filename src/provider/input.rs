//! The provider form: what the director types, checked field by field with
//! Dutch messages, and the form filled in from a stored provider.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::funders::normalise_funders;
use super::helpers::{parse_languages, validate_helpers};
use super::{get_provider, repo, HelperInput, ProviderData, ProviderKind, ServiceData, Slot, Unit};
use crate::audit::{self, AuditAction};
use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::intake::{RecipientSituation, RespiteForm};
use crate::money::Cents;
use crate::region;

/// One service line of the form: its newest tariff, in euros with a decimal comma.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceInput {
    pub form: Option<RespiteForm>,
    pub unit: Option<Unit>,
    /// Euros per unit, `47,50`; empty when there is no tariff yet.
    pub tariff: String,
    /// `dd-mm-jjjj`; a new date adds a tariff (the old one stays for earlier sessions).
    pub valid_from: String,
    /// `dd-mm-jjjj` or empty (open).
    pub valid_to: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct ProviderInput {
    pub name: String,
    pub kind: Option<ProviderKind>,
    /// The four digits of the base's postcode, for distances.
    pub pc4: String,
    pub max_distance_km: String,
    /// Hours per week, decimal comma; empty = no limit.
    pub capacity_hours: String,
    pub municipality_codes: Vec<String>,
    pub specialisms: Vec<RecipientSituation>,
    /// Language codes or names, separated by commas: `nl, en`.
    pub languages: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub services: Vec<ServiceInput>,
    /// The provider's own code ("eigen code"), the key of its imports and
    /// statements; optional, unique.
    pub extern_id: String,
    /// The weekdays and dayparts it works.
    pub availability: Vec<Slot>,
    /// Places per day for day care and short stay; empty when it offers neither.
    pub places_per_day: String,
    /// Funder codes (`VGZ`, `GM0505`) or names as typed.
    pub funders: Vec<String>,
    pub helpers: Vec<HelperInput>,
}

/// Checked contact details, stored beside the provider data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub email: String,
}

fn euros_text(cents: Cents) -> String {
    format!("{},{:02}", cents.cents() / 100, cents.cents().abs() % 100)
}

/// The form as it opens for a stored provider: the newest tariff per service.
pub fn provider_form(conn: &Connection, id: i64) -> Result<ProviderInput> {
    let p = get_provider(conn, id)?;
    Ok(ProviderInput {
        name: p.name,
        kind: Some(p.kind),
        pc4: p.pc4,
        max_distance_km: p.max_distance_km.to_string(),
        capacity_hours: p.capacity_minutes_per_week.map(dutch::hours_text).unwrap_or_default(),
        municipality_codes: p.municipalities.into_iter().map(|m| m.code).collect(),
        specialisms: p.specialisms,
        languages: p.languages.join(", "),
        contact_name: p.contact_name,
        phone: if p.phone.is_empty() { String::new() } else { dutch::display_phone(&p.phone) },
        email: p.email,
        extern_id: p.extern_id.unwrap_or_default(),
        availability: p.availability,
        places_per_day: p.places_per_day.map(|n| n.to_string()).unwrap_or_default(),
        funders: p.funders,
        helpers: p
            .helpers
            .into_iter()
            .map(|h| HelperInput {
                id: Some(h.id),
                name: h.name,
                languages: h.languages.join(", "),
                gender: h.gender,
                specialisms: h.specialisms,
                active: h.active,
            })
            .collect(),
        services: p
            .services
            .into_iter()
            .map(|s| {
                let newest = s.tariffs.last();
                ServiceInput {
                    form: Some(s.form),
                    unit: Some(s.unit),
                    tariff: newest.map(|t| euros_text(t.cents)).unwrap_or_default(),
                    valid_from: newest.map(|t| dutch::date_text(t.valid_from)).unwrap_or_default(),
                    valid_to: newest.and_then(|t| t.valid_to).map(dutch::date_text).unwrap_or_default(),
                }
            })
            .collect(),
    })
}

/// Checks the form of provider `id` (None: a new one). Field names are those
/// of the form; a service's fields are `services.N.tariff` and so on (N from
/// 0), a helper's `helpers.N.name`.
pub fn validate_provider(conn: &Connection, id: Option<i64>, input: &ProviderInput) -> Result<(ProviderData, Contact)> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: String| errors.push(FieldError::new(field, message));
    let name = input.name.trim().to_string();
    if name.is_empty() {
        fail("name", "Vul de naam van de aanbieder in.".into());
    }
    if input.kind.is_none() {
        fail("kind", "Kies het soort aanbieder.".into());
    }
    let pc4 = input.pc4.trim().to_string();
    if !(pc4.len() == 4 && pc4.chars().all(|c| c.is_ascii_digit()) && !pc4.starts_with('0')) {
        fail("pc4", "Vul de vier cijfers van de postcode van de vestiging in, zoals 3311.".into());
    }
    let max_distance_km = match input.max_distance_km.trim().parse::<i64>() {
        Ok(km) if (0..=250).contains(&km) => km,
        _ => {
            fail("maxDistanceKm", "Vul de grootste afstand in hele kilometers in (0 tot 250).".into());
            0
        }
    };
    let capacity = match input.capacity_hours.trim() {
        "" => None,
        raw => match dutch::parse_hours_as_minutes(raw) {
            Ok(minutes) if minutes > 0 && minutes <= 7 * 24 * 60 * 50 => Some(minutes),
            Ok(_) => {
                fail("capacityHours", "De capaciteit is meer dan 0 uur per week, of laat het veld leeg.".into());
                None
            }
            Err(m) => {
                fail("capacityHours", m);
                None
            }
        },
    };
    let mut municipality_codes = Vec::new();
    let mut unknown = false;
    for code in &input.municipality_codes {
        match region::find_municipality(conn, code)? {
            Some(m) if !municipality_codes.contains(&m.code) => municipality_codes.push(m.code),
            Some(_) => {}
            None => {
                unknown = true;
                fail("municipalities", format!("Gemeente '{code}' hoort niet bij de regio."));
            }
        }
    }
    if municipality_codes.is_empty() && !unknown {
        fail("municipalities", "Kies minstens één gemeente waar de aanbieder werkt.".into());
    }
    let languages = parse_languages(&input.languages).map_err(|m| fail("languages", m)).unwrap_or_default();
    let phone = match input.phone.trim() {
        "" => String::new(),
        raw => dutch::parse_phone(raw).map_err(|m| fail("phone", m)).unwrap_or_default(),
    };
    let email = match input.email.trim() {
        "" => String::new(),
        raw => dutch::parse_email(raw).map_err(|m| fail("email", m)).unwrap_or_default(),
    };
    if input.services.is_empty() {
        fail("services", "Voeg minstens één dienst toe.".into());
    }
    let mut services: Vec<ServiceData> = Vec::new();
    for (i, s) in input.services.iter().enumerate() {
        let field = |name: &str| format!("services.{i}.{name}");
        let form = s.form;
        if form.is_none() {
            fail(&field("form"), "Kies de vorm van respijt.".into());
        }
        if let Some(f) = form {
            if input.services[..i].iter().any(|other| other.form == Some(f)) {
                fail(&field("form"), format!("{} staat al bij een andere dienst.", capitalised(f.label())));
            }
        }
        if s.unit.is_none() {
            fail(&field("unit"), "Kies de eenheid: uur, dagdeel of etmaal.".into());
        }
        let tariff = match s.tariff.trim() {
            "" => None,
            raw => match Cents::parse_euros(raw) {
                Ok(c) if c >= Cents::ZERO => Some(c),
                Ok(_) => {
                    fail(&field("tariff"), "Een tarief kan niet negatief zijn.".into());
                    None
                }
                Err(m) => {
                    fail(&field("tariff"), m);
                    None
                }
            },
        };
        let from = match s.valid_from.trim() {
            "" if tariff.is_some() => {
                fail(&field("validFrom"), "Vul in vanaf wanneer het tarief geldt (dd-mm-jjjj).".into());
                None
            }
            "" => None,
            raw => dutch::parse_date(raw).map_err(|m| fail(&field("validFrom"), m)).ok(),
        };
        if tariff.is_none() && from.is_some() && s.tariff.trim().is_empty() {
            fail(&field("tariff"), "Vul het tarief in euro in, zoals 47,50.".into());
        }
        let to = match s.valid_to.trim() {
            "" => None,
            raw => dutch::parse_date(raw).map_err(|m| fail(&field("validTo"), m)).ok(),
        };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                fail(&field("validTo"), "'Geldig tot' ligt voor 'geldig vanaf'.".into());
            }
        }
        if let (Some(form), Some(unit)) = (form, s.unit) {
            services.push(ServiceData { form, unit, tariff: tariff.zip(from).map(|(c, f)| (c, f, to)) });
        }
    }
    let extern_id = match input.extern_id.trim() {
        "" => None,
        code if code.chars().count() > 40 => {
            fail("externId", "De eigen code is hoogstens 40 tekens.".into());
            None
        }
        code => {
            match repo::find_by_extern_id(conn, code)? {
                Some(other) if Some(other) != id => {
                    let other_name = get_provider(conn, other)?.name;
                    fail("externId", format!("De eigen code '{code}' hoort al bij {other_name}; kies een andere code."))
                }
                _ => {}
            }
            Some(code.to_string())
        }
    };
    if input.availability.is_empty() {
        fail(
            "availability",
            "Kies minstens één dagdeel waarop de aanbieder werkt; zonder beschikbaarheid wordt hij nooit gekoppeld."
                .into(),
        );
    }
    let uses_places = services.iter().any(|s| matches!(s.form, RespiteForm::DayCare | RespiteForm::ShortStay));
    let places_per_day = match input.places_per_day.trim() {
        _ if !uses_places => None,
        "" => {
            fail("placesPerDay", "Vul het aantal plaatsen per dag in voor dagopvang of logeeropvang.".into());
            None
        }
        raw => match raw.parse::<i64>() {
            Ok(n) if (1..=999).contains(&n) => Some(n),
            _ => {
                fail("placesPerDay", "Vul het aantal plaatsen per dag in als heel getal (1 tot 999).".into());
                None
            }
        },
    };
    let funders = normalise_funders(conn, input.funders.iter().map(String::as_str))?
        .map_err(|m| fail("funders", m))
        .unwrap_or_default();
    let helpers = validate_helpers(&input.helpers, &mut fail);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let data = ProviderData {
        extern_id,
        places_per_day,
        availability: input.availability.clone(),
        funders,
        helpers,
        name,
        kind: input.kind,
        pc4,
        max_distance_km,
        capacity_minutes_per_week: capacity,
        specialisms: input.specialisms.clone(),
        languages,
        municipality_codes,
        services,
    };
    Ok((data, Contact { name: input.contact_name.trim().to_string(), phone, email }))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Saves the form: a new provider (`id` None) or changes to one, with its
/// helpers, in the audit trail. Services are added or changed, never
/// removed: sessions and tariffs of the past refer to them. Helpers the form
/// leaves out stay as they are (they are made inactive, never deleted).
pub fn save_provider_form(
    conn: &Connection,
    id: Option<i64>,
    input: &ProviderInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (data, contact) = validate_provider(conn, id, input)?;
    let tx = crate::store::atomic(conn, "provider_form")?;
    if let Some(id) = id {
        get_provider(&tx, id)?;
    }
    let saved = repo::save_provider_as(&tx, id, &data, now)?;
    tx.execute(
        "UPDATE provider SET contact_name = ?1, phone = ?2, email = ?3 WHERE id = ?4",
        params![contact.name, contact.phone, contact.email, saved],
    )?;
    let what = if id.is_some() { "gewijzigd" } else { "toegevoegd" };
    audit::record(&tx, AuditAction::ProviderChanged, None, &format!("aanbieder {saved} {what}"), now)?;
    tx.commit()?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_read_back_as_typed() {
        assert_eq!(euros_text(Cents::new(4750)), "47,50");
        assert_eq!(euros_text(Cents::new(19700)), "197,00");
    }
}
