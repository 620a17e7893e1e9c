//! Patterns that pick events out of a trace, and claims about a run made of them: the
//! vocabulary narration beats are anchored with and stories are checked by.
//!
//! A pattern is a JSON object matched against an event's line in the exported trace: it
//! matches when every key it names is there with an equal value, objects being compared
//! the same way, key by key. `{"kind": "write", "token": 33, "verdict": {"verdict":
//! "rejected"}}` matches the zombie's rejected write whatever its time or node. `kind` is
//! required and must be one of the trace's event kinds.
//!
//! A claim is `{"happens": pattern}` (at least one event matches), `{"never": pattern}`
//! (none does) or `{"before": [first, then]}` (both happen, the first `first` before the
//! first `then`), judged over the whole trace of a run.

use crate::read::{Place, Read, Res};
use crate::time::SimTime;
use crate::trace::Event;
use serde::Serialize;
use serde_json::{Map, Value};

/// Every event kind a trace line can have (`"kind"` in the exported trace).
pub const EVENT_KINDS: &[&str] = &[
    "send",
    "deliver",
    "drop",
    "held",
    "held_on_link",
    "released",
    "timer",
    "grant",
    "renewal",
    "denial",
    "renew_denial",
    "expiry",
    "node",
    "lease",
    "write",
    "fault",
    "fault_skipped",
    "pause_armed",
    "paused",
    "resumed",
    "crashed",
    "restarted",
    "violation",
    "split_brain",
    "split_brain_over",
];

/// The fields each kind's trace line has besides `t` and `kind`, so a pattern naming a
/// field no event of its kind has (a typo that would never match) is refused by name.
/// `tests/it/lessons.rs` checks the table against every event of the built-in runs.
pub const EVENT_FIELDS: &[Fields] = &[
    ("send", &["id", "from", "to", "msg", "deliver_at"]),
    ("deliver", &["id", "from", "to"]),
    ("drop", &["id", "from", "to", "reason"]),
    ("held", &["id", "node"]),
    ("held_on_link", &["id", "from", "to"]),
    ("released", &["id", "from", "to", "deliver_at"]),
    ("timer", &["node", "timer"]),
    ("grant", &["node", "term", "expires_at"]),
    ("renewal", &["node", "term", "expires_at"]),
    ("denial", &["node", "holder", "term"]),
    ("renew_denial", &["node", "term"]),
    ("expiry", &["node", "term"]),
    ("node", &["node", "note"]),
    ("lease", &["node", "term", "until"]),
    ("write", &["node", "token", "value", "verdict"]),
    ("fault", &["fault", "text"]),
    ("fault_skipped", &["fault", "reason"]),
    ("pause_armed", &["node"]),
    ("paused", &["node", "until", "worst_moment"]),
    ("resumed", &["node", "held"]),
    ("crashed", &["node"]),
    ("restarted", &["node", "term"]),
    ("violation", &["violation"]),
    ("split_brain", &["leaders"]),
    ("split_brain_over", &[]),
];

