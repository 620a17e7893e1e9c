//! The page's frame as the model prepares it for the components: the stage, the node's
//! actions, the twin's storage words, the findings labels, the status line, the diagram's
//! file name, the path step, the key routing and the progress notices.

use fencing_model::derived::NodeBrief;
use fencing_model::first_view::Tool;
use fencing_model::keys::{page_key, KeyContext};
use fencing_model::page::{self, NodeActionsView, StageView, TwinStorage};
use fencing_model::progress::{self, Progress};
use fencing_model::{Action, Lab};
use fencing_sim::scenario::builtin;
use fencing_sim::{NodeId, SimTime};

fn lab() -> Lab {
    Lab::with_scenario(builtin("gc-pause-zombie").unwrap())
}

#[test]
fn the_stage_shows_the_picture_and_names_this_runs_nodes_in_its_hint() {
    let lab = lab();
    let v = StageView::of(&lab);
    let last = lab.sim().node_count() - 1;
    assert!(v.picture && v.diagram && v.shown());
    assert!(!v.diagram_view && !v.author_open);
    assert_eq!(
        v.hint,
        format!(
            "Click a node (or press 0–{last}) for its actions · drag one across the wall to split"
        )
    );
    assert_eq!(v.halves, None, "no halves without a twin");
}

/// A tablet worked by a finger keeps the wide picture, and its hint says tap (it has no
/// number keys to press); given a mouse again, click.
#[test]
fn a_finger_for_a_pointer_gets_the_tap_hint_on_the_wide_picture_too() {
    use fencing_model::layout::Shape;
    let mut lab = lab();
    lab.apply(Action::FitScreen {
        stage_px: 1000,
        screen_h: 768,
        picture_px: (0, 0),
        side_beside: false,
    });
    assert_eq!(lab.view.fit.shape, Shape::Wide);
    lab.apply(Action::SetTouch(true));
    let hint = StageView::of(&lab).hint;
    assert!(hint.starts_with("Tap a node for its actions"), "{hint}");
    assert!(!hint.contains("press"), "{hint}");
    lab.apply(Action::SetTouch(false));
    assert!(StageView::of(&lab).hint.starts_with("Click a node"));
}

/// The page measures the screen; the model fits the picture to it: a phone's stage gets
/// the tall picture, a hint for a finger and its node's actions placed in its units; a
/// narrow tablet's the larger words; a laptop's stays as it was. Measuring nothing (a
/// hidden stage) changes nothing the page relies on.
#[test]
fn the_screen_measured_fits_the_picture_and_words_the_hint_for_a_finger() {
    use fencing_model::layout::{Fit, Shape};
    let mut lab = lab();
    assert_eq!(lab.view.fit, Fit::default());
    lab.apply(Action::FitScreen {
        stage_px: 376,
        screen_h: 844,
        picture_px: (0, 0),
        side_beside: false,
    });
    assert_eq!(lab.view.fit.shape, Shape::Tall);
    assert!(!lab.view.large_words());
    // Presentation mode on a phone scales the page, not the tall picture's words.
    lab.apply(Action::TogglePresentation);
    assert!(lab.view.presentation && !lab.view.large_words());
    lab.apply(Action::TogglePresentation);
    let v = StageView::of(&lab);
    assert!(
        v.hint.starts_with("Tap a node for its actions"),
        "{}",
        v.hint
    );
    assert!(
        v.hint.contains("tap a moving message to hold it"),
        "{}",
        v.hint
    );
    lab.apply(Action::Select(Some(NodeId(2))));
    let briefs = NodeBrief::of(&lab.run.snapshot);
    let a = NodeActionsView::of(&lab, &briefs).expect("n2's actions");
    assert!(a.at.x < 440.0, "{:?}", a.at);
    // A narrow tablet: the wide picture with the larger words; nothing else changes.
    lab.apply(Action::FitScreen {
        stage_px: 602,
        screen_h: 768,
        picture_px: (0, 0),
        side_beside: false,
    });
    assert_eq!(lab.view.fit.shape, Shape::Wide);
    assert!(lab.view.large_words() && !lab.view.presentation);
    assert!(StageView::of(&lab).hint.starts_with("Click a node"));
    // A laptop.
    lab.apply(Action::FitScreen {
        stage_px: 840,
        screen_h: 720,
        picture_px: (0, 0),
        side_beside: false,
    });
    assert_eq!(lab.view.fit, Fit::default());
    assert!(
        lab.commands().is_empty(),
        "fitting the screen is no command"
    );
}

