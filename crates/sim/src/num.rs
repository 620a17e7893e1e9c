//! Numbers written with a fixed count of decimals, digit for digit as `format!("{x:.2}")`
//! writes them (the binary value rounded half to even, a negative sign kept), in integer
//! arithmetic: the page's wasm then carries no float formatting of the standard library
//! (about 10 kB of it), for the picture's coordinates and the times it writes.

/// `x` with `decimals` (at most 6) digits after the point, as `format!("{x:.decimals$}")`.
pub fn fixed(x: f64, decimals: u32) -> String {
    let mut out = String::new();
    write_fixed(&mut out, x, decimals);
    out
}

/// `fixed` with the zeros at the end of its decimals (and a point left bare) taken off:
/// "0.25", "0.5", "10".
pub fn trimmed(x: f64, decimals: u32) -> String {
    let mut s = fixed(x, decimals);
    if s.contains('.') {
        let keep = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(keep);
    }
    s
}

/// Appends `fixed(x, decimals)` to `out`.
pub fn write_fixed(out: &mut String, x: f64, decimals: u32) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    let decimals = decimals.min(6);
    // x = m · 2^e exactly, m < 2^53.
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    // x · 10^decimals = m · 10^decimals · 2^e, rounded half to even to a whole number.
    let scaled = u128::from(m) * 10u128.pow(decimals);
    let whole: u128 = if e >= 0 {
        // 2^52 and more: a whole number, written out in full.
        let mut digits: Vec<u8> = m.to_string().bytes().map(|b| b - b'0').collect();
        for _ in 0..e {
            let mut carry = 0;
            for dgt in digits.iter_mut().rev() {
                let v = *dgt * 2 + carry;
                *dgt = v % 10;
                carry = v / 10;
            }
            if carry > 0 {
                digits.insert(0, carry);
            }
        }
        out.extend(digits.iter().map(|d| char::from(b'0' + d)));
        if decimals > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', decimals as usize));
        }
        return;
    } else {
        let s = (-e) as u32;
        if s >= 127 {
            0
        } else {
            let q = scaled >> s;
            let r = scaled & ((1u128 << s) - 1);
            let half = 1u128 << (s - 1);
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        }
    };
    // The digits on the stack (the picture writes thousands of numbers a frame).
    let mut buf = [0u8; 40];
    let mut start = buf.len();
    // (in 64-bit arithmetic when it fits: 128-bit division is a library call in wasm)
    let (mut wide, mut rest) = match u64::try_from(whole) {
        Ok(v) => (0u128, v),
        Err(_) => (whole, 0),
    };
    loop {
        start -= 1;
        let digit = if wide > 0 {
            let d = (wide % 10) as u8;
            wide /= 10;
            d
        } else {
            let d = (rest % 10) as u8;
            rest /= 10;
            d
        };
        buf[start] = b'0' + digit;
        if wide == 0 && rest == 0 {
            break;
        }
    }
    let digits = std::str::from_utf8(&buf[start..]).unwrap_or("0");
    let d = decimals as usize;
    if d == 0 {
        out.push_str(digits);
        return;
    }
    if digits.len() <= d {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', d - digits.len()));
        out.push_str(digits);
    } else {
        let (int, dec) = digits.split_at(digits.len() - d);
        out.push_str(int);
        out.push('.');
        out.push_str(dec);
    }
}
