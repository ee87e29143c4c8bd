// The `request-building` pass on fixtures/minimal.yaml: what it added, changed or removed.

// top level, added: use c2a_runtime :: encode_path ;
use c2a_runtime::encode_path;

// top level, added: # [allow (unused_imports)] pub use progenitor_client :: { ByteStream , ClientInfo , Error , ResponseValue } ;
#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};

// top level, added: # [allow (unused_imports)] use progenitor_client :: { ClientHooks , OperationInfo , RequestBuilderExt } ;
#[allow(unused_imports)]
use progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt};

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
        #[allow(unused_mut)]
        let mut request = client
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                const { ::reqwest::header::HeaderValue::from_static("application/json") },
            )
            .header(
                const { ::reqwest::header::HeaderName::from_static("api-version") },
                ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
            )
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
        #[allow(unused_mut)]
        let mut request = client
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                const { ::reqwest::header::HeaderValue::from_static("application/json") },
            )
            .json(&body)
            .header(
                const { ::reqwest::header::HeaderName::from_static("api-version") },
                ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
            )
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

// top level, removed: # [allow (unused_imports)] pub use progenitor_client :: { ByteStream , ClientInfo , Error , ResponseValue , } ;

// top level, removed: # [allow (unused_imports)] use progenitor_client :: { encode_path , ClientHooks , OperationInfo , RequestBuilderExt , } ;
