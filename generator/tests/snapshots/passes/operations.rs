// The `operations` pass on fixtures/envelopes_codes.yaml: what it added, changed or removed.

// top level, added: mod operations
/// Static facts about every operation, from the spec; read by the runtime.
pub mod operations {
    use c2a_runtime::{ApiTable, Idempotency, Operation};
    /// `GET /c2a/customer/{customerUrn}`: Fetch one customer.
    pub static GET_CUSTOMER: Operation = Operation {
        api: &API,
        id: "get_customer",
        method: "GET",
        path: "/c2a/customer/{customerUrn}",
        idempotency: Idempotency::Safe,
        success_codes: &["SUCCESS"],
        retryable_codes: &["SERVICE_BUSY"],
    };
    /// `DELETE /c2a/customer/{customerUrn}`: Delete one customer.
    pub static DELETE_CUSTOMER: Operation = Operation {
        api: &API,
        id: "delete_customer",
        method: "DELETE",
        path: "/c2a/customer/{customerUrn}",
        idempotency: Idempotency::QueryKey("requestId"),
        success_codes: &["SUCCESS"],
        retryable_codes: &[],
    };
    /// `POST /c2a/customer/validate`: Check whether an external id is free.
    pub static VALIDATE_CUSTOMER: Operation = Operation {
        api: &API,
        id: "validate_customer",
        method: "POST",
        path: "/c2a/customer/validate",
        idempotency: Idempotency::BodyKey("/externalId"),
        success_codes: &["SUCCESS"],
        retryable_codes: &[],
    };
    /// The API's facts for the runtime: every operation in spec order, the wire
    /// names (and their `x-aliases`) of every property the spec marks
    /// `x-sensitive` (masked wherever they appear in a recorded body), the schema
    /// index, and how to read an envelope's message code.
    pub static API: ApiTable = ApiTable::new(
        &[&GET_CUSTOMER, &DELETE_CUSTOMER, &VALIDATE_CUSTOMER],
        &[],
        super::spec_index::SCHEMAS_JSON,
        c2a_runtime::message_code_of::<super::types::AzotteStatus>,
    );
}
