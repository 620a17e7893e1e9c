//! What a student has done, kept in the browser's localStorage (`STORAGE_KEY`) and nowhere
//! else: each prediction (the scenario, the question, the pick, whether it was right) and
//! each challenge won (when, and the link to the winning run). Versioned JSON; a text that
//! cannot be read is refused with a message naming the problem, and the page keeps it aside
//! rather than overwrite it.

use fencing_sim::small_map::SmallMap;
use serde::Serialize;

/// The localStorage key the progress lives under.
pub const STORAGE_KEY: &str = "fencing-lab.progress";
/// Where the page keeps a stored text it could not read, instead of overwriting it.
pub const UNREADABLE_KEY: &str = "fencing-lab.progress.unreadable";
/// The `fingerprint` of the unreadable text last named in a notice: the same text found
/// again (the page reloaded before any new progress replaced it) is not named again.
pub const REPORTED_KEY: &str = "fencing-lab.progress.reported";

/// A short fingerprint of a stored text (FNV-1a, 64 bits, in hex): enough to tell
/// whether an unreadable text is the one already reported.
pub fn fingerprint(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}
pub const VERSION: u32 = 1;
/// Stored progress larger than this is refused unread.
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub version: u32,
    /// Scenario name → question number (0-based, in the order asked) → the prediction.
    pub predictions: SmallMap<String, SmallMap<usize, Prediction>>,
    /// Challenge id → the win.
    pub challenges: SmallMap<String, Win>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: VERSION,
            predictions: SmallMap::new(),
            challenges: SmallMap::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Prediction {
    pub chosen: usize,
    pub right: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Win {
    /// The virtual time the goal was reached.
    pub at_ms: u64,
    /// The share link's fragment body (`run=v2…`) of the winning run at that moment.
    pub link: String,
}

fencing_sim::read_struct!(Progress, r#"an object such as {"version": 1}"#, {
    version: req, predictions: or_default, challenges: or_default,
});
fencing_sim::read_struct!(Prediction, r#"an object such as {"chosen": 0, "right": true}"#, {
    chosen: req, right: req,
});
fencing_sim::read_struct!(Win, r#"an object such as {"at_ms": 6000, "link": "run=…"}"#, {
    at_ms: req, link: req,
});

impl Progress {
    /// Reads stored progress; the error names what is wrong with it.
    pub fn from_json(text: &str) -> Result<Progress, String> {
        if text.len() > MAX_BYTES {
            return Err(format!(
                "it is {} bytes, more than the {MAX_BYTES} progress can take",
                text.len()
            ));
        }
        let p: Progress = fencing_sim::read::from_text(text).map_err(|e| e.to_string())?;
        if p.version != VERSION {
            return Err(format!(
                "it is version {}, and this lab reads version {VERSION}",
                p.version
            ));
        }
        Ok(p)
    }

    pub fn to_json(&self) -> String {
        fencing_sim::json_out::json_text(self)
    }

    pub fn is_empty(&self) -> bool {
        self.predictions.is_empty() && self.challenges.is_empty()
    }

    /// Records an answer to question `question` of `scenario` (a later answer replaces an
    /// earlier one: the student tried again).
    pub fn predicted(&mut self, scenario: &str, question: usize, chosen: usize, right: bool) {
        self.predictions
            .get_or_insert_with(scenario.to_string(), SmallMap::new)
            .insert(question, Prediction { chosen, right });
    }

    /// Records a win; the first one is kept (its link is the run that first reached it).
    pub fn won(&mut self, challenge: &str, at_ms: u64, link: String) {
        if !self.challenges.contains_key(challenge) {
            self.challenges
                .insert(challenge.to_string(), Win { at_ms, link });
        }
    }

    /// How many of `scenario`'s questions were answered, and how many rightly.
    pub fn score(&self, scenario: &str) -> (usize, usize) {
        self.predictions.get(scenario).map_or((0, 0), |m| {
            (m.len(), m.values().filter(|p| p.right).count())
        })
    }

    pub fn win(&self, challenge: &str) -> Option<&Win> {
        self.challenges.get(challenge)
    }
}

/// The notice when the stored progress could not be read (`error`); `kept` says whether
/// the text was kept aside under `UNREADABLE_KEY`.
pub fn unreadable_notice(error: &str, kept: bool) -> String {
    format!(
        "Your saved progress could not be read ({error}){}; progress starts afresh.",
        if kept {
            ", so it was kept aside in this browser"
        } else {
            ""
        }
    )
}

/// The notice when the progress could not be stored (`error`): none while there is
/// nothing to keep.
pub fn not_kept_notice(progress: &Progress, error: &str) -> Option<String> {
    (!progress.is_empty()).then(|| format!("Your progress is not kept: {error}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_survives_a_round_trip_and_answers_replace_earlier_ones() {
        let mut p = Progress::default();
        p.predicted("gc-pause-zombie", 0, 1, false);
        p.predicted("gc-pause-zombie", 0, 0, true);
        p.predicted("gc-pause-zombie", 2, 1, false);
        p.won("five-leaders", 29_557, "run=v1abc".into());
        p.won("five-leaders", 40_000, "run=v1later".into());
        let back = Progress::from_json(&p.to_json()).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.score("gc-pause-zombie"), (2, 1));
        assert_eq!(back.score("drifting-clock"), (0, 0));
        assert_eq!(back.win("five-leaders").unwrap().link, "run=v1abc");
    }

    #[test]
    fn a_fingerprint_tells_one_stored_text_from_another() {
        // FNV-1a's published values for "" and "a".
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        let bad = r#"{"version": 1, "predictions": 7}"#;
        assert_eq!(fingerprint(bad), fingerprint(bad));
        assert_ne!(
            fingerprint(bad),
            fingerprint(r#"{"version": 1, "predictions": 8}"#)
        );
    }

    #[test]
    fn unreadable_progress_is_refused_with_its_reason() {
        for (text, words) in [
            ("", "EOF"),
            ("{", "EOF"),
            ("[]", "invalid type: sequence"),
            ("7", "invalid type"),
            (r#"{"version": 2}"#, "version 2"),
            (r#"{"version": 1, "extra": 1}"#, "unknown field `extra`"),
            (
                r#"{"version": 1, "predictions": {"x": {"zero": {"chosen": 0, "right": true}}}}"#,
                "invalid",
            ),
        ] {
            let e = Progress::from_json(text).unwrap_err();
            assert!(e.contains(words), "{text}: {e}");
        }
        let big = format!(
            r#"{{"version": 1, "challenges": {{}}, "x": "{}"}}"#,
            "a".repeat(MAX_BYTES)
        );
        assert!(Progress::from_json(&big).unwrap_err().contains("more than"));
        assert_eq!(
            Progress::from_json(r#"{"version": 1}"#),
            Ok(Progress::default())
        );
    }
}
