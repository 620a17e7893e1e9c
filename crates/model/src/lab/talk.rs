//! The talk part of the lab: what it says back (the status line read out by screen readers,
//! the last error, a notice that stays until dismissed) and what it asks the page to do
//! (copy a link, save a file).

use crate::action::{Action, Outgoing};

/// What the lab says back to the person and asks of the page.
#[derive(Clone, Debug, Default)]
pub struct Talk {
    /// Why the last command could not run, for the status line.
    pub error: Option<String>,
    /// What the last action did, read out by screen readers.
    pub status: String,
    /// A message that stays until dismissed: a bad link or a refused file.
    pub notice: Option<String>,
    /// The share link made by the last `MakeShareLink` (a URL fragment body, `run=v2…`).
    pub share_link: Option<String>,
    /// The last request for the page (see `Outgoing`), with its number.
    pub out: Option<(u64, Outgoing)>,
}

impl Talk {
    /// A new run: what was said about the old one put away (a request to the page still
    /// to be carried out stays).
    pub(super) fn restart(&mut self) {
        *self = Talk {
            out: self.out.take(),
            ..Talk::default()
        };
    }

    /// Does `action` if it concerns the talk alone; false if it is not the talk's.
    pub(super) fn apply(&mut self, action: &Action) -> bool {
        match action {
            Action::Notify(m) => self.notice = Some(m.clone()),
            Action::DismissNotice => self.notice = None,
            _ => return false,
        }
        true
    }

    pub(super) fn send(&mut self, o: Outgoing) {
        let n = self.out.as_ref().map_or(1, |o| o.0 + 1);
        self.out = Some((n, o));
    }
}

impl PartialEq for Talk {
    fn eq(&self, other: &Self) -> bool {
        self.error == other.error
            && self.status == other.status
            && self.notice == other.notice
            && self.share_link == other.share_link
            && self.out.as_ref().map(|o| o.0) == other.out.as_ref().map(|o| o.0)
    }
}
