//! Property tests with proptest (shrinking to a smallest failing input), each with an
//! oracle that can fail:
//! - a link round-trips any run (any built-in or own scenario, any settings, commands of
//!   every kind: pauses until resumed, partitions with the lease store and the storage on
//!   either side, links cut, held and delayed from any actor, clock rates, `set`s of the
//!   lease and timing settings);
//! - any text as a link is refused with a message, or opens a run that re-encodes to itself;
//! - a damaged link (a character changed, lost, added or swapped, or the link cut off)
//!   opens the very run it was made from, or is refused with a message;
//! - a built-in scenario file or an exported trace, mutated structurally (values replaced
//!   by odd ones or by another type, keys dropped or added, array items and lines deleted,
//!   duplicated or swapped), is imported, and then valid (a scenario validates and
//!   round-trips; a trace's events are the exported ones, as its header counts and hashes
//!   them), or refused with a message naming the problem (a trace's refusal names a line
//!   that is bad). Each import property counts its cases: at least a third must get past
//!   the JSON syntax to the checks behind it (in practice most do).
//!
//! PROPTEST_CASES sets how many cases (`scripts/fuzz` runs them by the ten thousand).

#![cfg(not(target_arch = "wasm32"))]

use fencing_model::share::{
    decode_link, encode_link, export_trace, import_file, import_trace, Imported, RunSpec,
    LINK_PREFIX, MAX_LINK_MS,
};
use fencing_sim::command::{
    ActorRef, ClockRateArgs, ConfigPatch, Empty, LinkArgs, LinkDelayArgs, MessageArgs, NodeArgs,
    NodeRef, PartitionArgs, PauseArgs, ReleaseArgs,
};
use fencing_sim::config::MAX_MS;
use fencing_sim::scenario::{builtin, builtin_names, Scenario, BUILTIN};
use fencing_sim::time::{MAX_RATE_PPM, MIN_RATE_PPM};
use fencing_sim::trace::TraceHash;
use fencing_sim::{Command, Config, Event, NodeId, Sim, SimTime, TimedCommand};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};
use serde_json::Value;
use std::cell::Cell;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------
// Runs for links

fn node_ref(n: u8, nodes: u8, leader: bool) -> NodeRef {
    if leader {
        NodeRef::Leader
    } else {
        NodeRef::Id(NodeId(n % nodes))
    }
}

/// Actor `n` of `nodes + 2`: a node, the lease store or the storage.
fn actor(n: u8, nodes: u8) -> ActorRef {
    match n % (nodes + 2) {
        x if x < nodes => ActorRef::Node(NodeRef::Id(NodeId(x))),
        x if x == nodes => ActorRef::Lease,
        _ => ActorRef::Storage,
    }
}

/// A link between two different actors, from any of them (the lease store and the storage
/// too).
fn link(a: u8, b: u8, nodes: u8) -> LinkArgs {
    let b = if b % (nodes + 2) == a % (nodes + 2) {
        a + 1
    } else {
        b
    };
    LinkArgs {
        from: actor(a, nodes),
        to: actor(b, nodes),
    }
}

/// Any valid `set`: each key over its whole valid range (`Config::check`), extremes
/// included.
fn patch() -> impl Strategy<Value = ConfigPatch> {
    let ms = || prop_oneof![Just(1u64), Just(MAX_MS), 1u64..100_000];
    let pair = || (0u64..50_000, 0u64..50_000).prop_map(|(lo, d)| [lo, lo + d]);
    (
        (
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
            prop::option::of(ms()),
            prop::option::of(ms()),
            prop::option::of(prop_oneof![Just(0u64), ms()]),
            prop::option::of(ms()),
        ),
        (
            prop::option::of(pair().prop_map(|[lo, hi]| [lo + 1, hi + 1])),
            prop::option::of(ms()),
            prop::option::of(prop_oneof![Just(0u64), ms()]),
            prop::option::of(pair()),
            prop::option::of(0u8..=100),
            prop::option::of(0u64..=500_000),
        ),
    )
        .prop_map(
            |(
                (fencing, barrier, lease, renew, jitter, heartbeat),
                (timeout, write, work, latency, drop, bound),
            )| ConfigPatch {
                fencing,
                barrier,
                lease_ms: lease,
                renew_every_ms: renew,
                renew_jitter_ms: jitter,
                heartbeat_ms: heartbeat,
                failure_timeout_ms: timeout,
                write_every_ms: write,
                work_ms: work,
                latency_ms: latency,
                drop_percent: drop,
                drift_bound_ppm: bound,
            },
        )
}

