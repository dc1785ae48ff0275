//! What a person types into the forms (or an import row holds), and the rules
//! that turn it into something the store accepts. Every message is Dutch and
//! names the field it belongs to.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dutch;
use crate::error::{Error, FieldError, Result};
use crate::region;

/// The caregiver form, field by field, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct CaregiverInput {
    pub first_name: String,
    pub last_name: String,
    /// `dd-mm-jjjj` or `jjjj-mm-dd`.
    pub date_of_birth: String,
    pub postcode: String,
    pub house_number: String,
    pub street: String,
    pub place: String,
    /// CBS code chosen by hand; empty means "follow the postcode".
    pub municipality_override: String,
    pub phone: String,
    pub email: String,
    pub insurer: String,
    pub policy_number: String,
    pub supplementary_policy: bool,
    /// Hours, with an optional decimal comma.
    pub care_hours_per_week: String,
    pub caring_since: String,
    pub notes: String,
    /// "Nummer bij aanbieder of gemeente": the caregiver's number in a
    /// provider's or municipality's system, so their statements find her.
    /// Optional; unique.
    pub extern_id: String,
}

/// The recipient form. An empty postcode means: lives at the caregiver's address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct RecipientInput {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub postcode: String,
    pub house_number: String,
    pub street: String,
    pub place: String,
    pub municipality_override: String,
    pub relationship: String,
    pub wlz_indication: bool,
    /// The recipient's own insurer (for a scheme on the recipient's policy):
    /// a name of the insurer list, "andere" or empty.
    pub insurer: String,
    pub supplementary_policy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub postcode: String,
    pub house_number: String,
    pub street: String,
    pub place: String,
    pub municipality_override: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCaregiver {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub address: Address,
    pub phone: String,
    pub email: String,
    pub insurer: String,
    pub policy_number: String,
    pub supplementary_policy: bool,
    pub care_minutes_per_week: Option<i64>,
    pub caring_since: Option<NaiveDate>,
    pub notes: String,
    pub extern_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRecipient {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub address: Address,
    pub relationship: String,
    pub wlz_indication: bool,
    pub insurer: String,
    pub supplementary_policy: bool,
}

/// Collects field errors so that a form shows all of them at once.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn required(&mut self, field: &str, value: &str, label: &str) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.errors.push(FieldError::new(field, format!("Vul {label} in.")));
        } else if value.chars().count() > 100 {
            self.errors
                .push(FieldError::new(field, format!("{} is te lang (meer dan 100 tekens).", capitalise(label))));
        }
        value.to_string()
    }

    fn check<T>(&mut self, field: &str, parsed: std::result::Result<T, String>) -> Option<T> {
        parsed.map_err(|message| self.errors.push(FieldError::new(field, message))).ok()
    }

    fn optional<T>(
        &mut self,
        field: &str,
        raw: &str,
        parse: impl Fn(&str) -> std::result::Result<T, String>,
    ) -> Option<T> {
        if raw.trim().is_empty() {
            None
        } else {
            self.check(field, parse(raw))
        }
    }

    fn birth_date(&mut self, field: &str, raw: &str, today: NaiveDate) -> Option<NaiveDate> {
        if raw.trim().is_empty() {
            self.errors.push(FieldError::new(field, "Vul de geboortedatum in (dd-mm-jjjj)."));
            return None;
        }
        let date = self.check(field, dutch::parse_date(raw))?;
        if date > today {
            self.errors.push(FieldError::new(field, "De geboortedatum ligt in de toekomst."));
        } else if date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(date) {
            self.errors.push(FieldError::new(field, "De geboortedatum ligt voor 1900; kijk het jaartal na."));
        }
        Some(date)
    }

    fn address(&mut self, conn: &Connection, fields: AddressFields<'_>) -> Result<Option<Address>> {
        let postcode = if fields.postcode.trim().is_empty() {
            self.errors.push(FieldError::new("postcode", "Vul de postcode in, zoals 3311 AB."));
            None
        } else {
            self.check("postcode", dutch::parse_postcode(fields.postcode))
        };
        let house_number = if fields.house_number.trim().is_empty() {
            self.errors.push(FieldError::new("houseNumber", "Vul het huisnummer in."));
            None
        } else {
            self.check("houseNumber", dutch::parse_house_number(fields.house_number))
        };
        let municipality_override = match fields.municipality_override.trim() {
            "" => None,
            key => {
                match region::find_municipality(conn, key)? {
                    Some(m) => Some(m.code),
                    None => {
                        self.errors.push(FieldError::new(
                        "municipalityOverride",
                        format!("Gemeente '{key}' hoort niet bij de regio; kies er een uit de lijst of laat het veld leeg."),
                    ));
                        None
                    }
                }
            }
        };
        Ok(match (postcode, house_number) {
            (Some(postcode), Some(house_number)) => Some(Address {
                postcode,
                house_number,
                street: fields.street.trim().to_string(),
                place: fields.place.trim().to_string(),
                municipality_override,
            }),
            _ => None,
        })
    }

    fn finish<T>(self, value: Option<T>) -> Result<T> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(Error::Validation(self.errors)),
        }
    }
}

