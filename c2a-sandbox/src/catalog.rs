//! The catalog every tenant starts with. URNs carry the tenant's index as their middle
//! segment (`st.00.001` for the first tenant, `st.01.001` for the second), so a URN of one
//! tenant never names anything of another.

/// One sellable bundle. Prices are in milpieces, as on the wire.
#[derive(Clone, Debug)]
pub(crate) struct Bundle {
    pub(crate) urn: String,
    pub(crate) name: &'static str,
    pub(crate) sku: &'static str,
    pub(crate) price: i64,
    /// Price of the retention (winback) offer; `None`: no retention offer for this bundle.
    pub(crate) winback_price: Option<i64>,
}

#[derive(Clone, Debug)]
pub(crate) struct Storefront {
    pub(crate) urn: String,
    pub(crate) currency: &'static str,
    pub(crate) bundles: Vec<Bundle>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Promotion {
    pub(crate) code: &'static str,
    pub(crate) percent_off: i64,
    pub(crate) expired: bool,
}

/// A valid promotion code (20% off), the one the docs' examples use.
pub(crate) const PROMOTION_CODE: &str = "CMP1WKWAFY";
/// A second valid promotion code (10% off).
pub(crate) const PROMOTION_CODE_10: &str = "WELCOME10";
/// A promotion code that exists but has expired (INVALID_PROMOTION_CODE).
pub(crate) const EXPIRED_PROMOTION_CODE: &str = "EXPIRED2023";

const PROMOTIONS: [Promotion; 3] = [
    Promotion { code: PROMOTION_CODE, percent_off: 20, expired: false },
    Promotion { code: PROMOTION_CODE_10, percent_off: 10, expired: false },
    Promotion { code: EXPIRED_PROMOTION_CODE, percent_off: 50, expired: true },
];

#[derive(Clone, Debug)]
pub(crate) struct Catalog {
    pub(crate) storefronts: Vec<Storefront>,
}

pub(crate) fn storefront_urn(tenant: usize, n: u32) -> String {
    format!("st.{tenant:02}.{n:03}")
}

impl Catalog {
    pub(crate) fn seeded(tenant: usize) -> Self {
        let bundle = |n: u32, name, sku, price, winback_price| Bundle {
            urn: format!("bn.{tenant:02}.{n}"),
            name,
            sku,
            price,
            winback_price,
        };
        Self {
            storefronts: vec![
                Storefront {
                    urn: storefront_urn(tenant, 1),
                    currency: "EUR",
                    bundles: vec![
                        bundle(42, "Pro Monthly", "PRO-M-1", 1499, Some(749)),
                        bundle(43, "Pro Yearly", "PRO-Y-1", 14990, Some(11990)),
                    ],
                },
                Storefront {
                    urn: storefront_urn(tenant, 2),
                    currency: "USD",
                    bundles: vec![bundle(50, "Basic Monthly", "BASIC-M-1", 999, None)],
                },
                Storefront { urn: storefront_urn(tenant, 3), currency: "EUR", bundles: Vec::new() },
            ],
        }
    }

    pub(crate) fn storefront(&self, urn: &str) -> Option<&Storefront> {
        self.storefronts.iter().find(|s| s.urn == urn)
    }

    pub(crate) fn default_storefront(&self) -> &Storefront {
        &self.storefronts[0]
    }

    pub(crate) fn promotion(code: &str) -> Option<Promotion> {
        PROMOTIONS.iter().copied().find(|p| p.code.eq_ignore_ascii_case(code))
    }

    /// The storefront that sells a bundle.
    pub(crate) fn storefront_of(&self, bundle_urn: &str) -> Option<&Storefront> {
        self.storefronts.iter().find(|s| s.bundles.iter().any(|b| b.urn == bundle_urn))
    }
}

impl Promotion {
    pub(crate) fn apply(self, price: i64) -> i64 {
        price * (100 - self.percent_off) / 100
    }
}
