//! The lab's words, each explained once, in one place: what the page shows beside a term
//! when it is hovered, focused or tapped. `find` looks an entry up by its key; `marks`
//! finds the entries named in a line of text (the narration, the welcome, the bar's hint)
//! so the page can make each one explain itself; `CHIP_TERMS` names the entry each
//! findings chip stands for; `named_in` the entries the picture's words name (a node
//! explains them while hovered, focused or tapped). Every term the first view shows has
//! an entry (tested).

/// One explained term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// How the page refers to it (`term-KEY` is the id of its explanation).
    pub key: &'static str,
    /// The words that name it in a text, lower case, longest first.
    pub words: &'static [&'static str],
    /// What it means, in a sentence for someone new to it.
    pub means: &'static str,
}

pub const GLOSSARY: &[Entry] = &[
    Entry {
        key: "leader",
        words: &["leaders", "leader"],
        means: "The one node in charge: it does the work and writes to the storage. The others follow it.",
    },
    Entry {
        key: "follower",
        words: &["followers", "follower"],
        means: "A node that copies the leader's writes and listens for its heartbeats, ready to take over.",
    },
    Entry {
        key: "lease",
        words: &["leases", "lease"],
        means: "Permission to lead for a limited time, given by the lease store. The leader must renew it before it runs out.",
    },
    Entry {
        key: "lease-store",
        words: &["lease store"],
        means: "The service that hands out leases (think etcd or ZooKeeper) and numbers each new one with a higher term.",
    },
    Entry {
        key: "term",
        words: &["terms", "term"],
        means: "The number of a lease: each new grant gets a higher one. Nodes remember the highest term they have seen.",
    },
    Entry {
        key: "token",
        words: &["fencing tokens", "fencing token", "tokens", "token"],
        means: "The term a leader was granted, sent with each of its writes. Here the token is the term: 33 means term 33.",
    },
    Entry {
        key: "storage",
        words: &["storage"],
        means: "The database the leader writes to. With fencing on it remembers the highest token it has taken.",
    },
    Entry {
        key: "fencing",
        words: &["fencing"],
        means: "The storage refuses any write whose token is lower than one it has already taken, so an old leader cannot overwrite a newer one.",
    },
    Entry {
        key: "barrier",
        words: &["barrier"],
        means: "A new leader's first write: just its token, no data, so the storage learns the new term before any old write can arrive.",
    },
    Entry {
        key: "rejected",
        words: &["rejected"],
        means: "A write the storage turned down because its token was lower than the highest it had taken: fencing at work.",
    },
    Entry {
        key: "refused",
        words: &["refused"],
        means: "A message a node ignored because it carried an older term than the one the node follows.",
    },
    Entry {
        key: "stale",
        words: &["stale"],
        means: "A write from a leader that has already been replaced. Taken by the storage, it overwrites newer data.",
    },
    Entry {
        key: "gap",
        words: &["through the gap", "fencing gap"],
        means: "A write from a replaced leader that reaches the storage before the new leader's first write: the storage has not seen the higher token yet, so it takes it.",
    },
    Entry {
        key: "split-brain",
        words: &["split brain"],
        means: "Two nodes both believing they lead. Expected after a pause; with fencing it does no harm.",
    },
    Entry {
        key: "violation",
        words: &["safety violation"],
        means: "Something the rules forbid actually happened, such as the storage taking a stale write. The lab's monitor checks every event.",
    },
    Entry {
        key: "wall",
        words: &["wall"],
        means: "A network split: actors on one side cannot reach those on the other. Drag it, or move actors across it.",
    },
    Entry {
        key: "majority",
        words: &["majority"],
        means: "More than half of the nodes. A write a majority holds survives the loss of any minority.",
    },
    Entry {
        key: "heartbeat",
        words: &["heartbeats", "heartbeat"],
        means: "A small regular message from the leader saying it is alive. Followers that stop hearing it start an election.",
    },
    Entry {
        key: "zombie",
        words: &["zombie"],
        means: "An old leader that wakes from a pause still believing it leads, and writes.",
    },
];

