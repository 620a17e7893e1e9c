//! Links for slides and learning platforms: a URL fragment of `key=value` parameters that
//! opens the page on a lesson (at a question), a challenge or a scenario, at a speed,
//! playing or paused, in presentation mode, with the questions on or off, and showing
//! chosen panels only (for an iframe in a slide):
//!
//! `#lesson=gc-pause-zombie&q=2&speed=2&play=1&panels=picture,narration&present=1`
//!
//! Every parameter that is not understood, or whose value is bad, is named in a problem;
//! the others still apply. A shared run's link (`#run=v2…`) is not one of these.

use crate::pacing::SPEEDS;
use crate::path::{self, Target};

/// A part of the page a link can choose to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Panel {
    /// The header's run controls.
    Controls,
    Timeline,
    Findings,
    Picture,
    Diagram,
    Narration,
    Storage,
    /// Sharing, the event log and the reading list, below the fold.
    More,
}

pub const PANELS: &[(&str, Panel)] = &[
    ("controls", Panel::Controls),
    ("timeline", Panel::Timeline),
    ("findings", Panel::Findings),
    ("picture", Panel::Picture),
    ("diagram", Panel::Diagram),
    ("narration", Panel::Narration),
    ("storage", Panel::Storage),
    ("more", Panel::More),
];

/// The parameters a link takes besides `lesson`, `q`, `challenge` and `scenario`.
const KEYS: &[&str] = &["speed", "play", "present", "questions", "panels"];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageLink {
    /// What to open; `None` keeps the default scenario.
    pub target: Option<Target>,
    /// An index into `SPEEDS`.
    pub speed: Option<usize>,
    pub play: Option<bool>,
    pub present: Option<bool>,
    pub questions: Option<bool>,
    /// Only these panels; `None` shows them all.
    pub panels: Option<Vec<Panel>>,
    /// Each parameter not understood, in words.
    pub problems: Vec<String>,
}

fn switch(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "1" | "on" | "yes" | "true" => Ok(true),
        "0" | "off" | "no" | "false" => Ok(false),
        _ => Err(format!("{key}={value}: say {key}=1 or {key}=0")),
    }
}

fn speed(value: &str) -> Result<usize, String> {
    // As the lab writes it ("0.25", "10"), give or take a zero: "10x", "0.50", ".5", "1.0".
    let mut v = value.trim_end_matches(['x', '×']).to_string();
    if v.contains('.') {
        v.truncate(v.trim_end_matches('0').trim_end_matches('.').len());
    }
    if v.starts_with('.') {
        v.insert(0, '0');
    }
    let written = |s: &f64| fencing_sim::num::trimmed(*s, 3);
    SPEEDS.iter().position(|s| written(s) == v).ok_or_else(|| {
        let offered: Vec<String> = SPEEDS.iter().map(written).collect();
        format!(
            "speed={value} is not a speed the lab offers ({})",
            offered.join(", ")
        )
    })
}

fn panels(value: &str) -> (Vec<Panel>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for name in value.split(',').filter(|n| !n.is_empty()) {
        match PANELS.iter().find(|(n, _)| *n == name) {
            Some((_, p)) if !out.contains(p) => out.push(*p),
            Some(_) => {}
            None => problems.push(format!(
                "panels: “{name}” is not a panel ({})",
                PANELS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push("panels= names no panel".into());
    }
    (out, problems)
}

/// Reads a fragment (with or without `#`): `None` for none or a shared run's link, else
/// what it asks for and what in it was not understood.
pub fn parse(fragment: &str) -> Option<PageLink> {
    let fragment = fragment.trim_start_matches('#');
    if fragment.is_empty() || fragment.starts_with(crate::share::LINK_PREFIX) {
        return None;
    }
    let mut link = PageLink::default();
    let mut target_parts: Vec<String> = Vec::new();
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let result: Result<(), String> = match key {
            "lesson" | "q" | "challenge" => {
                target_parts.push(part.to_string());
                Ok(())
            }
            "scenario" => {
                target_parts.push(format!("lesson={value}"));
                Ok(())
            }
            "speed" => speed(value).map(|s| link.speed = Some(s)),
            "play" => switch(key, value).map(|v| link.play = Some(v)),
            "present" => switch(key, value).map(|v| link.present = Some(v)),
            "questions" => switch(key, value).map(|v| link.questions = Some(v)),
            "panels" => {
                let (p, problems) = panels(value);
                link.problems.extend(problems);
                if !p.is_empty() {
                    link.panels = Some(p);
                }
                Ok(())
            }
            other => Err(format!(
                "“{other}” is not a parameter this page takes (lesson, q, challenge, scenario, {})",
                KEYS.join(", ")
            )),
        };
        if let Err(e) = result {
            link.problems.push(e);
        }
    }
    if !target_parts.is_empty() {
        // What to open first, then its question.
        fencing_sim::order::sort_by_key(&mut target_parts, |p| p.starts_with("q="));
        match path::parse_fragment(&target_parts.join("&")) {
            Some(Ok(t)) => link.target = Some(t),
            Some(Err(e)) => link.problems.push(e),
            None => link
                .problems
                .push("q= goes with lesson=, not on its own".to_string()),
        }
    }
    Some(link)
}
