//! Building a catalog: the embedded one (split by build.rs), a user's file, and the
//! indexes over services, condition keys, variables and principals.

use super::*;

impl Catalog {
    /// The embedded catalog, parsed on first use. Never panics: if the embedded
    /// data were unreadable, an empty catalog is returned and
    /// [`Catalog::builtin_error`] says why.
    pub fn builtin() -> &'static Catalog {
        BUILTIN.get_or_init(
            || match Catalog::from_split_json(BUILTIN_SERVICES, BUILTIN_ACTIONS) {
                Ok(c) => {
                    let _ = BUILTIN_ERROR.set(None);
                    c
                }
                Err(e) => {
                    let _ = BUILTIN_ERROR.set(Some(e));
                    Catalog::empty()
                }
            },
        )
    }

    /// Why the embedded data failed to load, if it did (always `None` in a sound build).
    pub fn builtin_error() -> Option<&'static str> {
        Catalog::builtin();
        BUILTIN_ERROR.get().and_then(|e| e.as_deref())
    }

    /// Build from a catalog file in the `catalog.json` format (e.g. a newer file the
    /// user points at). Global keys, variables and principals always come from the
    /// embedded `global-keys.json`.
    pub fn from_json(catalog_json: &str) -> Result<Catalog, String> {
        let raw: RawCatalog = serde_json::from_str(catalog_json)
            .map_err(|e| format!("catalog data is not valid: {e}"))?;
        let global = parse_global(BUILTIN_GLOBAL_KEYS)
            .map_err(|e| format!("embedded global-keys.json is not valid: {e}"))?;
        Catalog::build(raw, global, None)
    }

    /// The embedded catalog as build.rs splits it: `services` names each service's
    /// range of `actions`, which stays text until first asked for.
    pub(super) fn from_split_json(
        services: &str,
        actions: &'static str,
    ) -> Result<Catalog, String> {
        let raw: RawCatalog<'_> = serde_json::from_str(services)
            .map_err(|e| format!("catalog data is not valid: {e}"))?;
        let global = parse_global(BUILTIN_GLOBAL_KEYS)
            .map_err(|e| format!("embedded global-keys.json is not valid: {e}"))?;
        Catalog::build(raw, global, Some(actions))
    }

    pub(super) fn empty() -> Catalog {
        let raw = RawCatalog {
            source: RawSource {
                package: String::new(),
                version: "unavailable".into(),
                date: String::new(),
                license: String::new(),
            },
            services: Vec::new(),
        };
        let global = parse_global(BUILTIN_GLOBAL_KEYS).unwrap_or(GlobalData {
            keys: Vec::new(),
            deprecated: Vec::new(),
            variables: Vec::new(),
            service_principals: Vec::new(),
        });
        // `build` cannot fail on an empty service list.
        match Catalog::build(raw, global, None) {
            Ok(c) => c,
            Err(_) => Catalog {
                provenance: Provenance {
                    package: String::new(),
                    version: "unavailable".into(),
                    date: String::new(),
                    license: String::new(),
                },
                services: Vec::new(),
                service_idx: HashMap::default(),
                global: GlobalData {
                    keys: Vec::new(),
                    deprecated: Vec::new(),
                    variables: Vec::new(),
                    service_principals: Vec::new(),
                },
                key_exact: HashMap::default(),
                key_templates: Vec::new(),
                variable_idx: HashMap::default(),
                variable_templates: Vec::new(),
                principal_set: HashSet::default(),
                deprecated_idx: HashMap::default(),
                arn_formats: Vec::new(),
                arn_memo: Vec::new(),
                any_action_memo: Memo::default(),
                service_suggestion_memo: Memo::default(),
                key_names: OnceLock::new(),
                key_suggestion_memo: Memo::default(),
            },
        }
    }

    /// Actions given inline are read now; `actions_at` ranges point into `split`
    /// (the embedded catalog's actions text), whose slices are kept to read later.
    pub(super) fn build(
        raw: RawCatalog<'_>,
        global: GlobalData,
        split: Option<&'static str>,
    ) -> Result<Catalog, String> {
        let provenance = Provenance {
            package: raw.source.package,
            version: raw.source.version,
            date: raw.source.date,
            license: raw.source.license,
        };
        let mut services = Vec::with_capacity(raw.services.len());
        let mut service_idx =
            HashMap::with_capacity_and_hasher(raw.services.len(), Default::default());
        for rs in raw.services {
            let lower = rs.prefix.to_ascii_lowercase();
            if rs.prefix.is_empty() {
                return Err("catalog data is not valid: a service has an empty prefix".into());
            }
            if service_idx.contains_key(&lower) {
                continue; // keep the first definition of a duplicated prefix
            }
            service_idx.insert(lower, services.len());
            services.push(service_from_raw(rs, split)?);
        }

        let (key_exact, key_templates) = index_keys(&global, &services);

        let mut variable_idx = HashMap::default();
        let mut variable_templates = Vec::new();
        for (i, (name, _)) in global.variables.iter().enumerate() {
            variable_idx.entry(name.to_lowercase()).or_insert(i);
            if let Some(toks) = glob::template_tokens(name) {
                variable_templates.push((toks, i));
            }
        }
        let principal_set = global
            .service_principals
            .iter()
            .map(|p| p.to_ascii_lowercase())
            .collect();
        let deprecated_idx = global
            .deprecated
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.to_lowercase(), i))
            .collect();

        let arn_formats = services.iter().map(|_| OnceLock::new()).collect();
        let arn_memo = services.iter().map(|_| Default::default()).collect();
        Ok(Catalog {
            provenance,
            services,
            service_idx,
            global,
            key_exact,
            key_templates,
            variable_idx,
            variable_templates,
            principal_set,
            deprecated_idx,
            arn_formats,
            arn_memo,
            any_action_memo: Memo::default(),
            service_suggestion_memo: Memo::default(),
            key_names: OnceLock::new(),
            key_suggestion_memo: Memo::default(),
        })
    }
}

