//! The catalog's public model: services, actions, resource types, condition keys and
//! what lookups answer, with the lazily read per-service action lists.

use super::*;

/// Where the service data came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub package: String,
    pub version: String,
    /// Data date, `YYYY-MM-DD`.
    pub date: String,
    pub license: String,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{} ({})", self.package, self.version, self.date)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    Tagging,
    PermissionsManagement,
}

impl AccessLevel {
    /// The label used by the AWS documentation.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::Tagging => "Tagging",
            AccessLevel::PermissionsManagement => "Permissions management",
        }
    }

    /// Parse a documented label (case-insensitive). A combined label such as
    /// `"Tagging, Write"` yields its first level.
    pub fn parse(s: &str) -> Option<AccessLevel> {
        let first = s
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        Some(match first.as_str() {
            "list" => AccessLevel::List,
            "read" => AccessLevel::Read,
            "write" => AccessLevel::Write,
            "tagging" => AccessLevel::Tagging,
            "permissions management" | "permissionsmanagement" | "permissions_management" => {
                AccessLevel::PermissionsManagement
            }
            _ => return None,
        })
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Normalised condition-key value type (the `ArrayOf` part is in `multi_valued`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    String,
    Arn,
    Numeric,
    Date,
    Bool,
    IpAddress,
    Binary,
}

impl KeyType {
    /// Parse a type string as used by the data (`String`, `ArrayOfString`, `ARN`,
    /// `ArrayOfARN`, `Bool`, `ArrayOfBool`, `Boolean`, `Date`, `Numeric`, `Long`,
    /// `IPAddress`, `Binary`, ...). Returns (type, multi_valued); unknown strings
    /// are treated as `String`.
    pub fn parse(s: &str) -> (KeyType, bool) {
        let lower = s.trim().to_ascii_lowercase();
        let (base, multi) = match lower.strip_prefix("arrayof") {
            Some(rest) => (rest.to_string(), true),
            None => (lower, false),
        };
        let t = match base.trim() {
            "arn" => KeyType::Arn,
            "numeric" | "number" | "long" | "integer" => KeyType::Numeric,
            "date" => KeyType::Date,
            "bool" | "boolean" => KeyType::Bool,
            "ipaddress" | "ip" => KeyType::IpAddress,
            "binary" => KeyType::Binary,
            _ => KeyType::String,
        };
        (t, multi)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KeyType::String => "String",
            KeyType::Arn => "ARN",
            KeyType::Numeric => "Numeric",
            KeyType::Date => "Date",
            KeyType::Bool => "Bool",
            KeyType::IpAddress => "IPAddress",
            KeyType::Binary => "Binary",
        }
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug)]
pub struct Action {
    /// Documented casing, e.g. `GetObject`.
    pub name: String,
    pub access_level: AccessLevel,
    pub description: String,
    /// Documentation link (the service's actions table when the data has no
    /// per-action link: then every action of the service shares one string).
    pub url: std::sync::Arc<str>,
    /// (resource type name, required)
    pub resource_types: Vec<(String, bool)>,
    /// Condition keys listed for specific resource-type rows of this action
    /// (only rows that have some).
    pub resource_type_keys: Vec<(String, Vec<String>)>,
    /// Condition keys of the action itself.
    pub condition_keys: Vec<String>,
    /// Dependent actions, `service:Action` (the current data has none).
    pub dependent_actions: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct ResourceType {
    pub name: String,
    pub arn_formats: Vec<String>,
    pub condition_keys: Vec<String>,
}

/// A condition key as documented by a service.
#[derive(Clone, Debug)]
pub struct ConditionKey {
    /// As documented, may contain a `${TagKey}` / `<key>` style placeholder.
    pub name: String,
    pub key_type: KeyType,
    pub multi_valued: bool,
    /// The data's own type string, verbatim (`ArrayOfString`, ...).
    pub type_name: String,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub prefix: String,
    pub name: String,
    /// Service Authorization Reference page.
    pub url: String,
    /// The actions, read from `raw_actions` on first use (see [`Service::actions`]).
    pub(super) actions: OnceLock<Actions>,
    /// The embedded catalog's text of the actions (build.rs's compact form), while not
    /// yet read.
    pub(super) raw_actions: Option<&'static str>,
    /// Set by the first thread to read `raw_actions`, so that
    /// [`Service::read_actions_unless_busy`] can pass over a service being read.
    pub(super) claimed: Claim,
    pub resources: Vec<ResourceType>,
    pub keys: Vec<ConditionKey>,
    /// What the service's own ARN formats say about their fields, computed once.
    pub arn_fields: ArnFields,
}

/// Whether a thread has begun reading a service's actions (a hint, not a lock: the
/// `OnceLock` beside it decides who reads them).
#[derive(Debug, Default)]
pub(super) struct Claim(AtomicBool);

impl Clone for Claim {
    fn clone(&self) -> Claim {
        Claim(AtomicBool::new(self.0.load(Ordering::Relaxed)))
    }
}

/// Whether any documented ARN format of a service (with the service's own prefix in
/// its service field) has a Region / an account field. `known` is false when the
/// service documents no such format; then nothing can be said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArnFields {
    pub region: bool,
    pub account: bool,
    pub known: bool,
}

