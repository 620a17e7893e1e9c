//! The picture laid out for a frame (`scene::scene`): words that fit, labels that never
//! cover each other or a node's words, the storage's verdict inside the picture, and the
//! marks of unusual links and drops.

use fencing_model::derived::DropMark;
use fencing_model::layout::{inside_dx, positions, positions_in, Shape, NODE_R, WIDTH};
use fencing_model::picture::{LabelBox, LineKind};
use fencing_model::scene::{grip_label, link_words, scene, Scene, SceneInput};
use fencing_sim::scenario::{builtin, BUILTIN};
use fencing_sim::storage::Verdict;
use fencing_sim::view::{LinkView, Snapshot};
use fencing_sim::{Actor, Duration, NodeId, Sim, SimTime};

fn input(presentation: bool, drops: &[DropMark]) -> SceneInput<'_> {
    SceneInput {
        shape: Shape::Wide,
        large_words: presentation,
        reduced_motion: false,
        drops,
        drop_window_us: 300_000,
        asking: false,
    }
}

/// The boxes of a node's words as the page draws them.
fn node_words(sc: &Scene<'_>) -> Vec<LabelBox> {
    let ts = sc.text;
    sc.nodes
        .iter()
        .flat_map(|n| {
            n.lines.iter().enumerate().map(move |(i, l)| {
                let chars = l.text.chars().count();
                LabelBox {
                    x: n.at.x + inside_dx(n.at.x, chars, ts.line, WIDTH),
                    y: n.at.y + NODE_R + 10.0 + ts.line + i as f64 * ts.line_gap,
                    chars,
                    size: ts.line,
                }
            })
        })
        .collect()
}

/// The words that never give way to a message, by owner: each node's words, each box's,
/// the storage's verdict; no two owners' may overlap.
fn owned_words(sc: &Scene<'_>) -> Vec<(String, LabelBox)> {
    let ts = sc.text;
    let mut out: Vec<(String, LabelBox)> = Vec::new();
    for n in &sc.nodes {
        for (i, l) in n.lines.iter().enumerate() {
            let chars = l.text.chars().count();
            let b = LabelBox {
                x: n.at.x + inside_dx(n.at.x, chars, ts.line, WIDTH),
                y: n.at.y + NODE_R + 10.0 + ts.line + i as f64 * ts.line_gap,
                chars,
                size: ts.line,
            };
            out.push((format!("{} {:?}", n.id, l.text), b));
        }
    }
    let boxes = [
        (
            "lease store",
            &sc.lease.frame,
            [
                "LEASE STORE",
                &sc.lease.term,
                &sc.lease.holder,
                &sc.lease.left,
            ],
        ),
        (
            "storage",
            &sc.storage.frame,
            [
                "STORAGE",
                &sc.storage.highest,
                &sc.storage.value,
                sc.storage.fencing,
            ],
        ),
    ];
    for (who, f, words) in boxes {
        for (y, w) in f.rows.iter().zip(words) {
            let b = LabelBox {
                x: f.at.x,
                y: f.at.y + y,
                chars: w.chars().count(),
                size: ts.box_text,
            };
            out.push((format!("{who} {w:?}"), b));
        }
    }
    if let Some(c) = &sc.storage.callout {
        let f = &sc.storage.frame;
        let chars = c
            .verdict
            .detail
            .chars()
            .count()
            .max(c.verdict.headline.chars().count());
        for y in [c.y1, c.y2] {
            let b = LabelBox {
                x: f.at.x + c.dx,
                y: f.at.y + y,
                chars,
                size: ts.verdict,
            };
            out.push((format!("verdict {:?}", c.verdict.detail), b));
        }
    }
    out
}

/// The boxes of the labels that may give way, as drawn: messages' and links'.
fn movable_labels(sc: &Scene<'_>) -> Vec<LabelBox> {
    let messages = sc
        .messages
        .iter()
        .filter_map(|d| d.label.map(|p| (d, p)))
        .map(|(d, p)| LabelBox {
            x: d.flight.at.x + p.x,
            y: d.flight.at.y + p.y,
            chars: d.flight.label.chars().count(),
            size: d.size,
        });
    let links = sc.links.iter().filter_map(|l| {
        l.label.as_ref().map(|(p, text)| LabelBox {
            x: p.x,
            y: p.y,
            chars: text.chars().count(),
            size: sc.text.msg,
        })
    });
    messages.chain(links).collect()
}

