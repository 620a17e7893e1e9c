//! `fencing-lab`: the simulation from the command line, for tests, benchmarks and
//! teachers' scripts. Exit 0 when the scenario's expectation holds (or it has none),
//! 1 when it fails, 2 on bad input.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, ColorChoice, Parser, Subcommand, ValueEnum};
use fencing_sim::explore;
use fencing_sim::scenario::{builtin, builtin_names, Scenario, MAX_FILE_BYTES};
use fencing_sim::story;
use fencing_sim::summary::Summary;
use fencing_sim::sweep::{random_scenario, RANDOM_NAME};
use fencing_sim::{Sim, SimTime};
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

const ABOUT: &str = "fencing-lab — leases, terms and fencing tokens, simulated";

/// The usage lines of the hand-written text (the template indents the first one).
const USAGE: &str = "\
fencing-lab list
  fencing-lab run <name | file.json> [--seed N] [--fencing on|off] [--barrier on|off]
                  [--until-ms T] [--trace FILE.jsonl] [--json]
  fencing-lab check <name | file.json>
  fencing-lab explore [name | file.json] [--goal G] [--fencing on|off] [--barrier on|off]
                  [--budget N] [--time-s S] [--seed S] [--keep-faults] [--json]
                  [--out FILE.json]
  fencing-lab bench [--runs N] [--day]
  fencing-lab help [command]";

const AFTER_HELP: &str = "\
<name> is a built-in scenario (see list), or `random` for a random fault
schedule decided by --seed (what the seed sweeps run).

run prints a summary of the run (or one JSON object with --json) and exits
0 when the scenario's expect block holds (or it has none), 1 when it fails,
2 on bad input.

check validates a scenario file and checks its story and lesson against its
run: every narration line's anchor is reached, every claim holds, and every
lesson question is proven (its answer's claim holds, every other option's
fails). Exits 0 when all are, 1 naming each question and option the run
contradicts (a wrong answer marked right, or a wrong option that holds too),
2 on bad input. An option with no claim leaves its question unproven: a
warning, not a failure.

explore searches random fault schedules over a scenario's config for one
that reaches a goal, shrinks it to its essence and writes it as a scenario
file. Exits 0 when found, 1 when the budget runs out, 2 on bad input.

bench times the simulation core on fixed workloads (median of --runs, default
5) and with --day also runs 24 hours of virtual time, printing resident memory
as it goes.

`fencing-lab help <command>` (or `fencing-lab <command> --help`) describes
each of a command's options.";

// The help pages keep the hand-written text's lower-case headings. clap wraps no
// line (no `wrap_help`), so the help texts below carry their own line breaks.
const TOP_TEMPLATE: &str = "\
{about}

usage:
  {usage}

commands:
{subcommands}{after-help}";

const COMMAND_TEMPLATE: &str = "\
{about}

usage:
  {usage}

options:
{options}{after-help}";

const WITH_ARGUMENTS_TEMPLATE: &str = "\
{about}

usage:
  {usage}

arguments:
{positionals}

options:
{options}{after-help}";

