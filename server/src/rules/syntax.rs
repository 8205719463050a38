//! Rules about the JSON text itself.

group! {
    json_syntax,
    duplicate_key,
}
