//! The cluster picture's model, natively: messages move along their links in proportion to
//! their flight, stop at the wall when they cannot cross it, and fade when doomed; a drop
//! is marked where the message died; the words under a node say what it is.

use fencing_model::intent::split;
use fencing_model::layout::{positions, Shape, WALL_X};
use fencing_model::picture::{
    drop_spot, flight, last_notable_verdict, lease_drawn, lease_fraction, node_label, node_lines,
    words_under, zombie, LineKind,
};
use fencing_sim::scenario::builtin;
use fencing_sim::storage::Verdict;
use fencing_sim::view::{NodeState, Snapshot};
use fencing_sim::{Actor, Duration, NodeId, Sim, SimTime};

fn sim_at(ms: u64) -> Sim {
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.faults.clear();
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(ms));
    sim
}

#[test]
fn a_message_moves_from_its_sender_to_its_receiver_as_its_flight_goes_on() {
    let mut sim = sim_at(3000);
    // Per message: the last distance from its sender, and the smallest to its receiver.
    let mut seen: std::collections::BTreeMap<u64, (f64, f64)> = Default::default();
    let dist = |a: fencing_model::layout::Pos, b: fencing_model::layout::Pos| {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    };
    for step in 0..1000 {
        sim.run_until(SimTime::from_ms(3000 + step * 5));
        let s = Snapshot::of(&sim);
        let ps = positions(&s);
        let at = |a: Actor| ps.iter().find(|(b, _)| *b == a).unwrap().1;
        for m in &s.messages {
            let fl = flight(m, &ps, &s, false, Shape::Wide);
            assert!(!fl.blocked, "no wall, no cut: {m:?}");
            assert_eq!(fl.opacity == 1.0, !m.doomed, "{m:?}");
            let (from, to) = (dist(fl.at, at(m.from)), dist(fl.at, at(m.to)));
            let e = seen.entry(m.id).or_insert((from, to));
            assert!(from >= e.0 - 1e-9, "{m:?} went backwards");
            *e = (from, to.min(e.1));
            // Reduced motion: halfway, not faded unless doomed.
            let half = flight(m, &ps, &s, true, Shape::Wide);
            assert!((dist(half.at, at(m.from)) - dist(half.at, at(m.to))).abs() < 40.0);
            assert_eq!(half.opacity, if m.doomed { 0.5 } else { 1.0 });
        }
    }
    assert!(seen.len() > 40, "{} messages followed", seen.len());
    let arrived = seen.values().filter(|(_, to)| *to < 60.0).count();
    assert!(arrived * 2 > seen.len(), "most get close to their receiver");
}

#[test]
fn a_message_that_cannot_cross_the_wall_stops_short_of_it_and_fades() {
    let mut sim = sim_at(3000);
    let leader = sim.current_leader().expect("a leader at 3 s");
    // The leader alone on side B, everyone else (lease store and storage too) on A.
    sim.schedule(sim.now(), split(&[Actor::Node(leader)], &[]))
        .unwrap();
    sim.run_until(SimTime::from_ms(3001));
    let mut blocked = 0;
    for step in 0..100 {
        sim.run_until(SimTime::from_ms(3001 + step * 7));
        let s = Snapshot::of(&sim);
        let ps = positions(&s);
        for m in &s.messages {
            let fl = flight(m, &ps, &s, false, Shape::Wide);
            let crosses = (m.from == Actor::Node(leader)) != (m.to == Actor::Node(leader));
            assert_eq!(fl.blocked, crosses, "{m:?}");
            if crosses {
                blocked += 1;
                let from = ps.iter().find(|(a, _)| *a == m.from).unwrap().1;
                assert_eq!(
                    fl.at.x < WALL_X,
                    from.x < WALL_X,
                    "{m:?} drawn past the wall at {:?}",
                    fl.at
                );
                assert!((0.15..=1.0).contains(&fl.opacity));
                assert!(fl.label.ends_with('✕'));
            }
        }
    }
    assert!(blocked > 10, "{blocked} blocked messages looked at");
}

#[test]
fn a_drop_across_the_wall_is_marked_on_the_wall_and_others_at_the_receiver() {
    let mut sim = sim_at(3000);
    sim.schedule(sim.now(), split(&[Actor::Node(NodeId(0))], &[]))
        .unwrap();
    sim.run_until(SimTime::from_ms(3001));
    let s = Snapshot::of(&sim);
    let ps = positions(&s);
    let on_wall = drop_spot(&ps, Actor::Node(NodeId(0)), Actor::Lease, true, Shape::Wide);
    assert_eq!(on_wall.x, WALL_X);
    let same_side = drop_spot(&ps, Actor::Node(NodeId(1)), Actor::Lease, true, Shape::Wide);
    assert_ne!(same_side.x, WALL_X);
    let lease = ps.iter().find(|(a, _)| *a == Actor::Lease).unwrap().1;
    assert!(
        (same_side.x - lease.x).abs() < 100.0,
        "near the lease store"
    );
}

