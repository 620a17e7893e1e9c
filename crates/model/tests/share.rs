//! Link and file codecs: round trips, and a clear error (never a panic) for truncations,
//! random bytes, other versions and tampering.

use fencing_model::share::*;
use fencing_sim::command::{Command, NodeArgs, NodeRef, TimedCommand};
use fencing_sim::rng::{SimRng, Stream};
use fencing_sim::scenario::builtin;
use fencing_sim::{NodeId, Sim, SimTime};

fn spec() -> RunSpec {
    let mut scenario = builtin("gc-pause-zombie").unwrap();
    scenario.seed = 99;
    scenario.config.fencing = false;
    let commands = vec![
        TimedCommand {
            at_ms: 7_001,
            command: Command::Crash(NodeArgs {
                node: NodeRef::Id(NodeId(2)),
            }),
        },
        TimedCommand {
            at_ms: 9_000,
            command: Command::Restart(NodeArgs {
                node: NodeRef::Id(NodeId(2)),
            }),
        },
    ];
    RunSpec {
        scenario,
        commands,
        at_ms: 12_345,
    }
}

#[test]
fn a_link_round_trips_a_builtin_run_compactly() {
    let link = encode_link(&spec());
    assert!(link.len() < 400, "{} chars: {link}", link.len());
    assert_eq!(decode_link(&format!("#{link}")).unwrap(), spec());
}

#[test]
fn a_link_round_trips_a_custom_scenario() {
    let mut s = spec();
    s.scenario.name = "my-own".into();
    s.scenario.faults.clear();
    assert_eq!(decode_link(&encode_link(&s)).unwrap(), s);
}

#[test]
fn every_truncation_of_a_link_is_refused_with_a_message() {
    let link = encode_link(&spec());
    for cut in 0..link.len() {
        let e = decode_link(&link[..cut]).unwrap_err();
        assert!(!e.is_empty());
    }
}

#[test]
fn random_bytes_and_edits_are_refused_without_panic() {
    let mut rng = SimRng::new(3, Stream::Faults);
    let link = encode_link(&spec());
    for _ in 0..2000 {
        let mut b = link.clone().into_bytes();
        let i = rng.range(0, b.len() as u64 - 1) as usize;
        b[i] = rng.range(32, 126) as u8;
        if let Ok(s) = String::from_utf8(b) {
            if s != link {
                let _ = decode_link(&s); // any edit: a clear Err, or (rarely) a still-valid spec
            }
        }
        let junk: String = (0..rng.range(0, 80))
            .map(|_| rng.range(32, 126) as u8 as char)
            .collect();
        assert!(decode_link(&junk).is_err() || junk.starts_with("run="));
    }
}

#[test]
fn links_from_other_versions_say_why_they_do_not_open() {
    let link = encode_link(&spec()).replacen("v1.", "v2.", 1);
    assert!(decode_link(&link)
        .unwrap_err()
        .contains("newer Fencing Lab"));
    let link = encode_link(&spec()).replacen("v1.", "v0.", 1);
    assert!(decode_link(&link)
        .unwrap_err()
        .contains("no longer supported"));
    assert!(decode_link("#about")
        .unwrap_err()
        .contains("no Fencing Lab run"));
}

#[test]
fn base64url_round_trips_any_bytes() {
    let mut rng = SimRng::new(4, Stream::Faults);
    for len in 0..200 {
        let bytes: Vec<u8> = (0..len).map(|_| rng.range(0, 255) as u8).collect();
        assert_eq!(base64url_decode(&base64url_encode(&bytes)).unwrap(), bytes);
    }
    assert!(base64url_decode("a").is_none());
    assert!(base64url_decode("ab+c").is_none());
}

fn exported() -> String {
    let s = builtin("gc-pause-zombie").unwrap();
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(s.until_ms));
    export_trace(&s, &sim.drain_events())
}

