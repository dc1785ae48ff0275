//! What a person typed in the search box: a date of birth, a postcode, and
//! words of a name (or of a place). A name comes as `voornaam achternaam`
//! or as the list shows it, `achternaam, voornaam`; a surname prefix (`de`,
//! `van der`) belongs to the surname wherever it stands (`jan de vries`,
//! `de vries, jan`, `vries, jan de`).

use chrono::NaiveDate;

use crate::dutch;

/// The box, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Query {
    pub date_of_birth: Option<NaiveDate>,
    /// A postcode or its start in the stored form: `3311`, `3311 A`, `3311 AB`.
    pub postcode: Option<String>,
    /// The other words, folded, in the order typed.
    pub words: Vec<String>,
    /// The ways the words can be a name, best guesses first.
    pub readings: Vec<Reading>,
}

/// One way to read the words as a name; all folded.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Reading {
    pub first: Option<String>,
    /// The surname with its prefix, as typed (`de vries`, or only its start).
    pub last: String,
}

impl Query {
    /// Words of three letters or more: found anywhere (the trigram index).
    pub fn long_words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str).filter(|w| is_long(w))
    }

    /// Words of one or two letters: found only where a name (or a part of it) starts.
    pub fn short_words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str).filter(|w| !is_long(w))
    }
}

pub(super) fn is_long(word: &str) -> bool {
    word.chars().count() >= 3
}

/// `3311`, `3311a`, `3311 AB`: a postcode or the start of one.
pub(super) fn postcode_prefix(query: &str) -> Option<String> {
    let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    // By characters, not bytes: a query such as "aéé" must not split inside a letter.
    let split = compact.char_indices().nth(4).map_or(compact.len(), |(i, _)| i);
    let (digits, letters) = compact.split_at(split);
    let is_postcode = digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && letters.len() <= 2
        && letters.chars().all(|c| c.is_ascii_uppercase());
    is_postcode.then(|| if letters.is_empty() { digits.to_string() } else { format!("{digits} {letters}") })
}

fn is_date_like(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit()) && token.chars().any(|c| matches!(c, '-' | '/' | '.'))
}

fn is_letters(token: &str, max: usize) -> bool {
    !token.is_empty() && token.len() <= max && token.chars().all(|c| c.is_ascii_alphabetic())
}

pub(super) fn parse(raw: &str) -> Query {
    let folded = dutch::fold(raw);
    let spaced = folded.replace(',', " , ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut query = Query::default();
    let mut rest: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        if query.date_of_birth.is_none() && is_date_like(token) {
            if let Ok(date) = dutch::parse_date(token) {
                query.date_of_birth = Some(date);
                i += 1;
                continue;
            }
        }
        if query.postcode.is_none() && token.len() >= 4 && token.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            // "3311 ab": the letters are the postcode's, unless a name follows
            // them and they are a surname prefix ("3311 de vries").
            let next = tokens.get(i + 1).copied().filter(|n| {
                token.len() == 4 && is_letters(n, 2) && (i + 2 == tokens.len() || !dutch::is_surname_prefix(n))
            });
            if let Some(next) = next.and_then(|n| postcode_prefix(&format!("{token}{n}")).map(|p| (n, p))) {
                query.postcode = Some(next.1);
                i += 2;
                continue;
            }
            if let Some(prefix) = postcode_prefix(token) {
                query.postcode = Some(prefix);
                i += 1;
                continue;
            }
        }
        rest.push(token);
        i += 1;
    }
    query.words = rest.iter().filter(|t| **t != ",").map(|t| t.to_string()).collect();
    query.readings = readings(&rest);
    query
}

fn join(words: &[&str]) -> String {
    words.join(" ")
}

