// The `parameter-names` pass on fixtures/envelopes_codes.yaml: what it added, changed or removed.

// top level, impl Client, changed: fn delete_customer
impl Client {
    /**Delete one customer

Sends a `DELETE` request to `/c2a/customer/{customerUrn}`

```ignore
let response = client.delete_customer()
    .customer_urn(customer_urn)
    .idempotency_key(idempotency_key)
    .send()
    .await;
```*/
    pub fn delete_customer(&self) -> builder::DeleteCustomer<'_> {
        builder::DeleteCustomer::new(self)
    }
}

// mod builder, impl<'a> DeleteCustomer<'a>, added: fn idempotency_key
impl<'a> DeleteCustomer<'a> {
    pub fn idempotency_key<V>(mut self, value: V) -> Self
    where
        V: std::convert::TryInto<::std::string::String>,
    {
        self.request_id = value
            .try_into()
            .map_err(|_| {
                "conversion to `:: std :: string :: String` for request_id failed"
                    .to_string()
            });
        self
    }
}

// mod builder, impl<'a> DeleteCustomer<'a>, removed: fn request_id
