//! The decoder against an encoder of another lineage (lzma-rust2, a port of XZ for Java):
//! every preset, literal and position settings, streams with and without an end marker,
//! kinds of data from all-alike to incompressible; and bad streams of every kind, which
//! must end in a `Damage`, never a panic. Natively only (the encoder and proptest).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;

use lzma_rust2::{LzmaOptions, LzmaWriter};
use proptest::prelude::*;
use unlzma::{decode, unpacked_size, Damage, HEADER};

fn pack(data: &[u8], options: &LzmaOptions, end_marker: bool) -> Vec<u8> {
    let mut w = LzmaWriter::new(
        Vec::new(),
        options,
        true,
        end_marker,
        Some(data.len() as u64),
    )
    .unwrap();
    w.write_all(data).unwrap();
    w.finish().unwrap()
}

fn unpack(packed: &[u8]) -> Result<Vec<u8>, Damage> {
    let mut out = vec![0; unpacked_size(packed).ok_or(Damage::BadSize)?];
    decode(packed, &mut out).map(|()| out)
}

/// Deterministic bytes: a small linear congruential generator.
fn noise(n: usize, seed: u32) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

/// Text with repeats near and far, the kind of thing the page's wasm holds.
fn text(n: usize) -> Vec<u8> {
    let words = [
        "term", "lease", "token", " ", "fencing", "leader", "storage", "\n", "33 < 34", "zombie",
    ];
    let pick = noise(n, 7);
    let mut out = Vec::new();
    for &b in &pick {
        out.extend_from_slice(words[usize::from(b) % words.len()].as_bytes());
        if out.len() >= n {
            break;
        }
    }
    out.truncate(n);
    out
}

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("empty", Vec::new()),
        ("one byte", vec![42]),
        ("all alike", vec![7; 70_000]),
        ("text", text(150_000)),
        ("noise", noise(40_000, 3)),
        (
            "noise repeated far apart",
            [noise(30_000, 5), text(20_000), noise(30_000, 5)].concat(),
        ),
        (
            "the decoder's own source",
            include_bytes!("../src/lib.rs").to_vec(),
        ),
    ]
}

#[test]
fn every_preset_unpacks_every_sample() {
    for preset in 0..=9 {
        let options = LzmaOptions::with_preset(preset);
        for (what, data) in samples() {
            for end_marker in [false, true] {
                let packed = pack(&data, &options, end_marker);
                assert_eq!(
                    unpack(&packed).as_deref(),
                    Ok(&data[..]),
                    "preset {preset}, {what}, end marker {end_marker}"
                );
            }
        }
    }
}

#[test]
fn every_literal_and_position_setting_unpacks() {
    let data = [text(60_000), noise(5_000, 9), text(20_000)].concat();
    for lc in 0..=4 {
        for lp in 0..=(4 - lc) {
            for pb in 0..=4 {
                let mut options = LzmaOptions::with_preset(6);
                (options.lc, options.lp, options.pb) = (lc, lp, pb);
                let packed = pack(&data, &options, false);
                assert_eq!(
                    unpack(&packed),
                    Ok(data.clone()),
                    "lc {lc}, lp {lp}, pb {pb}"
                );
            }
        }
    }
}

#[test]
fn a_small_dictionary_unpacks_repeats_within_it() {
    let mut options = LzmaOptions::with_preset(6);
    options.dict_size = 4096;
    let data = text(100_000);
    assert_eq!(unpack(&pack(&data, &options, false)), Ok(data));
}

