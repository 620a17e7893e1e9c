//! Where each actor sits in the cluster picture. Without a partition the nodes stand on a
//! circle with the lease store and the storage to their right; with one, side A stands left
//! of the wall, side B right of it, and actors on both sides stand on the wall itself.

use crate::sim::network::Side;
use crate::sim::view::Snapshot;
use crate::sim::{Actor, NodeId};

pub const WIDTH: f64 = 860.0;
pub const HEIGHT: f64 = 520.0;
pub const WALL_X: f64 = 430.0;
pub const NODE_R: f64 = 34.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pos {
    pub x: f64,
    pub y: f64,
}

/// Positions of every actor: nodes in order, then the lease store, then the storage.
pub fn positions(s: &Snapshot) -> Vec<(Actor, Pos)> {
    let n = s.nodes.len();
    let mut out = Vec::with_capacity(n + 2);
    if !s.partitioned {
        let (cx, cy, r) = (300.0, HEIGHT / 2.0 + 8.0, 196.0);
        for i in 0..n {
            let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n as f64;
            out.push((
                Actor::Node(NodeId(i as u8)),
                Pos {
                    x: cx + r * a.cos(),
                    y: cy + r * a.sin(),
                },
            ));
        }
        out.push((Actor::Lease, Pos { x: 730.0, y: 120.0 }));
        out.push((Actor::Storage, Pos { x: 730.0, y: 400.0 }));
        return out;
    }
    let side = |a: Actor| -> Side {
        match a {
            Actor::Node(id) => s
                .nodes
                .get(id.0 as usize)
                .and_then(|v| v.side)
                .unwrap_or(Side::A),
            Actor::Lease => s.lease.side.unwrap_or(Side::A),
            Actor::Storage => s.storage.side.unwrap_or(Side::A),
        }
    };
    let nodes: Vec<Actor> = (0..n).map(|i| Actor::Node(NodeId(i as u8))).collect();
    for which in [Side::A, Side::B, Side::Both] {
        let members: Vec<Actor> = nodes
            .iter()
            .copied()
            .chain([Actor::Lease, Actor::Storage])
            .filter(|a| side(*a) == which)
            .collect();
        let count = members.len();
        for (k, a) in members.into_iter().enumerate() {
            let y = match which {
                // On the wall, from the bottom up: the middle of the wall is where
                // messages die, and their marks should not cover a box.
                Side::Both => HEIGHT - 90.0 - k as f64 * 130.0,
                _ if count == 1 => HEIGHT / 2.0,
                _ => 70.0 + k as f64 * (HEIGHT - 140.0) / (count - 1) as f64,
            };
            // A gentle arc: the middle of a column bulges away from the wall.
            let bulge = {
                let m = (y - HEIGHT / 2.0) / (HEIGHT / 2.0);
                (1.0 - m * m) * 60.0
            };
            let x = match which {
                Side::A => 210.0 - bulge,
                Side::B => 650.0 + bulge,
                Side::Both => WALL_X,
            };
            out.push((a, Pos { x, y }));
        }
    }
    // Keep the documented order: nodes, lease store, storage.
    out.sort_by_key(|(a, _)| match a {
        Actor::Node(id) => id.0 as u16,
        Actor::Lease => 1000,
        Actor::Storage => 1001,
    });
    out
}

pub fn pos_of(ps: &[(Actor, Pos)], a: Actor) -> Pos {
    ps.iter()
        .find(|(b, _)| *b == a)
        .map(|(_, p)| *p)
        .unwrap_or(Pos {
            x: WIDTH / 2.0,
            y: HEIGHT / 2.0,
        })
}

/// The point where a line from `from` to `to` leaves the shape around `from`.
pub fn edge_point(from: Pos, to: Pos, radius: f64) -> Pos {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    Pos {
        x: from.x + dx / len * radius,
        y: from.y + dy / len * radius,
    }
}

/// How far a shape reaches from its centre, for lines to start at its edge.
pub fn radius_of(a: Actor) -> f64 {
    match a {
        Actor::Node(_) => NODE_R + 10.0,
        Actor::Lease | Actor::Storage => 56.0,
    }
}
