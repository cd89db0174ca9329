//! A fixed-seed xorshift generator, so every bench run builds the same data.

pub struct Random(u64);

impl Random {
    pub fn new() -> Self {
        Random(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
