//! The client's progenitor hooks: every request goes through the retry policy.

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use super::retry;
use crate::{Client, RuntimeConfig};

impl ClientHooks<RuntimeConfig> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let op = crate::generated::operations::by_id(info.operation_id);
        retry::execute(self.client(), &self.inner().retry, op, request).await
    }
}