#[test]
fn comparing_gives_the_stage_two_titled_halves_and_the_side_a_twin_table() {
    let mut lab = lab();
    assert_eq!(TwinStorage::of(&lab), None);
    assert_eq!(page::findings_labels(&lab), (None, None));
    lab.apply(Action::ToggleCompare);
    let tw = lab.run.twin.as_ref().expect("a twin");
    let (this, twin) = StageView::of(&lab).halves.expect("halves");
    assert_eq!(this, format!("This run: {}", tw.knob.words(lab.config())));
    assert_eq!(
        twin,
        format!("Twin: same seed and actions, {}", tw.differs())
    );
    let t = TwinStorage::of(&lab).expect("the twin's table");
    assert_eq!(t.lead, format!("Same seed and actions, {}: ", tw.differs()));
    assert_eq!(t.title, format!("Storage, {}", tw.differs()));
    assert_eq!(t.rejected, "⊘ 0 rejected");
    assert_eq!(t.violations, "0 violations");
    assert_eq!(
        page::findings_labels(&lab),
        (
            Some(format!("This run, {}", tw.knob.words(lab.config()))),
            Some(format!("Twin, {}", tw.differs()))
        )
    );
}

#[test]
fn a_nodes_actions_open_beside_it_only_when_selected_and_opened() {
    let mut lab = lab();
    let briefs = NodeBrief::of(&lab.run.snapshot);
    assert_eq!(NodeActionsView::of(&lab, &briefs), None);
    lab.apply(Action::Select(Some(NodeId(1))));
    let v = NodeActionsView::of(&lab, &briefs).expect("open");
    assert_eq!(v.node.id, NodeId(1));
    assert_eq!(v.pause_secs, lab.view.pause_secs);
    lab.apply(Action::Dismiss);
    assert_eq!(
        NodeActionsView::of(&lab, &briefs),
        None,
        "closed, still selected"
    );
}

#[test]
fn a_tools_panel_opens_toggles_and_closes_by_escape_after_what_covers_it() {
    let mut lab = lab();
    assert_eq!(lab.view.tool, None);
    lab.apply(Action::ToggleTool(Tool::Settings));
    assert_eq!(lab.view.tool, Some(Tool::Settings));
    lab.apply(Action::ToggleTool(Tool::Network));
    assert_eq!(
        lab.view.tool,
        Some(Tool::Network),
        "another tool's button opens its panel instead"
    );
    lab.apply(Action::ToggleTool(Tool::Network));
    assert_eq!(lab.view.tool, None, "its own button closes it");
    lab.apply(Action::OpenTool(Some(Tool::Network)));
    lab.apply(Action::OpenTool(Some(Tool::Network)));
    assert_eq!(
        lab.view.tool,
        Some(Tool::Network),
        "a link picked opens the network panel, never closes it"
    );

    // Esc closes one thing at a time, the one in front first: the shortcut list, the
    // lesson path, the selected node's actions, then the tool's panel.
    lab.apply(Action::Select(Some(NodeId(1))));
    lab.apply(Action::ShowPath(true));
    lab.apply(Action::ShowHelp(true));
    let mut closed = Vec::new();
    for _ in 0..5 {
        lab.apply(Action::Dismiss);
        closed.push((
            lab.view.help_open,
            lab.view.path_open,
            lab.view.actions_open,
            lab.view.tool,
        ));
    }
    let net = Some(Tool::Network);
    assert_eq!(
        closed,
        [
            (false, true, true, net),
            (false, false, true, net),
            (false, false, false, net),
            (false, false, false, None),
            (false, false, false, None),
        ]
    );
    assert_eq!(
        lab.view.selected,
        Some(NodeId(1)),
        "Esc closes; it does not unselect"
    );
    assert_eq!(
        page_key(KeyContext::of(&lab), "Escape", false),
        Some(Action::Dismiss)
    );
}

#[test]
fn the_status_line_shows_an_error_before_the_status() {
    let mut lab = lab();
    lab.talk.status = "played".into();
    assert_eq!(page::status_text(&lab), "played");
    lab.talk.error = Some("cannot".into());
    assert_eq!(page::status_text(&lab), "cannot");
}

#[test]
fn the_diagram_file_is_named_by_scenario_seed_and_present() {
    let lab = lab();
    assert_eq!(
        page::diagram_file_name(&lab),
        format!(
            "gc-pause-zombie-seed{}-0ms.diagram.svg",
            lab.run.scenario.seed
        )
    );
    assert_eq!(
        page::current_entry(&lab),
        Some(fencing_model::path::Entry::Scenario("gc-pause-zombie"))
    );
}

