// Thin VS Code client for the policy-lsp language server.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  DocumentSelector,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { CheckEntry, NotFound, Resolved, parseCheckOutput, resolveServer, run } from './server';

const SECTION = 'policyLsp';
const NAME = 'Policy LSP';

export const DEFAULT_PATTERNS = [
  '**/*.iam.json',
  '**/*.trust.json',
  '**/*.rcp.json',
  '**/*.kms.json',
  '**/*.s3.json',
  '**/*.scp.json',
  '**/*policy*.json',
  '**/*trust*.json',
];

/** Params of the server's custom `policyLsp/status` notification. */
interface StatusParams {
  uri: string;
  kind: string;
  reason?: string;
  catalogDate?: string;
}

/** A LanguageClient whose fatal errors become our single, actionable notification. */
class PolicyLanguageClient extends LanguageClient {
  onFatal?: (message: string) => void;
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    if (showNotification === 'force' && this.onFatal) {
      super.error(message, data, false);
      this.onFatal(message);
      return;
    }
    super.error(message, data, showNotification);
  }
}

let ctx: vscode.ExtensionContext;
let output: vscode.OutputChannel;
let client: PolicyLanguageClient | undefined;
let serverCommand: string | undefined;
let statusItem: vscode.StatusBarItem;
let checkCollection: vscode.DiagnosticCollection;
const statusByUri = new Map<string, StatusParams>();
let errorShown = false;
let starting: Promise<void> | undefined;

function log(msg: string): void {
  output.appendLine(`[${new Date().toISOString()}] ${msg}`);
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The `policyLsp` settings object sent as initializationOptions. */
export function settingsObject(): Record<string, unknown> {
  const c = config();
  return {
    server: { path: c.get<string>('server.path', ''), extraArgs: c.get<string[]>('server.extraArgs', []) },
    trace: { server: c.get<string>('trace.server', 'off') },
    filePatterns: c.get<string[]>('filePatterns', DEFAULT_PATTERNS),
    notes: { paths: c.get<string[]>('notes.paths', []) },
    rules: c.get<Record<string, string>>('rules', {}),
    kinds: c.get<Record<string, string>>('kinds', {}),
    catalog: { path: c.get<string>('catalog.path', '') },
  };
}

function documentSelector(): DocumentSelector {
  const patterns = config().get<string[]>('filePatterns', DEFAULT_PATTERNS);
  return [
    // Files named like policies, whatever language mode the user gave them.
    ...patterns.map((pattern) => ({ scheme: 'file', pattern })),
    // Any other JSON file: the server decides from the content whether it is a policy and
    // publishes nothing for other JSON, so unrelated JSON is left alone.
    { scheme: 'file', language: 'json' },
    { scheme: 'untitled', language: 'json' },
  ];
}

function showFatal(message: string, detail?: string): void {
  log(`ERROR: ${message}${detail ? `\n${detail}` : ''}`);
  if (errorShown) return;
  errorShown = true;
  const openSettings = 'Open Settings';
  const showOutput = 'Show Output';
  void vscode.window.showErrorMessage(message, openSettings, showOutput).then((choice) => {
    if (choice === openSettings) {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'policyLsp.server.path');
    } else if (choice === showOutput) {
      output.show(true);
    }
  });
}

function notFoundMessage(nf: NotFound): string {
  if (nf.settingProblem) {
    return `Policy LSP: the server binary set in "policyLsp.server.path" cannot be used: ${nf.settingProblem}. ` +
      'Fix the setting, or clear it to use policy-lsp from PATH (install it with `cargo install --path server` in a policy-lsp checkout).';
  }
  return 'Policy LSP: the policy-lsp server binary was not found (looked for a bundled binary and on PATH). ' +
    'Install it with `cargo install --path server` in a policy-lsp checkout, or set "policyLsp.server.path" to the binary.';
}

function locateServer(): Resolved | undefined {
  const r = resolveServer(config().get<string>('server.path', ''), ctx.extensionPath, firstFolder());
  if ('command' in r) {
    log(`server: ${r.command} (from ${r.source})`);
    return r;
  }
  log(`server not found; tried:\n  ${r.tried.join('\n  ')}`);
  showFatal(notFoundMessage(r));
  return undefined;
}