/// A command of any kind the page or a file can give, valid in a cluster of `nodes`.
fn command(nodes: u8) -> impl Strategy<Value = Command> {
    let n = 0u8..nodes + 2;
    prop_oneof![
        (
            n.clone(),
            any::<bool>(),
            prop::option::of(1u64..=MAX_MS),
            any::<bool>()
        )
            .prop_map(move |(a, leader, for_ms, worst)| Command::Pause(PauseArgs {
                node: node_ref(a, nodes, leader),
                for_ms,
                after_lease_check: worst,
            })),
        (n.clone(), any::<bool>(), 0u8..3).prop_map(move |(a, leader, kind)| {
            let args = NodeArgs {
                node: node_ref(a, nodes, leader),
            };
            match kind {
                0 => Command::Resume(args),
                1 => Command::Crash(args),
                _ => Command::Restart(args),
            }
        }),
        (any::<u16>(), any::<u16>(), any::<bool>()).prop_map(move |(b, both, leader)| {
            let pick = |mask: u16| (0..nodes + 2).filter(move |i| mask & (1 << i) != 0);
            let mut side_b: Vec<ActorRef> = pick(b).map(|i| actor(i, nodes)).collect();
            if side_b.is_empty() || leader {
                side_b.push(ActorRef::Node(NodeRef::Leader));
            }
            let both = pick(both)
                .map(|i| actor(i, nodes))
                .filter(|a| !side_b.contains(a))
                .collect();
            Command::Partition(PartitionArgs { side_b, both })
        }),
        Just(Command::Heal(Empty {})),
        (n.clone(), n.clone(), 0u8..6, any::<bool>(), 0u64..=MAX_MS).prop_map(
            move |(a, b, kind, drop, extra_ms)| {
                let l = link(a, b, nodes);
                match kind {
                    0 => Command::CutLink(l),
                    1 => Command::RestoreLink(l),
                    2 => Command::Hold(l),
                    3 => Command::Release(ReleaseArgs {
                        from: l.from,
                        to: l.to,
                        drop,
                    }),
                    _ => Command::LinkDelay(LinkDelayArgs {
                        from: l.from,
                        to: l.to,
                        extra_ms,
                    }),
                }
            }
        ),
        any::<u64>().prop_map(|id| Command::HoldMessage(MessageArgs { id })),
        (n, any::<bool>(), MIN_RATE_PPM..=MAX_RATE_PPM).prop_map(move |(a, leader, ppm)| {
            Command::ClockRate(ClockRateArgs {
                node: node_ref(a, nodes, leader),
                ppm,
            })
        }),
        patch().prop_map(Command::Set),
    ]
}

/// Settings a scenario may have, its node count kept (its faults name its nodes).
fn config(nodes: u8) -> impl Strategy<Value = Config> {
    (any::<bool>(), 1u64..=1_000_000_000, patch()).prop_map(move |(keep, first_token, p)| {
        let base = Config {
            nodes,
            first_token,
            ..Config::default()
        };
        if keep {
            base
        } else {
            p.apply(&base)
        }
    })
}

fn run_spec() -> impl Strategy<Value = RunSpec> {
    let names: Vec<&'static str> = builtin_names().collect();
    (prop::sample::select(names), 0u8..4).prop_flat_map(|(name, how)| {
        let base = builtin(name).unwrap();
        let nodes = base.config.nodes;
        let at = || prop_oneof![4 => 0u64..60_000, 1 => 0u64..=MAX_LINK_MS];
        (
            Just(base),
            any::<u64>(),
            config(nodes),
            prop::collection::vec((at(), command(nodes)), 0..20),
            at(),
        )
            .prop_map(move |(mut scenario, seed, config, cmds, at_ms)| {
                scenario.seed = seed;
                // As built in, with other settings, or the user's own scenario.
                if how >= 1 {
                    scenario.config.fencing = config.fencing;
                    scenario.config.first_token = config.first_token;
                }
                if how >= 2 {
                    scenario.config = Config {
                        nodes,
                        ..config.clone()
                    };
                }
                if how == 3 {
                    scenario.name = format!("my-{}", scenario.name);
                    scenario.faults.truncate(cmds.len() / 3);
                }
                let mut commands: Vec<TimedCommand> = cmds
                    .into_iter()
                    .map(|(at_ms, command)| TimedCommand { at_ms, command })
                    .collect();
                commands.sort_by_key(|c| c.at_ms);
                RunSpec {
                    scenario,
                    commands,
                    at_ms,
                }
            })
    })
}

