//! One vocabulary, never contradicted (shared/LESSON.md, "How a good question is made"):
//! every built-in scenario and challenge is run as written, with fencing flipped and with
//! the barrier on, and every word the page makes from the run (the live commentary and
//! its "now" lines, the log, the storage's verdicts, the findings chips, the words under
//! the nodes) is checked against the rules, together with the scenarios' own words.

use fencing_model::challenge::CHALLENGES;
use fencing_model::derived::finding_chips;
use fencing_model::describe::{event_text, verdict_words};
use fencing_model::narration::{self, Setting, Story};
use fencing_model::picture::{words_under, zombie};
use fencing_model::EventRing;
use fencing_sim::scenario::{builtin, builtin_names};
use fencing_sim::storage::Verdict;
use fencing_sim::trace::Violation;
use fencing_sim::view::Snapshot;
use fencing_sim::{EventKind, NodeId, Scenario, Sim, SimTime};

/// Everything the page said in one run, by where it was said.
#[derive(Default)]
struct Said {
    /// The live commentary, oldest first.
    live: Vec<String>,
    /// The run's events.
    events: Vec<EventKind>,
    /// Commentary "now" lines, the log, chips (text and explanation), node words.
    other: Vec<String>,
    /// Each write the storage judged, with its verdict's words.
    verdicts: Vec<(Verdict, String)>,
}

impl Said {
    fn all(&self) -> impl Iterator<Item = &String> {
        self.live
            .iter()
            .chain(&self.other)
            .chain(self.verdicts.iter().map(|(_, t)| t))
    }
}

/// Runs `s` to its end in 250 ms steps, keeping what the page would say.
fn run(s: &Scenario) -> Said {
    let mut sim = Sim::new(s);
    sim.keep_events();
    let set = Setting::of(&s.config);
    let mut ring = EventRing::new(1);
    let mut said = Said::default();
    let end = s.until_ms.max(250);
    let mut from = SimTime::ZERO;
    for ms in (250..=end).step_by(250) {
        let now = SimTime::from_ms(ms);
        sim.run_until(now);
        let events = sim.drain_events();
        said.other.extend(events.iter().map(event_text));
        said.events.extend(events.iter().map(|e| e.kind.clone()));
        ring.push(events, sim.totals().events);
        said.live.extend(
            narration::commentary(&ring, from, now, set)
                .into_iter()
                .map(|l| l.text),
        );
        from = SimTime(now.0 + 1);
        let snap = Snapshot::of(&sim);
        let view = narration::view(&Story::default(), None, true, &ring, &snap, set);
        said.other.extend(
            view.lines
                .into_iter()
                .filter(|l| l.kind == narration::LineKind::Now)
                .map(|l| l.text),
        );
        said.other
            .extend(fencing_model::picture::last_notable_verdict(&snap).map(|v| v.words()));
        for c in finding_chips(&snap.findings) {
            said.other.push(c.text);
            said.other.push(c.title.to_string());
        }
        for n in &snap.nodes {
            said.other
                .extend(words_under(n, &snap, false).into_iter().map(|l| l.text));
            said.other.extend(zombie(n, &snap).map(|z| z.words()));
        }
        if ms == end {
            said.verdicts = snap
                .storage
                .recent
                .iter()
                .map(|r| (r.verdict, verdict_words(r).1))
                .collect();
        }
    }
    said
}

/// Each built-in scenario and challenge as written, with fencing flipped, and (with
/// fencing on) with the barrier on: (what it is, the scenario).
fn variants() -> Vec<(String, Scenario)> {
    let mut base: Vec<Scenario> = builtin_names().map(|n| builtin(n).unwrap()).collect();
    base.extend(CHALLENGES.iter().map(|c| c.scenario()));
    let mut out = Vec::new();
    for s in base {
        let mut flipped = s.clone();
        flipped.config.fencing = !s.config.fencing;
        flipped.config.barrier = false;
        let mut barrier = s.clone();
        (barrier.config.fencing, barrier.config.barrier) = (true, true);
        out.push((format!("{} as written", s.name), s.clone()));
        out.push((
            format!("{} fencing {}", s.name, on_off(flipped.config.fencing)),
            flipped,
        ));
        if !s.config.barrier {
            out.push((format!("{} barrier on", s.name), barrier));
        }
    }
    out
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

/// "token 33 < 34" or "T=33" in `text`, as (a, b) pairs or positions.
fn comparisons(text: &str) -> Vec<(u64, u64)> {
    let w: Vec<&str> = text.split_whitespace().collect();
    w.windows(4)
        .filter(|x| x[0] == "token" && x[2] == "<")
        .filter_map(|x| {
            let num = |s: &str| {
                s.trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .ok()
            };
            Some((num(x[1])?, num(x[3])?))
        })
        .collect()
}

/// A term or token written as "T=33", "T33" or "T 33" instead of "term 33" / "token 33".
fn t_notation(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'T'
            && (i == 0 || !b[i - 1].is_ascii_alphabetic())
            && matches!(b.get(i + 1), Some(c) if c.is_ascii_digit() || *c == b'=')
    })
}