async function startClient(): Promise<void> {
  const resolved = locateServer();
  if (!resolved) {
    updateStatusBar();
    return;
  }
  // A quick probe catches binaries that cannot run at all (wrong architecture, not executable,
  // a dangling interpreter) with one clear message instead of a cryptic connection error.
  const probe = await run(resolved.command, ['--version'], { timeoutMs: 10000 });
  if (probe.spawnError) {
    showFatal(
      `Policy LSP: cannot run the server binary ${resolved.command} (${probe.spawnError}). ` +
        'Check "policyLsp.server.path", or reinstall it with `cargo install --path server`.',
    );
    return;
  }
  log(`${resolved.command} --version: ${(probe.stdout || probe.stderr).trim().split('\n')[0] ?? ''} (exit ${probe.code})`);

  const extraArgs = config().get<string[]>('server.extraArgs', []);
  const serverOptions: ServerOptions = {
    command: resolved.command,
    args: ['serve', ...extraArgs],
    options: { cwd: firstFolder() },
  };
  let restarts: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: { [SECTION]: settingsObject() },
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue, handled: true }),
      closed: () => {
        const now = Date.now();
        restarts = restarts.filter((t) => now - t < 3 * 60 * 1000);
        restarts.push(now);
        if (restarts.length <= 4) {
          log('server exited; restarting');
          return { action: CloseAction.Restart, handled: true };
        }
        showFatal(
          `Policy LSP: the server ${resolved.command} crashed 5 times in 3 minutes and will not be restarted. ` +
            'See the output for details; run "Policy LSP: Restart Server" after fixing it.',
        );
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  const c = new PolicyLanguageClient(SECTION, NAME, serverOptions, clientOptions);
  c.onFatal = (message) =>
    showFatal(
      `Policy LSP: the server ${resolved.command} failed (${message}). Check "policyLsp.server.path" ` +
        'or reinstall it with `cargo install --path server`; details are in the output.',
    );
  c.onDidChangeState((e) => {
    if (e.newState === State.Stopped) {
      statusByUri.clear();
      updateStatusBar();
    }
  });
  client = c;
  serverCommand = resolved.command;
  c.onNotification('policyLsp/status', (params: StatusParams) => {
    if (!params || typeof params.uri !== 'string') return;
    statusByUri.set(normalizeUri(params.uri), params);
    updateStatusBar();
  });
  try {
    await c.start();
    log('server started');
  } catch (e) {
    log(`start failed: ${String(e)}`);
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  statusByUri.clear();
  updateStatusBar();
  if (!c) return;
  try {
    if (c.state !== State.Stopped) await c.stop(5000);
  } catch (e) {
    log(`stop: ${String(e)}`);
  }
  try {
    await c.dispose();
  } catch {
    /* already disposed */
  }
}

async function restart(): Promise<void> {
  if (starting) await starting;
  errorShown = false;
  starting = (async () => {
    await stopClient();
    await startClient();
  })();
  try {
    await starting;
  } finally {
    starting = undefined;
  }
}

function normalizeUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}

function updateStatusBar(): void {
  const editor = vscode.window.activeTextEditor;
  const st = editor ? statusByUri.get(editor.document.uri.toString()) : undefined;
  if (!st || !st.kind) {
    statusItem.hide();
    return;
  }
  statusItem.text = `$(shield) IAM: ${st.kind}`;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**Policy LSP** — document kind: \`${st.kind}\`\n\n`);
  if (st.reason) md.appendMarkdown(`Detected because: ${st.reason}\n\n`);
  if (st.catalogDate) md.appendMarkdown(`AWS catalog date: ${st.catalogDate}\n\n`);
  md.appendMarkdown('Click to show the server output.');
  statusItem.tooltip = md;
  statusItem.show();
}

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

async function ensureServerCommand(): Promise<string | undefined> {
  if (serverCommand) return serverCommand;
  const r = locateServer();
  return r?.command;
}

