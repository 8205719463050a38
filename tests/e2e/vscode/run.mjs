// Real VS Code end-to-end test: code-server 4.100.3 (= VS Code 1.100.3) driven by playwright-core
// with Debian's chromium. Installs the built .vsix into a fresh code-server, points
// policyLsp.server.path at SERVER_BIN, opens the fixture workspace and checks, through the UI:
// the Problems panel, the status-bar kind, a hover card, the suggest widget in a Condition block,
// a quick fix applied with Ctrl+. (after which the problem must disappear), a condition key
// picked from the suggest widget's first screen (expect.completion_pick), and the commands
// Explain Rule (the server's policyLsp.explain in a virtual document) and Check Workspace.
// Expectations: tests/e2e/fixtures/expect.json (0-based positions). Screenshots and result.json
// go to tests/artifacts/vscode/ (tests/artifacts/vscode-<scenario>/ for a scenario). Every wait
// is on UI state; a global watchdog bounds the run.
//
//   node tests/e2e/vscode/run.mjs SERVER_BIN [VSIX]
// Env: E2E_EXPECT, E2E_KEEP=1 (keep the temp dir), E2E_HEADFUL=1, CHROMIUM (default /usr/bin/chromium),
//   E2E_SCENARIO:
//     missing-server       the server path points nowhere: one actionable error notification.
//     language-extensions  also installs tests/e2e/vscode/standin-lang-ext (the language
//                          contributions of HashiCorp Terraform and AWS CloudFormation, packaged
//                          here with @vscode/vsce) and runs only the host-file checks, for the
//                          files of expect.language_extensions (.tf as `terraform`, .template
//                          as `cloudformation`, .yaml as `yaml`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2e = path.resolve(here, '..');
const root = path.resolve(e2e, '..', '..');
const require = createRequire(path.join(e2e, 'package.json'));
const { chromium } = require('playwright-core');

const t0 = Date.now();
const since = () => Date.now() - t0;
const log = (m) => process.stderr.write(`[vscode-e2e +${(since() / 1000).toFixed(1)}s] ${m}\n`);

const server = process.argv[2] && path.resolve(process.argv[2]);
if (!server || !fs.existsSync(server)) {
  console.error('usage: run.mjs SERVER_BIN [VSIX]');
  process.exit(2);
}
function findVsix() {
  const dir = path.join(root, 'editors', 'vscode');
  const list = fs.readdirSync(dir).filter((f) => /^policy-lsp-.*\.vsix$/.test(f))
    .map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return list[0];
}
const vsix = process.argv[3] ? path.resolve(process.argv[3]) : findVsix();
if (!vsix || !fs.existsSync(vsix)) {
  console.error('no .vsix: run `npm ci && npm run package` in editors/vscode (tests/e2e/setup.sh does)');
  process.exit(2);
}
const expect = JSON.parse(fs.readFileSync(process.env.E2E_EXPECT || path.join(e2e, 'fixtures', 'expect.json'), 'utf8'));
const T = expect.timeouts_ms || {};
const scenario = process.env.E2E_SCENARIO || '';
if (!['', 'missing-server', 'language-extensions'].includes(scenario)) {
  console.error(`unknown E2E_SCENARIO ${scenario}`);
  process.exit(2);
}
// E2E_SCENARIO=missing-server: the setting points at a binary that does not exist; the
// extension must show exactly one actionable error notification.
const missingServer = scenario === 'missing-server';
// E2E_SCENARIO=language-extensions: with the stand-in for the Terraform and CloudFormation
// extensions' languages installed, the host files get those languages and must still work.
const langExts = scenario === 'language-extensions';
const art = path.join(root, 'tests', 'artifacts', scenario ? `vscode-${scenario}` : 'vscode');
fs.rmSync(art, { recursive: true, force: true });
fs.mkdirSync(art, { recursive: true });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lsp-vscode-e2e-'));
const userData = path.join(tmp, 'user-data');
const extDir = path.join(tmp, 'extensions');
const xdg = path.join(tmp, 'xdg-config');
const profile = path.join(tmp, 'chromium');
fs.cpSync(path.join(e2e, 'fixtures'), path.join(tmp, 'fixtures'), { recursive: true });
const ws = path.join(tmp, 'fixtures', expect.workspace);
for (const d of [userData, extDir, xdg, profile]) fs.mkdirSync(d, { recursive: true });
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
// The host files checked in section 4: expect.hosts, or in the language-extensions scenario
// the entries of expect.language_extensions.hosts (a host of expect.hosts by name, with
// overrides; `copy_of` makes the file from another fixture, e.g. the YAML template as
// `*.template`).
const hostsByName = Object.fromEntries((expect.hosts || []).map((h) => [h.name, h]));
const hosts = langExts
  ? (expect.language_extensions?.hosts || []).map((o) => {
    if (!hostsByName[o.host]) throw new Error(`language_extensions: no host named ${o.host}`);
    return { ...hostsByName[o.host], name: o.host, ...o };
  })
  : expect.hosts || [];
