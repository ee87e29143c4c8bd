// The `codegen-on-use` pass on fixtures/minimal.yaml, after client-constructors, operations, envelope-calls: what it added, changed or removed.

// mod types, impl AzotteStatus, changed: fn builder
impl AzotteStatus {
    #[inline]
    pub fn builder() -> builder::AzotteStatus {
        Default::default()
    }
}

// mod types, impl ::std::fmt::Display for EnColor, changed: fn fmt
impl ::std::fmt::Display for EnColor {
    #[inline]
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match *self {
            Self::Red => f.write_str("Red"),
            Self::Blue => f.write_str("Blue"),
        }
    }
}

// mod types, impl ::std::str::FromStr for EnColor, changed: fn from_str
impl ::std::str::FromStr for EnColor {
    #[inline]
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        match value {
            "Red" => Ok(Self::Red),
            "Blue" => Ok(Self::Blue),
            _ => Err("invalid value".into()),
        }
    }
}

// mod types, impl ::std::convert::TryFrom<&str> for EnColor, changed: fn try_from
impl ::std::convert::TryFrom<&str> for EnColor {
    #[inline]
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}

// mod types, impl ::std::convert::TryFrom<::std::string::String> for EnColor, changed: fn try_from
impl ::std::convert::TryFrom<::std::string::String> for EnColor {
    #[inline]
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}

// mod types, impl ::std::fmt::Display for MessageCode, changed: fn fmt
impl ::std::fmt::Display for MessageCode {
    #[inline]
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match *self {
            Self::Success => f.write_str("SUCCESS"),
            Self::ThingNotFound => f.write_str("THING_NOT_FOUND"),
        }
    }
}

// mod types, impl ::std::str::FromStr for MessageCode, changed: fn from_str
impl ::std::str::FromStr for MessageCode {
    #[inline]
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        match value {
            "SUCCESS" => Ok(Self::Success),
            "THING_NOT_FOUND" => Ok(Self::ThingNotFound),
            _ => Err("invalid value".into()),
        }
    }
}

// mod types, impl ::std::convert::TryFrom<&str> for MessageCode, changed: fn try_from
impl ::std::convert::TryFrom<&str> for MessageCode {
    #[inline]
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}

// mod types, impl ::std::convert::TryFrom<::std::string::String> for MessageCode, changed: fn try_from
impl ::std::convert::TryFrom<::std::string::String> for MessageCode {
    #[inline]
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}

// mod types, impl StatusResponse, changed: fn builder
impl StatusResponse {
    #[inline]
    pub fn builder() -> builder::StatusResponse {
        Default::default()
    }
}

// mod types, impl Thing, changed: fn builder
impl Thing {
    #[inline]
    pub fn builder() -> builder::Thing {
        Default::default()
    }
}

// mod types, impl ThingResponse, changed: fn builder
impl ThingResponse {
    #[inline]
    pub fn builder() -> builder::ThingResponse {
        Default::default()
    }
}

// mod types::builder, impl ::std::default::Default for AzotteStatus, changed: fn default
impl ::std::default::Default for AzotteStatus {
    #[inline]
    fn default() -> Self {
        Self {
            message: Ok(Default::default()),
            message_code: Err("no value supplied for message_code".to_string()),
        }
    }
}

// mod types::builder, impl ::std::convert::TryFrom<AzotteStatus> for super::AzotteStatus, changed: fn try_from
impl ::std::convert::TryFrom<AzotteStatus> for super::AzotteStatus {
    #[inline]
    fn try_from(
        value: AzotteStatus,
    ) -> ::std::result::Result<Self, super::error::ConversionError> {
        Ok(Self {
            message: value.message?,
            message_code: value.message_code?,
        })
    }
}

// mod types::builder, impl ::std::convert::From<super::AzotteStatus> for AzotteStatus, changed: fn from
impl ::std::convert::From<super::AzotteStatus> for AzotteStatus {
    #[inline]
    fn from(value: super::AzotteStatus) -> Self {
        Self {
            message: Ok(value.message),
            message_code: Ok(value.message_code),
        }
    }
}

// mod types::builder, impl ::std::default::Default for StatusResponse, changed: fn default
impl ::std::default::Default for StatusResponse {
    #[inline]
    fn default() -> Self {
        Self {
            status: Err("no value supplied for status".to_string()),
        }
    }
}

// mod types::builder, impl ::std::convert::TryFrom<StatusResponse> for super::StatusResponse, changed: fn try_from
impl ::std::convert::TryFrom<StatusResponse> for super::StatusResponse {
    #[inline]
    fn try_from(
        value: StatusResponse,
    ) -> ::std::result::Result<Self, super::error::ConversionError> {
        Ok(Self { status: value.status? })
    }
}