/// How a link is damaged: a character changed, lost, added or two swapped, or the link
/// cut off.
#[derive(Clone, Debug)]
enum Damage {
    Change(Index, char),
    Lose(Index),
    Add(Index, char),
    Swap(Index),
    Cut(Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    let c = || prop_oneof![4 => proptest::char::range('!', '~'), 1 => any::<char>()];
    prop_oneof![
        4 => (any::<Index>(), c()).prop_map(|(i, c)| Damage::Change(i, c)),
        1 => any::<Index>().prop_map(Damage::Lose),
        1 => (any::<Index>(), c()).prop_map(|(i, c)| Damage::Add(i, c)),
        1 => any::<Index>().prop_map(Damage::Swap),
        1 => any::<Index>().prop_map(Damage::Cut),
    ]
}

fn damaged(link: &str, d: &Damage) -> String {
    let mut chars: Vec<char> = link.chars().collect();
    let n = chars.len();
    match d {
        Damage::Change(i, c) => chars[i.index(n)] = *c,
        Damage::Lose(i) => {
            chars.remove(i.index(n));
        }
        Damage::Add(i, c) => chars.insert(i.index(n + 1), *c),
        Damage::Swap(i) => chars.swap(i.index(n - 1), i.index(n - 1) + 1),
        Damage::Cut(i) => chars.truncate(i.index(n)),
    }
    chars.into_iter().collect()
}

// ---------------------------------------------------------------------------------------
// Structural mutations of files

/// A value that stands for text a `serde_json::Value` cannot hold (a number past u64 or
/// past f64), put into the file in place of its quoted marker.
const RAW: &str = "@@raw:";

fn raw(text: &str) -> Value {
    Value::String(format!("{RAW}{text}@@"))
}

fn unraw(text: &str) -> String {
    let mut out = text.to_string();
    for t in ["18446744073709551616", "1e309", "-1e309", "0.5e-400"] {
        out = out.replace(&format!("\"{RAW}{t}@@\""), t);
    }
    out
}

/// Odd values: out of range, of another type, huge, or names of actors.
fn odd(i: usize) -> Value {
    match i % 22 {
        0 => serde_json::json!(-1),
        1 => serde_json::json!(0),
        2 => raw("18446744073709551616"),
        3 => raw("1e309"),
        4 => raw("-1e309"),
        5 => serde_json::json!(1.5),
        6 => serde_json::json!(u64::MAX),
        7 => serde_json::json!(i64::MIN),
        8 => serde_json::json!(MAX_MS + 1),
        9 => serde_json::json!(1_000_000_001u64),
        10 => serde_json::json!(""),
        11 => Value::String("x".repeat(60_000)),
        12 => serde_json::json!("leader"),
        13 => serde_json::json!("lease"),
        14 => serde_json::json!("storage"),
        15 => Value::Null,
        16 => serde_json::json!(true),
        17 => serde_json::json!([]),
        18 => serde_json::json!({}),
        19 => serde_json::json!(7),
        20 => serde_json::json!(255),
        _ => raw("0.5e-400"),
    }
}

/// Where a change falls: in one of the document's sections (a top-level key, chosen
/// evenly, so the settings and faults are hit as often as the long narration and lesson;
/// in a trace's header, a key of its scenario), at its `inner`-th value in document order;
/// or (`whole`) anywhere in the document.
#[derive(Clone, Debug)]
struct At {
    whole: bool,
    section: Index,
    sub: Index,
    inner: Index,
}

/// One change to a JSON document.
#[derive(Clone, Debug)]
enum ValueEdit {
    /// Replaced by an odd value.
    Odd(At, usize),
    /// The same content as another type (5000 → "5000", "x" → 1, [a] → a, {…} → [{…}]).
    Retype(At),
    /// A key or item deleted (a scalar becomes null).
    Delete(At, Index),
    /// A key added (an object), an item duplicated (an array), a number one off.
    Add(At, Index),
    /// Two items or two values swapped.
    Swap(At, Index),
}

fn at() -> impl Strategy<Value = At> {
    (
        prop::bool::weighted(0.15),
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
    )
        .prop_map(|(whole, section, sub, inner)| At {
            whole,
            section,
            sub,
            inner,
        })
}

fn value_edit() -> impl Strategy<Value = ValueEdit> {
    let i = any::<Index>;
    prop_oneof![
        3 => (at(), any::<usize>()).prop_map(|(a, b)| ValueEdit::Odd(a, b)),
        1 => at().prop_map(ValueEdit::Retype),
        2 => (at(), i()).prop_map(|(a, b)| ValueEdit::Delete(a, b)),
        1 => (at(), i()).prop_map(|(a, b)| ValueEdit::Add(a, b)),
        1 => (at(), i()).prop_map(|(a, b)| ValueEdit::Swap(a, b)),
    ]
}

/// One change to a file's lines.
#[derive(Clone, Debug)]
enum LineEdit {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    /// The file cut off after a line.
    Truncate(Index),
}

fn line_edit() -> impl Strategy<Value = LineEdit> {
    let i = any::<Index>;
    prop_oneof![
        i().prop_map(LineEdit::Delete),
        i().prop_map(LineEdit::Duplicate),
        (i(), i()).prop_map(|(a, b)| LineEdit::Swap(a, b)),
        i().prop_map(LineEdit::Truncate),
    ]
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// The `k`-th value of `v` in document order (`v` itself is the 0th).
fn nth<'a>(v: &'a mut Value, k: &mut usize) -> Option<&'a mut Value> {
    if *k == 0 {
        return Some(v);
    }
    *k -= 1;
    match v {
        Value::Array(a) => a.iter_mut().find_map(|c| nth(c, k)),
        Value::Object(o) => o.values_mut().find_map(|c| nth(c, k)),
        _ => None,
    }
}

