//! Where a JSON path of a response lands in the spec, from the schema index of the API's
//! [`ApiTable`].
//!
//! Used only after a decode failed (to name the spec element and its provenance) and by the
//! drift report; never on the success path. The index is generated as data, not code (one
//! JSON string, [`ApiTable::schemas_json`]), and parsed once, the first time it is needed.

use std::fmt;

use serde::Deserialize;

use crate::api::ApiTable;

/// One component schema of the spec (an entry of `spec_index::SCHEMAS_JSON`: an array of
/// these fields in this order).
#[derive(Debug, Deserialize)]
pub struct SchemaInfo {
    /// Component name.
    pub name: String,
    /// JSON pointer of the component (`#/components/schemas/Name`).
    pub pointer: String,
    /// `x-provenance.source`: `documented`, `sample` or `inferred`.
    pub provenance: String,
    /// Enum values, for a string enum.
    pub values: Vec<String>,
    /// Properties, with those its `allOf` brings in.
    pub fields: Vec<FieldInfo>,
}

/// One property of a component schema (an array of these fields in this order).
#[derive(Debug, Deserialize)]
pub struct FieldInfo {
    /// The wire name.
    pub wire: String,
    /// JSON pointer of the property.
    pub pointer: String,
    /// `documented`, or `sample` / `inferred` when the component's `x-provenance` lists it.
    pub provenance: String,
    /// The component it refers to (directly, through `allOf`, or as array items).
    pub schema: Option<String>,
}

/// A spec element: its JSON pointer and provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecLocation {
    /// JSON pointer into `openapi/c2a.yaml`.
    pub pointer: &'static str,
    /// `documented`, `sample` or `inferred`.
    pub provenance: &'static str,
}

impl fmt::Display for SpecLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.pointer, self.provenance)
    }
}

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step<'a> {
    /// An object member.
    Field(&'a str),
    /// An array element.
    Index,
}

/// The schema reached from component `root` along `steps` (array steps stay on the items'
/// schema), and the last field passed on the way.
pub(crate) fn walk<'a>(
    api: &'static ApiTable,
    root: &str,
    steps: impl IntoIterator<Item = Step<'a>>,
) -> (Option<&'static SchemaInfo>, Option<&'static FieldInfo>) {
    let mut current = api.schema(root);
    let mut field = None;
    for step in steps {
        let Step::Field(name) = step else { continue };
        let next = current.and_then(|s| s.fields.iter().find(|f| f.wire == name));
        field = next;
        current = next.and_then(|f| f.schema.as_deref()).and_then(|name| api.schema(name));
        if current.is_none() {
            break;
        }
    }
    (current, field)
}

/// The spec element a decode error at `steps` is about: the field `missing` of the schema
/// reached, else the last field on the path, else the schema reached.
pub(crate) fn locate<'a>(
    api: &'static ApiTable,
    root: &str,
    steps: impl IntoIterator<Item = Step<'a>>,
    missing: Option<&str>,
) -> Option<SpecLocation> {
    let (reached, field) = walk(api, root, steps);
    if let Some(missing) = missing
        && let Some(info) = reached.and_then(|s| s.fields.iter().find(|f| f.wire == missing))
    {
        return Some(SpecLocation { pointer: &info.pointer, provenance: &info.provenance });
    }
    match (field, reached) {
        (Some(f), _) => Some(SpecLocation { pointer: &f.pointer, provenance: &f.provenance }),
        (None, Some(s)) => Some(SpecLocation { pointer: &s.pointer, provenance: &s.provenance }),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Operation;

    /// A two-component index in the generated format (arrays of the fields, in order):
    /// `Offer.price` refers to `Price`.
    static INDEX: &str = r##"[
        ["Offer", "#/components/schemas/Offer", "documented", [], [
            ["price", "#/components/schemas/Offer/properties/price", "sample", "Price"],
            ["items", "#/components/schemas/Offer/properties/items", "documented", "Price"]]],
        ["Price", "#/components/schemas/Price", "inferred", [], [
            ["currency", "#/components/schemas/Price/properties/currency", "inferred", null]]]
    ]"##;
    static OPERATIONS: [&Operation; 0] = [];
    static API: ApiTable = ApiTable::new(&OPERATIONS, &[], INDEX, |_| None);

    #[test]
    fn the_index_parses_and_is_found_by_name() {
        assert_eq!(API.schemas().len(), 2);
        assert_eq!(API.schema("Price").map(|s| s.pointer.as_str()), Some("#/components/schemas/Price"));
        assert!(API.schema("Nothing").is_none());
    }

    #[test]
    fn a_path_is_located_through_fields_and_array_items() {
        let at = |steps: &[Step<'_>], missing| locate(&API, "Offer", steps.iter().cloned(), missing);
        assert_eq!(
            at(&[Step::Field("price")], None),
            Some(SpecLocation {
                pointer: "#/components/schemas/Offer/properties/price",
                provenance: "sample"
            })
        );
        let through_items = [Step::Field("items"), Step::Index];
        assert_eq!(
            at(&through_items, Some("currency")).map(|l| l.pointer),
            Some("#/components/schemas/Price/properties/currency")
        );
        assert_eq!(at(&[], None).map(|l| l.pointer), Some("#/components/schemas/Offer"));
        assert_eq!(locate(&API, "NoSuchSchema", [], None), None);
    }

    #[test]
    fn a_broken_index_locates_nothing() {
        static BROKEN: ApiTable = ApiTable::new(&OPERATIONS, &[], "[{", |_| None);
        assert!(BROKEN.schemas().is_empty());
        assert_eq!(locate(&BROKEN, "Offer", [], None), None);
    }
}
