//! Money: integer milpieces, never floating point.
//!
//! Every amount the spec types as the `Milpieces` component is a [`Milpieces`] here (the
//! generator swaps the generated newtype for this one). The docs' display rule is
//! `display amount = milpieces / 100` with two decimals (`1499` is `14.99`); see
//! `openapi/DECISIONS.md` (D-11) for how that rule conflicts with the "1/1000 minor unit"
//! wording. Arithmetic is checked; nothing rounds.

use std::fmt;
use std::iter::Sum;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Milpieces per display unit: the docs' rule is `display = milpieces / 100`.
const DISPLAY_DIVISOR: i64 = 100;

/// An amount of money in milpieces, as on the wire (`amountMilpieces`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Milpieces(i64);

impl Milpieces {
    /// Zero.
    pub const ZERO: Self = Self(0);

    /// The amount with this wire value.
    pub const fn new(milpieces: i64) -> Self {
        Self(milpieces)
    }

    /// The wire value.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// `self + other`, or `None` on overflow.
    pub const fn checked_add(self, other: Self) -> Option<Self> {
        match self.0.checked_add(other.0) {
            Some(v) => Some(Self(v)),
            None => None,
        }
    }

    /// `self - other`, or `None` on overflow.
    pub const fn checked_sub(self, other: Self) -> Option<Self> {
        match self.0.checked_sub(other.0) {
            Some(v) => Some(Self(v)),
            None => None,
        }
    }

    /// `self * quantity` (a line of `quantity` items), or `None` on overflow.
    pub const fn checked_mul(self, quantity: i64) -> Option<Self> {
        match self.0.checked_mul(quantity) {
            Some(v) => Some(Self(v)),
            None => None,
        }
    }

    /// The sum of `amounts`, or `None` on overflow.
    pub fn checked_sum<I: IntoIterator<Item = Self>>(amounts: I) -> Option<Self> {
        amounts.into_iter().try_fold(Self::ZERO, Self::checked_add)
    }
}

impl From<i64> for Milpieces {
    fn from(milpieces: i64) -> Self {
        Self(milpieces)
    }
}

impl From<Milpieces> for i64 {
    fn from(amount: Milpieces) -> Self {
        amount.0
    }
}

/// Panics on overflow, in every build (unlike integer `+`, which wraps in release builds);
/// use [`Milpieces::checked_sum`] where the amounts come from outside.
impl Sum for Milpieces {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Self::checked_sum(iter).expect("sum of milpieces overflowed i64")
    }
}

/// The display amount: `milpieces / 100` with two decimals (`1499` -> `14.99`).
impl fmt::Display for Milpieces {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let divisor = DISPLAY_DIVISOR.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / divisor, abs % divisor)
    }
}

/// Why a display string is not an exact amount.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseMilpiecesError {
    /// Not of the form `-?digits(.d{1,2})?`.
    #[error("`{0}` is not an amount like 14.99")]
    Syntax(String),
    /// More than two decimals: the amount is not a whole number of milpieces.
    #[error("`{0}` has more than two decimals and cannot be represented exactly")]
    Inexact(String),
    /// Outside the range of `i64` milpieces.
    #[error("`{0}` is too large")]
    Overflow(String),
}

/// Parses a display amount (`14.99`, `-3`, `0.5`) back to milpieces, exactly or not at all.
impl FromStr for Milpieces {
    type Err = ParseMilpiecesError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || ParseMilpiecesError::Syntax(s.to_owned());
        let (negative, unsigned) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (unsigned.contains('.') && !digits(fraction)) {
            return Err(syntax());
        }
        if fraction.len() > 2 {
            return Err(ParseMilpiecesError::Inexact(s.to_owned()));
        }
        let overflow = || ParseMilpiecesError::Overflow(s.to_owned());
        // i128 holds any magnitude that could fit i64 after the sign (|i64::MIN| > i64::MAX).
        let whole: i128 = whole.parse().map_err(|_| overflow())?;
        let fraction: i128 = format!("{fraction:0<2}").parse().map_err(|_| syntax())?;
        let magnitude = whole.checked_mul(i128::from(DISPLAY_DIVISOR)).and_then(|w| w.checked_add(fraction));
        let value = if negative { magnitude.map(|m| -m) } else { magnitude };
        value.and_then(|v| i64::try_from(v).ok()).map(Self).ok_or_else(overflow)
    }
}

