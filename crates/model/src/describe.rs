//! Words for what the simulation shows: event lines for the log, times and durations as
//! people read them. Pure functions, so the tests can check the wording.

use fencing_sim::node::{Note, Role, Timer};
use fencing_sim::num::fixed;
use fencing_sim::storage::{Verdict, WriteRecord};
use fencing_sim::trace::DropReason;
use fencing_sim::view::{NodeState, NodeView};
use fencing_sim::{Actor, Duration, Event, EventKind, NodeId, SimTime};

/// "12.3 s" (one decimal).
pub fn secs(t: SimTime) -> String {
    format!("{} s", fixed(t.0 as f64 / 1e6, 1))
}

/// "7.2 s" for a duration.
pub fn dur(d: Duration) -> String {
    format!("{} s", fixed(d.0 as f64 / 1e6, 1))
}

/// A length given in milliseconds, as people say it: "750 ms", "2.5 s".
pub fn ms_words(v: u64) -> String {
    if v < 1000 {
        format!("{v} ms")
    } else {
        dur(Duration::from_ms(v))
    }
}

/// A moment as a span of time from the run's start, for a sentence: "12.3 s" under a
/// minute, then "4 min 10 s", "2 h 5 min" ("8 h" when whole), never 28800.000 s.
pub fn span_words(t: SimTime) -> String {
    // Under a minute as `secs` writes it (to the tenth, rounded: 59.96 s is "1 min").
    if t.0 < 59_950_000 {
        return secs(t);
    }
    let s = (t.0 + 500_000) / 1_000_000;
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    match (h, m, sec) {
        (0, m, 0) => format!("{m} min"),
        (0, m, sec) => format!("{m} min {sec} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// "12.345 s": a moment to the millisecond, for a status line (the log's `stamp` and its unit).
pub fn moment(t: SimTime) -> String {
    format!("{} s", stamp(t))
}

/// "12.345" seconds with milliseconds, for the log.
pub fn stamp(t: SimTime) -> String {
    format!("{}.{:03}", t.0 / 1_000_000, (t.0 / 1000) % 1000)
}

fn timer(t: &Timer) -> &'static str {
    match t {
        Timer::FailureDetector => "no heartbeat for too long",
        Timer::Renew => "time to renew the lease",
        Timer::LeaseDeadline => "lease deadline on its own clock",
        Timer::Heartbeat => "time to send heartbeats",
        Timer::WriteTick => "time to check the lease and work",
        Timer::WorkDone => "work done",
    }
}

fn drop_reason(r: &DropReason) -> &'static str {
    match r {
        DropReason::Lost => "lost by the network",
        DropReason::Partition => "blocked by the partition",
        DropReason::LinkCut => "the link is cut",
        DropReason::Crashed => "the receiver has crashed",
        DropReason::InboxFull => "the paused receiver's inbox is full",
        DropReason::HeldDropped => "it waited on a held link, and the release dropped it",
    }
}

/// The same event as the trace words it, where that differs from `event_text`: a fault in
/// the trace's own units (a clock rate in ppm, settings by name), for a tooltip.
pub fn event_detail(e: &Event) -> Option<String> {
    match &e.kind {
        EventKind::Fault { text, .. } => Some(format!("in the trace: {text}")),
        _ => None,
    }
}

/// One readable line for an event (without its time).
pub fn event_text(e: &Event) -> String {
    match &e.kind {
        EventKind::Send { from, to, msg, .. } => format!("{from} sends {} to {to}", msg.label()),
        EventKind::Deliver { id, from, to } => format!("{to} receives message #{id} from {from}"),
        EventKind::Drop {
            id,
            from,
            to,
            reason,
        } => format!(
            "message #{id} {from} → {to} dropped: {}",
            drop_reason(reason)
        ),
        EventKind::Held { id, node } => format!("message #{id} waits: {node} is paused"),
        EventKind::HeldOnLink { id, from, to } => {
            format!("message #{id} waits on the held link {from} → {to}")
        }
        EventKind::Released {
            id,
            from,
            to,
            deliver_at,
        } => format!(
            "message #{id} released from {from} → {to}, arriving at {}",
            secs(*deliver_at)
        ),
        EventKind::Timer { node, timer: t } => format!("{node}: {}", timer(t)),
        EventKind::Grant {
            node,
            term,
            expires_at,
        } => format!(
            "lease store grants term {term} to {node} (until {})",
            secs(*expires_at)
        ),
        EventKind::Renewal {
            node,
            term,
            expires_at,
        } => format!(
            "lease store renews {node}'s term {term} (until {})",
            secs(*expires_at)
        ),
        EventKind::Denial { node, holder, term } => match holder {
            Some(h) => format!("lease store refuses {node}: {h} holds term {term}"),
            None => format!("lease store refuses {node} (term {term})"),
        },
        EventKind::RenewDenial { node, term } => {
            format!("lease store refuses to renew {node}'s term {term}")
        }
        EventKind::Expiry { node, term } => {
            format!("{node}'s lease (term {term}) expires at the lease store")
        }
        EventKind::Node { node, note } => match note {
            Note::Candidate { .. } => format!("{node} asks for the lease"),
            Note::Leader { term, lease_left } => {
                format!(
                    "{node} becomes LEADER, term {term} (lease {} left)",
                    dur(*lease_left)
                )
            }
            Note::Follower { term, leader } => match leader {
                Some(l) => format!("{node} follows {l} in term {term}"),
                None => format!("{node} is a follower in term {term}"),
            },
            Note::StepDown { term, reason } => {
                format!("{node} steps down from term {term}: {}", reason.describe())
            }
            Note::LeaseExtended { term, lease_left } => {
                format!(
                    "{node} extends its lease (term {term}, {} left)",
                    dur(*lease_left)
                )
            }
            Note::LeaseCheck {
                term,
                ok,
                lease_left,
            } => {
                if *ok {
                    format!(
                        "{node} checks its lease: still valid ({} left, term {term})",
                        dur(*lease_left)
                    )
                } else {
                    format!("{node} checks its lease: run out (term {term})")
                }
            }
            Note::WriteSent { token, value } => {
                format!("{node} sends write {value} with token {token}")
            }
            Note::BarrierSent { token } => format!("{node} sends a barrier with token {token}"),
            Note::GrantIgnored { term } => format!("{node} ignores a stale grant of term {term}"),
            Note::OldTermRefused {
                from,
                term,
                current,
            } => format!("{node} refuses {from}'s heartbeat: term {term} < {current}"),
        },
        EventKind::Lease { node, term, until } => {
            format!(
                "{node} believes its lease (term {term}) lasts until {}",
                secs(*until)
            )
        }
        EventKind::Write {
            node,
            token,
            value,
            verdict,
        } => {
            let what = match value {
                Some(v) => format!("write {v}"),
                None => "barrier".to_string(),
            };
            match verdict {
                Verdict::Accepted => format!("storage accepts {node}'s {what}, token {token}"),
                Verdict::Rejected { highest } => format!(
                    "storage REJECTS {node}'s {what}: token {token} < {highest}"
                ),
                Verdict::StaleAccepted { highest } => format!(
                    "storage ACCEPTS {node}'s {what}: {} — data corrupted",
                    stale_words(*token, *highest)
                ),
                Verdict::Superseded { granted } => format!(
                    "storage accepts {node}'s {what}, token {token}, through the fencing gap: term {granted} was already granted, but the storage had not seen it"
                ),
            }
        }
        EventKind::Fault { fault, .. } => format!("fault: {}", command_words(fault)),
        EventKind::FaultSkipped { fault, reason } => {
            format!("fault skipped ({}): {reason}", command_words(fault))
        }
        EventKind::PauseArmed { node } => {
            format!("{node} will freeze right after its next lease check")
        }
        EventKind::Paused {
            node,
            until,
            worst_moment,
        } => {
            let how = match until {
                Some(u) => format!("until {}", secs(*u)),
                None => "until resumed".into(),
            };
            if *worst_moment {
                format!("{node} freezes right after its lease check, {how}")
            } else {
                format!("{node} freezes {how}")
            }
        }
        EventKind::Resumed { node, held } => {
            format!("{node} wakes up ({held} waiting messages and timers)")
        }
        EventKind::Crashed { node } => format!("{node} crashes"),
        EventKind::Restarted { node, term } => {
            format!("{node} restarts as a follower, remembering term {term}")
        }
        EventKind::Violation {
            violation: v @ fencing_sim::trace::Violation::LeaseOverlap { .. },
        } => format!(
            "VIOLATION, lease overlap: {} (by their own clocks)",
            v.describe()
        ),
        EventKind::Violation { violation } => format!("VIOLATION: {}", violation.describe()),
        EventKind::SplitBrain { leaders } => {
            let names: Vec<String> = leaders.iter().map(|l| l.to_string()).collect();
            // Not "not a violation" here: at a question's moment the log would answer it;
            // the chip and the commentary tell split brain from a lease overlap.
            format!("split brain: {} all believe they lead", names.join(", "))
        }
        EventKind::SplitBrainOver => "split brain over: one leader again".into(),
    }
}

/// Categories for the log filter, with their labels.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("message", "Messages"),
    ("lease", "Lease"),
    ("node", "Nodes"),
    ("storage", "Storage"),
    ("fault", "Faults"),
    ("finding", "Findings"),
];