/// One service as read (its actions parsed now, or kept as text of `split`).
fn service_from_raw(rs: RawService<'_>, split: Option<&'static str>) -> Result<Service, String> {
    let actions = OnceLock::new();
    let raw_actions = match (rs.actions, rs.actions_at) {
        (_, Some((start, end))) => {
            let text = split.and_then(|all| all.get(start..end)).ok_or_else(|| {
                    format!(
                        "catalog data is not valid: {} has \"actions_at\", which only the embedded catalog may use",
                        rs.prefix
                    )
                })?;
            Some(text)
        }
        (Some(text), None) => {
            let read = Actions::parse(&rs.prefix, &rs.name, &rs.url, text.get())?;
            let _ = actions.set(read);
            None
        }
        (None, None) => None,
    };
    let resources: Vec<ResourceType> = rs
        .resources
        .into_iter()
        .map(|r| ResourceType {
            name: r.n,
            arn_formats: split_formats(r.a),
            condition_keys: r.k,
        })
        .collect();
    let arn_fields = ArnFields::of(&rs.prefix, &resources);
    let keys = rs
        .keys
        .into_iter()
        .map(|k| {
            let type_name = if k.t.is_empty() {
                "String".to_string()
            } else {
                k.t
            };
            let (key_type, multi_valued) = KeyType::parse(&type_name);
            ConditionKey {
                name: k.n,
                key_type,
                multi_valued,
                type_name,
                description: k.d,
            }
        })
        .collect();
    Ok(Service {
        prefix: rs.prefix,
        name: rs.name,
        url: rs.url,
        actions,
        raw_actions,
        claimed: Claim::default(),
        resources,
        keys,
        arn_fields,
    })
}

