//! Unpacks an LZMA stream: the page's wasm is served packed by LZMA (`scripts/pack-wasm.mjs`),
//! 22% smaller than the best gzip, and this decoder, itself built to a wasm of about 8 kB,
//! unpacks it in the browser before the page instantiates it. Browsers decompress gzip and
//! deflate only (`DecompressionStream`); a decoder in JavaScript took twice as long.
//!
//! The stream is the ".lzma" format of LZMA's reference encoder (and of `unlzma-pack`,
//! which packs the wasm): one byte of properties (lc, lp, pb), the dictionary's
//! size (4 bytes), the unpacked size (8 bytes, little-endian; it must be given), then the
//! range-coded data. The decoding follows the format's specification (the LZMA SDK's
//! "lzma-specification.txt"): a binary range decoder with adaptive 11-bit probabilities;
//! literals coded bit by bit in the context of the previous byte (and, right after a
//! match, of the byte at the last distance); matches as a length and a distance, the last
//! four distances kept for repeats; a 12-state machine choosing the contexts.
//!
//! Bad input of any kind ends in a [`Damage`], never a panic: the page names it.

#![cfg_attr(target_arch = "wasm32", no_std)]

/// Why a stream could not be unpacked. The page's loader maps the numbers (`Damage as
/// u32`, what `unlzma_start` and `unlzma_run` return) back to these words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Damage {
    /// Shorter than the 13-byte header and the range coder's first 5 bytes.
    TooShort = 1,
    /// A properties byte out of range, or lc + lp above 4.
    BadProperties = 2,
    /// The unpacked size is not given, or differs from the room given for it.
    BadSize = 3,
    /// The range coder's first byte is not 0, or its code is already out of range.
    BadStart = 4,
    /// The data ends before the unpacked size is reached.
    CutShort = 5,
    /// A match reaches back before the start, or past the dictionary.
    BadDistance = 6,
    /// An end marker before the unpacked size is reached, or a match past its end.
    TooLong = 7,
}

/// The header's length: properties (1), dictionary size (4), unpacked size (8).
pub const HEADER: usize = 13;

/// The unpacked size the header of `input` gives, if it gives one that fits in memory.
pub fn unpacked_size(input: &[u8]) -> Option<usize> {
    let bytes: [u8; 8] = input.get(5..HEADER)?.try_into().ok()?;
    usize::try_from(u64::from_le_bytes(bytes))
        .ok()
        .filter(|&n| n <= u32::MAX as usize)
}

/// Unpacks the ".lzma" stream `input` into `out`, whose length must be the unpacked size
/// the header gives.
pub fn decode(input: &[u8], out: &mut [u8]) -> Result<(), Damage> {
    Unpacker::new(input, out.len())?
        .run(out, out.len())
        .map(|_| ())
}

/// A stream being unpacked, a part at a time ([`Unpacker::run`]): the page calls the
/// decoder again and again, so that the browser can swap in its optimised code for the
/// rest (a call under way keeps the code it began with).
pub struct Unpacker<'a> {
    rc: RangeDecoder<'a>,
    probs: Probs,
    lc: u32,
    lp_mask: usize,
    pb_mask: usize,
    dictionary: usize,
    size: usize,
    /// The state (0–6 after a literal, 7–11 after a match or a repeat).
    state: usize,
    /// The last four distances, less one.
    reps: [usize; 4],
    /// How much of the output is written.
    done: usize,
}

