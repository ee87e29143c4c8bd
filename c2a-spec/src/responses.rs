//! Which declared response answers an HTTP status, as OpenAPI 3.0's Responses Object says:
//! the exact code (`404`), then its range (`4XX`, in any case), then `default`.

use serde_json::Value;

/// The response of `operation` (an operation object) for HTTP `status`, with its key as
/// written in the spec (`404`, `4XX`, `4xx` or `default`); `None` when none applies.
pub fn for_status(operation: &Value, status: u16) -> Option<(&str, &Value)> {
    let responses = operation.get("responses")?.as_object()?;
    let exact = status.to_string();
    let found = |matches: &dyn Fn(&str) -> bool| {
        responses.iter().find(|(key, _)| matches(key)).map(|(key, response)| (key.as_str(), response))
    };
    found(&|key| key == exact)
        .or_else(|| found(&|key| is_range_of(key, status)))
        .or_else(|| found(&|key| key == "default"))
}

/// Whether `key` is the range (`4XX`, `4xx`) of `status`'s class (1 to 5).
pub fn is_range_of(key: &str, status: u16) -> bool {
    let class = status / 100;
    let digit = key.chars().next().and_then(|c| c.to_digit(10));
    (1..=5).contains(&class)
        && digit == Some(u32::from(class))
        && key.len() == 3
        && key[1..].eq_ignore_ascii_case("XX")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(operation: &Value, status: u16) -> Option<&str> {
        for_status(operation, status).map(|(key, _)| key)
    }

    #[test]
    fn exact_then_range_then_default() {
        let op = json!({"responses": {"default": {}, "4XX": {}, "404": {}, "200": {}}});
        assert_eq!(key(&op, 404), Some("404"));
        assert_eq!(key(&op, 409), Some("4XX"));
        assert_eq!(key(&op, 500), Some("default"));
        assert_eq!(key(&op, 200), Some("200"));
        assert_eq!(key(&op, 201), Some("default"));
    }

    #[test]
    fn ranges_are_case_insensitive_and_bounded() {
        let op = json!({"responses": {"5xx": {"description": "server"}}});
        assert_eq!(for_status(&op, 503), Some(("5xx", &json!({"description": "server"}))));
        assert_eq!(key(&op, 404), None);
        assert!(is_range_of("2XX", 204) && !is_range_of("2X", 204) && !is_range_of("2XXX", 204));
        assert!(!is_range_of("0XX", 42) && !is_range_of("6XX", 600));
        assert_eq!(key(&json!({}), 200), None);
    }
}