#[test]
fn an_overlay_takes_only_escape_and_the_help_key() {
    let cx = KeyContext {
        overlay_open: true,
        question_open: true,
        asking: true,
        selected: None,
    };
    assert_eq!(page_key(cx, " ", false), None);
    assert_eq!(
        page_key(cx, "1", false),
        None,
        "not the question's under an overlay"
    );
    assert_eq!(page_key(cx, "Escape", false), Some(Action::Dismiss));
}

#[test]
fn a_question_on_screen_takes_its_keys_before_the_shortcuts() {
    let cx = KeyContext {
        overlay_open: false,
        question_open: true,
        asking: true,
        selected: None,
    };
    assert_eq!(page_key(cx, "1", false), Some(Action::Answer(0)));
    assert_eq!(page_key(cx, "Escape", false), Some(Action::CloseQuestion));
    assert_eq!(page_key(cx, " ", false), Some(Action::TogglePlay));
    let cx = KeyContext {
        question_open: false,
        ..cx
    };
    assert_eq!(
        page_key(cx, "1", false),
        Some(Action::Select(Some(NodeId(1))))
    );
    let mut lab = lab();
    lab.apply(Action::ShowHelp(true));
    let cx = KeyContext::of(&lab);
    assert!(cx.overlay_open && !cx.question_open);
    assert_eq!(cx.selected, lab.view.selected);
}

#[test]
fn the_progress_notices_say_what_happened_to_it() {
    assert_eq!(
        progress::unreadable_notice("bad json", true),
        "Your saved progress could not be read (bad json), so it was kept aside in this browser; progress starts afresh."
    );
    assert_eq!(
        progress::unreadable_notice("bad json", false),
        "Your saved progress could not be read (bad json); progress starts afresh."
    );
    let mut p = Progress::default();
    assert_eq!(
        progress::not_kept_notice(&p, "full"),
        None,
        "nothing to keep"
    );
    p.predicted("gc-pause-zombie", 0, 1, true);
    assert_eq!(
        progress::not_kept_notice(&p, "full").as_deref(),
        Some("Your progress is not kept: full.")
    );
}

/// The page sends the device's answers and the screen's size as it starts: when the lab
/// already holds them it keeps the lab as it is (no copy, no redraw before the first
/// picture); anything they would change, or any other action, it applies.
#[test]
fn what_the_view_already_holds_leaves_the_lab_unchanged() {
    let mut lab = lab();
    assert!(lab.unchanged_by(&Action::SetReducedMotion(false)));
    assert!(lab.unchanged_by(&Action::SetTouch(false)));
    assert!(!lab.unchanged_by(&Action::SetTouch(true)));
    assert!(
        lab.unchanged_by(&Action::Tick(16.0)),
        "a frame while stopped"
    );
    let laptop = Action::FitScreen {
        stage_px: 900,
        screen_h: 768,
        picture_px: (0, 0),
        side_beside: false,
    };
    let phone = Action::FitScreen {
        stage_px: 376,
        screen_h: 844,
        picture_px: (0, 0),
        side_beside: false,
    };
    assert!(lab.unchanged_by(&laptop), "the default fit is the laptop's");
    assert!(!lab.unchanged_by(&phone));
    lab.apply(phone.clone());
    assert!(lab.unchanged_by(&phone) && !lab.unchanged_by(&laptop));
    // The picture measured anew (a node's actions are placed by it) is news; measured
    // the same, it is not.
    let measured = Action::FitScreen {
        stage_px: 376,
        screen_h: 844,
        picture_px: (376, 290),
        side_beside: false,
    };
    assert!(!lab.unchanged_by(&measured));
    lab.apply(measured.clone());
    assert!(lab.unchanged_by(&measured) && lab.unchanged_by(&phone));
    // The story's column moved beside the stage (the window widened) is news too.
    let beside = Action::FitScreen {
        stage_px: 376,
        screen_h: 844,
        picture_px: (376, 290),
        side_beside: true,
    };
    assert!(!lab.unchanged_by(&beside));
    lab.apply(beside.clone());
    assert!(lab.unchanged_by(&beside) && !lab.unchanged_by(&measured));
    lab.apply(measured.clone());
    lab.apply(Action::SetTouch(true));
    assert!(lab.unchanged_by(&Action::SetTouch(true)));
    assert!(!lab.unchanged_by(&Action::TogglePlay));
    lab.apply(Action::TogglePlay);
    assert!(
        !lab.unchanged_by(&Action::Tick(16.0)),
        "a frame while playing"
    );
}

