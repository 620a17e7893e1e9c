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
            // Any edit: a clear Err, or the very run the link was made from (an edit the
            // checksum cannot see, such as DEFLATE's unused last bits).
            match decode_link(&s) {
                Ok(opened) => assert_eq!(opened, spec(), "{s} opened another run"),
                Err(e) => assert!(!e.is_empty(), "{s}"),
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
    let link = encode_link(&spec()).replacen("v2.", "v3.", 1);
    assert!(decode_link(&link)
        .unwrap_err()
        .contains("newer Fencing Lab"));
    let link = encode_link(&spec()).replacen("v2.", "v0.", 1);
    assert!(decode_link(&link)
        .unwrap_err()
        .contains("no longer supported"));
    assert!(decode_link("#about")
        .unwrap_err()
        .contains("no Fencing Lab run"));
}

/// A v1 link (the body's JSON not compressed), as pages before v2 made them.
fn v1_link(json: &str) -> String {
    let mut sum = fencing_sim::trace::TraceHash::new();
    sum.update(json.as_bytes());
    format!(
        "run=v1.{}.{:08x}",
        data_encoding::BASE64URL_NOPAD.encode(json.as_bytes()),
        sum.value() as u32
    )
}

#[test]
fn links_made_before_compression_still_open() {
    let json = r#"{"b":"gc-pause-zombie","config":{"fencing":false},"seed":99,"cmds":[{"at_ms":7001,"crash":{"node":2}},{"at_ms":9000,"restart":{"node":2}}],"t":12345}"#;
    assert_eq!(decode_link(&v1_link(json)).unwrap(), spec());
    // The same run, made today, is a v2 link and shorter.
    let today = encode_link(&spec());
    assert!(today.starts_with("run=v2."), "{today}");
    assert!(today.len() < v1_link(json).len(), "{today}");
}

#[test]
fn a_damaged_or_oversized_compressed_body_is_named() {
    let sum = |b: &[u8]| {
        let mut h = fencing_sim::trace::TraceHash::new();
        h.update(b);
        format!("{:08x}", h.value() as u32)
    };
    let link = |deflated: &[u8], json: &[u8]| {
        format!(
            "run=v2.{}.{}",
            data_encoding::BASE64URL_NOPAD.encode(deflated),
            sum(json)
        )
    };
    // Not DEFLATE data at all.
    let e = decode_link(&link(b"\xff\xfe not deflate", b"")).unwrap_err();
    assert!(e.contains("compressed data does not unpack"), "{e}");
    // A bomb: a few kilobytes that would unpack past the limit.
    let huge = vec![b' '; MAX_LINK_JSON + 1];
    let bomb = miniz_oxide::deflate::compress_to_vec(&huge, 10);
    assert!(bomb.len() < 10_000);
    let e = decode_link(&link(&bomb, &huge)).unwrap_err();
    assert!(e.contains("MiB"), "{e}");
}