/// Whether an event belongs in the log at all (timers that only re-arm are noise).
pub fn worth_logging(e: &Event) -> bool {
    !matches!(
        e.kind,
        EventKind::Timer {
            timer: Timer::Heartbeat | Timer::Renew,
            ..
        }
    )
}

pub fn actor_name(a: Actor) -> String {
    match a {
        Actor::Node(n) => n.to_string(),
        Actor::Lease => "lease store".into(),
        Actor::Storage => "storage".into(),
    }
}

/// Where an actor stands: "on side A", "on side B", "on the wall (both sides)".
pub fn side_words(side: fencing_sim::network::Side) -> &'static str {
    match side {
        fencing_sim::network::Side::A => "on side A",
        fencing_sim::network::Side::B => "on side B",
        fencing_sim::network::Side::Both => "on the wall (both sides)",
    }
}

/// The words that say a node's state, used on the picture and by screen readers.
pub fn node_words(n: &NodeView, now: SimTime) -> (String, Option<String>) {
    let role = match n.role {
        Role::Leader => "LEADER",
        Role::Candidate => "candidate",
        Role::Follower => "follower",
    };
    let state = match &n.state {
        NodeState::Running => None,
        NodeState::Paused { until: Some(u), .. } => {
            Some(format!("paused {} left", dur(u.since(now))))
        }
        NodeState::Paused { until: None, .. } => Some("paused until resumed".into()),
        NodeState::Crashed => Some("crashed".into()),
    };
    (role.to_string(), state)
}