// mod types::builder, impl ::std::convert::From<super::StatusResponse> for StatusResponse, changed: fn from
impl ::std::convert::From<super::StatusResponse> for StatusResponse {
    #[inline]
    fn from(value: super::StatusResponse) -> Self {
        Self { status: Ok(value.status) }
    }
}

// mod types::builder, impl ::std::default::Default for Thing, changed: fn default
impl ::std::default::Default for Thing {
    #[inline]
    fn default() -> Self {
        Self {
            color: Ok(Default::default()),
            price_milpieces: Ok(Default::default()),
            secret_code: Ok(Default::default()),
            thing_urn: Err("no value supplied for thing_urn".to_string()),
        }
    }
}

// mod types::builder, impl ::std::convert::TryFrom<Thing> for super::Thing, changed: fn try_from
impl ::std::convert::TryFrom<Thing> for super::Thing {
    #[inline]
    fn try_from(
        value: Thing,
    ) -> ::std::result::Result<Self, super::error::ConversionError> {
        Ok(Self {
            color: value.color?,
            price_milpieces: value.price_milpieces?,
            secret_code: value.secret_code?,
            thing_urn: value.thing_urn?,
        })
    }
}

// mod types::builder, impl ::std::convert::From<super::Thing> for Thing, changed: fn from
impl ::std::convert::From<super::Thing> for Thing {
    #[inline]
    fn from(value: super::Thing) -> Self {
        Self {
            color: Ok(value.color),
            price_milpieces: Ok(value.price_milpieces),
            secret_code: Ok(value.secret_code),
            thing_urn: Ok(value.thing_urn),
        }
    }
}

// mod types::builder, impl ::std::default::Default for ThingResponse, changed: fn default
impl ::std::default::Default for ThingResponse {
    #[inline]
    fn default() -> Self {
        Self {
            result: Ok(Default::default()),
            status: Err("no value supplied for status".to_string()),
        }
    }
}

// mod types::builder, impl ::std::convert::TryFrom<ThingResponse> for super::ThingResponse, changed: fn try_from
impl ::std::convert::TryFrom<ThingResponse> for super::ThingResponse {
    #[inline]
    fn try_from(
        value: ThingResponse,
    ) -> ::std::result::Result<Self, super::error::ConversionError> {
        Ok(Self {
            result: value.result?,
            status: value.status?,
        })
    }
}

// mod types::builder, impl ::std::convert::From<super::ThingResponse> for ThingResponse, changed: fn from
impl ::std::convert::From<super::ThingResponse> for ThingResponse {
    #[inline]
    fn from(value: super::ThingResponse) -> Self {
        Self {
            result: Ok(value.result),
            status: Ok(value.status),
        }
    }
}

// mod types::error, impl ::std::fmt::Display for ConversionError, changed: fn fmt
impl ::std::fmt::Display for ConversionError {
    #[inline]
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> Result<(), ::std::fmt::Error> {
        ::std::fmt::Display::fmt(&self.0, f)
    }
}

// mod types::error, impl ::std::fmt::Debug for ConversionError, changed: fn fmt
impl ::std::fmt::Debug for ConversionError {
    #[inline]
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> Result<(), ::std::fmt::Error> {
        ::std::fmt::Debug::fmt(&self.0, f)
    }
}

// mod types::error, impl From<&'static str> for ConversionError, changed: fn from
impl From<&'static str> for ConversionError {
    #[inline]
    fn from(value: &'static str) -> Self {
        Self(value.into())
    }
}

// mod types::error, impl From<String> for ConversionError, changed: fn from
impl From<String> for ConversionError {
    #[inline]
    fn from(value: String) -> Self {
        Self(value.into())
    }
}

// mod types, impl c2a_runtime::Envelope for ThingResponse, changed: fn status
impl c2a_runtime::Envelope for ThingResponse {
    #[inline]
    fn status(&self) -> &AzotteStatus {
        &self.status
    }
}

// mod types, impl c2a_runtime::Envelope for ThingResponse, changed: fn into_payload
impl c2a_runtime::Envelope for ThingResponse {
    #[inline]
    fn into_payload(self) -> ::std::option::Option<Self::Payload> {
        self.result
    }
}

// top level, impl Client, changed: fn new_with_client
impl Client {
    /// The client over `client`; only `GeneratedClient::from_parts` calls it, with parts that only `ClientBuilder::build` makes, after applying the client's invariants (no redirects, the API key as a sensitive header, the body cap), so no client exists without them.
    #[inline]
    pub(crate) fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: c2a_runtime::RuntimeConfig,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}

// top level, impl ClientInfo<c2a_runtime::RuntimeConfig> for Client, changed: fn api_version
impl ClientInfo<c2a_runtime::RuntimeConfig> for Client {
    #[inline]
    fn api_version() -> &'static str {
        "v1"
    }
}

