// Shared pieces of the code-server launcher (test/e2e/run.mjs): paths, the
// suite bundle, the packaged extension, starting code-server and Chromium.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The tool cache filled by scripts/e2e-setup.sh. */
export const HOME = path.resolve(process.env.BLUEPRINT_E2E_HOME || path.join(ROOT, '.e2e'));
export const CS_ENTRY = path.join(HOME, 'cs/node_modules/code-server/out/node/entry.js');
/** Per-run state (packaged extension, installed extensions, suite bundle); always inside the project so `mocha` resolves from its node_modules. */
export const RUN = path.join(ROOT, '.e2e/run');
export const ARTIFACTS = path.resolve(process.env.BLUEPRINT_E2E_ARTIFACTS || path.join(ROOT, 'test-results/e2e'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const EXTENSION_ID = 'blueprint-dev.blueprint-k8s';

const T0 = Date.now();
export const log = (...a) => console.log(`[e2e ${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);

export function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed (${r.status ?? r.signal})`);
  return r;
}

/** Bundles test/e2e/suite/*.ts for `extensionTestsPath` (vscode and mocha stay external). */
export async function bundleSuite() {
  const { build } = await import('esbuild');
  const outdir = path.join(RUN, 'suite');
  await build({
    entryPoints: [path.join(ROOT, 'test/e2e/suite/index.ts'), path.join(ROOT, 'test/e2e/suite/extension.test.ts')],
    outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
    external: ['vscode', 'mocha'], logLevel: 'warning',
  });
  return path.join(outdir, 'index.js');
}

/** `npm run package` into the run dir (or BLUEPRINT_VSIX, a package built elsewhere). */
export function packageExtension() {
  if (process.env.BLUEPRINT_VSIX) return path.resolve(process.env.BLUEPRINT_VSIX);
  const vsix = path.join(RUN, 'blueprint.vsix');
  sh(process.execPath, [path.join(ROOT, 'scripts/package.mjs'), '--out', vsix], { stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

/** Installs the .vsix into a fresh extensions dir the way a user would (`code-server --install-extension`); returns the dir and the extension's folder. */
export function installExtension(vsix) {
  const extensionsDir = path.join(RUN, 'extensions');
  const userDataDir = path.join(RUN, 'install-user-data');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  fs.rmSync(userDataDir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [CS_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed:\n${r.stdout}\n${r.stderr}`);
  const folder = fs.readdirSync(extensionsDir).find((n) => n.startsWith(`${EXTENSION_ID}-`));
  if (!folder) throw new Error(`the .vsix did not install ${EXTENSION_ID}:\n${r.stdout}\n${r.stderr}`);
  return { extensionsDir, extensionPath: path.join(extensionsDir, folder), output: r.stdout.trim() };
}

export function copyWorkspace(from, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `blueprint-e2e-${name}-`));
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

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

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'git.enabled': false,
  'window.commandCenter': false,
};

/** code-server on a free port with a fresh user-data dir; resolves once it listens. Stop it with stop(): the whole process group goes. */
export async function startCodeServer({ name, folder, extensionsDir, settings = {} }) {
  const port = await freePort();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-e2e-ud-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const args = [CS_ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder];
  fs.mkdirSync(path.join(ARTIFACTS, 'logs'), { recursive: true });
  const out = fs.createWriteStream(path.join(ARTIFACTS, 'logs', `code-server-${name}.log`));
  // detached: its own process group, so stop() ends code-server and its children (extension host, language server, watcher, pty host)
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });
  let buf = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${buf}`)), 60_000);
    const onData = (d) => {
      out.write(d);
      buf += d;
      if (/HTTP server listening on/.test(buf)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${c}:\n${buf}`));
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  log(`code-server (${name}) listening on 127.0.0.1:${port}`);
  return {
    port,
    authority: `127.0.0.1:${port}`,
    async stop() {
      const kill = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          /* gone */
        }
      };
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      await new Promise((r) => setTimeout(r, 300));
      kill('SIGKILL'); // stragglers of the group
      out.end();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium through playwright-core, with a fresh profile; the page's console goes to a log file. */
export async function launchBrowser(name) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-e2e-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const pageLog = fs.createWriteStream(path.join(ARTIFACTS, 'logs', `browser-${name}.log`));
  page.on('console', (m) => pageLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => pageLog.write(`[pageerror] ${e.stack || e}\n`));
  ctx.on('request', (r) => {
    if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|vscode-)/.test(r.url())) pageLog.write(`[external request] ${r.url()}\n`);
  });
  return {
    page,
    async close() {
      await ctx.close().catch(() => {});
      pageLog.end();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
