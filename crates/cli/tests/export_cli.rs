//! The scenario file the app saves (`Timeline::as_scenario_until_now`) is run by the CLI
//! to the very trace hash the app shows — after commands, a seek back, a fork and a toggle
//! of fencing.

use fencing_model::timeline::Timeline;
use fencing_sim::command::{ConfigPatch, NodeRef, PauseArgs};
use fencing_sim::scenario::builtin;
use fencing_sim::{Command, SimTime};
use std::process::Command as Process;

#[test]
fn the_saved_scenario_file_runs_in_the_cli_to_the_hash_the_app_shows() {
    let mut t = Timeline::new(builtin("gc-pause-zombie").unwrap());
    t.advance_to(SimTime(3_456_789));
    t.command(Command::Pause(PauseArgs {
        node: NodeRef::Leader,
        for_ms: Some(8_000),
        after_lease_check: true,
    }))
    .unwrap();
    t.advance_to(SimTime::from_ms(15_000));
    t.command(Command::Set(ConfigPatch {
        fencing: Some(false),
        ..Default::default()
    }))
    .unwrap();
    t.advance_to(SimTime::from_ms(26_000));
    // Back in time, then forward a little: the present is before the frontier.
    t.seek(SimTime::from_ms(21_000), 0);
    let s = t.as_scenario_until_now();
    assert_eq!(s.until_ms, 21_000);
    let file = std::env::temp_dir().join(format!("fl-export-{}.json", std::process::id()));
    std::fs::write(&file, s.to_json_pretty()).unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_fencing-lab"))
        .args(["run", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["trace_hash"], t.sim().trace_hash().hex());
    assert_eq!(
        json["writes"]["stale_accepted"], 0,
        "fencing went off after the zombie"
    );
}