#[test]
fn an_exported_trace_imports_whole_and_its_scenario_reruns_to_its_hash() {
    let text = exported();
    let (header, events) = import_trace(&text).unwrap();
    assert_eq!(events.len() as u64, header.events);
    let (_, summary) = fencing_sim::summary::run_to_end(&header.scenario);
    assert_eq!(summary.trace_hash, header.trace_hash);
    assert!(matches!(
        import_file("t.jsonl", text.as_bytes()),
        Ok(Imported::Trace(..))
    ));
}

#[test]
fn a_bad_trace_file_is_refused_with_its_problem_named() {
    let text = exported();
    let lines: Vec<&str> = text.lines().collect();
    let truncated = lines[..lines.len() - 3].join("\n");
    assert!(import_trace(&truncated).unwrap_err().contains("truncated"));
    let cut_mid_line = &text[..text.len() - 20];
    assert!(import_trace(cut_mid_line)
        .unwrap_err()
        .starts_with(&format!("line {}", lines.len())));
    // An event line changed (the header, line 1, is left alone).
    let (header, body) = text.split_once('\n').unwrap();
    let tampered = format!(
        "{header}\n{}",
        body.replacen("\"token\":33", "\"token\":35", 1)
    );
    assert!(import_trace(&tampered)
        .unwrap_err()
        .contains("changed after export"));
    let other_version = text.replacen("{\"fencing_lab_trace\":1", "{\"fencing_lab_trace\":7", 1);
    assert!(import_trace(&other_version)
        .unwrap_err()
        .contains("format 7"));
    let unknown_key = text.replacen(
        "{\"fencing_lab_trace\":1,",
        "{\"fencing_lab_trace\":1,\"extra\":1,",
        1,
    );
    assert!(import_trace(&unknown_key)
        .unwrap_err()
        .contains("unknown field `extra`"));
    assert!(import_trace("").unwrap_err().contains("empty"));
}

#[test]
fn imported_files_are_told_apart_and_limited() {
    let scenario = builtin("crash-restart").unwrap().to_json_pretty();
    assert!(matches!(
        import_file("s.json", scenario.as_bytes()),
        Ok(Imported::Scenario(_))
    ));
    assert!(import_file("x.png", &[0x89, b'P', b'N', b'G', 0xff, 0xfe])
        .unwrap_err()
        .contains("not a text file"));
    let big = vec![b' '; MAX_IMPORT_BYTES + 1];
    assert!(import_file("big.json", &big)
        .unwrap_err()
        .contains("over the"));
    let bad = br#"{"title":"x","until_ms":100,"config":{"nodes":9}}"#;
    assert!(import_file("bad.json", bad)
        .unwrap_err()
        .contains("config.nodes"));
}

#[test]
fn a_link_too_far_into_a_run_is_refused_rather_than_replayed() {
    let mut far = spec();
    far.at_ms = MAX_LINK_MS + 1;
    assert!(decode_link(&encode_link(&far))
        .unwrap_err()
        .contains("hours into a run"));
    far.at_ms = MAX_LINK_MS;
    assert!(decode_link(&encode_link(&far)).is_ok());
}

#[test]
fn an_imported_scenario_without_a_title_takes_its_name_then_the_file_name() {
    let named = import_file("whatever.json", br#"{"name": "my-race", "until_ms": 1000}"#);
    match named {
        Ok(Imported::Scenario(s)) => {
            assert_eq!((s.name.as_str(), s.title.as_str()), ("my-race", "my-race"))
        }
        other => panic!("{other:?}"),
    }
    match import_file("class-demo.json", br#"{"until_ms": 1000}"#) {
        Ok(Imported::Scenario(s)) => {
            assert_eq!(
                (s.name.as_str(), s.title.as_str()),
                ("class-demo", "class-demo")
            )
        }
        other => panic!("{other:?}"),
    }
    match import_file("t.json", br#"{"title": "Mine", "until_ms": 1000}"#) {
        Ok(Imported::Scenario(s)) => assert_eq!((s.name.as_str(), s.title.as_str()), ("t", "Mine")),
        other => panic!("{other:?}"),
    }
}