for (const h of hosts) {
  if (h.copy_of) fs.copyFileSync(path.join(tmp, 'fixtures', h.copy_of), path.join(tmp, 'fixtures', h.file));
}
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
  'policyLsp.server.path': missingServer ? path.join(tmp, 'no-such-dir', 'policy-lsp') : server,
  'policyLsp.trace.server': 'messages',
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'window.restoreWindows': 'none',
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
}, null, 2));

const result = { ok: false, vsix: path.basename(vsix), server, checks: [], timings_ms: {}, errors: [], screenshots: [] };
let failed = false;
function check(name, ok, detail) {
  result.checks.push({ name, ok: !!ok, detail });
  if (!ok) {
    failed = true;
    result.errors.push(`${name}: ${JSON.stringify(detail)}`.slice(0, 2000));
  }
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  return ok;
}

let csProc;
let browser;
// code-server, its file watcher, the extension host and the language server share one process
// group (spawned detached): end them all, SIGKILL after 3 s.
async function killAll() {
  if (!csProc) return;
  const pgid = csProc.pid;
  const alive = () => { try { process.kill(-pgid, 0); return true; } catch { return false; } };
  try { process.kill(-pgid, 'SIGTERM'); } catch { return; }
  const end = Date.now() + 3000;
  while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  if (alive()) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
}
let finished = false;
async function finish(code) {
  if (finished) return;
  finished = true;
  result.timings_ms.total = since();
  result.ok = code === 0;
  // Keep the logs that explain a failure: code-server's, the extension host's, our output channel.
  try {
    const logs = path.join(userData, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(art, 'vscode-logs'), { recursive: true });
  } catch { /* best effort */ }
  fs.writeFileSync(path.join(art, 'result.json'), JSON.stringify(result, null, 2));
  try { if (browser) await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 3000))]); } catch { /* ignore */ }
  await killAll();
  if (process.env.E2E_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
  log(`${code === 0 ? 'PASS' : 'FAIL'} in ${(since() / 1000).toFixed(1)}s`);
  process.exit(code);
}
const watchdog = setTimeout(() => {
  result.errors.push(`watchdog: no result after ${T.vscode_total || 150000} ms`);
  void finish(3);
}, T.vscode_total || 150000);
process.on('SIGINT', () => void finish(130));
process.on('SIGTERM', () => void finish(143));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (csProc.exitCode !== null) throw new Error(`code-server exited with ${csProc.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('code-server did not become healthy');
}

// Wait until CSS animations (hover/suggest fade-in) under the locator have finished.
async function settled(locator) {
  try {
    await locator.first().evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  } catch { /* element gone: nothing to wait for */ }
}

async function shot(page, name) {
  const file = path.join(art, `${name}.png`);
  await page.screenshot({ path: file });
  result.screenshots.push(path.relative(root, file));
}

async function main() {
  const bin = path.join(e2e, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) throw new Error('code-server not installed: run tests/e2e/setup.sh');
  const env = { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: path.join(tmp, 'xdg-data') };
  const common = ['--user-data-dir', userData, '--extensions-dir', extDir];

  const vsixes = [vsix];
  if (langExts) {
    // Package the stand-in (a package.json only) with the vsce of editors/vscode.
    const vsce = path.join(root, 'editors', 'vscode', 'node_modules', '.bin', 'vsce');
    const standin = path.join(tmp, 'standin-lang-ext.vsix');
    const pack = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository',
      '--no-update-package-json', '-o', standin], { cwd: path.join(here, 'standin-lang-ext'), encoding: 'utf8', timeout: 60000 });
    if (!check('stand-in language extension packaged (vsce)', pack.status === 0 && fs.existsSync(standin),
      `${pack.error || ''}${pack.stdout}${pack.stderr}`.trim().slice(-500))) return finish(1);
    vsixes.push(standin);
    result.timings_ms.standin_packaged = since();
  }
  const inst = spawnSync(bin, [...common, ...vsixes.flatMap((v) => ['--install-extension', v])], { env, encoding: 'utf8', timeout: 60000 });
  const instOut = (inst.stdout + inst.stderr).trim();
  check('code-server --install-extension', inst.status === 0 &&
    (instOut.match(/successfully installed/gi) || []).length === vsixes.length, instOut.slice(-500));
  if (inst.status !== 0) return finish(1);
  result.timings_ms.installed = since();

  const port = await freePort();
  const csLog = fs.openSync(path.join(art, 'code-server.log'), 'w');
  csProc = spawn(bin, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', ...common, ws,
  ], { env, detached: true, stdio: ['ignore', csLog, csLog] });
  await waitHealthy(port, 30000);
  result.timings_ms.code_server_ready = since();

  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: process.env.E2E_HEADFUL !== '1',
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(T.request || 10000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  result.timings_ms.workbench = since();

  // Open the policy from the Explorer (fallback: Quick Open).
  const fileName = path.basename(expect.file);
  // Quick Open; retried, since a key press right after a dialog or widget closes can be lost.
  const openFile = async (name) => {
    let step = '';
    for (let attempt = 1; ; attempt++) {
      try {
        step = 'Ctrl+P';
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+1');
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 5000 });
        step = 'result row';
        await input.fill(name);
        await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 5000 });
        await page.waitForTimeout(200); // the list settles (results re-sort as they arrive)
        step = 'active tab';
        await page.keyboard.press('Enter');
        await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: 5000 });
        return;
      } catch (e) {
        await shot(page, `quick-open-${name}-${attempt}`).catch(() => {});
        if (attempt >= 3) throw e;
        log(`Quick Open of ${name} failed (attempt ${attempt}, waiting for ${step}); retrying`);
      }
    }
  };
  const openPolicy = () => openFile(fileName);
  // The first file opened: the policy, or (language-extensions) the first host file, so that
  // the stand-in's language is the first one the extension sees.
  const firstName = langExts ? path.basename(hosts[0].file) : fileName;
  const item = page.getByRole('treeitem', { name: firstName, exact: true });
  try {
    await item.waitFor({ timeout: 20000 });
    await item.dblclick();
  } catch {
    log('explorer item not found; using Quick Open');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(firstName);
    await page.keyboard.press('Enter');
  }
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await page.locator(`.tab.active[aria-label*="${firstName}"]`).waitFor({ timeout: 20000 });
  await editor.locator('.view-lines', { hasText: langExts ? /[Ss]tatement/ : 'Statement' }).first().waitFor();
  result.timings_ms.editor_open = since();

  if (missingServer) {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Policy LSP' });
    let ok = true;
    try { await toast.first().waitFor({ timeout: T.diagnostics || 15000 }); } catch { ok = false; }
    const text = ok ? await toast.first().innerText() : '';
    check('one error notification naming the setting and the install command',
      ok && text.includes('policyLsp.server.path') && text.includes('cargo install --path server'), text);
    // Opening another JSON file must not produce a second notification.
    const other = path.basename(expect.unrelated_file || 'package.json');
    await page.getByRole('treeitem', { name: other, exact: true }).dblclick();
    await page.locator('.tab.active', { hasText: other }).waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    await settled(toast);
    check('exactly one notification', await toast.count() === 1, await toast.allInnerTexts());
    await shot(page, 'missing-server');
    return finish(failed ? 1 : 0);
  }

  const goTo = async (line0, char0) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1'); // focus the editor group (no click: widgets may cover it)
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line0 + 1}:${char0 + 1}`); // Ctrl+G pre-fills ":"; fill() replaces it
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The cursor status item confirms where we are before anything else is pressed.
    await page.locator('.statusbar-item', { hasText: `Ln ${line0 + 1}, Col ${char0 + 1}` }).first().waitFor();
  };
  const problemRows = page.locator('.markers-panel .monaco-list-row');
  const hover = page.locator('.monaco-hover:not(.hidden)');
  const palette = async (title) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  };

  if (langExts) {
    // Only the host files, each in the language the real extension would give it.
    for (const h of hosts) await checkHost(h);
    result.timings_ms.hosts = since();
    return finish(failed ? 1 : 0);
  }

  // 1. Problems panel.
  await page.keyboard.press('Control+Shift+M');
  for (const d of expect.diagnostics) {
    const row = problemRows.filter({ hasText: d.code }).filter({ hasText: `Ln ${d.line + 1},` });
    let ok = true;
    try { await row.first().waitFor({ timeout: T.diagnostics || 15000 }); } catch { ok = false; }
    const text = ok ? await row.first().innerText() : await page.locator('.markers-panel').innerText().catch(() => '');
    check(`Problems shows ${d.code} on line ${d.line + 1}`, ok && (!d.message_contains || text.includes(d.message_contains)), text.replace(/\s+/g, ' '));
  }
  result.timings_ms.diagnostics = since();
  // Squiggle in the editor.
  check('squiggle in editor', await editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').count() > 0);
  // Status bar: document kind from policyLsp/status.
  if (expect.status_kind) {
    const sb = page.locator('.statusbar-item', { hasText: `IAM: ${expect.status_kind}` });
    let ok = true;
    try { await sb.first().waitFor({ timeout: 5000 }); } catch { ok = false; }
    check(`status bar shows IAM: ${expect.status_kind}`, ok, ok ? await sb.first().innerText() : await page.locator('.statusbar').innerText());
  }
  await shot(page, '1-problems');

  // 2. Hovers: the mouse over the token, falling back to "Show Hover" (Ctrl+K Ctrl+I) at the position.
  result.hover = {};
  for (const h of expect.hover) {
    let text = '';
    const want = h.contains || [];
    const hasAll = (s) => s.trim() !== '' && want.every((w) => s.includes(w));
    await page.mouse.move(5, 5);
    const token = editor.locator('.view-line span span', { hasText: want[0] || '' }).first();
    try {
      await token.hover({ timeout: 3000 });
      await hover.filter({ hasText: want[0] || '' }).first().waitFor({ timeout: 4000 });
      text = await hover.first().innerText();
    } catch { /* fall back to the keyboard */ }
    if (!hasAll(text)) {
      await goTo(h.line, h.character);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      try {
        await hover.filter({ hasText: want[0] || '' }).first().waitFor({ timeout: T.request || 10000 });
        text = await hover.first().innerText();
      } catch { text = await hover.first().innerText().catch(() => ''); }
    }
    await settled(hover);
    result.hover[h.name] = text;
    check(`hover ${h.name}`, hasAll(text), text);
    await shot(page, `2-hover-${h.name}`);
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
  }
  result.timings_ms.hover = since();

  // 3. Completion inside the Condition block.
  const c = expect.completion;
  await goTo(c.line, c.character);
  const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name');
  let labels = [];
  for (let attempt = 0; attempt < 4 && labels.length === 0; attempt++) {
    await page.keyboard.press('Control+Space');
    try {
      await rows.first().waitFor({ timeout: 3000 });
      labels = await rows.allInnerTexts();
    } catch { /* a key press right after a widget closes can be lost: retry */ }
  }
  result.completion = labels;
  check(`completion ${c.name || ''}`, (c.contains_any || []).some((w) => labels.includes(w)), labels);
  await settled(page.locator('.editor-widget.suggest-widget.visible'));
  await shot(page, '3-completion');
  await page.keyboard.press('Escape');
  result.timings_ms.completion = since();

  // 4. Policies inside host files (expect.hosts): a CloudFormation YAML template and a
  // Terraform file (plain text here: no Terraform extension is installed, the extension
  // selects `*.tf` by name; E2E_SCENARIO=language-extensions runs them as `terraform`).
  // Before Check Workspace, whose CLI findings would also show.
  for (const h of hosts) {
    await checkHost(h);
  }
  result.timings_ms.hosts = since();
  await openPolicy();

  // 5. Extension commands from the Command Palette (optional, see expect.vscode_commands).
  const cmds = expect.vscode_commands || {};
  const a = expect.code_action;
  if (cmds.explain_contains) {
    await goTo(a.line, a.character);
    await palette('Policy LSP: Explain Rule at Cursor');
    // The server's answer to policyLsp.explain, in a read-only virtual document (an editor tab
    // named after the rule, scheme policy-lsp-explain): no file and no CLI run.
    const tab = page.locator(`.tab.active[aria-label*="${a.code}.md"]`);
    let found = '';
    try {
      await tab.waitFor({ timeout: T.request || 10000 });
      const lines = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: cmds.explain_contains });
      await lines.first().waitFor({ timeout: T.request || 10000 });
      found = (await lines.first().innerText()).replace(/\u00a0/g, ' ');
    } catch { /* reported below */ }
    check('Explain Rule at Cursor shows the server\'s explanation', found.includes(cmds.explain_contains),
      found.slice(0, 300) || await page.locator('.tabs-container').innerText().catch(() => 'no explain tab'));
    await shot(page, '4-explain');
    if (found) {
      await tab.locator('.codicon-close').click({ force: true });
      await tab.waitFor({ state: 'detached' });
    }
    await openPolicy();
  }
  if (cmds.check_workspace) {
    await palette('Policy LSP: Check Workspace');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'policy-lsp check' });
    let ok = true;
    try { await row.first().waitFor({ timeout: T.diagnostics || 15000 }); } catch { ok = false; }
    check('Check Workspace fills the Problems panel', ok, await page.locator('.markers-panel').innerText().catch(() => ''));
    await shot(page, '4-check-workspace');
  }

  // 6. Quick fix via Ctrl+.
  await goTo(a.line, a.character);
  const actionRow = page.locator('.action-widget .monaco-list-row', { hasText: a.title_contains || '' });
  let offered = false;
  for (let attempt = 0; attempt < 4 && !offered; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await actionRow.first().waitFor({ timeout: 4000 });
      offered = true;
    } catch { await page.keyboard.press('Escape'); }
  }
  const actionTexts = await page.locator('.action-widget .monaco-list-row').allInnerTexts().catch(() => []);
  if (!check('quick fix offered', offered, actionTexts)) {
    await shot(page, '5-quickfix-missing');
    return finish(1);
  }
  await settled(page.locator('.action-widget'));
  await shot(page, '5-quickfix');
  // Choose it with the keyboard, as a user of Ctrl+. does (a pointer-block overlay eats clicks).
  for (let i = 0; i < 10; i++) {
    const cls = (await actionRow.first().getAttribute('class')) || '';
    if (cls.split(/\s+/).includes('focused')) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden' }).catch(() => {});
  let edited = true;
  try {
    await editor.locator('.view-lines', { hasText: a.after.line_contains }).waitFor({ timeout: T.request || 10000 });
  } catch { edited = false; }
  check('quick fix edited the document', edited, a.after.line_contains);
  // The diagnostic disappears from the Problems panel.
  const stale = problemRows.filter({ hasText: a.code }).filter({ hasText: `Ln ${a.line + 1},` });
  let gone = true;
  try { await stale.first().waitFor({ state: 'detached', timeout: T.after_fix || 15000 }); } catch { gone = false; }
  check(`Problems no longer shows ${a.code} on line ${a.line + 1}`, gone,
    await page.locator('.markers-panel').innerText().catch(() => ''));
  await shot(page, '6-fixed');
  result.timings_ms.after_fix = since();

  // 7. Pick a condition key from the suggest widget without scrolling: the statement's
  // actions (s3:GetObject, kms:Decrypt) must rank kms:ViaService into the first screen.
  const p = expect.completion_pick;
  if (p) {
    const pickName = path.basename(p.file);
    await openFile(pickName);
    await editor.locator('.view-lines', { hasText: 'StringEquals' }).waitFor();
    await goTo(p.line, p.character);
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    // The rows inside the list's viewport, top to bottom: what the user sees without scrolling.
    const visibleRows = () => widget.evaluate((w) => {
      const list = w.querySelector('.monaco-list') || w;
      const box = list.getBoundingClientRect();
      return [...w.querySelectorAll('.monaco-list-row')]
        .map((r) => ({ r, b: r.getBoundingClientRect() }))
        .filter(({ b }) => b.height > 0 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1)
        .sort((x, y) => x.b.top - y.b.top)
        .map(({ r }) => ({
          label: (r.querySelector('.label-name') || r).textContent.trim(),
          focused: r.classList.contains('focused'),
        }));
    }).catch(() => []);
    let rowsSeen = [];
    for (let attempt = 0; attempt < 4 && rowsSeen.length === 0; attempt++) {
      await page.keyboard.press('Control+Space');
      try {
        await widget.locator('.monaco-list-row .label-name').first().waitFor({ timeout: 3000 });
        await settled(widget);
        rowsSeen = await visibleRows();
      } catch { /* a key press right after a widget closes can be lost: retry */ }
    }
    const labelsSeen = rowsSeen.map((r) => r.label);
    result.completion_pick = { visible: labelsSeen };
    const onFirstScreen = check(`suggest widget shows ${p.label} without scrolling`, labelsSeen.includes(p.label),
      { want: p.label, visible_rows: labelsSeen });
    await shot(page, '7-pick-condition-key');
    if (onFirstScreen) {
      // Move the focus down to it with the arrow keys, as a user would, then Enter.
      for (let i = 0; i < labelsSeen.length; i++) {
        const focused = (await visibleRows()).find((r) => r.focused);
        if (focused && focused.label === p.label) break;
        await page.keyboard.press('ArrowDown');
      }
      const focused = (await visibleRows()).find((r) => r.focused);
      result.completion_pick.focused = focused && focused.label;
      await page.keyboard.press('Enter');
      await widget.waitFor({ state: 'hidden' }).catch(() => {});
      let inserted = true;
      try {
        await editor.locator('.view-lines', { hasText: p.after_contains }).waitFor({ timeout: T.request || 10000 });
      } catch { inserted = false; }
      const text = await editor.locator('.view-lines').innerText().catch(() => '');
      check(`picking ${p.label} put ${p.after_contains} in the document`, inserted,
        { focused: focused && focused.label, text: text.replace(/\s+/g, ' ') });
      await shot(page, '8-picked-condition-key');
    }
    await page.keyboard.press('Escape');
    result.timings_ms.completion_pick = since();
  }

  return finish(failed ? 1 : 0);

  // The text of a line as the editor shows it (Monaco renders spaces as U+00A0).
  async function lineTexts() {
    return (await editor.locator('.view-lines .view-line').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' '));
  }
  // The cursor's left edge in the lines' coordinates, after goTo(line0, char0).
  async function cursorLeft() {
    return editor.locator('.cursors-layer .cursor').first().evaluate((el) => parseFloat(el.style.left));
  }

  async function checkHost(h) {
    const hr = { checks: [] };
    result.hosts = result.hosts || {};
    result.hosts[h.name] = hr;
    const hcheck = (what, ok, detail) => check(`${h.name}: ${what}`, ok, detail);
    const name = path.basename(h.file);
    await openFile(name);
    await editor.locator('.view-lines', { hasText: /[Ss]tatement/ }).first().waitFor();

    // The language VS Code gave the file: the id (the editor's data-mode-id, what the client
    // sends as languageId) and its name in the status bar's language indicator.
    if (h.vscode_language_id) {
      const langNow = () => page.evaluate(() => {
        // The code editor widget's element (in the workbench, the .editor-instance) carries it.
        const el = [...document.querySelectorAll('.editor-instance[data-mode-id], .editor-instance [data-mode-id]')]
          .find((e) => e.getClientRects().length > 0);
        const sb = document.getElementById('status.editor.mode');
        return { id: el ? el.getAttribute('data-mode-id') : '', status_bar: sb ? sb.innerText.trim() : '' };
      });
      let lang = await langNow();
      for (const end = Date.now() + 5000; Date.now() < end && lang.id !== h.vscode_language_id;) {
        await page.waitForTimeout(100);
        lang = await langNow();
      }
      hr.language = lang;
      hcheck(`language id ${h.vscode_language_id}`, lang.id === h.vscode_language_id, lang);
      if (h.vscode_language_name) {
        hcheck(`status bar language "${h.vscode_language_name}"`, lang.status_bar === h.vscode_language_name, lang);
      }
    }

    // Problems panel: the rule at the start of the range, then the squiggle over exactly
    // the action's characters (its left and right edges where the cursor stands at the
    // range's start and end).
    const d = h.diagnostic;
    const [l0, c0, l1, c1] = d.range;
    await page.keyboard.press('Control+Shift+M');
    // The live server's row (source policy-lsp), not one of Check Workspace (policy-lsp check).
    const row = problemRows.filter({ hasText: d.code }).filter({ hasText: `Ln ${l0 + 1}, Col ${c0 + 1}` })
      .filter({ hasNotText: 'policy-lsp check' });
    let ok = true;
    try { await row.first().waitFor({ timeout: T.diagnostics || 15000 }); } catch { ok = false; }
    const rowText = ok ? await row.first().innerText() : await page.locator('.markers-panel').innerText().catch(() => '');
    hcheck(`Problems shows ${d.code} at Ln ${l0 + 1}, Col ${c0 + 1}`, ok && (!d.message_contains || rowText.includes(d.message_contains)),
      rowText.replace(/\s+/g, ' '));
    if (h.status_kind) {
      const sb = page.locator('.statusbar-item', { hasText: `IAM: ${h.status_kind}` });
      let seen = true;
      try { await sb.first().waitFor({ timeout: 5000 }); } catch { seen = false; }
      hcheck(`status bar shows IAM: ${h.status_kind}`, seen, seen ? '' : await page.locator('.statusbar').innerText());
    }
    await goTo(l1, c1);
    const right = await cursorLeft();
    await goTo(l0, c0);
    const left = await cursorLeft();
    const squiggles = await editor.locator('.view-overlays .current-line').first().evaluate((cur) =>
      [...cur.parentElement.querySelectorAll('.squiggly-error, .squiggly-warning, .squiggly-info')]
        .map((el) => ({ cls: el.className, left: parseFloat(el.style.left), width: parseFloat(el.style.width) })))
      .catch((e) => [{ error: String(e) }]);
    hr.squiggles = { want_px: [left, right], got: squiggles };
    hcheck(`squiggle spans exactly ${JSON.stringify(d.range)}`,
      squiggles.some((q) => Math.abs(q.left - left) <= 1 && Math.abs(q.left + q.width - right) <= 1), hr.squiggles);
    await shot(page, `9-${h.name}-problems`);

    // Hover on a condition key.
    const hv = h.hover;
    await goTo(hv.line, hv.character);
    let text = '';
    for (let attempt = 0; attempt < 3 && !text; attempt++) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      try {
        await hover.filter({ hasText: hv.contains[0] }).first().waitFor({ timeout: T.request || 10000 });
        text = await hover.filter({ hasText: hv.contains[0] }).first().innerText();
      } catch { await goTo(hv.line, hv.character); }
    }
    await settled(hover);
    hr.hover = text;
    hcheck(`hover ${hv.name}`, text && hv.contains.every((w) => text.includes(w)), text);
    await shot(page, `9-${h.name}-hover`);
    await page.keyboard.press('Escape');

    // Document symbols (Ctrl+Shift+O): the resource, policy and statement names.
    if (h.symbols) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+1');
      await page.keyboard.press('Control+Shift+O');
      const symRows = page.locator('.quick-input-widget .monaco-list-row');
      let labels = [];
      try {
        await symRows.first().waitFor({ timeout: T.request || 10000 });
        labels = (await symRows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
      } catch { /* reported below */ }
      hr.symbols = labels;
      for (const want of h.symbols) {
        const parts = want.split(' > ');
        hcheck(`symbols show ${parts.join(', ')}`, parts.every((p) => labels.includes(p)), labels);
      }
      await shot(page, `9-${h.name}-symbols`);
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' }).catch(() => {});
    }

    // Quick fix with Ctrl+. at the typo; the line is rewritten in the host's syntax.
    const a = h.code_action;
    await goTo(l0, c0);
    const fixRow = page.locator('.action-widget .monaco-list-row', { hasText: a.title_contains });
    let offered = false;
    for (let attempt = 0; attempt < 4 && !offered; attempt++) {
      await page.keyboard.press('Control+.');
      try { await fixRow.first().waitFor({ timeout: 4000 }); offered = true; } catch { await page.keyboard.press('Escape'); }
    }
    hcheck('quick fix offered', offered, await page.locator('.action-widget .monaco-list-row').allInnerTexts().catch(() => []));
    if (offered) {
      for (let i = 0; i < 10; i++) {
        const cls = (await fixRow.first().getAttribute('class')) || '';
        if (cls.split(/\s+/).includes('focused')) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' }).catch(() => {});
      let lines = [];
      const end = Date.now() + (T.request || 10000);
      while (Date.now() < end) {
        lines = await lineTexts();
        if (lines.includes(a.after_line)) break;
        await page.waitForTimeout(100);
      }
      hcheck(`quick fix wrote ${JSON.stringify(a.after_line)}`, lines.includes(a.after_line), lines);
      let gone = true;
      try { await row.first().waitFor({ state: 'detached', timeout: T.after_fix || 15000 }); } catch { gone = false; }
      hcheck(`Problems no longer shows ${d.code} at Ln ${l0 + 1}`, gone, await page.locator('.markers-panel').innerText().catch(() => ''));
      await shot(page, `9-${h.name}-fixed`);
    }

    // Completion of the condition key being typed, picked from the suggest widget: the
    // typed prefix is replaced, not repeated.
    const c = h.completion;
    await goTo(c.line, c.character);
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    const labelRows = widget.locator('.monaco-list-row');
    let labels = [];
    for (let attempt = 0; attempt < 4 && !labels.includes(c.label); attempt++) {
      await page.keyboard.press('Control+Space');
      try {
        await labelRows.first().waitFor({ timeout: 3000 });
        await settled(widget);
        labels = (await labelRows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
      } catch { /* a key press right after a widget closes can be lost: retry */ }
    }
    hr.completion = labels;
    if (hcheck(`completion offers ${c.label}`, labels.includes(c.label), labels)) {
      for (let i = 0; i < 20; i++) {
        const focused = await widget.locator('.monaco-list-row.focused .label-name').first().innerText().catch(() => '');
        if (focused.trim() === c.label) break;
        await page.keyboard.press('ArrowDown');
      }
      await shot(page, `9-${h.name}-completion`);
      await page.keyboard.press('Enter');
      await widget.waitFor({ state: 'hidden' }).catch(() => {});
      let lines = [];
      const end = Date.now() + (T.request || 10000);
      while (Date.now() < end) {
        lines = await lineTexts();
        if (lines.includes(c.after_line)) break;
        await page.waitForTimeout(100);
      }
      hcheck(`picking ${c.label} wrote ${JSON.stringify(c.after_line)}`, lines.includes(c.after_line), lines);
    }
    await page.keyboard.press('Escape');

    // Formatting stays off for host files: no formatter is registered for them, so VS Code
    // says so in a dialog (and leaves the file to a YAML or Terraform extension's formatter).
    await palette('Format Document');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'There is no formatter' });
    let none = true;
    try { await dialog.first().waitFor({ timeout: 5000 }); } catch { none = false; }
    hcheck('no formatter for the host file', none,
      await page.locator('.monaco-dialog-box').innerText().catch(() => 'no dialog'));
    await shot(page, `9-${h.name}-format`);
    if (none) {
      await page.keyboard.press('Escape');
      await dialog.first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
    }
  }
}

main().catch(async (e) => {
  result.errors.push(`exception: ${e && e.stack ? e.stack : String(e)}`.slice(0, 4000));
  log(String(e && e.stack ? e.stack : e));
  try {
    const page = browser && browser.pages()[0];
    if (page) await shot(page, 'error');
  } catch { /* ignore */ }
  await finish(1);
}).finally(() => clearTimeout(watchdog));
