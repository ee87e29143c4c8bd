//! Where a JSON path of a response lands in the spec, from the generated `spec_index`.
//!
//! Used only after a decode failed (to name the spec element and its provenance) and by the
//! drift report; never on the success path. The index is generated as data, not code (one
//! JSON string, `spec_index::SCHEMAS_JSON`), and parsed once, the first time it is needed.

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

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

/// Every component schema, sorted by name: the generated index, parsed on first use. The
/// generator writes it with `serde_json` from the same fields, so it always parses (a unit
/// test holds the project's); were it not to, the index is empty and nothing is located.
pub(crate) fn schemas() -> &'static [SchemaInfo] {
    static SCHEMAS: OnceLock<Vec<SchemaInfo>> = OnceLock::new();
    SCHEMAS
        .get_or_init(|| serde_json::from_str(crate::generated::spec_index::SCHEMAS_JSON).unwrap_or_default())
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

/// The component named `name`.
pub(crate) fn schema(name: &str) -> Option<&'static SchemaInfo> {
    let schemas = schemas();
    schemas.binary_search_by(|s| s.name.as_str().cmp(name)).ok().map(|i| &schemas[i])
}

/// The schema reached from component `root` along `steps` (array steps stay on the items'
/// schema), and the last field passed on the way.
pub(crate) fn walk<'a>(
    root: &str,
    steps: impl IntoIterator<Item = Step<'a>>,
) -> (Option<&'static SchemaInfo>, Option<&'static FieldInfo>) {
    let mut current = schema(root);
    let mut field = None;
    for step in steps {
        let Step::Field(name) = step else { continue };
        let next = current.and_then(|s| s.fields.iter().find(|f| f.wire == name));
        field = next;
        current = next.and_then(|f| f.schema.as_deref()).and_then(schema);
        if current.is_none() {
            break;
        }
    }
    (current, field)
}

/// The spec element a decode error at `steps` is about: the field `missing` of the schema
/// reached, else the last field on the path, else the schema reached.
pub(crate) fn locate<'a>(
    root: &str,
    steps: impl IntoIterator<Item = Step<'a>>,
    missing: Option<&str>,
) -> Option<SpecLocation> {
    let (reached, field) = walk(root, steps);
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

    #[test]
    fn the_generated_index_parses_whole_and_sorted() {
        let parsed: Vec<SchemaInfo> = serde_json::from_str(crate::generated::spec_index::SCHEMAS_JSON)
            .expect("the index is valid JSON");
        assert_eq!(schemas().len(), parsed.len());
        assert!(schemas().len() > 50, "every component schema");
        assert!(schemas().windows(2).all(|w| w[0].name < w[1].name), "sorted by name");
        let price = schema("Price").expect("Price");
        assert_eq!(price.pointer, "#/components/schemas/Price");
        assert_eq!(price.fields[0].schema.as_deref(), Some("Milpieces"));
    }

    #[test]
    fn a_path_is_located_through_fields_and_array_items() {
        let steps = [Step::Field("offer"), Step::Field("artifactGroups"), Step::Index, Step::Field("price")];
        let at = |missing| locate("GetOfferResponse", steps.clone(), missing).expect("located");
        assert_eq!(
            at(None),
            SpecLocation {
                pointer: "#/components/schemas/ArtifactGroup/properties/price",
                provenance: "sample"
            }
        );
        assert_eq!(at(Some("currency")).pointer, "#/components/schemas/Price/properties/currency");
        assert_eq!(
            locate("GetOfferResponse", [], None).map(|l| l.pointer),
            Some("#/components/schemas/GetOfferResponse")
        );
        assert_eq!(locate("NoSuchSchema", [], None), None);
    }
}