impl<'a> Unpacker<'a> {
    /// Reads the header of `input`, which must give `size` as the unpacked size.
    pub fn new(input: &'a [u8], size: usize) -> Result<Self, Damage> {
        if input.len() < HEADER + 5 {
            return Err(Damage::TooShort);
        }
        let props = u32::from(input[0]);
        if props >= 9 * 5 * 5 {
            return Err(Damage::BadProperties);
        }
        let (lc, lp, pb) = (props % 9, props / 9 % 5, props / 45);
        if lc + lp > 4 {
            return Err(Damage::BadProperties);
        }
        let dictionary = u32::from_le_bytes([input[1], input[2], input[3], input[4]]) as usize;
        if unpacked_size(input) != Some(size) {
            return Err(Damage::BadSize);
        }
        let mut rc = RangeDecoder {
            range: u32::MAX,
            code: 0,
            input,
            at: HEADER,
            cut: false,
        };
        if rc.byte() != 0 {
            return Err(Damage::BadStart);
        }
        for _ in 0..4 {
            rc.code = (rc.code << 8) | rc.byte();
        }
        if rc.code == rc.range {
            return Err(Damage::BadStart);
        }
        Ok(Unpacker {
            rc,
            probs: Probs::new(),
            lc,
            lp_mask: (1 << lp) - 1,
            pb_mask: (1 << pb) - 1,
            // The format's smallest dictionary.
            dictionary: dictionary.max(4096),
            size,
            state: 0,
            reps: [0; 4],
            done: 0,
        })
    }

    /// Unpacks into `out` (the same buffer at every call, of the size given) until at
    /// least `until` bytes of it are written. Returns whether all of it is.
    pub fn run(&mut self, out: &mut [u8], until: usize) -> Result<bool, Damage> {
        if out.len() != self.size {
            return Err(Damage::BadSize);
        }
        let until = until.min(self.size);
        let (rc, probs) = (&mut self.rc, &mut self.probs);
        let (mut state, mut reps, mut o) = (self.state, self.reps, self.done);
        while o < until {
            if rc.cut {
                return Err(Damage::CutShort);
            }
            let pos = o & self.pb_mask;
            if rc.bit(&mut probs.is_match[(state << 4) | pos]) == 0 {
                let prev = if o > 0 { usize::from(out[o - 1]) } else { 0 };
                let base = 0x300 * (((o & self.lp_mask) << self.lc) | (prev >> (8 - self.lc)));
                let p = &mut probs.literal[base..base + 0x300];
                let mut symbol = 1usize;
                if state >= 7 {
                    // After a match: the byte at the last distance steers the first bits.
                    let mut matched = usize::from(out[o - reps[0] - 1]);
                    loop {
                        let matched_bit = (matched >> 7) & 1;
                        matched <<= 1;
                        let bit = rc.bit(&mut p[((1 + matched_bit) << 8) | symbol]) as usize;
                        symbol = (symbol << 1) | bit;
                        if matched_bit != bit || symbol >= 0x100 {
                            break;
                        }
                    }
                }
                while symbol < 0x100 {
                    symbol = (symbol << 1) | rc.bit(&mut p[symbol]) as usize;
                }
                out[o] = symbol as u8;
                o += 1;
                state = match state {
                    0..=3 => 0,
                    4..=9 => state - 3,
                    _ => state - 6,
                };
                continue;
            }
            let len;
            if rc.bit(&mut probs.is_rep[state]) == 1 {
                if o == 0 {
                    return Err(Damage::BadDistance);
                }
                if rc.bit(&mut probs.is_rep0[state]) == 0 {
                    if rc.bit(&mut probs.is_rep0_long[(state << 4) | pos]) == 0 {
                        // A "short repeat": one byte from the last distance.
                        state = if state < 7 { 9 } else { 11 };
                        out[o] = out[o - reps[0] - 1];
                        o += 1;
                        continue;
                    }
                } else {
                    let distance = if rc.bit(&mut probs.is_rep1[state]) == 0 {
                        reps[1]
                    } else {
                        let d = if rc.bit(&mut probs.is_rep2[state]) == 0 {
                            reps[2]
                        } else {
                            let d = reps[3];
                            reps[3] = reps[2];
                            d
                        };
                        reps[2] = reps[1];
                        d
                    };
                    reps[1] = reps[0];
                    reps[0] = distance;
                }
                len = probs.rep_lengths.get(rc, pos);
                state = if state < 7 { 8 } else { 11 };
            } else {
                reps = [0, reps[0], reps[1], reps[2]];
                len = probs.lengths.get(rc, pos);
                state = if state < 7 { 7 } else { 10 };
                let slot = rc.tree(&mut probs.slot[len.min(3)], 6);
                reps[0] = if slot < 4 {
                    slot as usize
                } else {
                    let bits = (slot >> 1) - 1;
                    let mut d = (2 | (slot & 1)) << bits;
                    if slot < 14 {
                        let at = (d - slot) as usize;
                        d += rc.reverse(&mut probs.special[at..], bits);
                    } else {
                        d += rc.direct(bits - 4) << 4;
                        d += rc.reverse(&mut probs.align, 4);
                    }
                    if d == u32::MAX {
                        // The end marker, before the size given was reached.
                        return Err(Damage::TooLong);
                    }
                    d as usize
                };
            }
            let len = len + 2;
            if reps[0] >= o || reps[0] >= self.dictionary {
                return Err(Damage::BadDistance);
            }
            if len > self.size - o {
                return Err(Damage::TooLong);
            }
            for _ in 0..len {
                out[o] = out[o - reps[0] - 1];
                o += 1;
            }
        }
        if rc.cut {
            return Err(Damage::CutShort);
        }
        (self.state, self.reps, self.done) = (state, reps, o);
        Ok(o == self.size)
    }
}

