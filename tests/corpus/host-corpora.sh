#!/usr/bin/env bash
# Fetch the template corpora that server/tests/hosts_corpus/ reads (issue 18's
# acceptance): the source packages of two PyPI projects, pinned below, downloaded with
# pip by package name and unpacked into the test cache. Nothing is committed.
#
#   cfn-lint 1.58.0            CloudFormation templates (YAML, JSON, SAM) under
#                              test/fixtures/templates (MIT-0)
#   tf-policy-validator 0.0.9  Terraform files under iam_check/test (MIT-0)
#
# The third corpus, ../shared/corpora/terraform, is read in place by the test.
#
# usage: tests/corpus/host-corpora.sh     (prints each package's directory)
# Env: POLICY_LSP_TEST_CACHE  cache dir (default tests/.cache, gitignored).
# Exits non-zero when a package cannot be fetched: the test then fails, never skips.
set -euo pipefail

PACKAGES=(cfn-lint==1.58.0 tf-policy-validator==0.0.9)

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${POLICY_LSP_TEST_CACHE:-$ROOT/tests/.cache}/pypi
mkdir -p "$CACHE"
for spec in "${PACKAGES[@]}"; do
  name=${spec%%==*}
  version=${spec#*==}
  stem=${name//-/_}-$version
  if [ ! -f "$CACHE/$stem/PKG-INFO" ]; then
    echo "host corpora: fetching $spec (PyPI source package)" >&2
    tmp=$(mktemp -d "$CACHE/.fetch.XXXXXX")
    # One package a call: pip prepares each source package's metadata on its own.
    python3 -m pip download --quiet --no-deps --no-binary :all: -d "$tmp" "$spec" >&2
    tar xzf "$tmp/$stem.tar.gz" -C "$tmp"
    rm -rf "${CACHE:?}/$stem"
    mv "$tmp/$stem" "$CACHE/$stem"
    rm -rf "$tmp"
  fi
  echo "$CACHE/$stem"
done
