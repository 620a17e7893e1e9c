//! The share link: `#run=v2.<base64url of the DEFLATE-compressed compact JSON>.<FNV-32 hex
//! of that JSON>`. It carries a run (the scenario by name when built in, the settings that
//! differ, the seed, the user's commands and the moment looked at); the checksum tells a
//! link cut off while copying from a damaged one. Decoding validates everything a link
//! names. Compression keeps an hour of a student's clicking under the 2,000 characters
//! that slides and learning platforms keep (about 1,700 where the JSON would need 9,800);
//! v1 links (the same without compression) still open.

use data_encoding::BASE64URL_NOPAD;
use fencing_sim::command::TimedCommand;
use fencing_sim::scenario::{builtin, Scenario, MAX_FAULTS};
use fencing_sim::trace::TraceHash;
use fencing_sim::Config;
use serde::Serialize;

pub const LINK_VERSION: u32 = 2;
/// The oldest link format this page still opens (v1: the JSON uncompressed).
pub const OLDEST_LINK_VERSION: u32 = 1;
/// A link's JSON, uncompressed, is at most this long (10,000 commands fit in under 1 MiB);
/// a link that inflates to more is refused rather than filling the page's memory.
pub const MAX_LINK_JSON: usize = 4 << 20;
/// DEFLATE's best compression: links are short and made once, on a click.
const LEVEL: u8 = 10;
pub const LINK_PREFIX: &str = "run=";
/// Slides and learning platforms keep links of up to this many characters: a link longer
/// than this is offered with a warning (a lesson's is refused: its file is offered).
pub const LINK_BUDGET: usize = 2_000;
/// A link opens a run of at most this much virtual time (a whole school day), which
/// replays in seconds; anything longer is refused rather than freezing the page.
pub const MAX_LINK_MS: u64 = 8 * 3_600_000;

/// What a link carries: the scenario (by name if built in), the knobs that differ, the
/// seed, the user's commands and the moment being looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSpec {
    pub scenario: Scenario,
    pub commands: Vec<TimedCommand>,
    pub at_ms: u64,
}

#[derive(Serialize)]
struct LinkBody {
    /// A built-in scenario's name…
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<String>,
    /// …or a whole scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<Scenario>,
    /// Only the knobs that differ from the built-in scenario's.
    #[serde(skip_serializing_if = "Option::is_none")]
    config: Option<ConfigDiff>,
    seed: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cmds: Vec<TimedCommand>,
    t: u64,
}

fencing_sim::read_struct!(LinkBody, "a link's run, a JSON object", {
    b: opt, s: opt, config: opt, seed: req, cmds: or_default, t: or_default,
});

pub fn encode_link(spec: &RunSpec) -> String {
    let s = &spec.scenario;
    let body = match builtin(&s.name) {
        Some(b) if b.faults == s.faults && b.until_ms == s.until_ms => LinkBody {
            b: Some(s.name.clone()),
            s: None,
            config: ConfigDiff::between(&b.config, &s.config),
            seed: s.seed,
            cmds: spec.commands.clone(),
            t: spec.at_ms,
        },
        _ => LinkBody {
            b: None,
            s: Some(s.clone()),
            config: None,
            seed: s.seed,
            cmds: spec.commands.clone(),
            t: spec.at_ms,
        },
    };
    let json = fencing_sim::json_out::json_text(&body);
    let mut sum = TraceHash::new();
    sum.update(json.as_bytes());
    format!(
        "{LINK_PREFIX}v{LINK_VERSION}.{}.{:08x}",
        BASE64URL_NOPAD.encode(&miniz_oxide::deflate::compress_to_vec(
            json.as_bytes(),
            LEVEL
        )),
        sum.value() as u32
    )
}

macro_rules! config_diff {
    ($($f:ident: $t:ty),*) => {
        /// The knobs of a link's scenario that differ from its built-in scenario's, each
        /// named as in a scenario file's `config`.
        #[derive(Default, Serialize)]
        struct ConfigDiff {
            $(
                #[serde(skip_serializing_if = "Option::is_none")]
                $f: Option<$t>,
            )*
        }

        fencing_sim::read_struct!(ConfigDiff, "the settings that differ, a JSON object", {
            $($f: opt),*
        });

        impl ConfigDiff {
            /// What takes `base` to `c`, if anything does.
            fn between(base: &Config, c: &Config) -> Option<ConfigDiff> {
                let mut d = ConfigDiff::default();
                let mut any = false;
                $(
                    if base.$f != c.$f {
                        d.$f = Some(c.$f);
                        any = true;
                    }
                )*
                any.then_some(d)
            }

            /// `base` with these knobs changed.
            fn apply(&self, base: &Config) -> Config {
                // Every knob is listed: a knob added to `Config` and not here fails to
                // compile, rather than being left out of links.
                let Config { $($f: _),* } = base;
                let mut c = base.clone();
                $( if let Some(v) = self.$f { c.$f = v; } )*
                c
            }
        }
    };
}
// Every knob of `Config`, in the order of their names: the order a link has always
// written them in (they were once a map of names).
config_diff! {
    barrier: bool,
    drift_bound_ppm: u64,
    drop_percent: u8,
    failure_timeout_ms: [u64; 2],
    fencing: bool,
    first_token: u64,
    heartbeat_ms: u64,
    latency_ms: [u64; 2],
    lease_ms: u64,
    nodes: u8,
    renew_every_ms: u64,
    renew_jitter_ms: u64,
    work_ms: u64,
    write_every_ms: u64
}