/// A key's value of an object, chosen by `j`; in a trace's header, mostly a key's value of
/// its scenario.
fn section(doc: &mut Value, i: Index, j: Index) -> &mut Value {
    let key = match &*doc {
        // A trace's header: its scenario three times in four.
        Value::Object(o) if o.contains_key("scenario") && i.index(4) != 0 => "scenario".into(),
        Value::Object(o) if !o.is_empty() => o.keys().nth(j.index(o.len())).unwrap().clone(),
        _ => return doc,
    };
    let v = doc.get_mut(&key).unwrap();
    if key == "scenario" {
        section(v, j, i)
    } else {
        v
    }
}

fn edit_value(doc: &mut Value, e: &ValueEdit) {
    let (ValueEdit::Odd(at, _)
    | ValueEdit::Retype(at)
    | ValueEdit::Delete(at, _)
    | ValueEdit::Add(at, _)
    | ValueEdit::Swap(at, _)) = e;
    let doc = if at.whole {
        doc
    } else {
        section(doc, at.section, at.sub)
    };
    let mut k = at.inner.index(count(doc));
    let v = nth(doc, &mut k).expect("k is below the count");
    match (e, &mut *v) {
        (ValueEdit::Odd(_, i), _) => *v = odd(*i),
        (ValueEdit::Retype(_), Value::Number(n)) => *v = Value::String(n.to_string()),
        (ValueEdit::Retype(_), Value::String(s)) => *v = serde_json::json!(s.len()),
        (ValueEdit::Retype(_), Value::Bool(b)) => *v = Value::String(b.to_string()),
        (ValueEdit::Retype(_), Value::Null) => *v = serde_json::json!(0),
        (ValueEdit::Retype(_), Value::Array(a)) => *v = a.first().cloned().unwrap_or(Value::Null),
        (ValueEdit::Retype(_), Value::Object(_)) => *v = Value::Array(vec![v.clone()]),
        (ValueEdit::Delete(_, i), Value::Array(a)) if !a.is_empty() => {
            a.remove(i.index(a.len()));
        }
        (ValueEdit::Delete(_, i), Value::Object(o)) if !o.is_empty() => {
            let key = o.keys().nth(i.index(o.len())).unwrap().clone();
            o.remove(&key);
        }
        (ValueEdit::Delete(..), _) => *v = Value::Null,
        (ValueEdit::Add(_, i), Value::Array(a)) if !a.is_empty() => {
            let j = i.index(a.len());
            a.insert(j, a[j].clone());
        }
        (ValueEdit::Add(_, i), Value::Object(o)) => {
            let key = ["extra", "at_ms", "node", "for_ms", "both", "claims"][i.index(6)];
            o.insert(key.into(), serde_json::json!(1));
        }
        (ValueEdit::Add(_, i), Value::Number(n)) => {
            let x = n.as_i64().unwrap_or(0);
            // (saturating: an earlier edit may have left i64::MIN or i64::MAX here)
            *v = serde_json::json!(if i.index(2) == 0 {
                x.saturating_sub(1)
            } else {
                x.saturating_add(1)
            });
        }
        (ValueEdit::Add(..), _) => *v = Value::Null,
        (ValueEdit::Swap(_, i), Value::Array(a)) if a.len() > 1 => {
            let j = i.index(a.len() - 1);
            a.swap(j, j + 1);
        }
        (ValueEdit::Swap(_, i), Value::Object(o)) if o.len() > 1 => {
            let keys: Vec<String> = o.keys().cloned().collect();
            let j = i.index(keys.len() - 1);
            let first = o[&keys[j]].clone();
            let second = std::mem::replace(&mut o[&keys[j + 1]], first);
            o[&keys[j]] = second;
        }
        (ValueEdit::Swap(..), _) => *v = Value::Array(vec![]),
    }
}

