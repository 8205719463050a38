// The language client: settings sent to the server, which documents it sees, start, stop and
// restart. Restarting after a crash is vscode-languageclient's default policy (up to 4 restarts
// in 3 minutes); only its final error becomes our actionable notification.
import * as vscode from 'vscode';
import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSelector,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { NotFound, Resolved, resolveServer, run } from './server';
import { KindStatus, StatusParams } from './status';

export const SECTION = 'policyLsp';
export const NAME = 'Policy LSP';

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

/**
 * Files that can hold policies the server analyses in place: CloudFormation templates
 * (YAML; `*.template` and `*.cfn` in YAML or JSON), Terraform files and JSON policy
 * templates for `templatefile`. Matched by name whatever their language: a `*.tf` file is
 * `terraform` with the HashiCorp extension and plain text without it; `*.template` is plain
 * text, `json` with the cform extension, and `cloudformation` (like `*.cfn`) with AWS's
 * CloudFormation extension (tests/e2e: the scenario `language-extensions`). CloudFormation
 * JSON templates named `*.json` come with the JSON documents. The server decides from the
 * name and content whether a file is a template and publishes nothing for other YAML. YAML
 * files with other names (`.clang-format`, ...) are not sent: the server would read them
 * as JSON.
 */
export const HOST_PATTERNS = [
  '**/*.yaml',
  '**/*.yml',
  '**/*.template',
  '**/*.cfn',
  '**/*.tf',
  '**/*.json.tpl',
  '**/*.json.tftpl',
];

export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The `policyLsp` settings object sent as initializationOptions. */
export function settingsObject(): Record<string, unknown> {
  const c = config();
  return {
    server: { path: c.get<string>('server.path', ''), extraArgs: c.get<string[]>('server.extraArgs', []) },
    trace: { server: c.get<string>('trace.server', 'off') },
    filePatterns: c.get<string[]>('filePatterns', DEFAULT_PATTERNS),
    notes: { paths: c.get<string[]>('notes.paths', []), builtin: c.get<boolean>('notes.builtin', true) },
    rules: c.get<Record<string, string>>('rules', {}),
    kinds: c.get<Record<string, string>>('kinds', {}),
    catalog: {
      path: c.get<string>('catalog.path', ''),
      'extra-actions': c.get<string[]>('catalog.extra-actions', []),
      'extra-keys': c.get<string[]>('catalog.extra-keys', []),
    },
    ignore: c.get<unknown[]>('ignore', []),
    governance: c.get<Record<string, unknown>>('governance', {}),
  };
}

/** Policy JSON: the documents the server formats. */
function policySelector(): DocumentSelector {
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

/** Every document sent to the server: policy JSON, and the host files of HOST_PATTERNS. */
function documentSelector(): DocumentSelector {
  return [...policySelector(), ...HOST_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }))];
}

/**
 * Formatting stays off for host files: the formatters (whole document and range) are
 * registered for policy JSON only, so a template or a Terraform file keeps its own
 * formatter (Red Hat YAML, HashiCorp Terraform) without a second one competing for it.
 * The server also returns no edits for them.
 */
