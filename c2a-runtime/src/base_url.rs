//! Where a client sends its requests: the Azotte URL of an environment and project, or an
//! explicit base URL, checked so that no configuration can move the API key to another host
//! or send it in clear text to a remote one.

use std::net::IpAddr;

use crate::config::{ConfigError, Environment};

/// `https://{project}.azotte.com/api/v1` (or `.sandbox.`), for a project name that is a DNS
/// label.
pub(crate) fn environment_url(environment: Environment, project: &str) -> Result<String, ConfigError> {
    let is_label = (1..=63).contains(&project.len())
        && project.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !project.starts_with('-')
        && !project.ends_with('-');
    if !is_label {
        return Err(ConfigError::InvalidProjectName(project.to_owned()));
    }
    let project = project.to_ascii_lowercase();
    Ok(match environment {
        Environment::Live => format!("https://{project}.azotte.com/api/v1"),
        Environment::Sandbox => format!("https://{project}.sandbox.azotte.com/api/v1"),
    })
}

/// An explicit base URL: http(s), a host, no query, fragment or credentials, and plain http
/// only for loopback unless `allow_insecure_http`. Returned without a trailing slash.
pub(crate) fn validate_base_url(url: &str, allow_insecure_http: bool) -> Result<String, ConfigError> {
    let invalid =
        |reason: &str| ConfigError::InvalidBaseUrl { url: url.to_owned(), reason: reason.to_owned() };
    let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    let Some(host) = parsed.host_str().filter(|host| !host.is_empty()) else {
        return Err(invalid("there is no host"));
    };
    if parsed.scheme() == "http" && !allow_insecure_http && !is_loopback(host) {
        return Err(invalid(
            "plain http would send the API key in clear text: use https, or a loopback host \
             (127.0.0.0/8, ::1, localhost), or ClientBuilder::allow_insecure_http(true)",
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("a base URL has no query or fragment"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid("credentials do not belong in the URL"));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// 127.0.0.0/8, `::1` or `localhost` (a host `url` has already normalised).
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_must_be_dns_labels() {
        assert_eq!(
            environment_url(Environment::Live, "acme").ok().as_deref(),
            Some("https://acme.azotte.com/api/v1")
        );
        assert_eq!(
            environment_url(Environment::Sandbox, "Acme-2").ok().as_deref(),
            Some("https://acme-2.sandbox.azotte.com/api/v1")
        );
        for bad in [
            "",
            "evil.com/x",
            "evil.com",
            "a b",
            "-acme",
            "acme-",
            "acme@evil",
            "ac/me",
            &"a".repeat(64),
            "é",
        ] {
            assert!(
                matches!(environment_url(Environment::Live, bad), Err(ConfigError::InvalidProjectName(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn base_urls_are_checked() {
        assert_eq!(
            validate_base_url("http://127.0.0.1:8080/api/v1/", false).ok().as_deref(),
            Some("http://127.0.0.1:8080/api/v1")
        );
        for bad in ["127.0.0.1:8080", "ftp://h/api", "https://h/api?x=1", "https://u:p@h/api", "not a url"] {
            assert!(
                matches!(validate_base_url(bad, true), Err(ConfigError::InvalidBaseUrl { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn plain_http_only_for_loopback_unless_allowed() {
        for local in [
            "http://127.0.0.1:8080/api/v1",
            "http://127.8.9.10/api/v1",
            "http://[::1]:8080/api/v1",
            "http://localhost/api/v1",
            "http://LOCALHOST:1/api/v1",
            "https://api.example.com/api/v1",
        ] {
            assert!(validate_base_url(local, false).is_ok(), "{local}");
        }
        for remote in [
            "http://api.example.com/api/v1",
            "http://10.0.0.1/api/v1",
            "http://128.0.0.1/api/v1",
            "http://[::2]/api/v1",
            "http://localhost.example.com/api/v1",
            "http://127.0.0.1.example.com/api/v1",
        ] {
            let err = validate_base_url(remote, false).expect_err(remote);
            assert!(err.to_string().contains("clear text"), "{err}");
            assert!(validate_base_url(remote, true).is_ok(), "{remote} allowed explicitly");
        }
    }
}
