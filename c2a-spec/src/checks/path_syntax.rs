//! Every path starts with `/`: the client appends it to the server URL, and progenitor
//! builds a request for a path without one that the generator's passes cannot find.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, escape_token};
use crate::extensions::Extensions;

pub(super) const RULE: &str = "path-syntax";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return Vec::new() };
    paths
        .keys()
        .filter(|path| !path.starts_with('/') && !path.starts_with("x-"))
        .map(|path| {
            Diagnostic::new(
                format!("/paths/{}", escape_token(path)),
                RULE,
                format!("the path `{path}` must start with `/` (it is appended to the server URL)"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_path_without_its_leading_slash_is_located() {
        let doc = json!({"paths": {"/a": {}, "c2a/b": {}, "x-note": "an extension, not a path"}});
        let found: Vec<_> = check(&doc, &Extensions::default()).into_iter().map(|d| d.pointer).collect();
        assert_eq!(found, ["/paths/c2a~1b"]);
    }
}
