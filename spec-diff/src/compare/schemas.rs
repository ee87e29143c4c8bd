//! The schema scope: two schema nodes compared where an operation uses them (following
//! `$ref` and `allOf: [{$ref}]`), and component schemas that no operation uses.
//!
//! A [`Position`] says where the walk is: the operation and direction, the path shown in
//! the report, and the anchor under which differences reached by several paths merge (the
//! innermost component shared by both sides). A property clients never see in the walk's
//! direction (`readOnly` sent, `writeOnly` received) marks what is found in it off the
//! wire; `composition` walks `oneOf`/`anyOf` alternatives and `allOf` members.

use c2a_spec::extensions::Place;
use serde_json::Value;

use super::extensions::{changed_docs, changed_extensions};
use super::shapes::{
    Resolved, base_type, enum_values, format, object_members, resolve, scalar_label, type_label, widens,
};
use super::{Comparison, Difference, DifferenceDetails, ParameterNames, object_at};
use crate::model::{ChangeKind, Direction, Scope};
use crate::refs;

/// The mark of an enum whose listed values are not all the server may send (documentation:
/// every generated enum keeps unlisted values, so no verdict depends on it).
const EXTENSIBLE_ENUM: &str = "x-extensible-enum";

/// The (old, new) component pairs being compared on the way to a node: a pair met again is
/// a cycle, and the walk stops there.
pub(super) type ComponentPairs = Vec<(String, String)>;

/// Where the schema walk is.
#[derive(Clone, Debug)]
pub(super) struct Position {
    /// Key of the operation being walked; empty for unused components.
    pub(super) op: String,
    /// Sent or received (or [`Direction::Unused`]).
    pub(super) direction: Direction,
    /// Display path: `CheckoutResult.followUpInstructions`.
    path: String,
    /// Merge key: the innermost shared component and the path below it.
    anchor: String,
    /// `path` is an operation-based label that the first shared component replaces.
    root: bool,
    /// The component this node stands for on the new side (a struct or enum in `types`).
    pub(super) component: Option<String>,
    /// The component this node stood for on the old side.
    old_component: Option<String>,
    /// The component holding this node as a field (new side).
    pub(super) parent: Option<String>,
    /// The node is a field with this required-ness (new side).
    pub(super) required: Option<bool>,
    /// The node is a property of an object (a struct field), not a component it refers to.
    pub(super) field: bool,
    /// The node is (in) the schema of a response header.
    header: bool,
    /// The node is the schema of a parameter (not a node below it): the parameter's key in
    /// the operation and its names.
    pub(super) parameter: Option<(String, ParameterNames)>,
    /// The node is (in) a property clients never see in this direction: `readOnly` in a
    /// request (not sent) or `writeOnly` in a response (not received).
    pub(super) off_wire: bool,
    /// Keywords already compared beside an `allOf: [$ref]` wrapper of this node, which the
    /// structure of the component it refers to does not compare again.
    pub(super) wrapped_keywords: Vec<String>,
}

impl Position {
    /// The top of a request or response body, labelled `op.requestBody` or
    /// `op.responses.200` until a shared component names it.
    pub(super) fn root(op: &str, direction: Direction, label: String) -> Self {
        Self { root: true, ..Self::at(op, direction, label) }
    }

    /// The schema of parameter `name` (`op.parameters.name`).
    pub(super) fn parameter(op: &str, name: &str, names: ParameterNames, required: bool) -> Self {
        let path = format!("{op}.parameters.{name}");
        Self {
            required: Some(required),
            parameter: Some((name.to_owned(), names)),
            ..Self::at(op, Direction::Request, path)
        }
    }

    /// The schema of a response header (`op.responses.200.headers.Retry-After`), merged
    /// under `anchor` (its header component when both sides share one).
    pub(super) fn header(op: &str, path: String, anchor: String) -> Self {
        Self { anchor, header: true, ..Self::at(op, Direction::Response, path) }
    }

    /// A component schema that no operation uses.
    fn unused_component(name: &str) -> Self {
        Self {
            component: Some(name.to_owned()),
            old_component: Some(name.to_owned()),
            ..Self::at("", Direction::Unused, name.to_owned())
        }
    }

    fn at(op: &str, direction: Direction, path: String) -> Self {
        Self {
            op: op.to_owned(),
            direction,
            anchor: path.clone(),
            path,
            root: false,
            component: None,
            old_component: None,
            parent: None,
            required: None,
            field: false,
            header: false,
            parameter: None,
            off_wire: false,
            wrapped_keywords: Vec::new(),
        }
    }

    /// A node below this one (`.field`, `[]`, `{}`).
    pub(super) fn child(&self, suffix: &str, required: Option<bool>) -> Self {
        Self {
            op: self.op.clone(),
            direction: self.direction,
            path: format!("{}{suffix}", self.path),
            anchor: format!("{}{suffix}", self.anchor),
            root: false,
            component: None,
            old_component: None,
            parent: self.component.clone(),
            required,
            field: false,
            header: self.header,
            parameter: None,
            off_wire: self.off_wire,
            wrapped_keywords: Vec::new(),
        }
    }

