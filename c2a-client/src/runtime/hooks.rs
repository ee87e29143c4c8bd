//! The client's progenitor hooks: every request goes through the retry policy (and the
//! client's bound on requests in flight) and every response carries its call's body cap;
//! with recording on, each exchange is written.

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use super::body::BodyLimit;
use super::retry;
use crate::options::DEFAULT_MAX_BODY_BYTES;
use crate::{Client, RuntimeConfig};

impl ClientHooks<RuntimeConfig> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let op = crate::generated::operations::by_id(info.operation_id);
        let config = self.inner();
        let Some(recorder) = &config.recorder else {
            let mut response = retry::execute(self.client(), config, op, request).await?;
            // Decoding falls back to the default cap: a response only carries another one.
            if config.max_body_bytes != DEFAULT_MAX_BODY_BYTES {
                let limit = BodyLimit { max_bytes: config.max_body_bytes, exceeded: false };
                response.extensions_mut().get_or_insert_with(|| limit);
            }
            return Ok(response);
        };
        let exchange = recorder.start(info.operation_id, &request);
        let response = retry::execute(self.client(), config, op, request).await?;
        let mut response = recorder.finish(exchange, response, config.max_body_bytes).await?;
        let limit = BodyLimit { max_bytes: config.max_body_bytes, exceeded: false };
        response.extensions_mut().get_or_insert_with(|| limit);
        Ok(response)
    }
}
