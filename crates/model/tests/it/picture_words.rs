//! The picture's words explain themselves (issue 30: nothing only by hovering): the terms
//! a node's words name, natively, as the page marks them (`glossary::first_named` on each
//! line, `glossary::named_in` for the node focused by the keyboard).

use fencing_model::glossary::{find, first_named, named_in};
use fencing_model::picture::words_under;
use fencing_sim::scenario::builtin;
use fencing_sim::view::Snapshot;
use fencing_sim::{Sim, SimTime};

/// gc-pause-zombie with its faults, run to `ms`.
fn snapshot_at(ms: u64) -> Snapshot {
    let mut sim = Sim::new(&builtin("gc-pause-zombie").unwrap());
    sim.run_until(SimTime::from_ms(ms));
    Snapshot::of(&sim)
}

/// The words a node shows, lines then its term, as the page draws them in normal mode.
fn words_of(s: &Snapshot, id: u8) -> Vec<String> {
    let n = &s.nodes[id as usize];
    let mut words: Vec<String> = words_under(n, s, false)
        .into_iter()
        .map(|l| l.text)
        .collect();
    words.push(format!("term {}", n.term));
    words
}

fn refs(w: &[String]) -> Vec<&str> {
    w.iter().map(String::as_str).collect()
}

#[test]
fn a_follower_s_and_the_leader_s_words_name_their_terms() {
    let s = snapshot_at(3_000);
    let leader = s
        .nodes
        .iter()
        .position(|n| n.role == fencing_sim::node::Role::Leader)
        .unwrap() as u8;
    let follower = (leader + 1) % 5;
    let f = words_of(&s, follower);
    let l = words_of(&s, leader);
    assert_eq!(first_named(&f[0]), Some("follower"), "{f:?}");
    assert_eq!(first_named(&l[0]), Some("leader"), "{l:?}");
    assert_eq!(
        named_in(&refs(&f)),
        (" follower term".into(), " term-follower term-term".into())
    );
    let (keys, ids) = named_in(&refs(&l));
    // "LEADER · lease 3.8 s", "majority has 0 of 1", "term 33".
    assert_eq!(keys, " leader lease majority term", "{l:?}");
    assert_eq!(ids, " term-leader term-lease term-majority term-term");
    assert_eq!(
        first_named(&format!("term {}", s.nodes[0].term)),
        Some("term")
    );
}

#[test]
fn at_the_rejection_every_node_s_words_name_only_explained_terms_each_once() {
    for ms in [12_000, 19_000, 25_000] {
        let s = snapshot_at(ms);
        for id in 0..s.nodes.len() as u8 {
            let words = words_of(&s, id);
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let (keys, ids) = named_in(&refs);
            let keys: Vec<&str> = keys.split_whitespace().collect();
            assert!(keys.contains(&"term"), "n{id} at {ms} ms: {words:?}");
            for (i, k) in keys.iter().enumerate() {
                assert!(find(k).is_some(), "{k}");
                assert!(!keys[..i].contains(k), "{k} twice in {keys:?}");
            }
            let ids: Vec<&str> = ids.split_whitespace().collect();
            assert_eq!(
                ids,
                keys.iter().map(|k| format!("term-{k}")).collect::<Vec<_>>()
            );
            // Each line's first term is one the node names.
            for w in &words {
                if let Some(k) = first_named(w) {
                    assert!(keys.contains(&k), "{k} of “{w}”");
                }
            }
        }
        // At 19 s the zombie's and the refusing followers' words explain themselves too.
        if ms == 19_000 {
            let all: Vec<String> = (0..5).flat_map(|id| words_of(&s, id)).collect();
            let firsts: Vec<_> = all.iter().filter_map(|w| first_named(w)).collect();
            for k in ["zombie", "refused", "leader", "follower"] {
                assert!(firsts.contains(&k), "{k} in {all:?}");
            }
        }
    }
}
