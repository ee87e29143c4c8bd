//! C2A-01 Customers: validate, store, delete (GDPR), update, info.
//!
//! HTTP statuses follow the Customers index: 400 for bad input (BAD_REQUEST when the
//! `customer` object is missing), 404 CUSTOMER_NOT_FOUND, 409 for the three conflicts.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::http::{JsonBody, QueryParams, Reply, Result, TenantIndex, optional, required, required_obj};
use crate::state::{AppState, Customer, Tenant};
use crate::wire::{
    ClaimedRegion, CustomerDto, DeleteCustomerRequest, LegalType, StoreCustomerRequest,
    UpdateCustomerRequest, ValidateCustomerRequest,
};

pub(crate) async fn validate(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<ValidateCustomerRequest>,
) -> Result {
    let external_id = required(&body.external_id, "externalId")?;
    let taken = shared.with_tenant(tenant, |t, _| t.customer_by_external_id(external_id).is_some());
    Ok(Reply::ok(json!({ "isAvailable": !taken, "status": { "messageCode": "SUCCESS" } })))
}

pub(crate) async fn store(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<StoreCustomerRequest>,
) -> Result {
    let dto = body.customer.as_ref().ok_or_else(bad_request_customer)?;
    let external_identifier = required(&dto.external_identifier, "customer.externalIdentifier")?;
    let region = required_obj(&body.claimed_region, "claimedRegion")?;
    let (country, language) = check_region(region)?;
    check_fields(dto)?;
    shared.with_tenant(tenant, |t, _| {
        if t.customer_by_external_id(external_identifier).is_some() {
            return Err(conflict(
                "CUSTOMER_ALREADY_STORED",
                format!(
                    "customer.externalIdentifier `{external_identifier}` is already stored for this tenant"
                ),
            ));
        }
        check_collisions(t, dto, None)?;
        let mut customer = t.new_customer(external_identifier.to_owned());
        customer.country_code = country;
        customer.language_code = language;
        apply(&mut customer, dto);
        let body = json!({ "result": azotte_customer(&customer), "status": { "messageCode": "SUCCESS" } });
        t.insert_customer(customer);
        Ok(Reply::ok(body))
    })
}

pub(crate) async fn delete(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<DeleteCustomerRequest>,
) -> Result {
    let urn = required(&body.customer_uuid, "customerUuid")?;
    shared.with_tenant(tenant, |t, _| {
        // Idempotent: an anonymised record stays as it is and the answer is SUCCESS.
        // Subscriptions and payment methods are operational data and stay untouched.
        t.edit_customer(urn, Customer::anonymize).ok_or_else(|| not_found_urn(urn))?;
        Ok(Reply::status_only(StatusCode::OK, "SUCCESS", None))
    })
}

pub(crate) async fn update(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<UpdateCustomerRequest>,
) -> Result {
    let dto = body.customer.as_ref().ok_or_else(bad_request_customer)?;
    let urn = optional(&dto.customer_urn);
    let external_identifier = optional(&dto.external_identifier);
    if urn.is_none() && external_identifier.is_none() {
        return Err(Reply::invalid("customer.customerUrn or customer.externalIdentifier is required"));
    }
    let region = body.claimed_region.as_ref().map(check_region).transpose()?;
    check_fields(dto)?;
    shared.with_tenant(tenant, |t, _| {
        let target = match urn {
            Some(urn) => t.customers.get(urn).ok_or_else(|| not_found_urn(urn))?,
            None => {
                let ext = external_identifier.unwrap_or_default();
                t.customer_by_external_id(ext).ok_or_else(|| not_found_external(ext))?
            }
        };
        let target_urn = target.urn.clone();
        if target.anonymized {
            return Err(Reply::status_only(
                StatusCode::NOT_FOUND,
                "CUSTOMER_NOT_FOUND",
                Some(format!("customer {target_urn} was anonymised (GDPR) and cannot be updated")),
            ));
        }
        if let Some(ext) = external_identifier
            && ext != target.external_identifier
        {
            return Err(Reply::invalid(
                "customer.externalIdentifier cannot be changed; it identifies the customer",
            ));
        }
        check_collisions(t, dto, Some(&target_urn))?;
        let result = t
            .edit_customer(&target_urn, |customer| {
                apply(customer, dto);
                if let Some((country, language)) = region {
                    customer.country_code = country;
                    customer.language_code = language;
                }
                azotte_customer(customer)
            })
            .ok_or_else(|| not_found_urn(&target_urn))?;
        Ok(Reply::ok(json!({ "result": result, "status": { "messageCode": "SUCCESS" } })))
    })
}

pub(crate) async fn info(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    query: QueryParams,
) -> Result {
    let urn = query.get("urn");
    let ext = query.get("exId");
    if urn.is_none() && ext.is_none() {
        return Err(Reply::invalid("query parameter `urn` or `exId` is required"));
    }
    shared.with_tenant(tenant, |t, _| {
        // `urn` wins when both are given.
        let customer = match (urn, ext) {
            (Some(urn), _) => t.customers.get(urn).ok_or_else(|| not_found_urn(urn))?,
            (None, Some(ext)) => t.customer_by_external_id(ext).ok_or_else(|| not_found_external(ext))?,
            (None, None) => unreachable!("checked above"),
        };
        Ok(Reply::ok(json!({ "result": snapshot(customer), "status": { "messageCode": "SUCCESS" } })))
    })
}