    /// A difference of `kind` here, in this walk's operation and direction.
    pub(super) fn difference(&self, kind: ChangeKind) -> Difference {
        let scope = if self.header { Scope::Operation } else { Scope::Schema };
        Difference::new(kind, scope, &self.path).op(&self.op).direction(self.direction)
    }
}

impl<'d> Comparison<'d> {
    /// Records a difference found at `at`, merged under its anchor.
    pub(super) fn record_in(&mut self, at: &Position, mut difference: Difference) {
        difference.details.in_header |= at.header;
        difference.details.off_wire |= at.off_wire;
        self.record_at(at.anchor.clone(), difference);
    }

    /// Compares two schema nodes (either may be a `$ref` or `allOf: [{$ref}]`).
    pub(super) fn schema(
        &mut self,
        raw_old: &'d Value,
        raw_new: &'d Value,
        at: &Position,
        stack: &mut ComponentPairs,
    ) {
        let (o, n) = (resolve(self.old, raw_old), resolve(self.new, raw_new));
        if o.name != n.name {
            let label = |r: &Resolved<'_>| {
                r.name.map_or_else(|| format!("inline {}", scalar_label(r.node)), str::to_owned)
            };
            let difference = at
                .difference(ChangeKind::RefChanged)
                .values(Some(label(&o)), Some(label(&n)))
                .details(DifferenceDetails { required: at.required, ..DifferenceDetails::default() });
            self.record_in(at, difference);
        }
        // The node as written (a property, an item, a `$ref` with a description) is never
        // a component: its component, when it names one, is compared below.
        self.annotations(raw_old, raw_new, at, Place::NestedSchema);
        let wrapped_keywords = self.wrapper_keywords(raw_old, raw_new, &o, &n, at);