/// The words of each rule a run's words break, with the words that break it.
fn broken(name: &str, s: &Scenario, said: &Said) -> Vec<String> {
    let mut out = Vec::new();
    let mut bad = |rule: &str, text: &str| out.push(format!("{name}: {rule}: “{text}”"));
    let (fencing, barrier) = (s.config.fencing, s.config.barrier);
    for t in said.all() {
        if t_notation(t) {
            bad("one notation: “term 33” or “token 33”, never “T=33”", t);
        }
        // "token 33 < 34" is a refusal's reason, and only ever said of a refusal.
        if !comparisons(t).is_empty()
            && !["refus", "reject", "REJECT"].iter().any(|w| t.contains(w))
        {
            bad("“token a < b” said of something other than a refusal", t);
        }
        let lower = t.to_lowercase();
        if lower.contains("no time has passed") || lower.contains("no time passed") {
            bad("a paused node's clock runs on (the sim says so)", t);
        }
        if !fencing {
            for claim in [
                "keeps it harmless",
                "fencing stopped",
                "fencing still guards",
                "refuses the older token",
                "fencing keeps",
            ] {
                if lower.contains(claim) {
                    bad("fencing is off, yet the words count on it", t);
                }
            }
        }
        if barrier && lower.contains("a barrier would have") {
            bad("the barrier is on, yet the words wish for one", t);
        }
        if lower.contains("split brain") && lower.contains("violation") {
            let told_apart = [
                "not a violation",
                "no violation",
                "not just split brain",
                "unlike split brain",
            ]
            .iter()
            .any(|w| lower.contains(w));
            if !told_apart {
                bad("split brain is not a violation; a lease overlap is", t);
            }
        }
    }
    // Split brain and lease overlap: each told as itself, one line for each, never one
    // named for the other.
    let count = |f: fn(&EventKind) -> bool| said.events.iter().filter(|k| f(k)).count();
    let splits = count(|k| matches!(k, EventKind::SplitBrain { .. }));
    let overlaps = count(|k| {
        matches!(
            k,
            EventKind::Violation {
                violation: Violation::LeaseOverlap { .. }
            }
        )
    });
    let split_lines: Vec<&String> = said
        .live
        .iter()
        .filter(|t| t.contains("Split brain"))
        .collect();
    let overlap_lines: Vec<&String> = said
        .live
        .iter()
        .filter(|t| t.contains("lease overlap"))
        .collect();
    if split_lines.len() != splits {
        bad(
            "each split brain told once",
            &format!("{splits} split brains, lines {split_lines:?}"),
        );
    }
    if overlap_lines.len() != overlaps {
        bad(
            "each lease overlap told once",
            &format!("{overlaps} overlaps, lines {overlap_lines:?}"),
        );
    }
    for t in &split_lines {
        if !t.contains("not a violation by itself") || t.contains("lease overlap") {
            bad("split brain named and told apart from a lease overlap", t);
        }
    }
    for t in &overlap_lines {
        if !t.contains("monitor counts a violation") || t.contains("plit brain") {
            bad(
                "a lease overlap named as a violation, not as split brain",
                t,
            );
        }
    }
    if let Some(t) = said
        .live
        .iter()
        .find(|t| t.contains("takes the lease from the lease store"))
    {
        if !t.contains("fencing token is that term") {
            bad("the first grant told says the token is the term", t);
        }
    }
    for (v, t) in &said.verdicts {
        match v {
            Verdict::Rejected { .. } if comparisons(t).is_empty() => {
                bad("a refusal gives its reason, “token a < b”", t)
            }
            Verdict::StaleAccepted { .. } if !t.starts_with("ACCEPTED stale token") => {
                bad("a stale write taken reads “ACCEPTED stale token …”", t)
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_built_in_run_keeps_one_vocabulary_whatever_its_settings() {
    let mut broken_rules = Vec::new();
    let (mut runs, mut stale, mut refused, mut splits, mut overlaps) = (0, 0, 0, 0, 0);
    for (name, s) in variants() {
        let mut said = run(&s);
        said.other.sort();
        said.other.dedup();
        runs += 1;
        stale += said
            .verdicts
            .iter()
            .filter(|(v, _)| matches!(v, Verdict::StaleAccepted { .. }))
            .count();
        refused += said
            .verdicts
            .iter()
            .filter(|(v, _)| matches!(v, Verdict::Rejected { .. }))
            .count();
        splits += said
            .events
            .iter()
            .filter(|k| matches!(k, EventKind::SplitBrain { .. }))
            .count();
        overlaps += said
            .events
            .iter()
            .filter(|k| {
                matches!(
                    k,
                    EventKind::Violation {
                        violation: Violation::LeaseOverlap { .. }
                    }
                )
            })
            .count();
        broken_rules.extend(broken(&name, &s, &said));
    }
    // The walk saw each thing the rules speak of, so the rules were put to work.
    assert!(runs >= 40, "{runs} runs");
    assert!(
        stale > 0 && refused > 0 && splits > 0 && overlaps > 0,
        "{stale} stale, {refused} refused, {splits} split brains, {overlaps} overlaps"
    );
    assert!(
        broken_rules.is_empty(),
        "{} broken:\n{}",
        broken_rules.len(),
        broken_rules[..broken_rules.len().min(30)].join("\n")
    );
}

/// The scenarios' own words, questions and reveals: one notation, a refusal's reason only
/// for a refusal, a frozen clock said one way, and the token explained at its first number.
#[test]
fn the_scenarios_own_words_keep_the_vocabulary() {
    let mut bad = Vec::new();
    for name in builtin_names() {
        let s = builtin(name).unwrap();
        let mut texts: Vec<String> = s.narration.iter().map(|n| n.text().to_string()).collect();
        for c in s.lesson.iter().flat_map(|l| l.checkpoints.iter()) {
            texts.push(c.question.clone());
            texts.push(c.explain.clone());
            texts.extend(c.options.iter().map(|o| o.text.clone()));
        }
        texts.extend(s.lesson.iter().filter_map(|l| l.summary.clone()));
        for t in &texts {
            let lower = t.to_lowercase();
            if t_notation(t)
                || lower.contains("no time passed")
                || lower.contains("no time has passed")
                || (!comparisons(t).is_empty()
                    && !["refus", "reject"].iter().any(|w| lower.contains(w)))
            {
                bad.push(format!("{name}: “{t}”"));
            }
        }
        // The first narration line that speaks of a token says it is the term.
        let first = s
            .narration
            .iter()
            .map(|n| n.text())
            .find(|t| t.contains("token"));
        if let Some(t) = first {
            let says = [
                "fencing token is that term",
                "term is its fencing token",
                "token is its term",
            ];
            if !says.iter().any(|w| t.contains(w)) {
                bad.push(format!(
                    "{name}: the token's first mention does not say it is the term: “{t}”"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// What the words say of a frozen node's clock is what the simulation does: its clock runs
/// on through the pause (so it wakes with its lease over by its own clock too).
#[test]
fn a_frozen_nodes_clock_runs_on_as_the_words_say() {
    let s = builtin("gc-pause-zombie").unwrap();
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(7_000));
    let frozen = (0..s.config.nodes)
        .map(NodeId)
        .find(|n| sim.paused(*n).is_some())
        .expect("the leader is frozen at 7 s");
    let before = sim.local_time(frozen);
    sim.run_until(SimTime::from_ms(13_000));
    assert!(sim.paused(frozen).is_some(), "still frozen at 13 s");
    let ran = sim.local_time(frozen).0 - before.0;
    assert!(
        (5_990_000..=6_010_000).contains(&ran),
        "its clock ran {ran} µs in 6 s"
    );
    let snap = Snapshot::of(&sim);
    let n = &snap.nodes[frozen.0 as usize];
    assert_eq!(
        n.lease_left.map(|l| l.0),
        Some(0),
        "its lease is over by its own clock"
    );
    let words: Vec<String> = words_under(n, &snap, false)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(
        words.iter().any(|w| w == "frozen, thinks it LEADS"),
        "{words:?}"
    );
}

/// One meaning per word (issue 27): *pause* is what a node does (a GC pause, a frozen
/// VM), so the run's own clock is *stopped*, never paused; *step* is one event time of
/// the run, so the lesson path is made of entries (lessons and challenges), not steps.
#[test]
fn the_runs_clock_stops_while_a_node_pauses_and_the_path_has_no_steps() {
    use fencing_model::keys::SHORTCUTS;
    use fencing_model::{Action, Lab, NodeCmd};

    let playback = ["Space", "→", "←", "K"];
    for s in SHORTCUTS {
        let does = s.does.to_ascii_lowercase();
        if playback.contains(&s.label) {
            assert!(!does.contains("paus"), "{}: {}", s.label, s.does);
        }
        assert!(
            !does.contains("step 1") && !does.contains("steps done"),
            "{}",
            s.does
        );
    }
    assert!(SHORTCUTS
        .iter()
        .any(|s| s.label == "Space" && s.does.contains("stop")));

    let mut lab = Lab::new();
    lab.apply(Action::Play);
    lab.apply(Action::Tick(500.0));
    lab.apply(Action::Stop);
    assert!(
        lab.talk.status.starts_with("stopped at "),
        "{}",
        lab.talk.status
    );
    let clock = fencing_model::derived::clock_text(&lab, lab.now());
    assert!(
        clock.ends_with("· stopped") && !clock.contains("paus"),
        "{clock}"
    );

    // A node's pause keeps its word.
    lab.apply(Action::SelectLeader);
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Pause {
            worst_moment: false,
            until_resumed: true,
        },
    });
    assert!(lab.talk.status.contains("paused"), "{}", lab.talk.status);

    assert!(!fencing_model::welcome::START
        .to_ascii_lowercase()
        .contains("step"));
}