#[test]
fn a_stopped_scrubber_stands_at_the_millisecond_on_the_runs_scale() {
    use fencing_model::page::scrub;
    let s = |ms: u64| SimTime::from_ms(ms);
    let at = scrub(s(12_345), s(20_000), s(40_000), false);
    assert_eq!(
        (at.value_ms, at.max_ms, at.run_so_far),
        (12_345, 40_000, 5_000)
    );
    assert_eq!(at.run_so_far_css(), "50.00%");
    // Past the scenario's length the scale is the run so far, and the bar fills it.
    let past = scrub(s(61_234), s(61_234), s(40_000), false);
    assert_eq!(
        (past.value_ms, past.max_ms, past.run_so_far),
        (61_234, 61_234, 10_000)
    );
    assert_eq!(past.run_so_far_css(), "100.00%");
    // A run of no length yet still has a scale.
    assert_eq!(scrub(s(0), s(0), s(0), false).max_ms, 1);
    assert_eq!(scrub(s(0), s(0), s(0), true).max_ms, 1);
    assert_eq!(scrub(s(3), s(7), s(9), false).run_so_far_css(), "77.77%");
}

#[test]
fn a_playing_scrubber_moves_by_about_a_thousandth_of_its_scale_not_every_frame() {
    use fencing_model::page::scrub;
    let s = |ms: u64| SimTime::from_ms(ms);
    // At 1× on a 40 s scale: frames of 16 or 17 ms, a grid of 64 ms.
    let (mut changes, mut last, mut frames) = (0, None, 0);
    let mut t = 10_000;
    while t < 20_000 {
        let p = scrub(s(t), s(t), s(40_000), true);
        assert_eq!(p.max_ms, 40_000, "the scale holds at {t} ms");
        assert_eq!(p.value_ms % 64, 0, "on the grid at {t} ms");
        assert!(
            p.value_ms <= t && t - p.value_ms < 64,
            "{t} ms drawn at {}",
            p.value_ms
        );
        let exact = scrub(s(t), s(t), s(40_000), false);
        assert!(
            exact.run_so_far - p.run_so_far <= 16,
            "the bar within a step at {t} ms"
        );
        if last != Some(p) {
            changes += 1;
        }
        last = Some(p);
        frames += 1;
        t += if frames % 3 == 0 { 16 } else { 17 };
    }
    assert!(changes * 3 < frames, "{changes} changes in {frames} frames");
    assert!(changes * 5 > frames, "{changes} changes in {frames} frames");
    // Past the scenario's length the scale grows with the run, on the same grid: it
    // changes once a step, and the thumb stays within a step of the end.
    let mut maxes = std::collections::BTreeSet::new();
    let mut t = 50_000;
    while t < 51_000 {
        let p = scrub(s(t), s(t), s(40_000), true);
        assert_eq!(p.max_ms % 64, 0);
        assert!(
            p.max_ms >= t && p.max_ms - p.value_ms < 128,
            "{p:?} at {t} ms"
        );
        maxes.insert(p.max_ms);
        t += 17;
    }
    assert!(
        maxes.len() <= 1_000 / 64 + 2,
        "{} scales in a second",
        maxes.len()
    );
    // An hour in, the grid is a few seconds; it never leaves the scale.
    let hour = scrub(s(3_600_000), s(3_600_000), s(40_000), true);
    assert_eq!(hour.max_ms % 4_096, 0);
    assert!(hour.value_ms <= hour.max_ms && hour.run_so_far <= 10_000);
}

#[test]
fn the_scrubber_let_go_at_its_end_takes_the_run_no_further_than_the_scale_reaches() {
    use fencing_model::page::{scrub, scrub_target};
    let s = |ms: u64| SimTime::from_ms(ms);
    // An hour in, playing: the grid's scale reaches past the run by part of a step.
    let (frontier, scale_end) = (SimTime(3_600_000_123), s(30_000));
    let p = scrub(frontier, frontier, scale_end, true);
    assert!(SimTime::from_ms(p.max_ms) > frontier, "{p:?}");
    assert_eq!(scrub_target(p.max_ms, frontier, scale_end), frontier);
    // Inside the run, or up to the scenario's length ahead of it, where it was let go.
    assert_eq!(scrub_target(1_234, frontier, scale_end), s(1_234));
    assert_eq!(scrub_target(25_000, s(10_000), scale_end), s(25_000));
    assert_eq!(scrub_target(31_000, s(10_000), scale_end), scale_end);
}

