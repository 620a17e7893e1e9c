//! What a person types into one of the page's number fields, read as a whole number within
//! the field's range, or refused in words that name the field, say what was typed and what
//! was wrong with it, and the value that stays. The page shows the words and puts the value
//! that stays back in the field, so a slip never passes silently for a setting.

use fencing_sim::config::{MAX_DRIFT_BOUND_PPM, MAX_MS};

/// One number field: its name as the page shows it, its unit, and its range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberField {
    pub name: &'static str,
    /// After the number: " ms", " s", "%", " ppm", or "" for a count.
    pub unit: &'static str,
    pub min: u64,
    pub max: u64,
}

/// Times in milliseconds: the simulation takes at most a week.
const fn ms(name: &'static str, min: u64) -> NumberField {
    NumberField {
        name,
        unit: " ms",
        min,
        max: MAX_MS,
    }
}

pub const EXTRA_DELAY: NumberField = ms("Extra delay", 0);
pub const LATENCY_MIN: NumberField = ms("Latency (least)", 0);
pub const LATENCY_MAX: NumberField = ms("Latency (most)", 0);
pub const DROP: NumberField = NumberField {
    name: "Drop",
    unit: "%",
    min: 0,
    max: 100,
};
pub const LEASE: NumberField = ms("Lease", 1);
pub const RENEW_EVERY: NumberField = ms("Renew every", 1);
pub const RENEW_JITTER: NumberField = ms("± jitter", 0);
pub const HEARTBEAT: NumberField = ms("Heartbeat", 1);
pub const FAILURE_TIMEOUT_MIN: NumberField = ms("Failure timeout (shortest)", 1);
pub const FAILURE_TIMEOUT_MAX: NumberField = ms("Failure timeout (longest)", 1);
pub const WRITE_EVERY: NumberField = ms("Write every", 1);
pub const WORK: NumberField = ms("Work", 0);
pub const DRIFT_BOUND: NumberField = NumberField {
    name: "Drift bound",
    unit: " ppm",
    min: 0,
    max: MAX_DRIFT_BOUND_PPM,
};
pub const SEED: NumberField = NumberField {
    name: "Seed",
    unit: "",
    min: 0,
    max: u64::MAX,
};
pub const FIRST_TOKEN: NumberField = NumberField {
    name: "First token",
    unit: "",
    min: 1,
    max: 1_000_000_000,
};
pub const PAUSE_SECS: NumberField = NumberField {
    name: "Pause for",
    unit: " s",
    min: 1,
    max: 3600,
};

/// Text typed into a field (and echoed in a message) is cut to this many characters.
const SHOWN_CHARS: usize = 24;

impl NumberField {
    /// `typed` as a whole number within the range, or the words saying why not and that
    /// `kept` stays. Spaces around the number are allowed; other notations (`1e3`, `7.0`)
    /// are not, so what is taken is exactly what was typed.
    pub fn read(&self, typed: &str, kept: u64) -> Result<u64, String> {
        let (name, unit) = (self.name, self.unit);
        let t = typed.trim();
        let why = match whole_number(t) {
            Whole::Exact(v) if (self.min..=self.max).contains(&v) => return Ok(v),
            _ if t.is_empty() => {
                return Err(format!("{name} was left empty: it stays {kept}{unit}."))
            }
            Whole::Exact(v) if v > self.max => {
                format!("is more than {}{unit}, the most it takes", self.max)
            }
            Whole::TooLarge => format!("is more than {}{unit}, the most it takes", self.max),
            Whole::Exact(_) | Whole::Negative => {
                format!("is below {}{unit}, the least it takes", self.min)
            }
            Whole::NotDigits => "is not a whole number in digits".to_string(),
        };
        let mut shown: String = t.chars().take(SHOWN_CHARS).collect();
        if shown.len() < t.len() {
            shown.push('…');
        }
        Err(format!(
            "{name}: “{shown}” {why} ({} to {}{unit}): it stays {kept}{unit}.",
            self.min, self.max
        ))
    }
}
impl NumberField {
    /// The words for text the browser could not read as a number at all (it then gives
    /// the page an empty value: `1e309`, a lone `-`).
    pub fn unreadable(&self, kept: u64) -> String {
        let (name, unit) = (self.name, self.unit);
        format!(
            "{name}: what was typed is not a number the field can read ({} to {}{unit}): it stays {kept}{unit}.",
            self.min, self.max
        )
    }
}

/// What a trimmed text says as a whole number written in digits.
enum Whole {
    Exact(u64),
    /// Below zero (and not zero written as "-0").
    Negative,
    /// A whole number past `u64::MAX`.
    TooLarge,
    /// Anything else: a fraction, an exponent, words.
    NotDigits,
}

fn whole_number(t: &str) -> Whole {
    let (minus, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Whole::NotDigits;
    }
    match digits.parse::<u64>() {
        Ok(0) => Whole::Exact(0),
        Ok(_) if minus => Whole::Negative,
        Ok(v) => Whole::Exact(v),
        Err(_) if minus => Whole::Negative,
        Err(_) => Whole::TooLarge,
    }
}
