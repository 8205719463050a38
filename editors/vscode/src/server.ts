// Locating and invoking the policy-lsp binary. No vscode-languageclient here.
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const BINARY = process.platform === 'win32' ? 'policy-lsp.exe' : 'policy-lsp';

export interface Resolved {
  command: string;
  /** Where the binary came from, for messages: "setting", "bundled" or "PATH". */
  source: 'setting' | 'bundled' | 'PATH';
}

export interface NotFound {
  /** Every place that was tried, for the error message and the output channel. */
  tried: string[];
  /** A problem with an explicitly configured path, if any. */
  settingProblem?: string;
}

function isExecutableFile(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands `~` and `${workspaceFolder}`; resolves a relative path against the first folder. */
export function expandPath(p: string, workspaceFolder: string | undefined): string {
  let out = p.trim();
  if (out === '~' || out.startsWith('~/')) out = path.join(os.homedir(), out.slice(1));
  if (workspaceFolder) out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  if (!path.isAbsolute(out) && workspaceFolder && (out.includes('/') || out.includes('\\'))) {
    out = path.join(workspaceFolder, out);
  }
  return out;
}

function searchPath(name: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const d of dirs) {
    const candidate = path.join(d, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Order: the `policyLsp.server.path` setting, then a binary bundled in the extension at
 * `server/<platform>-<arch>/policy-lsp`, then `policy-lsp` on PATH.
 * A configured but unusable setting is an error: we do not silently fall back, because the
 * user asked for that binary.
 */
export function resolveServer(
  settingPath: string,
  extensionPath: string,
  workspaceFolder: string | undefined,
): Resolved | NotFound {
  const tried: string[] = [];
  if (settingPath && settingPath.trim() !== '') {
    const expanded = expandPath(settingPath, workspaceFolder);
    if (!expanded.includes('/') && !expanded.includes('\\')) {
      // A bare command name: look it up on PATH.
      const found = searchPath(expanded);
      if (found) return { command: found, source: 'setting' };
      return { tried: [`${expanded} on PATH (policyLsp.server.path)`], settingProblem: `"${expanded}" was not found on PATH` };
    }
    if (isExecutableFile(expanded)) return { command: expanded, source: 'setting' };
    const why = fs.existsSync(expanded) ? 'is not an executable file' : 'does not exist';
    return { tried: [`${expanded} (policyLsp.server.path)`], settingProblem: `${expanded} ${why}` };
  }
  const bundled = path.join(extensionPath, 'server', `${process.platform}-${process.arch}`, BINARY);
  tried.push(`${bundled} (bundled)`);
  if (isExecutableFile(bundled)) return { command: bundled, source: 'bundled' };
  tried.push(`${BINARY} on PATH`);
  const onPath = searchPath(BINARY);
  if (onPath) return { command: onPath, source: 'PATH' };
  return { tried };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not be started at all (ENOENT, EACCES, ENOEXEC, ...). */
  spawnError?: string;
  timedOut?: boolean;
}

export function run(command: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: RunResult) => {
      if (!done) {
        done = true;
        resolve(r);
      }
    };
    let child: cp.ChildProcess;
    try {
      child = cp.spawn(command, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      finish({ code: null, stdout: '', stderr: '', spawnError: String(e) });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          child.kill();
          finish({ code: null, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut: true });
        }, opts.timeoutMs)
      : undefined;
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      finish({ code: null, stdout: '', stderr: '', spawnError: `${e.code ?? ''} ${e.message}`.trim() });
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      finish({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** One entry of `policy-lsp check --format json`. Positions are 0-based (LSP). */
export interface CheckEntry {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'information' | 'hint' | string;
  code?: string | number;
  message: string;
}

export function parseCheckOutput(stdout: string): CheckEntry[] {
  const text = stdout.trim();
  if (text === '') return [];
  const data = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('expected a JSON array');
  return data.filter((e) => e && typeof e.file === 'string' && e.range && typeof e.message === 'string');
}