#[derive(Parser)]
#[command(
    name = "fencing-lab",
    bin_name = "fencing-lab",
    about = ABOUT,
    override_usage = USAGE,
    after_help = AFTER_HELP,
    help_template = TOP_TEMPLATE,
    color = ColorChoice::Never,
    // Our own `help` command and `-h`/`--help` flag, for their wording.
    disable_help_subcommand = true,
    disable_help_flag = true,
    // A repeated option keeps its last value, as the hand-written parser did.
    args_override_self = true,
)]
#[command(arg(
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .global(true)
        .display_order(1000)
        .help("print this help and exit")
))]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    #[command(
        about = "list the built-in scenarios, each with its title",
        override_usage = "fencing-lab list",
        help_template = COMMAND_TEMPLATE,
    )]
    List,
    #[command(
        about = "run one scenario and print a summary of the run (or one JSON object with --json)",
        override_usage = "\
fencing-lab run <name | file.json> [--seed N] [--fencing on|off] [--barrier on|off]
                  [--until-ms T] [--trace FILE.jsonl] [--json]",
        after_help = "\
--seed, --fencing, --barrier and --until-ms override the scenario's own values.
Exits 0 when the scenario's expect block holds (or it has none), 1 when it
fails, 2 on bad input.",
        help_template = WITH_ARGUMENTS_TEMPLATE,
    )]
    Run(RunArgs),
    #[command(
        about = "validate a scenario file and check its story and lesson against its run",
        override_usage = "fencing-lab check <name | file.json>",
        after_help = "\
Checks that the file is well-formed, that every narration line anchored to an
event is reached, that every claim a line makes holds in the trace, and that
every lesson question is proven: the answer's claim holds and every other
option's claim fails. Exits 0 when all are, 1 naming each question and option
the run contradicts (a swapped answer, or an ambiguous question whose wrong
option holds too), 2 on bad input. An option with no claim (an older file's
plain-string option) leaves its question unproven: a warning, not a failure.",
        help_template = WITH_ARGUMENTS_TEMPLATE,
    )]
    Check(CheckArgs),
    #[command(
        about = "search random fault schedules for one that breaks something, and shrink it",
        override_usage = "\
fencing-lab explore [name | file.json] [--goal G] [--fencing on|off] [--barrier on|off]
                  [--budget N] [--time-s S] [--seed S] [--keep-faults] [--json]
                  [--out FILE.json]",
        after_help = "\
Draws fault schedules over the scenario's config (its own faults left out
unless --keep-faults): pauses, pauses at the worst moment, crashes, restarts,
partitions, cut and slowed links, dropped messages, clock drift within the
bound the nodes assume and shorter leases, each schedule first drawing which
kinds it may use. Stops at the first that reaches the goal, shrinks it (fewer
faults, shorter pauses and delays, rounder times, fewer nodes) and writes it,
with a narration, to --out; `fencing-lab run` on that file reproduces the
reported trace hash. The same --seed and settings give the same result.
Exits 0 when the goal was reached, 1 when the budget ran out, 2 on bad input.",
        help_template = WITH_ARGUMENTS_TEMPLATE,
    )]
    Explore(ExploreArgs),
    #[command(
        about = "time the simulation core on fixed workloads",
        override_usage = "fencing-lab bench [--runs N] [--day]",
        help_template = COMMAND_TEMPLATE,
    )]
    Bench(BenchArgs),
    #[command(
        about = "print the help, or a command's",
        override_usage = "fencing-lab help [command]",
        help_template = WITH_ARGUMENTS_TEMPLATE,
    )]
    Help {
        #[arg(
            value_name = "command",
            help = "the command to describe: list, run, check, explore, bench or help"
        )]
        command: Option<String>,
    },
}

#[derive(Args)]
struct RunArgs {
    #[arg(
        value_name = "name | file.json",
        help = "a built-in scenario (see list), `random` for a random fault\n\
                schedule decided by --seed, or a scenario file (JSON)"
    )]
    target: String,
    #[arg(
        long,
        value_name = "N",
        value_parser = whole_number,
        allow_hyphen_values = true,
        help = "the seed, which decides every random draw; for `random`\n\
                it also decides the fault schedule (0 if not given)"
    )]
    seed: Option<u64>,
    #[arg(
        long,
        value_name = "on|off",
        allow_hyphen_values = true,
        hide_possible_values = true,
        help = "fencing tokens: with them on, the storage refuses a token\n\
                lower than the highest it accepted"
    )]
    fencing: Option<OnOff>,
    #[arg(
        long,
        value_name = "on|off",
        allow_hyphen_values = true,
        hide_possible_values = true,
        help = "the barrier: a new leader first writes its token with no data"
    )]
    barrier: Option<OnOff>,
    #[arg(
        long,
        value_name = "T",
        value_parser = whole_number,
        allow_hyphen_values = true,
        help = "how long the run lasts, in ms of virtual time"
    )]
    until_ms: Option<u64>,
    #[arg(
        long,
        value_name = "FILE.jsonl",
        allow_hyphen_values = true,
        help = "write every event to FILE.jsonl as JSON Lines\n\
                (its FNV-1a hash is the run's trace hash)"
    )]
    trace: Option<String>,
    #[arg(long, help = "print one JSON object instead of the readable summary")]
    json: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[arg(
        value_name = "name | file.json",
        help = "a built-in scenario (see list) or a scenario file (JSON)"
    )]
    target: String,
}

