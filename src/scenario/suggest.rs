//! "Did you mean ...?": the nearest known name to a misspelt one.

/// The candidate closest to `wrong` by edit distance (a swap of two
/// neighbouring letters counts as one edit), if it is close enough to be a
/// plausible typo. Ties go to the earliest candidate, so the answer does not
/// depend on anything but the input order.
pub fn nearest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let wrong: Vec<char> = wrong.chars().collect();
    // One edit for short names, roughly one per three letters beyond that:
    // `brkr` is not a typo of `boss`, but `broker-2` is of `broker_2`.
    let limit = (wrong.len() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let c: Vec<char> = candidate.chars().collect();
        let bound = best.map_or(limit, |(d, _)| d.saturating_sub(1).min(limit));
        if let Some(d) = distance_within(&wrong, &c, bound)
            && best.is_none_or(|(b, _)| d < b)
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Case and separators do not count as typos: `Broker-2` matches `broker_2`.
fn fold(c: char) -> char {
    match c {
        '-' | ' ' | '.' => '_',
        c => c.to_ascii_lowercase(),
    }
}

/// Optimal-string-alignment distance between `a` and `b`, or `None` when it
/// exceeds `bound`; rows that already exceed the bound stop the work early,
/// so checking a large scenario against thousands of ids stays fast.
fn distance_within(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    if a.iter().map(|&c| fold(c)).eq(b.iter().map(|&c| fold(c))) {
        // Differs only in case or separators: as close as it gets short of equal.
        return Some(usize::from(a != b).min(bound));
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut row = vec![0usize; width];
    for i in 1..=a.len() {
        row[0] = i;
        let mut row_min = row[0];
        for j in 1..width {
            let cost = usize::from(fold(a[i - 1]) != fold(b[j - 1]));
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1
                && j > 1
                && fold(a[i - 1]) == fold(b[j - 2])
                && fold(a[i - 2]) == fold(b[j - 1])
            {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > bound {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev.last().copied().filter(|&d| d <= bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["boss", "broker_2", "captain_1"];
        assert_eq!(nearest("broker-2", ids), Some("broker_2"));
        assert_eq!(nearest("brokre_2", ids), Some("broker_2"));
        assert_eq!(nearest("Captain_1", ids), Some("captain_1"));
        assert_eq!(nearest("bos", ids), Some("boss"));
        assert_eq!(nearest("driver_9", ids), None);
        assert_eq!(nearest("", ids), None);
        assert_eq!(nearest("x", Vec::<&str>::new()), None);
    }

    #[test]
    fn prefers_the_closest_then_the_first() {
        assert_eq!(nearest("abcd", ["abce", "abcd_", "abxd"]), Some("abce"));
        assert_eq!(nearest("route_3", ["route_1", "route_2"]), Some("route_1"));
    }
}