/// A write's verdict while a lesson's question asks: what the storage did, without why
/// (`⋯`, `taken (why: once you answer)`), for the reason (a token compared, the gap) is
/// often the question's answer. A plain acceptance reads as always.
pub fn verdict_words_asking(r: &WriteRecord) -> (&'static str, String) {
    match r.verdict {
        Verdict::Accepted => verdict_words(r),
        Verdict::Rejected { .. } => ("⋯", "refused (why: once you answer)".to_string()),
        Verdict::StaleAccepted { .. } | Verdict::Superseded { .. } => {
            ("⋯", "taken (why: once you answer)".to_string())
        }
    }
}

/// An event's line in the log while a lesson's question asks: a write the storage did not
/// simply accept says what it did, not why (see `verdict_words_asking`).
pub fn event_text_asking(e: &Event) -> String {
    match &e.kind {
        EventKind::Write {
            node,
            token,
            verdict: Verdict::Rejected { .. },
            ..
        } => format!("storage refuses {node}'s write with token {token} (why: once you answer)"),
        EventKind::Write {
            node,
            token,
            verdict: Verdict::StaleAccepted { .. } | Verdict::Superseded { .. },
            ..
        } => format!("storage takes {node}'s write with token {token} (why: once you answer)"),
        _ => event_text(e),
    }
}