// ------------------------------------------------------------------ rendering

/// `AzotteCustomer`.
fn azotte_customer(customer: &Customer) -> Value {
    let mut value = json!({
        "customerUrn": customer.urn,
        "externalIdentifier": customer.external_identifier,
    });
    if let Some(email) = &customer.email {
        value["email"] = json!(email);
    }
    value["status"] = json!(customer.status());
    value
}

/// `AzotteCustomerSnapShot` with its `CustomerOptions`.
fn snapshot(customer: &Customer) -> Value {
    let mut value = azotte_customer(customer);
    value["options"] = json!({
        "availableChannels": if customer.anonymized { vec![] } else { vec!["CARD", "SEPA"] },
        "canSavePaymentMethod": !customer.anonymized,
    });
    value
}

// ------------------------------------------------------------------ checks

fn bad_request_customer() -> Reply {
    Reply::status_only(StatusCode::BAD_REQUEST, "BAD_REQUEST", Some("customer is required".to_owned()))
}

fn conflict(code: &str, message: String) -> Reply {
    Reply::status_only(StatusCode::CONFLICT, code, Some(message))
}

fn not_found_urn(urn: &str) -> Reply {
    Reply::status_only(
        StatusCode::NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
        Some(format!("no customer with URN `{urn}` for this tenant")),
    )
}

fn not_found_external(ext: &str) -> Reply {
    Reply::status_only(
        StatusCode::NOT_FOUND,
        "CUSTOMER_NOT_FOUND",
        Some(format!("no customer with external identifier `{ext}` for this tenant")),
    )
}

fn two_letters(value: &str) -> bool {
    value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic())
}

fn check_region(region: &ClaimedRegion) -> Result<(String, String)> {
    let country = required(&region.country_code, "claimedRegion.countryCode")?;
    let language = required(&region.language_code, "claimedRegion.languageCode")?;
    if !two_letters(country) {
        return Err(Reply::invalid("claimedRegion.countryCode must be an ISO 3166-1 alpha-2 code"));
    }
    if !two_letters(language) {
        return Err(Reply::invalid("claimedRegion.languageCode must be an ISO 639-1 code"));
    }
    Ok((country.to_ascii_uppercase(), language.to_ascii_lowercase()))
}

/// Format rules on the optional fields (FluentValidation-style).
fn check_fields(dto: &CustomerDto) -> Result<()> {
    if let Some(email) = optional(&dto.email) {
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        }) && !email.contains(char::is_whitespace)
            && email.matches('@').count() == 1;
        if !valid {
            return Err(Reply::invalid("customer.email is not a valid email address"));
        }
    }
    if let Some(phone) = optional(&dto.phone_number) {
        let rest = phone.strip_prefix('+').unwrap_or(phone);
        let digits = rest.chars().filter(char::is_ascii_digit).count();
        let allowed = rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
        if !allowed || !(6..=15).contains(&digits) {
            return Err(Reply::invalid("customer.phoneNumber is not a valid E.164 phone number"));
        }
    }
    if let Some(address) = &dto.primary_billing_address
        && let Some(country) = optional(&address.country_code)
        && !two_letters(country)
    {
        return Err(Reply::invalid(
            "customer.primaryBillingAddress.countryCode must be an ISO 3166-1 alpha-2 code",
        ));
    }
    if dto.legal_type == Some(LegalType::Corporate) && dto.corporation_info.is_none() {
        return Err(Reply::invalid(
            "customer.corporationInfo is required when customer.legalType is Corporate",
        ));
    }
    Ok(())
}

fn check_collisions(t: &Tenant, dto: &CustomerDto, except: Option<&str>) -> Result<()> {
    if let Some(email) = optional(&dto.email)
        && t.email_taken(email, except)
    {
        return Err(conflict(
            "USER_WITH_SAME_EMAIL_EXISTS",
            "customer.email is already used by another customer of this tenant".to_owned(),
        ));
    }
    if let Some(phone) = optional(&dto.phone_number)
        && t.phone_taken(phone, except)
    {
        return Err(conflict(
            "USER_WITH_SAME_PHONE_NUMBER_EXISTS",
            "customer.phoneNumber is already used by another customer of this tenant".to_owned(),
        ));
    }
    Ok(())
}

/// Copies the fields that are present (partial update semantics).
fn apply(customer: &mut Customer, dto: &CustomerDto) {
    let set = |target: &mut Option<String>, value: &Option<String>| {
        if let Some(v) = optional(value) {
            *target = Some(v.to_owned());
        }
    };
    set(&mut customer.email, &dto.email);
    set(&mut customer.phone_number, &dto.phone_number);
    set(&mut customer.salutation, &dto.salutation);
    set(&mut customer.first_name, &dto.first_name);
    set(&mut customer.last_name, &dto.last_name);
    set(&mut customer.gender, &dto.gender);
    set(&mut customer.asserted_status, &dto.status);
    if let Some(legal_type) = dto.legal_type {
        customer.legal_type = Some(legal_type.as_str());
    }
    if let Some(address) = &dto.primary_billing_address {
        customer.primary_billing_address = serde_json::to_value(address).ok();
    }
    if let Some(info) = &dto.corporation_info {
        customer.corporation_info = Some(info.clone());
    }
    if let Some(privacy) = &dto.privacy {
        customer.privacy = Some(privacy.clone());
    }
}