        let pair = (o.name.unwrap_or_default().to_owned(), n.name.unwrap_or_default().to_owned());
        let named = !pair.0.is_empty() || !pair.1.is_empty();
        if named {
            if stack.contains(&pair) {
                return;
            }
            stack.push(pair);
        }
        let mut at = at.clone();
        at.component = n.name.map(str::to_owned);
        at.old_component = o.name.map(str::to_owned);
        at.wrapped_keywords = wrapped_keywords;
        // Keywords of a component are the component's, not the field's that refers to it.
        at.field &= !named;
        if let (Some(a), Some(b)) = (o.name, n.name)
            && a == b
        {
            if at.root {
                a.clone_into(&mut at.path);
            }
            // In a header's schema, a component's differences merge only with the header's:
            // they are judged without a generated type (`DifferenceDetails::in_header`).
            if !at.header {
                a.clone_into(&mut at.anchor);
            }
            let component = Position { path: a.to_owned(), ..at.clone() };
            self.annotations(o.node, n.node, &component, Place::ComponentSchema);
        }
        at.root = false;
        self.structure(&o, &n, &at, stack);
        if named {
            stack.pop();
        }
    }

    /// Type, enum, nullability, keywords, properties and items of two resolved schemas.
    fn structure(&mut self, o: &Resolved<'d>, n: &Resolved<'d>, at: &Position, stack: &mut ComponentPairs) {
        let (old_enum, new_enum) = (enum_values(o.node), enum_values(n.node));
        let same_base = base_type(o.node) == base_type(n.node) && format(o.node) == format(n.node);
        if !same_base || old_enum.is_some() != new_enum.is_some() {
            let details = DifferenceDetails {
                required: at.required,
                widened: widens(o.node, n.node),
                narrowed: widens(n.node, o.node),
                enum_dropped: old_enum.is_some() && new_enum.is_none() && same_base,
                owner: at.component.clone(),
                ..DifferenceDetails::default()
            };
            let values = (Some(scalar_label(o.node)), Some(scalar_label(n.node)));
            self.record_in(
                at,
                at.difference(ChangeKind::TypeChanged).values(values.0, values.1).details(details),
            );
            return;
        }
        if let (Some(old_values), Some(new_values)) = (&old_enum, &new_enum) {
            let details = DifferenceDetails { owner: at.component.clone(), ..DifferenceDetails::default() };
            for value in old_values.iter().filter(|v| !new_values.contains(*v)) {
                let difference =
                    at.difference(ChangeKind::EnumValueRemoved).member(value).details(details.clone());
                self.record_in(at, difference);
            }
            let extensible = n.node.get(EXTENSIBLE_ENUM).and_then(Value::as_bool) == Some(true);
            for value in new_values.iter().filter(|v| !old_values.contains(*v)) {
                let details = DifferenceDetails { extensible, ..details.clone() };
                let difference = at.difference(ChangeKind::EnumValueAdded).member(value).details(details);
                self.record_in(at, difference);
            }
        }
        if o.nullable != n.nullable {
            let difference = at
                .difference(ChangeKind::NullableChanged)
                .values(Some(o.nullable.to_string()), Some(n.nullable.to_string()))
                .details(DifferenceDetails {
                    required: at.required,
                    owner: at.parent.clone(),
                    ..DifferenceDetails::default()
                });
            self.record_in(at, difference);
        }
        self.keywords(o, n, at);
        self.composition(o, n, at, stack);
        if let (Some(ai), Some(bi)) = (o.node.get("items"), n.node.get("items")) {
            self.schema(ai, bi, &at.child("[]", None), stack);
        }
        let map_schema = |r: &Resolved<'d>| r.node.get("additionalProperties").filter(|v| v.is_object());
        if let (Some(ai), Some(bi)) = (map_schema(o), map_schema(n)) {
            self.schema(ai, bi, &at.child("{}", None), stack);
        }
        self.properties(o, n, at, stack);
    }

    fn properties(&mut self, o: &Resolved<'d>, n: &Resolved<'d>, at: &Position, stack: &mut ComponentPairs) {
        let (old_props, old_required) = object_members(self.old, o.node);
        let (new_props, new_required) = object_members(self.new, n.node);
        for (name, old_schema) in &old_props {
            let mut field = at.child(&format!(".{name}"), None);
            field.off_wire |= self.off_wire(at.direction, Some(old_schema), new_props.get(name).copied());
            let was_required = old_required.contains(name);
            let Some(new_schema) = new_props.get(name) else {
                let difference = field
                    .difference(ChangeKind::FieldRemoved)
                    .values(Some(type_label(self.old, old_schema)), None)
                    .details(DifferenceDetails {
                        required: Some(was_required),
                        owner: at.old_component.clone(),
                        ..DifferenceDetails::default()
                    });
                self.record_in(&field, difference);
                continue;
            };
            let is_required = new_required.contains(name);
            if was_required != is_required {
                let difference = field
                    .difference(ChangeKind::RequiredChanged)
                    .values(Some(was_required.to_string()), Some(is_required.to_string()))
                    .details(DifferenceDetails {
                        required: Some(is_required),
                        owner: at.component.clone(),
                        ..DifferenceDetails::default()
                    });
                self.record_in(&field, difference);
            }
            let field = Position { required: Some(is_required), field: true, ..field };
            self.schema(old_schema, new_schema, &field, stack);
        }
        for (name, new_schema) in new_props.iter().filter(|(name, _)| !old_props.contains_key(*name)) {
            let mut field = at.child(&format!(".{name}"), None);
            field.off_wire |= self.off_wire(at.direction, None, Some(new_schema));
            let is_required = new_required.contains(name);
            let difference = field
                .difference(ChangeKind::FieldAdded)
                .values(None, Some(type_label(self.new, new_schema)))
                .details(DifferenceDetails {
                    required: Some(is_required),
                    owner: at.component.clone(),
                    ..DifferenceDetails::default()
                });
            self.record_in(&field, difference);
        }
    }

    /// Whether a property (on the sides where it exists) is one clients never see in
    /// `direction`: `readOnly` on every side in a request, `writeOnly` in a response.
    fn off_wire(&self, direction: Direction, old: Option<&'d Value>, new: Option<&'d Value>) -> bool {
        let flag = match direction {
            Direction::Request => "readOnly",
            Direction::Response => "writeOnly",
            Direction::Unused | Direction::None => return false,
        };
        let set = |doc: &'d Value, raw: &'d Value| {
            let own = raw.get(flag).or_else(|| resolve(doc, raw).node.get(flag));
            own.and_then(Value::as_bool) == Some(true)
        };
        let sides = [old.map(|s| set(self.old, s)), new.map(|s| set(self.new, s))];
        sides.iter().any(Option::is_some) && sides.iter().flatten().all(|set| *set)
    }

    /// Documentation and vendor extensions on one schema node at `place`.
    fn annotations(&mut self, old: &Value, new: &Value, at: &Position, place: Place) {
        let difference = |kind| at.difference(kind).direction(Direction::None);
        let docs = changed_docs(Some(old), Some(new), place);
        if !docs.is_empty() {
            self.record_in(at, difference(ChangeKind::DocChanged).member(docs.join(", ")));
        }
        let base = difference(ChangeKind::ExtensionChanged);
        for found in changed_extensions(Some(old), Some(new), place, &base) {
            self.record_in(at, found);
        }
    }

    /// Component schemas removed, added, and compared when no operation uses them (those
    /// that operations use were compared on the way).
    pub(super) fn components(&mut self) {
        let (old, new) =
            (object_at(self.old, "/components/schemas"), object_at(self.new, "/components/schemas"));
        let (old_used, new_used) =
            (refs::reachable_from_paths(self.old), refs::reachable_from_paths(self.new));
        for (name, o) in &old {
            let Some(n) = new.get(name) else {
                self.record(Difference::new(ChangeKind::SchemaRemoved, Scope::Schema, name));
                continue;
            };
            if !old_used.contains(name) && !new_used.contains(name) {
                let at = Position::unused_component(name);
                let mut stack = vec![(name.clone(), name.clone())];
                self.annotations(o, n, &at, Place::ComponentSchema);
                self.structure(&resolve(self.old, o), &resolve(self.new, n), &at, &mut stack);
            }
        }
        for name in new.keys().filter(|name| !old.contains_key(*name)) {
            self.record(Difference::new(ChangeKind::SchemaAdded, Scope::Schema, name));
        }
    }
}
