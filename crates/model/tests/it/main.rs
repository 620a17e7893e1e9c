//! fencing-model's integration tests, one binary (one link on a 2-core machine), a module per
//! subject.

mod author;
mod challenge;
mod challenge_lab;
mod clock;
mod derived;
mod diagram;
mod explore;
mod hold;
mod intent;
mod lab;
mod layout;
mod lease_views;
mod narration;
mod pacing;
mod page_link;
mod path;
mod picture;
mod properties;
mod quiz;
mod replay;
mod share;
mod timeline;
mod voice;
mod wall;