#[test]
fn bad_headers_are_named() {
    let data = text(10_000);
    let good = pack(&data, &LzmaOptions::with_preset(6), false);
    let mut out = vec![0; data.len()];
    assert_eq!(decode(&good[..HEADER + 4], &mut out), Err(Damage::TooShort));
    let mut bad = good.clone();
    bad[0] = 225;
    assert_eq!(decode(&bad, &mut out), Err(Damage::BadProperties));
    bad[0] = 4 + 9; // lc 4, lp 1
    assert_eq!(decode(&bad, &mut out), Err(Damage::BadProperties));
    assert_eq!(decode(&good, &mut out[1..]), Err(Damage::BadSize));
    let mut no_size = good.clone();
    no_size[5..HEADER].fill(0xff);
    assert_eq!(unpacked_size(&no_size), None);
    let mut bad = good.clone();
    bad[HEADER] = 1;
    assert_eq!(decode(&bad, &mut out), Err(Damage::BadStart));
}

#[test]
fn a_stream_cut_short_is_named_at_every_length() {
    let data = text(20_000);
    let good = pack(&data, &LzmaOptions::with_preset(6), false);
    let mut out = vec![0; data.len()];
    // Cut anywhere after the header (every 7th length, and the last few): never the data.
    for len in (HEADER + 5..good.len() - 4)
        .step_by(7)
        .chain(good.len() - 4..good.len())
    {
        let got = decode(&good[..len], &mut out);
        assert!(
            got.is_err(),
            "cut to {len} of {} bytes unpacked",
            good.len()
        );
    }
    assert_eq!(decode(&good, &mut out), Ok(()));
}

#[test]
fn an_end_marker_before_the_size_given_is_too_long_a_claim() {
    let data = text(5_000);
    let mut packed = pack(&data, &LzmaOptions::with_preset(6), true);
    // Claim one byte more than the stream holds: it ends at its marker, short of that.
    let claimed = (data.len() as u64 + 1).to_le_bytes();
    packed[5..HEADER].copy_from_slice(&claimed);
    let mut out = vec![0; data.len() + 1];
    assert_eq!(decode(&packed, &mut out), Err(Damage::TooLong));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any bytes after a well-formed header: an error or some output, never a panic.
    #[test]
    fn any_data_is_unpacked_or_refused(data in proptest::collection::vec(any::<u8>(), 0..3000), size in 0usize..20_000) {
        let mut packed = pack(b"", &LzmaOptions::with_preset(6), false)[..5].to_vec();
        packed.extend_from_slice(&(size as u64).to_le_bytes());
        packed.push(0);
        packed.extend_from_slice(&data);
        let mut out = vec![0; size];
        let _ = decode(&packed, &mut out);
    }

    /// A good stream with bytes changed: an error or some output, never a panic.
    #[test]
    fn a_damaged_stream_is_unpacked_or_refused(changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let data = text(8_000);
        let mut packed = pack(&data, &LzmaOptions::with_preset(6), false);
        for (at, byte) in changes {
            let i = HEADER + at.index(packed.len() - HEADER);
            packed[i] = byte;
        }
        let mut out = vec![0; data.len()];
        let _ = decode(&packed, &mut out);
    }
}

#[test]
fn unpacking_a_part_at_a_time_gives_the_same_bytes() {
    use unlzma::Unpacker;
    let data = [text(90_000), noise(9_000, 2), text(40_000)].concat();
    let packed = pack(&data, &LzmaOptions::with_preset(6), false);
    for part in [1, 273, 4096, 65_536, data.len()] {
        let mut u = Unpacker::new(&packed, data.len()).unwrap();
        let mut out = vec![0; data.len()];
        let mut until = 0;
        let mut calls = 0;
        while !u.run(&mut out, until).unwrap() {
            until += part;
            calls += 1;
        }
        assert_eq!(out, data, "parts of {part}");
        // Each call stops within a match's length (at most 273 bytes) of where it was told.
        assert!(
            calls >= data.len() / (part + 273),
            "parts of {part}: {calls} calls"
        );
    }
    // A buffer of another size than the one given is refused.
    let mut u = Unpacker::new(&packed, data.len()).unwrap();
    assert_eq!(u.run(&mut [0; 10], 5), Err(Damage::BadSize));
}