/// The ways `tokens` (words and commas) can be a name.
fn readings(tokens: &[&str]) -> Vec<Reading> {
    if let Some(comma) = tokens.iter().position(|t| *t == ",") {
        let before: Vec<&str> = tokens[..comma].to_vec();
        let after: Vec<&str> = tokens[comma + 1..].iter().copied().filter(|t| *t != ",").collect();
        return match (before.is_empty(), after.is_empty()) {
            (true, true) => Vec::new(),
            (false, true) => vec![Reading { first: None, last: join(&before) }],
            (true, false) => vec![Reading { first: None, last: join(&after) }],
            (false, false) => {
                // "vries, jan de": the prefix after the first name goes before the surname.
                let split =
                    (1..after.len()).find(|&k| dutch::is_surname_prefix(&join(&after[k..]))).unwrap_or(after.len());
                let last = if split < after.len() {
                    format!("{} {}", join(&after[split..]), join(&before))
                } else {
                    join(&before)
                };
                vec![Reading { first: Some(join(&after[..split])), last }]
            }
        };
    }
    let words = tokens;
    if words.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Reading { first: None, last: join(words) }];
    // A first name does not start or end with a surname prefix: "de v" is
    // the start of de Vries, not a Dennis van Gelder.
    let may_be_first =
        |first: &[&str]| !first.first().into_iter().chain(first.last()).any(|w| dutch::is_surname_prefix(w));
    // Nor is a prefix alone a surname.
    let may_be_last = |last: &[&str]| !dutch::is_surname_prefix(&join(last));
    for k in 1..words.len() {
        // "jan de vries" and "vries jan" (without the comma) alike.
        if may_be_first(&words[..k]) && may_be_last(&words[k..]) {
            out.push(Reading { first: Some(join(&words[..k])), last: join(&words[k..]) });
        }
        if may_be_first(&words[k..]) && may_be_last(&words[..k]) {
            out.push(Reading { first: Some(join(&words[k..])), last: join(&words[..k]) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(first: Option<&str>, last: &str) -> Reading {
        Reading { first: first.map(str::to_string), last: last.into() }
    }

    #[test]
    fn postcode_queries_are_recognised() {
        assert_eq!(postcode_prefix("3311").as_deref(), Some("3311"));
        assert_eq!(postcode_prefix("3311a").as_deref(), Some("3311 A"));
        assert_eq!(postcode_prefix("3311 ab").as_deref(), Some("3311 AB"));
        assert_eq!(postcode_prefix("jans"), None);
        assert_eq!(postcode_prefix("331"), None);
        // Letters of more than one byte are not cut in half (the search folds
        // its query to ASCII first, but this function must not rely on that).
        assert_eq!(postcode_prefix("aéé"), None);
        assert_eq!(postcode_prefix("Çelikö"), None);
    }

    #[test]
    fn the_list_form_and_the_spoken_form_are_both_a_name() {
        let q = parse("Jansen, Jan");
        assert_eq!(q.words, ["jansen", "jan"]);
        assert_eq!(q.readings, [reading(Some("jan"), "jansen")]);
        let q = parse("jan jansen");
        assert!(q.readings.contains(&reading(Some("jan"), "jansen")));
        assert!(q.readings.contains(&reading(Some("jansen"), "jan")), "either order");
        assert!(q.readings.contains(&reading(None, "jan jansen")));
        assert_eq!(parse("de v").readings, [reading(None, "de v")], "no first name 'de', no surname 'de'");
    }

    #[test]
    fn a_surname_prefix_belongs_to_the_surname() {
        assert!(parse("jan de vries").readings.contains(&reading(Some("jan"), "de vries")));
        assert_eq!(parse("de Vries, Jan").readings, [reading(Some("jan"), "de vries")]);
        assert_eq!(parse("vries, jan de").readings, [reading(Some("jan"), "de vries")]);
        assert_eq!(parse("berg, anouk van der").readings, [reading(Some("anouk"), "van der berg")]);
        assert_eq!(parse("Vries,").readings, [reading(None, "vries")]);
    }

    #[test]
    fn a_date_of_birth_and_a_postcode_in_the_same_box() {
        let q = parse("jan jansen 14-03-1958");
        assert_eq!(q.date_of_birth, NaiveDate::from_ymd_opt(1958, 3, 14));
        assert_eq!(q.words, ["jan", "jansen"]);
        assert_eq!(parse("1958-03-14").date_of_birth, NaiveDate::from_ymd_opt(1958, 3, 14));
        assert_eq!(parse("4-3-1958 vries").date_of_birth, NaiveDate::from_ymd_opt(1958, 3, 4));
        assert_eq!(parse("31-02-1958").date_of_birth, None, "not a date: left as a word");

        let q = parse("3311 AB de vries");
        assert_eq!((q.postcode.as_deref(), q.words.join(" ")), (Some("3311 AB"), "de vries".into()));
        let q = parse("3311 de vries");
        assert_eq!((q.postcode.as_deref(), q.words.join(" ")), (Some("3311"), "de vries".into()));
        assert_eq!(parse("vries 3311ab").postcode.as_deref(), Some("3311 AB"));
        assert_eq!(parse("3311 de").postcode.as_deref(), Some("3311 DE"), "letters at the end are the postcode's");
        let q = parse("14-03-1958 3311");
        assert!(q.words.is_empty() && q.date_of_birth.is_some() && q.postcode.is_some());
    }

    #[test]
    fn short_and_long_words() {
        let q = parse("van d");
        assert_eq!(q.long_words().collect::<Vec<_>>(), ["van"]);
        assert_eq!(q.short_words().collect::<Vec<_>>(), ["d"]);
        assert_eq!(parse("  "), Query::default());
        assert!(parse(",").readings.is_empty());
    }
}