// top level, impl ClientInfo<c2a_runtime::RuntimeConfig> for Client, changed: fn baseurl
impl ClientInfo<c2a_runtime::RuntimeConfig> for Client {
    #[inline]
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
}

// top level, impl ClientInfo<c2a_runtime::RuntimeConfig> for Client, changed: fn client
impl ClientInfo<c2a_runtime::RuntimeConfig> for Client {
    #[inline]
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

// top level, impl ClientInfo<c2a_runtime::RuntimeConfig> for Client, changed: fn inner
impl ClientInfo<c2a_runtime::RuntimeConfig> for Client {
    #[inline]
    fn inner(&self) -> &c2a_runtime::RuntimeConfig {
        &self.inner
    }
}

// top level, changed: const _
const _: () = {
    #[allow(dead_code)]
    #[inline]
    fn assert_client_hooks()
    where
        Client: ClientHooks<c2a_runtime::RuntimeConfig>,
    {}
};

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
    #[inline]
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
    #[inline]
    pub fn store_thing(&self) -> builder::StoreThing<'_> {
        builder::StoreThing::new(self)
    }
}

// mod builder, impl<'a> GetThing<'a>, changed: fn new
impl<'a> GetThing<'a> {
    #[inline]
    pub fn new(client: &'a super::Client) -> Self {
        Self {
            client: client,
            thing_urn: Err("thing_urn was not initialized".to_string()),
        }
    }
}