/// The page's stream, between its calls: wasm runs one thread, and one stream at a time.
#[cfg(target_arch = "wasm32")]
static mut UNPACKING: Option<Unpacker<'static>> = None;

/// The page's entry: starts unpacking the `input_len` bytes at `input` (in this module's
/// memory: the loader grows it and copies the stream in) into `out_len` bytes. Returns 0,
/// or a [`Damage`]'s number. Then [`unlzma_run`], until it returns 0.
///
/// # Safety
/// The range must lie in this module's memory and stay unchanged until the end.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn unlzma_start(input: *const u8, input_len: usize, out_len: usize) -> u32 {
    // SAFETY: the caller gives a range of this module's memory, which lives as long as
    // the module; one thread.
    let (input, unpacking) = unsafe {
        (
            core::slice::from_raw_parts(input, input_len),
            &mut *core::ptr::addr_of_mut!(UNPACKING),
        )
    };
    match Unpacker::new(input, out_len) {
        Ok(u) => {
            *unpacking = Some(u);
            0
        }
        Err(damage) => damage as u32,
    }
}

/// Unpacks into the `out_len` bytes at `out` until `until` of them are written. Returns
/// 0 when all are, [`MORE`] when some are left, or a [`Damage`]'s number.
///
/// # Safety
/// `out` must lie in this module's memory, apart from the input, the same at every call.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn unlzma_run(out: *mut u8, out_len: usize, until: usize) -> u32 {
    // SAFETY: as above.
    let (out, unpacking) = unsafe {
        (
            core::slice::from_raw_parts_mut(out, out_len),
            &mut *core::ptr::addr_of_mut!(UNPACKING),
        )
    };
    match unpacking.as_mut().map(|u| u.run(out, until)) {
        Some(Ok(true)) => 0,
        Some(Ok(false)) => MORE,
        Some(Err(damage)) => damage as u32,
        None => Damage::BadStart as u32,
    }
}

/// [`unlzma_run`]'s answer when part of the output is still to come.
pub const MORE: u32 = 255;

#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// The range decoder over the stream's data.
struct RangeDecoder<'a> {
    range: u32,
    code: u32,
    input: &'a [u8],
    at: usize,
    /// Set when the data ran out: the decoder goes on reading zeros, and fails at the end
    /// of the current symbol.
    cut: bool,
}

/// A probability's starting value: one half, in 11 bits.
const HALF: u16 = 1 << 10;

