//! `fencing-lab`: the simulation from the command line, for tests, benchmarks and
//! teachers' scripts. Exit 0 when the scenario's expectation holds (or it has none),
//! 1 when it fails, 2 on bad input.

use fencing_sim::scenario::{builtin, builtin_names, Scenario, MAX_FILE_BYTES};
use fencing_sim::summary::Summary;
use fencing_sim::sweep::{random_scenario, RANDOM_NAME};
use fencing_sim::{Sim, SimTime};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
fencing-lab — leases, terms and fencing tokens, simulated

usage:
  fencing-lab list
  fencing-lab run <name | file.json> [--seed N] [--fencing on|off] [--barrier on|off]
                  [--until-ms T] [--trace FILE.jsonl] [--json]
  fencing-lab bench [--runs N] [--day]
  fencing-lab help

<name> is a built-in scenario (see list), or `random` for a random fault
schedule decided by --seed (what the seed sweeps run).

run prints a summary of the run (or one JSON object with --json) and exits
0 when the scenario's expect block holds (or it has none), 1 when it fails,
2 on bad input.

bench times the simulation core on fixed workloads (median of --runs, default
5) and with --day also runs 24 hours of virtual time, printing resident memory
as it goes.";

struct RunArgs {
    target: String,
    seed: Option<u64>,
    fencing: Option<bool>,
    barrier: Option<bool>,
    until_ms: Option<u64>,
    trace: Option<String>,
    json: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match real_main(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("fencing-lab: {message}");
            ExitCode::from(2)
        }
    }
}

fn real_main(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some("list") => {
            if args.len() > 1 {
                return Err(format!("list takes no arguments, got `{}`", args[1]));
            }
            for name in builtin_names() {
                let s = builtin(name).expect("listed");
                println!("{name:<24} {}", s.title);
            }
            println!("{RANDOM_NAME:<24} A random fault schedule decided by --seed (as the seed sweeps use)");
            Ok(ExitCode::SUCCESS)
        }
        Some("run") => run(parse_run(&args[1..])?),
        Some("bench") => bench(&args[1..]),
        Some(other) => Err(format!("unknown command `{other}`; try `fencing-lab help`")),
    }
}

