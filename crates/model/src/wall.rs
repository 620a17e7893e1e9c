//! Splitting the network by hand in the picture: an actor dragged to one side of the wall
//! or onto it, the wall itself dragged across the picture, and their keyboard equivalents
//! (an actor nudged one step across, the wall moved one actor at a time). Each gesture
//! ends as a plan (`SplitPlan`); `settle` turns a plan into the action that puts it in
//! force, or nothing when it is in force already.

use crate::intent::SplitPlan;
use crate::layout::{Pos, Shape};
use crate::Action;
use fencing_sim::network::Side;
use fencing_sim::Actor;

/// Half the width of the band along the wall: an actor let go within it stands on the
/// wall, reaching both sides (as the storage does when it lives in another zone).
pub const BAND: f64 = 40.0;

/// How far (picture units) a press must move before it is a drag: less is a click.
pub const DRAG_START: f64 = 10.0;

/// The side an actor let go at `x` in a picture of `shape` stands on: left of the band A,
/// in it both, right B.
pub fn side_at(x: f64, shape: Shape) -> Side {
    let wall_x = shape.wall_x();
    if x < wall_x - BAND {
        Side::A
    } else if x > wall_x + BAND {
        Side::B
    } else {
        Side::Both
    }
}

/// One step across the wall: towards side B (A → both → B) or back towards A.
pub fn step(side: Side, toward_b: bool) -> Side {
    match (side, toward_b) {
        (Side::A, true) | (Side::B, false) => Side::Both,
        (Side::Both, true) | (Side::B, true) => Side::B,
        (Side::Both, false) | (Side::A, false) => Side::A,
    }
}

/// Where the wall stands before anyone moves it: in the middle when the network is split,
/// at the picture's right edge (everyone on side A) when it is whole.
pub fn rest(partitioned: bool, shape: Shape) -> f64 {
    if partitioned {
        shape.wall_x()
    } else {
        shape.width() - 12.0
    }
}

/// The plan with the wall at `x` in the picture as drawn (`positions`): whoever stands left
/// of it on side A, right of it on side B; those on the wall in `in_force` stay there.
pub fn plan_with_wall_at(positions: &[(Actor, Pos)], in_force: &SplitPlan, x: f64) -> SplitPlan {
    positions.iter().fold(SplitPlan::default(), |plan, (a, p)| {
        match in_force.side_of(*a) {
            Side::Both => plan.with(*a, Side::Both),
            _ if p.x > x => plan.with(*a, Side::B),
            _ => plan,
        }
    })
}

