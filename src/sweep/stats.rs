//! The statistics of a sweep: summaries of final values, Welch's t-test and
//! percentiles, with Student's t distribution computed here.
//!
//! Floating point is fine here: these figures describe finished runs and
//! never reach the simulation.
//!
//! Student's t distribution function is written in terms of the regularised
//! incomplete beta function, `P(T > t) = I_x(ν/2, 1/2) / 2` with
//! `x = ν / (ν + t²)` for `t ≥ 0`. `I_x(a, b)` is evaluated by its continued
//! fraction with the modified Lentz method, and `ln Γ` by the Lanczos
//! approximation (g = 7, nine coefficients), as in Press et al., *Numerical
//! Recipes* (3rd ed., §6.1 and §6.4); both are accurate to about 1e-14 over
//! the degrees of freedom a sweep meets. Quantiles invert the distribution
//! function by bisection.

/// The mean, the spread and the 95% confidence interval of the mean of some values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// How many values.
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation (n − 1 in the denominator); 0 for one value.
    pub sd: f64,
    /// The 95% confidence interval of the mean (Student's t); none below two values.
    pub ci95: Option<(f64, f64)>,
}

impl Summary {
    /// Summarise values; none when there are none.
    pub fn of(values: &[f64]) -> Option<Summary> {
        let n = values.len();
        if n == 0 {
            return None;
        }
        let mean = mean(values);
        let var = variance(values, mean);
        let sd = var.sqrt();
        let ci95 = (n >= 2).then(|| {
            let half = t_quantile(0.975, (n - 1) as f64) * sd / (n as f64).sqrt();
            (mean - half, mean + half)
        });
        Some(Summary { n, mean, sd, ci95 })
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The sample variance; 0 below two values.
fn variance(values: &[f64], mean: f64) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (values.len() - 1) as f64
}

/// Welch's t-test of two samples whose variances need not be equal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Welch {
    pub mean_a: f64,
    pub mean_b: f64,
    /// The statistic, positive when `a`'s mean is the higher.
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// One-sided p-value of "a's mean is higher than b's".
    pub p_higher: f64,
    /// One-sided p-value of "a's mean is lower than b's".
    pub p_lower: f64,
}

impl Welch {
    /// The test of `a` against `b`; none unless each has at least two values.
    pub fn test(a: &[f64], b: &[f64]) -> Option<Welch> {
        if a.len() < 2 || b.len() < 2 {
            return None;
        }
        let (mean_a, mean_b) = (mean(a), mean(b));
        let va = variance(a, mean_a) / a.len() as f64;
        let vb = variance(b, mean_b) / b.len() as f64;
        let se2 = va + vb;
        if se2 == 0.0 {
            // Two constant samples: the difference, if any, is certain.
            let (p_higher, p_lower) = match mean_a.partial_cmp(&mean_b) {
                Some(std::cmp::Ordering::Greater) => (0.0, 1.0),
                Some(std::cmp::Ordering::Less) => (1.0, 0.0),
                _ => (1.0, 1.0),
            };
            let t = match mean_a.partial_cmp(&mean_b) {
                Some(std::cmp::Ordering::Greater) => f64::INFINITY,
                Some(std::cmp::Ordering::Less) => f64::NEG_INFINITY,
                _ => 0.0,
            };
            return Some(Welch {
                mean_a,
                mean_b,
                t,
                df: f64::INFINITY,
                p_higher,
                p_lower,
            });
        }
        let t = (mean_a - mean_b) / se2.sqrt();
        let df = se2 * se2 / (va * va / (a.len() - 1) as f64 + vb * vb / (b.len() - 1) as f64);
        let p_higher = t_sf(t, df);
        Some(Welch {
            mean_a,
            mean_b,
            t,
            df,
            p_higher,
            p_lower: t_sf(-t, df),
        })
    }
}

/// `P(T > t)` for Student's t distribution with `df` degrees of freedom.
pub fn t_sf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if t.is_infinite() {
        return if t > 0.0 { 0.0 } else { 1.0 };
    }
    // Both tails at once: P(|T| > |t|).
    let tails = if df.is_infinite() {
        erfc(t.abs() / std::f64::consts::SQRT_2)
    } else {
        incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    };
    if t >= 0.0 {
        tails / 2.0
    } else {
        1.0 - tails / 2.0
    }
}

/// `P(T ≤ t)` for Student's t distribution with `df` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    1.0 - t_sf(t, df)
}

