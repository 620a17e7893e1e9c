//! Fencing Lab's app model: everything the page knows and decides, without a browser. It
//! depends on the simulation core and serde only: no web crate (scripts/test checks `cargo
//! tree`), so its tests are plain `cargo test`. The Yew components in the app crate read
//! what it exposes and send `Action`s back.
//!
//! - `lab`: the lab's state as parts (the run, teaching, the view, the talk) and the router
//!   that applies an `Action` to them.
//! - `action`: what a person can do (`Action`) and what the lab asks of the page (`Outgoing`).
//! - `timeline`: a run to travel in (commands, keyframes for seeking, forks).
//! - `event_ring`: the window of recent events the log and the diagram draw from.
//! - `intent`: from what a control asks for to the command that does it.
//! - `keys`: the keyboard shortcuts and the list the `?` overlay shows.
//! - `layout`: where each actor stands in the picture, and the picture's geometry.
//! - `picture`: how messages fly, the words under a node, the zombie's mark, label boxes.
//! - `scene`: the picture laid out for one frame, labels placed where they have room.
//! - `wall`: splitting the network by hand (drag and keyboard) as a state machine.
//! - `diagram`: the space-time diagram's projection of the trace.
//! - `describe`: words for events, times, actors and verdicts.
//! - `derived`: what panels show that is computed from the lab (briefs, chips, drops).
//! - `narration`: the story told at its moments, and where a run departs from it.
//! - `quiz`: a lesson's questions: asked at their moments, answered, revealed, proven.
//! - `challenge`: goals a student reaches with the controls, judged by the run.
//! - `path`: the lesson path, built-in lessons and challenges in teaching order.
//! - `progress`: what a student has done, as kept in the browser.
//! - `theme`: the page's colours (standard or high contrast), a preference kept in the browser.
//! - `author`: making a lesson in the page, its claims proposed from the run.
//! - `pacing`: key events, default speeds, slow motion, findings to jump to.
//! - `clock`: the clock-rate ladder at the controls.
//! - `refresh`: how often parts redraw while playing fast.
//! - `readouts`: what the throttled panels show each frame (log, storage, diagrams, clocks).
//! - `page`: the page's frame for its components (the stage, the twin's table, the status).
//! - `voice`: the run's key events in words for screen readers.
//! - `share`: share links, trace files and imported files.
//! - `page_link`: links for slides (a lesson, a question, a speed, chosen panels).
//! - `worker`: the explorer's search in a Web Worker: the request, its progress, its job.
//! - `welcome`: the first visit's welcome, and when it is shown.
//! - `first_view`: which tools the page shows: what the lesson uses, or all of them.
//! - `glossary`: the lab's words, each explained once, found in a text.

pub mod action;
pub mod author;
pub mod challenge;
pub mod clock;
pub mod derived;
pub mod describe;
pub mod diagram;
pub mod event_ring;
pub mod field;
pub mod first_view;
pub mod glossary;
pub mod intent;
pub mod keys;
pub mod lab;
pub mod layout;
pub mod narration;
pub mod pacing;
pub mod page;
pub mod page_link;
pub mod path;
pub mod picture;
pub mod progress;
pub mod quiz;
pub mod readouts;
pub mod refresh;
pub mod scene;
pub mod share;
pub mod theme;
pub mod timeline;
pub mod voice;
pub mod wall;
pub mod welcome;
pub mod worker;

pub use action::{Action, ExploreAction, NodeCmd, Outgoing};
pub use event_ring::EventRing;
pub use lab::Lab;
