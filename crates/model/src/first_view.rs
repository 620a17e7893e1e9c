//! Which of the lab's tools the page shows. A lesson's first view shows what that lesson
//! uses, read from its data: the barrier switch where the run shows the fencing gap (or
//! has the barrier on, or its words ask for it), compare-fencing where fencing starts off,
//! the network, settings or explorer panel where the lesson's or challenge's words send
//! the student to it (by the button's name). The rest — stepping one event, going back,
//! the story's beats as buttons, presentation mode, the narration's switches, the lesson
//! maker — waits behind one "All tools" switch, kept in this browser (`ALL_TOOLS_KEY`);
//! with it on, everything is shown as it always was.

use crate::challenge::{Challenge, Goal};
use fencing_sim::{Command, Scenario};

/// The localStorage key of the "All tools" switch ("1" on, "0" off).
pub const ALL_TOOLS_KEY: &str = "fencing-lab.all-tools";

/// A tool with a panel of its own, opened from the stage's bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// Splitting, slowing and holding the network's links.
    Network,
    /// The run's settings (a new run).
    Settings,
    /// The explorer ("Break this…").
    Explore,
}

/// The tools shown beyond the few every lesson has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tools {
    /// All tools on: everything, as without this choice.
    pub all: bool,
    pub barrier: bool,
    pub compare_fencing: bool,
    pub compare_barrier: bool,
    /// The network panel, Heal, and the wall and boxes as handles to split by hand.
    pub network: bool,
    pub settings: bool,
    pub explorer: bool,
}

impl Tools {
    pub const ALL: Tools = Tools {
        all: true,
        barrier: true,
        compare_fencing: true,
        compare_barrier: true,
        network: true,
        settings: true,
        explorer: true,
    };

    /// What the page shows: everything with All tools on, else what the lesson uses.
    pub fn shown(all_tools: bool, scenario: &Scenario, challenge: Option<&Challenge>) -> Tools {
        if all_tools {
            Tools::ALL
        } else {
            Tools::used_by(scenario, challenge)
        }
    }

    /// The tools a lesson (a scenario with its story and questions) or a challenge uses.
    pub fn used_by(scenario: &Scenario, challenge: Option<&Challenge>) -> Tools {
        let words = words_of(scenario, challenge);
        let names = |button: &str| words.contains(&button.to_ascii_lowercase());
        let shows_gap = scenario.expect.as_ref().is_some_and(|e| {
            e.superseded_accepted.unwrap_or(0) > 0 || e.superseded_accepted_min.unwrap_or(0) > 0
        });
        let gap_goal =
            challenge.is_some_and(|c| matches!(c.goal, Goal::ThroughTheGap | Goal::CloseTheGap));
        let barrier = scenario.config.barrier || shows_gap || gap_goal || names("barrier on");
        Tools {
            all: false,
            barrier,
            compare_fencing: !scenario.config.fencing || names("Compare fencing"),
            compare_barrier: names("Compare barrier"),
            network: names("Network…") || splits_by_hand(scenario),
            settings: names("Settings…"),
            explorer: names("Break this…"),
        }
    }
}

/// Whether the scenario cuts or holds single links: faults the student redoes with the
/// network panel (a whole-network split is drawn, and scripted, without it).
fn splits_by_hand(scenario: &Scenario) -> bool {
    scenario.faults.iter().any(|f| {
        matches!(
            f.command,
            Command::CutLink(_) | Command::Hold(_) | Command::HoldMessage(_)
        )
    })
}

/// Everything a lesson or challenge says to the student, lower case.
fn words_of(scenario: &Scenario, challenge: Option<&Challenge>) -> String {
    let mut out = String::new();
    for n in &scenario.narration {
        out.push_str(n.text());
        out.push('\n');
    }
    for c in scenario.lesson.iter().flat_map(|l| &l.checkpoints) {
        out.push_str(&c.question);
        out.push('\n');
        out.push_str(&c.explain);
        out.push('\n');
        for o in &c.options {
            out.push_str(&o.text);
            out.push('\n');
        }
    }
    if let Some(c) = challenge {
        for t in [c.goal_text, c.hint, c.setting] {
            out.push_str(t);
            out.push('\n');
        }
    }
    out.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::challenge::{self, CHALLENGES};
    use fencing_sim::scenario::builtin;

    fn lesson(name: &str) -> Tools {
        Tools::used_by(&builtin(name).unwrap(), None)
    }

    fn challenge(id: &str) -> Tools {
        let c = challenge::find(id).unwrap();
        Tools::used_by(&c.scenario(), Some(c))
    }

    #[test]
    fn the_first_lessons_show_no_extra_tool() {
        for name in ["leader-and-followers", "crash-restart", "gc-pause-zombie"] {
            assert_eq!(lesson(name), Tools::default(), "{name}");
        }
    }

    #[test]
    fn the_gap_lessons_bring_the_barrier_and_no_fencing_brings_compare() {
        for name in ["stale-before-new-write", "barrier-write", "drifting-clock"] {
            assert!(lesson(name).barrier, "{name}");
        }
        assert!(challenge("close-the-gap").barrier);
        assert!(challenge("through-the-gap").barrier);
        assert!(!lesson("gc-pause-zombie").barrier);
        let no_fencing = lesson("gc-pause-no-fencing");
        assert!(no_fencing.compare_fencing && !no_fencing.barrier);
        assert!(challenge("corrupt-with-one-pause").compare_fencing);
    }

    #[test]
    fn a_challenge_that_names_a_panel_shows_it() {
        assert!(challenge("keep-the-leader").settings);
        assert!(challenge("five-leaders").settings);
        assert!(challenge("two-leaders-no-pause").network);
        assert!(!challenge("keep-the-leader").network);
        for c in CHALLENGES {
            assert!(!challenge(c.id).explorer, "{}", c.id);
        }
    }

    #[test]
    fn no_entry_on_the_path_brings_more_than_two_extra_tools() {
        // The first view's budget (20 controls at 1280×720) holds with two more at most.
        for entry in crate::path::entries() {
            let t = match entry {
                crate::path::Entry::Scenario(n) => lesson(n),
                crate::path::Entry::Challenge(id) => challenge(id),
            };
            let extra = [
                t.barrier,
                t.compare_fencing,
                t.compare_barrier,
                t.network,
                t.settings,
                t.explorer,
            ]
            .iter()
            .filter(|b| **b)
            .count();
            assert!(extra <= 2, "{entry:?}: {t:?}");
        }
    }

    #[test]
    fn all_tools_shows_everything_whatever_the_lesson() {
        let s = builtin("leader-and-followers").unwrap();
        assert_eq!(Tools::shown(true, &s, None), Tools::ALL);
        assert_eq!(Tools::shown(false, &s, None), Tools::default());
    }
}
