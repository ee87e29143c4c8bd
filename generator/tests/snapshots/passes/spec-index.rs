// The `spec-index` pass on fixtures/minimal.yaml: what it added, changed or removed.

// top level, added: mod spec_index
/// Every component schema of the spec with its pointer and provenance, sorted by
/// name; read by the runtime to locate decode errors and drift in the spec.
pub mod spec_index {
    use crate::runtime::{FieldInfo, SchemaInfo};
    /// The component schemas, sorted by name.
    pub static SCHEMAS: &[SchemaInfo] = &[
        SchemaInfo {
            name: "AzotteStatus",
            pointer: "#/components/schemas/AzotteStatus",
            provenance: "documented",
            values: &[],
            fields: &[
                FieldInfo {
                    wire: "messageCode",
                    pointer: "#/components/schemas/AzotteStatus/properties/messageCode",
                    provenance: "documented",
                    schema: ::std::option::Option::None,
                },
                FieldInfo {
                    wire: "message",
                    pointer: "#/components/schemas/AzotteStatus/properties/message",
                    provenance: "documented",
                    schema: ::std::option::Option::None,
                },
            ],
        },
        SchemaInfo {
            name: "EnColor",
            pointer: "#/components/schemas/EnColor",
            provenance: "documented",
            values: &["Red", "Blue"],
            fields: &[],
        },
        SchemaInfo {
            name: "Milpieces",
            pointer: "#/components/schemas/Milpieces",
            provenance: "documented",
            values: &[],
            fields: &[],
        },
        SchemaInfo {
            name: "StatusResponse",
            pointer: "#/components/schemas/StatusResponse",
            provenance: "inferred",
            values: &[],
            fields: &[
                FieldInfo {
                    wire: "status",
                    pointer: "#/components/schemas/StatusResponse/properties/status",
                    provenance: "documented",
                    schema: ::std::option::Option::Some("AzotteStatus"),
                },
            ],
        },
        SchemaInfo {
            name: "Thing",
            pointer: "#/components/schemas/Thing",
            provenance: "documented",
            values: &[],
            fields: &[
                FieldInfo {
                    wire: "thingUrn",
                    pointer: "#/components/schemas/Thing/properties/thingUrn",
                    provenance: "documented",
                    schema: ::std::option::Option::None,
                },
                FieldInfo {
                    wire: "color",
                    pointer: "#/components/schemas/Thing/properties/color",
                    provenance: "sample",
                    schema: ::std::option::Option::Some("EnColor"),
                },
                FieldInfo {
                    wire: "priceMilpieces",
                    pointer: "#/components/schemas/Thing/properties/priceMilpieces",
                    provenance: "inferred",
                    schema: ::std::option::Option::Some("Milpieces"),
                },
                FieldInfo {
                    wire: "secretCode",
                    pointer: "#/components/schemas/Thing/properties/secretCode",
                    provenance: "documented",
                    schema: ::std::option::Option::None,
                },
            ],
        },
        SchemaInfo {
            name: "ThingResponse",
            pointer: "#/components/schemas/ThingResponse",
            provenance: "documented",
            values: &[],
            fields: &[
                FieldInfo {
                    wire: "result",
                    pointer: "#/components/schemas/ThingResponse/properties/result",
                    provenance: "documented",
                    schema: ::std::option::Option::Some("Thing"),
                },
                FieldInfo {
                    wire: "status",
                    pointer: "#/components/schemas/ThingResponse/properties/status",
                    provenance: "documented",
                    schema: ::std::option::Option::Some("AzotteStatus"),
                },
            ],
        },
    ];
}