/// The entry each findings chip (`derived::finding_chips`, by its key) stands for.
pub const CHIP_TERMS: &[(&str, &str)] = &[
    ("leader", "term"),
    ("split-brain", "split-brain"),
    ("violations", "violation"),
    ("rejected", "rejected"),
    ("stale", "stale"),
    ("superseded", "gap"),
    ("old-term", "refused"),
];

/// The entries the first view's own controls name (the toolbar's switches).
pub const CONTROL_TERMS: &[&str] = &["fencing", "barrier"];

pub fn find(key: &str) -> Option<&'static Entry> {
    GLOSSARY.iter().find(|e| e.key == key)
}

/// The entry a findings chip stands for.
pub fn for_chip(chip_key: &str) -> Option<&'static Entry> {
    CHIP_TERMS
        .iter()
        .find(|(c, _)| *c == chip_key)
        .and_then(|(_, k)| find(k))
}

/// A piece of a text: plain words, or words naming an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Plain(String),
    Term(&'static Entry, String),
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Where `word` (lower case) first stands as whole words in `lower`, from byte `from`.
fn find_word(lower: &str, word: &str, from: usize) -> Option<usize> {
    let mut start = from;
    while let Some(i) = lower[start..].find(word).map(|i| i + start) {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        if !is_word_char(before) && !is_word_char(after) {
            return Some(i);
        }
        start = i + word.len();
    }
    None
}

thread_local! {
    /// The entries, those with longer words first, so "lease store" is taken before
    /// "lease": sorted once, not for every text marked (the picture marks its words every
    /// frame).
    static LONGEST_FIRST: Vec<&'static Entry> = {
        let mut entries: Vec<&'static Entry> = GLOSSARY.iter().collect();
        fencing_sim::order::sort_by_key(&mut entries, |e| {
            std::cmp::Reverse(e.words.iter().map(|w| w.len()).max())
        });
        entries
    };
}

/// Where each entry is first named in `text` (once per text; the longest words win:
/// "lease store" before "lease", "fencing gap" before "fencing"): byte ranges, in the
/// order they stand.
fn spans(text: &str) -> Vec<(usize, usize, &'static Entry)> {
    // ASCII lower case keeps every byte where it was: offsets in `lower` are in `text`.
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, usize, &'static Entry)> = Vec::new();
    LONGEST_FIRST.with(|entries| {
        for &e in entries {
            let free = |i: usize, end: usize, found: &[(usize, usize, &Entry)]| {
                found.iter().all(|(s, t, _)| end <= *s || i >= *t)
            };
            // The entry's earliest mention, by any of its words, where no other term stands.
            let first = e
                .words
                .iter()
                .filter_map(|w| {
                    let mut from = 0;
                    while let Some(i) = find_word(&lower, w, from) {
                        if free(i, i + w.len(), &found) {
                            return Some((i, i + w.len()));
                        }
                        from = i + w.len();
                    }
                    None
                })
                .min();
            if let Some((i, end)) = first {
                found.push((i, end, e));
            }
        }
    });
    fencing_sim::order::sort_by_key(&mut found, |(s, _, _)| *s);
    found
}

/// `text` cut into pieces, each entry marked where it is first named (once per text; the
/// longest words win: "lease store" before "lease", "fencing gap" before "fencing").
pub fn marks(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    for (s, t, e) in spans(text) {
        if s > at {
            out.push(Piece::Plain(text[at..s].to_string()));
        }
        out.push(Piece::Term(e, text[s..t].to_string()));
        at = t;
    }
    if at < text.len() {
        out.push(Piece::Plain(text[at..].to_string()));
    }
    out
}

/// The keys of the entries `text` names, in the order they stand in it (as `marks`
/// marks them).
pub fn keys_named(text: &str) -> Vec<&'static str> {
    spans(text).into_iter().map(|(_, _, e)| e.key).collect()
}

