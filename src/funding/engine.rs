//! The allocation engine: which funder pays which part of each delivered
//! session. Pure: facts in, parts out, no store. Deterministic: sessions are
//! taken in order of date, start time and id, whatever order they come in.
//!
//! Sequential policy (the region's default): the insurer scheme while its cap
//! lasts, then the budget of the municipality where the recipient lives,
//! then "niet gedekt". Co-funding: while the cap lasts each session is split
//! by a percentage between insurer and municipality; after it, the
//! municipality pays.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;

/// Funder code of what nobody pays (yet): the director decides.
pub const UNCOVERED: &str = "NIET_GEDEKT";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// Calendar days; a date with delivered respite counts once.
    Days(i64),
    /// Days of N delivered minutes each: effectively `days × N` minutes.
    DaysOfMinutes {
        days: i64,
        minutes_per_day: i64,
    },
    Minutes(i64),
    Cents(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeRule {
    pub code: String,
    pub cap: Cap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Sequential,
    CoFunding { insurer_percent: i64 },
}

/// What the engine needs to know of one delivered session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub id: i64,
    pub caregiver_id: i64,
    pub date: NaiveDate,
    pub starts_at: i64,
    pub minutes: i64,
    pub cost: i64,
    /// The municipality whose budget pays after the insurer (recipient's);
    /// shared, since a year has about 200,000 sessions and a few dozen of them.
    pub municipality: Option<Rc<str>>,
    /// Index into the schemes of the one that covers this session, if any.
    pub scheme: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Shared between the parts of a year: a funder code is one of a few.
    pub funder: Rc<str>,
    pub cents: i64,
    pub minutes: i64,
    /// Cap days this part used (calendar-day caps only).
    pub cap_days: i64,
}

/// The order in which sessions are allocated: date, start time, id.
pub fn order_key(s: &SessionFacts) -> (NaiveDate, i64, i64) {
    (s.date, s.starts_at, s.id)
}

/// `a × b / c` rounded half up, for non-negative numbers.
fn mul_div(a: i64, b: i64, c: i64) -> i64 {
    if c == 0 {
        return 0;
    }
    (2 * a * b + c) / (2 * c)
}

#[derive(Default)]
struct CapState {
    dates: HashSet<NaiveDate>,
    used: i64,
}

/// Allocates every session; returns the parts per session id, in the
/// deterministic order. The parts of a session add up to its cost and its
/// minutes; no funder goes over its cap or budget.
pub fn allocate(
    sessions: &[SessionFacts],
    schemes: &[SchemeRule],
    policy: Policy,
    budgets: &HashMap<String, i64>,
) -> Vec<(i64, Vec<Part>)> {
    allocate_from(sessions, schemes, policy, budgets, &HashMap::new())
}

