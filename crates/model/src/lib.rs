//! Fencing Lab's app model: everything the page knows and decides, without a browser.
//!
//! Making a lesson in the page (`author`). The run and its time travel (`timeline`), sharing and keeping runs (`share`), the lab's
//! one state and its reducer (`lab`, driven by `action::Action`s), the recent-event window
//! (`event_ring`), the keyboard shortcuts (`keys`), the clock-rate ladder (`clock`), the
//! words for events (`describe`), the cluster picture's geometry (`layout`), the diagram's
//! projection of the trace (`diagram`), and how fast panels refresh while playing fast
//! (`refresh`).
//!
//! It depends on the simulation core and serde only: no web crate (scripts/test checks
//! `cargo tree`), so its tests are plain `cargo test`. The Yew components in the app crate
//! read what it exposes as props and send `Action`s back.

pub mod action;
pub mod author;
pub mod challenge;
pub mod clock;
pub mod derived;
pub mod describe;
pub mod diagram;
pub mod event_ring;
pub mod intent;
pub mod keys;
pub mod lab;
pub mod layout;
pub mod narration;
pub mod pacing;
pub mod page_link;
pub mod path;
pub mod picture;
pub mod progress;
pub mod quiz;
pub mod refresh;
pub mod share;
pub mod timeline;
pub mod voice;
pub mod wall;

pub use action::{Action, ExploreAction, NodeCmd, Outgoing};
pub use event_ring::EventRing;
pub use lab::Lab;
