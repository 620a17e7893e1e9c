//! Each component rendered into a real DOM in headless Chromium and read back as a person
//! would: a paused node says paused, a crashed one crashed, a rejected write gives its
//! reason, the partition wall appears, the narration highlights the current line...
#![cfg(target_arch = "wasm32")]

use fencing_lab::ui::components::cluster::{Cluster, ClusterProps};
use fencing_lab::ui::components::diagram::{Diagram, DiagramProps};
use fencing_lab::ui::components::event_log::{EventLog, EventLogProps};
use fencing_lab::ui::components::explore_panel::{ExplorePanel, ExploreProps};
use fencing_lab::ui::components::findings::{findings_strip, FindingsProps};
use fencing_lab::ui::components::narration::{NarrationPanel, NarrationProps};
use fencing_lab::ui::components::storage_panel::{StoragePanel, StoragePanelProps};
use fencing_lab::ui::App;
use fencing_model::lab::SPEEDS;
use fencing_model::{Action, Lab};
use fencing_sim::command::{ActorRef, NodeArgs, NodeRef, PartitionArgs, PauseArgs};
use fencing_sim::scenario::builtin;
use fencing_sim::view::Snapshot;
use fencing_sim::{Command, NodeId, Sim, SimTime};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

fn mount_point() -> Element {
    let doc = gloo_utils::document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

async fn render<C: BaseComponent>(props: C::Properties) -> Element {
    let root = mount_point();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

/// What a plain view function drew, for those parts of the page that are not components.
#[derive(Properties, PartialEq)]
struct DrawnProps {
    html: Html,
}

#[function_component(Drawn)]
fn drawn(props: &DrawnProps) -> Html {
    props.html.clone()
}

async fn render_html(html: Html) -> Element {
    render::<Drawn>(DrawnProps { html }).await
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn all(el: &Element, sel: &str) -> Vec<Element> {
    let list = el.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn sim_at(name: &str, ms: u64, faults: &[(u64, Command)], fencing: bool) -> Sim {
    let mut s = builtin(name).unwrap();
    s.config.fencing = fencing;
    let mut sim = Sim::new(&s);
    for (at, f) in faults {
        sim.schedule(SimTime::from_ms(*at), f.clone()).unwrap();
    }
    sim.run_until(SimTime::from_ms(ms));
    sim
}

fn cluster_props(snapshot: Snapshot) -> ClusterProps {
    yew::props!(ClusterProps {
        snapshot: Rc::new(snapshot),
        selected: Some(NodeId(0)),
        reduced_motion: false,
        on_select: Callback::noop(),
        on_link: Callback::noop(),
    })
}

#[wasm_bindgen_test]
async fn a_paused_node_shows_as_paused_with_its_time_left() {
    let pause = Command::Pause(PauseArgs {
        node: NodeRef::Id(NodeId(2)),
        for_ms: Some(8000),
        after_lease_check: false,
    });
    let sim = sim_at("gc-pause-zombie", 3000, &[(1000, pause)], true);
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    let node = root.query_selector("[data-node='2']").unwrap().unwrap();
    assert!(node.get_attribute("class").unwrap().contains("paused"));
    assert!(text(&node).contains("paused 6.0 s left"), "{}", text(&node));
    assert!(node.get_attribute("aria-label").unwrap().contains("paused"));
    let other = root.query_selector("[data-node='1']").unwrap().unwrap();
    assert!(!text(&other).contains("paused"));
}

#[wasm_bindgen_test]
async fn a_crashed_node_shows_as_crashed_and_the_leader_says_leader() {
    let crash = Command::Crash(NodeArgs {
        node: NodeRef::Id(NodeId(1)),
    });
    let sim = sim_at("gc-pause-zombie", 4000, &[(3000, crash)], true);
    let leader = sim.current_leader().unwrap();
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    let node = root.query_selector("[data-node='1']").unwrap().unwrap();
    assert!(node.get_attribute("class").unwrap().contains("crashed"));
    assert!(text(&node).contains("crashed"));
    assert!(node.query_selector(".cross").unwrap().is_some());
    let l = root
        .query_selector(&format!("[data-node='{}']", leader.0))
        .unwrap()
        .unwrap();
    assert!(text(&l).contains("LEADER"), "{}", text(&l));
    assert!(
        l.query_selector(".crown").unwrap().is_some(),
        "a shape, not only a colour"
    );
    assert!(l.query_selector(".lease-ring").unwrap().is_some());
    assert!(text(&root).contains("LEASE STORE"));
    assert!(text(&root).contains("highest token 33"));
}

/// A message in flight can be clicked to hold it, in this run's picture; the compare
/// view's twin draws its messages without offering them (they are the twin's own).
#[wasm_bindgen_test]
async fn messages_are_offered_for_holding_only_where_a_click_can_hold_them() {
    let mut ms = 3000;
    let sim = loop {
        let sim = sim_at("gc-pause-zombie", ms, &[], true);
        if !Snapshot::of(&sim).messages.is_empty() {
            break sim;
        }
        ms += 7;
        assert!(ms < 6000, "no message in flight between 3 and 6 s");
    };
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    let offered = all(&root, ".msg.clickable");
    assert!(!offered.is_empty(), "a message in flight at {ms} ms");
    assert!(
        text(&offered[0]).contains("click to hold it"),
        "{}",
        text(&offered[0])
    );
    let mut twin = cluster_props(Snapshot::of(&sim));
    twin.holds_messages = false;
    let root = render::<Cluster>(twin).await;
    assert!(
        !all(&root, ".msg").is_empty(),
        "the twin still draws its messages"
    );
    assert!(all(&root, ".msg.clickable").is_empty());
    assert!(
        all(&root, ".msg title, .msg .hit").is_empty(),
        "no tip, no click area"
    );
}

#[wasm_bindgen_test]
async fn the_wall_appears_when_the_network_is_split() {
    let sim = sim_at("gc-pause-zombie", 3000, &[], true);
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    assert!(root.query_selector(".wall").unwrap().is_none());
    let split = Command::Partition(PartitionArgs {
        side_b: vec![ActorRef::Node(NodeRef::Id(NodeId(3))), ActorRef::Lease],
        both: vec![ActorRef::Storage],
    });
    let sim = sim_at("gc-pause-zombie", 4200, &[(4000, split)], true);
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    let wall = root.query_selector(".wall").unwrap().expect("a wall");
    assert!(text(&wall).contains("PARTITION"));
    assert!(text(&wall).contains("side A") && text(&wall).contains("side B"));
}

#[wasm_bindgen_test]
async fn messages_in_flight_are_drawn_writes_with_their_labels_heartbeats_as_dots() {
    // Find a moment with a write three quarters along its link (clear of its sender's words
    // and of the nodes it passes).
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.config.fencing = true;
    let mut sim = Sim::new(&s);
    let mut t = 2000;
    let write = loop {
        sim.run_until(SimTime::from_ms(t));
        let now = sim.now().0;
        let w = sim.in_flight().find(|m| {
            matches!(m.msg, fencing_sim::msg::Msg::Write { .. })
                && now >= m.sent_at.0 + (m.deliver_at.0 - m.sent_at.0) * 3 / 4
        });
        if let Some(w) = w {
            // The picture names a write by its token ("token 33"); the log says "write token 33".
            break w.msg.label().trim_start_matches("write ").to_string();
        }
        t += 1;
    };
    let snap = Snapshot::of(&sim);
    let in_flight = snap.messages.len();
    let root = render::<Cluster>(cluster_props(snap)).await;
    assert_eq!(
        all(&root, ".msg").len(),
        in_flight,
        "every message is drawn"
    );
    assert!(text(&root).contains(&write), "{write}");
    for hb in all(&root, ".msg.fam-heartbeat") {
        assert!(
            all(&hb, "text").is_empty(),
            "heartbeats and acks are dots only"
        );
    }
}

#[wasm_bindgen_test]
async fn a_rejected_write_shows_its_reason() {
    let sim = sim_at("gc-pause-zombie", 20_000, &[], true);
    let props = yew::props!(StoragePanelProps {
        storage: Rc::new(Snapshot::of(&sim).storage),
    });
    let root = render::<StoragePanel>(props).await;
    let rows = all(&root, "tr.write.rejected");
    assert_eq!(rows.len(), 1);
    let row = text(&rows[0]);
    assert!(row.contains("rejected: token 33 < 34"), "{row}");
    assert!(row.contains("⊘"), "an icon as well as a colour");
    assert!(all(&root, "tr.write.stale").is_empty());
}

#[wasm_bindgen_test]
async fn while_a_question_asks_the_table_the_log_and_the_zombie_mark_hold_the_why() {
    // stale-before-new-write's question 2 asks why the write through the gap was taken: the
    // table's and the log's "the storage had not seen it" would answer it.
    let sim = sim_at("stale-before-new-write", 16_600, &[], true);
    let snap = Snapshot::of(&sim);
    let root = render::<StoragePanel>(yew::props!(StoragePanelProps {
        storage: Rc::new(snap.storage.clone()),
        asking: true,
    }))
    .await;
    let rows = all(&root, "tr.write.superseded");
    assert_eq!(rows.len(), 1);
    let row = text(&rows[0]);
    assert!(row.contains("taken (why: once you answer)"), "{row}");
    assert!(!row.contains("had not seen"), "{row}");
    let mut lab = Lab::with_scenario(builtin("stale-before-new-write").unwrap());
    lab.teaching.quiz.set_on(false);
    lab.apply(Action::JumpTo(SimTime::from_ms(16_600)));
    let log = render::<EventLog>(yew::props!(EventLogProps {
        events: lab.run.events.clone(),
        asking: true,
    }))
    .await;
    let words = text(&log);
    assert!(
        words.contains("storage takes n3's write with token 33 (why: once you answer)"),
        "{words}"
    );
    assert!(!words.contains("had not seen"), "{words}");
    // The storage's callout and the zombie's words say what was done, not why.
    let mut props = cluster_props(snap.clone());
    props.asking = true;
    let root = render::<Cluster>(props).await;
    let callout = text(&all(&root, ".verdict-callout")[0]);
    assert!(
        callout.contains("⋯ taken") && callout.contains("n3's token 33"),
        "{callout}"
    );
    assert!(!callout.contains("gap"), "{callout}");
    let words = text(&all(&root, ".node.zombie")[0]);
    assert!(words.contains("its write was taken"), "{words}");
    // The zombie's mark keeps its term, not the comparison that reads like a verdict.
    let sim = sim_at("gc-pause-zombie", 12_000, &[], true);
    let mut props = cluster_props(Snapshot::of(&sim));
    props.asking = true;
    let root = render::<Cluster>(props).await;
    let words = text(&all(&root, ".node.zombie")[0]);
    assert!(words.contains("ZOMBIE: term 33"), "{words}");
    assert!(!words.contains("< 34"), "{words}");
}

#[wasm_bindgen_test]
async fn a_write_through_the_fencing_gap_says_why_in_the_table_and_the_findings() {
    let sim = sim_at("stale-before-new-write", 20_000, &[], true);
    let snap = Snapshot::of(&sim);
    let props = yew::props!(StoragePanelProps {
        storage: Rc::new(snap.storage.clone()),
    });
    let root = render::<StoragePanel>(props).await;
    let rows = all(&root, "tr.write.superseded");
    assert_eq!(rows.len(), 1);
    let row = text(&rows[0]);
    assert!(
        row.contains("term 34 was already granted; the storage had not seen it"),
        "{row}"
    );
    assert!(row.contains('↯'), "an icon as well as a colour");
    assert!(text(&root).contains("↯ 1 through the gap"));
    let strip = render_html(findings_strip(FindingsProps {
        findings: snap.findings.clone(),
        now_text: "20 s".into(),
        on_action: Callback::noop(),
        label: None,
        interactive: true,
        asking: false,
    }))
    .await;
    let gap = strip
        .query_selector("[data-finding='superseded']")
        .unwrap()
        .unwrap();
    assert_eq!(text(&gap), "↯ 1 write through the gap");
    // With a question open, the counts are held: one chip says so, none counts.
    let asking = render_html(findings_strip(FindingsProps {
        findings: snap.findings.clone(),
        now_text: "20 s".into(),
        on_action: Callback::noop(),
        label: None,
        interactive: true,
        asking: true,
    }))
    .await;
    assert!(asking
        .query_selector("[data-finding='superseded']")
        .unwrap()
        .is_none());
    assert!(
        text(&asking).contains("the counts return when you answer"),
        "{}",
        text(&asking)
    );
    assert!(gap.class_name().split_whitespace().any(|c| c == "warn"));
    assert_eq!(gap.tag_name(), "BUTTON", "it leads to its moment");
    assert!(
        text(&strip).contains("no safety violation"),
        "a finding, not a violation"
    );
}

#[wasm_bindgen_test]
async fn without_fencing_the_stale_write_is_marked_as_corruption() {
    let sim = sim_at("gc-pause-zombie", 20_000, &[], false);
    let props = yew::props!(StoragePanelProps {
        storage: Rc::new(Snapshot::of(&sim).storage),
    });
    let root = render::<StoragePanel>(props).await;
    let rows = all(&root, "tr.write.stale");
    assert_eq!(rows.len(), 1);
    let row = text(&rows[0]);
    assert!(
        row.contains("ACCEPTED stale token 33 (fencing off; it had seen 34)"),
        "{row}"
    );
    assert!(row.contains("data corrupted"), "{row}");
    assert!(text(&root).contains("fencing OFF"));
}

#[wasm_bindgen_test]
async fn the_storage_table_shows_the_newest_rows_it_is_given() {
    let sim = sim_at("gc-pause-zombie", 40_000, &[], true);
    let storage = Rc::new(Snapshot::of(&sim).storage);
    assert!(storage.recent.len() > 20, "enough writes to cut");
    let root = render::<StoragePanel>(yew::props!(StoragePanelProps {
        storage: storage.clone(),
        rows: 5,
    }))
    .await;
    let rows = all(&root, "tbody:not(.pinned) tr.write");
    assert_eq!(rows.len(), 5);
    // The rejection of 18.9 s is no longer among the newest: it stays pinned above them.
    let pinned = all(&root, "tbody.pinned tr.write.rejected");
    assert_eq!(pinned.len(), 1);
    assert!(text(&pinned[0]).contains("token 33 < 34"));
    let newest = storage.recent.last().unwrap();
    assert!(rows[0].get_attribute("class").unwrap().contains("newest"));
    assert!(
        text(&rows[0]).starts_with(&fencing_model::describe::stamp(newest.at)),
        "newest first: {}",
        text(&rows[0])
    );
    assert!(!rows[1].get_attribute("class").unwrap().contains("newest"));

    // Right after a jump it draws fewer rows at first; what is pinned does not change.
    let first = render::<StoragePanel>(yew::props!(StoragePanelProps {
        storage: storage.clone(),
        rows: 5,
        draw: 2,
    }))
    .await;
    let drawn = all(&first, "tbody:not(.pinned) tr.write");
    assert_eq!(drawn.len(), 2);
    assert_eq!(text(&drawn[0]), text(&rows[0]));
    assert_eq!(all(&first, "tbody.pinned tr.write").len(), 1);
    let many = render::<StoragePanel>(yew::props!(StoragePanelProps {
        storage: storage.clone(),
        rows: storage.recent.len(),
        draw: 2,
    }))
    .await;
    assert!(
        all(&many, "tbody.pinned tr.write").is_empty(),
        "the rejection is among the rows shown, drawn or not yet: not pinned"
    );

    // Above 5× the table refreshes a few times a second: no arrival highlight then.
    let fast = render::<StoragePanel>(yew::props!(StoragePanelProps {
        storage,
        rows: 5,
        highlight: false,
    }))
    .await;
    assert_eq!(all(&fast, "tbody:not(.pinned) tr.write").len(), 5);
    assert!(all(&fast, "tr.newest").is_empty());
}

#[wasm_bindgen_test]
async fn the_event_log_shows_the_rows_it_is_given() {
    let mut lab = Lab::new();
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
    lab.apply(Action::Play);
    for _ in 0..4 {
        lab.apply(Action::Tick(100.0));
    }
    let full = render::<EventLog>(yew::props!(EventLogProps {
        events: lab.run.events.clone(),
    }))
    .await;
    let all_rows = all(&full, "li.ev").len();
    assert!(all_rows > 7, "{all_rows} rows");
    let root = render::<EventLog>(yew::props!(EventLogProps {
        events: lab.run.events.clone(),
        rows: 7,
    }))
    .await;
    let rows = all(&root, "li.ev");
    assert_eq!(rows.len(), 7);
    assert_eq!(
        text(&rows[0]),
        text(&all(&full, "li.ev")[0]),
        "the newest row first"
    );
}

#[wasm_bindgen_test]
async fn the_diagram_marks_each_dropped_message_with_a_cross() {
    let mut lab = Lab::with_scenario(builtin("partitioned-leader").unwrap());
    lab.apply(Action::ToggleQuestions); // about the diagram, not the lesson
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
    lab.apply(Action::Play);
    while lab.now() < SimTime::from_ms(12_000) && lab.run.playing {
        lab.apply(Action::Tick(100.0));
    }
    let root = render::<Diagram>(DiagramProps {
        snapshot: lab.run.snapshot.clone(),
        events: lab.run.events.clone(),
    })
    .await;
    let d = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .and_then(|p| p.get_attribute("d"))
            .unwrap_or_default()
    };
    let dropped = d("path.arrows.dropped").matches('M').count();
    assert!(dropped > 0, "the partition drops messages");
    // Each cross is one path segment of two strokes ("M…l…m…l…").
    assert_eq!(d("path.drop-crosses").matches('M').count(), dropped);
}

#[wasm_bindgen_test]
async fn the_findings_strip_says_split_brain_in_words() {
    let sim = sim_at("gc-pause-zombie", 15_000, &[], true);
    let f = Snapshot::of(&sim).findings;
    assert!(f.split_brain_now);
    let root = render_html(findings_strip(FindingsProps {
        findings: f,
        now_text: "15 s".into(),
        on_action: Callback::noop(),
        label: None,
        interactive: true,
        asking: false,
    }))
    .await;
    let split = root
        .query_selector("[data-finding='split-brain']")
        .unwrap()
        .unwrap();
    assert!(text(&split).contains("split brain now"), "{}", text(&split));
    assert!(text(&root).contains("no safety violation"));
}

/// A lab played at 1× in 100 ms frames to `ms`, its narration rendered.
async fn narration_at(lab: &mut Lab, ms: u64) -> Element {
    let one = SPEEDS.iter().position(|s| *s == 1.0).unwrap();
    lab.apply(Action::SetSpeed(one));
    while lab.now() < SimTime::from_ms(ms) {
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
        lab.apply(Action::Tick(100.0));
    }
    render::<NarrationPanel>(yew::props!(NarrationProps {
        title: lab.teaching.written.title.clone(),
        view: Rc::new(lab.narration(&lab.run.events)),
    }))
    .await
}

/// Compare mode: the twin's strip is labelled with what differs, and its chips are words,
/// not buttons (its moments are the twin's, not this run's).
#[wasm_bindgen_test]
async fn the_twins_findings_strip_is_labelled_and_goes_nowhere() {
    let sim = sim_at("gc-pause-zombie", 20_000, &[], false);
    let f = Snapshot::of(&sim).findings;
    assert_eq!(f.stale_accepted, 1);
    let root = render_html(findings_strip(FindingsProps {
        findings: f,
        now_text: "20 s".into(),
        on_action: Callback::noop(),
        label: Some("Twin, fencing OFF".into()),
        asking: false,
        interactive: false,
    }))
    .await;
    let all = text(&root);
    assert!(all.starts_with("Twin, fencing OFF"), "{all}");
    assert!(all.contains("1 stale write taken"), "{all}");
    assert_eq!(root.query_selector_all("button").unwrap().length(), 0);
    assert!(!all.contains('◷'), "one clock: the first strip's");
}

#[wasm_bindgen_test]
async fn the_narration_shows_the_lines_whose_moment_has_come() {
    let mut lab = Lab::new();
    let root = narration_at(&mut lab, 9_500).await;
    assert!(all(&root, "li.departed").is_empty() && all(&root, "li.live").is_empty());
    let items = all(&root, "li");
    assert_eq!(
        items.len(),
        4,
        "lines at 0 and 4 s, the pause armed at 6 s and taken at 6.8 s"
    );
    let current = all(&root, "li.current");
    assert_eq!(current.len(), 1);
    assert!(text(&current[0]).contains("froze"), "{}", text(&current[0]));
    assert_eq!(
        current[0].get_attribute("aria-current").as_deref(),
        Some("step")
    );
    assert!(text(&root).contains("more to come"));
}

/// The narration's lines are keyed: when a new live line comes and the oldest live one
/// leaves (the commentary keeps the latest few), the lines still shown stay the same
/// elements, so a refresh redraws only what changed.
#[wasm_bindgen_test]
async fn narration_lines_still_shown_stay_the_same_elements() {
    use fencing_model::narration::{Line, LineKind, NarrationView};
    let line = |s: u64, kind, text: &str| Line {
        at: SimTime::from_ms(s * 1000),
        kind,
        text: text.to_string(),
    };
    // The script up to where the run left it, then live lines from `first` to `last` s.
    let view = |first: u64, last: u64| {
        let mut lines = vec![
            line(0, LineKind::Scripted, "the script begins"),
            line(4, LineKind::Departed, "you changed this run"),
        ];
        lines.extend(
            (first..=last).map(|s| line(s, LineKind::Live, &format!("live line at {s} s"))),
        );
        lines.push(line(last, LineKind::Now, "n4 is frozen"));
        Rc::new(NarrationView { lines, upcoming: 0 })
    };
    let props = |first, last| {
        yew::props!(NarrationProps {
            title: "t".to_string(),
            view: view(first, last)
        })
    };
    let root = mount_point();
    let mut app =
        yew::Renderer::<NarrationPanel>::with_root_and_props(root.clone(), props(5, 12)).render();
    settle().await;
    let before = all(&root, "li");
    let before_texts: Vec<String> = before.iter().map(text).collect();
    assert_eq!(before.len(), 11);
    app.update(props(6, 13));
    settle().await;
    let after = all(&root, "li");
    assert_eq!(after.len(), 11);
    assert!(
        text(&after[1]).ends_with("live line at 13 s"),
        "{}",
        text(&after[1])
    );
    for (old, was) in before.iter().zip(&before_texts) {
        match after.iter().find(|n| text(n) == *was) {
            Some(new) => assert!(old.is_same_node(Some(new)), "redrawn: {was}"),
            None => assert!(
                was.ends_with("live line at 5 s") || was.ends_with("n4 is frozen"),
                "lost: {was}"
            ),
        }
    }
    // What holds now is the same line, its time moved on.
    assert!(before[0].is_same_node(Some(&after[0])));
    assert!(text(&after[0]).starts_with("13.0 s"), "{}", text(&after[0]));
}

#[wasm_bindgen_test]
async fn the_narration_says_where_the_run_left_its_script_and_follows_it_live() {
    let mut lab = Lab::new();
    let _ = narration_at(&mut lab, 15_000).await;
    lab.apply(Action::ToggleFencing);
    let root = narration_at(&mut lab, 20_000).await;
    let note = all(&root, "li.departed");
    assert_eq!(note.len(), 1);
    assert!(
        text(&note[0]).contains("you switched fencing off"),
        "{}",
        text(&note[0])
    );
    assert!(
        text(&note[0]).contains("off script"),
        "said in words, not only by colour"
    );
    let live = all(&root, "li.live");
    assert!(
        live.iter().any(|l| text(l).contains("STALE")),
        "the stale write is told as it happened"
    );
    assert!(
        !text(&root).contains("refuses it"),
        "the scripted refusal is not told"
    );
    assert!(!text(&root).contains("more to come"));
}

#[wasm_bindgen_test]
async fn the_event_log_filters_by_category() {
    let mut lab = Lab::new();
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
    lab.apply(Action::Play);
    for _ in 0..4 {
        lab.apply(Action::Tick(100.0));
    }
    let root = render::<EventLog>(yew::props!(EventLogProps {
        events: lab.run.events.clone(),
    }))
    .await;
    assert!(
        all(&root, "li.cat-message").is_empty(),
        "messages start hidden"
    );
    assert!(!all(&root, "li.cat-lease").is_empty());
    let messages: HtmlElement = root
        .query_selector("input[data-cat='message']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    messages.click();
    settle().await;
    assert!(!all(&root, "li.cat-message").is_empty());
    let lease: HtmlElement = root
        .query_selector("input[data-cat='lease']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    lease.click();
    settle().await;
    assert!(all(&root, "li.cat-lease").is_empty());
}

#[wasm_bindgen_test]
async fn the_diagram_draws_lanes_arrows_the_pause_and_the_rejection() {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions); // about the diagram, not the lesson
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
    lab.apply(Action::Play);
    while lab.now() < SimTime::from_ms(19_500) {
        lab.apply(Action::Tick(100.0));
    }
    let root = render::<Diagram>(DiagramProps {
        snapshot: lab.run.snapshot.clone(),
        events: lab.run.events.clone(),
    })
    .await;
    assert_eq!(all(&root, ".lane").len(), 5 + 2);
    let heartbeats = root
        .query_selector("path.arrows.fam-heartbeat")
        .unwrap()
        .expect("heartbeat arrows")
        .get_attribute("d")
        .unwrap();
    assert!(
        heartbeats.matches('M').count() > 20,
        "one segment per message"
    );
    let writes = all(&root, ".arrow-label");
    assert!(writes.iter().any(|w| text(w) == "write token 34"));
    assert!(
        writes.iter().any(|w| text(w) == "write token 33"),
        "the zombie's write"
    );
    assert!(!all(&root, ".d-pause").is_empty(), "the zombie's pause");
    assert!(!all(&root, ".d-leader").is_empty());
    let flags = all(&root, ".flag.rejected");
    assert_eq!(flags.len(), 1);
    assert!(text(&flags[0]).contains("33 < 34"));
    assert!(!all(&root, ".d-split").is_empty(), "split brain marked");
}

fn key(k: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(k);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    gloo_utils::document().dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn the_app_answers_the_keyboard() {
    let root = render::<App>(()).await;
    yew::platform::time::sleep(Duration::from_millis(200)).await;
    assert!(text(&root).contains("Fencing Lab"));
    // The panels below the fold come a frame after the first render.
    assert!(
        root.query_selector(".below .log").unwrap().is_some(),
        "the log is drawn after the first frame"
    );
    key("?", true);
    settle().await;
    let overlay = root
        .query_selector(".overlay")
        .unwrap()
        .expect("the shortcut list");
    assert!(text(&overlay).contains("play / stop"));
    key("Escape", false);
    settle().await;
    assert!(root.query_selector(".overlay").unwrap().is_none());
    key("f", false);
    settle().await;
    assert!(text(&root).contains("Fencing: off"));
    key("m", false);
    settle().await;
    assert!(root.query_selector(".lab.presentation").unwrap().is_some());
    key("2", false);
    key("c", false);
    settle().await;
    let node = root.query_selector("[data-node='2']").unwrap().unwrap();
    assert!(text(&node).contains("crashed"));
    key(" ", false);
    yew::platform::time::sleep(Duration::from_millis(300)).await;
    let play = root.query_selector(".btn.play").unwrap().unwrap();
    assert!(
        text(&play).contains("Stop"),
        "playing: the button offers Stop"
    );
    key(" ", false);
    settle().await;
}

/// The `?` overlay is modal: Tab keeps the focus on its close button, and closing it gives
/// the focus back to the control that had it.
#[wasm_bindgen_test]
async fn the_shortcuts_overlay_keeps_the_focus_and_gives_it_back() {
    use fencing_lab::ui::components::help::{HelpOverlay, HelpProps};
    let document = gloo_utils::document();
    let opener: HtmlElement = document
        .create_element("button")
        .unwrap()
        .dyn_into()
        .unwrap();
    document.body().unwrap().append_child(&opener).unwrap();
    opener.focus().unwrap();
    let host = mount_point();
    let open = yew::Renderer::<HelpOverlay>::with_root_and_props(
        host.clone(),
        HelpProps {
            on_close: Callback::noop(),
        },
    )
    .render();
    settle().await;
    let close = host.query_selector(".overlay button").unwrap().unwrap();
    let focused = || document.active_element();
    assert_eq!(
        focused().as_ref(),
        Some(&close),
        "the dialog takes the focus"
    );
    for shift in [false, true] {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Tab");
        init.set_shift_key(shift);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let e =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        close.dispatch_event(&e).unwrap();
        assert!(
            e.default_prevented(),
            "Tab (shift {shift}) stays in the dialog"
        );
        assert_eq!(focused().as_ref(), Some(&close));
    }
    open.destroy();
    settle().await;
    let opener_el: &Element = opener.as_ref();
    assert_eq!(focused().as_ref(), Some(opener_el), "the focus goes back");
    opener.remove();
}

#[wasm_bindgen_test]
async fn the_frozen_leader_is_marked_a_zombie_and_then_its_rejected_write_stays_in_view() {
    // 12 s: n4 frozen as leader of term 33, the lease store has granted 34.
    let sim = sim_at("gc-pause-zombie", 12_000, &[], true);
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    let zombies = all(&root, ".node.zombie");
    assert_eq!(zombies.len(), 1);
    assert_eq!(zombies[0].get_attribute("data-node").as_deref(), Some("4"));
    let words = text(&zombies[0]);
    assert!(words.contains("ZOMBIE: term 33 < 34"), "{words}");
    assert!(words.contains("frozen, thinks it LEADS"), "{words}");
    assert!(all(&root, ".verdict-callout").is_empty(), "no verdict yet");
    // 20 s: its write was rejected; the box keeps the verdict, the mark says so.
    let sim = sim_at("gc-pause-zombie", 20_000, &[], true);
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    let callout = all(&root, ".verdict-callout.rejected");
    assert_eq!(callout.len(), 1);
    assert_eq!(text(&callout[0]), "⊘ rejectedn4's token 33 < 34");
    let words = text(&all(&root, ".node.zombie")[0]);
    assert!(words.contains("refused: token 33 < 34"), "{words}");
}

#[wasm_bindgen_test]
async fn the_selected_nodes_actions_say_what_it_is_and_offer_what_it_can_do() {
    use fencing_lab::ui::components::node_actions::{NodeActions, NodeActionsProps};
    let sim = sim_at("gc-pause-zombie", 12_000, &[], true);
    let snap = Snapshot::of(&sim);
    let node = fencing_model::derived::NodeBrief::of(&snap)[4].clone();
    let root = render::<NodeActions>(yew::props!(NodeActionsProps {
        node,
        pause_secs: 8,
        drift_bound_ppm: 1000,
        place: fencing_model::page::ActionsAt::Over {
            left: 150.0,
            top: 150.0
        },
        on_action: Callback::noop(),
    }))
    .await;
    let head = text(&all(&root, "h3")[0]);
    assert!(head.starts_with("n4 leader · term 33"), "{head}");
    assert!(head.contains("paused"), "{head}");
    let button = |label: &str| {
        all(&root, "button")
            .into_iter()
            .find(|b| text(b).contains(label))
            .unwrap_or_else(|| panic!("no {label} button"))
    };
    // Paused: it can be resumed, and crashed; it cannot be restarted.
    assert!(!button("Resume").has_attribute("disabled"));
    assert!(!button("Crash").has_attribute("disabled"));
    assert!(button("Restart").has_attribute("disabled"));
    assert!(button("worst moment")
        .get_attribute("aria-keyshortcuts")
        .is_some());
    // The clock in words; its percentage of true time in the tooltip; no warning.
    let clock = all(&root, ".clock-rate")[0].clone();
    assert!(
        text(&clock).contains("Clock of n4: keeps true time"),
        "{}",
        text(&clock)
    );
    let label = all(&root, ".clock-rate label")[0].clone();
    assert_eq!(label.get_attribute("title").unwrap(), "100% of true time");
    assert!(all(&root, ".clock-warning").is_empty());
}

#[wasm_bindgen_test]
async fn a_clock_beyond_the_drift_bound_says_the_leases_safety_is_broken() {
    use fencing_lab::ui::components::clock_rate::{ClockRate, ClockRateProps};
    let render_at = |ppm: i64| {
        render::<ClockRate>(yew::props!(ClockRateProps {
            node: NodeId(2),
            ppm,
            drift_bound_ppm: 1000,
            on_action: Callback::noop(),
        }))
    };
    let root = render_at(-50_000).await;
    let slider = all(&root, "input[type=range]")[0].clone();
    assert_eq!(slider.get_attribute("min").as_deref(), Some("-17"));
    assert_eq!(slider.get_attribute("max").as_deref(), Some("17"));
    let words = text(&all(&root, ".clock-rate label")[0]);
    assert!(
        words.contains("Clock of n2: runs 5% slow (−50,000 ppm)"),
        "{words}"
    );
    let warning = all(&root, ".clock-warning");
    assert_eq!(warning.len(), 1);
    assert!(text(&warning[0]).contains("the lease's safety assumption is broken"));
    assert_eq!(
        slider.get_attribute("aria-describedby"),
        warning[0].get_attribute("id")
    );
    // Within the bound: the exact rate, no warning.
    let root = render_at(500).await;
    assert!(text(&all(&root, ".clock-rate label")[0]).contains("runs 0.05% fast (+500 ppm)"));
    assert!(all(&root, ".clock-warning").is_empty());
}

#[wasm_bindgen_test]
async fn followers_say_they_refused_the_old_term_and_how_far_behind_they_are() {
    // Just after the zombie woke: its heartbeats of term 33 were refused.
    let sim = sim_at("gc-pause-zombie", 19_200, &[], true);
    let snap = Snapshot::of(&sim);
    assert!(snap.findings.old_term_refused >= 4);
    let root = render::<Cluster>(cluster_props(snap)).await;
    let refusals = all(&root, ".node .refusal-text");
    assert!(
        refusals.len() >= 4,
        "each follower says so: {}",
        refusals.len()
    );
    assert_eq!(text(&refusals[0]), "refused term 33 < 34");
    // Leader and followers at 22 s: n4's link is slow, so it lags; the leader says what a
    // majority holds.
    let sim = sim_at("leader-and-followers", 22_300, &[], true);
    let root = render::<Cluster>(cluster_props(Snapshot::of(&sim))).await;
    let node = |i: u8| {
        let el = all(&root, &format!(".node[data-node='{i}']"));
        text(&el[0])
    };
    assert!(node(2).contains("majority holds "), "{}", node(2));
    assert!(node(4).contains(" behind"), "{}", node(4));
    assert!(
        node(0).contains("up to date") || node(0).contains("1 behind"),
        "{}",
        node(0)
    );
}

/// A lab that has just won "corrupt with one pause", as a student would.
fn lab_that_won() -> Lab {
    let mut lab = Lab::new();
    lab.apply(Action::StartChallenge("corrupt-with-one-pause".into()));
    lab.apply(Action::SetSpeed(
        SPEEDS.iter().position(|s| *s == 10.0).unwrap(),
    ));
    lab.apply(Action::Play);
    while lab.current_leader().is_none() {
        lab.apply(Action::Tick(100.0));
    }
    lab.apply(Action::SelectLeader);
    lab.apply(Action::SetPauseSecs(10));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: true,
            until_resumed: false,
        },
    });
    lab.apply(Action::Play);
    while lab
        .teaching
        .challenge
        .as_ref()
        .is_some_and(|a| a.won.is_none())
        && lab.now() < SimTime::from_ms(60_000)
    {
        lab.apply(Action::Tick(100.0));
    }
    lab
}

#[wasm_bindgen_test]
async fn the_challenge_card_says_the_goal_the_progress_the_hint_and_then_the_success() {
    use fencing_lab::ui::components::challenge_card::{ChallengeCard, ChallengeProps};
    let mut lab = Lab::new();
    lab.apply(Action::StartChallenge("five-leaders".into()));
    lab.apply(Action::ShowHint);
    let props = yew::props!(ChallengeProps {
        active: Rc::new(lab.teaching.challenge.clone().unwrap()),
        link: None,
        on_action: Callback::noop(),
        on_copy: Callback::noop(),
    });
    let root = render::<ChallengeCard>(props).await;
    let t = text(&root);
    assert!(t.contains("Elect five leaders in 30 s"), "{t}");
    assert!(
        t.contains("So far: terms granted within 30 s: 0 of 5"),
        "{t}"
    );
    assert!(t.contains("Hint: A new term is granted"), "{t}");
    assert!(all(&root, ".success").is_empty());

    let lab = lab_that_won();
    let a = lab.teaching.challenge.clone().unwrap();
    let link = format!("http://example.test/#{}", a.won.as_ref().unwrap().link);
    let props = yew::props!(ChallengeProps {
        active: Rc::new(a),
        link: Some(link.clone()),
        on_action: Callback::noop(),
        on_copy: Callback::noop(),
    });
    let root = render::<ChallengeCard>(props).await;
    let success = root
        .query_selector(".success")
        .unwrap()
        .expect("the success");
    let t = text(&success);
    assert!(t.contains("✓ Done at"), "{t}");
    assert!(
        t.contains(
            "stale write: ACCEPTED stale token 33 (fencing off; it had seen 34), with one pause"
        ),
        "{t}"
    );
    assert!(
        t.contains("Next: An old write, a new term, and no new write yet"),
        "{t}"
    );
    let input: web_sys::HtmlInputElement = success
        .query_selector("input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(input.value(), link);
    let active = gloo_utils::document().active_element().unwrap();
    assert!(
        active.is_same_node(Some(&success)),
        "the success takes the focus"
    );

    // Lost: the one pause spent on a plain 8 s pause. The card says so and why, and leads
    // with Try again, which takes the focus.
    let mut lab = Lab::new();
    lab.apply(Action::StartChallenge("corrupt-with-one-pause".into()));
    lab.apply(Action::JumpTo(SimTime::from_ms(5000)));
    lab.apply(Action::SelectLeader);
    lab.apply(Action::SetPauseSecs(8));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: false,
            until_resumed: false,
        },
    });
    lab.apply(Action::JumpTo(SimTime::from_ms(20_000)));
    let props = yew::props!(ChallengeProps {
        active: Rc::new(lab.teaching.challenge.clone().unwrap()),
        link: None,
        on_action: Callback::noop(),
        on_copy: Callback::noop(),
    });
    let root = render::<ChallengeCard>(props).await;
    let lost = root
        .query_selector(".standing.spoiled")
        .unwrap()
        .expect("lost");
    let t = text(&lost);
    assert!(
        t.contains("This attempt can no longer win.")
            && t.contains("Why: ")
            && t.contains("stepped down without writing"),
        "{t}"
    );
    let again = all(&root, "button.primary");
    assert_eq!(again.len(), 1);
    assert!(text(&again[0]).contains("Try again"));
    let active = gloo_utils::document().active_element().unwrap();
    assert!(
        active.is_same_node(Some(&again[0])),
        "Try again takes the focus"
    );
}