#[derive(Args)]
struct ExploreArgs {
    #[arg(
        value_name = "name | file.json",
        default_value = "free-play",
        hide_default_value = true,
        help = "the scenario whose config is searched (default free-play)"
    )]
    target: String,
    #[arg(
        long,
        value_name = "G",
        default_value = "violation",
        hide_default_value = true,
        allow_hyphen_values = true,
        hide_possible_values = true,
        help = "what to look for: violation (default), stale, superseded,\n\
                split-brain or flapping"
    )]
    goal: GoalArg,
    #[arg(
        long,
        value_name = "on|off",
        allow_hyphen_values = true,
        hide_possible_values = true,
        help = "fencing on or off for the search (else the scenario's)"
    )]
    fencing: Option<OnOff>,
    #[arg(
        long,
        value_name = "on|off",
        allow_hyphen_values = true,
        hide_possible_values = true,
        help = "the barrier on or off for the search (else the scenario's)"
    )]
    barrier: Option<OnOff>,
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10_000,
        hide_default_value = true,
        value_parser = whole_number,
        allow_hyphen_values = true,
        help = "try at most N schedules (default 10000)"
    )]
    budget: u64,
    #[arg(
        long,
        value_name = "S",
        value_parser = whole_number,
        allow_hyphen_values = true,
        help = "stop searching after S seconds of wall time"
    )]
    time_s: Option<u64>,
    #[arg(
        long,
        value_name = "S",
        default_value_t = 0,
        hide_default_value = true,
        value_parser = whole_number,
        allow_hyphen_values = true,
        help = "the search's seed, which decides every schedule (default 0)"
    )]
    seed: u64,
    #[arg(long, help = "keep the scenario's own faults under the drawn ones")]
    keep_faults: bool,
    #[arg(long, help = "print one JSON object instead of the readable report")]
    json: bool,
    #[arg(
        long,
        value_name = "FILE.json",
        allow_hyphen_values = true,
        help = "write the shrunk schedule to FILE.json as a scenario file"
    )]
    out: Option<String>,
}

/// The explorer's goals, as spelled on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum GoalArg {
    Violation,
    Stale,
    Superseded,
    SplitBrain,
    Flapping,
}

impl From<GoalArg> for explore::Goal {
    fn from(g: GoalArg) -> explore::Goal {
        match g {
            GoalArg::Violation => explore::Goal::Violation,
            GoalArg::Stale => explore::Goal::Stale,
            GoalArg::Superseded => explore::Goal::Superseded,
            GoalArg::SplitBrain => explore::Goal::SplitBrain,
            GoalArg::Flapping => explore::Goal::Flapping,
        }
    }
}

#[derive(Args)]
struct BenchArgs {
    #[arg(
        long,
        value_name = "N",
        default_value_t = 5,
        hide_default_value = true,
        value_parser = positive_number,
        allow_hyphen_values = true,
        help = "time each workload N times and print the median (default 5)"
    )]
    runs: usize,
    #[arg(
        long,
        help = "also run 24 hours of virtual time, printing resident\n\
                memory as it goes"
    )]
    day: bool,
}

/// `on` or `off`, exactly as spelled (no other case, no other word).
#[derive(Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

impl From<OnOff> for bool {
    fn from(v: OnOff) -> bool {
        matches!(v, OnOff::On)
    }
}

/// The text after "--flag takes" in the message for a bad value.
fn whole_number(v: &str) -> Result<u64, &'static str> {
    v.parse().map_err(|_| "a whole number ≥ 0")
}

