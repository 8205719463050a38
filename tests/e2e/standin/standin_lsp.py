#!/usr/bin/env python3
"""STAND-IN language server -- a HARNESS SELF-TEST ONLY, not policy-lsp.

It exists so that the editor end-to-end harness (tests/e2e) can be checked before the real
Rust server speaks LSP. It knows nothing about IAM: it flags the misspelled actions listed in
TYPOS, answers hover/completion with canned text, offers one quickfix per diagnostic, and
sends the policyLsp/status notification the VS Code client shows in its status bar.

CLI (mimics the contract of the real binary closely enough for the editor clients):
  standin_lsp.py [serve] [--stdio]              LSP on stdio
  standin_lsp.py --version
  standin_lsp.py explain RULE-ID                Markdown on stdout
  standin_lsp.py check --format json PATH...    JSON array of findings; exit 1 if any
Set STANDIN_LSP_LOG=/path to log every message received.
"""
import json
import os
import re
import sys

TYPOS = {"s3:GetObjectTaging": "s3:GetObjectTagging", "s3:ListBuckett": "s3:ListBucket",
         "s3:GetObjectt": "s3:GetObject"}
CONDITION_KEYS = ["aws:PrincipalOrgID", "aws:SourceIp", "aws:SecureTransport", "s3:prefix", "aws:SourceVpc"]
TOKEN = re.compile(r'"([A-Za-z0-9-]+:[A-Za-z0-9*?/_.-]+)"')
BARE_TOKEN = re.compile(r'([A-Za-z0-9-]+:[A-Za-z0-9*?/_.-]+)')
# Host files (a CloudFormation YAML template, a Terraform file): canned outlines.
HOST_SYMBOLS = {".yaml": ["ReportsRole", "PolicyDocument", "ReadReports"],
                ".tf": ["data.aws_iam_policy_document.read_reports", "policy document", "ReadReports"]}
LOG = os.environ.get("STANDIN_LSP_LOG")


def log(msg):
    if LOG:
        with open(LOG, "a") as f:
            f.write(msg + "\n")


def find_issues(text):
    out = []
    for lineno, line in enumerate(text.split("\n")):
        for m in TOKEN.finditer(line):
            if m.group(1) in TYPOS:
                # Columns are UTF-16 code units; the fixtures are ASCII.
                out.append((lineno, m.start(1), m.end(1), m.group(1)))
    return out


def is_host(uri):
    return any(uri.endswith(ext) for ext in HOST_SYMBOLS)


def diagnostics(text, uri=""):
    if '"Statement"' not in text and not is_host(uri):
        return []  # not a policy: like the real server, say nothing
    return [
        {
            "range": {"start": {"line": l, "character": s}, "end": {"line": l, "character": e}},
            "severity": 1,
            "code": "unknown-action",
            "source": "policy-lsp",
            "message": f"Unknown action `{tok}`; did you mean `{TYPOS[tok]}`? (stand-in)",
        }
        for (l, s, e, tok) in find_issues(text)
    ]


# ---------------------------------------------------------------- CLI subcommands
def cli(argv):
    if argv and argv[0] == "--version":
        print("policy-lsp stand-in 0.0.0 (harness self-test only)")
        return 0
    if argv and argv[0] == "explain":
        rid = argv[1] if len(argv) > 1 else ""
        print(f"# {rid}\n\nSTANDIN-EXPLAIN: this text comes from the harness stand-in server.\n")
        return 0
    if argv and argv[0] == "check":
        paths = [a for a in argv[1:] if not a.startswith("--") and a not in ("json", "human")]
        results = []
        for p in paths:
            files = [p]
            if os.path.isdir(p):
                files = [os.path.join(d, f) for d, _, fs in os.walk(p) for f in sorted(fs) if f.endswith(".json")]
            for f in files:
                with open(f, encoding="utf-8") as fh:
                    text = fh.read()
                for d in diagnostics(text):
                    results.append({"file": f, "range": d["range"], "severity": "error",
                                    "code": d["code"], "message": d["message"]})
        print(json.dumps(results, indent=2))
        return 1 if results else 0
    return None


# ---------------------------------------------------------------- LSP
docs = {}


def send(obj):
    body = json.dumps(obj).encode("utf-8")
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def read():
    headers = {}
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        k, _, v = line.decode().partition(":")
        headers[k.strip().lower()] = v.strip()
    n = int(headers.get("content-length", 0))
    return json.loads(sys.stdin.buffer.read(n).decode("utf-8"))


