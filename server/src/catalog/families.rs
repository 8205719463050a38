//! Numbered families of condition keys: `kms:RecipientAttestation:PCR0` …
//! `kms:RecipientAttestation:PCR31` are 32 keys in the catalog but one idea to a
//! reader. Lists shown to people (completion, hover) show a family as one entry.

/// Fewer numbered keys than this with one stem stay separate entries.
const MIN_FAMILY: usize = 3;

/// One entry of a list of condition keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyEntry<'a> {
    One(&'a str),
    Family(KeyFamily<'a>),
}

/// Keys named `{stem}{n}` for every `n` from `first` to `last` that the list held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyFamily<'a> {
    /// `kms:RecipientAttestation:PCR`
    pub stem: &'a str,
    pub first: u32,
    pub last: u32,
    /// How many keys of the list it stands for.
    pub count: usize,
    /// The first member met, as the list spelled it (for its type and description).
    pub example: &'a str,
}

impl KeyFamily<'_> {
    /// `kms:RecipientAttestation:PCR{0..31}`
    pub fn label(&self) -> String {
        format!("{}{{{}..{}}}", self.stem, self.first, self.last)
    }

    /// Whether `name` (any case) is one of the family's keys.
    pub fn contains(&self, name: &str) -> bool {
        numbered(name).is_some_and(|(stem, n)| {
            stem.eq_ignore_ascii_case(self.stem) && (self.first..=self.last).contains(&n)
        })
    }
}

impl<'a> KeyEntry<'a> {
    /// The text a list shows: the key, or the family's label.
    pub fn label(&self) -> String {
        match self {
            KeyEntry::One(k) => (*k).to_string(),
            KeyEntry::Family(f) => f.label(),
        }
    }

    /// A key standing for the entry (the key itself, or the family's first member).
    pub fn example(&self) -> &'a str {
        match self {
            KeyEntry::One(k) => k,
            KeyEntry::Family(f) => f.example,
        }
    }
}

/// `{stem}{digits}` with the digits after the service's colon, at the very end.
pub fn numbered(name: &str) -> Option<(&str, u32)> {
    let digits = name.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 {
        return None;
    }
    let (stem, num) = name.split_at(name.len() - digits);
    // The number must not be part of the service prefix (`ec2`), and the stem must say
    // something after the colon.
    let (_, after) = stem.split_once(':')?;
    if after.is_empty() {
        return None;
    }
    Some((stem, num.parse().ok()?))
}

/// Groups `names` (in their order): numbered keys sharing a stem, at least
/// [`MIN_FAMILY`] of them, become one [`KeyEntry::Family`] where the first of them
/// stood; everything else stays as it was.
pub fn group<'a>(names: &[&'a str]) -> Vec<KeyEntry<'a>> {
    let mut stems: Vec<(&str, u32, u32, usize, &str)> = Vec::new();
    for &n in names {
        if let Some((stem, num)) = numbered(n) {
            match stems.iter_mut().find(|s| s.0.eq_ignore_ascii_case(stem)) {
                Some(s) => {
                    s.1 = s.1.min(num);
                    s.2 = s.2.max(num);
                    s.3 += 1;
                }
                None => stems.push((stem, num, num, 1, n)),
            }
        }
    }
    stems.retain(|s| s.3 >= MIN_FAMILY);
    let mut res = Vec::with_capacity(names.len());
    let mut placed = vec![false; stems.len()];
    for &n in names {
        let family = numbered(n)
            .and_then(|(stem, _)| stems.iter().position(|s| s.0.eq_ignore_ascii_case(stem)));
        match family {
            Some(i) if placed[i] => {}
            Some(i) => {
                placed[i] = true;
                let (stem, first, last, count, example) = stems[i];
                res.push(KeyEntry::Family(KeyFamily {
                    stem,
                    first,
                    last,
                    count,
                    example,
                }));
            }
            None => res.push(KeyEntry::One(n)),
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_keys_after_the_colon_only() {
        assert_eq!(
            numbered("kms:RecipientAttestation:PCR12"),
            Some(("kms:RecipientAttestation:PCR", 12))
        );
        assert_eq!(numbered("ec2:Region"), None);
        assert_eq!(numbered("ec2:"), None);
        assert_eq!(numbered("s3:x-amz-acl"), None);
        assert_eq!(numbered("x:1234567"), None);
    }

    #[test]
    fn families_collapse_where_their_first_member_stood() {
        let names = [
            "kms:CallerAccount",
            "kms:RecipientAttestation:PCR0",
            "kms:RecipientAttestation:PCR1",
            "kms:RecipientAttestation:ImageSha384",
            "kms:RecipientAttestation:PCR31",
            "swf:tagList.member.0",
            "swf:tagList.member.1",
            "kms:ViaService",
        ];
        let labels: Vec<String> = group(&names).iter().map(KeyEntry::label).collect();
        assert_eq!(
            labels,
            [
                "kms:CallerAccount",
                "kms:RecipientAttestation:PCR{0..31}",
                "kms:RecipientAttestation:ImageSha384",
                "swf:tagList.member.0",
                "swf:tagList.member.1",
                "kms:ViaService",
            ]
        );
        let KeyEntry::Family(f) = group(&names)[1] else {
            panic!("not a family");
        };
        assert_eq!((f.count, f.example), (3, "kms:RecipientAttestation:PCR0"));
        assert!(f.contains("KMS:RecipientAttestation:pcr7"));
        assert!(!f.contains("kms:RecipientAttestation:PCR32"));
        assert!(!f.contains("kms:RecipientAttestation:ImageSha384"));
    }
}
