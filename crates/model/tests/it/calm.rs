//! A calm picture: when the network splits, heals or changes its split, only the actors that
//! cross the wall move; the others stay within 24 px at 1280 × 720 of where they stood.

use fencing_model::layout::{
    extent, positions, positions_in, Arrangement, Pos, Shape, HEIGHT, WIDTH,
};
use fencing_model::wall::side_at;
use fencing_sim::network::Side;
use fencing_sim::scenario::{builtin, BUILTIN};
use fencing_sim::time::SimTime;
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, Sim};

/// CSS pixels per picture unit at 1280 × 720: the wide picture is at most as wide as the
/// screen's height less 192 px allows (`.picture`'s max-width), 873 px for 860 units.
const PX: f64 = (720.0 - 192.0) * WIDTH / HEIGHT / WIDTH;

/// The side each actor is on in the picture `s` draws: its side when the network is split;
/// when whole, the side of the wall's place its home is on.
fn sides(s: &Snapshot, ps: &[(Actor, Pos)], shape: Shape) -> Vec<Side> {
    ps.iter()
        .map(|(a, p)| {
            let side = match a {
                Actor::Node(id) => s.nodes[id.0 as usize].side,
                Actor::Lease => s.lease.side,
                Actor::Storage => s.storage.side,
            };
            match (s.partitioned, side) {
                (true, Some(side)) => side,
                (true, None) => Side::A,
                (false, _) => side_at(p.x, shape),
            }
        })
        .collect()
}

/// Checks one change of the picture from `a` to `b`: every actor on the same side in both
/// moves at most 24 px, none covers another; returns how many moved.
fn calm_change(a: &Snapshot, b: &Snapshot, shape: Shape, what: &str) -> usize {
    let (pa, pb) = (positions_in(a, shape), positions_in(b, shape));
    let (sa, sb) = (sides(a, &pa, shape), sides(b, &pb, shape));
    let mut moved = 0;
    for i in 0..pa.len() {
        let (actor, p) = pa[i];
        let q = pb[i].1;
        let d = ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt() * PX;
        if sa[i] == sb[i] {
            assert!(
                d <= 24.0,
                "{what}: {actor:?} stays on {:?} but moves {d:.0} px",
                sa[i]
            );
        }
        if d > 0.5 {
            moved += 1;
        }
        for (other, r) in &pb[i + 1..] {
            let (w, up, down) = extent(actor);
            let (w2, up2, down2) = extent(*other);
            let apart = q.x + w <= r.x - w2
                || r.x + w2 <= q.x - w
                || q.y + down <= r.y - up2
                || r.y + down2 <= q.y - up;
            assert!(
                apart,
                "{what}: {actor:?} at {q:?} covers {other:?} at {r:?}"
            );
        }
    }
    moved
}

/// In the whole network's picture no actor stands where the wall would: a split need not
/// push anyone aside.
#[test]
fn the_whole_picture_leaves_the_walls_place_free() {
    for n in 1..=7u8 {
        let mut sc = builtin("gc-pause-zombie").unwrap();
        sc.config.nodes = n;
        let s = Snapshot::of(&Sim::new(&sc));
        for shape in [Shape::Wide, Shape::Tall] {
            // The tall picture's narrow sides let an actor reach 20 units into the band.
            let slack = if shape == Shape::Tall { 20.0 } else { 0.0 };
            for (a, p) in positions_in(&s, shape) {
                let (w, _, _) = extent(a);
                let wall = shape.wall_x();
                assert!(
                    p.x + w <= wall - 9.0 + slack || p.x - w >= wall + 9.0 - slack,
                    "{n} nodes, {shape:?}: {a:?} at {p:?} stands on the wall's place"
                );
            }
        }
        // Nothing to cross: the picture split with everyone on their home's side is the same.
        let mut split = s.clone();
        split.partitioned = true;
        let ps = positions(&s);
        for (node, (_, p)) in split.nodes.iter_mut().zip(&ps) {
            node.side = Some(side_at(p.x, Shape::Wide));
        }
        split.lease.side = Some(side_at(ps[n as usize].1.x, Shape::Wide));
        split.storage.side = Some(side_at(ps[n as usize + 1].1.x, Shape::Wide));
        assert_eq!(
            calm_change(&s, &split, Shape::Wide, &format!("{n} nodes")),
            0
        );
    }
}

