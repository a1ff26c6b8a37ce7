//! A small deterministic generator for the tests that compare a function with a reference over
//! random inputs, so that a failure can be replayed from its seed.

/// A linear congruential generator (Knuth's MMIX constants), read from its high bits.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A number below `n` (not 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize % n
    }

    /// One of `from` (not empty).
    pub(crate) fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn replays_from_its_seed_and_stays_below() {
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            (0..100).map(|i| rng.below(i + 1)).collect::<Vec<_>>()
        };
        assert_eq!(draw(3), draw(3));
        assert_ne!(draw(3), draw(4));
        assert!(draw(5).iter().enumerate().all(|(i, &x)| x <= i));
    }
}
