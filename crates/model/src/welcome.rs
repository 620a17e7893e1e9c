//! The welcome a first visit gets: a few words on what the lab is for, a button that opens
//! the first lesson of the path and one that skips to the lab. Only a first visit: nothing
//! stored by the lab in this browser yet (no progress, no welcome seen) and no link in the
//! address (a lesson, a scenario, a shared run: the link says where to start). Once closed
//! either way it is never shown again (`WELCOMED_KEY`).

/// The localStorage key set once the welcome has been seen (or was not needed).
pub const WELCOMED_KEY: &str = "fencing-lab.welcomed";

pub const TITLE: &str = "Welcome to Fencing Lab";

/// The welcome's words, a sentence each.
pub const LINES: &[&str] = &[
    "In many systems one computer, the leader, is in charge, and the others take over if it stops.",
    "But a leader can freeze for a few seconds, wake up, and keep writing as if nothing happened, \
     overwriting the work of the leader that replaced it.",
    "Here you watch that happen, step by step, and see how a number sent with every write, a \
     fencing token, lets the storage refuse the old leader.",
];

pub const START: &str = "Start with the first lesson";
pub const SKIP: &str = "Skip — explore freely";

/// What the page finds when it starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Visit<'a> {
    /// The stored progress, as text, if any.
    pub progress: Option<&'a str>,
    /// The welcome-seen mark, if any.
    pub welcomed: Option<&'a str>,
    /// The address's fragment (with or without `#`).
    pub fragment: &'a str,
}

impl Visit<'_> {
    /// A first visit, which the welcome greets.
    pub fn is_first(&self) -> bool {
        self.progress.is_none()
            && self.welcomed.is_none()
            && self.fragment.trim_start_matches('#').trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_first_visit_with_no_link_is_welcomed() {
        assert!(Visit::default().is_first());
        assert!(Visit {
            fragment: "#",
            ..Visit::default()
        }
        .is_first());
        let back = Visit {
            progress: Some(r#"{"version":1}"#),
            ..Visit::default()
        };
        assert!(!back.is_first(), "a return visit");
        let seen = Visit {
            welcomed: Some("1"),
            ..Visit::default()
        };
        assert!(!seen.is_first(), "the welcome was seen");
        for f in [
            "#lesson=gc-pause-zombie",
            "scenario=drifting-clock",
            "#challenge=five-leaders",
            "#run=v2.abc",
        ] {
            let linked = Visit {
                fragment: f,
                ..Visit::default()
            };
            assert!(!linked.is_first(), "{f}");
        }
    }

    #[test]
    fn the_welcome_is_short_and_opens_the_first_lesson() {
        assert!((2..=4).contains(&LINES.len()));
        for l in LINES {
            assert!(l.len() < 160, "{l}");
        }
        let first = crate::path::entries().next().unwrap();
        assert_eq!(first, crate::path::Entry::Scenario("leader-and-followers"));
    }
}