#[wasm_bindgen_test]
async fn the_lesson_path_lists_every_step_with_what_is_done() {
    use fencing_lab::ui::components::path_panel::{PathPanel, PathProps};
    use fencing_model::path;
    let mut progress = fencing_model::progress::Progress::default();
    progress.won("five-leaders", 29_557, "run=v1x".into());
    let props = yew::props!(PathProps {
        chapters: Rc::new(path::view(&progress)),
        done: path::done(&progress),
        current: Some(path::Entry::Challenge("five-leaders")),
        on_action: Callback::noop(),
    });
    let root = render::<PathPanel>(props).await;
    let entries = all(&root, "li.entry");
    assert_eq!(entries.len(), path::entries().count());
    let done = all(&root, "li.entry.done");
    assert_eq!(done.len(), 1);
    let t = text(&done[0]);
    assert!(
        t.contains("Elect five leaders")
            && t.contains("done at 29.557 s")
            && t.contains("open now"),
        "{t}"
    );
    assert!(text(&root).contains(&format!("1 of {} done", entries.len())));
    assert_eq!(all(&root, "[role=dialog][aria-modal=true]").len(), 1);
}

#[wasm_bindgen_test]
async fn the_write_that_settles_a_question_is_marked_in_the_storage_table() {
    let mut lab = Lab::new();
    for _ in 0..4 {
        lab.apply(Action::NextCheckpoint);
    }
    lab.apply(Action::Answer(lab.teaching.quiz.right_answer().unwrap()));
    let proof = lab
        .teaching
        .quiz
        .view()
        .unwrap()
        .reveal
        .unwrap()
        .proof
        .unwrap();
    lab.apply(Action::Play);
    while lab.run.playing {
        lab.apply(Action::Tick(100.0));
    }
    let props = yew::props!(StoragePanelProps {
        storage: Rc::new(lab.run.snapshot.storage.clone()),
        proof: Some(Rc::new(proof)),
    });
    let root = render::<StoragePanel>(props).await;
    let marked = all(&root, "tr.write.proof");
    assert_eq!(marked.len(), 1);
    let t = text(&marked[0]);
    assert!(
        t.contains("token 33 < 34") && t.contains("settles the question"),
        "{t}"
    );
}

