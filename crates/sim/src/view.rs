//! Plain, owned pictures of the world for drawing: what the app shows comes from here and
//! from the trace, never from the core's private state.

use super::ids::{Actor, NodeId, Term, Token, Value};
use super::msg::{Msg, MsgFamily};
use super::network::Side;
use super::node::Role;
use super::replication::{self, Replication};
use super::small_map::SmallMap;
use super::storage::WriteRecord;
use super::time::{Duration, SimTime};
use super::trace::DropReason;
use super::world::{InFlight, Refusal, Sim};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeState {
    Running,
    /// Frozen; `until` is `None` for "until resumed"; `held` counts what waits for it.
    Paused {
        until: Option<SimTime>,
        held: usize,
    },
    Crashed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeView {
    pub id: NodeId,
    pub role: Role,
    pub term: Term,
    pub state: NodeState,
    pub leader: Option<NodeId>,
    /// A leader's lease as it sees it, on its own clock: time left (zero once run out).
    pub lease_left: Option<Duration>,
    /// The lease length it counts on (to draw the countdown ring as a fraction).
    pub lease_len: Duration,
    pub clock_rate_ppm: i64,
    pub pause_armed: bool,
    /// A write checked and being worked on, not yet sent.
    pub pending_write: Option<Value>,
    pub last_value: Option<Value>,
    /// Leader: per-follower acknowledged writes. Follower: writes seen.
    pub progress: Vec<u64>,
    pub seq: u64,
    pub side: Option<Side>,
    /// The last message from an older term it refused.
    pub refused: Option<Refusal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeaseView {
    pub term: Term,
    pub holder: Option<NodeId>,
    /// Time left on the store's clock while a holder's lease is valid.
    pub left: Option<Duration>,
    pub lease_len: Duration,
    pub side: Option<Side>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StorageView {
    pub fencing: bool,
    pub highest: Option<Token>,
    pub value: Option<Value>,
    /// The most recent writes, oldest first (bounded).
    pub recent: Vec<WriteRecord>,
    pub accepted: u64,
    pub rejected: u64,
    pub stale_accepted: u64,
    pub superseded_accepted: u64,
    pub side: Option<Side>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageView {
    pub id: u64,
    pub from: Actor,
    pub to: Actor,
    pub label: String,
    pub family: MsgFamily,
    pub sent_at: SimTime,
    pub deliver_at: SimTime,
    /// The network will lose it (drawn fading out).
    pub doomed: bool,
    /// As things stand, a partition or a cut link will stop it.
    pub blocked: Option<DropReason>,
    /// It waits at the far end of a held link (drawn queued there) for the release.
    pub held: bool,
    /// In flight, it will be held where it arrives (its link is held, or it was singled
    /// out by `hold_message`).
    pub will_hold: bool,
    pub msg: Msg,
}

/// Of the messages of one kind (`MsgFamily`) on one link, one way, held or on their way,
/// a snapshot keeps all up to `2 × KEPT_PER_KIND`; past that, the `KEPT_PER_KIND / 2`
/// oldest and as many newest (what the picture draws of them), and the `KEPT_PER_KIND / 2`
/// next to arrive. A link slowed by a week holds every message sent on it for a week: tens
/// of thousands after an hour at top speed, and viewing each one every frame made the
/// page's frames longer without end. `Snapshot::link_counts` counts them all.
pub const KEPT_PER_KIND: usize = 24;

/// How many messages one link (one way) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LinkCount {
    pub from: Actor,
    pub to: Actor,
    /// Waiting on the held link, not on their way.
    pub held: bool,
    pub count: usize,
}

/// Which messages a snapshot keeps ([`KEPT_PER_KIND`]): for each kind on each link with
/// more than twice that many, the ids at most `oldest` or at least `newest` are kept, and
/// those arriving no later than `(deliver_at, id)` `next`.
struct Keep {
    crowded: SmallMap<Kind, Thresholds>,
}

/// One kind of message on one link, one way, held or on its way: (from, to, held, family).
type Kind = (Actor, Actor, bool, u8);

struct Thresholds {
    oldest: u64,
    newest: u64,
    next: (SimTime, u64),
}

impl Keep {
    fn keeps(&self, m: &InFlight, held: bool) -> bool {
        match self
            .crowded
            .get(&(m.from, m.to, held, m.msg.family() as u8))
        {
            None => true,
            Some(t) => {
                m.id <= t.oldest || m.id >= t.newest || (!held && (m.deliver_at, m.id) <= t.next)
            }
        }
    }
}

/// The thresholds of [`Keep`], and every link's count, from two looks at every message
/// (`held` for those waiting on a held link). Linear in the messages, with no sort: the
/// few kept of a crowded kind are found by keeping the least few seen so far.
fn kept_messages<'a, I: Iterator<Item = (&'a InFlight, bool)>>(
    all: impl Fn() -> I,
) -> (Keep, Vec<LinkCount>) {
    let key = |m: &InFlight, held: bool| -> Kind { (m.from, m.to, held, m.msg.family() as u8) };
    let mut counts: SmallMap<Kind, usize> = SmallMap::new();
    for (m, held) in all() {
        *counts.get_or_insert_with(key(m, held), || 0) += 1;
    }
    let mut link_counts: Vec<LinkCount> = Vec::new();
    for (&(from, to, held, _), &n) in counts.iter() {
        match link_counts
            .iter_mut()
            .find(|c| (c.from, c.to, c.held) == (from, to, held))
        {
            Some(c) => c.count += n,
            None => link_counts.push(LinkCount {
                from,
                to,
                held,
                count: n,
            }),
        }
    }
    // For each crowded kind: the least ids, the greatest (as `MAX - id`), the next arrivals.
    let mut least: SmallMap<Kind, [Vec<(u64, u64)>; 3]> = SmallMap::new();
    for (&k, &n) in counts.iter() {
        if n > 2 * KEPT_PER_KIND {
            least.insert(k, Default::default());
        }
    }
    let half = KEPT_PER_KIND / 2;
    if !least.is_empty() {
        for (m, held) in all() {
            if let Some([old, new, next]) = least.get_mut(&key(m, held)) {
                keep_least(old, (m.id, 0), half);
                keep_least(new, (u64::MAX - m.id, 0), half);
                keep_least(next, (m.deliver_at.0, m.id), half);
            }
        }
    }
    let crowded = least
        .iter()
        .map(|(&k, [old, new, next])| {
            let last = |v: &Vec<(u64, u64)>| v.last().copied().unwrap_or_default();
            let thresholds = Thresholds {
                oldest: last(old).0,
                newest: u64::MAX - last(new).0,
                next: (SimTime(last(next).0), last(next).1),
            };
            (k, thresholds)
        })
        .collect();
    (Keep { crowded }, link_counts)
}

/// Keeps in `best` (ascending) the `k` least values offered to it.
fn keep_least(best: &mut Vec<(u64, u64)>, x: (u64, u64), k: usize) {
    if best.len() == k && best.last().is_some_and(|l| x >= *l) {
        return;
    }
    let at = best.partition_point(|b| *b < x);
    best.insert(at, x);
    best.truncate(k);
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkView {
    pub from: Actor,
    pub to: Actor,
    pub cut: bool,
    pub extra_delay: Duration,
    /// Held: its messages wait at its far end until released.
    pub held: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Findings {
    pub leaders: Vec<NodeId>,
    /// The term each of `leaders` leads with (a zombie's is older than `max_term`).
    pub leader_terms: Vec<u64>,
    pub split_brain_now: bool,
    pub split_brain_ms: u64,
    pub violations: u64,
    /// Of the violations, lease overlaps: two valid leases by their holders' own clocks.
    pub lease_overlaps: u64,
    pub rejected: u64,
    pub stale_accepted: u64,
    pub superseded_accepted: u64,
    pub writes_sent: u64,
    pub max_term: u64,
    /// Messages followers refused for carrying an older term.
    pub old_term_refused: u64,
    /// Fencing at the storage is on (the chips' words depend on it).
    pub fencing: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub now: SimTime,
    pub nodes: Vec<NodeView>,
    pub lease: LeaseView,
    pub storage: StorageView,
    /// The messages the network holds now (in flight, or waiting on a held link), but
    /// past [`KEPT_PER_KIND`] of one kind on one link only some of them: see there.
    pub messages: Vec<MessageView>,
    /// How many messages each link (one way) holds, all of them counted: on their way
    /// (`false`) or waiting because it is held (`true`). Links with none are left out.
    pub link_counts: Vec<LinkCount>,
    pub partitioned: bool,
    /// Links with something unusual: cut one way or slowed.
    pub links: Vec<LinkView>,
    pub findings: Findings,
    /// The current leader's view of replication, if there is a leader.
    pub replication: Option<Replication>,
    pub events: u64,
    pub trace_hash: String,
    /// The clock drift the nodes assume (`drift_bound_ppm`): a clock beyond it breaks the
    /// lease's safety assumption.
    pub drift_bound_ppm: u64,
}

impl Snapshot {
    pub fn of(sim: &Sim) -> Snapshot {
        let now = sim.now();
        let net = sim.network();
        let c = sim.config();
        let nodes = (0..sim.node_count())
            .map(NodeId)
            .map(|id| {
                let state = if sim.is_crashed(id) {
                    NodeState::Crashed
                } else if let Some(wake) = sim.paused(id) {
                    NodeState::Paused {
                        until: wake.at(),
                        held: sim.held_count(id),
                    }
                } else {
                    NodeState::Running
                };
                let local = sim.local_time(id);
                let node = sim.node(id);
                let lease_left = node
                    .filter(|n| n.role() == Role::Leader)
                    .and_then(|n| n.lease_until())
                    .map(|u| u.since(local));
                NodeView {
                    id,
                    role: node.map_or(Role::Follower, |n| n.role()),
                    term: sim.persisted_term(id),
                    state,
                    leader: node.and_then(|n| n.leader()),
                    lease_left,
                    lease_len: c.lease(),
                    clock_rate_ppm: sim.clock_rate_ppm(id),
                    pause_armed: sim.pause_armed(id),
                    pending_write: node.and_then(|n| n.pending_write()),
                    last_value: node.and_then(|n| n.last_value()),
                    progress: node.map(|n| n.progress().to_vec()).unwrap_or_default(),
                    seq: node.map_or(0, |n| n.seq()),
                    side: net.side(Actor::Node(id)),
                    refused: sim.refused(id),
                }
            })
            .collect();
        let store = sim.lease_store();
        let valid = store.valid_holder(now);
        let lease = LeaseView {
            term: store.term(),
            holder: valid.map(|h| h.node),
            left: valid.map(|h| h.expires_at.since(now)),
            lease_len: store.lease(),
            side: net.side(Actor::Lease),
        };
        let s = sim.storage();
        let storage = StorageView {
            fencing: s.fencing,
            highest: s.highest(),
            value: s.value(),
            recent: s.history().iter().copied().collect(),
            accepted: s.accepted,
            rejected: s.rejected,
            stale_accepted: s.stale_accepted,
            superseded_accepted: s.superseded_accepted,
            side: net.side(Actor::Storage),
        };
        let view = |m: &crate::world::InFlight, held: bool| MessageView {
            id: m.id,
            from: m.from,
            to: m.to,
            label: m.msg.label(),
            family: m.msg.family(),
            sent_at: m.sent_at,
            deliver_at: m.deliver_at,
            doomed: m.lost,
            blocked: net.blocked(m.from, m.to),
            held,
            will_hold: !held && sim.will_hold(m.id, m.from, m.to),
            msg: m.msg.clone(),
        };
        let all = || {
            sim.in_flight()
                .map(|m| (m, false))
                .chain(sim.on_hold().map(|m| (m, true)))
        };
        let (keep, link_counts) = kept_messages(all);
        let messages = all()
            .filter(|(m, held)| keep.keeps(m, *held))
            .map(|(m, held)| view(m, held))
            .collect();
        let mut links: Vec<LinkView> = net
            .cuts()
            .map(|(from, to)| LinkView {
                from,
                to,
                cut: true,
                extra_delay: net.extra_delay(from, to),
                held: net.is_held(from, to),
            })
            .collect();
        // A link with a message held on its own shows too, though the link is not held.
        for (from, to) in net
            .delays()
            .map(|(k, _)| k)
            .chain(net.held_links())
            .chain(sim.links_on_hold())
        {
            if !links.iter().any(|l| l.from == from && l.to == to) {
                links.push(LinkView {
                    from,
                    to,
                    cut: false,
                    extra_delay: net.extra_delay(from, to),
                    held: net.is_held(from, to),
                });
            }
        }
        let t = sim.totals();
        let leaders = sim.monitor().leaders();
        let findings = Findings {
            split_brain_now: leaders.len() >= 2,
            leaders,
            leader_terms: sim.monitor().leader_terms().iter().map(|t| t.0).collect(),
            split_brain_ms: sim.monitor().split_brain_time(now).as_ms(),
            violations: t.violation_count,
            lease_overlaps: t.lease_overlaps,
            rejected: t.rejected,
            stale_accepted: t.stale_accepted,
            superseded_accepted: t.superseded_accepted,
            old_term_refused: t.old_term_refused,
            writes_sent: t.writes_sent,
            max_term: t.max_term,
            fencing: c.fencing,
        };
        Snapshot {
            now,
            nodes,
            lease,
            storage,
            messages,
            link_counts,
            partitioned: net.is_partitioned(),
            links,
            findings,
            replication: replication::of(sim),
            events: t.events,
            trace_hash: sim.trace_hash().hex(),
            drift_bound_ppm: c.drift_bound_ppm,
        }
    }
}