/// An hour of a student's clicking in gc-pause-zombie: a command every 5 to 45 s (about
/// 140), of every kind the page makes, with the values its controls give.
fn an_hour_of_clicking() -> RunSpec {
    let mut rng = SimRng::new(2026, Stream::Faults);
    let mut commands = vec![];
    let mut t = 0;
    while t < 3_600_000 {
        t += rng.range(5_000, 45_000);
        let node = rng.range(0, 4);
        let json = match rng.range(0, 11) {
            0 | 1 => format!(
                r#"{{"pause":{{"node":{node},"for_ms":{}}}}}"#,
                1000 * rng.range(1, 12)
            ),
            2 => {
                r#"{"pause":{"node":"leader","for_ms":8000,"after_lease_check":true}}"#.to_string()
            }
            3 => format!(r#"{{"resume":{{"node":{node}}}}}"#),
            4 => format!(r#"{{"crash":{{"node":{node}}}}}"#),
            5 => format!(r#"{{"restart":{{"node":{node}}}}}"#),
            6 => format!(r#"{{"partition":{{"side_b":[{node},"lease"]}}}}"#),
            7 => r#"{"heal":{}}"#.to_string(),
            8 => format!(
                r#"{{"link_delay":{{"from":{node},"to":"storage","extra_ms":{}}}}}"#,
                500 * rng.range(1, 40)
            ),
            9 => format!(
                r#"{{"clock_rate":{{"node":{node},"ppm":{}}}}}"#,
                -50_000 * rng.range(1, 6) as i64
            ),
            10 => format!(r#"{{"set":{{"fencing":{}}}}}"#, rng.range(0, 1) == 0),
            _ => format!(r#"{{"cut_link":{{"from":{node},"to":"lease"}}}}"#),
        };
        let json = format!(r#"{{"at_ms":{t},{}"#, &json[1..]);
        commands.push(serde_json::from_str::<TimedCommand>(&json).unwrap());
    }
    RunSpec {
        scenario: builtin("gc-pause-zombie").unwrap(),
        at_ms: t,
        commands,
    }
}

#[test]
fn an_hour_of_clicking_fits_in_a_link_of_2000_characters() {
    let hour = an_hour_of_clicking();
    assert!(hour.commands.len() > 120, "{}", hour.commands.len());
    let link = encode_link(&hour);
    assert!(
        link.len() <= 2000,
        "{} commands: {} characters",
        hour.commands.len(),
        link.len()
    );
    assert_eq!(decode_link(&link).unwrap(), hour);
    println!(
        "an hour of clicking: {} commands, a link of {} characters",
        hour.commands.len(),
        link.len()
    );
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
    // The full reader (tools, tests) and the page's check (no event reader) refuse alike.
    let full = |t: &str| import_trace(t).map(|(h, _)| h);
    let page = |t: &str| check_trace(t);
    refused_alike(&full);
    refused_alike(&page);
    assert!(check_trace(&exported()).is_ok());
}

fn refused_alike(import_trace: &dyn Fn(&str) -> Result<TraceHeader, String>) {
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

/// The JSON a link carries (its body, unpacked).
fn link_body(link: &str) -> String {
    let data = link.split('.').nth(1).expect("a v2 link has data");
    let deflated = data_encoding::BASE64URL_NOPAD
        .decode(data.as_bytes())
        .unwrap();
    String::from_utf8(miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap()).unwrap()
}

#[test]
fn a_links_settings_are_the_knobs_that_differ_written_as_before() {
    use fencing_sim::Config;
    let base = fencing_sim::scenario::builtin("gc-pause-zombie").unwrap();
    // Each knob moved off the scenario's own value (and kept within its range).
    let changed: Vec<fn(&mut Config)> = vec![
        |c| c.nodes = if c.nodes == 7 { 3 } else { 7 },
        |c| c.fencing = !c.fencing,
        |c| c.barrier = !c.barrier,
        |c| c.first_token += 1,
        |c| c.lease_ms += 1000,
        |c| c.renew_every_ms += 100,
        |c| c.renew_jitter_ms += 10,
        |c| c.heartbeat_ms += 100,
        |c| c.failure_timeout_ms = [c.failure_timeout_ms[0] + 100, c.failure_timeout_ms[1] + 200],
        |c| c.write_every_ms += 500,
        |c| c.work_ms += 10,
        |c| c.latency_ms = [c.latency_ms[0] + 1, c.latency_ms[1] + 50],
        |c| c.drop_percent = if c.drop_percent == 12 { 13 } else { 12 },
        |c| c.drift_bound_ppm += 50,
    ];
    let mut every = base.config.clone();
    for (i, change) in changed.iter().enumerate() {
        change(&mut every);
        for config in [
            {
                let mut one = base.config.clone();
                change(&mut one);
                one
            },
            every.clone(),
        ] {
            let mut s = base.clone();
            s.config = config.clone();
            let spec = RunSpec {
                scenario: s,
                commands: vec![],
                at_ms: 0,
            };
            let link = encode_link(&spec);
            // Links were written with the differing knobs as a map of names, in the order
            // of their names: the same text now.
            let (serde_json::Value::Object(b), serde_json::Value::Object(c)) = (
                serde_json::to_value(&base.config).unwrap(),
                serde_json::to_value(&config).unwrap(),
            ) else {
                unreachable!()
            };
            let diff: serde_json::Map<_, _> =
                c.into_iter().filter(|(k, v)| b.get(k) != Some(v)).collect();
            let body = link_body(&link);
            let expected = format!(r#""config":{}"#, serde_json::Value::Object(diff));
            assert!(body.contains(&expected), "knob {i}: {body} has {expected}");
            // And it opens to the same settings.
            assert_eq!(
                decode_link(&link).unwrap().scenario.config,
                config,
                "knob {i}"
            );
        }
    }
    // Nothing changed: no settings at all.
    let spec = RunSpec {
        scenario: base.clone(),
        commands: vec![],
        at_ms: 0,
    };
    assert!(!link_body(&encode_link(&spec)).contains("config"));
}

#[test]
fn a_link_with_an_unknown_or_mistyped_knob_is_refused_by_name() {
    let e = decode_link(&v1_link(
        r#"{"b":"gc-pause-zombie","config":{"leese_ms":5},"seed":1}"#,
    ))
    .unwrap_err();
    assert!(e.contains("leese_ms"), "{e}");
    let e = decode_link(&v1_link(
        r#"{"b":"gc-pause-zombie","config":{"nodes":"five"},"seed":1}"#,
    ))
    .unwrap_err();
    assert!(e.starts_with("this link is damaged"), "{e}");
    // A knob of the right type but out of range is refused by the scenario's check.
    let e = decode_link(&v1_link(
        r#"{"b":"gc-pause-zombie","config":{"nodes":0},"seed":1}"#,
    ))
    .unwrap_err();
    assert!(e.contains("not valid"), "{e}");
}