/// The key of the first entry `text` names: what a line of the picture explains.
pub fn first_named(text: &str) -> Option<&'static str> {
    keys_named(text).first().copied()
}

/// The keys of the entries `texts` name, each once, in the order first named, and the ids
/// of their meanings (`term-KEY`), each list space-separated: what a node of the picture
/// explains by its words (its `data-terms` and `aria-describedby`).
pub fn named_in(texts: &[&str]) -> (String, String) {
    described(texts.iter().flat_map(|t| keys_named(t)))
}

/// `keys`, each once in the order first given, and the ids of their meanings
/// (`term-KEY`), each list space-separated (`named_in` from keys already found).
pub fn described(keys: impl IntoIterator<Item = &'static str>) -> (String, String) {
    let (mut keys_out, mut ids) = (String::new(), String::new());
    for key in keys {
        if !keys_out.split(' ').any(|k| k == key) {
            keys_out = keys_out + " " + key;
            ids = ids + " term-" + key;
        }
    }
    (keys_out, ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<(&'static str, String)> {
        marks(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Term(e, w) => Some((e.key, w)),
                Piece::Plain(_) => None,
            })
            .collect()
    }

    #[test]
    fn every_entry_has_a_unique_key_words_and_a_short_meaning() {
        for (i, e) in GLOSSARY.iter().enumerate() {
            assert!(
                GLOSSARY[..i].iter().all(|o| o.key != e.key),
                "{} twice",
                e.key
            );
            assert!(!e.words.is_empty(), "{}", e.key);
            for w in e.words {
                assert_eq!(
                    *w,
                    w.to_ascii_lowercase(),
                    "{}: words are lower case",
                    e.key
                );
            }
            assert!(
                (30..=200).contains(&e.means.len()),
                "{}: {} characters",
                e.key,
                e.means.len()
            );
        }
    }

    #[test]
    fn every_findings_chip_explains_itself() {
        let f = fencing_sim::view::Findings::default();
        for chip in crate::derived::finding_chips(&f) {
            assert!(
                for_chip(chip.key).is_some(),
                "the chip {} ({}) has no glossary entry",
                chip.key,
                chip.text
            );
        }
        for k in CONTROL_TERMS {
            assert!(find(k).is_some(), "{k}");
        }
    }

    #[test]
    fn the_words_the_issue_names_are_explained() {
        for word in [
            "Barrier",
            "stale",
            "through the gap",
            "refused",
            "wall",
            "majority",
            "term",
            "token",
            "lease",
            "split brain",
            "fencing",
        ] {
            assert!(!marked(word).is_empty(), "“{word}” is not in the glossary");
        }
    }

    #[test]
    fn marks_take_whole_words_once_and_the_longest_first() {
        assert_eq!(
            marked("The lease store grants a lease; the leaders' leases."),
            vec![
                ("lease-store", "lease store".into()),
                ("lease", "lease".into()),
                ("leader", "leaders".into())
            ]
        );
        assert_eq!(
            marked("it got through the gap, a stale write"),
            vec![("gap", "through the gap".into()), ("stale", "stale".into())]
        );
        // Parts of longer words are not terms.
        assert!(marked("determined tokenised releases").is_empty());
        let pieces = marks("Token 33 < 34.");
        assert_eq!(
            pieces,
            vec![
                Piece::Term(find("token").unwrap(), "Token".into()),
                Piece::Plain(" 33 < 34.".into())
            ]
        );
        assert_eq!(marks("n4 → ⊘"), vec![Piece::Plain("n4 → ⊘".into())]);
    }

    #[test]
    fn the_welcome_names_what_the_lab_is_about() {
        // The welcome's words are marked too: they name what the lab is about.
        let text = crate::welcome::LINES.join(" ");
        let keys: Vec<_> = marked(&text).into_iter().map(|(k, _)| k).collect();
        for k in ["leader", "token"] {
            assert!(keys.contains(&k), "{k} in {keys:?}");
        }
    }
}
