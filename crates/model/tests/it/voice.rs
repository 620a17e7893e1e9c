//! The voice for screen readers, on the reducer: it says the key events of the GC-pause
//! story in words as they happen at 1× (the election with its term, the pause, the expiry,
//! the new term, the rejection with its reason), never more often than once per GAP_MS of
//! real time, and at 50× it still says the rejection, with how many events it folded in.

use fencing_model::lab::SPEEDS;
use fencing_model::voice::GAP_MS;
use fencing_model::{Action, Lab};
use fencing_sim::SimTime;

/// Plays at `speed` in 16 ms frames until `ms` of virtual time; every announcement made,
/// with the real time it was made at.
fn listen(speed: f64, ms: u64) -> Vec<(f64, String)> {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    lab.apply(Action::SetSpeed(
        SPEEDS.iter().position(|s| *s == speed).unwrap(),
    ));
    lab.apply(Action::Play);
    let (mut real, mut last, mut heard) = (0.0, None, Vec::new());
    while lab.now() < SimTime::from_ms(ms) {
        lab.apply(Action::Tick(16.0));
        real += 16.0;
        if lab.run.voice.said != last {
            last = lab.run.voice.said.clone();
            heard.push((real, last.clone().unwrap().1));
        }
    }
    heard
}

fn said(heard: &[(f64, String)], words: &str) -> bool {
    heard.iter().any(|(_, w)| w.contains(words))
}

#[test]
fn at_one_times_it_tells_the_story_in_words() {
    let heard = listen(1.0, 20_000);
    for words in [
        "becomes LEADER, term 33",
        "freezes",
        "expires at the lease store",
        "becomes LEADER, term 34",
        "token 33 < 34",
    ] {
        assert!(said(&heard, words), "never said {words:?}: {heard:#?}");
    }
    for pair in heard.windows(2) {
        assert!(pair[1].0 - pair[0].0 >= GAP_MS, "too soon: {pair:?}");
    }
}

#[test]
fn at_fifty_times_it_keeps_its_pace_and_still_says_the_rejection() {
    let mut heard = listen(50.0, 25_000);
    // The run is over in a few seconds of real time; the voice takes its time after.
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
    lab.apply(Action::Play);
    let (mut real, mut last) = (0.0, None);
    heard.clear();
    while real < 30_000.0 {
        lab.apply(Action::Tick(16.0));
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
        real += 16.0;
        if lab.run.voice.said != last {
            last = lab.run.voice.said.clone();
            heard.push((real, last.clone().unwrap().1));
        }
    }
    assert!(heard.len() as f64 <= real / GAP_MS + 1.0, "{heard:#?}");
    for pair in heard.windows(2) {
        assert!(pair[1].0 - pair[0].0 >= GAP_MS, "too soon: {pair:?}");
    }
    assert!(said(&heard, "token 33 < 34"), "{heard:#?}");
    // Many events in a few seconds: some were folded in, and it says how many.
    assert!(
        heard.iter().any(|(_, w)| w.contains(" more event")),
        "{heard:#?}"
    );
}

#[test]
fn a_step_speaks_at_once_and_a_seek_is_not_news() {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    lab.apply(Action::NextKeyEvent);
    let first = lab
        .run
        .voice
        .said
        .clone()
        .expect("the first key event is said at once");
    assert!(first.1.contains("term 33"), "{first:?}");
    lab.apply(Action::JumpTo(SimTime::from_ms(19_000)));
    lab.apply(Action::Seek(SimTime::from_ms(10_000)));
    let before = lab.run.voice.said.clone();
    lab.apply(Action::Play);
    lab.apply(Action::Tick(16.0));
    // Nothing from the re-simulated history: only what happens from 10 s on.
    if lab.run.voice.said != before {
        let (_, w) = lab.run.voice.said.clone().unwrap();
        assert!(!w.contains("term 33,"), "old news said again: {w}");
    }
}