/// A kind of event (or a variant of a tagged object) and the fields it has.
pub type Fields = (&'static str, &'static [&'static str]);

/// The tagged objects inside a line, `(field, its tag, [(tag value, its fields)])`: a
/// node's note, a write's verdict, a violation.
pub const TAGGED_FIELDS: &[(&str, &str, &[Fields])] = &[
    (
        "note",
        "note",
        &[
            ("candidate", &["term"]),
            ("leader", &["term", "lease_left"]),
            ("follower", &["term", "leader"]),
            ("step_down", &["term", "reason"]),
            ("lease_extended", &["term", "lease_left"]),
            ("lease_check", &["term", "ok", "lease_left"]),
            ("write_sent", &["token", "value"]),
            ("barrier_sent", &["token"]),
            ("grant_ignored", &["term"]),
            ("old_term_refused", &["from", "term", "current"]),
        ],
    ),
    (
        "verdict",
        "verdict",
        &[
            ("accepted", &[]),
            ("rejected", &["highest"]),
            ("stale_accepted", &["highest"]),
            ("superseded", &["granted"]),
        ],
    ),
    (
        "violation",
        "violation",
        &[
            ("term_reused", &["node", "term", "last"]),
            ("term_went_back", &["node", "from", "to"]),
            ("storage_order", &["node", "token", "highest"]),
            ("stale_write", &["node", "token", "highest"]),
            ("lease_overlap", &["node", "other"]),
        ],
    ),
];

fn words(list: &[&str]) -> String {
    if list.is_empty() {
        "none".to_string()
    } else {
        list.join(", ")
    }
}

/// The problem with a tagged object in a pattern (`{"verdict": "rejected", "highest": 34}`):
/// a tag value no such object has, or a field its variant lacks.
fn tagged_problem(field: &str, value: &Value) -> Option<String> {
    let (_, tag, variants) = TAGGED_FIELDS.iter().find(|(f, ..)| *f == field)?;
    let Value::Object(obj) = value else {
        return Some(format!("\"{field}\" is an object, like {{\"{tag}\": …}}"));
    };
    let names: Vec<&str> = variants.iter().map(|(n, _)| *n).collect();
    let fields: Vec<&str> = match obj.get(*tag) {
        None => variants
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect(),
        Some(Value::String(v)) => match variants.iter().find(|(n, _)| n == v) {
            Some((_, f)) => f.to_vec(),
            None => {
                return Some(format!(
                    "{field}.{tag}: \"{v}\" is not one; they are {}",
                    names.join(", ")
                ))
            }
        },
        Some(v) => {
            return Some(format!(
                "{field}.{tag}: {} is not one; they are {}",
                crate::json_out::json_text(v),
                names.join(", ")
            ))
        }
    };
    obj.keys()
        .find(|k| k.as_str() != *tag && !fields.contains(&k.as_str()))
        .map(|k| {
            format!(
                "{field}.{k}: no {field} has this field (its fields: {})",
                words(&fields)
            )
        })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Pattern(pub Map<String, Value>);

/// Any object reads as a pattern; what it asks for is checked by `problem`.
impl Read for Pattern {
    fn read(v: &Value, at: &Place) -> Res<Pattern> {
        Map::read(v, at).map(Pattern)
    }
}

fn subset(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w
            .iter()
            .all(|(k, v)| g.get(k).is_some_and(|gv| subset(v, gv))),
        _ => want == got,
    }
}

impl Pattern {
    /// The pattern's problem, if it has one: no `kind`, a kind no event has, or a field
    /// (or a note, verdict or violation) no event of that kind has.
    pub fn problem(&self) -> Option<String> {
        let kind = match self.0.get("kind") {
            None => {
                return Some(format!(
                    r#"needs a "kind": one of {}"#,
                    EVENT_KINDS.join(", ")
                ))
            }
            Some(Value::String(k)) if EVENT_KINDS.contains(&k.as_str()) => k.as_str(),
            Some(k) => {
                return Some(format!(
                    "{} is not an event kind; the kinds are {}",
                    crate::json_out::json_text(k),
                    EVENT_KINDS.join(", ")
                ))
            }
        };
        let fields = EVENT_FIELDS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[][..], |(_, f)| *f);
        for (key, value) in &self.0 {
            if key == "kind" || key == "t" {
                continue;
            }
            if !fields.contains(&key.as_str()) {
                return Some(format!(
                    "\"{key}\": no {kind} event has this field (its fields: {})",
                    words(fields)
                ));
            }
            if let Some(m) = tagged_problem(key, value) {
                return Some(m);
            }
        }
        None
    }

    /// The event kind it asks for (every valid pattern names one).
    pub fn kind(&self) -> Option<&str> {
        self.0.get("kind").and_then(Value::as_str)
    }

    /// Whether `e` could match: its kind is the one asked for. Cheap (no JSON is built),
    /// so callers test it first.
    pub fn could_match(&self, e: &Event) -> bool {
        self.kind().is_none_or(|k| k == e.kind.name())
    }

    pub fn matches_line(&self, line: &Value) -> bool {
        self.0
            .iter()
            .all(|(k, v)| line.get(k).is_some_and(|g| subset(v, g)))
    }

    pub fn matches(&self, e: &Event) -> bool {
        self.could_match(e) && self.matches_line(&e.to_json_value())
    }

    /// The index of the first event in `events` it matches.
    pub fn first(&self, events: &[Event]) -> Option<usize> {
        events.iter().position(|e| self.matches(e))
    }
}

impl std::fmt::Display for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::json_out::json_text(&self.0))
    }
}

impl std::fmt::Display for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::json_out::json_text(self))
    }
}

/// Something a story says about its run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Claim {
    Happens(Pattern),
    Never(Pattern),
    Before(Pattern, Pattern),
}

/// `{"happens": …}`, `{"never": …}` or `{"before": [first, then]}`.
impl Read for Claim {
    fn read(v: &Value, at: &Place) -> Res<Claim> {
        const FORMS: &str = r#"a claim such as {"happens": {"kind": …}}, {"never": {"kind": …}} or {"before": [{"kind": …}, {"kind": …}]}"#;
        let one = match v {
            Value::Object(m) if m.len() == 1 => m.iter().next(),
            _ => None,
        };
        let Some((name, inner)) = one else {
            return Err(at.wrong_type(v, FORMS));
        };
        let here = at.key(name);
        match name.as_str() {
            "happens" => Pattern::read(inner, &here).map(Claim::Happens),
            "never" => Pattern::read(inner, &here).map(Claim::Never),
            "before" => match inner {
                Value::Array(pair) if pair.len() == 2 => Ok(Claim::Before(
                    Pattern::read(&pair[0], &here.item(0))?,
                    Pattern::read(&pair[1], &here.item(1))?,
                )),
                _ => Err(here.wrong_type(inner, "two patterns, [first, then]")),
            },
            _ => Err(here.error(format!(
                "unknown variant `{name}`, expected one of `happens`, `never`, `before`"
            ))),
        }
    }
}

crate::deserialize_by_read!(Pattern, Claim);

