//! Seeded randomness. Every draw comes from a PCG generator seeded from the scenario seed
//! and a stream number (one stream per contact), so a contact's story does not change when
//! another contact is edited, and a run is byte-identical natively and in the browser.
//! Only integer arithmetic and exact float comparisons are used: no logarithms or other
//! functions whose last bits may differ between platforms.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;

/// A seeded random source for one stream.
#[derive(Debug, Clone)]
pub struct Rng {
    inner: Pcg32,
}

impl Default for Rng {
    fn default() -> Rng {
        Rng::new(0, 0)
    }
}

/// A probability made ready for many draws: [`Rng::roll`] gives the same answers as
/// [`Rng::chance`] with the same probability, without floating-point work per draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Odds(u64);

impl Odds {
    const NEVER: Odds = Odds(u64::MAX);
    const ALWAYS: Odds = Odds(u64::MAX - 1);

    /// The odds of probability `p` (clamped to 0..=1).
    pub fn new(p: f64) -> Odds {
        if p <= 0.0 {
            Odds::NEVER
        } else if p >= 1.0 {
            Odds::ALWAYS
        } else {
            Odds((p * 4_294_967_296.0) as u64)
        }
    }
}

impl Default for Odds {
    fn default() -> Odds {
        Odds::NEVER
    }
}

/// Mixes two numbers into a well-spread seed (SplitMix64 finaliser).
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The generator for `stream` under `seed`.
    pub fn new(seed: u64, stream: u64) -> Rng {
        Rng { inner: Pcg32::seed_from_u64(mix(seed, stream)) }
    }

    /// True with probability `p` (clamped to 0..=1).
    pub fn chance(&mut self, p: f64) -> bool {
        self.roll(Odds::new(p))
    }

    /// True with the given odds. A certainty (0 or 1) draws nothing, so the stream only
    /// moves for real chances.
    pub fn roll(&mut self, odds: Odds) -> bool {
        match odds {
            Odds::NEVER => false,
            Odds::ALWAYS => true,
            Odds(threshold) => (self.inner.next_u32() as u64) < threshold,
        }
    }

    /// A whole number in 0..n (0 when n is 0).
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        ((self.inner.next_u32() as u64 * n as u64) >> 32) as u32
    }

    /// A whole number in lo..=hi.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(hi - lo + 1)
    }

    /// A factor in [lo, hi), as a float built from an integer draw.
    pub fn factor(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.inner.next_u32() as f64 / 4_294_967_296.0)
    }
}
