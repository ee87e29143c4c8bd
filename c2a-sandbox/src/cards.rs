//! Card checks and the sandbox's test cards.

/// What the emulated PSP does with a card. Derived once from the PAN when a card is
/// submitted or tokenized; the raw PAN is never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CardBehaviour {
    /// Authorises (`4242424242424242` and every other valid test number).
    Approve,
    /// Declined by the issuer (`4000000000000002`).
    Decline,
    /// Needs a 3DS challenge first (`4000000000003220`).
    ThreeDs,
    /// The PSP answers with a network / 5xx error (`4000000000000119`).
    PspUnavailable,
}

pub(crate) const CARD_APPROVE: &str = "4242424242424242";
pub(crate) const CARD_DECLINE: &str = "4000000000000002";
pub(crate) const CARD_3DS: &str = "4000000000003220";
pub(crate) const CARD_PSP_UNAVAILABLE: &str = "4000000000000119";

pub(crate) fn behaviour(pan: &str) -> CardBehaviour {
    match pan {
        CARD_DECLINE => CardBehaviour::Decline,
        CARD_3DS => CardBehaviour::ThreeDs,
        CARD_PSP_UNAVAILABLE => CardBehaviour::PspUnavailable,
        _ => CardBehaviour::Approve,
    }
}

/// The PAN without the spaces and dashes people type.
pub(crate) fn normalise_pan(raw: &str) -> String {
    raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect()
}

pub(crate) fn luhn_valid(pan: &str) -> bool {
    if !(12..=19).contains(&pan.len()) || !pan.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = pan
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Card brand from the IIN, in the docs' spelling (VISA, MASTERCARD, ...).
pub(crate) fn brand(pan: &str) -> &'static str {
    let prefix = |n: usize| pan.get(..n).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    if pan.starts_with('4') {
        "VISA"
    } else if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) {
        "MASTERCARD"
    } else if matches!(prefix(2), 34 | 37) {
        "AMEX"
    } else if pan.starts_with("6011") || pan.starts_with("65") {
        "DISCOVER"
    } else {
        "UNKNOWN"
    }
}

/// First six and last four digits, the rest masked: `411111******1111`.
pub(crate) fn mask(pan: &str) -> String {
    let len = pan.len();
    if len < 10 {
        return "*".repeat(len);
    }
    format!("{}{}{}", &pan[..6], "*".repeat(len - 10), &pan[len - 4..])
}

/// Checks the expiry (`MM`, `YYYY`) against the current year and month; `Err` names the
/// problem.
pub(crate) fn check_expiry(month: &str, year: &str, now: (i32, u32)) -> Result<(), &'static str> {
    if month.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expireMonth must be two digits (MM)");
    }
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expireYear must be four digits (YYYY)");
    }
    let m: u32 = month.parse().map_err(|_| "expireMonth must be two digits (MM)")?;
    let y: i32 = year.parse().map_err(|_| "expireYear must be four digits (YYYY)")?;
    if !(1..=12).contains(&m) {
        return Err("expireMonth must be between 01 and 12");
    }
    if (y, m) < now {
        return Err("the card has expired");
    }
    Ok(())
}

pub(crate) fn cvc_valid(cvc: &str) -> bool {
    (3..=4).contains(&cvc.len()) && cvc.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_and_rejects_typos() {
        for pan in [CARD_APPROVE, CARD_DECLINE, CARD_3DS, CARD_PSP_UNAVAILABLE, "4111111111111111"] {
            assert!(luhn_valid(pan), "{pan}");
        }
        assert!(!luhn_valid("4242424242424241"));
        assert!(!luhn_valid("42424242"));
        assert!(!luhn_valid("4242x24242424242"));
    }

    #[test]
    fn masks_brands_and_expiry() {
        assert_eq!(mask("4111111111111111"), "411111******1111");
        assert_eq!(brand("4111111111111111"), "VISA");
        assert_eq!(brand("5555555555554444"), "MASTERCARD");
        assert_eq!(brand("378282246310005"), "AMEX");
        assert_eq!(check_expiry("12", "2029", (2026, 5)), Ok(()));
        assert_eq!(check_expiry("05", "2026", (2026, 5)), Ok(()));
        assert!(check_expiry("04", "2026", (2026, 5)).is_err());
        assert!(check_expiry("13", "2030", (2026, 5)).is_err());
        assert!(check_expiry("1", "2030", (2026, 5)).is_err());
        assert!(check_expiry("01", "30", (2026, 5)).is_err());
    }
}
