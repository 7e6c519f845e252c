//! In-world dates: integer civil-calendar arithmetic, no clock.

use crate::scenario::TurnLength;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Parse `YYYY-MM-DD` into (year, month, day), checking the day exists.
pub fn parse_date(text: &str) -> Option<(i64, u32, u32)> {
    let mut parts = text.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some((y, m, d))
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil and civil_from_days.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// The in-world date a turn starts on, as `12 Mar 2027`.
pub fn date_label(start: &str, length: TurnLength, turn: u32) -> String {
    let Some((y, m, d)) = parse_date(start) else {
        return format!("turn {turn}");
    };
    let steps = i64::from(turn.saturating_sub(1));
    let (y, m, d) = match length {
        TurnLength::Week => civil_from_days(days_from_civil(y, m, d) + 7 * steps),
        TurnLength::Month => {
            let months = (m as i64 - 1) + steps;
            let y = y + months.div_euclid(12);
            let m = (months.rem_euclid(12) + 1) as u32;
            (y, m, d.min(days_in_month(y, m)))
        }
    };
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_cross_month_and_leap_day() {
        assert_eq!(date_label("2028-02-22", TurnLength::Week, 1), "22 Feb 2028");
        assert_eq!(date_label("2028-02-22", TurnLength::Week, 2), "29 Feb 2028");
        assert_eq!(date_label("2028-02-22", TurnLength::Week, 3), "7 Mar 2028");
        assert_eq!(
            date_label("2027-01-04", TurnLength::Week, 52),
            "27 Dec 2027"
        );
    }

    #[test]
    fn months_clamp_the_day() {
        assert_eq!(
            date_label("2027-01-31", TurnLength::Month, 2),
            "28 Feb 2027"
        );
        assert_eq!(
            date_label("2027-11-15", TurnLength::Month, 3),
            "15 Jan 2028"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(parse_date("2027-02-29").is_none());
        assert!(parse_date("2027-13-01").is_none());
        assert!(parse_date("27-1").is_none());
        assert!(parse_date("2028-02-29").is_some());
    }
}
