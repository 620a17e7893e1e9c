//! The cluster picture's geometry, natively: wherever the wall is, no actor covers another.

use fencing_model::layout::{positions, view_height, Shape, HEIGHT, WIDTH};
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
            inside_and_apart(
                &ps,
                extent,
                (WIDTH, HEIGHT),
                &format!("{n} nodes, split {code}"),
            );
            checked += 1;
        }
    }
    assert!(checked > 20_000, "{checked} splits");
}

#[test]
fn a_line_near_an_edge_is_moved_just_inside_the_picture() {
    use fencing_model::layout::inside_dx;
    // In the middle: stays. A line of 20 characters at size 10 reaches 62 + 4 = 66 to
    // each side of its centre.
    assert_eq!(inside_dx(WIDTH / 2.0, 20, 10.0, WIDTH), 0.0);
    // Near the left edge, moved right until its left end is at 0; near the right, left.
    assert!((inside_dx(10.0, 20, 10.0, WIDTH) - 56.0).abs() < 1e-9);
    assert!((inside_dx(WIDTH - 10.0, 20, 10.0, WIDTH) + 56.0).abs() < 1e-9);
    // Exactly touching an edge: no move.
    assert_eq!(inside_dx(66.0, 20, 10.0, WIDTH), 0.0);
    assert_eq!(inside_dx(WIDTH - 66.0, 20, 10.0, WIDTH), 0.0);
    // Presentation mode keeps room under the lowest nodes for its larger words.
    assert_eq!(view_height(Shape::Wide, false), HEIGHT);
    assert!(view_height(Shape::Wide, true) > HEIGHT);
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

/// The picture's fit for the screen: the wide picture with normal words where they are
/// 11 px or more; a narrow tablet's (1024 × 768: a stage about 600 px wide) with the larger
/// words; a phone's (390 wide: a stage about 376 px) tall. Whatever is chosen draws its
/// smallest words at 11 px or more at these sizes.
#[test]
fn the_picture_fits_the_screen_with_no_word_under_11_px() {
    use fencing_model::layout::{Fit, MIN_TEXT_PX};
    use fencing_model::picture::{NORMAL_TEXT, PRESENTATION_TEXT};
    let (small, large) = (NORMAL_TEXT.smallest(), PRESENTATION_TEXT.smallest());
    assert_eq!(small, 14.0);
    let fit = |w: f64, h: f64| Fit::for_screen(w, h, small, large);
    let wide = Fit::default();
    let larger = Fit {
        shape: Shape::Wide,
        large_words: true,
    };
    let tall = Fit {
        shape: Shape::Tall,
        large_words: false,
    };
    // Laptops (the stage beside the story), the portrait tablet (one column).
    assert_eq!(fit(840.0, 720.0), wide);
    assert_eq!(fit(900.0, 768.0), wide);
    assert_eq!(fit(794.0, 1180.0), wide);
    assert_eq!(fit(602.0, 768.0), larger);
    assert_eq!(fit(376.0, 844.0), tall);
    // A short screen limits the wide picture by its height: larger words, not the tall one.
    assert_eq!(fit(1200.0, 560.0), larger);
    // A phone held sideways (844 × 390): the wide picture at the screen's height beside the
    // story (a stage about 500 px wide), with the larger words; not the tall picture, which
    // at the screen's width would start below the first screen and end four screens down.
    assert_eq!(fit(500.0, 390.0), larger);
    // ... and the same before the page has stood it beside the story (the whole width).
    assert_eq!(fit(830.0, 390.0), larger);
    // Not measured yet (or the stage hidden): the wide picture.
    assert_eq!(fit(0.0, 0.0), wide);
    for (w, h) in [
        (840.0, 720.0),
        (794.0, 1180.0),
        (602.0, 768.0),
        (376.0, 844.0),
        (500.0, 390.0),
    ] {
        let f = fit(w, h);
        let words = if f.large_words { large } else { small };
        let room = if h < 520.0 { 48.0 } else { 192.0 };
        let shown = match f.shape {
            Shape::Wide => w.min((h - room) * WIDTH / view_height(f.shape, f.large_words)),
            Shape::Tall => w,
        };
        let px = words * shown / f.shape.width();
        assert!(px >= MIN_TEXT_PX, "{w}×{h}: {f:?} draws {px:.1} px");
    }
}

/// The tall picture: whole, for every cluster size, no actor covers another and all stay
/// in its frame; split with up to six actors on a side, the same, each on its side.
#[test]
fn the_tall_picture_keeps_its_actors_apart_and_on_their_sides() {
    use fencing_model::layout::{extent, positions_in};
    let shape = Shape::Tall;
    let (w_all, h_all, wall_x) = (shape.width(), shape.height(), shape.wall_x());
    let sides = [Side::A, Side::B, Side::Both];
    let check = |s: &Snapshot, what: &str| {
        let ps = positions_in(s, shape);
        inside_and_apart(&ps, extent, (w_all, h_all), what);
        ps
    };
    let mut checked = 0;
    for n in 3..=7usize {
        let mut scenario = builtin("gc-pause-zombie").unwrap();
        scenario.config.nodes = n as u8;
        let base = Snapshot::of(&Sim::new(&scenario));
        check(&base, &format!("{n} nodes, whole"));
        if n > 5 {
            continue;
        }
        for code in 0..3usize.pow(n as u32 + 2) {
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
            let on = |side| {
                s.nodes
                    .iter()
                    .map(|v| v.side)
                    .chain([s.lease.side, s.storage.side])
                    .filter(|x| *x == Some(side))
                    .count()
            };
            if on(Side::A) > 6 || on(Side::B) > 6 {
                continue; // a column holds six
            }
            let ps = check(&s, &format!("{n} nodes, split {code}"));
            for (a, p) in &ps {
                let side = match a {
                    Actor::Node(id) => s.nodes[id.0 as usize].side,
                    Actor::Lease => s.lease.side,
                    Actor::Storage => s.storage.side,
                };
                match side {
                    Some(Side::A) => assert!(p.x < wall_x, "{a:?} at {p:?} on side A"),
                    Some(Side::B) => assert!(p.x > wall_x, "{a:?} at {p:?} on side B"),
                    _ => {}
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 900, "{checked} splits");
}

/// The tall picture split with six or seven nodes, however the network is split (every
/// side for every actor: 6/1, 5/2, 4/3, the boxes anywhere, some on the wall): no actor
/// covers another, all stay in the picture, and each stands on its own side. A side of more
/// than six stands in two columns, and no two nodes' words meet.
#[test]
fn the_tall_picture_fits_six_or_seven_nodes_however_they_are_split() {
    use fencing_model::layout::{extent, positions_in, Pos};
    let shape = Shape::Tall;
    let (w_all, h_all, wall_x) = (shape.width(), shape.height(), shape.wall_x());
    let sides = [Side::A, Side::B, Side::Both];
    let mut checked = 0;
    for n in 6..=7usize {
        let mut scenario = builtin("gc-pause-zombie").unwrap();
        scenario.config.nodes = n as u8;
        let base = Snapshot::of(&Sim::new(&scenario));
        for code in 0..3usize.pow(n as u32 + 2) {
            let mut s = base.clone();
            s.partitioned = true;
            let mut c = code;
            for node in &mut s.nodes {
                node.side = Some(sides[c % 3]);
                c /= 3;
            }
            s.lease.side = Some(sides[c % 3]);
            s.storage.side = Some(sides[c / 3 % 3]);
            let ps = positions_in(&s, shape);
            assert_eq!(ps.len(), n + 2);
            let what = format!("{n} nodes, split {code}");
            inside_and_apart(&ps, extent, (w_all, h_all), &what);
            for (i, (a, p)) in ps.iter().enumerate() {
                let side = match a {
                    Actor::Node(id) => s.nodes[id.0 as usize].side,
                    Actor::Lease => s.lease.side,
                    Actor::Storage => s.storage.side,
                };
                // A node's words are wider than its extent says (up to 20 characters, about
                // 180 units: "follower · 1 behind"): on a side, no two nodes' first two
                // lines meet (the wall's own and across it: `scene` places those).
                let words = |p: &Pos| (p.x - 90.0, p.x + 90.0, p.y + 44.0, p.y + 80.0);
                let side_of = |a: &Actor| match a {
                    Actor::Node(id) => s.nodes[id.0 as usize].side,
                    _ => None,
                };
                if matches!(side_of(a), Some(Side::A | Side::B)) {
                    for (b, q) in ps.iter().skip(i + 1) {
                        if side_of(b) != side_of(a) {
                            continue;
                        }
                        let (l1, r1, t1, b1) = words(p);
                        let (l2, r2, t2, b2) = words(q);
                        let meet = l1 < r2 && l2 < r1 && t1 < b2 && t2 < b1;
                        assert!(
                            !meet,
                            "{what}: {a:?}'s words at {p:?} meet {b:?}'s at {q:?}"
                        );
                    }
                }
                match side {
                    Some(Side::A) => assert!(p.x < wall_x, "{what}: {a:?} at {p:?} on side A"),
                    Some(Side::B) => assert!(p.x > wall_x, "{what}: {a:?} at {p:?} on side B"),
                    _ => {}
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 3usize.pow(8) + 3usize.pow(9));
}

/// Every actor (its extent: half-width, reach above and below its centre) inside a picture
/// `w_all` × `h_all` (20 units of grace at the sides), and no two covering each other.
fn inside_and_apart(
    ps: &[(Actor, fencing_model::layout::Pos)],
    extent: impl Fn(Actor) -> (f64, f64, f64),
    (w_all, h_all): (f64, f64),
    what: &str,
) {
    for (i, (a, p)) in ps.iter().enumerate() {
        let (w, up, down) = extent(*a);
        assert!(
            p.x - w >= -20.0 && p.x + w <= w_all + 20.0 && p.y - up >= 0.0 && p.y + down <= h_all,
            "{what}: {a:?} at {p:?} leaves the picture"
        );
        for (b, q) in ps.iter().skip(i + 1) {
            let (w2, up2, down2) = extent(*b);
            let apart_x = p.x + w <= q.x - w2 || q.x + w2 <= p.x - w;
            let apart_y = p.y + down <= q.y - up2 || q.y + down2 <= p.y - up;
            assert!(
                apart_x || apart_y,
                "{what}: {a:?} at {p:?} covers {b:?} at {q:?}"
            );
        }
    }
}
