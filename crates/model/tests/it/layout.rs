//! The cluster picture's geometry, natively: wherever the wall is, no actor covers another.

use fencing_model::layout::{positions, HEIGHT, WIDTH};
use fencing_sim::network::Side;
use fencing_sim::scenario::builtin;
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, Sim};

/// With the network split any way at all, for every cluster size, no actor's picture
/// (a node with the words under it, or a box) covers another's, and all stay in the frame.
#[test]
fn no_two_actors_overlap_however_the_network_is_split() {
    // Half-width, and reach above and below the centre.
    let extent = |a: Actor| match a {
        // The body, the crown above, two lines of words below ("LEADER · lease 4.0 s").
        Actor::Node(_) => (62.0, 46.0, 76.0),
        Actor::Lease | Actor::Storage => (78.0, 52.0, 52.0),
    };
    let sides = [Side::A, Side::B, Side::Both];
    let mut checked = 0;
    for n in 3..=7usize {
        let mut scenario = builtin("gc-pause-zombie").unwrap();
        scenario.config.nodes = n as u8;
        let base = Snapshot::of(&Sim::new(&scenario));
        let actors = n + 2;
        for code in 0..3usize.pow(actors as u32) {
            let mut s = base.clone();
            s.partitioned = true;
            let mut c = code;
            let mut pick = || {
                let side = sides[c % 3];
                c /= 3;
                Some(side)
            };
            for node in &mut s.nodes {
                node.side = pick();
            }
            s.lease.side = pick();
            s.storage.side = pick();
            let ps = positions(&s);
            assert_eq!(ps.len(), actors);
            for (i, (a, p)) in ps.iter().enumerate() {
                let (w, up, down) = extent(*a);
                assert!(
                    p.x - w >= -20.0
                        && p.x + w <= WIDTH + 20.0
                        && p.y - up >= 0.0
                        && p.y + down <= HEIGHT,
                    "{n} nodes, split {code}: {a:?} at {p:?} leaves the frame"
                );
                for (b, q) in ps.iter().skip(i + 1) {
                    let (w2, up2, down2) = extent(*b);
                    let apart_x = p.x + w <= q.x - w2 || q.x + w2 <= p.x - w;
                    let apart_y = p.y + down <= q.y - up2 || q.y + down2 <= p.y - up;
                    assert!(
                        apart_x || apart_y,
                        "{n} nodes, split {code}: {a:?} at {p:?} covers {b:?} at {q:?}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 20_000, "{checked} splits");
}

#[test]
fn a_line_near_an_edge_is_moved_just_inside_the_picture() {
    use fencing_model::layout::{inside_dx, view_height};
    // In the middle: stays. A line of 20 characters at size 10 reaches 62 + 4 = 66 to
    // each side of its centre.
    assert_eq!(inside_dx(WIDTH / 2.0, 20, 10.0), 0.0);
    // Near the left edge, moved right until its left end is at 0; near the right, left.
    assert!((inside_dx(10.0, 20, 10.0) - 56.0).abs() < 1e-9);
    assert!((inside_dx(WIDTH - 10.0, 20, 10.0) + 56.0).abs() < 1e-9);
    // Exactly touching an edge: no move.
    assert_eq!(inside_dx(66.0, 20, 10.0), 0.0);
    assert_eq!(inside_dx(WIDTH - 66.0, 20, 10.0), 0.0);
    // Presentation mode keeps room under the lowest nodes for its larger words.
    assert_eq!(view_height(false), HEIGHT);
    assert!(view_height(true) > HEIGHT);
}

#[test]
fn less_and_more_than_move_one_step_towards_a_side() {
    use fencing_model::keys::nudge_key;
    assert_eq!(nudge_key("<"), Some(false));
    assert_eq!(nudge_key(","), Some(false));
    assert_eq!(nudge_key(">"), Some(true));
    assert_eq!(nudge_key("."), Some(true));
    assert_eq!(nudge_key("a"), None);
}
