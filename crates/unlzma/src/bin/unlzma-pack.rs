//! `unlzma-pack IN OUT`: packs IN into the ".lzma" stream OUT for the page (scripts/pack-wasm.mjs),
//! with the settings that pack the page's wasm smallest: four bits of the previous byte as
//! a literal's context, none of its position (`lc` 4, `lp` 0, `pb` 0), the longest matches
//! sought (`nice_len` 273), a 4 MiB dictionary. Built only with the `pack` feature.

use std::io::Write;
use std::process::ExitCode;

use lzma_rust2::{LzmaOptions, LzmaWriter};

fn pack(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut options = LzmaOptions::with_preset(9);
    (options.lc, options.lp, options.pb) = (4, 0, 0);
    options.nice_len = 273;
    options.dict_size = 4 << 20;
    let mut w = LzmaWriter::new(Vec::new(), &options, true, false, Some(data.len() as u64))?;
    w.write_all(data)?;
    w.finish()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: unlzma-pack IN OUT");
        return ExitCode::from(2);
    };
    let packed = std::fs::read(input)
        .and_then(|data| pack(&data))
        .and_then(|p| std::fs::write(output, &p).map(|()| p.len()));
    match packed {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unlzma-pack: {input} → {output}: {e}");
            ExitCode::FAILURE
        }
    }
}