/// Allocates from a point in the year: `budgets` are what is left of each
/// budget there, `days_used` the days each caregiver's day cap used before
/// it (per caregiver and scheme index; every session given lies on or after
/// that point, so none of them falls on one of those days). Only
/// calendar-day caps can start midway; the other units start from zero.
pub fn allocate_from(
    sessions: &[SessionFacts],
    schemes: &[SchemeRule],
    policy: Policy,
    budgets: &HashMap<String, i64>,
    days_used: &HashMap<(i64, usize), i64>,
) -> Vec<(i64, Vec<Part>)> {
    let mut order: Vec<&SessionFacts> = sessions.iter().collect();
    order.sort_by_key(|s| order_key(s));
    let mut caps: HashMap<(i64, usize), CapState> =
        days_used.iter().map(|(key, used)| (*key, CapState { dates: HashSet::new(), used: *used })).collect();
    let mut budget_left: HashMap<&str, i64> = budgets.iter().map(|(k, v)| (k.as_str(), (*v).max(0))).collect();
    let codes: Vec<Rc<str>> = schemes.iter().map(|rule| Rc::from(rule.code.as_str())).collect();
    // Versions of one scheme (one code) share one cap: a version that starts
    // midway goes on counting what the one before it used.
    let slot: Vec<usize> = schemes
        .iter()
        .enumerate()
        .map(|(i, rule)| schemes.iter().position(|other| other.code == rule.code).unwrap_or(i))
        .collect();
    let uncovered: Rc<str> = Rc::from(UNCOVERED);
    let mut result = Vec::with_capacity(order.len());
    let mut cents_by_funder: Vec<(Rc<str>, i64, i64)> = Vec::new(); // funder, cents, cap days; per session
    for s in order {
        cents_by_funder.clear();
        let mut rest = s.cost.max(0);
        if let (Some(index), true) = (s.scheme, rest > 0) {
            if let Some(rule) = schemes.get(index) {
                let state = caps.entry((s.caregiver_id, slot[index])).or_default();
                let share = |amount: i64| match policy {
                    Policy::Sequential => amount,
                    Policy::CoFunding { insurer_percent } => mul_div(amount, insurer_percent.clamp(0, 100), 100),
                };
                let (insurer, days) = match rule.cap {
                    Cap::Days(cap) => {
                        if state.dates.contains(&s.date) {
                            (share(rest), 0)
                        } else if state.used < cap {
                            state.dates.insert(s.date);
                            state.used += 1;
                            (share(rest), 1)
                        } else {
                            (0, 0)
                        }
                    }
                    Cap::DaysOfMinutes { days, minutes_per_day } => {
                        let take = (days * minutes_per_day - state.used).clamp(0, s.minutes);
                        state.used += take;
                        (share(mul_div(rest, take, s.minutes.max(1))), 0)
                    }
                    Cap::Minutes(cap) => {
                        let take = (cap - state.used).clamp(0, s.minutes);
                        state.used += take;
                        (share(mul_div(rest, take, s.minutes.max(1))), 0)
                    }
                    Cap::Cents(cap) => {
                        let take = share(rest).min((cap - state.used).max(0));
                        state.used += take;
                        (take, 0)
                    }
                };
                if insurer > 0 || days > 0 {
                    cents_by_funder.push((codes[index].clone(), insurer, days));
                    rest -= insurer;
                }
            }
        }
        if let (Some(municipality), true) = (&s.municipality, rest > 0) {
            if let Some(left) = budget_left.get_mut(&**municipality) {
                let take = rest.min(*left);
                if take > 0 {
                    *left -= take;
                    rest -= take;
                    cents_by_funder.push((municipality.clone(), take, 0));
                }
            }
        }
        if rest > 0 || cents_by_funder.is_empty() {
            // A free session (cost 0) is still recorded, at nobody's expense.
            let funder = match (&s.municipality, s.cost) {
                (Some(m), 0) if budget_left.contains_key(&**m) => m.clone(),
                _ => uncovered.clone(),
            };
            cents_by_funder.push((funder, rest, 0));
        }
        // Minutes follow the money; the last part takes the remainder.
        let mut parts = Vec::with_capacity(cents_by_funder.len());
        let mut minutes_left = s.minutes;
        let count = cents_by_funder.len();
        for (i, (funder, cents, cap_days)) in cents_by_funder.drain(..).enumerate() {
            let minutes = if i + 1 == count {
                minutes_left
            } else if s.cost > 0 {
                (s.minutes * cents / s.cost).min(minutes_left)
            } else {
                0
            };
            minutes_left -= minutes;
            parts.push(Part { funder, cents, minutes, cap_days });
        }
        result.push((s.id, parts));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default() + chrono::Days::new(u64::from(day))
    }

    fn facts(id: i64, caregiver: i64, date: NaiveDate, minutes: i64, cost: i64) -> SessionFacts {
        SessionFacts {
            id,
            caregiver_id: caregiver,
            date,
            starts_at: id,
            minutes,
            cost,
            municipality: Some("GM0505".into()),
            scheme: Some(0),
        }
    }

    fn vgz(cap: Cap) -> Vec<SchemeRule> {
        vec![SchemeRule { code: "VGZ".into(), cap }]
    }

    fn budgets(cents: i64) -> HashMap<String, i64> {
        HashMap::from([("GM0505".to_string(), cents)])
    }

    fn funders(parts: &[Part]) -> Vec<(&str, i64)> {
        parts.iter().map(|p| (&*p.funder, p.cents)).collect()
    }

    #[test]
    fn the_fourteenth_day_is_covered_and_the_fifteenth_is_not() {
        let sessions: Vec<SessionFacts> = (0..15).map(|n| facts(n + 1, 1, d(n as u32), 180, 9000)).collect();
        let out = allocate(&sessions, &vgz(Cap::Days(14)), Policy::Sequential, &budgets(1_000_000));
        assert_eq!(funders(&out[13].1), [("VGZ", 9000)], "day 14");
        assert_eq!(out[13].1[0].cap_days, 1);
        assert_eq!(funders(&out[14].1), [("GM0505", 9000)], "day 15 goes to the municipality");
    }

    #[test]
    fn two_sessions_on_one_date_use_one_day() {
        let sessions = vec![facts(1, 1, d(0), 120, 6000), facts(2, 1, d(0), 120, 6000), facts(3, 1, d(1), 60, 3000)];
        let out = allocate(&sessions, &vgz(Cap::Days(1)), Policy::Sequential, &budgets(100_000));
        assert_eq!(funders(&out[0].1), [("VGZ", 6000)]);
        assert_eq!(funders(&out[1].1), [("VGZ", 6000)]);
        assert_eq!(out[1].1[0].cap_days, 0, "the date was counted already");
        assert_eq!(funders(&out[2].1), [("GM0505", 3000)]);
    }

    #[test]
    fn a_budget_running_out_mid_session_splits_it() {
        let mut s = facts(1, 1, d(0), 240, 12000);
        s.scheme = None;
        let out = allocate(&[s], &[], Policy::Sequential, &budgets(5000));
        assert_eq!(funders(&out[0].1), [("GM0505", 5000), (UNCOVERED, 7000)]);
        assert_eq!(out[0].1.iter().map(|p| p.minutes).sum::<i64>(), 240);
        assert_eq!(out[0].1[0].minutes, 100);
    }

    #[test]
    fn an_hour_cap_splits_the_session_where_it_ends() {
        let sessions = vec![facts(1, 1, d(0), 180, 9000), facts(2, 1, d(1), 180, 9000)];
        let out = allocate(&sessions, &vgz(Cap::Minutes(240)), Policy::Sequential, &budgets(100_000));
        assert_eq!(funders(&out[0].1), [("VGZ", 9000)]);
        assert_eq!(funders(&out[1].1), [("VGZ", 3000), ("GM0505", 6000)]);
        assert_eq!(out[1].1[0].minutes, 60);
    }

    #[test]
    fn co_funding_fifty_fifty_across_the_end_of_the_cap() {
        let sessions = vec![facts(1, 1, d(0), 120, 5001), facts(2, 1, d(1), 120, 5000)];
        let out = allocate(&sessions, &vgz(Cap::Days(1)), Policy::CoFunding { insurer_percent: 50 }, &budgets(100_000));
        assert_eq!(funders(&out[0].1), [("VGZ", 2501), ("GM0505", 2500)], "half up to the insurer");
        assert_eq!(funders(&out[1].1), [("GM0505", 5000)], "after the cap the municipality pays");
    }

    #[test]
    fn the_order_of_entry_does_not_matter() {
        let mut sessions: Vec<SessionFacts> =
            (0..40).map(|n| facts(n + 1, 1 + n % 3, d((n * 7 % 20) as u32), 60 + n * 5, 3000 + n * 101)).collect();
        let forward = allocate(&sessions, &vgz(Cap::Days(5)), Policy::Sequential, &budgets(60_000));
        sessions.reverse();
        let backward = allocate(&sessions, &vgz(Cap::Days(5)), Policy::Sequential, &budgets(60_000));
        assert_eq!(forward, backward);
    }

    #[test]
    fn properties_over_generated_sessions() {
        for seed in 0..200u64 {
            let mut rng = fastrand::Rng::with_seed(seed);
            let sessions: Vec<SessionFacts> = (0..rng.i64(1..60))
                .map(|n| {
                    let mut s = facts(n + 1, rng.i64(1..5), d(rng.u32(0..40)), rng.i64(1..600), rng.i64(0..40_000));
                    if rng.u8(..5) == 0 {
                        s.scheme = None;
                    }
                    if rng.u8(..7) == 0 {
                        s.municipality = None;
                    }
                    s
                })
                .collect();
            let cap = match rng.u8(..4) {
                0 => Cap::Days(rng.i64(0..10)),
                1 => Cap::Minutes(rng.i64(0..3000)),
                2 => Cap::Cents(rng.i64(0..80_000)),
                _ => Cap::DaysOfMinutes { days: rng.i64(0..5), minutes_per_day: 240 },
            };
            let policy =
                if rng.bool() { Policy::Sequential } else { Policy::CoFunding { insurer_percent: rng.i64(0..101) } };
            let budget = rng.i64(0..200_000);
            let out = allocate(&sessions, &vgz(cap), policy, &budgets(budget));
            let by_id: HashMap<i64, &SessionFacts> = sessions.iter().map(|s| (s.id, s)).collect();
            let mut municipal = 0;
            let mut insurer_cents: HashMap<i64, i64> = HashMap::new();
            let mut insurer_days: HashMap<i64, i64> = HashMap::new();
            for (id, parts) in &out {
                let s = by_id[id];
                assert_eq!(parts.iter().map(|p| p.cents).sum::<i64>(), s.cost, "seed {seed}: parts add up to the cost");
                assert_eq!(parts.iter().map(|p| p.minutes).sum::<i64>(), s.minutes, "seed {seed}: minutes add up");
                assert!(parts.iter().all(|p| p.cents >= 0 && p.minutes >= 0), "seed {seed}: nothing negative");
                municipal += parts.iter().filter(|p| &*p.funder == "GM0505").map(|p| p.cents).sum::<i64>();
                for p in parts.iter().filter(|p| &*p.funder == "VGZ") {
                    *insurer_cents.entry(s.caregiver_id).or_default() += p.cents;
                    *insurer_days.entry(s.caregiver_id).or_default() += p.cap_days;
                }
            }
            assert!(municipal <= budget, "seed {seed}: the budget is never exceeded");
            match cap {
                Cap::Days(days) => assert!(insurer_days.values().all(|d| *d <= days), "seed {seed}: day cap"),
                Cap::Cents(cents) => assert!(insurer_cents.values().all(|c| *c <= cents), "seed {seed}: euro cap"),
                _ => {}
            }
            let mut shuffled = sessions.clone();
            rng.shuffle(&mut shuffled);
            assert_eq!(allocate(&shuffled, &vgz(cap), policy, &budgets(budget)), out, "seed {seed}: order of entry");
        }
    }
}