impl ArnFields {
    pub(super) fn of(prefix: &str, resources: &[ResourceType]) -> ArnFields {
        let mut f = ArnFields::default();
        for format in resources.iter().flat_map(|r| &r.arn_formats) {
            let mut parts = format.splitn(6, ':');
            let (Some(_), Some(_), Some(svc), Some(region), Some(account), Some(_)) = (
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
            ) else {
                continue;
            };
            if svc != prefix {
                continue;
            }
            f.known = true;
            f.region |= !region.is_empty();
            f.account |= !account.is_empty();
        }
        f
    }
}

/// A service's actions and their index by name.
#[derive(Clone, Debug, Default)]
pub(super) struct Actions {
    pub(super) list: Vec<Action>,
    pub(super) idx: NameIndex,
}

/// The actions' names, found by name in any case. The names sit side by side in one
/// string and the table holds plain numbers, so a lookup reads two places in memory
/// (a slot, then the name), not the five of a map of `String` keys (slot, key, entry,
/// action, name): checking the AWS managed policies looks up some 55,000 action names
/// in a catalog far larger than the processor's caches, and those reads were most of
/// the time of the action rules. Matching a wildcard runs through the names alone.
#[derive(Clone, Debug, Default)]
pub(super) struct NameIndex {
    /// The names as documented, one after the other.
    pub(super) names: String,
    /// Where each name ends in `names` (it starts where the one before ends).
    pub(super) ends: Vec<u32>,
    /// Open addressing, a power of two at most half full: `0` is an empty slot,
    /// otherwise the high 32 bits of the lowercase name's hash and the name's number + 1.
    pub(super) slots: Vec<u64>,
}

impl NameIndex {
    pub(super) fn hash(lower: &str) -> u64 {
        std::hash::BuildHasher::hash_one(&foldhash::fast::FixedState::default(), lower)
    }