function formatPolicyJsonOnly(c: LanguageClient): void {
  for (const method of [DocumentFormattingRequest.method, DocumentRangeFormattingRequest.method] as const) {
    const feature = c.getFeature(method as typeof DocumentFormattingRequest.method);
    const initialize = feature.initialize.bind(feature);
    feature.initialize = (capabilities, _selector) => initialize(capabilities, policySelector());
  }
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

function notFoundMessage(nf: NotFound): string {
  if (nf.settingProblem) {
    return `Policy LSP: the server binary set in "policyLsp.server.path" cannot be used: ${nf.settingProblem}. ` +
      'Fix the setting, or clear it to use policy-lsp from PATH (install it with `cargo install --path server` in a policy-lsp checkout).';
  }
  return 'Policy LSP: the policy-lsp server binary was not found (looked for a bundled binary and on PATH). ' +
    'Install it with `cargo install --path server` in a policy-lsp checkout, or set "policyLsp.server.path" to the binary.';
}

/** Owns the running LanguageClient (at most one) and the one error notification per start. */
export class Client {
  private client: PolicyLanguageClient | undefined;
  private serverCommand: string | undefined;
  private errorShown = false;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly extensionPath: string,
    readonly output: vscode.OutputChannel,
    private readonly status: KindStatus,
  ) {}

  log(msg: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${msg}`);
  }

  showFatal(message: string, detail?: string): void {
    this.log(`ERROR: ${message}${detail ? `\n${detail}` : ''}`);
    if (this.errorShown) return;
    this.errorShown = true;
    const openSettings = 'Open Settings';
    const showOutput = 'Show Output';
    void vscode.window.showErrorMessage(message, openSettings, showOutput).then((choice) => {
      if (choice === openSettings) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'policyLsp.server.path');
      } else if (choice === showOutput) {
        this.output.show(true);
      }
    });
  }

  private locateServer(): Resolved | undefined {
    const r = resolveServer(config().get<string>('server.path', ''), this.extensionPath, firstFolder());
    if ('command' in r) {
      this.log(`server: ${r.command} (from ${r.source})`);
      return r;
    }
    this.log(`server not found; tried:\n  ${r.tried.join('\n  ')}`);
    this.showFatal(notFoundMessage(r));
    return undefined;
  }

  /** The server binary, for commands that run it as the CLI (Check Workspace). */
  command(): string | undefined {
    return this.serverCommand ?? this.locateServer()?.command;
  }

  /** Runs a command of the server (`workspace/executeCommand`); undefined without a server. */
  async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    if (this.starting) await this.starting;
    const c = this.client;
    if (!c || c.state !== State.Running) return undefined;
    return c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  start(): Promise<void> {
    this.starting = this.startClient().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startClient(): Promise<void> {
    const resolved = this.locateServer();
    if (!resolved) {
      this.status.update();
      return;
    }
    // A quick probe catches binaries that cannot run at all (wrong architecture, not executable,
    // a dangling interpreter) with one clear message instead of a cryptic connection error.
    const probe = await run(resolved.command, ['--version'], { timeoutMs: 10000 });
    if (probe.spawnError) {
      this.showFatal(
        `Policy LSP: cannot run the server binary ${resolved.command} (${probe.spawnError}). ` +
          'Check "policyLsp.server.path", or reinstall it with `cargo install --path server`.',
      );
      return;
    }
    this.log(`${resolved.command} --version: ${(probe.stdout || probe.stderr).trim().split('\n')[0] ?? ''} (exit ${probe.code})`);
    const serverOptions: ServerOptions = {
      command: resolved.command,
      args: ['serve', ...config().get<string[]>('server.extraArgs', [])],
      options: { cwd: firstFolder() },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      initializationOptions: { [SECTION]: settingsObject() },
      synchronize: { configurationSection: SECTION },
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const c = new PolicyLanguageClient(SECTION, NAME, serverOptions, clientOptions);
    formatPolicyJsonOnly(c);
    c.onFatal = (message) =>
      this.showFatal(
        `Policy LSP: the server ${resolved.command} failed (${message}). Check "policyLsp.server.path" ` +
          'or reinstall it with `cargo install --path server`; details are in the output.',
      );
    c.onDidChangeState((e) => {
      if (e.newState === State.Stopped) this.status.clear();
    });
    c.onNotification('policyLsp/status', (params: StatusParams) => this.status.set(params));
    this.client = c;
    this.serverCommand = resolved.command;
    try {
      await c.start();
      this.log('server started');
    } catch (e) {
      this.log(`start failed: ${String(e)}`);
    }
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.status.clear();
    if (!c) return;
    try {
      if (c.state !== State.Stopped) await c.stop(5000);
    } catch (e) {
      this.log(`stop: ${String(e)}`);
    }
    try {
      await c.dispose();
    } catch {
      /* already disposed */
    }
  }

  /** Stops and starts again; `relocate` looks for the server binary afresh. */
  async restart(relocate = false): Promise<void> {
    if (this.starting) await this.starting;
    this.errorShown = false;
    if (relocate) this.serverCommand = undefined;
    this.starting = (async () => {
      await this.stop();
      await this.startClient();
    })();
    try {
      await this.starting;
    } finally {
      this.starting = undefined;
    }
  }
}