async function explainRule(arg?: string): Promise<void> {
  let ruleId = typeof arg === 'string' ? arg : undefined;
  if (!ruleId) {
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
    if (ids.size === 1) {
      ruleId = [...ids][0];
    } else if (ids.size > 1) {
      ruleId = await vscode.window.showQuickPick([...ids], { placeHolder: 'Which rule should be explained?' });
    } else {
      ruleId = await vscode.window.showInputBox({
        prompt: 'No policy-lsp diagnostic at the cursor. Rule id to explain:',
        placeHolder: 'e.g. unknown-action',
      });
    }
  }
  if (!ruleId) return;
  const cmd = await ensureServerCommand();
  if (!cmd) return;
  const r = await run(cmd, ['explain', ruleId], { cwd: firstFolder(), timeoutMs: 30000 });
  if (r.spawnError || r.code !== 0) {
    log(`explain ${ruleId}: exit ${r.code} ${r.spawnError ?? ''}\n${r.stderr}`);
    void vscode.window.showErrorMessage(`Policy LSP: could not explain rule "${ruleId}": ${(r.spawnError ?? r.stderr.trim()) || `exit ${r.code}`}`);
    return;
  }
  // A file, not an untitled document: the preview then closes without a "Save?" prompt.
  const dir = path.join(os.tmpdir(), 'policy-lsp-explain');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${ruleId.replace(/[^A-Za-z0-9._-]/g, '_')}.md`);
  fs.writeFileSync(file, r.stdout);
  const uri = vscode.Uri.file(file);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
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

async function checkWorkspace(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Policy LSP: open a folder to check a workspace.');
    return;
  }
  const cmd = await ensureServerCommand();
  if (!cmd) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Policy LSP: checking workspace…' },
    async () => {
      checkCollection.clear();
      const byFile = new Map<string, vscode.Diagnostic[]>();
      let failures = 0;
      for (const folder of folders) {
        const dir = folder.uri.fsPath;
        const r = await run(cmd, ['check', '--format', 'json', dir], { cwd: dir, timeoutMs: 10 * 60 * 1000 });
        // Exit 0: clean, 1: errors found (still valid output), 2: usage/IO error.
        if (r.spawnError || r.timedOut || (r.code !== 0 && r.code !== 1)) {
          failures++;
          log(`check ${dir}: exit ${r.code} ${r.spawnError ?? ''}${r.timedOut ? ' (timed out)' : ''}\n${r.stderr}`);
          continue;
        }
        let entries: CheckEntry[];
        try {
          entries = parseCheckOutput(r.stdout);
        } catch (e) {
          failures++;
          log(`check ${dir}: unreadable output (${String(e)}):\n${r.stdout.slice(0, 2000)}`);
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
        checkCollection.set(vscode.Uri.file(file), diags);
        count += diags.length;
      }
      if (failures > 0) {
        void vscode.window.showErrorMessage('Policy LSP: the workspace check failed; see the output for details.', 'Show Output')
          .then((c) => c && output.show(true));
      } else {
        void vscode.window.showInformationMessage(`Policy LSP: ${count} problem(s) in ${byFile.size} file(s).`);
      }
      if (count > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
    },
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ctx = context;
  output = vscode.window.createOutputChannel(NAME);
  statusItem = vscode.window.createStatusBarItem('policyLsp.kind', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'Policy LSP document kind';
  statusItem.command = 'policyLsp.showOutput';
  checkCollection = vscode.languages.createDiagnosticCollection('policy-lsp-check');
  context.subscriptions.push(output, statusItem, checkCollection);

  context.subscriptions.push(
    vscode.commands.registerCommand('policyLsp.restartServer', () => restart()),
    vscode.commands.registerCommand('policyLsp.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('policyLsp.explainRule', (id?: string) => explainRule(id)),
    vscode.commands.registerCommand('policyLsp.checkWorkspace', () => checkWorkspace()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatusBar()),
    // Results of "Check Workspace" go stale once the file is edited; the live server covers it.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && checkCollection.has(e.document.uri)) checkCollection.delete(e.document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Settings the server reads are sent by the client as workspace/didChangeConfiguration.
      // These change how the server is started or which documents it sees: restart it.
      if (
        e.affectsConfiguration('policyLsp.server.path') ||
        e.affectsConfiguration('policyLsp.server.extraArgs') ||
        e.affectsConfiguration('policyLsp.filePatterns')
      ) {
        log('server settings changed; restarting');
        serverCommand = undefined;
        void restart();
      }
    }),
  );
  // Not awaited: a slow server must not hold up activation (commands are already registered).
  starting = startClient().finally(() => {
    starting = undefined;
  });
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
