// The status-bar item showing the active document's kind, from `policyLsp/status`.
import * as vscode from 'vscode';

/** Params of the server's custom `policyLsp/status` notification. */
export interface StatusParams {
  uri: string;
  kind: string;
  reason?: string;
  catalogDate?: string;
}

function normalizeUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}

export class KindStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, StatusParams>();

  constructor(command: string) {
    this.item = vscode.window.createStatusBarItem('policyLsp.kind', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Policy LSP document kind';
    this.item.command = command;
  }

  set(params: StatusParams): void {
    if (!params || typeof params.uri !== 'string') return;
    this.byUri.set(normalizeUri(params.uri), params);
    this.update();
  }

  clear(): void {
    this.byUri.clear();
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const st = editor ? this.byUri.get(editor.document.uri.toString()) : undefined;
    if (!st || !st.kind) {
      this.item.hide();
      return;
    }
    this.item.text = `$(shield) IAM: ${st.kind}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**Policy LSP** — document kind: \`${st.kind}\`\n\n`);
    if (st.reason) md.appendMarkdown(`Detected because: ${st.reason}\n\n`);
    if (st.catalogDate) md.appendMarkdown(`AWS catalog date: ${st.catalogDate}\n\n`);
    md.appendMarkdown('Click to show the server output.');
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
