#!/usr/bin/env python3
"""Validate a SARIF log against SARIF 2.1.0 JSON schemas and GitHub
code-scanning expectations.

usage: check_sarif.py SARIF_FILE SCHEMA_FILE [SCHEMA_FILE...]

Prints every problem found; exits 0 when there is none, 1 otherwise.
"""
import json
import sys

import jsonschema

# Limits GitHub code scanning enforces on an upload (documented limits).
MAX_RUNS = 20
MAX_RESULTS_PER_RUN = 25000
MAX_RULES_PER_RUN = 25000
MAX_LOCATIONS_PER_RESULT = 1000


def schema_errors(log, schema_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    out = []
    for err in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
        path = "/" + "/".join(str(p) for p in err.absolute_path)
        out.append(f"{schema_path.rsplit('/', 1)[-1]}: {path}: {err.message[:300]}")
    return out


def github_errors(log):
    out = []
    if log.get("version") != "2.1.0":
        out.append(f"/version: must be \"2.1.0\", got {log.get('version')!r}")
    runs = log.get("runs") or []
    if not runs:
        out.append("/runs: no run")
    if len(runs) > MAX_RUNS:
        out.append(f"/runs: {len(runs)} runs, GitHub accepts at most {MAX_RUNS}")
    for ri, run in enumerate(runs):
        rp = f"/runs/{ri}"
        driver = (run.get("tool") or {}).get("driver") or {}
        if not driver.get("name"):
            out.append(f"{rp}/tool/driver/name: missing")
        rules = driver.get("rules") or []
        if len(rules) > MAX_RULES_PER_RUN:
            out.append(f"{rp}/tool/driver/rules: {len(rules)} rules, limit {MAX_RULES_PER_RUN}")
        rule_ids = [r.get("id") for r in rules]
        if len(set(rule_ids)) != len(rule_ids):
            dup = sorted({i for i in rule_ids if rule_ids.count(i) > 1})
            out.append(f"{rp}/tool/driver/rules: duplicate rule ids {dup}")
        for k, rule in enumerate(rules):
            if not rule.get("id"):
                out.append(f"{rp}/tool/driver/rules/{k}/id: missing")
            if not (rule.get("shortDescription") or {}).get("text"):
                out.append(f"{rp}/tool/driver/rules/{k}/shortDescription/text: missing (GitHub shows it as the alert title)")
        results = run.get("results")
        if results is None:
            out.append(f"{rp}/results: missing")
            continue
        if len(results) > MAX_RESULTS_PER_RUN:
            out.append(f"{rp}/results: {len(results)} results, limit {MAX_RESULTS_PER_RUN}")
        for i, res in enumerate(results):
            p = f"{rp}/results/{i}"
            rule_id = res.get("ruleId")
            if not rule_id:
                out.append(f"{p}/ruleId: missing")
            elif rules and rule_id not in rule_ids:
                out.append(f"{p}/ruleId: {rule_id!r} is not in tool.driver.rules")
            if "ruleIndex" in res:
                ix = res["ruleIndex"]
                if not (isinstance(ix, int) and 0 <= ix < len(rules)):
                    out.append(f"{p}/ruleIndex: {ix!r} out of range (0..{len(rules) - 1})")
                elif rules[ix].get("id") != rule_id:
                    out.append(f"{p}/ruleIndex: {ix} points at rule {rules[ix].get('id')!r}, not {rule_id!r}")
            if not isinstance((res.get("message") or {}).get("text"), str) or not res["message"]["text"].strip():
                out.append(f"{p}/message/text: missing or empty")
            level = res.get("level")
            if level is not None and level not in ("none", "note", "warning", "error"):
                out.append(f"{p}/level: {level!r}")
            locs = res.get("locations") or []
            if not locs:
                out.append(f"{p}/locations: none (GitHub needs a location to show an alert)")
            if len(locs) > MAX_LOCATIONS_PER_RESULT:
                out.append(f"{p}/locations: {len(locs)}, limit {MAX_LOCATIONS_PER_RESULT}")
            for j, loc in enumerate(locs):
                lp = f"{p}/locations/{j}/physicalLocation"
                phys = loc.get("physicalLocation") or {}
                uri = (phys.get("artifactLocation") or {}).get("uri")
                if not uri:
                    out.append(f"{lp}/artifactLocation/uri: missing")
                elif "\\" in uri:
                    out.append(f"{lp}/artifactLocation/uri: backslash in {uri!r}")
                elif uri.startswith("/"):
                    out.append(f"{lp}/artifactLocation/uri: absolute path {uri!r} (GitHub wants it relative to the repository root)")
                region = phys.get("region") or {}
                sl = region.get("startLine")
                if not isinstance(sl, int) or sl < 1:
                    out.append(f"{lp}/region/startLine: {sl!r}, must be an integer >= 1")
                    continue
                el = region.get("endLine", sl)
                sc = region.get("startColumn", 1)
                ec = region.get("endColumn")
                if not isinstance(el, int) or el < sl:
                    out.append(f"{lp}/region/endLine: {el!r} before startLine {sl}")
                if not isinstance(sc, int) or sc < 1:
                    out.append(f"{lp}/region/startColumn: {sc!r}, must be >= 1")
                if ec is not None and el == sl and isinstance(sc, int) and (not isinstance(ec, int) or ec < sc):
                    out.append(f"{lp}/region/endColumn: {ec!r} before startColumn {sc}")
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        try:
            log = json.load(f)
        except json.JSONDecodeError as e:
            print(f"not JSON: {e}")
            return 1
    problems = []
    for schema in argv[2:]:
        problems += schema_errors(log, schema)
    problems += ["github: " + e for e in github_errors(log)]
    n = sum(len(r.get("results") or []) for r in log.get("runs") or [])
    for msg in problems[:200]:
        print("  " + msg)
    if len(problems) > 200:
        print(f"  ... and {len(problems) - 200} more")
    print(f"  {n} results checked against {len(argv) - 2} schema(s) and GitHub code-scanning rules: "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
