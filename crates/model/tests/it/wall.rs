//! Splitting the network by hand: an actor dragged or nudged across the wall, the wall
//! dragged across the picture or moved one actor at a time; each ends as the command a
//! scenario file would write, or as nothing when nothing changes.

use fencing_model::intent::SplitPlan;
use fencing_model::keys::key_action;
use fencing_model::layout::{positions, positions_of, to_picture, Arrangement, Pos, Shape, WALL_X};
use fencing_model::wall::{self, BAND};
use fencing_model::{Action, Lab};
use fencing_sim::network::Side;
use fencing_sim::{Actor, NodeId};

fn last_written(lab: &Lab) -> String {
    serde_json::to_string(lab.commands().last().expect("a command")).unwrap()
}

fn zombie_lab() -> Lab {
    Lab::with_scenario(fencing_sim::scenario::builtin("gc-pause-zombie").unwrap())
}

#[test]
fn an_actor_let_go_left_of_the_band_on_it_or_right_of_it_stands_on_a_both_or_b() {
    assert_eq!(wall::side_at(WALL_X - BAND - 1.0, Shape::Wide), Side::A);
    assert_eq!(wall::side_at(WALL_X - BAND + 1.0, Shape::Wide), Side::Both);
    assert_eq!(wall::side_at(WALL_X, Shape::Wide), Side::Both);
    assert_eq!(wall::side_at(WALL_X + BAND + 1.0, Shape::Wide), Side::B);
    assert_eq!(wall::side_at(0.0, Shape::Wide), Side::A);
    // One step across at a time, and no further than the last side.
    assert_eq!(wall::step(Side::A, true), Side::Both);
    assert_eq!(wall::step(Side::Both, true), Side::B);
    assert_eq!(wall::step(Side::B, true), Side::B);
    assert_eq!(wall::step(Side::B, false), Side::Both);
    assert_eq!(wall::step(Side::Both, false), Side::A);
    assert_eq!(wall::step(Side::A, false), Side::A);
}