#[test]
fn a_lease_fraction_runs_from_full_to_empty() {
    let len = Duration::from_ms(5000);
    assert_eq!(lease_fraction(Some(len), len), 1.0);
    assert_eq!(lease_fraction(Some(Duration::from_ms(1250)), len), 0.25);
    assert_eq!(lease_fraction(Some(Duration::ZERO), len), 0.0);
    assert_eq!(lease_fraction(None, len), 0.0);
    assert_eq!(lease_fraction(Some(len), Duration::ZERO), 0.0);
    assert_eq!(lease_fraction(Some(Duration::from_ms(9000)), len), 1.0);
}

#[test]
fn the_words_under_a_node_say_its_role_state_and_clock() {
    let mut sim = sim_at(3000);
    let leader = sim.current_leader().unwrap();
    let follower = NodeId((leader.0 + 1) % 5);
    sim.schedule(
        sim.now(),
        fencing_model::intent::clock_rate(follower, -100_000),
    )
    .unwrap();
    sim.run_until(SimTime::from_ms(3001));
    let s = Snapshot::of(&sim);
    let lines = node_lines(&s.nodes[leader.0 as usize], &s, false);
    assert!(lines[0].text.starts_with("LEADER · lease "), "{lines:?}");
    assert_eq!(lines[0].kind, LineKind::Leader);
    // In presentation mode the term comes out of the circle and the lease has its line.
    let big = node_lines(&s.nodes[leader.0 as usize], &s, true);
    let term = s.nodes[leader.0 as usize].term;
    assert_eq!(big[0].text, format!("LEADER · term {term}"));
    assert_eq!(
        (big[1].kind, &big[1].text[..6]),
        (LineKind::Lease, "lease ")
    );
    let lines = node_lines(&s.nodes[follower.0 as usize], &s, false);
    assert_eq!(
        (lines[0].kind, lines[0].text.as_str()),
        (LineKind::Role, "follower")
    );
    let big = node_lines(&s.nodes[follower.0 as usize], &s, true);
    assert_eq!(big[0].text, format!("follower · term {term}"));
    // 10% slow is far beyond the 1,000 ppm the nodes assume: marked.
    assert!(
        lines
            .iter()
            .any(|l| l.text == "clock 90% ⚠ past the bound" && l.kind == LineKind::ClockBeyond),
        "{lines:?}"
    );
    // Within the bound, the rate alone, exact.
    let loose = Snapshot {
        drift_bound_ppm: 200_000,
        ..s.clone()
    };
    let lines = node_lines(&loose.nodes[follower.0 as usize], &loose, false);
    assert!(
        lines
            .iter()
            .any(|l| l.text == "clock 90%" && l.kind == LineKind::Clock),
        "{lines:?}"
    );
    let label = node_label(&s.nodes[leader.0 as usize], s.now, true);
    assert!(
        label.contains("LEADER") && label.ends_with(", selected"),
        "{label}"
    );
}

