//! Stable sorting through one shared instantiation of the standard library's sort.
//!
//! `slice::sort_by` is compiled anew for every element type and comparison, about 3 kB
//! of wasm each; the page sorts a dozen kinds of things. These functions give exactly
//! `sort_by`'s result (stable: equal items keep their order, so traces are unchanged) by
//! sorting positions with a `dyn` comparison, one instantiation for all, then moving the
//! items into that order. For the short lists sorted here the indirection costs nothing
//! measurable.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut at: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut at, &|a, b| cmp(&v[a], &v[b]));
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        at.into_iter()
            .map(|i| items[i].take().expect("each position is taken once")),
    );
}

/// Sorts `v` stably by `key`, as `v.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[inline(never)]
fn sort_positions(at: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    at.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_gives_the_standard_stable_sort_s_result() {
        // Pairs sorted by their first item only: equal keys must keep their order.
        let mut seed = 7u64;
        for len in 0..60 {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "length {len}");
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std = v;
            std.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(ours, std, "length {len}, descending");
        }
    }

    #[test]
    fn items_that_are_not_copy_are_moved_not_lost() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "kiwi", "date"]
            .map(String::from)
            .to_vec();
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["fig", "pear", "kiwi", "date", "apple"]);
    }
}
