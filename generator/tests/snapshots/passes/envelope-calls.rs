// The `envelope-calls` pass on fixtures/envelopes_codes.yaml, after operations: what it added, changed or removed.

// mod types, added: impl c2a_runtime::Envelope for CustomerResponse
impl c2a_runtime::Envelope for CustomerResponse {
    type Payload = Customer;
    type Status = AzotteStatus;
    const SCHEMA: &'static str = "CustomerResponse";
    fn status(&self) -> &AzotteStatus {
        &self.status
    }
    fn into_payload(self) -> ::std::option::Option<Self::Payload> {
        self.result
    }
}

// mod types, added: impl c2a_runtime::Envelope for StatusResponse
impl c2a_runtime::Envelope for StatusResponse {
    type Payload = ();
    type Status = AzotteStatus;
    const SCHEMA: &'static str = "StatusResponse";
    fn status(&self) -> &AzotteStatus {
        &self.status
    }
    fn into_payload(self) -> ::std::option::Option<Self::Payload> {
        ::std::option::Option::Some(())
    }
}

// mod types, added: impl c2a_runtime::Envelope for ValidateResponse
impl c2a_runtime::Envelope for ValidateResponse {
    type Payload = ValidateResponse;
    type Status = AzotteStatus;
    const SCHEMA: &'static str = "ValidateResponse";
    fn status(&self) -> &AzotteStatus {
        &self.status
    }
    fn into_payload(self) -> ::std::option::Option<Self::Payload> {
        ::std::option::Option::Some(self)
    }
}

// mod builder, impl<'a> GetCustomer<'a>, added: fn send_raw
impl<'a> GetCustomer<'a> {
    /// Sends the request (with the client's retries) and returns the raw HTTP response,
    /// whatever its status, without decoding the envelope. Prefer `send`.
    pub async fn send_raw(
        self,
    ) -> Result<reqwest::Response, Error<types::StatusResponse>> {
        let Self { client, customer_urn } = self;
        let customer_urn = customer_urn.map_err(Error::InvalidRequest)?;
        let url = format!(
            "{}/c2a/customer/{}", client.baseurl, encode_path(& customer_urn
            .to_string()),
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
            operation_id: "get_customer",
        };
        client.pre(&mut request, &info).await?;
        let result = client.exec(request, &info).await;
        client.post(&result, &info).await?;
        let response = result?;
        Ok(response)
    }
}

// mod builder, impl<'a> GetCustomer<'a>, changed: fn send
impl<'a> GetCustomer<'a> {
    /// Sends the request and returns the payload.
    ///
    /// Fails with `Error::Api` when `status.messageCode` is not a success code of this
    /// operation, and with the other `Error` variants for transport, auth and
    /// decoding failures. Transient failures are retried per the client's `RetryPolicy`
    /// when repeating is safe.
    pub async fn send(
        self,
    ) -> ::std::result::Result<types::Customer, super::runtime_types::Error> {
        c2a_runtime::call::<
            types::CustomerResponse,
            _,
        >(&super::operations::GET_CUSTOMER, self.send_raw())
            .await
            .map(super::runtime_types::Response::into_payload)
    }
}

// mod builder, impl<'a> GetCustomer<'a>, added: fn send_with_response
impl<'a> GetCustomer<'a> {
    /// Like `send`, keeping the HTTP status, headers and the envelope's status.
    pub async fn send_with_response(
        self,
    ) -> ::std::result::Result<
        super::runtime_types::Response<types::Customer>,
        super::runtime_types::Error,
    > {
        c2a_runtime::call::<
            types::CustomerResponse,
            _,
        >(&super::operations::GET_CUSTOMER, self.send_raw())
            .await
    }
}

// mod builder, impl<'a> DeleteCustomer<'a>, added: fn send_raw
impl<'a> DeleteCustomer<'a> {
    /// Sends the request (with the client's retries) and returns the raw HTTP response,
    /// whatever its status, without decoding the envelope. Prefer `send`.
    pub async fn send_raw(
        self,
    ) -> Result<reqwest::Response, Error<types::StatusResponse>> {
        let Self { client, customer_urn, request_id } = self;
        let customer_urn = customer_urn.map_err(Error::InvalidRequest)?;
        let request_id = request_id.map_err(Error::InvalidRequest)?;
        let url = format!(
            "{}/c2a/customer/{}", client.baseurl, encode_path(& customer_urn
            .to_string()),
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
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("requestId", &request_id))
            .headers(header_map)
            .build()?;
        let info = OperationInfo {
            operation_id: "delete_customer",
        };
        client.pre(&mut request, &info).await?;
        let result = client.exec(request, &info).await;
        client.post(&result, &info).await?;
        let response = result?;
        Ok(response)
    }
}