fn check(sc: &Scene<'_>, what: &str) {
    let ts = sc.text;
    for n in &sc.nodes {
        // As many lines as fit above the bottom edge (one at least: the first matters most).
        if n.lines.len() > 1 {
            let last = n.at.y + NODE_R + 10.0 + ts.line + (n.lines.len() - 1) as f64 * ts.line_gap;
            assert!(
                last <= sc.height - 3.0,
                "{what}: {:?}'s words run off",
                n.id
            );
        }
        assert!(n.lines.len() <= 4, "{what}");
    }
    if let Some(c) = &sc.storage.callout {
        let right = sc.storage.frame.at.x + c.dx + c.w / 2.0;
        assert!(
            right <= WIDTH - 6.0 + 1e-9,
            "{what}: the verdict runs off the right"
        );
    }
    let owned = owned_words(sc);
    for (i, (who, a)) in owned.iter().enumerate() {
        for (other, b) in &owned[i + 1..] {
            let owner = |w: &str| w.split(' ').next().unwrap_or("").to_string();
            if owner(who) != owner(other) {
                assert!(!a.overlaps(b), "{what}: {who} runs into {other}");
            }
        }
    }
    let fixed = node_words(sc);
    let movable = movable_labels(sc);
    for (i, a) in movable.iter().enumerate() {
        for f in &fixed {
            assert!(
                !a.overlaps(f),
                "{what}: a label covers a node's words: {a:?} {f:?}"
            );
        }
        for b in &movable[i + 1..] {
            assert!(!a.overlaps(b), "{what}: two labels overlap: {a:?} {b:?}");
        }
    }
    for d in &sc.drops {
        assert!((0.1..=1.0).contains(&d.opacity), "{what}");
    }
}

#[test]
fn in_every_built_in_scenario_no_label_covers_a_nodes_words_or_another_label() {
    let (mut frames, mut labels) = (0, 0);
    for (name, _) in BUILTIN {
        let s = builtin(name).unwrap();
        let mut sim = Sim::new(&s);
        for ms in (0..=s.until_ms.min(40_000)).step_by(250) {
            sim.run_until(SimTime::from_ms(ms));
            let snap = Snapshot::of(&sim);
            let ps = positions(&snap);
            for presentation in [false, true] {
                let sc = scene(&snap, &ps, input(presentation, &[]));
                assert_eq!(sc.nodes.len(), snap.nodes.len());
                assert_eq!(sc.links.len(), snap.links.len());
                check(
                    &sc,
                    &format!("{name} at {ms} ms, presentation {presentation}"),
                );
                frames += 1;
                labels += movable_labels(&sc).len();
            }
        }
    }
    // The check saw a real load: many frames, many labels placed; a label finds another
    // spot before it is hidden (main's above-only placement showed 489).
    eprintln!("{frames} frames, {labels} labels");
    assert!(
        frames > 2000 && labels > 520,
        "{frames} frames, {labels} labels"
    );
}

#[test]
fn the_zombies_rejection_is_called_out_under_the_storage_and_its_mark_leads_its_words() {
    let s = builtin("gc-pause-zombie").unwrap();
    let mut sim = Sim::new(&s);
    let mut seen = false;
    for ms in (0..=s.until_ms).step_by(50) {
        sim.run_until(SimTime::from_ms(ms));
        let snap = Snapshot::of(&sim);
        let sc = scene(&snap, &positions(&snap), input(false, &[]));
        let Some(c) = &sc.storage.callout else {
            continue;
        };
        assert!(matches!(c.verdict.verdict, Verdict::Rejected { .. }));
        assert_eq!(c.verdict.words(), "⊘ rejected n4's token 33 < 34");
        assert_eq!(sc.storage.fencing, "fencing ON");
        let n4 = &sc.nodes[4];
        assert_eq!(n4.id, NodeId(4));
        assert_eq!(n4.lines[0].kind, LineKind::ZombieTitle, "{:?}", n4.lines);
        seen = true;
        break;
    }
    assert!(seen, "the rejection is called out");
}