fn edit_lines(lines: &mut Vec<String>, e: &LineEdit) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match e {
        LineEdit::Delete(i) => {
            lines.remove(i.index(n));
        }
        LineEdit::Duplicate(i) => {
            let j = i.index(n);
            lines.insert(j, lines[j].clone());
        }
        LineEdit::Swap(i, j) => lines.swap(i.index(n), j.index(n)),
        LineEdit::Truncate(i) => lines.truncate(i.index(n)),
    }
}

// ---------------------------------------------------------------------------------------
// Counting what an import property's cases reach

/// How far a case got: refused at the JSON syntax, or past it (refused by a check behind
/// it, or imported).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    Syntax,
    Refused,
    Imported,
}

/// Runs `test` on PROPTEST_CASES cases (proptest's 256 by default) of `strategy`, shrinking
/// a failure as `proptest!` does, and asserts that at least a third of them get past the
/// JSON syntax.
fn run_counting<S: Strategy>(
    what: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<Stage, TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let tally = [Cell::new(0u64), Cell::new(0u64), Cell::new(0u64)];
    let outcome = runner.run(&strategy, |case| {
        let stage = test(case)?;
        tally[stage as usize].set(tally[stage as usize].get() + 1);
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{what}: {e}");
    }
    let [syntax, refused, imported] = tally.map(|c| c.get());
    let all = syntax + refused + imported;
    println!(
        "{what}: {all} cases: {syntax} refused at the JSON syntax, {refused} refused past it, {imported} imported"
    );
    assert!(
        3 * (refused + imported) >= all,
        "{what}: only {} of {all} cases got past the JSON syntax",
        refused + imported
    );
}

fn scenario_case() -> impl Strategy<Value = (usize, Vec<ValueEdit>, Vec<LineEdit>)> {
    (
        0..BUILTIN.len(),
        prop::collection::vec(value_edit(), 1..4),
        prop::collection::vec(line_edit(), 0..2),
    )
}

/// A built-in scenario file with its values and maybe its lines changed.
fn mutated_scenario(which: usize, values: &[ValueEdit], lines: &[LineEdit]) -> String {
    let mut doc: Value = serde_json::from_str(BUILTIN[which].1).unwrap();
    for e in values {
        edit_value(&mut doc, e);
    }
    let mut text: Vec<String> = serde_json::to_string_pretty(&doc)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    for e in lines {
        edit_lines(&mut text, e);
    }
    unraw(&text.join("\n"))
}

/// An exported run: its trace file, its events and their hash.
struct Export {
    text: String,
    events: Vec<Event>,
    hash: String,
}

/// Exported traces of three built-in runs: one whole (with its lesson, and a user's command
/// among its faults), two cut short (10 s, without their lessons) so that a case reads a
/// few hundred lines rather than 1,200.
fn exports() -> &'static [Export] {
    static EXPORTS: OnceLock<Vec<Export>> = OnceLock::new();
    EXPORTS.get_or_init(|| {
        ["crash-restart", "partitioned-leader", "gc-pause-zombie"]
            .iter()
            .map(|name| {
                let mut s = builtin(name).unwrap();
                if *name != "gc-pause-zombie" {
                    s.until_ms = 10_000;
                    s.lesson = None;
                    s.expect = None;
                } else {
                    s.faults.push(TimedCommand {
                        at_ms: 20_000,
                        command: Command::Crash(NodeArgs {
                            node: NodeRef::Leader,
                        }),
                    });
                }
                let mut sim = Sim::new(&s);
                sim.run_until(SimTime::from_ms(s.until_ms));
                let events = sim.drain_events();
                let text = export_trace(&s, &events);
                let hash = import_trace(&text).unwrap().0.trace_hash;
                assert!(s.validate().is_ok(), "{name}");
                Export { text, events, hash }
            })
            .collect()
    })
}

