//! Ask before telling: what the page shows when a lesson asks its question must not give
//! the answer away. Titles (the heading, the path, the scenario menu) are neutral: the
//! punchline comes with its moment, in the narration.

use fencing_model::Lab;
use fencing_sim::scenario::{builtin, BUILTIN};

/// Words that carry no claim: left out when comparing a title with an answer.
const PLAIN: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "its", "it", "is", "are", "be", "as", "that", "this", "no", "not", "yes", "s",
];

fn content_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !PLAIN.contains(w))
        .map(str::to_string)
        .collect()
}

/// The runs of two content words in a row that `a` and `b` share.
fn shared_pairs(a: &str, b: &str) -> Vec<String> {
    let pairs = |w: Vec<String>| -> Vec<String> {
        w.windows(2).map(|p| format!("{} {}", p[0], p[1])).collect()
    };
    let theirs = pairs(content_words(b));
    pairs(content_words(a))
        .into_iter()
        .filter(|p| theirs.contains(p))
        .collect()
}

#[test]
fn the_oracle_catches_titles_that_told_the_answer() {
    // Two titles of 2026-12-02 against their first question's right answer.
    assert_eq!(
        shared_pairs(
            "A partitioned leader steps down on its own clock before the lease is re-granted",
            "Stop by its own clock, before the store's expiry"
        ),
        ["own clock", "clock before"]
    );
    assert_eq!(
        shared_pairs(
            "A slow clock keeps a leader leading after its lease expired",
            "Yes: on its slow clock its lease outlasts the store's"
        ),
        ["slow clock"]
    );
    assert!(shared_pairs(
        "A GC pause freezes the leader",
        "Take it: only a lower token is refused"
    )
    .is_empty());
}

/// No built-in lesson's title says in so many words what one of its questions asks the
/// student to work out.
#[test]
fn no_lessons_title_gives_one_of_its_answers_away() {
    let mut questions = 0;
    for (name, _) in BUILTIN {
        let lab = Lab::with_scenario(builtin(name).unwrap());
        let title = &lab.teaching.written.title;
        for (i, (_, c)) in lab.teaching.story.checkpoints().iter().enumerate() {
            let answer = &c.texts()[c.answer];
            let shared = shared_pairs(title, answer);
            assert!(
                shared.is_empty(),
                "{name}: the title \"{title}\" tells question {}'s answer \"{answer}\": {shared:?}",
                i + 1
            );
            questions += 1;
        }
    }
    assert!(questions >= 20, "{questions} questions checked");
}

/// While a question waits for its answer the strip shows the leader and says the counts
/// are held: "✓ no safety violation" or "⊘ 1 rejected" would often be the answer.
#[test]
fn while_a_question_is_open_the_chips_hold_their_counts() {
    use fencing_model::derived::{chips_while_asking, finding_chips};
    use fencing_model::Action;
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.teaching.quiz.set_on(true);
    lab.apply(Action::Play);
    let mut frames = 0;
    while !lab.teaching.quiz.asking() && frames < 10_000 {
        lab.apply(Action::Tick(50.0));
        frames += 1;
    }
    assert!(lab.teaching.quiz.asking(), "question 1 is asked");
    let f = &lab.run.snapshot.findings;
    let all: Vec<String> = finding_chips(f).into_iter().map(|c| c.text).collect();
    assert!(all.iter().any(|t| t == "✓ no safety violation"), "{all:?}");
    let held = chips_while_asking(f);
    let keys: Vec<&str> = held.iter().map(|c| c.key).collect();
    assert_eq!(keys, ["leader", "held"]);
    for c in &held {
        for word in [
            "violation",
            "rejected",
            "stale",
            "refused",
            "gap",
            "split brain",
        ] {
            assert!(
                !c.text.contains(word),
                "{word} in {:?} while asking",
                c.text
            );
        }
        assert_eq!((c.tone, c.go), (None, None), "{}", c.key);
    }
    assert_eq!(held[0].text, "♛ leader n4 · term 33");
}
