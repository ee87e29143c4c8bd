// The `accept-header` pass on fixtures/minimal.yaml: what it added, changed or removed.

// mod builder, impl<'a> GetThing<'a>, changed: fn send
impl<'a> GetThing<'a> {
    ///Sends a `GET` request to `/c2a/thing/{thingUrn}`
    pub async fn send(
        self,
    ) -> Result<ResponseValue<types::ThingResponse>, Error<types::StatusResponse>> {
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
                ::reqwest::header::HeaderValue::from_static(
                    "application/clientOutput+Json, application/json;q=0.9",
                ),
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
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            404u16 => {
                Err(Error::ErrorResponse(ResponseValue::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}

// mod builder, impl<'a> StoreThing<'a>, changed: fn send
impl<'a> StoreThing<'a> {
    ///Sends a `POST` request to `/c2a/thing`
    pub async fn send(
        self,
    ) -> Result<ResponseValue<types::ThingResponse>, Error<types::StatusResponse>> {
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
                ::reqwest::header::HeaderValue::from_static(
                    "application/clientOutput+Json, application/json;q=0.9",
                ),
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
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            400u16..=499u16 => {
                Err(Error::ErrorResponse(ResponseValue::from_response(response).await?))
            }
            500u16..=599u16 => {
                Err(Error::ErrorResponse(ResponseValue::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
