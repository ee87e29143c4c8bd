// The `money` pass on fixtures/money_redaction.yaml: what it added, changed or removed.

// mod types, added: impl Price
impl Price {
    /// The amount with its currency, when both are present.
    pub fn money(&self) -> ::std::option::Option<c2a_runtime::money::Money> {
        ::std::option::Option::Some(
            c2a_runtime::money::Money::new(self.amount_milpieces, self.currency.clone()?),
        )
    }
}
