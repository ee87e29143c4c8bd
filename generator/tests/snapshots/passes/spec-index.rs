// The `spec-index` pass on fixtures/minimal.yaml: what it added, changed or removed.

// top level, added: mod spec_index
/// Every component schema of the spec with its pointer and provenance, sorted by
/// name; read by the runtime to locate decode errors and drift in the spec.
pub mod spec_index {
    /// The component schemas, sorted by name, as a JSON array: per schema
    /// `[name, pointer, provenance, [enum values], [[wire, pointer, provenance,
    /// component or null], ...]]` (the fields of `c2a_runtime::SchemaInfo`).
    pub const SCHEMAS_JSON: &str = r##"[
["AzotteStatus","#/components/schemas/AzotteStatus","documented",[],[["messageCode","#/components/schemas/AzotteStatus/properties/messageCode","documented",null],["message","#/components/schemas/AzotteStatus/properties/message","documented",null]]],
["EnColor","#/components/schemas/EnColor","documented",["Red","Blue"],[]],
["Milpieces","#/components/schemas/Milpieces","documented",[],[]],
["StatusResponse","#/components/schemas/StatusResponse","inferred",[],[["status","#/components/schemas/StatusResponse/properties/status","documented","AzotteStatus"]]],
["Thing","#/components/schemas/Thing","documented",[],[["thingUrn","#/components/schemas/Thing/properties/thingUrn","documented",null],["color","#/components/schemas/Thing/properties/color","sample","EnColor"],["priceMilpieces","#/components/schemas/Thing/properties/priceMilpieces","inferred","Milpieces"],["secretCode","#/components/schemas/Thing/properties/secretCode","documented",null]]],
["ThingResponse","#/components/schemas/ThingResponse","documented",[],[["result","#/components/schemas/ThingResponse/properties/result","documented","Thing"],["status","#/components/schemas/ThingResponse/properties/status","documented","AzotteStatus"]]]
]"##;
}