impl RangeDecoder<'_> {
    #[inline(always)]
    fn byte(&mut self) -> u32 {
        match self.input.get(self.at) {
            Some(&b) => {
                self.at += 1;
                u32::from(b)
            }
            None => {
                self.cut = true;
                0
            }
        }
    }

    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | self.byte();
        }
    }

    /// One bit coded with the adaptive probability `p` (of a 0), which it updates.
    #[inline(always)]
    fn bit(&mut self, p: &mut u16) -> u32 {
        let bound = (self.range >> 11) * u32::from(*p);
        let bit = if self.code < bound {
            self.range = bound;
            *p += ((1 << 11) - *p) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *p -= *p >> 5;
            1
        };
        self.normalize();
        bit
    }

    /// `n` bits coded with a probability of one half, the highest first.
    fn direct(&mut self, n: u32) -> u32 {
        let mut v = 0;
        for _ in 0..n {
            self.range >>= 1;
            let bit = u32::from(self.code >= self.range);
            if bit == 1 {
                self.code -= self.range;
            }
            v = (v << 1) | bit;
            self.normalize();
        }
        v
    }

    /// A `bits`-bit number coded through the binary tree of probabilities `p`, the
    /// highest bit first.
    #[inline(always)]
    fn tree(&mut self, p: &mut [u16], bits: u32) -> u32 {
        let mut m = 1usize;
        for _ in 0..bits {
            m = (m << 1) | self.bit(&mut p[m]) as usize;
        }
        m as u32 - (1 << bits)
    }

    /// A `bits`-bit number coded through the tree `p`, the lowest bit first.
    fn reverse(&mut self, p: &mut [u16], bits: u32) -> u32 {
        let (mut m, mut v) = (1usize, 0);
        for i in 0..bits {
            let bit = self.bit(&mut p[m]);
            m = (m << 1) | bit as usize;
            v |= bit << i;
        }
        v
    }
}

/// A length's probabilities: 2–9 (low, by position), 10–17 (mid, by position), 18–273.
struct Lengths {
    choice: [u16; 2],
    low: [[u16; 8]; 16],
    mid: [[u16; 8]; 16],
    high: [u16; 256],
}

impl Lengths {
    const fn new() -> Self {
        Lengths {
            choice: [HALF; 2],
            low: [[HALF; 8]; 16],
            mid: [[HALF; 8]; 16],
            high: [HALF; 256],
        }
    }

    /// A match's length less 2.
    fn get(&mut self, rc: &mut RangeDecoder, pos: usize) -> usize {
        (if rc.bit(&mut self.choice[0]) == 0 {
            rc.tree(&mut self.low[pos], 3)
        } else if rc.bit(&mut self.choice[1]) == 0 {
            8 + rc.tree(&mut self.mid[pos], 3)
        } else {
            16 + rc.tree(&mut self.high, 8)
        }) as usize
    }
}

/// Every adaptive probability of the stream.
struct Probs {
    /// 0x300 for each literal context (lc + lp ≤ 4: at most 16 of them).
    literal: [u16; 0x300 << 4],
    is_match: [u16; 12 << 4],
    is_rep: [u16; 12],
    is_rep0: [u16; 12],
    is_rep1: [u16; 12],
    is_rep2: [u16; 12],
    is_rep0_long: [u16; 12 << 4],
    slot: [[u16; 64]; 4],
    /// The low bits of distances with slots 4–13, each slot's tree at its own offset.
    special: [u16; 115],
    align: [u16; 16],
    lengths: Lengths,
    rep_lengths: Lengths,
}

impl Probs {
    const fn new() -> Self {
        Probs {
            literal: [HALF; 0x300 << 4],
            is_match: [HALF; 12 << 4],
            is_rep: [HALF; 12],
            is_rep0: [HALF; 12],
            is_rep1: [HALF; 12],
            is_rep2: [HALF; 12],
            is_rep0_long: [HALF; 12 << 4],
            slot: [[HALF; 64]; 4],
            special: [HALF; 115],
            align: [HALF; 16],
            lengths: Lengths::new(),
            rep_lengths: Lengths::new(),
        }
    }
}
