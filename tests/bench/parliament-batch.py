"""Parliament's `--directory DIR --include_policy_extension json --json` run, done the way
its CLI does it (parliament/cli.py: find_files, analyze_policy_string per file with the
default config, enhance_finding, is_finding_filtered, print_finding as JSON), with one
difference: an exception in one file is counted and the run goes on.

Parliament 1.6.x raises on some AWS managed policies (for example "Unknown data format:
ArrayOfARN" from its condition-type table) and its CLI then exits with a traceback part
way through the directory, so timing the CLI alone would credit it with files it never
checked. This script prints the findings to stdout like the CLI and, last, one JSON line
to stderr: {"files": N, "checked": N, "crashed": N, "first_crash": "...", "seconds": S}.
`seconds` is measured inside the process; the harness times the whole process.

usage: parliament-batch.py DIR
"""

import json
import sys
import time

T0 = time.monotonic()

from parliament import analyze_policy_string, config  # noqa: E402
from parliament.cli import (  # noqa: E402
    enhance_finding,
    find_files,
    is_finding_filtered,
    print_finding,
)


def main(directory):
    files = find_files(directory=directory, policy_extension="json")
    findings = []
    checked = crashed = 0
    first_crash = None
    for path in files:
        with open(path) as f:
            contents = f.read()
        try:
            policy = analyze_policy_string(
                contents,
                path,
                private_auditors_custom_path=None,
                include_community_auditors=False,
                config=config,
            )
        except Exception as e:  # what makes the CLI stop
            crashed += 1
            if first_crash is None:
                first_crash = f"{path}: {type(e).__name__}: {e}"
            continue
        checked += 1
        findings.extend(policy.findings)
    for finding in findings:
        finding = enhance_finding(finding)
        if not is_finding_filtered(finding, "LOW"):
            print_finding(finding, False, True)
    summary = {
        "files": len(files),
        "checked": checked,
        "crashed": crashed,
        "first_crash": first_crash,
        "findings": len(findings),
        "seconds": round(time.monotonic() - T0, 3),
    }
    print(json.dumps(summary), file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