// mod builder, impl<'a> DeleteCustomer<'a>, changed: fn send
impl<'a> DeleteCustomer<'a> {
    /// Sends the request and returns the payload.
    ///
    /// Fails with `Error::Api` when `status.messageCode` is not a success code of this
    /// operation, and with the other `Error` variants for transport, auth and
    /// decoding failures. Transient failures are retried per the client's `RetryPolicy`
    /// when repeating is safe.
    pub async fn send(self) -> ::std::result::Result<(), super::runtime_types::Error> {
        c2a_runtime::call::<
            types::StatusResponse,
            _,
        >(&super::operations::DELETE_CUSTOMER, self.send_raw())
            .await
            .map(super::runtime_types::Response::into_payload)
    }
}

// mod builder, impl<'a> DeleteCustomer<'a>, added: fn send_with_response
impl<'a> DeleteCustomer<'a> {
    /// Like `send`, keeping the HTTP status, headers and the envelope's status.
    pub async fn send_with_response(
        self,
    ) -> ::std::result::Result<
        super::runtime_types::Response<()>,
        super::runtime_types::Error,
    > {
        c2a_runtime::call::<
            types::StatusResponse,
            _,
        >(&super::operations::DELETE_CUSTOMER, self.send_raw())
            .await
    }
}

// mod builder, impl<'a> ValidateCustomer<'a>, added: fn send_raw
impl<'a> ValidateCustomer<'a> {
    /// Sends the request (with the client's retries) and returns the raw HTTP response,
    /// whatever its status, without decoding the envelope. Prefer `send`.
    pub async fn send_raw(
        self,
    ) -> Result<reqwest::Response, Error<types::StatusResponse>> {
        let Self { client, body } = self;
        let body = body
            .and_then(|v| types::ValidateRequest::try_from(v).map_err(|e| e.to_string()))
            .map_err(Error::InvalidRequest)?;
        let url = format!("{}/c2a/customer/validate", client.baseurl,);
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
            operation_id: "validate_customer",
        };
        client.pre(&mut request, &info).await?;
        let result = client.exec(request, &info).await;
        client.post(&result, &info).await?;
        let response = result?;
        Ok(response)
    }
}

// mod builder, impl<'a> ValidateCustomer<'a>, changed: fn send
impl<'a> ValidateCustomer<'a> {
    /// Sends the request and returns the payload.
    ///
    /// Fails with `Error::Api` when `status.messageCode` is not a success code of this
    /// operation, and with the other `Error` variants for transport, auth and
    /// decoding failures. Transient failures are retried per the client's `RetryPolicy`
    /// when repeating is safe.
    pub async fn send(
        self,
    ) -> ::std::result::Result<types::ValidateResponse, super::runtime_types::Error> {
        c2a_runtime::call::<
            types::ValidateResponse,
            _,
        >(&super::operations::VALIDATE_CUSTOMER, self.send_raw())
            .await
            .map(super::runtime_types::Response::into_payload)
    }
}

// mod builder, impl<'a> ValidateCustomer<'a>, added: fn send_with_response
impl<'a> ValidateCustomer<'a> {
    /// Like `send`, keeping the HTTP status, headers and the envelope's status.
    pub async fn send_with_response(
        self,
    ) -> ::std::result::Result<
        super::runtime_types::Response<types::ValidateResponse>,
        super::runtime_types::Error,
    > {
        c2a_runtime::call::<
            types::ValidateResponse,
            _,
        >(&super::operations::VALIDATE_CUSTOMER, self.send_raw())
            .await
    }
}

// mod operations, added: fn decode
/// Decodes a complete response of the operation `id` exactly as its `send()` does,
/// keeping only the outcome; `None` for an unknown id. Used to replay recordings.
pub fn decode(
    id: &str,
    status: ::reqwest::StatusCode,
    headers: ::reqwest::header::HeaderMap,
    body: &[u8],
) -> ::std::option::Option<::std::result::Result<(), super::runtime_types::Error>> {
    ::std::option::Option::Some(
        match id {
            "get_customer" => {
                c2a_runtime::decode_body::<
                    super::types::CustomerResponse,
                >(&GET_CUSTOMER, status, headers, body)
                    .map(drop)
            }
            "delete_customer" => {
                c2a_runtime::decode_body::<
                    super::types::StatusResponse,
                >(&DELETE_CUSTOMER, status, headers, body)
                    .map(drop)
            }
            "validate_customer" => {
                c2a_runtime::decode_body::<
                    super::types::ValidateResponse,
                >(&VALIDATE_CUSTOMER, status, headers, body)
                    .map(drop)
            }
            _ => return ::std::option::Option::None,
        },
    )
}
