//! Property tests with proptest: the link codec round-trips any run and refuses any other
//! text with a message, never a panic; a dropped file of any bytes, named as a scenario or
//! as a trace, is imported or refused, never a panic. PROPTEST_CASES sets how many cases
//! (`scripts/fuzz` runs them by the hundred thousand).

#![cfg(not(target_arch = "wasm32"))]

use fencing_model::share::{decode_link, encode_link, import_file, RunSpec, LINK_PREFIX};
use fencing_sim::command::{ConfigPatch, NodeRef, PauseArgs};
use fencing_sim::scenario::{builtin, builtin_names};
use fencing_sim::{Command, NodeId, TimedCommand};
use proptest::prelude::*;

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        any::<bool>().prop_map(|f| Command::Set(ConfigPatch {
            fencing: Some(f),
            ..Default::default()
        })),
        (0u8..5, 1u64..20_000, any::<bool>()).prop_map(|(n, ms, worst)| Command::Pause(
            PauseArgs {
                node: NodeRef::Id(NodeId(n)),
                for_ms: Some(ms),
                after_lease_check: worst,
            }
        )),
    ]
}

fn run_spec() -> impl Strategy<Value = RunSpec> {
    let names: Vec<&'static str> = builtin_names().collect();
    (
        prop::sample::select(names),
        prop::collection::vec((0u64..60_000, command()), 0..20),
        0u64..60_000,
    )
        .prop_map(|(name, cmds, at_ms)| {
            let mut commands: Vec<TimedCommand> = cmds
                .into_iter()
                .map(|(at_ms, command)| TimedCommand { at_ms, command })
                .collect();
            commands.sort_by_key(|c| c.at_ms);
            RunSpec {
                scenario: builtin(name).unwrap(),
                commands,
                at_ms,
            }
        })
}

proptest! {
    #[test]
    fn a_link_round_trips_any_run(spec in run_spec()) {
        let link = encode_link(&spec);
        prop_assert!(link.starts_with(LINK_PREFIX));
        prop_assert_eq!(decode_link(&link), Ok(spec));
    }

    #[test]
    fn any_text_as_a_link_is_decoded_or_refused_never_a_panic(tail in ".{0,300}") {
        for text in [tail.clone(), format!("{LINK_PREFIX}{tail}")] {
            if let Err(e) = decode_link(&text) {
                prop_assert!(!e.is_empty());
            }
        }
    }

    #[test]
    fn a_damaged_link_is_refused_or_opens_a_valid_run(spec in run_spec(), at in any::<prop::sample::Index>(), c in "[A-Za-z0-9_.=-]") {
        let link = encode_link(&spec);
        let i = at.index(link.len());
        let damaged = format!("{}{}{}", &link[..i], c, &link[i + 1..]);
        if let Ok(s) = decode_link(&damaged) {
            prop_assert!(s.scenario.validate().is_ok());
        }
    }

    #[test]
    fn any_dropped_file_is_imported_or_refused_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for name in ["x.json", "x.jsonl", "x.txt"] {
            if let Err(e) = import_file(name, &bytes) {
                prop_assert!(!e.is_empty());
            }
        }
    }
}