impl Claim {
    /// The first problem of its patterns (see `Pattern::problem`).
    pub fn problem(&self) -> Option<String> {
        self.patterns().iter().find_map(|p| p.problem())
    }

    pub fn patterns(&self) -> Vec<&Pattern> {
        match self {
            Claim::Happens(p) | Claim::Never(p) => vec![p],
            Claim::Before(a, b) => vec![a, b],
        }
    }

    /// Whether the trace bears the claim out; if not, why, in words.
    pub fn check(&self, events: &[Event]) -> Result<(), String> {
        self.judge(|p| p.first(events).map(|i| (i as u64, events[i].t)))
    }

    /// The same judgement from where each pattern first matched: `first(p)` gives the
    /// position in the trace and the time of the first event matching `p`, if any.
    pub fn judge(&self, first: impl Fn(&Pattern) -> Option<(u64, SimTime)>) -> Result<(), String> {
        match self {
            Claim::Happens(p) => first(p)
                .map(|_| ())
                .ok_or_else(|| format!("no event like {p} happened")),
            Claim::Never(p) => match first(p) {
                None => Ok(()),
                Some((_, t)) => Err(format!("an event like {p} happened, at {t}")),
            },
            Claim::Before(a, b) => match (first(a), first(b)) {
                (Some((i, _)), Some((j, _))) if i < j => Ok(()),
                (Some((_, ta)), Some((_, tb))) => {
                    Err(format!("{a} (at {ta}) did not come before {b} (at {tb})"))
                }
                (None, _) => Err(format!("no event like {a} happened")),
                (_, None) => Err(format!("no event like {b} happened")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{NodeId, Term, Token};
    use crate::storage::Verdict;
    use crate::trace::EventKind;

    fn pattern(json: &str) -> Pattern {
        serde_json::from_str(json).unwrap()
    }

    fn write(ms: u64, node: u8, token: u64, verdict: Verdict) -> Event {
        Event {
            t: SimTime::from_ms(ms),
            kind: EventKind::Write {
                node: NodeId(node),
                token: Token(token),
                value: None,
                verdict,
            },
        }
    }

    #[test]
    fn a_pattern_matches_the_keys_it_names_and_ignores_the_rest() {
        let rejected = write(9, 2, 33, Verdict::Rejected { highest: Token(34) });
        assert!(pattern(r#"{"kind": "write"}"#).matches(&rejected));
        assert!(pattern(r#"{"kind": "write", "token": 33, "node": 2}"#).matches(&rejected));
        assert!(
            pattern(r#"{"kind": "write", "verdict": {"verdict": "rejected"}}"#).matches(&rejected)
        );
        assert!(pattern(r#"{"kind": "write", "verdict": {"highest": 34}}"#).matches(&rejected));
        assert!(!pattern(r#"{"kind": "write", "token": 34}"#).matches(&rejected));
        assert!(!pattern(r#"{"kind": "grant"}"#).matches(&rejected));
        assert!(!pattern(r#"{"kind": "write", "nope": 1}"#).matches(&rejected));
    }

    #[test]
    fn claims_are_judged_over_the_trace() {
        let events = [
            write(1, 2, 33, Verdict::Superseded { granted: Term(34) }),
            write(2, 3, 34, Verdict::Accepted),
            write(3, 2, 33, Verdict::Rejected { highest: Token(34) }),
        ];
        let claim = |json: &str| serde_json::from_str::<Claim>(json).unwrap();
        let gap = r#"{"kind": "write", "verdict": {"verdict": "superseded"}}"#;
        let rej = r#"{"kind": "write", "verdict": {"verdict": "rejected"}}"#;
        let stale = r#"{"kind": "write", "verdict": {"verdict": "stale_accepted"}}"#;
        assert_eq!(
            claim(&format!(r#"{{"happens": {rej}}}"#)).check(&events),
            Ok(())
        );
        assert_eq!(
            claim(&format!(r#"{{"never": {stale}}}"#)).check(&events),
            Ok(())
        );
        assert_eq!(
            claim(&format!(r#"{{"before": [{gap}, {rej}]}}"#)).check(&events),
            Ok(())
        );
        let wrong = claim(&format!(r#"{{"before": [{rej}, {gap}]}}"#)).check(&events);
        assert!(wrong.unwrap_err().contains("did not come before"));
        let wrong = claim(&format!(r#"{{"never": {rej}}}"#)).check(&events);
        assert!(wrong.unwrap_err().contains("happened, at 0.003"));
        assert!(claim(&format!(r#"{{"happens": {stale}}}"#))
            .check(&events)
            .unwrap_err()
            .starts_with("no event like"));
    }

    #[test]
    fn a_pattern_needs_a_known_kind() {
        assert!(pattern(r#"{"kind": "write"}"#).problem().is_none());
        assert!(pattern(r#"{"token": 33}"#)
            .problem()
            .unwrap()
            .contains("needs a \"kind\""));
        assert!(pattern(r#"{"kind": "wrote"}"#)
            .problem()
            .unwrap()
            .contains("not an event kind"));
    }
}
