//! The page's colours: the standard theme, or high contrast (black words, strong lines, no
//! pale tints) for a washed-out projector. A preference of this browser, not of a run: kept
//! in its localStorage under `STORAGE_KEY`, apart from the progress, as one word; shared
//! links and files do not carry it.

/// The localStorage key the theme lives under.
pub const STORAGE_KEY: &str = "fencing-lab.theme";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Standard,
    HighContrast,
}

impl Theme {
    /// The theme a stored word names. Nothing stored, or a word this lab does not know (a
    /// later version's theme, a damaged value), gives the standard theme.
    pub fn from_stored(word: Option<&str>) -> Theme {
        match word.map(str::trim) {
            Some("high-contrast") => Theme::HighContrast,
            _ => Theme::Standard,
        }
    }

    /// The word kept in storage for this theme.
    pub fn stored(self) -> &'static str {
        match self {
            Theme::Standard => "standard",
            Theme::HighContrast => "high-contrast",
        }
    }

    /// Whether `stored` (what storage holds now) must be written for this theme to be
    /// kept: not when it already reads as this theme, so a first visit writes nothing.
    pub fn needs_storing(self, stored: Option<&str>) -> bool {
        Theme::from_stored(stored) != self
    }

    pub fn high_contrast(self) -> bool {
        self == Theme::HighContrast
    }

    pub fn toggled(self) -> Theme {
        match self {
            Theme::Standard => Theme::HighContrast,
            Theme::HighContrast => Theme::Standard,
        }
    }

    /// What the status line says when the theme is switched to this one.
    pub fn switched_text(self) -> &'static str {
        match self {
            Theme::Standard => "standard colours",
            Theme::HighContrast => {
                "high contrast: black words and strong lines, for a washed-out projector"
            }
        }
    }
}