/// Every partition, heal and change of split in every built-in scenario's run moves only
/// those that cross the wall; partitioned-leader's split moves two of seven actors (the
/// follower right of the wall's place, and the storage onto the wall), not all of them.
#[test]
fn in_every_built_in_scenario_a_split_moves_only_who_crosses_the_wall() {
    let mut changes = 0;
    for (name, _) in BUILTIN {
        let sc = builtin(name).unwrap();
        let mut sim = Sim::new(&sc);
        let mut last = Snapshot::of(&sim);
        for ms in (0..=sc.until_ms.min(40_000)).step_by(20) {
            sim.run_until(SimTime::from_ms(ms));
            let now = Snapshot::of(&sim);
            for shape in [Shape::Wide, Shape::Tall] {
                if Arrangement::shaped(&last, shape) != Arrangement::shaped(&now, shape) {
                    let what = format!("{name} at {ms} ms, {shape:?}");
                    let moved = calm_change(&last, &now, shape, &what);
                    if shape == Shape::Wide {
                        changes += 1;
                        eprintln!("{what}: {moved} of {} actors moved", now.nodes.len() + 2);
                    }
                    if *name == "partitioned-leader" && now.partitioned && shape == Shape::Wide {
                        assert_eq!(moved, 2, "{what}");
                    }
                }
            }
            last = now;
        }
    }
    // drifting-clock and partitioned-leader each split and heal.
    assert!(changes >= 4, "{changes} changes");
}

