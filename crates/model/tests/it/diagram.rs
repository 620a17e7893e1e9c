//! The diagram's label placement and geometry: labels stay inside the plot and never lie
//! on one another; the frame maps the window of time onto the measured width.

use fencing_model::diagram::{
    clamp, place_labels, text_width, Anchor, Frame, Label, Placed, Sizes,
};

const LEFT: f64 = 60.0;
const RIGHT: f64 = 790.0;

fn label(text: &str, x: f64, y: f64, anchor: Anchor) -> Label {
    Label {
        text: text.into(),
        x,
        y,
        alt_y: None,
        anchor,
        font_px: 14.0,
        rank: 1,
    }
}

/// The left and right ends of a placed label, by the same estimate the placement uses.
fn ends(l: &Label, p: &Placed) -> (f64, f64) {
    let w = text_width(&l.text, l.font_px);
    let left = match p.anchor {
        Anchor::Start => p.x,
        Anchor::Middle => p.x - w / 2.0,
        Anchor::End => p.x - w,
    };
    (left, left + w)
}

#[test]
fn a_rejection_flag_at_the_right_edge_ends_at_the_edge() {
    let flag = label("⊘ 33 < 34", RIGHT - 4.0, 200.0, Anchor::Start);
    let p = place_labels(&[flag], LEFT, RIGHT)[0].unwrap();
    assert_eq!(p.anchor, Anchor::End);
    assert_eq!(p.x, RIGHT);
}

#[test]
fn a_label_at_the_left_edge_starts_at_it() {
    let write = label("write T=34", LEFT + 3.0, 100.0, Anchor::Middle);
    let p = place_labels(&[write], LEFT, RIGHT)[0].unwrap();
    assert_eq!((p.anchor, p.x), (Anchor::Start, LEFT));
}

#[test]
fn a_label_with_room_keeps_its_place_and_anchor() {
    let write = label("write T=34", 400.0, 100.0, Anchor::Middle);
    let p = place_labels(&[write], LEFT, RIGHT)[0].unwrap();
    assert_eq!((p.anchor, p.x, p.y), (Anchor::Middle, 400.0, 100.0));
}

#[test]
fn a_label_wider_than_the_plot_starts_at_the_left_edge() {
    assert_eq!(
        clamp(100.0, Anchor::End, 1000.0, LEFT, RIGHT),
        (LEFT, Anchor::Start, LEFT)
    );
}

#[test]
fn two_flags_close_together_take_the_two_lines() {
    let mut a = label("⊘ 33 < 34", 300.0, 200.0, Anchor::Start);
    a.alt_y = Some(226.0);
    let mut b = a.clone();
    b.x = 310.0;
    let p = place_labels(&[a, b], LEFT, RIGHT);
    assert_eq!(p[0].unwrap().y, 200.0);
    assert_eq!(p[1].unwrap().y, 226.0);
}

#[test]
fn a_label_with_no_second_line_moves_right_past_the_one_in_its_way() {
    let a = label("paused", 300.0, 100.0, Anchor::Start);
    let b = label("lease T3", 320.0, 100.0, Anchor::Start);
    let p = place_labels(&[a.clone(), b.clone()], LEFT, RIGHT);
    let (_, a_right) = ends(&a, &p[0].unwrap());
    let (b_left, _) = ends(&b, &p[1].unwrap());
    assert!(b_left > a_right, "{b_left} > {a_right}");
}

#[test]
fn a_label_with_nowhere_to_go_is_left_out_rather_than_drawn_over_another() {
    // At the right edge there is no room to move right.
    let a = label("write T=34", RIGHT - 2.0, 100.0, Anchor::Middle);
    let b = label("write T=35", RIGHT, 100.0, Anchor::Middle);
    let p = place_labels(&[a, b], LEFT, RIGHT);
    assert!(p[0].is_some());
    assert_eq!(p[1], None);
}

#[test]
fn a_verdict_flag_outranks_an_earlier_label_in_its_place() {
    let mut term = label("term 34", 500.0, 100.0, Anchor::Start);
    term.rank = 0;
    let mut flag = label("⊘ 33 < 34", 500.0, 100.0, Anchor::Start);
    flag.rank = 3;
    let p = place_labels(&[term, flag], LEFT, RIGHT);
    assert_eq!(p[1].unwrap().x, 500.0, "the flag where it belongs");
    assert_ne!(p[0].map(|p| p.x), Some(500.0));
}

/// A small deterministic pseudo-random stream for the sweep below.
fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

