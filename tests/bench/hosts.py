"""Policies in templates: timing and findings of `policy-lsp check` on the AWS managed
policies as standalone files and rendered into one CloudFormation YAML template, one
CloudFormation JSON template and Terraform files; the same for real templates; and
cfn-lint side by side. Driven by tests/bench/hosts.sh, which sets everything up.

usage: python hosts.py --bin BIN --cfn-lint CFN_LINT --data managedPolicies.json
           --work DIR --cfn-good DIR --cfn-bad DIR --terraform DIR [--runs N] [--cfn-runs N]

Runs with the Python of cfn-lint's venv: PyYAML (a cfn-lint dependency) renders the YAML
template. Prints Markdown tables on stdout, progress on stderr; the details (every
finding that differs between a rendering and the standalone policies) go to
WORK/differences.txt.
"""

import argparse
import bisect
import collections
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

import yaml


def log(msg):
    print(f"hosts: {msg}", file=sys.stderr, flush=True)


# --- rendering ------------------------------------------------------------------------


def load_policies(data):
    out = []
    with open(data, encoding="utf-8") as f:
        policies = json.load(f)
    for name, pol in policies.items():
        ver = pol["versions"].get(pol.get("latestVersionId")) or list(pol["versions"].values())[-1]
        doc = ver["document"]
        if isinstance(doc, str):
            from urllib.parse import unquote

            doc = json.loads(unquote(doc))
        out.append((name, doc))
    return out


def safe_name(name):
    return "".join(c if c.isalnum() or c in "-_.+=,@" else "_" for c in name)


def logical_id(i, name):
    return f"P{i:04d}" + "".join(c for c in name if c.isalnum())[:200]


def tf_name(i):
    return f"p{i:04d}"


def render_standalone(policies, out):
    os.makedirs(out)
    names = {}
    for name, doc in policies:
        fn = safe_name(name) + ".iam.json"
        with open(os.path.join(out, fn), "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=4, ensure_ascii=False)
            f.write("\n")
        names[fn] = name
    return names


def cfn_resource(name, doc):
    return {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"ManagedPolicyName": name, "PolicyDocument": doc}}