/// In the GC-pause story, n4 freezes as leader of term 33 and the lease store grants 34 to
/// another node: from then until its old-token write has reached the storage, n4 (and only
/// n4) is marked a zombie, first for what it believes, then for the write in flight. The
/// storage keeps the rejection as its last notable verdict to the end.
#[test]
fn the_zombie_is_marked_from_the_new_grant_until_its_old_write_lands() {
    let mut sim = Sim::new(&builtin("gc-pause-zombie").unwrap());
    let (mut believed, mut flying) = (Vec::new(), Vec::new());
    let mut verdict_from = None;
    for step in 0..=2000 {
        let t = SimTime::from_ms(step * 10);
        sim.run_until(t);
        let s = Snapshot::of(&sim);
        for n in &s.nodes {
            let Some(z) = zombie(n, &s) else { continue };
            assert_eq!(n.id, NodeId(4), "only the frozen leader is a zombie: {z:?}");
            if let Some(b) = &z.believes {
                assert_eq!(b, "thinks it leads, term 33 < 34");
                assert_eq!(
                    z.mark(),
                    (
                        "ZOMBIE: term 33 < 34".into(),
                        if matches!(n.state, NodeState::Paused { .. }) {
                            "frozen, thinks it LEADS".into()
                        } else {
                            "thinks it still LEADS".into()
                        }
                    )
                );
                // Under the node, the mark takes the role's place, first.
                let w = words_under(n, &s, false);
                assert_eq!(
                    (w[0].kind, w[1].kind),
                    (LineKind::ZombieTitle, LineKind::Zombie),
                    "{w:?}"
                );
                assert!(w.len() <= 4 && !w.iter().any(|l| l.kind.is_role()), "{w:?}");
                believed.push(step);
            }
            if let Some(tok) = z.write_in_flight {
                assert_eq!(tok, 33);
                let ps = positions(&s);
                let old: Vec<_> = s
                    .messages
                    .iter()
                    .map(|m| flight(m, &ps, &s, false, Shape::Wide))
                    .filter(|f| f.old_token)
                    .collect();
                assert_eq!(old.len(), 1, "the old write is drawn as such");
                assert!(old[0].label.contains("token 33") && old[0].label.contains("old token"));
                assert!(z.words().contains("its write with token 33 in flight"));
                flying.push(step);
            }
        }
        match (last_notable_verdict(&s), verdict_from) {
            (Some(v), _) => {
                assert_eq!(v.words(), "⊘ rejected n4's token 33 < 34");
                assert!(matches!(v.verdict, Verdict::Rejected { .. }));
                verdict_from.get_or_insert(step);
            }
            (None, Some(from)) => panic!("the verdict shown from {from} went away at {step}"),
            (None, None) => {}
        }
    }
    let verdict_from = verdict_from.expect("the rejection happens by 20 s");
    assert!(
        believed.len() > 100,
        "marked for over a second while frozen: {}",
        believed.len()
    );
    assert!(!flying.is_empty(), "the old write is marked in flight");
    assert!(believed[0] < flying[0] && *flying.last().unwrap() < verdict_from);
    // Once the write has landed, the mark says what became of it, for a while.
    let s = Snapshot::of(&sim);
    let z = zombie(&s.nodes[4], &s).expect("still marked just after the verdict");
    assert_eq!(
        z.aftermath.as_ref().map(|a| a.1.as_str()),
        Some("refused: token 33 < 34")
    );
    assert_eq!(
        z.mark(),
        (
            "ZOMBIE: old token 33".into(),
            "refused: token 33 < 34".into()
        )
    );
    assert_eq!((z.believes, z.write_in_flight), (None, None));
    sim.run_until(SimTime::from_ms(verdict_from * 10 + 3_100));
    let s = Snapshot::of(&sim);
    assert!(
        s.nodes.iter().all(|n| zombie(n, &s).is_none()),
        "and then no more"
    );
}

#[test]
fn labels_are_kept_off_each_other_first_come_first_served_each_in_its_first_free_spot() {
    use fencing_model::picture::{place_labels, LabelBox};
    let at = |x: f64, y: f64, chars: usize| LabelBox {
        x,
        y,
        chars,
        size: 14.0,
    };
    let node_words = [at(100.0, 100.0, 8)];
    let wanted = [
        vec![at(100.0, 104.0, 3)],  // on the node's words: hidden
        vec![at(300.0, 100.0, 10)], // clear: shown
        vec![at(310.0, 106.0, 4)],  // on the one just shown: hidden
        vec![at(300.0, 130.0, 10)], // a line further down: shown
        // Its first spot taken by the one above: its second, a line lower.
        vec![at(300.0, 126.0, 6), at(300.0, 160.0, 6)],
    ];
    assert_eq!(
        place_labels(&node_words, &wanted),
        [None, Some(0), None, Some(0), Some(1)]
    );
    // Side by side, just apart: both shown.
    let a = at(0.0, 0.0, 5);
    let b = at(5.0 * 14.0 * 0.62 + 5.0, 0.0, 5);
    assert!(!a.overlaps(&b) && !b.overlaps(&a));
}