/// The `p` quantile of Student's t distribution with `df` degrees of freedom.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p < 0.5 {
        return -t_quantile(1.0 - p, df);
    }
    // The upper bound doubles until it holds the quantile (df = 1, p near 1
    // has an enormous one); then bisection halves the bracket to the last bit.
    let mut hi = 1.0;
    while t_cdf(hi, df) < p {
        hi *= 2.0;
        if hi > 1e300 {
            return f64::INFINITY;
        }
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        if t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// The regularised incomplete beta function `I_x(a, b)`.
fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    // The continued fraction converges fast on this side of the mean; the
    // other side uses the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of the incomplete beta function, by the modified Lentz method.
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=10_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        // The even step of the fraction.
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        // The odd step.
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// `ln Γ(x)` for `x > 0`, by the Lanczos approximation (g = 7, n = 9).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // The reflection formula keeps the series where it is accurate.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (i, c) in COEFFICIENTS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The complementary error function, for the normal limit of the t
/// distribution (infinite degrees of freedom), by the Chebyshev fit of
/// *Numerical Recipes* (§6.2, `erfcc`): relative error below 1.2e-7.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// Where `value` falls among `values`, in percent: the share below it plus
/// half the share equal to it (the mid-rank percentile), so a value equal to
/// every sample sits at 50 and one above all of them at 100.
pub fn percentile_rank(value: f64, values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let below = values.iter().filter(|&&v| v < value).count() as f64;
    let equal = values.iter().filter(|&&v| v == value).count() as f64;
    Some(100.0 * (below + equal / 2.0) / values.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn the_t_distribution_matches_its_closed_forms() {
        use std::f64::consts::PI;
        for &t in &[-7.5f64, -2.0, -0.3, 0.0, 0.1, 1.0, 2.5, 12.0, 80.0] {
            // ν = 1 is the Cauchy distribution.
            let one = 0.5 + t.atan() / PI;
            assert!(close(t_cdf(t, 1.0), one, 1e-12), "ν=1, t={t}");
            let two = 0.5 + t / (2.0 * (2.0 + t * t).sqrt());
            assert!(close(t_cdf(t, 2.0), two, 1e-12), "ν=2, t={t}");
            let s3 = 3f64.sqrt();
            let three = 0.5 + (t / (s3 * (1.0 + t * t / 3.0)) + (t / s3).atan()) / PI;
            assert!(close(t_cdf(t, 3.0), three, 1e-12), "ν=3, t={t}");
            let u = 1.0 + t * t / 4.0;
            let four = 0.5 + 0.375 * (t / u.sqrt()) * (1.0 - t * t / (12.0 * u));
            assert!(close(t_cdf(t, 4.0), four, 1e-12), "ν=4, t={t}");
        }
    }

    #[test]
    fn quantiles_match_the_printed_tables() {
        // Critical values as every t table prints them (six decimals).
        let table = [
            (0.95, 1.0, 6.313752),
            (0.975, 1.0, 12.706205),
            (0.975, 5.0, 2.570582),
            (0.95, 10.0, 1.812461),
            (0.975, 10.0, 2.228139),
            (0.975, 30.0, 2.042272),
            (0.995, 30.0, 2.749996),
            (0.975, 120.0, 1.979930),
        ];
        for (p, df, want) in table {
            let got = t_quantile(p, df);
            assert!(close(got, want, 5e-6), "t({p}, {df}) = {got}, table {want}");
            assert!(close(t_cdf(got, df), p, 1e-12));
            assert!(close(t_quantile(1.0 - p, df), -want, 5e-6));
        }
        // The normal limit: 1.959964 at 97.5%.
        assert!(close(t_sf(1.959964, f64::INFINITY), 0.025, 1e-6));
        // Degrees of freedom need not be whole (Welch's rarely are).
        let mid = t_quantile(0.975, 10.5);
        assert!(mid < 2.228139 && mid > t_quantile(0.975, 11.0));
    }

    #[test]
    fn the_t_distribution_matches_the_finite_series_for_whole_degrees() {
        // Abramowitz & Stegun 26.7.3–4: for whole ν, P(|T| ≤ t) is a finite
        // sum in θ = atan(t/√ν). These upper tails were computed from those
        // sums by a separate program (Python, double precision).
        let series = [
            (0.5, 5.0, 3.191_494_358_204_645e-1),
            (1.7, 7.0, 6.646_444_839_127_758e-2),
            (2.0, 10.0, 3.669_401_738_537_015e-2),
            (2.3, 24.0, 1.522_479_269_480_437e-2),
            (2.46, 25.0, 1.057_715_174_641_294e-2),
            (1.2, 31.0, 1.196_150_425_241_525e-1),
            (3.1, 60.0, 1.472_874_334_683_794e-3),
            (0.05, 17.0, 4.803_525_814_781_819e-1),
            (4.5, 9.0, 7.444_747_077_058_334e-4),
        ];
        for (t, df, want) in series {
            let got = t_sf(t, df);
            assert!(
                (got - want).abs() <= 1e-12 * want.max(1e-3),
                "P(T > {t}; ν = {df}) = {got}, series {want}"
            );
            assert!(close(t_sf(-t, df), 1.0 - want, 1e-12));
        }
    }

    #[test]
    fn welch_statistic_and_degrees_match_a_separate_computation() {
        // Three samples pairs (the examples of the Wikipedia article on
        // Welch's test); t and ν computed by a separate program (Python's
        // `statistics`), to double precision.
        let examples: [(&[f64], &[f64], f64, f64); 3] = [
            (
                &[
                    27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0,
                    21.7, 21.4,
                ],
                &[
                    27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9,
                    20.5, 24.4,
                ],
                -2.455_356_398_286_006,
                24.988_529_290_231_42,
            ),
            (
                &[17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8],
                &[
                    21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5,
                    22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8,
                ],
                -1.565_433_523_598_507_3,
                9.904_741_248_650_831,
            ),
            (
                &[19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0],
                &[
                    28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6,
                    18.0, 23.9, 21.6, 24.3, 20.4, 23.9, 13.3,
                ],
                -2.225_512_039_969_852,
                24.524_634_944_257_343,
            ),
        ];
        for (a, b, t, df) in examples {
            let w = Welch::test(a, b).unwrap();
            assert!(close(w.t, t, 1e-9), "t {} vs {t}", w.t);
            assert!(close(w.df, df, 1e-9), "ν {} vs {df}", w.df);
            assert!(close(w.p_lower, t_sf(-t, df), 1e-12));
            assert!(close(w.p_higher + w.p_lower, 1.0, 1e-12));
            // The test is antisymmetric.
            let back = Welch::test(b, a).unwrap();
            assert!(close(back.p_higher, w.p_lower, 1e-15));
        }
        // The first example between its whole-ν neighbours (series values
        // above): P(T < −2.455; ν ≈ 25.0) ≈ 0.0107, as two-sided 0.021.
        let w = Welch::test(examples[0].0, examples[0].1).unwrap();
        assert!(
            close(2.0 * w.p_lower, 0.0214, 0.0005),
            "{}",
            2.0 * w.p_lower
        );
    }

    #[test]
    fn constant_samples_and_too_few_values() {
        assert_eq!(Welch::test(&[1.0], &[1.0, 2.0]), None);
        let w = Welch::test(&[3.0, 3.0], &[1.0, 1.0, 1.0]).unwrap();
        assert_eq!((w.p_higher, w.p_lower), (0.0, 1.0));
        let w = Welch::test(&[2.0, 2.0], &[2.0, 2.0]).unwrap();
        assert_eq!((w.p_higher, w.p_lower), (1.0, 1.0));
        // One sample constant, the other not: an ordinary test.
        let w = Welch::test(&[0.0, 0.0, 0.0], &[1.0, 2.0, 3.0]).unwrap();
        assert!(w.p_lower < 0.05 && w.p_higher > 0.95, "{w:?}");
    }

    #[test]
    fn summaries_and_percentiles() {
        let s = Summary::of(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap();
        assert_eq!(s.n, 8);
        assert!(close(s.mean, 5.0, 1e-12));
        assert!(close(s.sd, (32.0f64 / 7.0).sqrt(), 1e-12));
        let (lo, hi) = s.ci95.unwrap();
        let half = 2.364624 * s.sd / 8f64.sqrt();
        assert!(close(lo, 5.0 - half, 1e-5) && close(hi, 5.0 + half, 1e-5));
        let one = Summary::of(&[3.0]).unwrap();
        assert_eq!((one.sd, one.ci95), (0.0, None));
        assert_eq!(Summary::of(&[]), None);

        let values = [1.0, 2.0, 2.0, 3.0];
        assert_eq!(percentile_rank(0.0, &values), Some(0.0));
        assert_eq!(percentile_rank(2.0, &values), Some(50.0));
        assert_eq!(percentile_rank(3.0, &values), Some(87.5));
        assert_eq!(percentile_rank(9.0, &values), Some(100.0));
        assert_eq!(percentile_rank(1.0, &[]), None);
    }
}
