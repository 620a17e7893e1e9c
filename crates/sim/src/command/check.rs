//! Whether a command can run in a cluster: its nodes exist, its values are in range, and
//! the settings it makes are valid. Files, links and the live controls all check here.

use super::{ActorRef, Command, NodeRef};
use crate::config::{Config, MAX_MS};
use crate::time::{MAX_RATE_PPM, MIN_RATE_PPM};

fn node_exists(node: NodeRef, nodes: u8) -> Result<(), String> {
    match node {
        NodeRef::Id(id) if id.0 >= nodes => Err(format!(
            "node {} does not exist (nodes: 0–{})",
            id.0,
            nodes - 1
        )),
        _ => Ok(()),
    }
}

fn actor_exists(a: ActorRef, nodes: u8) -> Result<(), String> {
    match a {
        ActorRef::Node(n) => node_exists(n, nodes),
        _ => Ok(()),
    }
}

fn at(path: impl Into<String>) -> impl FnOnce(String) -> (String, String) {
    let path = path.into();
    move |m| (path, m)
}

impl Command {
    /// Checks a command against the cluster size and the settings in force (the one place
    /// commands are checked, for files, links and live controls alike); `Err((path inside
    /// the command, message))`.
    pub fn check(&self, nodes: u8, config: &Config) -> Result<(), (String, String)> {
        match self {
            Command::Pause(p) => {
                node_exists(p.node, nodes).map_err(at("node"))?;
                if let Some(ms) = p.for_ms {
                    if ms == 0 {
                        return Err((
                            "for_ms".into(),
                            "must be greater than 0 (leave it out to pause until resumed)".into(),
                        ));
                    }
                    if ms > MAX_MS {
                        return Err((
                            "for_ms".into(),
                            format!("{ms} ms is absurdly large (at most {MAX_MS} ms)"),
                        ));
                    }
                }
            }
            Command::Resume(a) | Command::Crash(a) | Command::Restart(a) => {
                node_exists(a.node, nodes).map_err(at("node"))?
            }
            Command::Partition(p) => {
                if p.side_b.is_empty() {
                    return Err((
                        "side_b".into(),
                        "is empty: name at least one actor for side B".into(),
                    ));
                }
                for (i, a) in p.side_b.iter().enumerate() {
                    actor_exists(*a, nodes).map_err(at(format!("side_b[{i}]")))?;
                    if p.side_b[..i].contains(a) {
                        return Err((format!("side_b[{i}]"), format!("{a} is listed twice")));
                    }
                }
                for (i, a) in p.both.iter().enumerate() {
                    actor_exists(*a, nodes).map_err(at(format!("both[{i}]")))?;
                    if p.side_b.contains(a) || p.both[..i].contains(a) {
                        return Err((format!("both[{i}]"), format!("{a} is listed twice")));
                    }
                }
            }
            Command::Heal(_) | Command::HoldMessage(_) => {}
            Command::CutLink(l) | Command::RestoreLink(l) | Command::Hold(l) => {
                actor_exists(l.from, nodes).map_err(at("from"))?;
                actor_exists(l.to, nodes).map_err(at("to"))?;
                if l.from == l.to {
                    return Err(("to".into(), "a link joins two different actors".into()));
                }
            }
            Command::Release(r) => {
                actor_exists(r.from, nodes).map_err(at("from"))?;
                actor_exists(r.to, nodes).map_err(at("to"))?;
                if r.from == r.to {
                    return Err(("to".into(), "a link joins two different actors".into()));
                }
            }
            Command::LinkDelay(l) => {
                actor_exists(l.from, nodes).map_err(at("from"))?;
                actor_exists(l.to, nodes).map_err(at("to"))?;
                if l.from == l.to {
                    return Err(("to".into(), "a link joins two different actors".into()));
                }
                if l.extra_ms > MAX_MS {
                    return Err((
                        "extra_ms".into(),
                        format!("{} ms is absurdly large (at most {MAX_MS} ms)", l.extra_ms),
                    ));
                }
            }
            Command::ClockRate(c) => {
                node_exists(c.node, nodes).map_err(at("node"))?;
                if !(MIN_RATE_PPM..=MAX_RATE_PPM).contains(&c.ppm) {
                    return Err((
                        "ppm".into(),
                        format!("{} is outside {MIN_RATE_PPM}..={MAX_RATE_PPM}", c.ppm),
                    ));
                }
            }
            Command::Set(patch) => {
                let c = patch.apply(config);
                c.check().map_err(|(k, m)| (k.to_string(), m))?;
            }
        }
        Ok(())
    }
}