#[test]
fn dragging_actors_across_builds_the_zombie_set_up_and_back_heals() {
    let mut lab = zombie_lab();
    let n0 = Actor::Node(NodeId(0));
    // The storage on the wall alone splits nothing: said, not recorded.
    let before = lab.commands().len();
    lab.apply(Action::Place {
        actor: Actor::Storage,
        side: Side::Both,
    });
    assert_eq!(lab.commands().len(), before);
    assert!(
        lab.talk.status.contains("no one on side B"),
        "{}",
        lab.talk.status
    );
    // n0 to side B: a split with n0 alone there.
    lab.apply(Action::Place {
        actor: n0,
        side: Side::B,
    });
    assert_eq!(
        last_written(&lab),
        r#"{"at_ms":0,"partition":{"side_b":[0]}}"#
    );
    assert_eq!(lab.run.snapshot.nodes[0].side, Some(Side::B));
    // Then the storage onto the wall: the same wall, the storage reaching both sides.
    lab.apply(Action::Place {
        actor: Actor::Storage,
        side: Side::Both,
    });
    assert_eq!(
        last_written(&lab),
        r#"{"at_ms":0,"partition":{"side_b":[0],"both":["storage"]}}"#
    );
    // Letting go where it stands changes nothing.
    let before = lab.commands().len();
    lab.apply(Action::Place {
        actor: n0,
        side: Side::B,
    });
    assert_eq!(lab.commands().len(), before);
    // The keyboard: n0 selected, < moves it from side B onto the wall; no one is left on
    // side B, so there is no wall: the network heals.
    lab.apply(Action::Select(Some(NodeId(0))));
    lab.apply(key_action("<", false, lab.view.selected).unwrap());
    assert_eq!(last_written(&lab), r#"{"at_ms":0,"heal":{}}"#);
    assert!(!lab.run.snapshot.partitioned);
    // > twice: onto the wall (nothing yet: no one on side B), then to side B.
    let before = lab.commands().len();
    lab.apply(key_action(">", false, lab.view.selected).unwrap());
    assert_eq!(lab.commands().len(), before, "{}", lab.talk.status);
    assert_eq!(
        SplitPlan::in_force(&lab.run.snapshot),
        SplitPlan::default(),
        "still whole"
    );
    lab.apply(Action::Place {
        actor: n0,
        side: Side::B,
    });
    lab.apply(Action::Nudge {
        actor: Actor::Lease,
        toward_b: true,
    });
    assert_eq!(
        last_written(&lab),
        r#"{"at_ms":0,"partition":{"side_b":[0],"both":["lease"]}}"#
    );
    // Nothing selected: the keyboard says so and changes nothing.
    lab.apply(Action::Select(None));
    let before = lab.commands().len();
    lab.apply(key_action(">", false, lab.view.selected).unwrap());
    assert_eq!(lab.commands().len(), before);
    assert!(lab
        .talk
        .error
        .as_deref()
        .is_some_and(|e| e.contains("select a node")));
}

fn actors(n: usize) -> Vec<Actor> {
    (0..n as u8)
        .map(|i| Actor::Node(NodeId(i)))
        .chain([Actor::Lease, Actor::Storage])
        .collect()
}

/// Every way to stand `n` nodes, the lease store and the storage on A, B or both.
fn every_arrangement(n: usize) -> impl Iterator<Item = Vec<Side>> {
    let count = 3usize.pow(n as u32 + 2);
    (0..count).map(move |mut k| {
        (0..n + 2)
            .map(|_| {
                let side = [Side::A, Side::B, Side::Both][k % 3];
                k /= 3;
                side
            })
            .collect()
    })
}

fn plan_of(actors: &[Actor], sides: &[Side]) -> SplitPlan {
    actors
        .iter()
        .zip(sides)
        .fold(SplitPlan::default(), |p, (a, s)| match s {
            Side::A => p,
            s => p.with(*a, *s),
        })
}

#[test]
fn the_wall_let_go_where_it_stands_changes_nothing_in_any_arrangement() {
    for n in [3, 5, 7] {
        let all = actors(n);
        for sides in every_arrangement(n) {
            let in_force = plan_of(&all, &sides);
            if in_force.on(&all, Side::B).is_empty() {
                continue; // not a partition the core would take
            }
            let arr = Arrangement {
                shape: Shape::Wide,
                nodes: n,
                sides: Some(sides.clone()),
            };
            let ps = positions_of(&arr);
            // What the picture works out once per arrangement says the same.
            let wm = wall::WallModel::of(&arr, &ps);
            assert!(wall::same(&wm.in_force, &in_force, &all), "{sides:?}");
            assert_eq!(wm.actors, all);
            let plan = wall::plan_with_wall_at(&ps, &in_force, wall::rest(true, Shape::Wide));
            assert!(
                wall::same(&plan, &in_force, &all),
                "{n} nodes, {sides:?}: the wall at rest makes {plan:?}"
            );
            assert_eq!(wall::settle(&plan, &in_force, &all), None);
            // The keyboard starts from the stop that is the partition in force.
            let stops = wall::stops(&ps, &in_force, Shape::Wide);
            let i = wall::stop_now(&stops, &ps, &in_force, &all, (true, Shape::Wide));
            assert_eq!((wm.stops.clone(), wm.now), (stops.clone(), i));
            let at = wall::plan_with_wall_at(&ps, &in_force, stops[i]);
            assert!(wall::same(&at, &in_force, &all), "{n} nodes, {sides:?}");
        }
    }
}

#[test]
fn the_wall_moved_stop_by_stop_sends_one_more_actor_across_each_time() {
    let lab = zombie_lab();
    let all = actors(5);
    let ps = positions(&lab.run.snapshot);
    let whole = SplitPlan::default();
    let stops = wall::stops(&ps, &whole, Shape::Wide);
    assert!(stops.windows(2).all(|w| w[0] < w[1]), "{stops:?}");
    // At rest, at the picture's right edge: no one on side B.
    let here = wall::stop_now(&stops, &ps, &whole, &all, (false, Shape::Wide));
    assert_eq!(here, stops.len() - 1);
    assert_eq!(
        wall::settle(
            &wall::plan_with_wall_at(&ps, &whole, stops[here]),
            &whole,
            &all
        ),
        None
    );
    // Leftwards, side B only grows, by whoever stands next; at the far left, all are on it.
    let mut on_b = 0;
    for x in stops.iter().rev().skip(1) {
        let plan = wall::plan_with_wall_at(&ps, &whole, *x);
        let b = plan.on(&all, Side::B);
        assert!(b.len() > on_b, "at {x}: {b:?}");
        on_b = b.len();
        // Those on side B are exactly those right of the wall.
        for (a, p) in &ps {
            assert_eq!(b.contains(a), p.x > *x, "{a:?} at {p:?}, wall at {x}");
        }
    }
    assert_eq!(on_b, all.len());
    // The first step from the edge takes the storage (it stands furthest right in the
    // whole network's picture), and letting go there is a split.
    let first = wall::plan_with_wall_at(&ps, &whole, stops[stops.len() - 2]);
    assert_eq!(first.on(&all, Side::B), vec![Actor::Storage]);
    assert!(matches!(
        wall::settle(&first, &whole, &all),
        Some(Action::Split { .. })
    ));
    assert_eq!(
        wall::preview_words(&first, &whole, &all),
        "storage on side B"
    );
}

#[test]
fn the_wall_dragged_past_everyone_on_side_b_heals_and_actors_on_it_stay() {
    let all = actors(5);
    let sides = vec![
        Side::A,
        Side::B,
        Side::A,
        Side::A,
        Side::A,
        Side::A,
        Side::Both,
    ];
    let in_force = plan_of(&all, &sides);
    let ps = positions_of(&Arrangement {
        shape: Shape::Wide,
        nodes: 5,
        sides: Some(sides),
    });
    let right = wall::plan_with_wall_at(&ps, &in_force, 855.0);
    assert!(right.on(&all, Side::B).is_empty());
    assert_eq!(
        right.side_of(Actor::Storage),
        Side::Both,
        "on the wall, it stays"
    );
    assert_eq!(wall::settle(&right, &in_force, &all), Some(Action::Heal));
    assert_eq!(
        wall::preview_words(&right, &in_force, &all),
        "no one on side B: heals the network"
    );
    // Leftwards past n0: n0 joins n1 on side B.
    let n0 = ps
        .iter()
        .find(|(a, _)| *a == Actor::Node(NodeId(0)))
        .unwrap()
        .1;
    let left = wall::plan_with_wall_at(&ps, &in_force, n0.x - 1.0);
    assert_eq!(left.side_of(Actor::Node(NodeId(0))), Side::B);
    assert_eq!(left.side_of(Actor::Node(NodeId(1))), Side::B);
    assert_eq!(
        wall::settle(&left, &in_force, &all),
        Some(Action::Split {
            side_b: left.on(&all, Side::B),
            both: vec![Actor::Storage],
        })
    );
}

#[test]
fn a_pointer_maps_to_the_picture_through_the_letterbox() {
    // A 1720×520 box showing an 860×520 picture: scaled 1, centred with 430 px each side.
    let p = to_picture(
        (430.0 + 100.0, 50.0),
        [0.0, 0.0, 1720.0, 520.0],
        (860.0, 520.0),
    );
    assert_eq!(p, Pos { x: 100.0, y: 50.0 });
    // Half size, offset on the page.
    let p = to_picture(
        (10.0 + 215.0, 20.0 + 130.0),
        [10.0, 20.0, 430.0, 260.0],
        (860.0, 520.0),
    );
    assert_eq!(p, Pos { x: 430.0, y: 260.0 });
}

/// The picture's drag, as a state machine: a press is a click until the pointer has gone
/// `DRAG_START`; from then on it follows; letting go does what the plan says.
#[test]
fn a_press_is_a_click_until_it_moves_far_enough_then_a_drag_that_splits_when_let_go() {
    use wall::{Drag, Grab, Moving, DRAG_START};
    let lab = zombie_lab();
    let arr = Arrangement::of(&lab.run.snapshot);
    let ps = positions_of(&arr);
    let wm = wall::WallModel::of(&arr, &ps);
    let n0 = Actor::Node(NodeId(0));
    let at = fencing_model::layout::pos_of(&ps, n0);
    let press = Drag::press(Grab::Actor(n0), at);
    // Not yet a drag: nothing moves, nothing is previewed, letting go is a click.
    let near = Pos {
        x: at.x + DRAG_START / 2.0,
        y: at.y,
    };
    assert_eq!(press.to(near), None);
    assert_eq!(Moving::of(Some(press), None, &ps, &wm), None);
    assert_eq!(press.release(&ps, &wm), None);
    // Far enough: a drag, following the pointer from then on, even back near the start.
    let across = Pos {
        x: WALL_X + BAND + 60.0,
        y: at.y,
    };
    let drag = press.to(across).expect("a drag");
    assert!(drag.moving);
    assert_eq!(drag.to(near).map(|d| d.at), Some(near));
    // Previewed: n0 changes side, no one else does; the caption says what letting go does.
    let moving = Moving::of(Some(drag), None, &ps, &wm).expect("something moves");
    assert_eq!((moving.wall_x, moving.actor), (None, Some((n0, across))));
    let changes: Vec<Actor> = moving
        .marks(&ps, &wm)
        .into_iter()
        .filter(|m| m.3)
        .map(|m| m.0)
        .collect();
    assert_eq!(changes, vec![n0]);
    assert_eq!(moving.caption(&wm), "let go: n0 on side B");
    // The wall's value speaks of the partition in force while an actor moves.
    assert_eq!(
        wall::wall_value(Some(&moving), &wm),
        "no partition: the network is whole"
    );
    match drag.release(&ps, &wm) {
        Some(Action::Split { side_b, both }) => {
            assert_eq!((side_b, both), (vec![n0], vec![]));
        }
        other => panic!("expected a split, got {other:?}"),
    }
    // The wall dragged back to where it rests changes nothing.
    let wall_drag = Drag::press(Grab::Wall, at)
        .to(Pos {
            x: wall::rest(false, Shape::Wide),
            y: at.y,
        })
        .unwrap();
    assert_eq!(wall_drag.release(&ps, &wm), None);
    // What a press lands on, by its data-grab key (`describe::actor_key`).
    assert_eq!(Grab::of_key("wall"), Some(Grab::Wall));
    assert_eq!(Grab::of_key("storage"), Some(Grab::Actor(Actor::Storage)));
    assert_eq!(Grab::of_key("3"), Some(Grab::Actor(Actor::Node(NodeId(3)))));
    assert_eq!(Grab::of_key("nowhere"), None);
}

/// The focused wall's keys: arrows and Home/End show it at a stop, Enter raises it there,
/// Esc puts it back, other keys are not the wall's.
#[test]
fn the_walls_keys_show_it_at_a_stop_raise_it_with_enter_and_cancel_with_escape() {
    use wall::{wall_key, Moving, WallKey};
    let lab = zombie_lab();
    let arr = Arrangement::of(&lab.run.snapshot);
    let ps = positions_of(&arr);
    let wm = wall::WallModel::of(&arr, &ps);
    let last = wm.stops.len() - 1;
    assert_eq!(wm.now, last, "whole: the wall rests at the right edge");
    assert_eq!(
        wall_key("ArrowRight", None, &ps, &wm),
        Some(WallKey::To(last))
    );
    assert_eq!(
        wall_key("ArrowLeft", None, &ps, &wm),
        Some(WallKey::To(last - 1))
    );
    assert_eq!(wall_key("Home", Some(3), &ps, &wm), Some(WallKey::To(0)));
    assert_eq!(wall_key("End", Some(0), &ps, &wm), Some(WallKey::To(last)));
    assert_eq!(
        wall_key("ArrowDown", Some(0), &ps, &wm),
        Some(WallKey::To(0))
    );
    // Enter with the wall not moved does nothing; moved one stop, the storage goes to
    // side B.
    assert_eq!(
        wall_key("Enter", None, &ps, &wm),
        Some(WallKey::Raise(None))
    );
    match wall_key("Enter", Some(last - 1), &ps, &wm) {
        Some(WallKey::Raise(Some(Action::Split { side_b, .. }))) => {
            assert_eq!(side_b, vec![Actor::Storage])
        }
        other => panic!("expected a split, got {other:?}"),
    }
    assert_eq!(wall_key("Escape", Some(2), &ps, &wm), Some(WallKey::Cancel));
    assert_eq!(wall_key("a", Some(2), &ps, &wm), None);
    // Shown at a stop: previewed as the wall, and its value says what Enter would do.
    let moving = Moving::of(None, Some(last - 1), &ps, &wm).expect("the wall moves");
    assert_eq!(moving.wall_x, Some(wm.stops[last - 1]));
    assert_eq!(wall::wall_value(Some(&moving), &wm), "storage on side B");
    assert_eq!(Moving::of(None, None, &ps, &wm), None);
}
