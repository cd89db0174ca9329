//! `a × b / c` in integers without overflow, for exact shares of large amounts.
//!
//! A share is `units × weight / Σ weights`. With amounts up to 10¹⁸ at three decimals and
//! weights at ten decimals the product can pass `u128::MAX`, and a share computed with a
//! rounded division could floor to the wrong unit. So the product is formed in 256 bits and
//! divided back exactly. The fast path (the product fits in 128 bits) covers real plans.

const LOW: u128 = u64::MAX as u128;

/// `(⌊a·b / c⌋, a·b mod c)` for `b ≤ c`, `c > 0` (so the quotient fits in 128 bits).
pub(super) fn mul_div(a: u128, b: u128, c: u128) -> (u128, u128) {
    debug_assert!(c > 0 && b <= c);
    if let Some(p) = a.checked_mul(b) {
        return (p / c, p % c);
    }
    let (hi, lo) = mul_wide(a, b);
    div_wide(hi, lo, c)
}

/// The 256-bit product as (high, low) halves.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let (a1, a0) = (a >> 64, a & LOW);
    let (b1, b0) = (b >> 64, b & LOW);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let mid = (p00 >> 64) + (p01 & LOW) + (p10 & LOW);
    let lo = (p00 & LOW) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// Restoring long division of `hi·2¹²⁸ + lo` by `c`, for `hi < c`.
fn div_wide(hi: u128, lo: u128, c: u128) -> (u128, u128) {
    let (mut q, mut r) = (0u128, hi);
    for i in (0..128).rev() {
        let carry = r >> 127;
        r = (r << 1) | ((lo >> i) & 1);
        q <<= 1;
        // With the carry the true remainder is 2¹²⁸ + r ≥ c; the wrapped difference is exact.
        if carry == 1 || r >= c {
            r = r.wrapping_sub(c);
            q |= 1;
        }
    }
    (q, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_plain_arithmetic_when_it_fits() {
        assert_eq!(mul_div(10_000, 1, 3), (3_333, 1));
        assert_eq!(mul_div(0, 5, 7), (0, 0));
        assert_eq!(mul_div(7, 7, 7), (7, 0));
    }

    #[test]
    fn wide_products_divide_exactly() {
        // 2¹²⁰ · 2¹⁰⁰ needs 220 bits: the slow path. Divided by 2¹⁰¹ it is 2¹¹⁹.
        let a = 1u128 << 120;
        assert_eq!(mul_div(a, 1 << 100, 1 << 101), (a >> 1, 0));
        // An awkward case, checked against the identity q·c + r = a·b on the wide product.
        let (a, b, c) = (u128::MAX, (1u128 << 127) + 12_345, (1u128 << 127) + 99_999);
        let (q, r) = mul_div(a, b, c);
        let (hi, lo) = mul_wide(a, b);
        let (qh, ql) = mul_wide(q, c);
        let (sum_lo, carry) = ql.overflowing_add(r);
        assert_eq!((qh + carry as u128, sum_lo), (hi, lo));
        assert!(r < c);
    }
}