/// How a trace file is mutated: which export, then value edits to its header (the
/// scenario mostly) or to one event line, then line edits.
#[derive(Clone, Debug)]
struct TraceCase {
    which: usize,
    header: bool,
    line: Index,
    values: Vec<ValueEdit>,
    lines: Vec<LineEdit>,
}

fn trace_case() -> impl Strategy<Value = TraceCase> {
    (
        0..3usize,
        prop::bool::weighted(0.7),
        any::<Index>(),
        prop::collection::vec(value_edit(), 0..3),
        prop_oneof![2 => Just(vec![]), 1 => prop::collection::vec(line_edit(), 1..3)],
    )
        .prop_filter("a mutation", |(_, _, _, v, l)| {
            !v.is_empty() || !l.is_empty()
        })
        .prop_map(|(which, header, line, values, lines)| TraceCase {
            which,
            header,
            line,
            values,
            lines,
        })
}

/// The header line written back with its keys in their order (`fencing_lab_trace` first,
/// which is how a dropped file is known for a trace).
fn header_line(doc: &Value) -> String {
    let Value::Object(o) = doc else {
        return doc.to_string();
    };
    let order = ["fencing_lab_trace", "scenario", "events", "trace_hash"];
    let mut keys: Vec<&String> = o.keys().filter(|k| order.contains(&k.as_str())).collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k));
    keys.extend(o.keys().filter(|k| !order.contains(&k.as_str())));
    let fields: Vec<String> = keys
        .iter()
        .map(|k| format!("{}:{}", Value::String(k.to_string()), o[k.as_str()]))
        .collect();
    format!("{{{}}}", fields.join(","))
}

