//! The committed JSON Schema (schema/scenario.schema.json) matches the Rust types.
//! When this fails, run `cargo run --bin baton -- schema > schema/scenario.schema.json`.

#[test]
fn the_committed_schema_matches_the_rust_types() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/scenario.schema.json")).expect("schema/scenario.schema.json is committed");
    let generated = baton::engine::schema_json();
    assert!(
        committed == generated,
        "schema/scenario.schema.json is out of date; regenerate it with: cargo run --bin baton -- schema > schema/scenario.schema.json"
    );
}

#[test]
fn the_schema_describes_the_top_level_fields() {
    let schema: serde_json::Value = serde_json::from_str(&baton::engine::schema_json()).expect("schema is JSON");
    let props = schema["properties"].as_object().expect("properties");
    for field in ["format_version", "calendar", "personas", "workflows", "mass_sends", "handoff_option", "frequency_cap"] {
        assert!(props.contains_key(field), "schema lacks {field}");
    }
}
