// "Blueprint: Generate Stack…" and "Blueprint: Generate Drupal AKS stack": pick a
// stack (the picker), ask for its inputs (quick input with defaults and
// validation), run the pure generator of the core, ask before overwriting
// anything, write with vscode.workspace.fs (never through a symbolic link, never
// outside the chosen folder), then open the main file and the topology preview.
// Tests and scripts pass the inputs as an argument and get no UI at all:
//   executeCommand('blueprint.generateStack', { stack: 'helm-staging', out, … })
//   executeCommand('blueprint.generateDrupalAks', { out, domain, acr, … })
import * as vscode from 'vscode';
import { safeRelativePath, STACK_GENERATORS, stackGenerator } from '../../../server/src/core/generate';
import type { GeneratedFiles, StackGenerator } from '../../../server/src/core/generate';

export interface GenerateStackArgs extends Partial<Record<string, unknown>> {
  /** Stack id (blueprint.generateStack only; the Drupal AKS command knows its stack). */
  stack?: string;
  /** Target folder: absolute path, file URI, or a path relative to the first workspace folder. */
  out: string;
  /** Overwrite existing files; without it, existing files make the command refuse (no dialog). */
  overwrite?: boolean;
  /** Open a generated file and the topology preview afterwards (default true). */
  openPreview?: boolean;
}

export interface GenerateOutcome {
  /** Id of the stack, when one was chosen. */
  stack?: string;
  /** URI of the target folder, when one was chosen. */
  folder?: string;
  /** Relative paths written. */
  written: string[];
  /** Why nothing (or not everything) was written: cancelled, untrusted, invalid, exists, blocked, failed. */
  stopped?: { reason: 'cancelled' | 'untrusted' | 'invalid' | 'exists' | 'blocked' | 'failed'; detail: string[] };
}

type OpenTopology = () => Thenable<unknown> | Promise<unknown> | void;

/** The picker: which stack to generate (interactive), or `args.stack` (scripted). */
export async function generateStack(args: GenerateStackArgs | undefined, openTopology: OpenTopology): Promise<GenerateOutcome> {
  const scripted = args !== undefined && args !== null && typeof args === 'object';
  if (scripted) {
    const generator = typeof args.stack === 'string' ? stackGenerator(args.stack) : undefined;
    if (!generator) {
      return { written: [], stopped: { reason: 'invalid', detail: [`Unknown stack "${String(args.stack)}" (stacks: ${STACK_GENERATORS.map((g) => g.id).join(', ')}).`] } };
    }
    return generateWith(generator, args, openTopology);
  }
  const pick = await vscode.window.showQuickPick(
    STACK_GENERATORS.map((g) => ({ label: g.title, description: g.id, detail: g.description, generator: g })),
    { title: 'Blueprint: Generate Stack', placeHolder: 'The documented architecture to start from', matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) return { written: [], stopped: { reason: 'cancelled', detail: [] } };
  return generateWith(pick.generator, undefined, openTopology);
}

/** Generate one stack: interactive when `args` is undefined, else from `args` without any UI. */
export async function generateWith(generator: StackGenerator, args: GenerateStackArgs | undefined, openTopology: OpenTopology): Promise<GenerateOutcome> {
  const interactive = args === undefined || args === null || typeof args !== 'object';
  const title = `Generate ${generator.title}`;
  const outcome = (o: Omit<GenerateOutcome, 'stack'>): GenerateOutcome => ({ stack: generator.id, ...o });
  if (!vscode.workspace.isTrusted) {
    const detail = 'Blueprint writes files only in a trusted workspace. Trust this workspace (Manage Workspace Trust) and run the command again.';
    if (interactive) void vscode.window.showWarningMessage(detail);
    return outcome({ written: [], stopped: { reason: 'untrusted', detail: [detail] } });
  }
  const target = interactive ? await askFolder(generator, title) : resolveFolder(args.out);
  if (!target) return outcome({ written: [], stopped: { reason: interactive ? 'cancelled' : 'invalid', detail: interactive ? [] : [`"${String(args?.out)}" is not a folder path.`] } });

  let values: Partial<Record<string, string>>;
  if (interactive) {
    const asked = await askValues(generator, title);
    if (!asked) return outcome({ folder: target.toString(), written: [], stopped: { reason: 'cancelled', detail: [] } });
    values = asked;
  } else {
    values = {};
    for (const f of generator.fields) if (typeof args[f.key] === 'string') values[f.key] = args[f.key] as string;
  }
  const result = generator.generate(values);
  if (!result.ok) {
    const detail = result.problems.map((p) => p.message);
    if (interactive) void vscode.window.showErrorMessage(`Blueprint could not generate the stack: ${detail.join(' ')}`);
    return outcome({ folder: target.toString(), written: [], stopped: { reason: 'invalid', detail } });
  }

  const plan = await planWrite(target, result.files);
  if (plan.blocked.length) {
    const detail = plan.blocked;
    if (interactive) void vscode.window.showErrorMessage(`Blueprint wrote nothing: ${detail.join('; ')}.`);
    return outcome({ folder: target.toString(), written: [], stopped: { reason: 'blocked', detail } });
  }
  if (plan.existing.length) {
    let overwrite = !interactive && args.overwrite === true;
    if (interactive) {
      const list = plan.existing.slice(0, 8).join('\n') + (plan.existing.length > 8 ? `\n… and ${plan.existing.length - 8} more` : '');
      const choice = await vscode.window.showWarningMessage(
        `${plan.existing.length} of the ${result.files.size} files already exist in ${vscode.workspace.asRelativePath(target)}. Overwrite them?`,
        { modal: true, detail: list },
        'Overwrite',
      );
      overwrite = choice === 'Overwrite';
    }
    if (!overwrite) return outcome({ folder: target.toString(), written: [], stopped: { reason: 'exists', detail: plan.existing } });
  }

  const written: string[] = [];
  try {
    for (const [rel, text] of result.files) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(target, ...rel.split('/')), new TextEncoder().encode(text));
      written.push(rel);
    }
  } catch (e) {
    const detail = [`${e instanceof Error ? e.message : String(e)}`];
    if (interactive) void vscode.window.showErrorMessage(`Blueprint could not write the stack (${written.length} of ${result.files.size} files written): ${detail[0]}`);
    return outcome({ folder: target.toString(), written, stopped: { reason: 'failed', detail } });
  }

  if (interactive || args.openPreview !== false) {
    const main = generator.openAfter(values);
    if (result.files.has(main)) await vscode.window.showTextDocument(vscode.Uri.joinPath(target, ...main.split('/')), { preview: false });
    await openTopology();
  }
  if (interactive) {
    const hasReadme = result.files.has('README.md');
    const message = `Blueprint generated ${generator.title} (${written.length} files).${hasReadme ? ' Read its README.md before the first deployment: the secrets are placeholders.' : ''}`;
    void vscode.window.showInformationMessage(message, ...(hasReadme ? ['Open README'] : [])).then((c) => {
      if (c) void vscode.window.showTextDocument(vscode.Uri.joinPath(target, 'README.md'));
    });
  }
  return outcome({ folder: target.toString(), written });
}

