// Thin VS Code client for the policy-lsp language server: wires the language client
// (client.ts), the status item (status.ts) and the commands (commands.ts) together.
import * as vscode from 'vscode';
import { Client, NAME } from './client';
import { EXPLAIN_SCHEME, ExplainDocuments, checkWorkspace, explainRule } from './commands';
import { KindStatus } from './status';

let client: Client | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(NAME);
  const status = new KindStatus('policyLsp.showOutput');
  const checkCollection = vscode.languages.createDiagnosticCollection('policy-lsp-check');
  const explained = new ExplainDocuments();
  const c = new Client(context.extensionPath, output, status);
  client = c;
  context.subscriptions.push(
    output,
    status,
    checkCollection,
    explained,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explained),
    vscode.commands.registerCommand('policyLsp.restartServer', () => c.restart()),
    vscode.commands.registerCommand('policyLsp.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('policyLsp.explainRule', (id?: string) => explainRule(c, explained, id)),
    vscode.commands.registerCommand('policyLsp.checkWorkspace', () => checkWorkspace(c, checkCollection)),
    vscode.window.onDidChangeActiveTextEditor(() => status.update()),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === EXPLAIN_SCHEME) explained.forget(d.uri);
    }),
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
        c.log('server settings changed; restarting');
        void c.restart(true);
      }
    }),
  );
  // Not awaited: a slow server must not hold up activation (commands are already registered).
  void c.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
