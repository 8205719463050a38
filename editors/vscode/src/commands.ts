// The extension's commands: Explain Rule (the server's `policyLsp.explain`, shown as a
// read-only virtual document) and Check Workspace (the CLI's `check --format json`).
import * as path from 'path';
import * as vscode from 'vscode';
import { Client } from './client';
import { CheckEntry, parseCheckOutput, run } from './server';

/** The server's command answering a rule's documentation as Markdown. */
const EXPLAIN_COMMAND = 'policyLsp.explain';
/** Scheme of the explain documents: `policy-lsp-explain:/<rule>.md`. */
export const EXPLAIN_SCHEME = 'policy-lsp-explain';

/** Read-only documents with the server's explanations, kept until VS Code closes them. */
export class ExplainDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Stores `text` as the document of `rule` and returns its URI. */
  put(rule: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${rule.replace(/[^A-Za-z0-9._-]/g, '_')}.md` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

/** The rule to explain: the argument, else the diagnostic at the cursor, else asked for. */
async function ruleToExplain(arg?: string): Promise<string | undefined> {
  if (typeof arg === 'string' && arg) return arg;
  const editor = vscode.window.activeTextEditor;
  const ids = new Set<string>();
  if (editor) {
    const pos = editor.selection.active;
    for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
      if (d.range.contains(pos) || d.range.start.line === pos.line) {
        const id = diagnosticCode(d);
        if (id) ids.add(id);
      }
    }
  }
  if (ids.size === 1) return [...ids][0];
  if (ids.size > 1) return vscode.window.showQuickPick([...ids], { placeHolder: 'Which rule should be explained?' });
  return vscode.window.showInputBox({
    prompt: 'No policy-lsp diagnostic at the cursor. Rule id to explain:',
    placeHolder: 'e.g. unknown-action',
  });
}

export async function explainRule(client: Client, docs: ExplainDocuments, arg?: string): Promise<void> {
  const rule = await ruleToExplain(arg);
  if (!rule) return;
  // The active document's URI lets the server add the notes of its config.
  const active = vscode.window.activeTextEditor?.document.uri;
  const args = active && active.scheme !== EXPLAIN_SCHEME ? [rule, active.toString()] : [rule];
  let text: unknown;
  try {
    text = await client.executeCommand(EXPLAIN_COMMAND, args);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    client.log(`explain ${rule}: ${message}`);
    void vscode.window.showErrorMessage(`Policy LSP: could not explain rule "${rule}": ${message}`);
    return;
  }
  if (typeof text !== 'string') {
    void vscode.window.showErrorMessage('Policy LSP: the server is not running; see the output for details.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(docs.put(rule, text));
  await vscode.window.showTextDocument(doc, { preview: true });
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toDiagnostic(e: CheckEntry): vscode.Diagnostic {
  const range = new vscode.Range(
    e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character,
  );
  const d = new vscode.Diagnostic(range, e.message, SEVERITY[e.severity] ?? vscode.DiagnosticSeverity.Warning);
  d.source = 'policy-lsp check';
  if (e.code !== undefined) d.code = e.code;
  return d;
}

/** Runs `check --format json` on one folder; undefined (logged) when it failed. */
async function checkFolder(client: Client, cmd: string, dir: string): Promise<CheckEntry[] | undefined> {
  const r = await run(cmd, ['check', '--format', 'json', dir], { cwd: dir, timeoutMs: 10 * 60 * 1000 });
  // Exit 0: clean, 1: errors found (still valid output), 2: usage/IO error.
  if (r.spawnError || r.timedOut || (r.code !== 0 && r.code !== 1)) {
    client.log(`check ${dir}: exit ${r.code} ${r.spawnError ?? ''}${r.timedOut ? ' (timed out)' : ''}\n${r.stderr}`);
    return undefined;
  }
  try {
    return parseCheckOutput(r.stdout);
  } catch (e) {
    client.log(`check ${dir}: unreadable output (${String(e)}):\n${r.stdout.slice(0, 2000)}`);
    return undefined;
  }
}

export async function checkWorkspace(client: Client, collection: vscode.DiagnosticCollection): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Policy LSP: open a folder to check a workspace.');
    return;
  }
  const cmd = client.command();
  if (!cmd) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Policy LSP: checking workspace…' },
    async () => {
      collection.clear();
      const byFile = new Map<string, vscode.Diagnostic[]>();
      let failures = 0;
      for (const folder of folders) {
        const dir = folder.uri.fsPath;
        const entries = await checkFolder(client, cmd, dir);
        if (!entries) {
          failures++;
          continue;
        }
        for (const e of entries) {
          const file = path.isAbsolute(e.file) ? e.file : path.join(dir, e.file);
          const list = byFile.get(file) ?? [];
          list.push(toDiagnostic(e));
          byFile.set(file, list);
        }
      }
      let count = 0;
      for (const [file, diags] of byFile) {
        collection.set(vscode.Uri.file(file), diags);
        count += diags.length;
      }
      if (failures > 0) {
        void vscode.window.showErrorMessage('Policy LSP: the workspace check failed; see the output for details.', 'Show Output')
          .then((c) => c && client.output.show(true));
      } else {
        void vscode.window.showInformationMessage(`Policy LSP: ${count} problem(s) in ${byFile.size} file(s).`);
      }
      if (count > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
    },
  );
}