#[test]
fn followers_say_they_refused_an_old_term_for_a_while_and_how_far_behind_they_are() {
    use fencing_model::picture::{refusal_words, replication_words, REFUSAL_SHOWN_US};
    let mut sim = Sim::new(&builtin("gc-pause-zombie").unwrap());
    sim.run_until(SimTime::from_ms(19_200));
    let s = Snapshot::of(&sim);
    let said: Vec<_> = s
        .nodes
        .iter()
        .filter_map(|n| refusal_words(n, s.now, false))
        .collect();
    assert!(said.len() >= 4, "{said:?}");
    assert!(said.iter().all(|w| w == "refused term 33 < 34"));
    let short = refusal_words(&s.nodes[0], s.now, true);
    assert_eq!(short.as_deref(), Some("refused 33 < 34"));
    // Then it is no longer news.
    sim.run_until(SimTime(s.now.0 + REFUSAL_SHOWN_US + 600_000));
    let s = Snapshot::of(&sim);
    assert!(s
        .nodes
        .iter()
        .all(|n| refusal_words(n, s.now, false).is_none()));

    // Leader and followers: the slow follower lags; the leader says what a majority holds.
    let mut sim = Sim::new(&builtin("leader-and-followers").unwrap());
    sim.run_until(SimTime::from_ms(22_300));
    let s = Snapshot::of(&sim);
    let r = s.replication.as_ref().expect("n2 leads");
    assert_eq!(r.leader, 2);
    let words = |i: usize| replication_words(&s.nodes[i], &s).unwrap();
    assert_eq!(
        words(2),
        format!("majority holds {} of {} writes", r.high_water_mark, r.seq)
    );
    let behind: u64 = words(4).trim_end_matches(" behind").parse().unwrap();
    assert!(behind >= 2, "{}", words(4));
    assert!(
        r.high_water_mark + 1 >= r.seq,
        "the others keep the mark close: {r:?}"
    );
    // The leader's own view of each follower, for its tooltip and accessible name.
    let view = fencing_model::picture::leader_view_words(&s.nodes[2], &s).unwrap();
    assert!(
        view.starts_with("followers as n2 knows them: n0 has "),
        "{view}"
    );
    assert!(
        view.contains("n4 has ") && view.contains(" behind)"),
        "{view}"
    );
    assert!(view.ends_with(&format!(
        "a majority holds {} of {} writes",
        r.high_water_mark, r.seq
    )));
    assert!(fencing_model::picture::leader_view_words(&s.nodes[4], &s).is_none());
}

#[test]
fn a_link_with_thousands_of_messages_waiting_draws_a_few_and_every_other_link_all() {
    use fencing_model::picture::{drawn_messages, waiting_on, MAX_DRAWN_PER_LINK};
    use fencing_sim::command::{ActorRef, Command, LinkArgs, NodeRef};
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.faults.clear();
    s.until_ms = 120_000;
    let leader = ActorRef::Node(NodeRef::Leader);
    let n1 = ActorRef::Node(NodeRef::Id(NodeId(1)));
    s.faults.push(fencing_sim::TimedCommand {
        at_ms: 3000,
        command: Command::Hold(LinkArgs {
            from: leader,
            to: n1,
        }),
    });
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(100_000));
    let snap = Snapshot::of(&sim);
    let held: Vec<_> = sim.on_hold().collect();
    assert!(held.len() > 4 * MAX_DRAWN_PER_LINK, "{} held", held.len());
    let (from, to) = (held[0].from, held[0].to);
    assert_eq!(
        waiting_on(&snap, from, to),
        held.len(),
        "the label still counts them all"
    );
    let drawn = drawn_messages(&snap);
    let drawn_held: Vec<u64> = drawn.iter().filter(|m| m.held).map(|m| m.id).collect();
    assert_eq!(drawn_held.len(), MAX_DRAWN_PER_LINK);
    // The oldest (next to arrive) half and the newest half, of all that wait there.
    let mut ids: Vec<u64> = held.iter().map(|m| m.id).collect();
    ids.sort_unstable();
    let half = MAX_DRAWN_PER_LINK / 2;
    let mut want: Vec<u64> = ids[..half]
        .iter()
        .chain(&ids[ids.len() - half..])
        .copied()
        .collect();
    want.sort_unstable();
    let mut got = drawn_held.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    // Every message not held there is drawn, in the snapshot's order.
    let others: Vec<u64> = snap
        .messages
        .iter()
        .filter(|m| !m.held)
        .map(|m| m.id)
        .collect();
    let drawn_others: Vec<u64> = drawn.iter().filter(|m| !m.held).map(|m| m.id).collect();
    assert!(!others.is_empty());
    assert_eq!(drawn_others, others);
}

#[test]
fn the_lease_is_drawn_to_the_hundredth_so_it_changes_every_few_frames_not_every_frame() {
    let len = Duration::from_ms(5000);
    assert_eq!(lease_drawn(Some(len), len), 1.0);
    assert_eq!(lease_drawn(Some(Duration::ZERO), len), 0.0);
    assert_eq!(lease_drawn(None, len), 0.0);
    assert_eq!(lease_drawn(Some(Duration::from_ms(1234)), len), 0.25);
    // A 5 s lease at 1×, a frame every 16.7 ms: 300 frames, 101 drawings, each within
    // half a hundredth of the exact share and never growing as the lease runs out.
    let (mut shown, mut last) = (std::collections::BTreeSet::new(), 2.0);
    for frame in 0..=300u64 {
        let left = Some(Duration::from_ms(5000 - frame * 5000 / 300));
        let d = lease_drawn(left, len);
        assert!(
            (d - lease_fraction(left, len)).abs() <= 0.005 + 1e-12,
            "frame {frame}"
        );
        assert!(d <= last, "frame {frame}: {d} after {last}");
        last = d;
        shown.insert((d * 100.0).round() as u32);
    }
    assert_eq!(shown.len(), 101);
}