def render_yaml(policies, path):
    """One CloudFormation YAML template; returns the 0-based first line of each policy's
    resource, in order."""
    lines = ['AWSTemplateFormatVersion: "2010-09-09"', "Description: Every AWS managed policy", "Resources:"]
    starts = []
    for i, (name, doc) in enumerate(policies):
        starts.append(len(lines))
        text = yaml.safe_dump({logical_id(i, name): cfn_resource(name, doc)}, sort_keys=False, allow_unicode=True)
        lines.extend("  " + line for line in text.rstrip("\n").split("\n"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return starts


def render_cfn_json(policies, path):
    lines = ["{", '  "AWSTemplateFormatVersion": "2010-09-09",', '  "Description": "Every AWS managed policy",', '  "Resources": {']
    starts = []
    for i, (name, doc) in enumerate(policies):
        starts.append(len(lines))
        body = json.dumps(cfn_resource(name, doc), indent=2, ensure_ascii=False).split("\n")
        comma = "," if i + 1 < len(policies) else ""
        lines.append(f"    {json.dumps(logical_id(i, name))}: " + body[0])
        lines.extend("    " + line for line in body[1:-1])
        lines.append("    " + body[-1] + comma)
    lines += ["  }", "}"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return starts


def hcl_str(s):
    out = ['"']
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    out.append('"')
    # Template sequences: `${` and `%{` are written `$${` and `%%{` (literal text).
    return "".join(out).replace("${", "$${").replace("%{", "%%{")


def hcl_key(k):
    return k if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", k) else hcl_str(k)


def hcl_value(v, ind):
    pad = "  " * (ind + 1)
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [f"{pad}{hcl_key(k)} = {hcl_value(x, ind + 1)}" for k, x in v.items()]
        return "{\n" + "\n".join(items) + "\n" + "  " * ind + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        items = [f"{pad}{hcl_value(x, ind + 1)}," for x in v]
        return "[\n" + "\n".join(items) + "\n" + "  " * ind + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    return hcl_str(v)


def write_blocks(blocks, path):
    lines, starts = [], []
    for b in blocks:
        starts.append(len(lines))
        lines.extend(b.split("\n"))
        lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return starts


def render_tf_jsonencode(policies, path):
    blocks = []
    for i, (name, doc) in enumerate(policies):
        blocks.append(
            f'resource "aws_iam_policy" "{tf_name(i)}" {{\n  name   = {hcl_str(name)}\n'
            f"  policy = jsonencode({hcl_value(doc, 1)})\n}}"
        )
    return write_blocks(blocks, path)


def render_tf_heredoc(policies, path):
    blocks = []
    for i, (name, doc) in enumerate(policies):
        text = json.dumps(doc, indent=2, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")
        blocks.append(
            f'resource "aws_iam_policy" "{tf_name(i)}" {{\n  name   = {hcl_str(name)}\n'
            f"  policy = <<-EOT\n" + "\n".join("    " + line for line in text.split("\n")) + "\n  EOT\n}"
        )
    return write_blocks(blocks, path)


def as_list(v):
    return v if isinstance(v, list) else [v]


def tf_values(v):
    out = []
    for x in as_list(v):
        if isinstance(x, bool):
            x = "true" if x else "false"
        elif not isinstance(x, str):
            x = json.dumps(x)
        out.append(x)
    return out


def render_tf_document(policies, path):
    """`data "aws_iam_policy_document"` blocks, each used by an `aws_iam_policy`."""
    blocks = []
    for i, (name, doc) in enumerate(policies):
        n = tf_name(i)
        b = [f'data "aws_iam_policy_document" "{n}" {{']
        if "Version" in doc:
            b.append(f"  version = {hcl_str(doc['Version'])}")
        for st in as_list(doc.get("Statement", [])):
            b.append("  statement {")
            if "Sid" in st:
                b.append(f"    sid       = {hcl_str(st['Sid'])}")
            if "Effect" in st:
                b.append(f"    effect    = {hcl_str(st['Effect'])}")
            for key, attr in (("Action", "actions"), ("NotAction", "not_actions"), ("Resource", "resources"), ("NotResource", "not_resources")):
                if key in st:
                    b.append(f"    {attr} = [" + ", ".join(hcl_str(x) for x in tf_values(st[key])) + "]")
            for key, block in (("Principal", "principals"), ("NotPrincipal", "not_principals")):
                if key in st:
                    p = st[key]
                    if p == "*":
                        p = {"*": ["*"]}
                    for typ, ids in p.items():
                        b.append(f"    {block} {{\n      type        = {hcl_str(typ)}\n      identifiers = [" + ", ".join(hcl_str(x) for x in tf_values(ids)) + "]\n    }")
            for op, kv in st.get("Condition", {}).items():
                for var, vals in kv.items():
                    b.append(
                        f"    condition {{\n      test     = {hcl_str(op)}\n      variable = {hcl_str(var)}\n"
                        f"      values   = [" + ", ".join(hcl_str(x) for x in tf_values(vals)) + "]\n    }"
                    )
            b.append("  }")
        b.append("}\n")
        b.append(f'resource "aws_iam_policy" "{n}" {{\n  name   = {hcl_str(name)}\n  policy = data.aws_iam_policy_document.{n}.json\n}}')
        blocks.append("\n".join(b))
    return write_blocks(blocks, path)


# --- running --------------------------------------------------------------------------


def run(cmd, cwd=None, ok=(0, 1)):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if p.returncode not in ok:
        log(f"{' '.join(cmd)} exited with {p.returncode}:\n{p.stderr.decode(errors='replace')[:2000]}")
        sys.exit(2)
    return dt, p.stdout.decode("utf-8", errors="replace"), p.stderr.decode("utf-8", errors="replace")


SUMMARY = re.compile(r"checked (\d+) files?, (\d+) polic(?:y|ies) \((\d+) skipped")


def time_ours(bin_, target, cwd, runs):
    """(median seconds, every run's seconds, files, policies, findings) of
    `check --format json TARGET`."""
    _, human, _ = run([bin_, "check", "--no-color", target], cwd=cwd)
    m = SUMMARY.search(human)
    if not m:
        log(f"no summary line in the output for {target}")
        sys.exit(2)
    files, policies = int(m.group(1)), int(m.group(2))
    times, out = [], None
    for _ in range(runs):
        dt, out, _ = run([bin_, "check", "--format", "json", target], cwd=cwd)
        times.append(dt)
    return statistics.median(times), times, files, policies, json.loads(out)


CFN_LINE = re.compile(r"^(.*?):(\d+):(\d+):(\d+):(\d+):([EWI]\d+):(.*)$")


def cfn_lint(cfn, files, cwd=None):
    # Exit status: a bit mask of the levels found (2 error, 4 warning, 8 info), 32 on a
    # parse failure of the command line or a template.
    dt, out, err = run([cfn, "--format", "parseable", "--", *files], cwd=cwd, ok=tuple(range(0, 64)))
    found = []
    for line in out.splitlines():
        m = CFN_LINE.match(line)
        if m:
            found.append((m.group(1), int(m.group(2)), m.group(6), m.group(7)))
    return dt, found


def time_cfn(cfn, files, runs, cwd=None):
    times, found = [], None
    for _ in range(runs):
        dt, found = cfn_lint(cfn, files, cwd)
        times.append(dt)
    return statistics.median(times), times, found


def template_files(d):
    out = []
    for root, dirs, fs in os.walk(d):
        dirs.sort()
        for f in sorted(fs):
            if f.endswith((".yaml", ".yml", ".json", ".template")):
                out.append(os.path.join(root, f))
    return out


# --- the findings of a rendering against the standalone policies ----------------------


def per_policy(findings, locate):
    """Counter of (policy, rule) for findings; `locate(finding)` gives the policy."""
    c = collections.Counter()
    for f in findings:
        c[(locate(f), f["code"])] += 1
    return c


def compare(name, base, other, details):
    """Per rule: base count, other count; differences per (policy, rule) written to
    details."""
    diffs = collections.Counter()
    keys = set(base) | set(other)
    examples = collections.defaultdict(list)
    for k in sorted(keys, key=lambda k: (k[1], k[0])):
        if base.get(k, 0) != other.get(k, 0):
            diffs[k[1]] += other.get(k, 0) - base.get(k, 0)
            examples[k[1]].append((k[0], base.get(k, 0), other.get(k, 0)))
    details.write(f"== {name}: (policy, rule) counts that differ from the standalone policies\n")
    for rule, ex in sorted(examples.items()):
        details.write(f"-- {rule}: {len(ex)} policies\n")
        for pol, b, o in ex:
            details.write(f"   {pol}: standalone {b}, {name} {o}\n")
    return diffs, examples


# --- mutants --------------------------------------------------------------------------

BASE = """AWSTemplateFormatVersion: "2010-09-09"
Description: IAM mistakes, one at a time (base)
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles:
        - !Ref AppRole
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: ReadReports
            Effect: Allow
            Action:
              - s3:GetObject
              - s3:ListBucket
            Resource:
              - arn:aws:s3:::reports-bucket
              - arn:aws:s3:::reports-bucket/*
            Condition:
              StringEquals:
                aws:RequestedRegion: eu-west-1
          - Sid: PassAppRole
            Effect: Allow
            Action: iam:PassRole
            Resource: !GetAtt AppRole.Arn
"""

# (name, old text, new text): each mutant changes one thing of BASE.
MUTANTS = [
    ("misspelled action (s3:GetObjectt)", "- s3:GetObject\n", "- s3:GetObjectt\n"),
    ("unknown service prefix (s4:GetObject)", "- s3:GetObject\n", "- s4:GetObject\n"),
    ("action without service (GetObject)", "- s3:GetObject\n", "- GetObject\n"),
    ("bad condition operator (StringEqualz)", "StringEquals:\n                aws:RequestedRegion", "StringEqualz:\n                aws:RequestedRegion"),
    ("unknown condition key (aws:RequestedRegio)", "aws:RequestedRegion:", "aws:RequestedRegio:"),
    ("malformed ARN (arn:aws:s3:reports-bucket)", "- arn:aws:s3:::reports-bucket\n", "- arn:aws:s3:reports-bucket\n"),
    ("iam:PassRole on Resource \"*\" in an Allow", "Resource: !GetAtt AppRole.Arn", 'Resource: "*"'),
    ("Principal in an identity policy", "          - Sid: ReadReports\n            Effect: Allow\n", "          - Sid: ReadReports\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::123456789012:root\n"),
    ("invalid Version (2012-10-18)", '      PolicyDocument:\n        Version: "2012-10-17"', '      PolicyDocument:\n        Version: "2012-10-18"'),
    ("invalid Effect (Alow)", "          - Sid: ReadReports\n            Effect: Allow", "          - Sid: ReadReports\n            Effect: Alow"),
    ("no Resource", "            Action: iam:PassRole\n            Resource: !GetAtt AppRole.Arn\n", "            Action: iam:PassRole\n"),
    ("Sid with a hyphen (Read-Reports)", "Sid: ReadReports", "Sid: Read-Reports"),
    ("duplicate Sid", "Sid: PassAppRole", "Sid: ReadReports"),
    ("Allow * on * (full admin)", "Action: iam:PassRole\n            Resource: !GetAtt AppRole.Arn", 'Action: "*"\n            Resource: "*"'),
    ("Resource in a trust policy", "            Action: sts:AssumeRole\n", "            Action: sts:AssumeRole\n            Resource: \"*\"\n"),
    ("malformed service principal (lambda.amazonaws)", "Service: lambda.amazonaws.com", "Service: lambda.amazonaws"),
    ("trust policy action for another principal (sts:AssumeRoleWithSAML)", "Action: sts:AssumeRole\n", "Action: sts:AssumeRoleWithSAML\n"),
    ("wrong value type for the operator (DateGreaterThan: eu-west-1)", "StringEquals:\n                aws:RequestedRegion", "DateGreaterThan:\n                aws:RequestedRegion"),
    ("ARN with a bad region (arn:aws:sqs:eu-west-9:…)", "- arn:aws:s3:::reports-bucket\n", "- arn:aws:sqs:eu-west-9:123456789012:queue\n"),
    ("ARN account not 12 digits (arn:aws:sqs:…:1234:queue)", "- arn:aws:s3:::reports-bucket\n", "- arn:aws:sqs:eu-west-1:1234:queue\n"),
    ("NotAction in an Allow", "            Action: iam:PassRole\n", "            NotAction: iam:PassRole\n"),
    ("empty Action list", "            Action: iam:PassRole\n", "            Action: []\n"),
]


def rule_counter(findings):
    return collections.Counter(findings)


def new_rules(base, mutant):
    """Rules reported more often on the mutant than on the base, as 'RULE' or 'RULE ×n'."""
    out = []
    for r in sorted(mutant):
        d = mutant[r] - base.get(r, 0)
        if d > 0:
            out.append(r if d == 1 else f"{r} ×{d}")
    return ", ".join(out) or "—"


def ours_rules(bin_, path, cwd):
    _, out, _ = run([bin_, "check", "--format", "json", path], cwd=cwd)
    return collections.Counter(f["code"] for f in json.loads(out))


def cfn_rules(cfn, path):
    _, found = cfn_lint(cfn, [path])
    return collections.Counter(r for _, _, r, _ in found), found


# --- main -----------------------------------------------------------------------------


def fmt_ms(s):
    ms = s * 1000
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"


def fmt_us(us):
    return f"{us:.0f}" if us >= 100 else f"{us:.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--cfn-lint", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cfn-good", required=True)
    ap.add_argument("--cfn-bad", required=True)
    ap.add_argument("--terraform", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cfn-runs", type=int, default=3)
    a = ap.parse_args()

    work = a.work
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    # As in tests/corpus/managed-policies.sh: AWS creates its managed policies without
    # the customer quota, so the size finding stays a warning. One config for every
    # rendering (found from each file's folder upwards).
    with open(os.path.join(work, "policy-lsp.toml"), "w") as f:
        f.write('[rules]\npolicy-size = "warning"\n')

    policies = load_policies(a.data)
    n = len(policies)
    log(f"rendering {n} managed policies")
    names = render_standalone(policies, os.path.join(work, "policies"))
    renderings = {}
    for key, sub, fn, render in (
        ("yaml", "yaml", "managed-policies.yaml", render_yaml),
        ("json", "json", "managed-policies.json", render_cfn_json),
        ("tf", "tf", "managed-policies.tf", render_tf_jsonencode),
        ("tf-heredoc", "tf-heredoc", "managed-policies.tf", render_tf_heredoc),
        ("tf-document", "tf-document", "managed-policies.tf", render_tf_document),
    ):
        os.makedirs(os.path.join(work, sub))
        path = os.path.join(sub, fn)
        starts = render(policies, os.path.join(work, path))
        renderings[key] = (path, starts)

    sizes = {"standalone": sum(os.path.getsize(os.path.join(work, "policies", f)) for f in names)}
    for key, (path, _) in renderings.items():
        sizes[key] = os.path.getsize(os.path.join(work, path))

    # --- timing, ours
    rows = []
    by_key = {}
    results = {}
    targets = [
        ("standalone", "AWS managed policies, one `.iam.json` file each (1 directory)", "policies"),
        ("yaml", "the same in one CloudFormation YAML template (`AWS::IAM::ManagedPolicy`)", renderings["yaml"][0]),
        ("json", "the same in one CloudFormation JSON template", renderings["json"][0]),
        ("tf", "the same in one Terraform file (`aws_iam_policy`, `policy = jsonencode({...})`)", renderings["tf"][0]),
        ("tf-heredoc", "the same in one Terraform file (`policy = <<-EOT` JSON heredoc)", renderings["tf-heredoc"][0]),
        ("tf-document", 'the same in one Terraform file (`data "aws_iam_policy_document"` blocks)', renderings["tf-document"][0]),
        ("cfn-good", "cfn-lint 1.58.0 `test/fixtures/templates/good` (real templates, YAML/JSON/SAM)", a.cfn_good),
        ("terraform", "`shared/corpora/terraform` (real Terraform modules)", a.terraform),
    ]
    for key, label, target in targets:
        log(f"timing policy-lsp check on {key} ({a.runs} runs)")
        med, times, files, npol, findings = time_ours(a.bin, target, work, a.runs)
        results[key] = findings
        size = sizes.get(key)
        if size is None:
            size = sum(os.path.getsize(p) for p in template_files(target) + [os.path.join(r, f) for r, _, fs in os.walk(target) for f in fs if f.endswith(".tf")])
        rows.append((label, files, npol, size, med, min(times), max(times), len(findings)))
        by_key[key] = rows[-1]

    print("### policy-lsp check: time per policy\n")
    print(f"Release binary, default settings, `check --format json TARGET`; median of {a.runs} runs (min–max), wall time of the whole process.\n")
    print("| input | files | policies | size | wall ms, median (min–max) | µs per policy | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, files, npol, size, med, lo, hi, nf in rows:
        per = med * 1e6 / max(npol, 1)
        print(f"| {label} | {files} | {npol} | {size / 1e6:.1f} MB | {fmt_ms(med)} ({fmt_ms(lo)}–{fmt_ms(hi)}) | {fmt_us(per)} | {nf} |")
    print()

    # --- findings: renderings against standalone
    def loc_standalone(f):
        return names.get(os.path.basename(f["file"]), f["file"])

    def loc_lines(starts):
        def loc(f):
            i = bisect.bisect_right(starts, f["range"]["start"]["line"]) - 1
            return policies[i][0] if i >= 0 else "(header)"

        return loc

    base = per_policy(results["standalone"], loc_standalone)
    base_rules = collections.Counter(f["code"] for f in results["standalone"])
    diffs_all = {}
    with open(os.path.join(work, "differences.txt"), "w", encoding="utf-8") as details:
        for key in ("yaml", "json", "tf", "tf-heredoc", "tf-document"):
            other = per_policy(results[key], loc_lines(renderings[key][1]))
            diffs_all[key] = compare(key, base, other, details)
    cols = ("yaml", "json", "tf", "tf-heredoc", "tf-document")
    rule_counts = {k: collections.Counter(f["code"] for f in results[k]) for k in cols}
    all_rules = sorted(set(base_rules).union(*rule_counts.values()), key=lambda r: (-base_rules.get(r, 0), r))
    print("### Findings: the rendered policies against the standalone ones\n")
    print("Findings by rule; a cell is the rendering's count, with the number of policies whose count for that rule differs from the standalone file's when any does.\n")
    print("| rule | standalone | CFN YAML | CFN JSON | TF jsonencode | TF heredoc | TF policy document |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in all_rules:
        cells = []
        for k in cols:
            c = rule_counts[k].get(r, 0)
            d = len(diffs_all[k][1].get(r, []))
            cells.append(f"{c}" + (f" (**{d} differ**)" if d else ""))
        print(f"| {r} | {base_rules.get(r, 0)} | " + " | ".join(cells) + " |")
    tot = [str(sum(rule_counts[k].values())) for k in cols]
    print(f"| **all** | {sum(base_rules.values())} | " + " | ".join(tot) + " |")
    print()

    # --- cfn-lint timing
    good_files = template_files(a.cfn_good)
    yaml_path = os.path.join(work, renderings["yaml"][0])
    crow = []
    for label, files, npol_key in (
        ("the managed policies in one CloudFormation YAML template", [yaml_path], "yaml"),
        ("cfn-lint 1.58.0 `test/fixtures/templates/good`", good_files, "cfn-good"),
    ):
        log(f"timing cfn-lint on {npol_key} ({a.cfn_runs} runs)")
        med, times, found = time_cfn(a.cfn_lint, files, a.cfn_runs)
        ours = by_key[npol_key]
        crow.append((label, len(files), ours[2], med, min(times), max(times), len(found), ours[4]))
    print("### cfn-lint side by side\n")
    print(f"cfn-lint 1.58.0 (PyPI, default rules, `--format parseable`), median of {a.cfn_runs} runs; policy-lsp: the median above.\n")
    print("| input | files | policies | cfn-lint wall s, median (min–max) | cfn-lint findings | cfn-lint ms per policy | policy-lsp ms | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, nf, npol, med, lo, hi, nfound, ours in crow:
        print(f"| {label} | {nf} | {npol} | {med:.2f} ({lo:.2f}–{hi:.2f}) | {nfound} | {med * 1000 / max(npol, 1):.2f} | {fmt_ms(ours)} | {med / ours:.0f}× |")
    print()

    # --- mistakes: mutants and cfn-lint's bad IAM fixtures
    mdir = os.path.join(work, "mutants")
    os.makedirs(mdir)
    base_path = os.path.join(mdir, "base.yaml")
    with open(base_path, "w") as f:
        f.write(BASE)
    ours_base = ours_rules(a.bin, base_path, mdir)
    cfn_base, cfn_base_found = cfn_rules(a.cfn_lint, base_path)
    print("### IAM mistakes: which tool reports each\n")
    print(f"One CloudFormation YAML template (a Lambda role and a managed policy attached to it, `tests/bench/hosts.py` `BASE`), changed one mistake at a time. A cell lists the rules reported more often on the mutant than on the base template (base: cfn-lint {dict(cfn_base) or 'nothing'}, policy-lsp {dict(ours_base) or 'nothing'}).\n")
    print("| mistake | cfn-lint | policy-lsp |")
    print("|---|---|---|")
    for i, (label, old, new) in enumerate(MUTANTS):
        if BASE.count(old) != 1:
            log(f"mutant {label!r}: the text to replace occurs {BASE.count(old)} times")
            sys.exit(2)
        p = os.path.join(mdir, f"m{i:02d}.yaml")
        with open(p, "w") as f:
            f.write(BASE.replace(old, new))
        o = ours_rules(a.bin, p, mdir)
        c, _ = cfn_rules(a.cfn_lint, p)
        print(f"| {label} | {new_rules(cfn_base, c)} | {new_rules(ours_base, o)} |")
    print()

    print("### cfn-lint's own bad IAM templates\n")
    print("cfn-lint 1.58.0 `test/fixtures/templates/bad/resources/iam/*.yaml`: every rule each tool reports (count).\n")
    print("| template | cfn-lint | policy-lsp |")
    print("|---|---|---|")
    bad = sorted(os.path.join(a.cfn_bad, "resources", "iam", f) for f in os.listdir(os.path.join(a.cfn_bad, "resources", "iam")))
    for p in bad:
        o = ours_rules(a.bin, p, os.path.dirname(p))
        c, _ = cfn_rules(a.cfn_lint, p)

        def show(cnt):
            return ", ".join(r if k == 1 else f"{r} ×{k}" for r, k in sorted(cnt.items())) or "—"

        print(f"| `resources/iam/{os.path.basename(p)}` | {show(c)} | {show(o)} |")
    print()
    log(f"details of the differences: {os.path.join(work, 'differences.txt')}")


if __name__ == "__main__":
    main()
