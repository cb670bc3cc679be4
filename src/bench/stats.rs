//! Statistics for `fw bench`, as pure functions over stored samples. Percentiles use the
//! nearest-rank method: the p-th percentile of n sorted samples is the sample at 1-based rank
//! ceil(p/100 * n) (rank 1 for p = 0). Every reported value is one that was measured; nothing is
//! interpolated. The standard deviation is the sample one (n - 1), absent below two samples.

use serde::Serialize;

/// A distribution's summary. The low percentiles matter for larger-is-better metrics
/// (tokens/sec), the high ones for latencies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dist {
    pub n: usize,
    pub mean: f64,
    pub std: Option<f64>,
    pub min: f64,
    pub p1: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// The nearest-rank percentile of sorted samples; `None` when there are none.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let rank = ((p / 100.0) * n as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, n) - 1])
}

/// Summarises samples; `None` when there are none. Non-finite samples are ignored.
pub fn dist(samples: &[f64]) -> Option<Dist> {
    let mut v: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let mean = v.iter().sum::<f64>() / n as f64;
    let std = (n >= 2).then(|| {
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        var.sqrt()
    });
    let p = |q| percentile(&v, q).unwrap_or(f64::NAN);
    Some(Dist {
        n,
        mean,
        std,
        min: v[0],
        p1: p(1.0),
        p10: p(10.0),
        p50: p(50.0),
        p90: p(90.0),
        p95: p(95.0),
        p99: p(99.0),
        max: v[n - 1],
    })
}

impl Dist {
    /// A statistic by name, as assertions and reports spell it.
    pub fn get(&self, stat: &str) -> Option<f64> {
        Some(match stat {
            "mean" => self.mean,
            "min" => self.min,
            "max" => self.max,
            "p1" => self.p1,
            "p10" => self.p10,
            "p50" => self.p50,
            "p90" => self.p90,
            "p95" => self.p95,
            "p99" => self.p99,
            _ => return None,
        })
    }
}

/// Statistic names `Dist::get` knows.
pub const STATS: [&str; 9] = [
    "mean", "min", "max", "p1", "p10", "p50", "p90", "p95", "p99",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_on_a_fixed_vector() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert_eq!(percentile(&v, 1.0), Some(1.0));
        assert_eq!(percentile(&v, 10.0), Some(1.0));
        assert_eq!(percentile(&v, 11.0), Some(2.0));
        assert_eq!(percentile(&v, 50.0), Some(5.0));
        assert_eq!(percentile(&v, 90.0), Some(9.0));
        assert_eq!(percentile(&v, 99.0), Some(10.0));
        assert_eq!(percentile(&v, 100.0), Some(10.0));
        assert_eq!(percentile(&[], 50.0), None);
    }

    #[test]
    fn hundred_samples() {
        let v: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        let d = dist(&v).unwrap();
        assert_eq!(
            (d.p1, d.p10, d.p50, d.p90, d.p95, d.p99),
            (1.0, 10.0, 50.0, 90.0, 95.0, 99.0)
        );
        assert_eq!((d.min, d.max, d.n), (1.0, 100.0, 100));
        assert_eq!(d.mean, 50.5);
        assert!((d.std.unwrap() - 29.011_491_975_882_016).abs() < 1e-9);
    }

    #[test]
    fn small_and_odd_inputs() {
        let d = dist(&[7.0]).unwrap();
        assert_eq!((d.p1, d.p50, d.p99, d.std), (7.0, 7.0, 7.0, None));
        assert!(dist(&[]).is_none());
        assert!(dist(&[f64::NAN]).is_none());
        let d = dist(&[3.0, f64::INFINITY, 1.0]).unwrap();
        assert_eq!((d.n, d.min, d.max), (2, 1.0, 3.0));
        assert_eq!(d.get("p50"), Some(1.0));
        assert_eq!(d.get("p42"), None);
    }
}