struct AddressFields<'a> {
    postcode: &'a str,
    house_number: &'a str,
    street: &'a str,
    place: &'a str,
    municipality_override: &'a str,
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// Checks a caregiver form. `today` decides what "in the future" means.
pub fn validate_caregiver(conn: &Connection, input: &CaregiverInput, today: NaiveDate) -> Result<ValidCaregiver> {
    let mut c = Checker { errors: Vec::new() };
    let first_name = c.required("firstName", &input.first_name, "de voornaam");
    let last_name = c.required("lastName", &input.last_name, "de achternaam");
    let date_of_birth = c.birth_date("dateOfBirth", &input.date_of_birth, today);
    let address = c.address(
        conn,
        AddressFields {
            postcode: &input.postcode,
            house_number: &input.house_number,
            street: &input.street,
            place: &input.place,
            municipality_override: &input.municipality_override,
        },
    )?;
    let phone = c.optional("phone", &input.phone, dutch::parse_phone).unwrap_or_default();
    let email = c.optional("email", &input.email, dutch::parse_email).unwrap_or_default();
    let care_minutes_per_week = c.optional("careHoursPerWeek", &input.care_hours_per_week, |raw| {
        let minutes = dutch::parse_hours_as_minutes(raw)?;
        if minutes > 168 * 60 {
            return Err("Een week heeft 168 uur; kijk het aantal zorguren na.".into());
        }
        Ok(minutes)
    });
    let caring_since = c.optional("caringSince", &input.caring_since, dutch::parse_date);
    // The insurer decides who pays: one of the list's labels (or "andere"), never free text.
    let insurer = match crate::insurer::choose(conn, &input.insurer)? {
        Ok(label) => label,
        Err(message) => {
            c.errors.push(FieldError::new("insurer", message));
            String::new()
        }
    };
    if caring_since.is_some_and(|d| d > today) {
        c.errors.push(FieldError::new("caringSince", "'Zorgt sinds' ligt in de toekomst."));
    }
    if let (Some(since), Some(born)) = (caring_since, date_of_birth) {
        if since < born {
            c.errors.push(FieldError::new("caringSince", "'Zorgt sinds' ligt voor de geboortedatum."));
        }
    }
    let extern_id = match input.extern_id.trim() {
        "" => None,
        id if id.chars().count() > 50 => {
            c.errors.push(FieldError::new(
                "externId",
                "Het nummer bij aanbieder of gemeente is te lang (meer dan 50 tekens).",
            ));
            None
        }
        id => Some(id.to_string()),
    };
    let value = match (date_of_birth, address) {
        (Some(date_of_birth), Some(address)) => Some(ValidCaregiver {
            first_name,
            last_name,
            date_of_birth,
            address,
            phone,
            email,
            insurer,
            policy_number: input.policy_number.trim().to_string(),
            supplementary_policy: input.supplementary_policy,
            care_minutes_per_week,
            caring_since,
            notes: input.notes.trim().to_string(),
            extern_id,
        }),
        _ => None,
    };
    c.finish(value)
}

/// Checks a recipient form. An empty postcode and house number take the
/// caregiver's address (most recipients live with their caregiver).
pub fn validate_recipient(
    conn: &Connection,
    input: &RecipientInput,
    caregiver_address: Option<&Address>,
    today: NaiveDate,
) -> Result<ValidRecipient> {
    let mut c = Checker { errors: Vec::new() };
    let first_name = c.required("firstName", &input.first_name, "de voornaam");
    let last_name = c.required("lastName", &input.last_name, "de achternaam");
    let date_of_birth = c.birth_date("dateOfBirth", &input.date_of_birth, today);
    let same_address = input.postcode.trim().is_empty() && input.house_number.trim().is_empty();
    let address = match caregiver_address {
        Some(home) if same_address => Some(home.clone()),
        // Lives with a caregiver whose own address is wrong: that error says it all.
        None if same_address => None,
        _ => c.address(
            conn,
            AddressFields {
                postcode: &input.postcode,
                house_number: &input.house_number,
                street: &input.street,
                place: &input.place,
                municipality_override: &input.municipality_override,
            },
        )?,
    };
    let insurer = match crate::insurer::choose(conn, &input.insurer)? {
        Ok(label) => label,
        Err(message) => {
            c.errors.push(FieldError::new("insurer", message));
            String::new()
        }
    };
    let value = match (date_of_birth, address) {
        (Some(date_of_birth), Some(address)) => Some(ValidRecipient {
            first_name,
            last_name,
            date_of_birth,
            address,
            relationship: input.relationship.trim().to_string(),
            wlz_indication: input.wlz_indication,
            insurer,
            supplementary_policy: input.supplementary_policy,
        }),
        _ => None,
    };
    c.finish(value)
}