// mod builder, impl<'a> GetThing<'a>, changed: fn send_raw
impl<'a> GetThing<'a> {
    /// Sends the request (with the client's retries) and returns the raw HTTP response,
    /// whatever its status, without decoding the envelope. Prefer `send`.
    #[inline]
    pub async fn send_raw(
        self,
    ) -> Result<reqwest::Response, Error<types::StatusResponse>> {
        let Self { client, thing_urn } = self;
        let thing_urn = thing_urn.map_err(Error::InvalidRequest)?;
        let url = format!(
            "{}/c2a/thing/{}", client.baseurl, encode_path(& thing_urn.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = client
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "get_thing",
        };
        client.pre(&mut request, &info).await?;
        let result = client.exec(request, &info).await;
        client.post(&result, &info).await?;
        let response = result?;
        Ok(response)
    }
}

// mod builder, impl<'a> GetThing<'a>, changed: fn send
impl<'a> GetThing<'a> {
    /// Sends the request and returns the payload.
    ///
    /// Fails with `Error::Api` when `status.messageCode` is not a success code of this
    /// operation, and with the other `Error` variants for transport, auth and
    /// decoding failures. Transient failures are retried per the client's `RetryPolicy`
    /// when repeating is safe.
    #[inline]
    pub async fn send(
        self,
    ) -> ::std::result::Result<types::Thing, super::runtime_types::Error> {
        c2a_runtime::call::<
            types::ThingResponse,
            _,
        >(&super::operations::GET_THING, self.send_raw())
            .await
            .map(super::runtime_types::Response::into_payload)
    }
}

// mod builder, impl<'a> GetThing<'a>, changed: fn send_with_response
impl<'a> GetThing<'a> {
    /// Like `send`, keeping the HTTP status, headers and the envelope's status.
    #[inline]
    pub async fn send_with_response(
        self,
    ) -> ::std::result::Result<
        super::runtime_types::Response<types::Thing>,
        super::runtime_types::Error,
    > {
        c2a_runtime::call::<
            types::ThingResponse,
            _,
        >(&super::operations::GET_THING, self.send_raw())
            .await
    }
}

// mod builder, impl<'a> StoreThing<'a>, changed: fn new
impl<'a> StoreThing<'a> {
    #[inline]
    pub fn new(client: &'a super::Client) -> Self {
        Self {
            client: client,
            body: Ok(::std::default::Default::default()),
        }
    }
}

// mod builder, impl<'a> StoreThing<'a>, changed: fn send_raw
impl<'a> StoreThing<'a> {
    /// Sends the request (with the client's retries) and returns the raw HTTP response,
    /// whatever its status, without decoding the envelope. Prefer `send`.
    #[inline]
    pub async fn send_raw(
        self,
    ) -> Result<reqwest::Response, Error<types::StatusResponse>> {
        let Self { client, body } = self;
        let body = body
            .and_then(|v| types::Thing::try_from(v).map_err(|e| e.to_string()))
            .map_err(Error::InvalidRequest)?;
        let url = format!("{}/c2a/thing", client.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map
            .append(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
            );
        #[allow(unused_mut)]
        let mut request = client
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "store_thing",
        };
        client.pre(&mut request, &info).await?;
        let result = client.exec(request, &info).await;
        client.post(&result, &info).await?;
        let response = result?;
        Ok(response)
    }
}

// mod builder, impl<'a> StoreThing<'a>, changed: fn send
impl<'a> StoreThing<'a> {
    /// Sends the request and returns the payload.
    ///
    /// Fails with `Error::Api` when `status.messageCode` is not a success code of this
    /// operation, and with the other `Error` variants for transport, auth and
    /// decoding failures. Transient failures are retried per the client's `RetryPolicy`
    /// when repeating is safe.
    #[inline]
    pub async fn send(
        self,
    ) -> ::std::result::Result<types::Thing, super::runtime_types::Error> {
        c2a_runtime::call::<
            types::ThingResponse,
            _,
        >(&super::operations::STORE_THING, self.send_raw())
            .await
            .map(super::runtime_types::Response::into_payload)
    }
}

// mod builder, impl<'a> StoreThing<'a>, changed: fn send_with_response
impl<'a> StoreThing<'a> {
    /// Like `send`, keeping the HTTP status, headers and the envelope's status.
    #[inline]
    pub async fn send_with_response(
        self,
    ) -> ::std::result::Result<
        super::runtime_types::Response<types::Thing>,
        super::runtime_types::Error,
    > {
        c2a_runtime::call::<
            types::ThingResponse,
            _,
        >(&super::operations::STORE_THING, self.send_raw())
            .await
    }
}

// top level, impl Client, changed: fn builder
impl Client {
    /// Starts configuring a client; `build()` is the only way to make one.
    ///
    /// ```
    /// use c2a_client::{Client, Environment};
    /// let client = Client::builder()
    ///     .environment(Environment::Sandbox, "acme")
    ///     .api_key("sk_dev_acme_sample_123456789")
    ///     .tenant("e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f")
    ///     .build()?;
    /// assert_eq!(client.base_url(), "https://acme.sandbox.azotte.com/api/v1");
    /// # Ok::<(), c2a_client::ConfigError>(())
    /// ```
    #[inline]
    pub fn builder() -> runtime_types::ClientBuilder {
        c2a_runtime::ClientBuilder::new()
    }
}

// top level, impl Client, changed: fn with_options
impl Client {
    /// A handle on the same connection pool and credentials with some settings
    /// overridden, for one call or a few. Cheap: no new connections, the API key
    /// and tenant are shared, never copied out.
    ///
    /// ```no_run
    /// # async fn example(client: &c2a_client::Client) -> Result<(), c2a_client::Error> {
    /// use std::time::Duration;
    /// use c2a_client::{CallOptions, RetryPolicy};
    ///
    /// let quick = CallOptions::new().total_timeout(Duration::from_secs(2)).retry(RetryPolicy::none());
    /// let customer = client.with_options(quick).get_customer_info().customer_urn("cu.1").send().await?;
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn with_options(&self, options: c2a_runtime::CallOptions) -> Self {
        let mut client = self.clone();
        options.apply(&mut client.inner);
        client
    }
}

// top level, impl Client, changed: fn base_url
impl Client {
    /// The base URL every path is appended to.
    #[inline]
    pub fn base_url(&self) -> &str {
        &self.baseurl
    }
}

// top level, impl Client, changed: fn settings
impl Client {
    /// The settings calls run with.
    #[inline]
    pub fn settings(&self) -> &c2a_runtime::RuntimeConfig {
        &self.inner
    }
}

// top level, impl c2a_runtime::GeneratedClient for Client, changed: fn from_parts
impl c2a_runtime::GeneratedClient for Client {
    #[inline]
    fn from_parts(parts: c2a_runtime::ClientParts<Self>) -> Self {
        let (base_url, http, config) = parts.into_parts();
        Self::new_with_client(&base_url, http, config)
    }
}

// mod operations, changed: fn decode
/// Decodes a complete response of the operation `id` exactly as its `send()` does,
/// keeping only the outcome; `None` for an unknown id. Used to replay recordings.
#[inline]
pub fn decode(
    id: &str,
    status: ::reqwest::StatusCode,
    headers: ::reqwest::header::HeaderMap,
    body: &[u8],
) -> ::std::option::Option<::std::result::Result<(), super::runtime_types::Error>> {
    ::std::option::Option::Some(
        match id {
            "get_thing" => {
                c2a_runtime::decode_body::<
                    super::types::ThingResponse,
                >(&GET_THING, status, headers, body)
                    .map(drop)
            }
            "store_thing" => {
                c2a_runtime::decode_body::<
                    super::types::ThingResponse,
                >(&STORE_THING, status, headers, body)
                    .map(drop)
            }
            _ => return ::std::option::Option::None,
        },
    )
}
