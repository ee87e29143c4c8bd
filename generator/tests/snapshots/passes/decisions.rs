// The `decisions` pass on fixtures/waiters_decisions.yaml, after open-enums: what it added, changed or removed.

// mod types, added: enum CancelDecision
/// What `responseType` of a `CancelResponse` says to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum CancelDecision {
    /// `responseType` is `Processed`.
    Processed,
    /// `responseType` is `Offer`.
    Offer(RetentionOffer),
    /// A value this client does not know, no value, or a case without the data it carries.
    Unknown(::std::option::Option<EnResponseType>),
}

// mod types, added: impl CancelResponse
impl CancelResponse {
    /// The typed reading of `responseType`.
    pub fn decision(&self) -> CancelDecision {
        match self.response_type.as_ref().map(|v| v.as_str()) {
            ::std::option::Option::Some("Processed") => CancelDecision::Processed,
            ::std::option::Option::Some("Offer") => {
                match &self.offer {
                    ::std::option::Option::Some(v) => CancelDecision::Offer(v.clone()),
                    ::std::option::Option::None => {
                        CancelDecision::Unknown(self.response_type.clone())
                    }
                }
            }
            _ => CancelDecision::Unknown(self.response_type.clone()),
        }
    }
}