#[wasm_bindgen_test]
async fn a_revealed_question_waits_with_continue_and_a_lesson_ends_with_its_next_step() {
    use fencing_lab::ui::components::lesson_end::{LessonEndCard, LessonEndProps};
    use fencing_lab::ui::components::question::{QuestionCard, QuestionProps};
    let mut lab = Lab::new();
    lab.apply(Action::NextCheckpoint);
    let asking = Rc::new(lab.teaching.quiz.view().unwrap());
    let props = |view: Rc<fencing_model::quiz::QuestionView>, playing: bool| {
        yew::props!(QuestionProps {
            view,
            settled: false,
            playing,
            on_action: Callback::noop(),
        })
    };
    let root = render::<QuestionCard>(props(asking, false)).await;
    assert!(
        text(&root).contains("Space or Play, pressed twice, skips it"),
        "{}",
        text(&root)
    );
    assert!(!text(&root).contains("Continue"));
    // Space or Play once: the card says that a second press skips it.
    lab.apply(Action::Play);
    let warned = Rc::new(lab.teaching.quiz.view().unwrap());
    let root = render::<QuestionCard>(props(warned, false)).await;
    let warning = all(&root, ".skip-warning");
    assert_eq!(warning.len(), 1, "{}", text(&root));
    assert!(
        text(&warning[0])
            .contains("Press Space or Play again to skip it: it counts as skipped, not wrong."),
        "{}",
        text(&warning[0])
    );
    assert!(
        !text(&root).contains("Space or Play, pressed twice, skips it"),
        "one message at a time"
    );
    lab.apply(Action::Answer(0));
    let revealed = Rc::new(lab.teaching.quiz.view().unwrap());
    let root = render::<QuestionCard>(props(revealed.clone(), false)).await;
    assert_eq!(all(&root, "button.continue").len(), 1, "{}", text(&root));
    let root = render::<QuestionCard>(props(revealed, true)).await;
    assert_eq!(
        all(&root, "button.continue").len(),
        0,
        "playing on: no Continue"
    );

    let end = fencing_model::lab::LessonEnd {
        title: "A GC pause".into(),
        total: 4,
        answered: 3,
        right: 2,
        skipped: 1,
        shown: 0,
        showed: "The storage compares 33 with 34 and refuses it.".into(),
        next: Some((
            fencing_model::path::Entry::Scenario("gc-pause-no-fencing"),
            "The same GC pause with fencing off".into(),
        )),
        on_path: true,
    };
    let root = render::<LessonEndCard>(yew::props!(LessonEndProps {
        end: end.clone(),
        on_action: Callback::noop(),
    }))
    .await;
    assert!(
        text(&root).contains("1 skipped: not counted as wrong."),
        "{}",
        text(&root)
    );
    assert!(!text(&root).contains("path is done"));
    // The path's last step: no Next, and the card says the path is done.
    let last = render::<LessonEndCard>(yew::props!(LessonEndProps {
        end: fencing_model::lab::LessonEnd { next: None, ..end },
        on_action: Callback::noop(),
    }))
    .await;
    let t = text(&last);
    assert!(
        t.contains("the path is done") && !t.contains("Next:"),
        "{t}"
    );
    let t = text(&root);
    assert!(t.contains("You answered 3 of 4 questions, 2 right."), "{t}");
    assert!(
        t.contains("What it showed: The storage compares 33 with 34"),
        "{t}"
    );
    assert!(
        t.contains("Next: The same GC pause with fencing off ▶"),
        "{t}"
    );
}