/// Where the wall can stop, left to right, for the keyboard: before the leftmost actor not
/// on the wall, between each two such neighbours, and past the rightmost, so that each
/// step moves the next actor (or the next ones standing level) across.
pub fn stops(positions: &[(Actor, Pos)], in_force: &SplitPlan, shape: Shape) -> Vec<f64> {
    let mut xs: Vec<f64> = positions
        .iter()
        .filter(|(a, _)| in_force.side_of(*a) != Side::Both)
        .map(|(_, p)| p.x)
        .collect();
    fencing_sim::order::sort_by(&mut xs, f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let (Some(first), Some(last)) = (xs.first(), xs.last()) else {
        return vec![rest(false, shape)];
    };
    let mut out = vec![(first - 20.0).max(4.0)];
    out.extend(xs.windows(2).map(|w| (w[0] + w[1]) / 2.0));
    out.push(
        (last + 20.0)
            .min(shape.width() - 4.0)
            .max(rest(false, shape)),
    );
    out
}

/// Which of `stops` gives the partition in force (the wall where it stands): the first
/// whose plan puts everyone where `in_force` does, else the nearest to where the wall rests.
pub fn stop_now(
    stops: &[f64],
    positions: &[(Actor, Pos)],
    in_force: &SplitPlan,
    actors: &[Actor],
    (partitioned, shape): (bool, Shape),
) -> usize {
    stops
        .iter()
        .position(|x| {
            same(
                &plan_with_wall_at(positions, in_force, *x),
                in_force,
                actors,
            )
        })
        .or_else(|| {
            let x = rest(partitioned, shape);
            (0..stops.len()).min_by(|i, j| (stops[*i] - x).abs().total_cmp(&(stops[*j] - x).abs()))
        })
        .unwrap_or(0)
}

/// What the wall's controls need of the picture as it stands, worked out when the
/// arrangement changes rather than every frame: the actors, the partition in force, where
/// the wall can stop and which stop it is at.
#[derive(Clone, Debug, PartialEq)]
pub struct WallModel {
    pub shape: Shape,
    pub actors: Vec<Actor>,
    pub in_force: SplitPlan,
    pub stops: Vec<f64>,
    pub now: usize,
}

impl WallModel {
    pub fn of(arr: &crate::layout::Arrangement, positions: &[(Actor, Pos)]) -> WallModel {
        let actors = crate::layout::actors(arr.nodes);
        let in_force = SplitPlan::arranged(arr);
        let stops = stops(positions, &in_force, arr.shape);
        let partitioned = (arr.sides.is_some(), arr.shape);
        let now = stop_now(&stops, positions, &in_force, &actors, partitioned);
        WallModel {
            shape: arr.shape,
            actors,
            in_force,
            stops,
            now,
        }
    }
}

/// True when `a` and `b` put every one of `actors` on the same side.
pub fn same(a: &SplitPlan, b: &SplitPlan, actors: &[Actor]) -> bool {
    actors.iter().all(|x| a.side_of(*x) == b.side_of(*x))
}

/// What putting `plan` in force takes, given the partition in force now: a split when
/// someone stands on side B; healing when no one does but the network is split (the wall
/// taken away; as *Heal*, it also restores cut links); nothing when the plan is what is in
/// force, or when it splits nothing (only actors on the wall, no one on side B).
pub fn settle(plan: &SplitPlan, in_force: &SplitPlan, actors: &[Actor]) -> Option<Action> {
    if same(plan, in_force, actors) {
        return None;
    }
    plan.action(actors).or_else(|| {
        let split_now = !in_force.on(actors, Side::B).is_empty();
        split_now.then_some(Action::Heal)
    })
}

/// What letting go of `plan` would do, in words for the picture while dragging and for the
/// wall's keyboard value: "n1, storage on side B", "heals the network", "no split".
pub fn preview_words(plan: &SplitPlan, in_force: &SplitPlan, actors: &[Actor]) -> String {
    match settle(plan, in_force, actors) {
        Some(Action::Heal) => "no one on side B: heals the network".into(),
        Some(_) => plan.words(actors),
        None if same(plan, in_force, actors) && !plan.on(actors, Side::B).is_empty() => {
            format!("{} (as now)", plan.words(actors))
        }
        None => "no one on side B: no split".into(),
    }
}

/// What a press in the picture took hold of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Grab {
    Wall,
    Actor(Actor),
}

impl Grab {
    /// The grab a `data-grab` key names: "wall", or an actor's key ("2", "lease", "storage").
    pub fn of_key(key: &str) -> Option<Grab> {
        match key {
            "wall" => Some(Grab::Wall),
            k => crate::describe::parse_actor(k).map(Grab::Actor),
        }
    }
}

/// A press on something draggable, and where the pointer is now (picture units). It is a
/// drag once the pointer has moved `DRAG_START`; less is a click.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drag {
    pub grab: Grab,
    pub from: Pos,
    pub at: Pos,
    pub moving: bool,
}

impl Drag {
    pub fn press(grab: Grab, at: Pos) -> Drag {
        Drag {
            grab,
            from: at,
            at,
            moving: false,
        }
    }

    /// The pointer moved to `p`: the drag as it now stands, or `None` while a press has not
    /// gone `DRAG_START` yet (still a click).
    pub fn to(self, p: Pos) -> Option<Drag> {
        let far = (p.x - self.from.x).hypot(p.y - self.from.y) >= DRAG_START;
        (self.moving || far).then_some(Drag {
            at: p,
            moving: true,
            ..self
        })
    }

    /// Letting go: what it does (a split, a heal, or nothing for a click or a drop where
    /// things already stand).
    pub fn release(self, positions: &[(Actor, Pos)], wm: &WallModel) -> Option<Action> {
        if !self.moving {
            return None;
        }
        let plan = match self.grab {
            Grab::Wall => plan_with_wall_at(positions, &wm.in_force, self.at.x),
            Grab::Actor(a) => wm.in_force.with(a, side_at(self.at.x, wm.shape)),
        };
        settle(&plan, &wm.in_force, &wm.actors)
    }
}