#[test]
fn no_two_placed_labels_overlap_and_none_crosses_an_edge() {
    let texts = [
        "write T=34",
        "⊘ 33 < 34",
        "paused",
        "♛ leader T34",
        "granted T=7",
    ];
    for seed in 0..50u64 {
        let mut s = seed;
        let labels: Vec<Label> = (0..40)
            .map(|_| {
                let text = texts[(lcg(&mut s) % 5) as usize];
                let anchor =
                    [Anchor::Start, Anchor::Middle, Anchor::End][(lcg(&mut s) % 3) as usize];
                let y = 30.0 * (1 + lcg(&mut s) % 7) as f64;
                let mut l = label(text, (lcg(&mut s) % 900) as f64, y, anchor);
                l.alt_y = (lcg(&mut s) % 2 == 0).then_some(y + 15.0);
                l.rank = (lcg(&mut s) % 4) as u8;
                l
            })
            .collect();
        let placed = place_labels(&labels, LEFT, RIGHT);
        assert_eq!(placed, place_labels(&labels, LEFT, RIGHT), "deterministic");
        let boxes: Vec<_> = labels
            .iter()
            .zip(&placed)
            .filter_map(|(l, p)| p.map(|p| (ends(l, &p), p.y, l.font_px)))
            .collect();
        assert!(
            boxes.len() >= 10,
            "reproduce: seed {seed}: most labels are drawn"
        );
        for (i, ((l, r), y, f)) in boxes.iter().enumerate() {
            assert!(
                *l >= LEFT - 1e-9 && *r <= RIGHT + 1e-9,
                "reproduce: seed {seed}"
            );
            for ((l2, r2), y2, f2) in &boxes[i + 1..] {
                let apart_x = r <= l2 || r2 <= l;
                let apart_y = y - 0.8 * f >= y2 + 0.2 * f2 || y2 - 0.8 * f2 >= y + 0.2 * f;
                assert!(apart_x || apart_y, "reproduce: seed {seed}: labels overlap");
            }
        }
    }
}

#[test]
fn the_frame_maps_the_window_onto_the_measured_width() {
    let f = Frame::new(800.0, Sizes::NORMAL, 7, 5_000_000, 20_000_000);
    assert_eq!(f.x(5_000_000), f.left);
    assert_eq!(f.x(20_000_000), f.right);
    assert_eq!(f.right, 792.0);
    assert!(f.left >= text_width("storage", 12.0));
    assert_eq!(f.y(1) - f.y(0), 30.0);
    assert!(
        f.height < 300.0,
        "7 lanes fit under the picture: {}",
        f.height
    );
}

#[test]
fn a_wider_diagram_draws_the_same_window_larger() {
    let narrow = Frame::new(800.0, Sizes::NORMAL, 7, 0, 15_000_000);
    let wide = Frame::new(1250.0, Sizes::NORMAL, 7, 0, 15_000_000);
    assert!(wide.x(1_000_000) - wide.x(0) > 1.5 * (narrow.x(1_000_000) - narrow.x(0)));
    assert_eq!(wide.height, narrow.height);
}

/// The diagram flags each verdict by what it is: in gc-pause-zombie, terms starting, the
/// followers' refusals of term 33 and the storage's rejection of token 33.
#[test]
fn the_diagram_flags_the_zombies_rejection_as_a_rejection() {
    use fencing_model::diagram::{items, FlagKind, Item};
    use fencing_model::EventRing;
    use fencing_sim::view::Snapshot;
    use fencing_sim::{scenario::builtin, Sim, SimTime};
    let mut sim = Sim::new(&builtin("gc-pause-zombie").unwrap());
    let mut ring = EventRing::new(0);
    sim.run_until(SimTime::from_ms(20_000));
    let through = sim.totals().events;
    ring.push(sim.drain_events(), through);
    let s = Snapshot::of(&sim);
    let flags: Vec<(FlagKind, String)> = items(&ring, &s, 0, s.now.0)
        .into_iter()
        .filter_map(|it| match it {
            Item::Flag { kind, text, .. } => Some((kind, text)),
            _ => None,
        })
        .collect();
    let of = |k: FlagKind| flags.iter().filter(|f| f.0 == k).count();
    assert_eq!(of(FlagKind::Rejected), 1, "{flags:?}");
    assert!(of(FlagKind::Term) >= 2, "{flags:?}");
    assert!(of(FlagKind::Refused) >= 1, "{flags:?}");
    assert_eq!(
        of(FlagKind::Stale) + of(FlagKind::Violation),
        0,
        "{flags:?}"
    );
    let rejected = flags.iter().find(|f| f.0 == FlagKind::Rejected).unwrap();
    assert!(rejected.1.contains("33"), "{rejected:?}");
}