def publish(uri):
    text = docs.get(uri, "")
    send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
          "params": {"uri": uri, "diagnostics": diagnostics(text, uri)}})
    if '"Statement"' in text or is_host(uri):
        send({"jsonrpc": "2.0", "method": "policyLsp/status",
              "params": {"uri": uri, "kind": "trust" if uri.endswith(".yaml") else "identity",
                         "reason": "stand-in: Action and Resource without Principal",
                         "catalogDate": "stand-in"}})


def token_at(uri, pos):
    lines = docs.get(uri, "").split("\n")
    if pos["line"] >= len(lines):
        return None
    line = lines[pos["line"]]
    for m in BARE_TOKEN.finditer(line):
        if m.start(1) <= pos["character"] <= m.end(1):
            return m.group(1)
    return None


def handle(msg):
    method = msg.get("method")
    mid = msg.get("id")
    p = msg.get("params") or {}
    log(f"<- {method or 'response'} {json.dumps(p)[:300]}")
    if method == "initialize":
        return {"capabilities": {
            "positionEncoding": "utf-16",
            "textDocumentSync": {"openClose": True, "change": 1},
            "hoverProvider": True,
            "completionProvider": {"triggerCharacters": ['"', ":"]},
            "codeActionProvider": {"codeActionKinds": ["quickfix"]},
            "documentSymbolProvider": True,
        }, "serverInfo": {"name": "policy-lsp stand-in (harness self-test)", "version": "0.0.0"}}
    if method == "textDocument/didOpen":
        docs[p["textDocument"]["uri"]] = p["textDocument"]["text"]
        publish(p["textDocument"]["uri"])
    elif method == "textDocument/didChange":
        docs[p["textDocument"]["uri"]] = p["contentChanges"][-1]["text"]
        publish(p["textDocument"]["uri"])
    elif method == "textDocument/didClose":
        docs.pop(p["textDocument"]["uri"], None)
    elif method == "textDocument/hover":
        tok = token_at(p["textDocument"]["uri"], p["position"])
        if not tok:
            return None
        what = "condition key" if tok in CONDITION_KEYS else "action"
        return {"contents": {"kind": "markdown",
                             "value": f"**{tok}** ({what})\n\nSTANDIN-HOVER: canned text from the harness stand-in."}}
    elif method == "textDocument/completion":
        # The word typed before the cursor is replaced.
        pos = p["position"]
        lines = docs.get(p["textDocument"]["uri"], "").split("\n")
        line = lines[pos["line"]] if pos["line"] < len(lines) else ""
        typed = re.search(r"[A-Za-z0-9:-]*$", line[:pos["character"]]).group(0)
        r = {"start": {"line": pos["line"], "character": pos["character"] - len(typed)}, "end": pos}
        return {"isIncomplete": False, "items": [
            {"label": k, "kind": 10, "detail": "condition key (stand-in)", "textEdit": {"range": r, "newText": k}}
            for k in CONDITION_KEYS]}
    elif method == "textDocument/documentSymbol":
        uri = p["textDocument"]["uri"]
        names = next((v for ext, v in HOST_SYMBOLS.items() if uri.endswith(ext)), None)
        if not names:
            return []
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}
        sym = None
        for n in reversed(names):
            sym = {"name": n, "kind": 2, "range": whole, "selectionRange": whole,
                   "children": [sym] if sym else []}
        return [sym]
    elif method == "textDocument/codeAction":
        uri = p["textDocument"]["uri"]
        actions = []
        for d in p.get("context", {}).get("diagnostics", []):
            if d.get("code") != "unknown-action":
                continue
            r = d["range"]
            line = docs.get(uri, "").split("\n")[r["start"]["line"]]
            bad = line[r["start"]["character"]:r["end"]["character"]]
            if bad not in TYPOS:
                continue
            actions.append({"title": f"Replace with `{TYPOS[bad]}`", "kind": "quickfix",
                            "isPreferred": True, "diagnostics": [d],
                            "edit": {"changes": {uri: [{"range": r, "newText": TYPOS[bad]}]}}})
        return actions
    elif method == "shutdown":
        return None
    elif method == "exit":
        sys.exit(0)
    elif mid is not None and method:
        send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": f"not handled: {method}"}})
        return "__sent__"
    return None


def main():
    args = [a for a in sys.argv[1:] if a not in ("--stdio", "serve")]
    rc = cli(args)
    if rc is not None:
        sys.exit(rc)
    log(f"argv {sys.argv}")
    while True:
        msg = read()
        if msg is None:
            return
        if "method" not in msg:
            continue  # a response to something we never ask
        result = handle(msg)
        if "id" in msg and result != "__sent__":
            send({"jsonrpc": "2.0", "id": msg["id"], "result": result})


if __name__ == "__main__":
    main()