/// Reads a link's fragment (with or without the leading `#`).
pub fn decode_link(fragment: &str) -> Result<RunSpec, String> {
    let f = fragment.trim().trim_start_matches('#');
    let rest = f.strip_prefix(LINK_PREFIX).ok_or_else(|| {
        "this link holds no Fencing Lab run (it should contain #run=…)".to_string()
    })?;
    let mut parts = rest.split('.');
    let version = parts.next().unwrap_or_default();
    let number = version
        .strip_prefix('v')
        .and_then(|v| v.parse::<u32>().ok());
    let compressed = match number {
        Some(LINK_VERSION) => true,
        Some(OLDEST_LINK_VERSION) => false,
        Some(v) if v > LINK_VERSION => {
            return Err(format!(
                "this link was made by a newer Fencing Lab (link format v{v}); this page opens v{LINK_VERSION} links"
            ))
        }
        Some(v) => return Err(format!("this link's format v{v} is no longer supported; this page opens v{OLDEST_LINK_VERSION} to v{LINK_VERSION}")),
        None => return Err("this link is damaged: it has no format version".into()),
    };
    let (Some(data), Some(check), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err("this link is incomplete: it may have been cut off when it was copied".into());
    };
    let bytes = BASE64URL_NOPAD
        .decode(data.as_bytes())
        .map_err(|_| "this link is damaged: it holds characters a link cannot have")?;
    let bytes = if compressed {
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_LINK_JSON).map_err(
            |e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => format!(
                    "this link holds more than {} MiB of run; links carry at most that",
                    MAX_LINK_JSON >> 20
                ),
                _ => "this link is incomplete or damaged: its compressed data does not unpack (was it cut off?)".to_string(),
            },
        )?
    } else {
        bytes
    };
    let mut sum = TraceHash::new();
    sum.update(&bytes);
    if format!("{:08x}", sum.value() as u32) != check {
        return Err(
            "this link is incomplete or changed: its checksum does not match (was it cut off?)"
                .into(),
        );
    }
    let json =
        String::from_utf8(bytes).map_err(|_| "this link is damaged: not text".to_string())?;
    let body: LinkBody =
        fencing_sim::read::from_text(&json).map_err(|e| format!("this link is damaged: {e}"))?;
    let mut scenario = match (body.b, body.s) {
        (Some(name), None) => builtin(&name).ok_or_else(|| {
            format!("this link names a scenario this version does not have: {name}")
        })?,
        (None, Some(s)) => s,
        _ => return Err("this link is damaged: it must name one scenario".into()),
    };
    if let Some(diff) = body.config {
        scenario.config = diff.apply(&scenario.config);
    }
    scenario.seed = body.seed;
    scenario
        .validate()
        .map_err(|e| format!("this link's scenario is not valid: {e}"))?;
    if body.cmds.len() > MAX_FAULTS {
        return Err(format!(
            "this link holds {} commands; at most {MAX_FAULTS} are allowed",
            body.cmds.len()
        ));
    }
    let mut last = 0;
    for (i, c) in body.cmds.iter().enumerate() {
        if c.at_ms < last {
            return Err(format!("this link is damaged: command {i} is out of order"));
        }
        last = c.at_ms;
        c.command
            .check(scenario.config.nodes, &scenario.config)
            .map_err(|(p, m)| {
                format!(
                    "this link's command {i} is not valid: {}.{p}: {m}",
                    c.command.name()
                )
            })?;
    }
    if body.t > MAX_LINK_MS || last > MAX_LINK_MS {
        let hours = body.t.max(last) / 3_600_000;
        return Err(format!(
            "this link points {hours} hours into a run; links open runs of up to {} hours",
            MAX_LINK_MS / 3_600_000
        ));
    }
    Ok(RunSpec {
        scenario,
        commands: body.cmds,
        at_ms: body.t,
    })
}