fn positive_number(v: &str) -> Result<usize, &'static str> {
    v.parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or("a whole number ≥ 1")
}

fn main() -> ExitCode {
    quiet_when_the_reader_leaves();
    let args: Vec<OsString> = std::env::args_os().collect();
    match real_main(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("fencing-lab: {message}");
            ExitCode::from(2)
        }
    }
}

/// `fencing-lab run x --json | head -3`: Rust ignores SIGPIPE, so once `head` has read
/// its lines every `println!` would fail and panic ("failed printing to stdout"). Give the
/// signal back its default, as C tools have it: the process ends silently when the
/// reader has gone, and the shell sees it ended by SIGPIPE.
fn quiet_when_the_reader_leaves() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread starts; it sets the
    // disposition of one signal to its default, which `libc::signal` allows.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn real_main(args: &[OsString]) -> Result<ExitCode, String> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if e.kind() == ErrorKind::DisplayHelp => {
            e.print()
                .map_err(|e| format!("cannot print the help: {e}"))?;
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => return Err(message(&e, args.get(1).and_then(|a| a.to_str()))),
    };
    match cli.command {
        None => help(None),
        Some(Command::Help { command }) => help(command.as_deref()),
        Some(Command::List) => {
            for name in builtin_names() {
                let s = builtin(name).expect("listed");
                println!("{name:<24} {}", s.title);
            }
            println!("{RANDOM_NAME:<24} A random fault schedule decided by --seed (as the seed sweeps use)");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Run(r)) => run(r),
        Some(Command::Check(c)) => check(c),
        Some(Command::Explore(x)) => explore_command(x),
        Some(Command::Bench(b)) => bench(b),
    }
}

/// `fencing-lab help [command]` is `fencing-lab [command] --help`.
fn help(command: Option<&str>) -> Result<ExitCode, String> {
    let args = ["fencing-lab"].into_iter().chain(command).chain(["--help"]);
    real_main(&args.map(OsString::from).collect::<Vec<_>>())
}

/// One line saying what is wrong with the arguments, in the words the hand-written
/// parser used; `command` is the command given (the first argument), if any.
fn message(e: &clap::Error, command: Option<&str>) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.as_str(),
        _ => "",
    };
    // clap names an option with its value, as in `--seed <N>`.
    let invalid = text(ContextKind::InvalidArg);
    let flag = match invalid.split_once(' ') {
        Some((flag, _)) if flag.starts_with('-') => flag,
        _ => invalid,
    };
    let value = text(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "unknown command `{}`; try `fencing-lab help`",
            text(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => {
            let mut m = match command {
                Some("list") => format!("list takes no arguments, got `{invalid}`"),
                Some("bench") => format!("unknown bench option `{invalid}`"),
                Some("run" | "check" | "explore") if !invalid.starts_with('-') => {
                    format!("one scenario at a time: unexpected `{invalid}`")
                }
                Some("help") if !invalid.starts_with('-') => {
                    format!("help describes one command at a time: unexpected `{invalid}`")
                }
                Some("run" | "check" | "explore" | "help") => {
                    format!("unknown option `{invalid}`")
                }
                _ => format!("unknown command `{invalid}`; try `fencing-lab help`"),
            };
            if let Some(ContextValue::String(s)) = e.get(ContextKind::SuggestedArg) {
                m += &format!("; did you mean `{s}`?");
            }
            m
        }
        ErrorKind::InvalidValue => {
            let valid = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => or_list(v),
                _ => String::new(),
            };
            match (value.is_empty(), valid.is_empty()) {
                (true, true) => format!("{flag} needs a value"),
                (true, false) => format!("{flag} needs a value ({valid})"),
                (false, _) => format!("{flag} takes {valid}, not `{value}`"),
            }
        }
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(what) => format!("{flag} takes {what}, not `{value}`"),
            None => format!("{flag}: bad value `{value}`"),
        },
        ErrorKind::MissingRequiredArgument if matches!(command, Some("run" | "check")) => format!(
            "{} needs a scenario name or file; `fencing-lab list` shows the built-in ones",
            command.unwrap_or("run")
        ),
        // Anything else: clap's own first line, without its `error: `.
        _ => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.strip_prefix("error: ").unwrap_or(first).to_string()
        }
    }
}

