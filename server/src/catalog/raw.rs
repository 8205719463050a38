//! The serialized forms of `catalog.json` and `global-keys.json`, as read.

use super::*;

#[derive(Deserialize)]
pub(super) struct RawSource {
    pub(super) package: String,
    pub(super) version: String,
    #[serde(default)]
    pub(super) date: String,
    #[serde(default)]
    pub(super) license: String,
}

#[derive(Deserialize)]
pub(super) struct RawCatalog<'a> {
    pub(super) source: RawSource,
    #[serde(borrow)]
    pub(super) services: Vec<RawService<'a>>,
}

#[derive(Deserialize)]
pub(super) struct RawService<'a> {
    pub(super) prefix: String,
    #[serde(default)]
    pub(super) name: String,
    #[serde(default)]
    pub(super) url: String,
    /// Kept as text and read when needed (see [`Service::actions`]).
    #[serde(default, borrow)]
    pub(super) actions: Option<&'a serde_json::value::RawValue>,
    /// Where the actions are instead, in the embedded catalog as build.rs splits it:
    /// a byte range of [`BUILTIN_ACTIONS`].
    #[serde(default)]
    pub(super) actions_at: Option<(usize, usize)>,
    #[serde(default)]
    pub(super) resources: Vec<RawResource>,
    #[serde(default)]
    pub(super) keys: Vec<RawKey>,
}

#[derive(Deserialize)]
pub(super) struct RawAction {
    pub(super) n: String,
    pub(super) l: String,
    #[serde(default)]
    pub(super) d: String,
    #[serde(default)]
    pub(super) u: String,
    #[serde(default)]
    pub(super) r: Vec<RawRow>,
    #[serde(default)]
    pub(super) k: Vec<String>,
    #[serde(default)]
    pub(super) dep: Vec<String>,
}

/// `[name, required(0/1 or bool), [keys]?]`
#[derive(Deserialize)]
pub(super) struct RawRow(
    pub(super) String,
    pub(super) RawBool,
    #[serde(default)] pub(super) Vec<String>,
);

/// `true`/`false` or `1`/`0`. Deserialized by hand: an untagged enum buffers every
/// value before trying its variants, which made these flags a quarter of the catalog
/// load.
pub(super) enum RawBool {
    B(bool),
    N(u64),
}

impl<'de> Deserialize<'de> for RawBool {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawBool;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a boolean or a non-negative integer")
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<RawBool, E> {
                Ok(RawBool::B(b))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<RawBool, E> {
                Ok(RawBool::N(n))
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<RawBool, E> {
                u64::try_from(n)
                    .map(RawBool::N)
                    .map_err(|_| E::custom("a negative number where 0 or 1 was expected"))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
pub(super) struct RawResource {
    pub(super) n: String,
    #[serde(default)]
    pub(super) a: Vec<String>,
    #[serde(default)]
    pub(super) k: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct RawKey {
    pub(super) n: String,
    #[serde(default)]
    pub(super) t: String,
    #[serde(default)]
    pub(super) d: String,
}

#[derive(Deserialize, Default)]
pub(super) struct RawGlobal {
    #[serde(default)]
    pub(super) keys: Vec<RawGlobalKey>,
    #[serde(default)]
    pub(super) federation_keys: Vec<RawGlobalKey>,
    #[serde(default)]
    pub(super) deprecated: Vec<RawDeprecated>,
    #[serde(default)]
    pub(super) variables: Vec<RawVariable>,
    #[serde(default)]
    pub(super) service_principals: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct RawGlobalKey {
    pub(super) name: String,
    #[serde(default, rename = "type")]
    pub(super) ty: String,
    #[serde(default)]
    pub(super) multi: Option<bool>,
    #[serde(default)]
    pub(super) desc: String,
    #[serde(default)]
    pub(super) availability: Option<String>,
    #[serde(default)]
    pub(super) provider: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct RawDeprecated {
    pub(super) name: String,
    #[serde(default, rename = "use")]
    pub(super) replacement: String,
    #[serde(default)]
    pub(super) desc: String,
}

#[derive(Deserialize)]
pub(super) struct RawVariable {
    pub(super) name: String,
    #[serde(default)]
    pub(super) desc: String,
}
