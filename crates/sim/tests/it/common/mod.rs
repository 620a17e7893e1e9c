//! Helpers shared by the simulation tests.
#![allow(dead_code)]

use fencing_sim::node::{Note, StepDownReason};
use fencing_sim::scenario::{builtin, Scenario};
use fencing_sim::storage::Verdict;
use fencing_sim::summary::Summary;
use fencing_sim::{Event, EventKind, NodeId, Sim, SimTime, Term, Token};

pub struct Run {
    pub summary: Summary,
    pub events: Vec<Event>,
}

pub fn scenario(name: &str) -> Scenario {
    builtin(name).unwrap_or_else(|| panic!("no built-in scenario {name}"))
}

pub fn run(s: &Scenario) -> Run {
    let mut sim = Sim::new(s);
    sim.run_until(SimTime::from_ms(s.until_ms));
    let events = sim.drain_events();
    Run {
        summary: Summary::of(&sim, s),
        events,
    }
}

pub fn run_builtin(name: &str, tweak: impl FnOnce(&mut Scenario)) -> Run {
    let mut s = scenario(name);
    tweak(&mut s);
    run(&s)
}

impl Run {
    pub fn grants(&self) -> Vec<(SimTime, NodeId, Term)> {
        self.events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::Grant { node, term, .. } => Some((e.t, node, term)),
                _ => None,
            })
            .collect()
    }

    pub fn grant_of(&self, term: u64) -> (SimTime, NodeId) {
        self.grants()
            .into_iter()
            .find(|(_, _, t)| t.0 == term)
            .map(|(at, n, _)| (at, n))
            .unwrap_or_else(|| panic!("term {term} was never granted"))
    }

    /// Storage verdicts: (time, writer, token, is a barrier, verdict).
    pub fn writes(&self) -> Vec<(SimTime, NodeId, Token, bool, Verdict)> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Write {
                    node,
                    token,
                    value,
                    verdict,
                } => Some((e.t, *node, *token, value.is_none(), *verdict)),
                _ => None,
            })
            .collect()
    }

    pub fn step_downs(&self) -> Vec<(SimTime, NodeId, Term, StepDownReason)> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Node {
                    node,
                    note: Note::StepDown { term, reason },
                } => Some((e.t, *node, *term, *reason)),
                _ => None,
            })
            .collect()
    }

    pub fn first(&self, pred: impl Fn(&EventKind) -> bool) -> Option<&Event> {
        self.events.iter().find(|e| pred(&e.kind))
    }

    pub fn count(&self, pred: impl Fn(&EventKind) -> bool) -> usize {
        self.events.iter().filter(|e| pred(&e.kind)).count()
    }
}