/// Condition keys by lowercase name, and the key templates (most specific first).
fn index_keys(
    global: &GlobalData,
    services: &[Service],
) -> (HashMap<String, KeyRef>, Vec<Template>) {
    // Condition keys: global keys win; for service keys the service whose prefix
    // equals the key's prefix wins over services that merely mention the key.
    let mut key_exact: HashMap<String, KeyRef> = HashMap::default();
    for (i, k) in global.keys.iter().enumerate() {
        key_exact
            .entry(k.name.to_lowercase())
            .or_insert(KeyRef::Global(i));
    }
    for (si, s) in services.iter().enumerate() {
        for (ki, k) in s.keys.iter().enumerate() {
            let lower = k.name.to_lowercase();
            let own = key_prefix(&lower) == s.prefix.to_ascii_lowercase();
            match key_exact.get(&lower) {
                None => {
                    key_exact.insert(lower, KeyRef::Service(si, ki));
                }
                Some(KeyRef::Service(osi, _)) if own => {
                    let other_own =
                        key_prefix(&lower) == services[*osi].prefix.to_ascii_lowercase();
                    if !other_own {
                        key_exact.insert(lower, KeyRef::Service(si, ki));
                    }
                }
                Some(_) => {}
            }
        }
    }
    let mut key_templates = Vec::new();
    let mut entries: Vec<(&String, &KeyRef)> = key_exact.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0)); // deterministic tie-breaking
    for (name, r) in entries {
        if let Some(toks) = glob::template_tokens(name) {
            key_templates.push(Template {
                literal_len: glob::literal_len(&toks),
                toks,
                key: *r,
            });
        }
    }
    // Most specific template first; globals before services on ties.
    key_templates.sort_by(|a, b| {
        b.literal_len.cmp(&a.literal_len).then_with(|| {
            matches!(b.key, KeyRef::Global(_)).cmp(&matches!(a.key, KeyRef::Global(_)))
        })
    });
    (key_exact, key_templates)
}

/// Some data joins alternative ARN formats into one string
/// (`"arn:...::/apis/${ApiId}/stages/${StageName}, arn:...::/restapis/..."`).
pub(super) fn split_formats(formats: Vec<String>) -> Vec<String> {
    if !formats.iter().any(|f| f.contains(',')) {
        return formats;
    }
    let mut out = Vec::with_capacity(formats.len() + 1);
    for f in formats {
        let mut start = 0;
        for (pos, _) in f.match_indices(',') {
            if f[pos + 1..].trim_start().starts_with("arn:") {
                out.push(f[start..pos].trim().to_string());
                start = pos + 1;
            }
        }
        out.push(f[start..].trim().to_string());
    }
    out.retain(|f| !f.is_empty());
    out.dedup();
    out
}

pub(super) fn parse_global(text: &str) -> Result<GlobalData, String> {
    let raw: RawGlobal = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut keys = Vec::with_capacity(raw.keys.len() + raw.federation_keys.len());
    for k in raw.keys.into_iter().chain(raw.federation_keys) {
        let type_name = if k.ty.is_empty() {
            "String".to_string()
        } else {
            k.ty
        };
        let (key_type, multi_from_type) = KeyType::parse(&type_name);
        keys.push(KeyInfo {
            name: k.name,
            key_type,
            multi_valued: k.multi.unwrap_or(multi_from_type) || multi_from_type,
            type_name,
            description: k.desc,
            service: None,
            availability: k.availability.filter(|a| !a.is_empty()),
            provider: k.provider.filter(|p| !p.is_empty()),
        });
    }
    Ok(GlobalData {
        keys,
        deprecated: raw
            .deprecated
            .into_iter()
            .map(|d| DeprecatedKey {
                name: d.name,
                replacement: d.replacement,
                description: d.desc,
            })
            .collect(),
        variables: raw
            .variables
            .into_iter()
            .map(|v| (v.name, v.desc))
            .collect(),
        service_principals: raw.service_principals,
    })
}