/// An amount together with its currency (the spec's `x-money` pairs, e.g. `Price`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Milpieces,
    currency: String,
}

/// Why two [`Money`] values cannot be combined.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The currencies differ; converting is not this library's business.
    #[error("cannot combine {left} with {right}")]
    CurrencyMismatch {
        /// Currency of the left operand.
        left: String,
        /// Currency of the right operand.
        right: String,
    },
    /// The result does not fit in `i64` milpieces.
    #[error("amount overflow")]
    Overflow,
}

impl Money {
    /// `amount` in `currency` (an ISO 4217 code such as `EUR`).
    pub fn new(amount: Milpieces, currency: impl Into<String>) -> Self {
        Self { amount, currency: currency.into() }
    }

    /// The amount.
    pub fn amount(&self) -> Milpieces {
        self.amount
    }

    /// The currency code.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// `self + other` in the same currency.
    pub fn checked_add(&self, other: &Self) -> Result<Self, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_add(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Self::new(amount, self.currency.clone()))
    }

    /// `self - other` in the same currency.
    pub fn checked_sub(&self, other: &Self) -> Result<Self, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_sub(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Self::new(amount, self.currency.clone()))
    }

    /// `self * quantity`.
    pub fn checked_mul(&self, quantity: i64) -> Result<Self, MoneyError> {
        let amount = self.amount.checked_mul(quantity).ok_or(MoneyError::Overflow)?;
        Ok(Self::new(amount, self.currency.clone()))
    }

    fn same_currency(&self, other: &Self) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch { left: self.currency.clone(), right: other.currency.clone() })
        }
    }
}

/// `14.99 EUR`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_follows_the_documented_rule() {
        assert_eq!(Milpieces::new(1499).to_string(), "14.99");
        assert_eq!(Milpieces::new(5).to_string(), "0.05");
        assert_eq!(Milpieces::new(-1499).to_string(), "-14.99");
        assert_eq!(Milpieces::new(i64::MIN).to_string(), "-92233720368547758.08");
    }

    #[test]
    fn parse_is_exact_or_an_error() {
        assert_eq!("14.99".parse(), Ok(Milpieces::new(1499)));
        assert_eq!("14.9".parse(), Ok(Milpieces::new(1490)));
        assert_eq!("-3".parse(), Ok(Milpieces::new(-300)));
        assert!(matches!("14.999".parse::<Milpieces>(), Err(ParseMilpiecesError::Inexact(_))));
        for bad in ["", "-", "1.", ".5", "1,50", "1e3", "+1", " 1", "1.-5"] {
            assert!(matches!(bad.parse::<Milpieces>(), Err(ParseMilpiecesError::Syntax(_))), "{bad:?}");
        }
        assert!(matches!("92233720368547758.08".parse::<Milpieces>(), Err(ParseMilpiecesError::Overflow(_))));
        assert_eq!("-92233720368547758.08".parse(), Ok(Milpieces::new(i64::MIN)));
    }

    #[test]
    fn money_refuses_mixed_currencies() {
        let eur = Money::new(Milpieces::new(1499), "EUR");
        let usd = Money::new(Milpieces::new(100), "USD");
        assert_eq!(
            eur.checked_add(&usd),
            Err(MoneyError::CurrencyMismatch { left: "EUR".into(), right: "USD".into() })
        );
        assert_eq!(eur.checked_add(&eur).map(|m| m.to_string()), Ok("29.98 EUR".to_owned()));
        assert_eq!(eur.checked_mul(3).map(|m| m.amount()), Ok(Milpieces::new(4497)));
        assert_eq!(Money::new(Milpieces::new(i64::MAX), "EUR").checked_add(&eur), Err(MoneyError::Overflow));
    }

    #[test]
    fn serde_is_the_bare_integer() {
        assert_eq!(serde_json::to_string(&Milpieces::new(1499)).ok(), Some("1499".to_owned()));
        assert_eq!(serde_json::from_str::<Milpieces>("1499").ok(), Some(Milpieces::new(1499)));
        assert!(serde_json::from_str::<Milpieces>("14.99").is_err(), "no floats on the wire");
    }
}