/// A key on the focused wall, which moves from stop to stop (`WallModel::stops`).
#[derive(Clone, Debug, PartialEq)]
pub enum WallKey {
    /// ← → Home End: the wall shown at this stop, nothing done yet.
    To(usize),
    /// Enter: the wall raised where it is shown (the action, if that changes anything).
    Raise(Option<Action>),
    /// Esc: back to the partition in force.
    Cancel,
}

/// What `key` does to the focused wall, shown at stop `shown` if moved by keyboard (else
/// where the partition in force puts it); `None` for a key that is not the wall's.
pub fn wall_key(
    key: &str,
    shown: Option<usize>,
    positions: &[(Actor, Pos)],
    wm: &WallModel,
) -> Option<WallKey> {
    let here = shown.unwrap_or(wm.now);
    let last = wm.stops.len().saturating_sub(1);
    Some(match key {
        "ArrowLeft" | "ArrowDown" => WallKey::To(here.saturating_sub(1)),
        "ArrowRight" | "ArrowUp" => WallKey::To((here + 1).min(last)),
        "Home" => WallKey::To(0),
        "End" => WallKey::To(last),
        "Enter" => WallKey::Raise(shown.and_then(|i| wm.stops.get(i)).and_then(|x| {
            settle(
                &plan_with_wall_at(positions, &wm.in_force, *x),
                &wm.in_force,
                &wm.actors,
            )
        })),
        "Escape" => WallKey::Cancel,
        _ => return None,
    })
}

/// Something being moved by hand: the wall (dragged, or moved by keyboard) or an actor
/// dragged, and the partition letting go would make.
#[derive(Clone, Debug, PartialEq)]
pub struct Moving {
    /// Where the wall is shown, if it is what moves.
    pub wall_x: Option<f64>,
    /// The actor dragged and where it is, if one is.
    pub actor: Option<(Actor, Pos)>,
    pub plan: SplitPlan,
}

impl Moving {
    /// What is being moved, from a drag and the wall's keyboard stop, if anything is.
    pub fn of(
        drag: Option<Drag>,
        shown: Option<usize>,
        positions: &[(Actor, Pos)],
        wm: &WallModel,
    ) -> Option<Moving> {
        let drag = drag.filter(|d| d.moving);
        let wall_x = match drag {
            Some(Drag {
                grab: Grab::Wall,
                at,
                ..
            }) => Some(at.x),
            _ => shown.and_then(|i| wm.stops.get(i).copied()),
        };
        let actor = match drag {
            Some(Drag {
                grab: Grab::Actor(a),
                at,
                ..
            }) => Some((a, at)),
            _ => None,
        };
        let plan = wall_x
            .map(|x| plan_with_wall_at(positions, &wm.in_force, x))
            .or_else(|| actor.map(|(a, at)| wm.in_force.with(a, side_at(at.x, wm.shape))))?;
        Some(Moving {
            wall_x,
            actor,
            plan,
        })
    }

    /// What letting go would do, for the caption: "let go: n1, storage on side B".
    pub fn caption(&self, wm: &WallModel) -> String {
        format!(
            "let go: {}",
            preview_words(&self.plan, &wm.in_force, &wm.actors)
        )
    }

    /// Each actor where it stands, the side the plan puts it on, and whether that changes.
    pub fn marks(
        &self,
        positions: &[(Actor, Pos)],
        wm: &WallModel,
    ) -> Vec<(Actor, Pos, Side, bool)> {
        positions
            .iter()
            .map(|(a, p)| {
                let side = self.plan.side_of(*a);
                (*a, *p, side, side != wm.in_force.side_of(*a))
            })
            .collect()
    }
}

/// The wall's value for screen readers: what letting go of the wall being moved would do,
/// else the partition in force.
pub fn wall_value(moving: Option<&Moving>, wm: &WallModel) -> String {
    match moving.filter(|m| m.wall_x.is_some()) {
        Some(m) => preview_words(&m.plan, &wm.in_force, &wm.actors),
        None => match wm.in_force.words(&wm.actors) {
            w if w.is_empty() => "no partition: the network is whole".to_string(),
            w => w,
        },
    }
}
