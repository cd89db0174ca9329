//! Quintile scores 1–5 by rank, with ties sharing one score.
//!
//! A customer's score is `1 + ⌊5 × below / n⌋`, where `n` is the number of customers scored and
//! `below` the number of customers whose value is strictly lower (for recency: strictly less
//! recent). Equal values have equal `below`, so **customers with equal values always get equal
//! scores**, and a better value never gets a lower score. `below` is at most `n − 1`, so the
//! score is at most 5; the worst value has `below = 0` and score 1.
//!
//! Worked example, ten monetary values 10 20 30 40 50 60 70 80 90 100 (all distinct):
//! `below` = 0..9, `5 × below / 10` = 0, 0.5, 1, 1.5, … 4.5 → scores 1 1 2 2 3 3 4 4 5 5, two
//! customers per quintile.
//!
//! With ties, frequencies 1 1 1 1 1 1 2 2 3 5 (n = 10): the six 1s have below = 0 → score 1;
//! the two 2s have below = 6 → 1 + ⌊3⌋ = 4; the 3 has below = 8 → 5; the 5 has below = 9 → 5.
//! Scores 2 and 3 are unused: a tie larger than a fifth of the customers swallows levels
//! (the engine says so with the hint `rfm.tied_scores`). This is pandas' `rank(method="min")`
//! cut into fifths; `qcut` was not used because it fails or splits ties at its edges.

/// The score of every value (same order as `values`). Higher values get higher scores.
///
/// The values are sorted with their positions (not positions by value, which would jump
/// around memory at every comparison).
pub(super) fn quintiles<T: Ord + Copy>(values: &[T]) -> Vec<u8> {
    let n = values.len();
    let mut order: Vec<(T, u32)> = values.iter().copied().zip(0u32..).collect();
    order.sort_unstable();
    let mut scores = vec![0u8; n];
    let mut start = 0;
    while start < n {
        let value = order[start].0;
        let mut end = start + 1;
        while end < n && order[end].0 == value {
            end += 1;
        }
        // `start` customers have a strictly lower value.
        let score = 1 + (5 * start / n) as u8;
        for &(_, i) in &order[start..end] {
            scores[i as usize] = score;
        }
        start = end;
    }
    scores
}

/// How many of the five levels `scores` uses.
pub(super) fn levels(scores: &[u8]) -> usize {
    let mut seen = [false; 6];
    for &s in scores {
        seen[s as usize] = true;
    }
    seen.iter().filter(|&&b| b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_values_fill_each_quintile_evenly() {
        let values = [50, 10, 100, 20, 90, 30, 80, 40, 70, 60];
        assert_eq!(quintiles(&values), vec![3, 1, 5, 1, 5, 2, 4, 2, 4, 3]);
    }

    #[test]
    fn ties_share_the_score_of_their_lowest_rank() {
        let values = [1, 1, 1, 1, 1, 1, 2, 2, 3, 5];
        let scores = quintiles(&values);
        assert_eq!(scores, vec![1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
        assert_eq!(levels(&scores), 3);
    }

    #[test]
    fn small_and_uniform_inputs() {
        assert_eq!(quintiles::<i32>(&[]), Vec::<u8>::new());
        assert_eq!(quintiles(&[7]), vec![1]);
        // Three customers: below 0, 1, 2 → 1 + ⌊0⌋, 1 + ⌊5/3⌋, 1 + ⌊10/3⌋.
        assert_eq!(quintiles(&[3, 1, 2]), vec![4, 1, 2]);
        assert_eq!(quintiles(&[4, 4, 4, 4]), vec![1, 1, 1, 1]);
    }
}