/// An accepted stale write, worded never to read like a rejection (`token 33 < 34` is only
/// ever a refusal's reason): "ACCEPTED stale token 33 (fencing off; it had seen 34)".
pub fn stale_words(token: fencing_sim::Token, highest: fencing_sim::Token) -> String {
    format!("ACCEPTED stale token {token} (fencing off; it had seen {highest})")
}

/// A write's verdict as (glyph, words): `⊘`, `rejected: token 33 < 34`.
pub fn verdict_words(r: &WriteRecord) -> (&'static str, String) {
    match r.verdict {
        Verdict::Accepted => ("✓", "accepted".to_string()),
        Verdict::Rejected { highest } => (
            "⊘",
            format!("rejected: token {} < {highest}", r.token),
        ),
        Verdict::StaleAccepted { highest } => (
            "⚠",
            format!("{} — data corrupted", stale_words(r.token, highest)),
        ),
        Verdict::Superseded { granted } => (
            "↯",
            format!(
                "accepted through the fencing gap: term {granted} was already granted; the storage had not seen it"
            ),
        ),
    }
}

/// A speed as people write it: "0.25×", "10×".
pub fn speed_text(s: f64) -> String {
    if s < 1.0 {
        format!("{}×", fencing_sim::num::trimmed(s, 3))
    } else {
        format!("{}×", fixed(s, 0))
    }
}

/// An actor as a form value: "2", "lease", "storage".
pub fn actor_key(a: Actor) -> String {
    match a {
        Actor::Node(id) => id.0.to_string(),
        Actor::Lease => "lease".into(),
        Actor::Storage => "storage".into(),
    }
}

/// The actor a form value names (see `actor_key`).
pub fn parse_actor(s: &str) -> Option<Actor> {
    match s {
        "lease" => Some(Actor::Lease),
        "storage" => Some(Actor::Storage),
        n => n.parse::<u8>().ok().map(|n| Actor::Node(NodeId(n))),
    }
}

