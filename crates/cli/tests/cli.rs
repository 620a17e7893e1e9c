//! The `fencing-lab` command as a user meets it: list, run, the JSON summary's keys, the
//! exit codes, and one clear message (exit 2, no panic) for every kind of bad input.

use std::path::Path;
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fencing-lab"))
        .args(args)
        .output()
        .expect("the CLI runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn bad(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_scenarios")
        .join(file);
    let o = cli(&["run", path.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{file}: {err}");
    assert!(!err.contains("panicked"), "{file} panicked: {err}");
    assert_eq!(err.lines().count(), 1, "{file}: one message, got {err}");
    assert!(o.stdout.is_empty());
    err
}

#[test]
fn list_names_every_builtin_scenario() {
    let o = cli(&["list"]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    for name in fencing_sim::scenario::builtin_names() {
        assert!(
            out.lines().any(|l| l.starts_with(name)),
            "{name} missing from list"
        );
    }
}

#[test]
fn run_json_has_the_documented_keys_and_the_zombie_rejection() {
    let o = cli(&["run", "gc-pause-zombie", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in [
        "scenario",
        "seed",
        "fencing",
        "until_ms",
        "max_term",
        "writes",
        "rejections",
        "violations",
        "split_brain_ms",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for key in [
        "sent",
        "accepted",
        "rejected",
        "stale_accepted",
        "superseded_accepted",
    ] {
        assert!(v["writes"].get(key).is_some(), "missing writes.{key}");
    }
    assert_eq!(v["trace_hash"].as_str().map(str::len), Some(16));
    assert_eq!(v["expect"]["passed"], true);
    assert_eq!(v["rejections"][0]["token"], 33);
    assert_eq!(v["rejections"][0]["highest"], 34);
    assert!(
        v["rejections"][0]["at_ms"].as_u64().is_some()
            && v["rejections"][0]["node"].as_u64().is_some()
    );
    // Leader and followers: the followers refused the zombie's term-33 heartbeats, and at
    // the end each follower's progress and the high-water mark are reported.
    assert!(
        v["old_term_refused"].as_u64().unwrap() >= 4,
        "{}",
        v["old_term_refused"]
    );
    let followers = v["followers"].as_array().unwrap();
    assert_eq!(followers.len(), 4);
    let hwm = v["high_water_mark"].as_u64().unwrap();
    assert!(hwm > 0);
    for f in followers {
        let (matched, behind) = (
            f["matched"].as_u64().unwrap(),
            f["behind"].as_u64().unwrap(),
        );
        assert!(f["node"].as_u64().unwrap() < 5);
        assert!(behind <= 1 && matched + 1 >= hwm, "{f}");
    }
    let text = String::from_utf8(cli(&["run", "gc-pause-zombie"]).stdout).unwrap();
    assert!(text.contains("followers refused "), "{text}");
    assert!(text.contains("replication: high-water mark "), "{text}");
}

#[test]
fn a_write_through_the_fencing_gap_is_counted_listed_and_closed_by_the_barrier() {
    let out = cli(&["run", "stale-before-new-write", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["writes"]["superseded_accepted"], 1);
    assert_eq!(v["writes"]["rejected"], 0);
    let s = &v["superseded"][0];
    assert_eq!(
        (s["node"].as_u64(), s["token"].as_u64()),
        (Some(3), Some(33))
    );
    assert_eq!(s["granted_term"], 34);
    assert!(s["at_ms"].as_u64().is_some_and(|t| t > 14_000));
    // The summary says it in words too.
    let text = String::from_utf8(cli(&["run", "stale-before-new-write"]).stdout).unwrap();
    assert!(
        text.contains("1 superseded (through the fencing gap)")
            && text.contains("token 33, accepted though term 34 was already granted"),
        "{text}"
    );
    // With the barrier the same write is refused; the file's expect block then fails.
    let out = cli(&["run", "stale-before-new-write", "--barrier", "on", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["writes"]["superseded_accepted"], 0);
    assert_eq!(v["writes"]["rejected"], 1);
    assert!(v["expect"]["failures"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f.as_str().unwrap().contains("superseded_accepted")));
}

#[test]
fn a_file_with_no_name_or_title_is_named_after_the_file() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios/untitled.json");
    let out = cli(&["run", file, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["scenario"], "untitled");
    assert_eq!(v["title"], "untitled");
    assert_eq!(v["until_ms"], 3000);
}

#[test]
fn check_proves_a_builtin_story_and_lesson_and_exits_0() {
    for name in ["gc-pause-zombie", "stale-before-new-write", "free-play"] {
        let out = cli(&["check", name]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {text}");
        assert!(text.contains("all borne out by the run"), "{text}");
    }
    let text = String::from_utf8(cli(&["check", "gc-pause-zombie"]).stdout).unwrap();
    assert!(
        text.contains("lesson: 4 questions, 4 proven by the run"),
        "{text}"
    );
    assert!(text.contains("question 4 (at 18338 ms): proven"), "{text}");
    assert!(!text.contains("warning"), "{text}");
}

/// The zombie's file written to a temporary file after `edit`, for checks of a changed
/// lesson.
fn zombie_file_with(tag: &str, edit: impl Fn(&mut serde_json::Value)) -> std::path::PathBuf {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/gc-pause-zombie.json"
    ))
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut v);
    let dir = std::env::temp_dir().join(format!("fencing-lab-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{tag}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

#[test]
fn check_exits_1_on_a_swapped_answer_naming_the_question_and_the_option() {
    let file = zombie_file_with("swapped", |v| {
        v["lesson"]["checkpoints"][0]["answer"] = 0.into();
    });
    let out = cli(&["check", file.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("question 1 (at 6838 ms): contradicted"),
        "{text}"
    );
    assert!(
        text.contains("lesson.checkpoints[0].options[0] (the answer): ")
            && text.contains("so the answer \"Nothing: the lease store waits for n4 to wake up\" is not what the run shows"),
        "{text}"
    );
    assert!(
        text.contains("lesson.checkpoints[0].options[1]: its claim"),
        "{text}"
    );
    // run --json says the same per option, and keeps its exit code for the expect block.
    let out = cli(&["run", file.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = &v["lesson"]["questions"][0];
    assert_eq!(q["proven"], false);
    assert_eq!(q["answer"], 0);
    assert_eq!(q["options"][0]["right"], true);
    assert_eq!(q["options"][0]["holds"], false);
    assert_eq!(q["options"][1]["holds"], true);
    assert_eq!(v["lesson"]["proven"], 3);
}

#[test]
fn check_exits_1_on_an_ambiguous_question_whose_wrong_option_also_holds() {
    let file = zombie_file_with("ambiguous", |v| {
        v["lesson"]["checkpoints"][3]["options"][1]["claim"] =
            serde_json::json!({"happens": {"kind": "resumed", "node": 4}});
    });
    let out = cli(&["check", file.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("question 4 (at 18338 ms): ambiguous"),
        "{text}"
    );
    assert!(
        text.contains("lesson.checkpoints[3].options[1]: its claim {\"happens\":{\"kind\":\"resumed\",\"node\":4}} holds in the run too"),
        "{text}"
    );
}

#[test]
fn check_exits_1_naming_an_answer_the_run_contradicts() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/wrong-answer.json"
    );
    let out = cli(&["check", file]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("lesson: 2 questions, 0 proven by the run (the answer holds, every other option fails), 1 answers verified"),
        "{text}"
    );
    // Its questions are in the older form (plain-string options): unproven, a warning.
    assert!(
        text.contains("warning: lesson.checkpoints[1].options[0]: no claim, so nothing in the run shows \"yes\" wrong: the question is unproven"),
        "{text}"
    );
    assert!(
        text.contains("lesson.checkpoints[0].claim: no event like {\"kind\":\"grant\",\"term\":34} happened — so the answer \"34\" is not what the run shows"),
        "{text}"
    );
    // run reports the same in its JSON, and keeps its exit code for the expect block.
    let out = cli(&["run", file, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["lesson"]["checkpoints"], 2);
    assert_eq!(v["lesson"]["verified"], 1);
    assert_eq!(v["lesson"]["proven"], 0);
    assert_eq!(v["lesson"]["failures"].as_array().unwrap().len(), 1);
    assert_eq!(v["lesson"]["warnings"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["lesson"]["questions"][1]["options"][0]["holds"],
        serde_json::Value::Null
    );
    // A file with no lesson has no lesson key.
    let v: serde_json::Value =
        serde_json::from_slice(&cli(&["run", "free-play", "--json"]).stdout).unwrap();
    assert!(v.get("lesson").is_none());
    // Bad input is exit 2, as for run.
    let bad = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/bad_scenarios/bad-checkpoint.json"
    );
    let out = cli(&["check", bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("lesson.checkpoints[0].answer"));
    assert_eq!(cli(&["check"]).status.code(), Some(2));
}

#[test]
fn a_failed_expectation_exits_1_and_says_why() {
    // The zombie scenario expects no stale write; with fencing off there is one.
    let o = cli(&["run", "gc-pause-zombie", "--fencing", "off"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("expect: FAILED") && out.contains("stale_accepted"),
        "{out}"
    );
}

#[test]
fn overrides_change_the_run() {
    let a = cli(&[
        "run",
        "gc-pause-zombie",
        "--json",
        "--seed",
        "8",
        "--until-ms",
        "20000",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(
        (v["seed"].as_u64(), v["until_ms"].as_u64()),
        (Some(8), Some(20000))
    );
}

#[test]
fn the_trace_file_rehashes_to_the_reported_hash() {
    let dir = std::env::temp_dir().join(format!("fencing-lab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let trace = dir.join("t.jsonl");
    let o = cli(&[
        "run",
        "delayed-write",
        "--json",
        "--trace",
        trace.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = std::fs::read_to_string(&trace).unwrap();
    assert_eq!(text.lines().count() as u64, v["events"].as_u64().unwrap());
    let h = fencing_sim::trace::hash_jsonl(&text).hex();
    assert_eq!(Some(h.as_str()), v["trace_hash"].as_str());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_random_schedule_reproduces_from_its_seed() {
    let a = cli(&["run", "random", "--seed", "475", "--json"]);
    let b = cli(&["run", "random", "--seed", "475", "--json"]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.status.code(), Some(0));
}

#[test]
fn malformed_scenario_files_each_get_one_clear_message_and_exit_2() {
    let cases = [
        ("not-json.json", "not valid JSON"),
        ("truncated.json", "not valid JSON: EOF"),
        ("empty.json", "the file is empty"),
        ("not-an-object.json", "a scenario is a JSON object"),
        ("unknown-top-key.json", "colour: unknown field `colour`"),
        (
            "unknown-config-key.json",
            "config.leese_ms: unknown field `leese_ms`",
        ),
        (
            "unknown-fault.json",
            "faults[0].explode: unknown field `explode`",
        ),
        (
            "unknown-actor.json",
            "faults[0].partition.side_b[1]: invalid value: string \"moon\"",
        ),
        ("two-nodes.json", "config.nodes: 2 nodes is outside 3–7"),
        ("eight-nodes.json", "config.nodes: 8 nodes is outside 3–7"),
        (
            "latency-min-over-max.json",
            "config.latency_ms: min 80 is greater than max 20",
        ),
        ("drop-over-100.json", "config.drop_percent: 101 is over 100"),
        (
            "negative-time.json",
            "faults[0].at_ms: invalid value: integer `-5`",
        ),
        (
            "absurd-until.json",
            "until_ms: 99999999999999 ms is absurdly large",
        ),
        (
            "pause-missing-node.json",
            "faults[2].pause.node: node 9 does not exist (nodes: 0–4)",
        ),
        (
            "stopped-clock.json",
            "faults[0].clock_rate.ppm: -1000000 is outside",
        ),
        ("future-version.json", "version: this is format version 2"),
        (
            "bad-checkpoint.json",
            "lesson.checkpoints[0].answer: 5 is not an option's index (0–1)",
        ),
    ];
    for (file, want) in cases {
        let err = bad(file);
        assert!(err.contains(want), "{file}: wanted {want:?} in {err:?}");
        assert!(
            err.contains(file),
            "{file}: the message names the file: {err}"
        );
    }
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    for (args, want) in [
        (vec!["run"], "needs a scenario"),
        (
            vec!["run", "no-such-scenario"],
            "no built-in scenario or file named `no-such-scenario`",
        ),
        (vec!["run", "/nonexistent/x.json"], "cannot read"),
        (
            vec!["run", "gc-pause-zombie", "--seed", "abc"],
            "--seed takes a whole number",
        ),
        (
            vec!["run", "gc-pause-zombie", "--seed", "-1"],
            "--seed takes a whole number",
        ),
        (
            vec!["run", "gc-pause-zombie", "--fencing", "maybe"],
            "--fencing takes on or off",
        ),
        (
            vec!["run", "gc-pause-zombie", "--until-ms"],
            "--until-ms needs a value",
        ),
        (
            vec!["run", "gc-pause-zombie", "--until-ms", "0"],
            "until_ms: must be greater than 0",
        ),
        (
            vec!["run", "gc-pause-zombie", "--colour"],
            "unknown option `--colour`",
        ),
        (vec!["launch"], "unknown command `launch`"),
    ] {
        let o = cli(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: wanted {want:?} in {err:?}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn help_prints_usage() {
    let o = cli(&["help"]);
    assert!(o.status.success());
    assert!(String::from_utf8(o.stdout).unwrap().contains("usage:"));
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// A usage error: exit 2, nothing on stdout, one line on stderr that names the problem.
fn usage_error(args: &[&str], want: &str) {
    let o = cli(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(o.stdout.is_empty(), "{args:?}: stdout {:?}", stdout(&o));
    assert!(err.contains(want), "{args:?}: wanted {want:?} in {err:?}");
    assert_eq!(err.lines().count(), 1, "{args:?}: one line, got {err:?}");
    assert!(err.starts_with("fencing-lab: "), "{args:?}: {err:?}");
}

#[test]
fn each_command_has_its_own_help_describing_its_options() {
    let pages: [(&[&str], &[&str]); 8] = [
        (
            &["run", "--help"],
            &[
                "fencing-lab run <name | file.json>",
                "--seed <N>",
                "--fencing <on|off>",
                "--barrier <on|off>",
                "--until-ms <T>",
                "--trace <FILE.jsonl>",
                "--json",
                "random",
            ],
        ),
        (&["run", "-h"], &["--seed <N>", "--until-ms <T>", "--json"]),
        (&["help", "run"], &["--seed <N>", "--fencing <on|off>"]),
        (&["list", "--help"], &["fencing-lab list", "-h, --help"]),
        (&["help", "list"], &["fencing-lab list", "-h, --help"]),
        (&["bench", "--help"], &["--runs <N>", "--day", "default 5"]),
        (&["help", "help"], &["fencing-lab help [command]"]),
        (
            &["explore", "--help"],
            &[
                "--goal <G>",
                "split-brain",
                "--budget <N>",
                "--time-s <S>",
                "--keep-faults",
                "--out <FILE.json>",
                "Exits 0 when the goal was reached, 1 when the budget ran out",
            ],
        ),
    ];
    for (args, wants) in pages {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("usage:"), "{args:?}: {out}");
        for want in wants {
            assert!(out.contains(want), "{args:?}: wanted {want:?} in {out}");
        }
    }
    // `run --help` is about run only; `list --help` has no run options.
    assert!(!stdout(&cli(&["run", "--help"])).contains("--runs"));
    assert!(!stdout(&cli(&["list", "--help"])).contains("--seed"));
}

#[test]
fn the_help_goes_to_stdout_with_exit_0_however_it_is_asked_for() {
    let top = stdout(&cli(&["help"]));
    for args in [&[][..], &["-h"], &["--help"]] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), top, "{args:?}");
    }
    for command in ["list", "run", "check", "explore", "bench", "help"] {
        assert!(top.contains(&format!("fencing-lab {command}")), "{command}");
    }
}

#[test]
fn unknown_options_exit_2_naming_the_option() {
    usage_error(
        &["run", "gc-pause-zombie", "--colour", "red"],
        "unknown option `--colour`",
    );
    usage_error(&["run", "gc-pause-zombie", "-x"], "unknown option `-x`");
    usage_error(
        &["run", "gc-pause-zombie", "--sed", "3"],
        "unknown option `--sed`; did you mean `--seed`?",
    );
    usage_error(&["bench", "--colour"], "unknown bench option `--colour`");
    usage_error(&["list", "--json"], "list takes no arguments, got `--json`");
    usage_error(&["--json"], "unknown command `--json`");
    usage_error(
        &["run", "gc-pause-zombie", "delayed-write"],
        "one scenario at a time: unexpected `delayed-write`",
    );
    usage_error(&["help", "launch"], "unknown command `launch`");
}

#[test]
fn a_missing_value_exits_2_naming_the_option() {
    for flag in ["--seed", "--until-ms", "--trace"] {
        usage_error(
            &["run", "gc-pause-zombie", flag],
            &format!("{flag} needs a value"),
        );
    }
    for flag in ["--fencing", "--barrier"] {
        usage_error(
            &["run", "gc-pause-zombie", flag],
            &format!("{flag} needs a value (on or off)"),
        );
    }
    usage_error(&["bench", "--runs"], "--runs needs a value");
    // The next word is the value, even when it looks like an option.
    usage_error(
        &["run", "gc-pause-zombie", "--seed", "--json"],
        "--seed takes a whole number ≥ 0, not `--json`",
    );
}

#[test]
fn on_off_takes_exactly_on_or_off_and_says_so() {
    for (flag, value) in [
        ("--fencing", "maybe"),
        ("--fencing", "ON"),
        ("--fencing", "true"),
        ("--barrier", "Off"),
        ("--barrier", "1"),
    ] {
        usage_error(
            &["run", "gc-pause-zombie", flag, value],
            &format!("{flag} takes on or off, not `{value}`"),
        );
    }
    for (flag, key) in [("--fencing", "fencing"), ("--barrier", "barrier")] {
        for (value, want) in [("on", true), ("off", false)] {
            let o = cli(&["run", "gc-pause-zombie", "--json", flag, value]);
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(v[key], want, "{flag} {value}");
        }
    }
}

#[test]
fn bad_numbers_exit_2_naming_the_option_and_the_value() {
    usage_error(
        &["run", "gc-pause-zombie", "--until-ms", "10s"],
        "--until-ms takes a whole number ≥ 0, not `10s`",
    );
    usage_error(
        &["run", "gc-pause-zombie", "--seed", "18446744073709551616"],
        "--seed takes a whole number ≥ 0, not `18446744073709551616`",
    );
    usage_error(
        &["bench", "--runs", "0"],
        "--runs takes a whole number ≥ 1, not `0`",
    );
    usage_error(
        &["bench", "--runs", "-3"],
        "--runs takes a whole number ≥ 1, not `-3`",
    );
}

#[test]
fn a_repeated_option_keeps_its_last_value_and_options_go_anywhere() {
    let o = cli(&[
        "run",
        "--seed",
        "1",
        "--json",
        "gc-pause-zombie",
        "--seed",
        "8",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["seed"], 8);
}

#[test]
fn explore_finds_shrinks_and_writes_a_file_that_run_reproduces() {
    let dir = std::env::temp_dir().join(format!("fencing-explore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("stale.json");
    let out = out.to_str().unwrap();
    let o = cli(&[
        "explore",
        "gc-pause-zombie",
        "--goal",
        "stale",
        "--fencing",
        "off",
        "--budget",
        "500",
        "--seed",
        "3",
        "--json",
        "--out",
        out,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for key in [
        "found",
        "tried",
        "seconds",
        "schedules_per_s",
        "faults",
        "trace_hash",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(v["found"], true);
    assert!(v["faults"].as_u64().unwrap() <= 2);
    let hash = v["trace_hash"].as_str().unwrap().to_string();
    // The file reproduces the same trace, meets its expectation and its story holds.
    let run = cli(&["run", out, "--json"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(summary["trace_hash"], hash);
    assert!(summary["writes"]["stale_accepted"].as_u64().unwrap() >= 1);
    assert_eq!(cli(&["check", out]).status.code(), Some(0));
    // The same seed and settings give the same result.
    let again = cli(&[
        "explore",
        "gc-pause-zombie",
        "--goal",
        "stale",
        "--fencing",
        "off",
        "--budget",
        "500",
        "--seed",
        "3",
        "--json",
    ]);
    let w: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(
        (&w["tried"], &w["trace_hash"]),
        (&v["tried"], &v["trace_hash"])
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The golden line the core's, the wasm and the model's tests pin (the page's explorer,
/// `fencing_model::lab::tools`, gives it too): the command line gives it as well.
#[test]
fn explore_gives_the_golden_result_of_the_core_and_the_page() {
    let golden = include_str!("../../sim/tests/explore_golden.txt");
    let o = cli(&[
        "explore",
        "gc-pause-zombie",
        "--goal",
        "stale",
        "--fencing",
        "off",
        "--barrier",
        "off",
        "--budget",
        "300",
        "--seed",
        "7",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let line = format!(
        "gc-pause-zombie stale fencing-off seed 7: tried {}, trace hash {}",
        v["tried"],
        v["trace_hash"].as_str().unwrap()
    );
    assert_eq!(golden.trim_end(), line);
}

#[test]
fn explore_exits_1_when_the_budget_runs_out_and_2_on_bad_input() {
    let o = cli(&[
        "explore",
        "gc-pause-zombie",
        "--fencing",
        "on",
        "--barrier",
        "on",
        "--budget",
        "200",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["found"].clone(), v["tried"].clone()),
        (false.into(), 200.into())
    );
    let readable = cli(&[
        "explore",
        "gc-pause-zombie",
        "--fencing",
        "on",
        "--barrier",
        "on",
        "--budget",
        "20",
    ]);
    assert!(stdout(&readable).starts_with("no schedule reached a safety violation in 20 tried"));
    usage_error(
        &["explore", "--goal", "nope"],
        "--goal takes violation, stale, superseded, split-brain or flapping, not `nope`",
    );
    usage_error(
        &["explore", "--budget", "-1"],
        "--budget takes a whole number ≥ 0, not `-1`",
    );
    usage_error(
        &["explore", "nowhere"],
        "no built-in scenario or file named `nowhere`",
    );
}

/// `fencing-lab run … --json | head -1`: once the reader has gone, the CLI ends quietly
/// (by SIGPIPE, as other Unix tools do) instead of panicking on its next line. The pipe's
/// reading end is closed before the CLI starts, so its first write finds no reader.
#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_ends_the_output_without_a_panic() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;

    for args in [
        &["run", "gc-pause-zombie", "--json"][..],
        &["run", "gc-pause-zombie"][..],
        &["list"][..],
    ] {
        let mut fds = [0; 2];
        // SAFETY: `fds` has room for the two descriptors `pipe` writes.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "a pipe");
        // SAFETY: `pipe` succeeded, so both descriptors are open and owned by nobody else.
        let (reader, writer) =
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        drop(reader);
        let o = Command::new(env!("CARGO_BIN_EXE_fencing-lab"))
            .args(args)
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .expect("the CLI runs");
        let err = stderr(&o);
        assert!(err.is_empty(), "{args:?} said on stderr: {err}");
        assert_eq!(
            o.status.signal(),
            Some(libc::SIGPIPE),
            "{args:?}: {:?}",
            o.status
        );
    }
}
