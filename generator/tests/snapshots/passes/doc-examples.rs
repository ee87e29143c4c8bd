// The `doc-examples` pass on fixtures/envelopes_codes.yaml, after parameter-names: what it added, changed or removed.

// top level, impl Client, changed: fn get_customer
impl Client {
    /**Fetch one customer

Sends a `GET` request to `/c2a/customer/{customerUrn}`

```no_run
# async fn example(client: &c2a_client::Client) -> Result<(), Box<dyn std::error::Error>> {
let response = client.get_customer()
    .send()
    .await?;
# let _ = response;
# Ok(())
# }
```*/
    pub fn get_customer(&self) -> builder::GetCustomer<'_> {
        builder::GetCustomer::new(self)
    }
}

// top level, impl Client, changed: fn delete_customer
impl Client {
    /**Delete one customer

Sends a `DELETE` request to `/c2a/customer/{customerUrn}`

```no_run
# async fn example(client: &c2a_client::Client) -> Result<(), Box<dyn std::error::Error>> {
let response = client.delete_customer()
    .idempotency_key("r-2024-0001")
    .send()
    .await?;
# let _ = response;
# Ok(())
# }
```*/
    pub fn delete_customer(&self) -> builder::DeleteCustomer<'_> {
        builder::DeleteCustomer::new(self)
    }
}

// top level, impl Client, changed: fn validate_customer
impl Client {
    /**Check whether an external id is free

Sends a `POST` request to `/c2a/customer/validate`

```no_run
# async fn example(client: &c2a_client::Client) -> Result<(), Box<dyn std::error::Error>> {
let response = client.validate_customer()
    .send()
    .await?;
# let _ = response;
# Ok(())
# }
```*/
    pub fn validate_customer(&self) -> builder::ValidateCustomer<'_> {
        builder::ValidateCustomer::new(self)
    }
}
