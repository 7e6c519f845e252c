//! Testing the lessons a scenario declares against a sweep's runs: each
//! compares two policies on one final metric with Welch's t-test at the 5%
//! level, one-sided in the direction the lesson states.

use std::fmt::Write as _;

use super::RunRecord;
use super::stats::Welch;
use super::table::{grouped, values};
use crate::bots::Policy;
use crate::scenario::{Expect, Lesson, Metric};

/// The significance level every lesson is tested at.
pub const LEVEL: f64 = 0.05;

/// What the runs say about one lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub lesson: Lesson,
    /// Runs of the lesson's policy and of the other.
    pub runs: (usize, usize),
    /// Mean final values of the lesson's policy and of the other.
    pub means: (f64, f64),
    /// The one-sided p-value of the difference the lesson is about; none
    /// when either policy has fewer than two runs.
    pub p: Option<f64>,
    pub holds: bool,
}

/// Judge each lesson against the runs of its scenario (records of other
/// scenarios are ignored).
pub fn judge(scenario: &str, lessons: &[Lesson], records: &[RunRecord]) -> Vec<Verdict> {
    let groups = grouped(records);
    let policies = groups
        .iter()
        .find(|(s, _)| *s == scenario)
        .map(|(_, p)| p.as_slice())
        .unwrap_or_default();
    lessons
        .iter()
        .map(|lesson| {
            let metric = Metric::from_key(&lesson.metric);
            let sample = |name: &str| -> Vec<f64> {
                let (Some(policy), Some(metric)) = (Policy::from_name(name), metric) else {
                    return Vec::new();
                };
                policies
                    .iter()
                    .find(|(p, _)| *p == policy)
                    .map(|(_, runs)| values(runs, metric))
                    .unwrap_or_default()
            };
            let (a, b) = (sample(&lesson.policy), sample(&lesson.than));
            let mean = |v: &[f64]| {
                if v.is_empty() {
                    f64::NAN
                } else {
                    v.iter().sum::<f64>() / v.len() as f64
                }
            };
            let p = Welch::test(&a, &b).map(|w| match lesson.expect {
                Expect::Above | Expect::NotAbove => w.p_higher,
                Expect::Below | Expect::NotBelow => w.p_lower,
            });
            let holds = match (lesson.expect, p) {
                (_, None) => false,
                (Expect::Above | Expect::Below, Some(p)) => p < LEVEL,
                (Expect::NotBelow | Expect::NotAbove, Some(p)) => p >= LEVEL,
            };
            Verdict {
                lesson: lesson.clone(),
                runs: (a.len(), b.len()),
                means: (mean(&a), mean(&b)),
                p,
                holds,
            }
        })
        .collect()
}

/// The verdicts of one scenario, a line each with its means and p-value.
pub fn render_verdicts(scenario: &str, verdicts: &[Verdict]) -> String {
    let mut out = String::new();
    if verdicts.is_empty() {
        let _ = writeln!(out, "{scenario}: declares no lessons");
        return out;
    }
    let held = verdicts.iter().filter(|v| v.holds).count();
    let _ = writeln!(
        out,
        "{scenario}: {held} of {} lessons hold (Welch's t-test, one-sided, {}% level)",
        verdicts.len(),
        LEVEL * 100.0
    );
    for v in verdicts {
        let l = &v.lesson;
        let figures = match v.p {
            Some(p) => format!(
                "{:.2} vs {:.2}, {}",
                v.means.0,
                v.means.1,
                if p < 0.001 {
                    "p < 0.001".to_string()
                } else {
                    format!("p = {p:.3}")
                }
            ),
            None => format!(
                "not enough runs to test: {} {}, {} {} (two of each at least)",
                l.policy, v.runs.0, l.than, v.runs.1
            ),
        };
        let _ = writeln!(
            out,
            "  {}  {}: {} {} {} on {}: {figures}",
            if v.holds { "pass" } else { "FAIL" },
            l.id,
            l.policy,
            l.expect.words(),
            l.than,
            l.metric
        );
        let _ = writeln!(out, "        {}", l.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::table::tests::record;

    fn lesson(expect: Expect) -> Lesson {
        Lesson {
            id: "l".into(),
            text: "Words.".into(),
            policy: "baseline".into(),
            expect,
            than: "passive".into(),
            metric: "arrested".into(),
        }
    }

    fn runs(baseline: &[i64], passive: &[i64]) -> Vec<RunRecord> {
        let b = baseline
            .iter()
            .enumerate()
            .map(|(i, &v)| record("s.ron", Policy::Baseline, i as u64, v));
        let p = passive
            .iter()
            .enumerate()
            .map(|(i, &v)| record("s.ron", Policy::Passive, i as u64, v));
        b.chain(p).collect()
    }

    #[test]
    fn each_direction_is_tested_one_sided_at_five_percent() {
        let clear = runs(&[5, 6, 7, 6, 5, 7], &[0, 1, 0, 1, 0, 1]);
        let close = runs(&[3, 4, 5, 3, 4, 5], &[3, 5, 4, 4, 3, 5]);
        let holds =
            |records: &[RunRecord], expect| judge("s.ron", &[lesson(expect)], records)[0].holds;
        assert!(holds(&clear, Expect::Above));
        assert!(!holds(&clear, Expect::Below));
        assert!(holds(&clear, Expect::NotBelow));
        assert!(!holds(&clear, Expect::NotAbove));
        assert!(!holds(&close, Expect::Above));
        assert!(!holds(&close, Expect::Below));
        assert!(holds(&close, Expect::NotBelow));
        assert!(holds(&close, Expect::NotAbove));
        let v = &judge("s.ron", &[lesson(Expect::Above)], &clear)[0];
        assert_eq!(v.runs, (6, 6));
        assert_eq!(v.means, (6.0, 0.5));
        assert!(v.p.unwrap() < 0.001);
    }

    #[test]
    fn a_lesson_without_two_runs_a_side_fails_and_says_why() {
        let one = runs(&[5], &[0, 1]);
        let v = judge("s.ron", &[lesson(Expect::Above)], &one);
        assert!(!v[0].holds);
        let text = render_verdicts("s.ron", &v);
        assert!(text.contains("0 of 1 lessons hold"), "{text}");
        assert!(
            text.contains("FAIL  l: baseline above passive on arrested: not enough runs to test: baseline 1, passive 2"),
            "{text}"
        );
        // Runs of another scenario do not count.
        let v = judge(
            "other.ron",
            &[lesson(Expect::NotBelow)],
            &runs(&[1, 2], &[1, 2]),
        );
        assert_eq!(v[0].runs, (0, 0));
        assert!(!v[0].holds);
    }

    #[test]
    fn the_verdict_line_gives_means_and_p() {
        let v = judge(
            "s.ron",
            &[lesson(Expect::NotBelow)],
            &runs(&[3, 4, 5], &[3, 5, 4]),
        );
        let text = render_verdicts("s.ron", &v);
        assert!(
            text.contains(
                "  pass  l: baseline not below passive on arrested: 4.00 vs 4.00, p = 0.500"
            ),
            "{text}"
        );
        assert!(text.contains("        Words.\n"), "{text}");
        assert_eq!(
            render_verdicts("s.ron", &[]),
            "s.ron: declares no lessons\n"
        );
    }
}