/// A lab on `gc-pause-zombie` with fencing off and a search for a stale write started.
fn lab_searching() -> Lab {
    use fencing_model::lab::tools::Search;
    use fencing_model::ExploreAction;
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::ToggleFencing);
    lab.apply(Action::Explore(ExploreAction::Start(Search {
        goal: fencing_sim::explore::Goal::Stale,
        seed: 7,
        budget: 300,
    })));
    lab
}

fn explore_props(lab: &Lab, on_action: Callback<Action>) -> ExploreProps {
    yew::props!(ExploreProps {
        tools: lab.tools.clone(),
        fencing: lab.fencing(),
        barrier: lab.barrier(),
        on_action,
    })
}

/// The actions a component sent, kept.
fn recorder() -> (Rc<std::cell::RefCell<Vec<Action>>>, Callback<Action>) {
    let sent = Rc::new(std::cell::RefCell::new(Vec::new()));
    let keep = sent.clone();
    (sent, Callback::from(move |a| keep.borrow_mut().push(a)))
}

#[wasm_bindgen_test]
async fn the_explorer_panel_shows_the_shrunk_schedule_and_opens_it_through_the_model() {
    use fencing_model::ExploreAction;
    let mut lab = lab_searching();
    while lab.tools.running() {
        lab.apply(Action::Explore(ExploreAction::Work { runs: 50 }));
    }
    let (sent, on_action) = recorder();
    let root = render::<ExplorePanel>(explore_props(&lab, on_action)).await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector(".explore select")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(select.value(), "stale");
    let status = root.query_selector(".explore-status").unwrap().unwrap();
    assert_eq!(
        text(&status),
        format!(
            "found after {} schedules, shrunk to its essence",
            lab.tools.tried()
        )
    );
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert!(root.query_selector("progress").unwrap().is_none());
    let steps = all(&root, ".explore-result .explore-faults li");
    assert_eq!(steps.len(), lab.tools.found().unwrap().faults.len());
    assert!(text(&steps[0]).starts_with("at "), "{}", text(&steps[0]));
    let buttons = all(&root, ".explore-result button");
    assert_eq!(
        buttons.iter().map(text).collect::<Vec<_>>(),
        ["Open it as a run", "Search again (another seed)"]
    );
    buttons[0].dyn_ref::<HtmlElement>().unwrap().click();
    buttons[1].dyn_ref::<HtmlElement>().unwrap().click();
    assert_eq!(
        *sent.borrow(),
        [
            Action::Explore(ExploreAction::Open),
            Action::Explore(ExploreAction::Again)
        ]
    );
}