#[test]
fn an_unusual_link_says_what_is_unusual_about_it_and_a_drop_fades() {
    let s = builtin("gc-pause-zombie").unwrap();
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(3000));
    let snap = Snapshot::of(&sim);
    let link = |cut: bool, held: bool, ms: u64| LinkView {
        from: Actor::Node(NodeId(1)),
        to: Actor::Storage,
        cut,
        held,
        extra_delay: Duration::from_ms(ms),
    };
    assert_eq!(
        link_words(&snap, &link(true, false, 0)),
        "✕ n1 → storage cut"
    );
    assert_eq!(
        link_words(&snap, &link(false, true, 0)),
        "❚❚ n1 → storage held: 0 waiting"
    );
    assert_eq!(
        link_words(&snap, &link(false, false, 1500)),
        "◷ n1 → storage +1.5 s"
    );
    // Marked on the picture with its words, where there is room.
    let odd = Snapshot {
        links: vec![link(true, false, 0)],
        ..snap.clone()
    };
    let sc = scene(&odd, &positions(&odd), input(false, &[]));
    assert_eq!(sc.links.len(), 1);
    assert_eq!(
        sc.links[0].label.as_ref().map(|l| l.1.as_str()),
        Some("✕ n1 → storage cut")
    );
    // A drop is marked while recent (where its mark has room), fading, and not at all
    // once its window has passed.
    let drop = |to: u8, ago_us: u64| DropMark {
        from: Actor::Node(NodeId(0)),
        to: Actor::Node(NodeId(to)),
        at: SimTime(snap.now.0 - ago_us),
    };
    let marked = |d: DropMark| scene(&snap, &positions(&snap), input(false, &[d])).drops;
    let to = (1..5)
        .find(|to| marked(drop(*to, 0)).len() == 1)
        .expect("some drop from n0 has room for its mark");
    assert_eq!(marked(drop(to, 0))[0].opacity, 1.0);
    let older = marked(drop(to, 240_000));
    assert!((older[0].opacity - 0.2).abs() < 1e-9, "{older:?}");
    assert!(marked(drop(to, 400_000)).is_empty());
}

#[test]
fn the_word_under_the_wall_grip_is_never_under_the_storage_box_and_stays_in_the_picture() {
    let mut moved = 0;
    for (name, _) in BUILTIN {
        let s = builtin(name).unwrap();
        let snap = Snapshot::of(&Sim::new(&s));
        for shape in [Shape::Wide, Shape::Tall] {
            let ps = positions_in(&snap, shape);
            for large_words in [false, true] {
                let sc = scene(
                    &snap,
                    &ps,
                    SceneInput {
                        shape,
                        large_words,
                        ..input(large_words, &[])
                    },
                );
                let b = &sc.storage.frame;
                let label = grip_label(shape, b, sc.text);
                let what = format!("{name}, {shape:?}, larger words {large_words}: {label:?}");
                assert!(label.inside(shape.width(), shape.height()), "{what}");
                assert!(!label.covers_rect(b.at, b.w, b.h), "{what} under {b:?}");
                // Clear of the grip itself (its rect: 12 wide, 90 high, 8 from the edge).
                let grip = fencing_model::layout::Pos {
                    x: shape.width() - 14.0,
                    y: shape.height() / 2.0,
                };
                assert!(!label.covers_rect(grip, 12.0, 90.0), "{what} on the grip");
                if label.y != shape.height() / 2.0 + 64.0 {
                    moved += 1;
                }
            }
        }
    }
    // The larger words' wide box, beside the grip, is what moves it (issue 31's screens: a
    // phone held sideways); the normal words keep it under the grip.
    assert!(moved > 0, "no case moved the word");
}
