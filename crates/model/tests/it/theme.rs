//! The high-contrast theme: a preference kept in the browser as one word, switched by one
//! action that changes nothing in the run.

use fencing_model::theme::{Theme, STORAGE_KEY};
use fencing_model::{Action, Lab};

#[test]
fn a_theme_round_trips_through_its_stored_word() {
    for t in [Theme::Standard, Theme::HighContrast] {
        assert_eq!(Theme::from_stored(Some(t.stored())), t);
    }
    assert_ne!(Theme::Standard.stored(), Theme::HighContrast.stored());
    assert_eq!(STORAGE_KEY, "fencing-lab.theme");
}

#[test]
fn nothing_stored_or_an_unknown_word_gives_the_standard_theme() {
    assert_eq!(Theme::from_stored(None), Theme::Standard);
    for word in [
        "",
        "dark",
        "HIGH-CONTRAST",
        "{\"theme\":1}",
        "high-contrast-2",
    ] {
        assert_eq!(Theme::from_stored(Some(word)), Theme::Standard, "{word:?}");
    }
    // A stray newline around the word is forgiven.
    assert_eq!(
        Theme::from_stored(Some(" high-contrast\n")),
        Theme::HighContrast
    );
}

#[test]
fn a_first_visit_writes_no_theme_and_a_switch_is_written() {
    assert!(!Theme::Standard.needs_storing(None));
    assert!(!Theme::Standard.needs_storing(Some("something old")));
    assert!(Theme::HighContrast.needs_storing(None));
    assert!(Theme::Standard.needs_storing(Some("high-contrast")));
    assert!(!Theme::HighContrast.needs_storing(Some("high-contrast")));
}

#[test]
fn toggling_contrast_switches_the_theme_says_so_and_leaves_the_run_alone() {
    let mut lab = Lab::default();
    assert_eq!(lab.view.theme, Theme::Standard);
    let commands = lab.commands().len();
    lab.apply(Action::ToggleContrast);
    assert!(lab.view.theme.high_contrast());
    assert!(
        lab.talk.status.contains("high contrast"),
        "{}",
        lab.talk.status
    );
    assert_eq!(
        lab.commands().len(),
        commands,
        "a preference is not a command of the run"
    );
    lab.apply(Action::ToggleContrast);
    assert_eq!(lab.view.theme, Theme::Standard);
    assert_eq!(lab.talk.status, "standard colours");
}

#[test]
fn the_theme_stays_across_a_new_run() {
    let mut lab = Lab::default();
    lab.apply(Action::ToggleContrast);
    lab.apply(Action::Reset);
    assert!(lab.view.theme.high_contrast());
    lab.apply(Action::Load("leader-and-followers".into()));
    assert!(lab.view.theme.high_contrast());
}
