// The `doc-links` pass on fixtures/minimal.yaml: what it added, changed or removed.

// top level, impl Client, changed: fn get_thing
impl Client {
    /**Fetch one thing

Sends a `GET` request to `/c2a/thing/{thingUrn}`

```ignore
let response = client.get_thing()
    .thing_urn(thing_urn)
    .send()
    .await;
```*/
    ///
    /// See [T-01](https://docs.example.test/things/get).
    pub fn get_thing(&self) -> builder::GetThing<'_> {
        builder::GetThing::new(self)
    }
}

// top level, impl Client, changed: fn store_thing
impl Client {
    /**Store a thing

Sends a `POST` request to `/c2a/thing`

```ignore
let response = client.store_thing()
    .body(body)
    .send()
    .await;
```*/
    ///
    /// See [Azotte docs](https://docs.example.test/things/store).
    pub fn store_thing(&self) -> builder::StoreThing<'_> {
        builder::StoreThing::new(self)
    }
}