/// A link slowed by a week keeps every message sent on it: the snapshot (made every frame)
/// views only some, and still draws and counts exactly what it did when it viewed them all;
/// the keyframes of the run stay within their bound however long it goes.
#[test]
fn a_link_slowed_for_a_week_keeps_the_frame_and_the_memory_bounded() {
    use fencing_model::picture::{drawn_messages, on_link, MAX_DRAWN_PER_LINK};
    use fencing_model::timeline::{Timeline, MAX_KEYFRAME_MESSAGES};
    use fencing_sim::command::{ActorRef, Command, LinkDelayArgs, NodeRef};
    use fencing_sim::view::KEPT_PER_KIND;
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.faults.clear();
    s.until_ms = 4 * 3_600_000;
    for to in 1..5u8 {
        s.faults.push(fencing_sim::TimedCommand {
            at_ms: 1000,
            command: Command::LinkDelay(LinkDelayArgs {
                from: ActorRef::Node(NodeRef::Id(NodeId(0))),
                to: ActorRef::Node(NodeRef::Id(NodeId(to))),
                extra_ms: 604_800_000,
            }),
        });
    }
    let mut t = Timeline::new(s);
    for hour in 1..=4u64 {
        t.advance_to(SimTime::from_ms(hour * 3_600_000));
        let (_, messages) = t.keyframe_load();
        assert!(
            messages <= MAX_KEYFRAME_MESSAGES,
            "{hour} h: {messages} in keyframes"
        );
    }
    let sim = t.sim();
    let snap = Snapshot::of(sim);
    let all: Vec<_> = sim.in_flight().collect();
    assert!(all.len() > 10_000, "{} in flight", all.len());
    assert!(
        snap.messages.len() < 4 * 3 * KEPT_PER_KIND + 200,
        "{} viewed",
        snap.messages.len()
    );
    // Every link's count is exact; the kept ones are the sim's own.
    for (from, to) in all
        .iter()
        .map(|m| (m.from, m.to))
        .collect::<std::collections::BTreeSet<_>>()
    {
        let n = all.iter().filter(|m| (m.from, m.to) == (from, to)).count();
        assert_eq!(on_link(&snap, from, to, false), n, "{from:?} → {to:?}");
    }
    // Drawn: of each kind on each link, the oldest and the newest halves of all of them.
    let drawn = drawn_messages(&snap);
    let mut groups: std::collections::BTreeMap<_, Vec<u64>> = Default::default();
    for m in &all {
        groups
            .entry((m.from, m.to, m.msg.family() as u8))
            .or_default()
            .push(m.id);
    }
    for ((from, to, family), mut ids) in groups {
        ids.sort_unstable();
        let n = ids.len();
        let half = MAX_DRAWN_PER_LINK / 2;
        let mut want: Vec<u64> = if n > MAX_DRAWN_PER_LINK {
            ids[..half]
                .iter()
                .chain(&ids[n - half..])
                .copied()
                .collect()
        } else {
            ids
        };
        want.sort_unstable();
        let mut got: Vec<u64> = drawn
            .iter()
            .filter(|m| (m.from, m.to, m.family as u8) == (from, to, family))
            .map(|m| m.id)
            .collect();
        got.sort_unstable();
        assert_eq!(got, want, "{from:?} → {to:?}, kind {family}");
    }
    // The next to arrive of each kind on each link are viewed (the slow motion looks there).
    let mut arrivals: Vec<(SimTime, u64)> = all.iter().map(|m| (m.deliver_at, m.id)).collect();
    arrivals.sort_unstable();
    for (_, id) in arrivals.iter().take(KEPT_PER_KIND / 2) {
        assert!(
            snap.messages.iter().any(|m| m.id == *id),
            "#{id}, next to arrive"
        );
    }
    // A seek back to the first hour still lands where a fresh replay does.
    let at = SimTime::from_ms(1_800_000);
    let mut back = t.clone();
    back.seek(at, 0);
    let mut fresh = Sim::new(t.scenario());
    fresh.run_until(at);
    assert_eq!(back.sim().trace_hash(), fresh.trace_hash());
}
