//! Each `Client` method's doc example is real code, compiled as a `no_run` doctest.
//!
//! progenitor documents a method with an `ignore` block of placeholder variables that is
//! never compiled. This pass replaces it with an example built from the spec: every
//! parameter with an `example` is set (through its setter, named as the parameters pass
//! named it), and the request body is the body's `example` deserialized into its type, so
//! the documentation a user reads on every method builds against the real client.

use serde_json::Value;

use super::{Context, Pass, client_methods, doc_texts};
use c2a_spec::diagnostic::Diagnostic;

/// Replaces progenitor's `ignore` examples with `no_run` doctests from the spec's examples.
pub struct DocExamples;

impl Pass for DocExamples {
    fn name(&self) -> &'static str {
        "doc-examples"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let examples: std::collections::BTreeMap<String, String> = cx
            .spec
            .operations()
            .filter_map(|(op, ext)| {
                let id = op.id()?;
                let mut calls = Vec::new();
                for parameter in op.value.get("parameters").and_then(Value::as_array).into_iter().flatten() {
                    let (Some(name), Some(example)) =
                        (parameter.get("name").and_then(Value::as_str), parameter.get("example"))
                    else {
                        continue;
                    };
                    calls.push(format!("    .{}({})", ext.setter_name(name), rust_literal(example)));
                }
                if let (Some(body), Some(example)) = (op.request_body_component(), body_example(op.value)) {
                    let json =
                        serde_json::to_string_pretty(example).unwrap_or_default().replace('\n', "\n    ");
                    let text = raw_string(&json);
                    calls.push(format!(
                        "    .body(serde_json::from_str::<c2a_client::types::{body}>({text})?)"
                    ));
                }
                Some((id.to_owned(), example_block(id, &calls)))
            })
            .collect();
        for method in client_methods(file) {
            let Some(example) = examples.get(&method.sig.ident.to_string()) else { continue };
            for text in doc_texts(&mut method.attrs) {
                if let Some(replaced) = replace_ignore_block(&text.value(), example) {
                    *text = syn::LitStr::new(&replaced, text.span());
                }
            }
        }
        Ok(())
    }
}

/// The JSON `example` of the request body, from any of its media types.
fn body_example(operation: &Value) -> Option<&Value> {
    operation.pointer("/requestBody/content")?.as_object()?.values().find_map(|media| media.get("example"))
}

/// `text` as a Rust raw string literal with enough `#`s that nothing in it ends it early
/// (JSON text may hold any escape or `"#`, which a `json!` token tree or a plain literal
/// would have to translate).
fn raw_string(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

/// A parameter example as a Rust literal: a string, or the JSON text quoted.
fn rust_literal(example: &Value) -> String {
    match example {
        Value::String(text) => format!("{text:?}"),
        other => format!("{:?}", other.to_string()),
    }
}

fn example_block(operation: &str, calls: &[String]) -> String {
    let mut block = String::from(
        "```no_run\n# async fn example(client: &c2a_client::Client) -> Result<(), Box<dyn std::error::Error>> {\n",
    );
    block.push_str(&format!("let response = client.{operation}()\n"));
    for call in calls {
        block.push_str(call);
        block.push('\n');
    }
    block.push_str("    .send()\n    .await?;\n# let _ = response;\n# Ok(())\n# }\n```");
    block
}

/// `text` with its "```ignore ... ```" block replaced by `example`.
fn replace_ignore_block(text: &str, example: &str) -> Option<String> {
    let start = text.find("```ignore")?;
    let end = text[start + 9..].find("```")? + start + 9 + 3;
    Some(format!("{}{example}{}", &text[..start], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ignore_block_is_replaced_and_the_rest_kept() {
        let text = "Summary\n\nArguments:\n- `p`: x\n```ignore\nlet r = client.op().p(p).send().await;\n```";
        let example = example_block("op", &["    .p(\"pm.1\")".to_owned()]);
        let replaced = replace_ignore_block(text, &example).expect("has a block");
        assert!(replaced.starts_with("Summary\n\nArguments:\n- `p`: x\n```no_run\n"), "{replaced}");
        assert!(replaced.contains("let response = client.op()\n    .p(\"pm.1\")\n    .send()"), "{replaced}");
        assert!(replaced.ends_with("# }\n```"), "{replaced}");
        assert_eq!(replace_ignore_block("no block", &example), None);
        assert_eq!(rust_literal(&serde_json::json!(3)), "\"3\"");
    }

    #[test]
    fn a_body_example_is_a_raw_string_nothing_in_it_can_end() {
        assert_eq!(raw_string(r#"{"a": 1}"#), r##"r#"{"a": 1}"#"##);
        let hostile = r###"{"a": "x\u0001\"# and \"## too"}"###;
        let literal = raw_string(hostile);
        assert!(literal.starts_with(r####"r###""####) && literal.ends_with(r####""###"####), "{literal}");
    }
}
