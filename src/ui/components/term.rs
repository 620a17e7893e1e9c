//! Terms that explain themselves (`fencing_model::glossary`): a term is focusable, names
//! its meaning as its description (`aria-describedby` to the page's one hidden list of
//! meanings, `meanings`), and while it is hovered, focused or tapped the page draws the
//! meaning beside it (`term_tip`, fed by `hooks::use_term_tip`); so do the picture's words
//! (`data-term` on a line, `data-terms` on a node) and an event log's row (`data-tip`).

use fencing_model::glossary::{self, Entry, Piece, GLOSSARY};
use yew::prelude::*;

/// The id of an entry's meaning in the page's list.
pub fn meaning_id(entry: &Entry) -> String {
    format!("term-{}", entry.key)
}

/// `text` as a term that explains itself.
pub fn term(entry: &'static Entry, text: String) -> Html {
    html! {
        <span class="gloss" tabindex="0" data-term={entry.key} aria-describedby={meaning_id(entry)}>{ text }</span>
    }
}

/// A line of text with each term it names explaining itself.
pub fn marked(text: &str) -> Html {
    glossary::marks(text)
        .into_iter()
        .map(|p| match p {
            Piece::Plain(t) => html! { { t } },
            Piece::Term(e, t) => term(e, t),
        })
        .collect()
}

/// The tip of the term hovered or focused (`term_tip`), and every meaning once, hidden,
/// for the terms' `aria-describedby`.
pub fn tip_and_meanings(tip: Option<(AttrValue, [f64; 4])>) -> Html {
    html! { <>{ term_tip(tip) }{ meanings() }</> }
}

/// Every meaning, once, hidden: what the terms' `aria-describedby` read.
fn meanings() -> Html {
    html! {
        <div class="meanings" hidden=true>
            { for GLOSSARY.iter().map(|e| html! { <span id={meaning_id(e)}>{ e.means }</span> }) }
        </div>
    }
}

/// The meaning of the term hovered or focused (`tip`: the meaning or the row's words, and its box on
/// screen: left, top, right, bottom), drawn under it (above it near the screen's foot),
/// kept on screen. Hidden from screen readers: they read the description.
pub fn term_tip(tip: Option<(AttrValue, [f64; 4])>) -> Html {
    let Some((means, [left, top, _right, bottom])) = tip else {
        return Html::default();
    };
    let (w, h) = match crate::ui::io::window_size() {
        (w, h) if w > 0.0 && h > 0.0 => (w, h),
        _ => (1280.0, 720.0),
    };
    const WIDTH: f64 = 300.0;
    let x = left.min(w - WIDTH - 8.0).max(8.0);
    let place = if bottom + 110.0 < h {
        format!("top: {}px", fencing_sim::num::fixed(bottom + 6.0, 0))
    } else {
        format!("bottom: {}px", fencing_sim::num::fixed(h - top + 6.0, 0))
    };
    html! {
        <div class="term-tip" aria-hidden="true" style={format!("left: {}px; {place}; max-width: {}px", fencing_sim::num::fixed(x, 0), fencing_sim::num::fixed(WIDTH, 0))}>
            { means }
        </div>
    }
}