fn mutated_trace(c: &TraceCase) -> String {
    let mut lines: Vec<String> = exports()[c.which].text.lines().map(String::from).collect();
    if !c.values.is_empty() {
        let i = if c.header {
            0
        } else {
            1 + c.line.index(lines.len() - 1)
        };
        let mut doc: Value = serde_json::from_str(&lines[i]).unwrap();
        for e in &c.values {
            edit_value(&mut doc, e);
        }
        lines[i] = if i == 0 {
            header_line(&doc)
        } else {
            doc.to_string()
        };
    }
    for e in &c.lines {
        edit_lines(&mut lines, e);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    unraw(&text)
}

proptest! {
    #[test]
    fn a_link_round_trips_any_run(spec in run_spec()) {
        prop_assume!(spec.scenario.validate().is_ok());
        let link = encode_link(&spec);
        prop_assert!(link.starts_with(LINK_PREFIX));
        prop_assert_eq!(decode_link(&link), Ok(spec));
    }

    #[test]
    fn any_text_as_a_link_is_refused_with_a_message_or_re_encodes_to_itself(tail in ".{0,300}") {
        for text in [tail.clone(), format!("{LINK_PREFIX}{tail}")] {
            match decode_link(&text) {
                Err(e) => prop_assert!(!e.is_empty()),
                Ok(spec) => prop_assert_eq!(decode_link(&encode_link(&spec)), Ok(spec)),
            }
        }
    }

    #[test]
    fn a_damaged_link_opens_its_own_run_or_is_refused_with_a_message(
        spec in run_spec(),
        damage in damage(),
    ) {
        prop_assume!(spec.scenario.validate().is_ok());
        let link = encode_link(&spec);
        let text = damaged(&link, &damage);
        match decode_link(&text) {
            Ok(opened) => prop_assert_eq!(opened, spec, "opened from {}", text),
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }
}

#[test]
fn a_mutated_builtin_scenario_file_is_imported_valid_or_refused_naming_the_problem() {
    run_counting(
        "mutated scenario files",
        scenario_case(),
        |(which, values, lines)| {
            let text = mutated_scenario(which, &values, &lines);
            let json_ok = serde_json::from_str::<Value>(&text).is_ok();
            match import_file("mine.json", text.as_bytes()) {
                Ok(Imported::Scenario(s)) => {
                    prop_assert!(s.validate().is_ok());
                    prop_assert!(!s.name.is_empty() && !s.title.is_empty());
                    let again = Scenario::from_json(&s.to_json_pretty());
                    prop_assert_eq!(again.as_ref(), Ok(&s), "does not round-trip");
                    Ok(Stage::Imported)
                }
                Ok(Imported::Trace(..)) => {
                    Err(TestCaseError::fail("a scenario file imported as a trace"))
                }
                Err(m) => {
                    let problem = m.strip_prefix("mine.json: ").unwrap_or_default();
                    prop_assert!(!problem.is_empty(), "{}", m);
                    // The parser says which stage refused it; a file that is JSON must
                    // get past the syntax (a pair given three items, `"latency_ms": [1, 2,
                    // 3]`, is "this list has too many items", not "not valid JSON").
                    let e = Scenario::from_json(&text).unwrap_err();
                    let syntax = e.message.starts_with("not valid JSON");
                    prop_assert!(!(json_ok && syntax), "valid JSON refused as invalid: {}", m);
                    if syntax {
                        return Ok(Stage::Syntax);
                    }
                    // Past the syntax, the problem is named by its place (`faults[2].pause.
                    // node: …`) or its key (``missing field `until_ms` ``), or it is the
                    // file's own (too large, not an object).
                    prop_assert!(
                        !e.path.is_empty()
                            || e.message.contains('`')
                            || e.message.contains("limited to")
                            || e.message.contains("a scenario is a JSON object"),
                        "{}",
                        m
                    );
                    Ok(Stage::Refused)
                }
            }
        },
    );
}

#[test]
fn a_mutated_exported_trace_is_imported_whole_or_refused_naming_the_problem() {
    run_counting("mutated trace files", trace_case(), |c| {
        let text = mutated_trace(&c);
        let export = &exports()[c.which];
        // Whether every line is JSON (the lines as exported are).
        let exported: std::collections::BTreeSet<&str> = export.text.lines().collect();
        let all_json = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !exported.contains(l))
            .all(|l| serde_json::from_str::<Value>(l).is_ok());
        match import_file("run.jsonl", text.as_bytes()) {
            Ok(Imported::Trace(header)) => {
                // What the page's check accepts, the full reader reads as the exported
                // events, as the header counts and hashes them (its scenario may have been
                // edited: the page replays it and compares).
                let (full, events) = import_trace(&text).map_err(|e| {
                    TestCaseError::fail(format!("the page took what the reader refuses: {e}"))
                })?;
                prop_assert_eq!(&full, &header);
                prop_assert!(events == export.events, "other events imported");
                prop_assert_eq!(header.events, events.len() as u64);
                prop_assert_eq!(&header.trace_hash, &export.hash);
                let mut hash = TraceHash::new();
                events.iter().for_each(|e| hash.add_line(&e.to_json_line()));
                prop_assert_eq!(hash.hex(), header.trace_hash);
                prop_assert!(header.scenario.validate().is_ok());
                Ok(Stage::Imported)
            }
            Ok(Imported::Scenario(_)) => Err(TestCaseError::fail("a trace imported as a scenario")),
            Err(m) => {
                let problem = m.strip_prefix("run.jsonl: ").unwrap_or_default();
                prop_assert!(!problem.is_empty(), "{}", m);
                // A line named as bad is there and is bad.
                if let Some(rest) = problem.strip_prefix("line ") {
                    let n: usize = rest
                        .split(':')
                        .next()
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(0);
                    prop_assert!(n >= 1, "{}", m);
                    let line = text.lines().nth(n - 1);
                    prop_assert!(line.is_some(), "no line {}: {}", n, m);
                    if n > 1 && problem.contains("not a trace event") {
                        prop_assert!(serde_json::from_str::<Event>(line.unwrap()).is_err());
                    }
                }
                Ok(if all_json {
                    Stage::Refused
                } else {
                    Stage::Syntax
                })
            }
        }
    });
}