/// No two of the diagram's words overlap as the page draws them: in every built-in
/// scenario, every second, the window the page shows (the last 15 s) at a narrow and a wide
/// width, in normal and presentation sizes, each label the diagram places (bars', bands',
/// flags', arrows', ticks') taken as the browser boxes its line (from 0.93 of its size
/// above the baseline to 0.24 below: the sans-serif's ascent and descent) does not meet
/// another's. And nearly every verdict (a flag) is drawn.
#[test]
fn in_every_built_in_scenario_no_two_of_the_diagrams_words_overlap() {
    use fencing_model::diagram::{items, Frame, Item, Sizes, WINDOW_US};
    use fencing_model::EventRing;
    use fencing_sim::scenario::{builtin, BUILTIN};
    use fencing_sim::view::Snapshot;
    use fencing_sim::{Sim, SimTime};
    let presentation = Sizes {
        text_px: 16.0,
        flag_px: 18.0,
        lane_px: 42.0,
    };
    let (mut looks, mut placed_n, mut verdicts) = (0, 0, [0, 0]);
    for (name, _) in BUILTIN {
        let sc = builtin(name).unwrap();
        let mut sim = Sim::new(&sc);
        let mut ring = EventRing::new(0);
        for ms in (1_000..=sc.until_ms.min(40_000)).step_by(1_000) {
            sim.run_until(SimTime::from_ms(ms));
            let through = sim.totals().events;
            ring.push(sim.drain_events(), through);
            let s = Snapshot::of(&sim);
            let end = s.now.0.max(WINDOW_US);
            for sizes in [Sizes::NORMAL, presentation] {
                for width in [640.0, 1000.0] {
                    let fr = Frame::new(width, sizes, s.nodes.len() + 2, end - WINDOW_US, end);
                    let its = items(&ring, &s, fr.start, fr.end);
                    let n = s.nodes.len();
                    let ticks = (fr.start.div_ceil(1_000_000)..=fr.end / 1_000_000)
                        .filter_map(|sec| fr.tick_label(sec));
                    let labels: Vec<Label> = ticks
                        .chain(its.iter().filter_map(|it| fr.label_of(n, it)))
                        .collect();
                    let placed = place_labels(&labels, fr.left, fr.width - 2.0);
                    let what = format!("{name} at {ms} ms, {sizes:?}, {width} px");
                    let boxes: Vec<_> = labels
                        .iter()
                        .zip(&placed)
                        .filter_map(|(l, p)| p.map(|p| (l, ends(l, &p), p.y)))
                        .collect();
                    for (i, (a, (l, r), y)) in boxes.iter().enumerate() {
                        let f = a.font_px;
                        for (b, (l2, r2), y2) in &boxes[i + 1..] {
                            let f2 = b.font_px;
                            let apart_x = r <= l2 || r2 <= l;
                            let apart_y =
                                y - 0.93 * f >= y2 + 0.24 * f2 || y2 - 0.93 * f2 >= y + 0.24 * f;
                            assert!(
                                apart_x || apart_y,
                                "{what}: {:?} at ({l:.0}..{r:.0}, {y:.0}) meets {:?} at ({l2:.0}..{r2:.0}, {y2:.0})",
                                a.text,
                                b.text
                            );
                        }
                    }
                    // The verdicts (flags) drawn, and those left out for want of room.
                    for (it, l) in its.iter().filter_map(|it| Some((it, fr.label_of(n, it)?))) {
                        if matches!(it, Item::Flag { .. }) && l.rank == 3 {
                            let i = labels.iter().position(|x| *x == l).unwrap();
                            verdicts[placed[i].is_some() as usize] += 1;
                        }
                    }
                    looks += 1;
                    placed_n += boxes.len();
                }
            }
        }
    }
    eprintln!("{looks} looks, {placed_n} labels placed, verdicts left out / drawn {verdicts:?}");
    assert!(
        looks > 1000 && placed_n > 10 * looks,
        "{looks} looks, {placed_n} labels"
    );
    // Nearly every verdict finds room.
    assert!(
        verdicts[0] * 50 < verdicts[1],
        "verdicts left out / drawn: {verdicts:?}"
    );
}