fn parse_run(args: &[String]) -> Result<RunArgs, String> {
    let mut it = args.iter();
    let mut r = RunArgs {
        target: String::new(),
        seed: None,
        fencing: None,
        barrier: None,
        until_ms: None,
        trace: None,
        json: false,
    };
    let value =
        |flag: &str, v: Option<&String>| v.cloned().ok_or_else(|| format!("{flag} needs a value"));
    let on_off = |flag: &str, v: String| match v.as_str() {
        "on" => Ok(true),
        "off" => Ok(false),
        other => Err(format!("{flag} takes on or off, not `{other}`")),
    };
    let number = |flag: &str, v: String| {
        v.parse::<u64>()
            .map_err(|_| format!("{flag} takes a whole number ≥ 0, not `{v}`"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => r.seed = Some(number("--seed", value("--seed", it.next())?)?),
            "--fencing" => r.fencing = Some(on_off("--fencing", value("--fencing", it.next())?)?),
            "--barrier" => r.barrier = Some(on_off("--barrier", value("--barrier", it.next())?)?),
            "--until-ms" => {
                r.until_ms = Some(number("--until-ms", value("--until-ms", it.next())?)?)
            }
            "--trace" => r.trace = Some(value("--trace", it.next())?),
            "--json" => r.json = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            target if r.target.is_empty() => r.target = target.to_string(),
            extra => return Err(format!("one scenario at a time: unexpected `{extra}`")),
        }
    }
    if r.target.is_empty() {
        return Err(
            "run needs a scenario name or file; `fencing-lab list` shows the built-in ones".into(),
        );
    }
    Ok(r)
}

fn load(target: &str, seed: Option<u64>) -> Result<Scenario, String> {
    if target == RANDOM_NAME {
        return Ok(random_scenario(seed.unwrap_or(0)));
    }
    if let Some(s) = builtin(target) {
        return Ok(s);
    }
    let path = std::path::Path::new(target);
    if !target.ends_with(".json") && !path.exists() {
        return Err(format!("no built-in scenario or file named `{target}`; `fencing-lab list` shows the built-in ones"));
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("{target}: cannot read: {e}"))?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(format!(
            "{target}: the file is {} bytes; scenario files are limited to {MAX_FILE_BYTES}",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{target}: cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{target}: not UTF-8 text"))?;
    let mut s = Scenario::from_json(&text).map_err(|e| format!("{target}: {e}"))?;
    if s.name.is_empty() {
        s.name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(s)
}

fn run(args: RunArgs) -> Result<ExitCode, String> {
    let mut scenario = load(&args.target, args.seed)?;
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    if let Some(f) = args.fencing {
        scenario.config.fencing = f;
    }
    if let Some(b) = args.barrier {
        scenario.config.barrier = b;
    }
    if let Some(t) = args.until_ms {
        scenario.until_ms = t;
    }
    scenario
        .validate()
        .map_err(|e| format!("{}: {e}", args.target))?;

    let mut sim = Sim::new(&scenario);
    let until = SimTime::from_ms(scenario.until_ms);
    match &args.trace {
        None => {
            sim.discard_events();
            sim.run_until(until);
        }
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| format!("--trace {path}: cannot create: {e}"))?;
            let mut out = std::io::BufWriter::new(file);
            let write_err = |e: std::io::Error| format!("--trace {path}: cannot write: {e}");
            let mut t = SimTime::ZERO;
            loop {
                for e in sim.drain_events() {
                    writeln!(out, "{}", e.to_json_line()).map_err(write_err)?;
                }
                if t >= until {
                    break;
                }
                t = SimTime(until.0.min(t.0 + 1_000_000));
                sim.run_until(t);
            }
            out.flush().map_err(write_err)?;
        }
    }
    let summary = Summary::of(&sim, &scenario);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&summary).expect("summaries serialise")
        );
    } else {
        print_summary(&summary);
    }
    Ok(if summary.expect.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

fn print_summary(s: &Summary) {
    println!("{} — {}", s.scenario, s.title);
    println!(
        "seed {} · fencing {} · barrier {} · {} ms of virtual time · {} events",
        s.seed,
        on_off(s.fencing),
        on_off(s.barrier),
        s.until_ms,
        s.events
    );
    println!(
        "highest term {} · {} leader changes · {} messages dropped",
        s.max_term, s.leader_changes, s.dropped_messages
    );
    let w = &s.writes;
    println!(
        "writes: {} sent · {} accepted · {} rejected · {} stale accepted · {} barriers",
        w.sent, w.accepted, w.rejected, w.stale_accepted, w.barriers
    );
    for r in &s.rejections {
        println!(
            "  rejected at {} ms: n{}'s write, token {} < {}",
            r.at_ms, r.node, r.token, r.highest
        );
    }
    if s.violations.is_empty() {
        println!("violations: none");
    } else {
        println!("violations: {}", s.violation_count);
        for v in &s.violations {
            println!("  at {} ms: {}", v.at_ms, v.text);
        }
    }
    println!(
        "split brain (two nodes believing they lead): {} ms",
        s.split_brain_ms
    );
    println!("trace hash {}", s.trace_hash);
    if s.expect.passed {
        println!("expect: passed");
    } else {
        println!("expect: FAILED");
        for f in &s.expect.failures {
            println!("  {f}");
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Resident and peak memory in KiB, from /proc on Linux.
fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn bench(args: &[String]) -> Result<ExitCode, String> {
    use fencing_sim::workload::{steady, stormy};
    let mut runs = 5usize;
    let mut day = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                let v = it.next().ok_or("--runs needs a value")?;
                runs = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(format!("--runs takes a whole number ≥ 1, not `{v}`"))?;
            }
            "--day" => day = true,
            other => return Err(format!("unknown bench option `{other}`")),
        }
    }
    let hour = 3_600_000;
    println!("workload                          virtual   events     median wall   events/s     virtual s/s");
    for scenario in [steady(hour), stormy(hour)] {
        let mut walls = Vec::new();
        let mut events = 0;
        let mut hash = String::new();
        for _ in 0..runs {
            let start = std::time::Instant::now();
            let mut sim = Sim::new(&scenario);
            sim.discard_events();
            sim.run_until(SimTime::from_ms(scenario.until_ms));
            walls.push(start.elapsed().as_secs_f64());
            events = sim.totals().events;
            let h = sim.trace_hash().hex();
            if !hash.is_empty() && hash != h {
                return Err(format!("{}: two runs gave different traces", scenario.name));
            }
            hash = h;
        }
        let wall = median(walls);
        println!(
            "{:<33} {:>6} s {:>9} {:>10.3} s {:>12.0} {:>12.0}",
            format!("{} ({} nodes)", scenario.name, scenario.config.nodes),
            scenario.until_ms / 1000,
            events,
            wall,
            events as f64 / wall,
            scenario.until_ms as f64 / 1000.0 / wall
        );
        println!("  trace hash {hash}");
    }
    if day {
        let day_ms = 24 * hour;
        let scenario = stormy(day_ms);
        let mut sim = Sim::new(&scenario);
        sim.discard_events();
        println!("24 h of bench-stormy (7 nodes): resident memory as virtual time passes");
        let start = std::time::Instant::now();
        for h in [1u64, 2, 6, 12, 18, 24] {
            sim.run_until(SimTime::from_ms(h * hour));
            let mem = memory_kib().map_or("n/a".to_string(), |(rss, hwm)| {
                format!("RSS {rss} KiB, peak {hwm} KiB")
            });
            println!(
                "  {h:>2} h: {:>9} events, {mem}, {:.1} s wall",
                sim.totals().events,
                start.elapsed().as_secs_f64()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