/// What a command did, as a person would say it after doing it: "switched fencing off",
/// "paused n2 until resumed", "set n2's clock to 95% of true time".
pub fn command_words(c: &fencing_sim::Command) -> String {
    use fencing_sim::Command;
    let on_off = |b: bool| if b { "on" } else { "off" };
    let ms = |v: u64| {
        if v < 1000 {
            format!("{v} ms")
        } else {
            dur(Duration::from_ms(v))
        }
    };
    let list = |v: &[fencing_sim::command::ActorRef]| {
        let names: Vec<String> = v.iter().map(|a| a.to_string()).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    };
    match c {
        Command::Pause(p) => {
            let how = match p.for_ms {
                Some(v) => format!("for {}", ms(v)),
                None => "until resumed".into(),
            };
            if p.after_lease_check {
                format!("paused {} {how}, right after its next lease check", p.node)
            } else {
                format!("paused {} {how}", p.node)
            }
        }
        Command::Resume(a) => format!("resumed {}", a.node),
        Command::Crash(a) => format!("crashed {}", a.node),
        Command::Restart(a) => format!("restarted {}", a.node),
        Command::Partition(p) if p.both.is_empty() => {
            format!("split the network: {} on side B", list(&p.side_b))
        }
        Command::Partition(p) => format!(
            "split the network: {} on side B, {} on both sides",
            list(&p.side_b),
            list(&p.both)
        ),
        Command::Heal(_) => "healed the network".into(),
        Command::CutLink(l) => format!("cut the link {} → {}", l.from, l.to),
        Command::RestoreLink(l) => format!("restored the link {} → {}", l.from, l.to),
        Command::Hold(l) => format!("held the link {} → {}", l.from, l.to),
        Command::HoldMessage(m) => format!(
            "held message #{} where it arrives (release its link to send it on)",
            m.id
        ),
        Command::Release(r) if r.drop => {
            format!("dropped what the link {} → {} held", r.from, r.to)
        }
        Command::Release(r) => format!("released the link {} → {}", r.from, r.to),
        Command::LinkDelay(l) if l.extra_ms == 0 => {
            format!("removed the delay on the link {} → {}", l.from, l.to)
        }
        Command::LinkDelay(l) => {
            format!(
                "delayed the link {} → {} by {}",
                l.from,
                l.to,
                ms(l.extra_ms)
            )
        }
        Command::ClockRate(r) => format!(
            "set {}'s clock to {} of true time",
            r.node,
            crate::clock::percent_text(r.ppm)
        ),
        Command::Set(p) => {
            let mut parts = Vec::new();
            if let Some(f) = p.fencing {
                parts.push(format!("switched fencing {}", on_off(f)));
            }
            if let Some(b) = p.barrier {
                parts.push(format!("switched the barrier {}", on_off(b)));
            }
            if let Some(v) = p.lease_ms {
                parts.push(format!("set the lease to {}", ms(v)));
            }
            if let Some(v) = p.renew_every_ms {
                parts.push(format!("set renewals to every {}", ms(v)));
            }
            if let Some(v) = p.renew_jitter_ms {
                parts.push(format!("set the renewal jitter to {}", ms(v)));
            }
            if let Some(v) = p.heartbeat_ms {
                parts.push(format!("set heartbeats to every {}", ms(v)));
            }
            if let Some([a, b]) = p.failure_timeout_ms {
                parts.push(format!("set the failure timeout to {}–{}", ms(a), ms(b)));
            }
            if let Some(v) = p.write_every_ms {
                parts.push(format!("set writes to every {}", ms(v)));
            }
            if let Some(v) = p.work_ms {
                parts.push(format!("set the work per write to {}", ms(v)));
            }
            if let Some([a, b]) = p.latency_ms {
                parts.push(format!("set the latency to {}–{}", ms(a), ms(b)));
            }
            if let Some(v) = p.drop_percent {
                parts.push(format!("set message loss to {v}%"));
            }
            if let Some(v) = p.drift_bound_ppm {
                parts.push(format!("set the assumed drift bound to {v} ppm"));
            }
            if parts.is_empty() {
                "changed nothing".into()
            } else {
                parts.join(", ")
            }
        }
    }
}

/// A count on the storage panel's line, by kind (the page gives each its colour).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountKind {
    Accepted,
    Rejected,
    Stale,
    Gap,
    /// While a question asks: the reasons are held.
    Held,
}

/// The storage's counts in words: "✓ 3 accepted", "⊘ 1 rejected", "⚠ 0 stale taken",
/// "↯ 1 through the gap". While a lesson's question asks, only how many writes came: the
/// counts would say why the storage took or refused one (like the findings chips, held).
pub fn storage_counts(
    st: &fencing_sim::view::StorageView,
    asking: bool,
) -> Vec<(CountKind, String)> {
    if asking {
        let all = st.accepted + st.rejected + st.stale_accepted + st.superseded_accepted;
        return vec![
            (
                CountKind::Held,
                format!("{all} write{} so far", if all == 1 { "" } else { "s" }),
            ),
            (
                CountKind::Held,
                "⋯ the counts return when you answer".into(),
            ),
        ];
    }
    vec![
        (CountKind::Accepted, format!("✓ {} accepted", st.accepted)),
        (CountKind::Rejected, format!("⊘ {} rejected", st.rejected)),
        (
            CountKind::Stale,
            format!("⚠ {} stale taken", st.stale_accepted),
        ),
        (
            CountKind::Gap,
            format!("↯ {} through the gap", st.superseded_accepted),
        ),
    ]
}