/// The explorer's actions the panel sent so far, by kind: the worker's updates (on search
/// `search`), the slices asked for, and whether the worker was said to be lost.
fn explore_sent(sent: &std::cell::RefCell<Vec<Action>>, search: u64) -> (usize, Vec<u32>, bool) {
    use fencing_model::ExploreAction;
    let sent = sent.borrow();
    let heard = sent
        .iter()
        .filter(|a| matches!(a, Action::Explore(ExploreAction::Heard { search: s, .. }) if *s == search))
        .count();
    let works = sent
        .iter()
        .filter_map(|a| match a {
            Action::Explore(ExploreAction::Work { runs }) => Some(*runs),
            _ => None,
        })
        .collect();
    let lost = sent.iter().any(
        |a| matches!(a, Action::Explore(ExploreAction::WorkerLost { search: s }) if *s == search),
    );
    (heard, works, lost)
}

/// Waits up to 20 s (in 50 ms steps) for `done`.
async fn wait_for(mut done: impl FnMut() -> bool) {
    for _ in 0..400 {
        if done() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
}

#[wasm_bindgen_test]
async fn a_running_search_goes_to_a_worker_whose_reports_come_back_and_offers_cancel() {
    use fencing_model::ExploreAction;
    let lab = lab_searching();
    let search = lab.tools.started();
    let (sent, on_action) = recorder();
    let root = render::<ExplorePanel>(explore_props(&lab, on_action)).await;
    assert_eq!(
        text(&root.query_selector(".explore-status").unwrap().unwrap()),
        "Starting…"
    );
    // The worker searches to the end (the props here never change, so it is not stopped).
    wait_for(|| {
        sent.borrow().iter().any(|a| {
            matches!(a, Action::Explore(ExploreAction::Heard { update, .. })
                if update.phase == fencing_sim::explore::Phase::Found)
        })
    })
    .await;
    let (heard, works, lost) = explore_sent(&sent, search);
    assert!(
        heard >= 1 && !lost,
        "the worker's updates: {heard}, lost: {lost}"
    );
    assert!(
        works.is_empty(),
        "no slices while a worker searches: {works:?}"
    );
    let cancel = root
        .query_selector(".explore .row button")
        .unwrap()
        .unwrap();
    assert_eq!(text(&cancel), "Cancel");
    cancel.dyn_ref::<HtmlElement>().unwrap().click();
    assert_eq!(
        sent.borrow().last(),
        Some(&Action::Explore(ExploreAction::Cancel))
    );
}

#[wasm_bindgen_test]
async fn where_no_worker_can_start_a_search_gets_a_slice_each_frame() {
    let window = web_sys::window().unwrap();
    let key = wasm_bindgen::JsValue::from_str("Worker");
    let worker = js_sys::Reflect::get(&window, &key).unwrap();
    js_sys::Reflect::set(&window, &key, &wasm_bindgen::JsValue::UNDEFINED).unwrap();
    let lab = lab_searching();
    let search = lab.tools.started();
    let (sent, on_action) = recorder();
    let _root = render::<ExplorePanel>(explore_props(&lab, on_action)).await;
    wait_for(|| explore_sent(&sent, search).1.len() >= 2).await;
    js_sys::Reflect::set(&window, &key, &worker).unwrap();
    let (heard, works, lost) = explore_sent(&sent, search);
    assert!(lost && heard == 0, "the worker was said to be lost: {lost}");
    assert!(works.len() >= 2, "a slice a frame: {works:?}");
    assert_eq!(works[0], 4);
}

#[wasm_bindgen_test]
fn a_browser_error_is_told_in_words() {
    use fencing_lab::ui::io::js_error;
    let e: wasm_bindgen::JsValue = js_sys::Error::new("the quota is full").into();
    assert_eq!(js_error(&e), "Error: the quota is full");
    let dom = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .query_selector("!not a selector")
        .unwrap_err();
    assert!(
        js_error(&dom).starts_with("SyntaxError: "),
        "a DOMException by its name: {}",
        js_error(&dom)
    );
    assert_eq!(
        js_error(&wasm_bindgen::JsValue::from_str("no room")),
        "no room"
    );
    assert_eq!(
        js_error(&wasm_bindgen::JsValue::NULL),
        "the browser gave no reason"
    );
}