/// Moving one node across the wall by hand, or a box onto the wall, moves that actor alone,
/// for every cluster size. (A box carried to the far bank may need its new side laid out
/// afresh: a bank of nodes leaves no box-sized gap.)
#[test]
fn moving_one_actor_across_moves_that_actor_alone() {
    let mut checked = 0;
    for n in 3..=7u8 {
        let mut sc = builtin("gc-pause-zombie").unwrap();
        sc.config.nodes = n;
        let whole = Snapshot::of(&Sim::new(&sc));
        // The tall picture's columns are narrow: a side of five nodes and a box is laid
        // out afresh there (checked apart in layout.rs).
        let shapes: &[Shape] = if n <= 5 {
            &[Shape::Wide, Shape::Tall]
        } else {
            &[Shape::Wide]
        };
        for &shape in shapes {
            let home = sides(&whole, &positions_in(&whole, shape), shape);
            for i in 0..n as usize + 2 {
                for to in [Side::A, Side::B, Side::Both] {
                    if to == home[i] || (i >= n as usize && to != Side::Both) {
                        continue;
                    }
                    let mut s = whole.clone();
                    s.partitioned = true;
                    for (k, node) in s.nodes.iter_mut().enumerate() {
                        node.side = Some(if k == i { to } else { home[k] });
                    }
                    s.lease.side = Some(if i == n as usize {
                        to
                    } else {
                        home[n as usize]
                    });
                    s.storage.side = Some(if i == n as usize + 1 {
                        to
                    } else {
                        home[n as usize + 1]
                    });
                    let what = format!("{n} nodes, {shape:?}, actor {i} to {to:?}");
                    assert!(calm_change(&whole, &s, shape, &what) <= 1, "{what}");
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 90);
}

/// A node's actions, open on the node tapped, placed on the picture (the story's column
/// under the stage), stand wholly inside it and never cover the middle of an actor (a
/// node, the lease store, the storage) or of the wall's grip, which stay in sight and in
/// reach; where no place
/// qualifies they dock under the picture. In every built-in scenario, every half second,
/// whichever node is open, at a laptop's, the tablets' (1024 × 768, 820 × 1180) and a
/// phone's (390 × 844) sizes (a laptop's and a tablet held sideways have the story's
/// column beside the stage: there the actions go to it, but the placement is the same).
#[test]
fn a_nodes_actions_on_the_picture_never_cover_an_actor() {
    use fencing_model::derived::NodeBrief;
    use fencing_model::page::{ActionsAt, NodeActionsView, ACTIONS_PX};
    use fencing_model::{Action, Lab};
    use fencing_sim::NodeId;
    // The stage's width, the screen's height, the picture's size on screen (CSS px), as
    // measured in Chromium.
    let screens = [
        ("laptop", 818, 720, (818, 495)),
        ("tablet", 629, 768, (629, 417)),
        ("tablet upright", 794, 1180, (794, 480)),
        ("phone", 376, 844, (376, 735)),
    ];
    for (screen, stage_px, screen_h, picture_px) in screens {
        let (mut over, mut docked) = (0, 0);
        for (name, _) in BUILTIN {
            let sc = builtin(name).unwrap();
            let mut lab = Lab::with_scenario(sc.clone());
            lab.apply(Action::FitScreen {
                stage_px,
                screen_h,
                picture_px,
                side_beside: false,
            });
            let (w, h) = (f64::from(picture_px.0), f64::from(picture_px.1));
            let shape = lab.view.fit.shape;
            let (sx, sy) = (w / shape.width(), h / lab_height(&lab));
            assert!(
                (sx - sy).abs() < 0.01,
                "{screen}: the fit the page measured"
            );
            for ms in (0..=sc.until_ms.min(40_000)).step_by(500) {
                lab.apply(Action::JumpTo(SimTime::from_ms(ms)));
                let s = lab.run.snapshot.clone();
                let briefs = NodeBrief::of(&s);
                let ps = positions_in(&s, shape);
                for i in 0..s.nodes.len() {
                    lab.apply(Action::Select(Some(NodeId(i as u8))));
                    let v = NodeActionsView::of(&lab, &briefs).expect("open");
                    let ActionsAt::Over { left, top } = v.place else {
                        docked += 1;
                        continue;
                    };
                    over += 1;
                    let what = format!("{screen}, {name} at {ms} ms, n{i}'s actions");
                    // The taller panel (a clock beyond the bound) is placed for its height.
                    let warned = fencing_model::clock::beyond_bound(
                        v.node.clock_rate_ppm,
                        v.drift_bound_ppm,
                    );
                    let h_px = if warned { 350.0 } else { ACTIONS_PX.1 };
                    let (right, bottom) = (left + ACTIONS_PX.0, top + h_px);
                    assert!(
                        left >= 0.0 && top >= 0.0 && right <= w && bottom <= h,
                        "{what} leave the picture: [{left:.0}, {top:.0}, {right:.0}, {bottom:.0}]"
                    );
                    let grip = fencing_model::page::wall_grip(s.partitioned, shape);
                    let grip = ("the wall's grip".to_string(), &grip);
                    let actors = ps.iter().map(|(a, p)| (format!("{a:?}"), p));
                    for (a, p) in actors.chain([grip]) {
                        let (x, y, r) = (p.x * sx, p.y * sy, 34.0 * sx);
                        assert!(
                            x + r <= left || x - r >= right || y + r <= top || y - r >= bottom,
                            "{what} cover {a} at ({x:.0}, {y:.0})"
                        );
                    }
                }
            }
        }
        eprintln!("{screen}: actions over the picture {over} times, docked {docked}");
        // Most often the actions dock; room clear of every actor is found where there is
        // some (the largest picture, three nodes).
        assert!(docked > 0, "{screen}: {over} over, {docked} docked");
        if screen == "laptop" {
            assert!(over > 0, "{screen}: {over} over, {docked} docked");
        }
    }
}

/// The picture's height in its units for the lab's fit.
fn lab_height(lab: &fencing_model::Lab) -> f64 {
    fencing_model::layout::view_height(lab.view.fit.shape, lab.view.large_words())
}

/// A node near the picture's edge still gets its actions on the picture, beside it on
/// the side with room; with no room at all they dock.
#[test]
fn a_node_at_the_edge_gets_its_actions_on_the_side_with_room() {
    use fencing_model::page::{place_actions, ActionsAt, ACTIONS_PX as PANEL};
    let units = (WIDTH, HEIGHT);
    let at = |x: f64| Pos { x, y: 260.0 };
    // At 1:1, a node at the left edge: right of it; at the right edge: left of it.
    let ActionsAt::Over { left, .. } = place_actions(at(40.0), units, units, &[], PANEL) else {
        panic!("docked")
    };
    assert!(left > 40.0 + 34.0);
    let ActionsAt::Over { left, .. } = place_actions(at(820.0), units, units, &[], PANEL) else {
        panic!("docked")
    };
    assert!(left + 280.0 < 820.0 - 34.0);
    // The leader where the panel would go: the other side.
    let leader = Pos { x: 300.0, y: 260.0 };
    let ActionsAt::Over { left, .. } = place_actions(at(500.0), units, units, &[leader], PANEL)
    else {
        panic!("docked")
    };
    assert!(left > 500.0);
    // A picture too small for the panel: docked.
    assert_eq!(
        place_actions(at(200.0), units, (390.0, 236.0), &[], PANEL),
        ActionsAt::Docked
    );
}

/// Where the story's column stands beside the stage, a node's actions go at its top, over
/// no part of the picture, whatever the node and the screen; moved under the stage (the
/// window narrowed), they are placed on the picture again.
#[test]
fn beside_the_story_a_nodes_actions_go_to_its_column() {
    use fencing_model::derived::NodeBrief;
    use fencing_model::page::{ActionsAt, NodeActionsView};
    use fencing_model::Action;
    use fencing_sim::NodeId;
    let fit = |side_beside| Action::FitScreen {
        stage_px: 818,
        screen_h: 720,
        picture_px: (818, 495),
        side_beside,
    };
    let mut lab = fencing_model::Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::JumpTo(SimTime::from_ms(12_000)));
    let briefs = NodeBrief::of(&lab.run.snapshot);
    let places = |lab: &mut fencing_model::Lab| {
        (0..5u8)
            .map(|i| {
                lab.apply(Action::Select(Some(NodeId(i))));
                NodeActionsView::of(lab, &briefs).expect("open").place
            })
            .collect::<Vec<_>>()
    };
    lab.apply(fit(true));
    assert_eq!(places(&mut lab), vec![ActionsAt::Side; 5]);
    lab.apply(fit(false));
    let on_the_picture = places(&mut lab);
    assert!(
        on_the_picture
            .iter()
            .all(|p| matches!(p, ActionsAt::Over { .. } | ActionsAt::Docked)),
        "{on_the_picture:?}"
    );
}
