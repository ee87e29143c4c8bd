//! Side by side: two sides run in alternating batches in one process, and each round gives
//! one ratio. The order flips every round (A B, B A, A B, ...) so that a drift in machine
//! load hits both sides alike; the reported figure is the median of the per-round ratios,
//! with the interquartile range as its spread.

use std::fmt;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Per-round measurements of two sides (any unit, as long as both use the same one).
#[derive(Clone, Debug, Default)]
pub struct Paired {
    /// Side A, one value per round.
    pub a: Vec<f64>,
    /// Side B, one value per round.
    pub b: Vec<f64>,
}

impl Paired {
    /// Adds one round.
    pub fn push(&mut self, a: f64, b: f64) {
        self.a.push(a);
        self.b.push(b);
    }

    /// The per-round ratios A / B, summarised.
    pub fn ratio(&self) -> Ratio {
        Ratio::of(self.a.iter().zip(&self.b).map(|(a, b)| a / b).collect())
    }

    /// Median of side A.
    pub fn median_a(&self) -> f64 {
        median(&self.a)
    }

    /// Median of side B.
    pub fn median_b(&self) -> f64 {
        median(&self.b)
    }
}

/// Runs `a` and `b` alternately for `rounds` rounds (order flipped every round); each call
/// returns its batch's cost per operation, in seconds or any unit common to both.
pub fn interleave(rounds: usize, mut a: impl FnMut() -> f64, mut b: impl FnMut() -> f64) -> Paired {
    let mut paired = Paired::default();
    for round in 0..rounds {
        if round % 2 == 0 {
            let x = a();
            let y = b();
            paired.push(x, y);
        } else {
            let y = b();
            let x = a();
            paired.push(x, y);
        }
    }
    paired
}

/// A ratio summarised over rounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ratio {
    /// Median of the per-round ratios.
    pub median: f64,
    /// 25th percentile.
    pub p25: f64,
    /// 75th percentile.
    pub p75: f64,
    /// Number of rounds.
    pub rounds: usize,
}

impl Ratio {
    /// Summarises per-round ratios.
    pub fn of(mut ratios: Vec<f64>) -> Self {
        ratios.sort_by(f64::total_cmp);
        Self {
            median: quantile_sorted(&ratios, 0.5),
            p25: quantile_sorted(&ratios, 0.25),
            p75: quantile_sorted(&ratios, 0.75),
            rounds: ratios.len(),
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3} (IQR {:.3}-{:.3}, {} rounds)", self.median, self.p25, self.p75, self.rounds)
    }
}

/// The median (0 for no values).
pub fn median(values: &[f64]) -> f64 {
    quantile(values, 0.5)
}

/// The `q` quantile with linear interpolation (0 for no values).
pub fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile_sorted(&sorted, q)
}

fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
        }
    }
}

/// Time of `iterations` runs of `f`, its result kept from the optimiser.
pub fn time_iterations<T>(iterations: u64, mut f: impl FnMut() -> T) -> Duration {
    let started = Instant::now();
    for _ in 0..iterations {
        black_box(f());
    }
    started.elapsed()
}

/// How many iterations of `f` make a batch of about `target` (at least one).
pub fn calibrate<T>(target: Duration, mut f: impl FnMut() -> T) -> u64 {
    let mut iterations: u64 = 1;
    loop {
        let elapsed = time_iterations(iterations, &mut f);
        if elapsed >= target / 8 || iterations >= 1 << 30 {
            let per = elapsed.as_secs_f64() / iterations as f64;
            return ((target.as_secs_f64() / per.max(1e-12)) as u64).max(1);
        }
        iterations *= 2;
    }
}

/// Seconds per iteration of a batch of `iterations` runs of `f`.
pub fn per_iteration<T>(iterations: u64, f: impl FnMut() -> T) -> f64 {
    time_iterations(iterations, f).as_secs_f64() / iterations as f64
}

/// A duration in the most readable unit (`812 ns`, `35.2 µs`, `4.10 ms`, `2.31 s`).
pub fn human(seconds: f64) -> String {
    if seconds < 1e-6 {
        format!("{:.0} ns", seconds * 1e9)
    } else if seconds < 1e-3 {
        format!("{:.1} µs", seconds * 1e6)
    } else if seconds < 1.0 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[1.0, 2.0, 3.0, 4.0]), 2.5);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
        assert_eq!(median(&[]), 0.0);
    }

    #[test]
    fn interleaving_flips_the_order_every_round() {
        let order = std::cell::RefCell::new(Vec::new());
        let paired = interleave(
            4,
            || {
                order.borrow_mut().push('a');
                2.0
            },
            || {
                order.borrow_mut().push('b');
                1.0
            },
        );
        assert_eq!(order.into_inner().into_iter().collect::<String>(), "abbaabba");
        assert_eq!(paired.ratio().median, 2.0);
        assert_eq!(paired.ratio().rounds, 4);
    }
}
