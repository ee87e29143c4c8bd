//! One module per C2A area. Each handler validates its input (400 INVALID_REQUEST naming
//! the field), locks its tenant, and renders the documented envelope.

pub(crate) mod checkout;
pub(crate) mod customers;
pub(crate) mod offers;
pub(crate) mod payment_methods;
pub(crate) mod subscriptions;
