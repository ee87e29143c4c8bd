//! Where a JSON path of a response lands in the spec, from the generated `spec_index`.
//!
//! Used only after a decode failed (to name the spec element and its provenance) and by the
//! drift report; never on the success path.

use std::fmt;

/// One component schema of the spec (generated into `spec_index::SCHEMAS`).
#[derive(Debug)]
pub struct SchemaInfo {
    /// Component name.
    pub name: &'static str,
    /// JSON pointer of the component (`#/components/schemas/Name`).
    pub pointer: &'static str,
    /// `x-provenance.source`: `documented`, `sample` or `inferred`.
    pub provenance: &'static str,
    /// Enum values, for a string enum.
    pub values: &'static [&'static str],
    /// Properties, with those its `allOf` brings in.
    pub fields: &'static [FieldInfo],
}

/// One property of a component schema.
#[derive(Debug)]
pub struct FieldInfo {
    /// The wire name.
    pub wire: &'static str,
    /// JSON pointer of the property.
    pub pointer: &'static str,
    /// `documented`, or `sample` / `inferred` when the component's `x-provenance` lists it.
    pub provenance: &'static str,
    /// The component it refers to (directly, through `allOf`, or as array items).
    pub schema: Option<&'static str>,
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
    let schemas = crate::generated::spec_index::SCHEMAS;
    schemas.binary_search_by(|s| s.name.cmp(name)).ok().map(|i| &schemas[i])
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
        current = next.and_then(|f| f.schema).and_then(schema);
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
        return Some(SpecLocation { pointer: info.pointer, provenance: info.provenance });
    }
    match (field, reached) {
        (Some(f), _) => Some(SpecLocation { pointer: f.pointer, provenance: f.provenance }),
        (None, Some(s)) => Some(SpecLocation { pointer: s.pointer, provenance: s.provenance }),
        (None, None) => None,
    }
}