/// The story's beats on the timeline: at their moments, or spread apart where two marks
/// would cover each other (gc-pause-zombie's last three lines come 0.1 s apart).
mod beat_places {
    use fencing_model::page::{beat_places, track_css};

    #[test]
    fn beats_far_apart_stand_at_their_moments() {
        assert_eq!(
            beat_places(&[0, 1_000, 10_000, 20_000, 25_000], 25_000, 200),
            [0, 400, 4_000, 8_000, 10_000]
        );
        assert_eq!(track_css(4_000), "40.00%");
        assert_eq!(track_css(7_346), "73.46%");
    }

    #[test]
    fn an_unmeasured_track_puts_each_at_its_moment_even_if_they_cover_each_other() {
        assert_eq!(
            beat_places(&[18_800, 18_900, 18_900], 25_000, 0),
            [7_520, 7_560, 7_560]
        );
    }

    #[test]
    fn beats_too_close_are_spread_a_gap_apart_around_the_middle_of_their_moments() {
        // Two at one moment: one gap apart, on either side of it.
        assert_eq!(beat_places(&[18_900, 18_900], 25_000, 200), [7_460, 7_660]);
        // Three 0.1 s apart: 7,520, 7,560 and 7,560 wanted, 7,546 on average.
        assert_eq!(
            beat_places(&[18_800, 18_900, 18_900], 25_000, 200),
            [7_346, 7_546, 7_746]
        );
        // A run spread into its neighbour takes it along.
        assert_eq!(
            beat_places(&[10_000, 10_500, 10_500, 10_500], 25_000, 200),
            [3_850, 4_050, 4_250, 4_450]
        );
        // Beats before and after stay where they are.
        assert_eq!(
            beat_places(&[1_000, 18_900, 18_900, 24_000], 25_000, 200),
            [400, 7_460, 7_660, 9_600]
        );
    }

    #[test]
    fn beats_at_the_ends_stay_on_the_track() {
        assert_eq!(beat_places(&[0, 0, 0], 25_000, 200), [0, 200, 400]);
        assert_eq!(beat_places(&[25_000, 25_000], 25_000, 200), [9_800, 10_000]);
        // A beat past the scale stands at its end.
        assert_eq!(beat_places(&[30_000], 25_000, 200), [10_000]);
        assert_eq!(
            beat_places(&[5], 0, 200),
            [0],
            "a zero scale divides by one, not zero"
        );
    }

    #[test]
    fn more_beats_than_the_track_holds_are_spread_evenly_over_it() {
        let places = beat_places(&[12_000; 5], 25_000, 4_000);
        assert_eq!(places, [0, 2_500, 5_000, 7_500, 10_000]);
        assert_eq!(beat_places(&[], 25_000, 200), Vec::<u64>::new());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::beat_places;
        use proptest::prelude::*;

        proptest! {
            /// Any beats: as many places, in order, on the track, at least a gap apart (or
            /// evenly spread when they cannot be); a beat far from every other one's moment
            /// and from the track's ends (as many gaps as there are beats: no run of the
            /// others can be spread so wide as to reach it) stands at its moment.
            #[test]
            fn marks_never_cover_each_other(mut moments in prop::collection::vec(0u64..60_000, 0..24), max_ms in 1u64..60_000, gap in 0u64..3_000) {
                moments.sort_unstable();
                let places = beat_places(&moments, max_ms, gap);
                prop_assert_eq!(places.len(), moments.len());
                let n = moments.len() as u64;
                let need = if n > 1 { gap.min(10_000 / (n - 1)) } else { gap };
                for w in places.windows(2) {
                    prop_assert!(w[1] >= w[0] + need, "{:?} not {} apart", places, need);
                }
                prop_assert!(places.iter().all(|&p| p <= 10_000));
                let want: Vec<u64> = moments.iter().map(|&m| m.min(max_ms) * 10_000 / max_ms).collect();
                for (i, &w) in want.iter().enumerate() {
                    let far = n * need;
                    let alone = want.iter().enumerate().all(|(j, &o)| j == i || o.abs_diff(w) >= far)
                        && w >= far && w + far <= 10_000;
                    if alone && need == gap {
                        prop_assert_eq!(places[i], w, "beat {} of {:?} moved", i, want);
                    }
                }
            }
        }
    }
}
