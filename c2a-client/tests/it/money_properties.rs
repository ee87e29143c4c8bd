//! Property tests for money: round-trips and overflow, over the whole `i64` range.

use c2a_client::money::{Milpieces, Money, MoneyError};
use proptest::prelude::*;

proptest! {
    #[test]
    fn display_then_parse_round_trips(v in any::<i64>()) {
        let amount = Milpieces::new(v);
        prop_assert_eq!(amount.to_string().parse::<Milpieces>(), Ok(amount));
    }

    #[test]
    fn parse_then_display_is_canonical(whole in 0i64..1_000_000_000, cents in 0i64..100, negative: bool) {
        let text = format!("{}{whole}.{cents:02}", if negative && (whole, cents) != (0, 0) { "-" } else { "" });
        let amount: Milpieces = text.parse().expect("valid amount");
        prop_assert_eq!(amount.to_string(), text);
    }

    #[test]
    fn checked_add_matches_i128(a in any::<i64>(), b in any::<i64>()) {
        let exact = i128::from(a) + i128::from(b);
        let expected = i64::try_from(exact).ok().map(Milpieces::new);
        prop_assert_eq!(Milpieces::new(a).checked_add(Milpieces::new(b)), expected);
        let exact = i128::from(a) - i128::from(b);
        prop_assert_eq!(Milpieces::new(a).checked_sub(Milpieces::new(b)), i64::try_from(exact).ok().map(Milpieces::new));
    }

    #[test]
    fn checked_mul_matches_i128(a in any::<i64>(), q in any::<i64>()) {
        let expected = i64::try_from(i128::from(a) * i128::from(q)).ok().map(Milpieces::new);
        prop_assert_eq!(Milpieces::new(a).checked_mul(q), expected);
    }

    #[test]
    fn checked_sum_is_none_exactly_when_the_true_sum_overflows(values in prop::collection::vec(any::<i64>(), 0..8)) {
        let mut acc: Option<i64> = Some(0);
        for v in &values {
            acc = acc.and_then(|a| a.checked_add(*v));
        }
        prop_assert_eq!(Milpieces::checked_sum(values.iter().copied().map(Milpieces::new)), acc.map(Milpieces::new));
    }

    #[test]
    fn money_arithmetic_needs_one_currency(a in any::<i32>(), b in any::<i32>()) {
        let x = Money::new(Milpieces::new(a.into()), "EUR");
        let y = Money::new(Milpieces::new(b.into()), "EUR");
        let z = Money::new(Milpieces::new(b.into()), "GBP");
        prop_assert_eq!(x.checked_add(&y).map(|m| m.amount().get()), Ok(i64::from(a) + i64::from(b)));
        let mismatch = matches!(x.checked_sub(&z), Err(MoneyError::CurrencyMismatch { .. }));
        prop_assert!(mismatch, "EUR minus GBP must be refused");
    }
}