    /// Name number `i`, as documented.
    pub(super) fn name(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(j) => self.ends.get(j).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.names.get(start..end).unwrap_or("")
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The number of the name equal to `lower` (lowercase) but for case.
    pub(super) fn find(&self, lower: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let h = Self::hash(lower);
        let tag = h >> 32;
        let mask = self.slots.len() - 1;
        let mut at = (h as usize) & mask;
        loop {
            let slot = *self.slots.get(at)?;
            if slot == 0 {
                return None;
            }
            let i = (slot & 0xffff_ffff) as usize - 1;
            if slot >> 32 == tag && self.name(i).eq_ignore_ascii_case(lower) {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds `name` unless a name equal to it but for case is there; returns whether it
    /// was added (as number [`NameIndex::len`] before the call).
    pub(super) fn insert(&mut self, name: &str, lower: &str) -> bool {
        if self.find(lower).is_some() {
            return false;
        }
        if (self.ends.len() + 1) * 2 > self.slots.len() {
            let size = ((self.ends.len() + 1) * 2).next_power_of_two().max(16);
            self.rehash(size);
        }
        self.names.push_str(name);
        self.ends.push(self.names.len() as u32);
        let i = self.ends.len() - 1;
        self.place(i, Self::hash(lower));
        true
    }

    pub(super) fn place(&mut self, i: usize, h: u64) {
        let mask = self.slots.len() - 1;
        let mut at = (h as usize) & mask;
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (h >> 32) << 32 | (i as u64 + 1);
    }

    pub(super) fn rehash(&mut self, size: usize) {
        self.slots = vec![0; size];
        for i in 0..self.ends.len() {
            let h = Self::hash(&self.name(i).to_ascii_lowercase());
            self.place(i, h);
        }
    }

    pub(super) fn with_capacity(n: usize) -> NameIndex {
        NameIndex {
            names: String::with_capacity(n * 24),
            ends: Vec::with_capacity(n),
            slots: vec![0; (n * 2).next_power_of_two().max(16)],
        }
    }
}

impl Actions {
    /// Builds the actions of service `prefix` (whose documentation page is `url`, whose
    /// name is `name`); the first of actions with the same name (in any case) wins.
    pub(super) fn build(
        prefix: &str,
        name: &str,
        url: &str,
        raw: Vec<RawAction>,
    ) -> Result<Actions, String> {
        let anchor: std::sync::Arc<str> = if url.is_empty() {
            "".into()
        } else {
            let slug: String = name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            format!("{url}#{slug}-actions-as-permissions").into()
        };
        let mut list = Vec::with_capacity(raw.len());
        let mut idx = NameIndex::with_capacity(raw.len());
        for ra in raw {
            let access_level = AccessLevel::parse(&ra.l).ok_or_else(|| {
                format!(
                    "catalog data is not valid: {prefix}:{} has unknown access level {:?}",
                    ra.n, ra.l
                )
            })?;
            let lname = ra.n.to_ascii_lowercase();
            if !idx.insert(&ra.n, &lname) {
                continue;
            }
            let mut resource_types = Vec::with_capacity(ra.r.len());
            let mut resource_type_keys = Vec::new();
            for RawRow(name, req, keys) in ra.r {
                let required = match req {
                    RawBool::B(b) => b,
                    RawBool::N(n) => n != 0,
                };
                if !keys.is_empty() {
                    resource_type_keys.push((name.clone(), keys));
                }
                resource_types.push((name, required));
            }
            let url = if ra.u.is_empty() {
                anchor.clone()
            } else {
                ra.u.into()
            };
            list.push(Action {
                name: ra.n,
                access_level,
                description: ra.d,
                url,
                resource_types,
                resource_type_keys,
                condition_keys: ra.k,
                dependent_actions: ra.dep,
            });
        }
        Ok(Actions { list, idx })
    }

    /// Reads actions from catalog JSON text (an array of actions).
    pub(super) fn parse(
        prefix: &str,
        name: &str,
        url: &str,
        json: &str,
    ) -> Result<Actions, String> {
        let raw: Vec<RawAction> = serde_json::from_str(json)
            .map_err(|e| format!("catalog data is not valid: actions of {prefix}: {e}"))?;
        Actions::build(prefix, name, url, raw)
    }

    /// Reads actions from the compact text build.rs writes for the embedded catalog
    /// (its header describes the layout): a split on separator characters, where JSON
    /// needed a scan for escapes and a copy through serde for every string.
    pub(super) fn parse_compact(
        prefix: &str,
        name: &str,
        url: &str,
        text: &str,
    ) -> Result<Actions, String> {
        fn list(field: &str, sep: u8) -> Vec<String> {
            if field.is_empty() {
                Vec::new()
            } else {
                split_at(field, sep).map(str::to_string).collect()
            }
        }
        let bad = |what: &str| format!("catalog data is not valid: actions of {prefix}: {what}");
        let mut raw = Vec::with_capacity(text.len() / 160);
        for record in split_at(text, 0x1e).filter(|r| !r.is_empty()) {
            let mut f = split_at(record, 0x1f);
            let mut next = || {
                f.next()
                    .ok_or_else(|| bad("an action has fewer than seven fields"))
            };
            let (n, l, d, u) = (next()?, next()?, next()?, next()?);
            let (rows, k, dep) = (next()?, next()?, next()?);
            let mut r = Vec::new();
            for row in split_at(rows, 0x1d).filter(|r| !r.is_empty()) {
                let mut parts = split_at(row, 0x1c);
                let (Some(rt), Some(req)) = (parts.next(), parts.next()) else {
                    return Err(bad("a resource row has no required flag"));
                };
                let keys = parts.next().map_or_else(Vec::new, |k| list(k, 0x1b));
                r.push(RawRow(rt.to_string(), RawBool::B(req == "1"), keys));
            }
            raw.push(RawAction {
                n: n.to_string(),
                l: l.to_string(),
                d: d.to_string(),
                u: u.to_string(),
                r,
                k: list(k, 0x1d),
                dep: list(dep, 0x1d),
            });
        }
        Actions::build(prefix, name, url, raw)
    }
}

/// The parts of `s` between the ASCII byte `sep` (like `str::split`, found with memchr:
/// `str::split`'s own search was a sixth of reading the compact actions).
pub(super) fn split_at(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(sep, r.as_bytes()) {
            Some(i) => {
                // `sep` is ASCII, so both sides of it are character boundaries.
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

impl Service {
    /// The service's actions in catalog order. The embedded catalog reads a service's
    /// actions (most of its data) only when they are first asked for, so start-up does
    /// not pay for the hundreds of services a document never names.
    pub fn actions(&self) -> &[Action] {
        &self.loaded().list
    }

    /// Reads the actions now unless they are read or being read already: for a thread
    /// that reads every service ahead of need and should not wait on one that another
    /// thread is reading (see `check`).
    pub fn read_actions_unless_busy(&self) {
        if self.actions.get().is_none() && !self.claimed.0.swap(true, Ordering::Relaxed) {
            self.loaded();
        }
    }

    pub(super) fn loaded(&self) -> &Actions {
        if let Some(a) = self.actions.get() {
            return a;
        }
        self.claimed.0.store(true, Ordering::Relaxed);
        self.actions.get_or_init(|| {
            let Some(raw) = self.raw_actions else {
                return Actions::default();
            };
            // The embedded data is checked whole by a test; should it still be broken,
            // the service has no actions rather than the process a panic.
            Actions::parse_compact(&self.prefix, &self.name, &self.url, raw).unwrap_or_default()
        })
    }

    /// The action named `name` (any case).
    pub fn action(&self, name: &str) -> Option<&Action> {
        let i = with_ascii_lowercase(name, |n| self.loaded().idx.find(n))?;
        self.actions().get(i)
    }

    /// The documented spelling of the action named `name` (any case), without reading
    /// the rest of the action (see [`NameIndex`]).
    pub fn action_name(&self, name: &str) -> Option<&str> {
        let idx = &self.loaded().idx;
        with_ascii_lowercase(name, |n| idx.find(n)).map(|i| idx.name(i))
    }

    /// The actions whose names match the IAM wildcard pattern `pattern` (any case), in
    /// catalog order; the names are matched without reading the actions.
    pub(super) fn actions_matching<'s: 'p, 'p>(
        &'s self,
        pattern: &'p str,
    ) -> impl Iterator<Item = &'s Action> + 'p {
        let a = self.loaded();
        (0..a.idx.len())
            .filter(move |&i| wildcard_match(pattern, a.idx.name(i)))
            .filter_map(move |i| a.list.get(i))
    }

    /// Whether the embedded data of this service's actions reads without error (for
    /// the test that checks the whole catalog).
    #[cfg(test)]
    pub(crate) fn actions_error(&self) -> Option<String> {
        let raw = self.raw_actions?;
        Actions::parse_compact(&self.prefix, &self.name, &self.url, raw).err()
    }

    pub fn resource_type(&self, name: &str) -> Option<&ResourceType> {
        self.resources
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name))
    }
}

/// Resolved information about a condition key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    /// As documented (may contain a `${TagKey}`-style placeholder).
    pub name: String,
    pub key_type: KeyType,
    pub multi_valued: bool,
    /// Data type string verbatim, e.g. `ArrayOfString`.
    pub type_name: String,
    pub description: String,
    /// Service prefix that documents the key; `None` for global (`aws:`) and
    /// federation keys from `global-keys.json`.
    pub service: Option<String>,
    /// For global keys: when the key is present in the request context.
    pub availability: Option<String>,
    /// For federation keys: the identity provider (e.g. `GitHub`).
    pub provider: Option<String>,
}

/// The parts of a [`KeyInfo`] that describe the key itself, borrowed from the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyView<'a> {
    pub name: &'a str,
    pub key_type: KeyType,
    pub multi_valued: bool,
    pub description: &'a str,
}

impl<'a> KeyView<'a> {
    pub fn of(k: &'a KeyInfo) -> Self {
        KeyView {
            name: &k.name,
            key_type: k.key_type,
            multi_valued: k.multi_valued,
            description: &k.description,
        }
    }
}

/// A policy variable usable as `${name}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyVariable {
    /// As documented: `aws:username`, `aws:PrincipalTag/${TagKey}`, `*`, `?`, `$`.
    pub name: String,
    pub description: String,
    /// `${*}`, `${?}`, `${$}`: literal characters rather than request values.
    pub special: bool,
    /// Condition key behind the variable, when known.
    pub key: Option<KeyInfo>,
}

/// A deprecated or undocumented key and its replacement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeprecatedKey {
    pub name: String,
    pub replacement: String,
    pub description: String,
}