function resolveFolder(out: unknown): vscode.Uri | undefined {
  if (typeof out !== 'string' || out.trim() === '') return undefined;
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(out)) return vscode.Uri.parse(out);
  if (out.startsWith('/') || /^[A-Za-z]:[\\/]/.test(out)) return vscode.Uri.file(out);
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!base) return undefined;
  const rel = out.replace(/\\/g, '/').replace(/\/+$/, '');
  if (rel === '' || rel === '.') return base;
  return safeRelativePath(rel) ? vscode.Uri.joinPath(base, ...rel.split('/')) : undefined;
}

async function askFolder(generator: StackGenerator, title: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let base: vscode.Uri | undefined;
  if (folders.length === 0) {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Generate Here', title });
    return picked?.[0];
  }
  if (folders.length === 1) base = folders[0].uri;
  else {
    const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder to generate the stack in' });
    base = pick?.uri;
  }
  if (!base) return undefined;
  const sub = await vscode.window.showInputBox({
    title: `${title}: target folder`,
    prompt: `Folder inside ${vscode.workspace.asRelativePath(base, false) || base.path} for the stack ("." for the workspace folder itself).`,
    value: generator.defaultFolder,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const rel = v.trim().replace(/\/+$/, '');
      return rel === '' || rel === '.' || safeRelativePath(rel) ? undefined : 'A relative folder path without "..", such as gitops or deploy/drupal.';
    },
  });
  if (sub === undefined) return undefined;
  const rel = sub.trim().replace(/\/+$/, '');
  return rel === '' || rel === '.' ? base : vscode.Uri.joinPath(base, ...rel.split('/'));
}

async function askValues(generator: StackGenerator, title: string): Promise<Partial<Record<string, string>> | undefined> {
  const values: Partial<Record<string, string>> = {};
  const fields = generator.asked.map((k) => generator.fields.find((f) => f.key === k)).filter((f) => f !== undefined);
  for (const [i, f] of fields.entries()) {
    const def = typeof f.default === 'function' ? f.default(values) : f.default;
    const answer = await vscode.window.showInputBox({
      title: `${title} (${i + 1}/${fields.length}): ${f.label}`,
      prompt: f.description,
      placeHolder: f.example,
      value: def ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? (def === undefined ? `${f.label} is required.` : undefined) : f.validate(v.trim())),
    });
    if (answer === undefined) return undefined;
    if (answer.trim() !== '') values[f.key] = answer.trim();
  }
  return values;
}

/** Existing files, and anything that forbids writing: a symbolic link or a file on the way. */
async function planWrite(root: vscode.Uri, files: GeneratedFiles): Promise<{ existing: string[]; blocked: string[] }> {
  const existing: string[] = [];
  const blocked = new Set<string>();
  const types = new Map<string, vscode.FileType | undefined>();
  const typeOf = async (uri: vscode.Uri) => {
    const key = uri.toString();
    if (!types.has(key)) {
      try {
        types.set(key, (await vscode.workspace.fs.stat(uri)).type);
      } catch {
        types.set(key, undefined);
      }
    }
    return types.get(key);
  };
  for (const rel of files.keys()) {
    if (!safeRelativePath(rel)) {
      blocked.add(`${rel} is not a plain relative path`);
      continue;
    }
    const segments = rel.split('/');
    for (let i = 0; i < segments.length; i++) {
      const at = vscode.Uri.joinPath(root, ...segments.slice(0, i + 1));
      const type = await typeOf(at);
      if (type === undefined) break;
      const shown = segments.slice(0, i + 1).join('/');
      if (type & vscode.FileType.SymbolicLink) {
        blocked.add(`${shown} is a symbolic link (Blueprint does not write through links)`);
        break;
      }
      const last = i === segments.length - 1;
      if (!last && !(type & vscode.FileType.Directory)) {
        blocked.add(`${shown} is a file where a folder is needed`);
        break;
      }
      if (last) {
        if (type & vscode.FileType.Directory) blocked.add(`${rel} is a folder where a file is needed`);
        else existing.push(rel);
      }
    }
  }
  return { existing, blocked: [...blocked] };
}