/// `on or off`; `a, b or c`.
fn or_list(v: &[String]) -> String {
    match v.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
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
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
    s.name_from_file(file.as_deref().unwrap_or(target));
    Ok(s)
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let scenario = load(&args.target, None)?;
    let w = story::watch(&scenario);
    let story_failures = w.failures();
    let lines = scenario.narration.len();
    let claims = w.claims().count();
    println!("{}: well-formed", args.target);
    if story_failures.is_empty() {
        println!("story: {lines} lines, {claims} claims, all borne out by the run");
    } else {
        println!("story: {lines} lines, {claims} claims; the run contradicts:");
        for f in &story_failures {
            println!("  {f}");
        }
    }
    let lesson = story::judge_lesson(&scenario);
    match &lesson {
        None => println!("lesson: none"),
        Some(l) => print_lesson(l),
    }
    let contradicted = !story_failures.is_empty() || lesson.is_some_and(|l| !l.failures.is_empty());
    Ok(if contradicted {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn explore_command(args: ExploreArgs) -> Result<ExitCode, String> {
    let scenario = load(&args.target, None)?;
    scenario
        .validate()
        .map_err(|e| format!("{}: {e}", args.target))?;
    let goal: explore::Goal = args.goal.into();
    let mut explorer = explore::Explorer::new(
        &scenario,
        explore::Settings {
            goal,
            fencing: args.fencing.map(bool::from),
            barrier: args.barrier.map(bool::from),
            seed: args.seed,
            keep_faults: args.keep_faults,
        },
    );
    let start = std::time::Instant::now();
    let limit = args.time_s.map(std::time::Duration::from_secs);
    let mut found = false;
    while !found && explorer.tried() < args.budget {
        if limit.is_some_and(|l| start.elapsed() >= l) {
            break;
        }
        found = explorer.search((args.budget - explorer.tried()).min(100));
    }
    let seconds = start.elapsed().as_secs_f64();
    let tried = explorer.tried();
    let per_s = tried as f64 / seconds.max(1e-9);
    let written = explorer.found().cloned().map(|s| {
        let (shrunk, runs) = explorer.shrink(s);
        (explorer.write_up(&shrunk, &args.target), runs)
    });
    if let (Some((file, _)), Some(path)) = (&written, &args.out) {
        std::fs::write(path, file.to_json_pretty() + "\n")
            .map_err(|e| format!("--out {path}: cannot write: {e}"))?;
    }
    let hash = written
        .as_ref()
        .map(|(file, _)| fencing_sim::summary::run_to_end(file).0.trace_hash().hex());
    if args.json {
        let v = serde_json::json!({
            "found": written.is_some(),
            "goal": goal.name(),
            "tried": tried,
            "seconds": (seconds * 1000.0).round() / 1000.0,
            "schedules_per_s": per_s.round(),
            "faults": written.as_ref().map(|(f, _)| f.faults.len()),
            "shrink_runs": written.as_ref().map(|(_, r)| r),
            "schedule": written.as_ref().map(|(f, _)| &f.faults),
            "nodes": written.as_ref().map(|(f, _)| f.config.nodes),
            "until_ms": written.as_ref().map(|(f, _)| f.until_ms),
            "trace_hash": hash,
            "out": args.out,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&v).expect("a report serialises")
        );
    } else {
        match &written {
            None => println!(
                "no schedule reached {} in {tried} tried ({seconds:.2} s, {per_s:.0} schedules/s)",
                goal.words()
            ),
            Some((file, runs)) => {
                println!(
                    "found {} after {tried} schedule{} ({seconds:.2} s, {per_s:.0} schedules/s)",
                    goal.words(),
                    if tried == 1 { "" } else { "s" }
                );
                println!(
                    "shrunk in {runs} runs to {} fault{}, {} nodes, {} ms:",
                    file.faults.len(),
                    if file.faults.len() == 1 { "" } else { "s" },
                    file.config.nodes,
                    file.until_ms
                );
                for f in &file.faults {
                    println!("  at {} ms: {}", f.at_ms, f.command.describe());
                }
                println!("trace hash {}", hash.as_deref().unwrap_or_default());
                match &args.out {
                    Some(path) => {
                        println!("written to {path}: `fencing-lab run {path}` reproduces it")
                    }
                    None => println!("(--out FILE.json keeps it as a scenario file)"),
                }
            }
        }
    }
    Ok(if written.is_some() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run(args: RunArgs) -> Result<ExitCode, String> {
    let mut scenario = load(&args.target, args.seed)?;
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    if let Some(f) = args.fencing {
        scenario.config.fencing = f.into();
    }
    if let Some(b) = args.barrier {
        scenario.config.barrier = b.into();
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
    let mut summary = Summary::of(&sim, &scenario);
    if scenario.lesson.is_some() {
        summary.lesson = story::judge_lesson(&scenario);
    }
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
        "writes: {} sent · {} accepted · {} rejected · {} stale accepted · {} superseded (through the fencing gap) · {} barriers",
        w.sent, w.accepted, w.rejected, w.stale_accepted, w.superseded_accepted, w.barriers
    );
    for r in &s.rejections {
        println!(
            "  rejected at {} ms: n{}'s write, token {} < {}",
            r.at_ms, r.node, r.token, r.highest
        );
    }
    for r in &s.superseded {
        println!(
            "  superseded at {} ms: n{}'s write, token {}, accepted though term {} was already granted",
            r.at_ms, r.node, r.token, r.granted_term
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
    println!(
        "followers refused {} message{} from an older term",
        s.old_term_refused,
        if s.old_term_refused == 1 { "" } else { "s" }
    );
    if s.followers.is_empty() {
        println!("replication: no leader at the end");
    } else {
        let each: Vec<String> = s
            .followers
            .iter()
            .map(|f| format!("n{} has {} ({} behind)", f.node, f.matched, f.behind))
            .collect();
        println!(
            "replication: high-water mark {} (the latest write a majority holds) · {}",
            s.high_water_mark,
            each.join(" · ")
        );
    }
    if let Some(l) = &s.lesson {
        print_lesson(l);
    }
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

/// A lesson against its run, for people: the count, each question's verdict with its
/// options (the answer marked, and what the run makes of each claim), then what it
/// contradicts and what it cannot judge.
fn print_lesson(l: &story::LessonReport) {
    println!(
        "lesson: {} questions, {} proven by the run (the answer holds, every other option fails), {} answers verified",
        l.checkpoints, l.proven, l.verified
    );
    for (i, q) in l.questions.iter().enumerate() {
        let at = q
            .asked_at_ms
            .map_or("never asked".to_string(), |ms| format!("at {ms} ms"));
        println!("  question {} ({at}): {}", i + 1, q.status());
        for (j, o) in q.options.iter().enumerate() {
            let holds = match o.holds {
                Some(true) => "holds",
                Some(false) => "fails",
                None => "no claim",
            };
            let mark = if o.right { "answer" } else { "      " };
            println!("    {mark} {}. {holds:<8} {}", j + 1, o.text);
        }
    }
    for f in &l.failures {
        println!("  {f}");
    }
    for w in &l.warnings {
        println!("  warning: {w}");
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

fn bench(args: BenchArgs) -> Result<ExitCode, String> {
    use fencing_sim::workload::{steady, stormy};
    let BenchArgs { runs, day } = args;
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own checks of the definition (conflicting names, bad settings...).
    #[test]
    fn the_argument_definitions_are_consistent() {
        super::Cli::command().debug_assert();
    }
}
