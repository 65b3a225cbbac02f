//! A small timing loop: repeat, sort, report the median with the interquartile range and the
//! extremes. Enough for figures in milliseconds on a shared machine, without a harness crate.

use std::fmt;
use std::time::{Duration, Instant};

/// Order statistics of a set of timings.
#[derive(Clone, Copy, Debug)]
pub struct Stats {
    pub median: Duration,
    pub q1: Duration,
    pub q3: Duration,
    pub min: Duration,
    pub max: Duration,
    pub runs: usize,
}

impl Stats {
    pub fn of(mut samples: Vec<Duration>) -> Stats {
        assert!(!samples.is_empty(), "no samples");
        samples.sort();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
        Stats {
            median: at(0.5),
            q1: at(0.25),
            q3: at(0.75),
            min: samples[0],
            max: samples[samples.len() - 1],
            runs: samples.len(),
        }
    }
}

/// A duration in the unit that suits it.
pub struct Human(pub Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.as_secs_f64();
        if s >= 1.0 {
            write!(f, "{s:.2} s")
        } else if s >= 1e-3 {
            write!(f, "{:.2} ms", s * 1e3)
        } else {
            write!(f, "{:.1} µs", s * 1e6)
        }
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:>10}  IQR {}–{}  min {}  max {}  n={}",
            Human(self.median).to_string(),
            Human(self.q1),
            Human(self.q3),
            Human(self.min),
            Human(self.max),
            self.runs
        )
    }
}

/// Times `f` after one warm-up call, at least `min_runs` times and until `budget` is spent.
pub fn measure<T>(min_runs: usize, budget: Duration, mut f: impl FnMut() -> T) -> Stats {
    std::hint::black_box(f());
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < min_runs || (started.elapsed() < budget && samples.len() < 100_000) {
        let t = Instant::now();
        std::hint::black_box(f());
        samples.push(t.elapsed());
    }
    Stats::of(samples)
}
