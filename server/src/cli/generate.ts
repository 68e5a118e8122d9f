// `blueprint generate <stack> --out DIR …`: run a pure generator and write its
// files under DIR. Never overwrites an existing file without --force, never
// writes outside DIR (generated paths are checked, and no folder on the way may
// be a symbolic link), and writes nothing at all when a check fails.
import { lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stackGenerator } from '../core/generate';
import { safeRelativePath } from '../core/generate/paths';
import type { GeneratedFiles } from '../core/generate/types';
import type { GenerateOptions } from './generate-args';
import { flagOf } from './generate-args';
import type { CliIO } from './main';

export interface WritePlan {
  /** Absolute, real path of the target folder (may not exist yet). */
  root: string;
  /** Files that already exist (relative paths). */
  existing: string[];
  /** Problems that forbid writing at all (escapes, symlinks, a folder where a file goes). */
  blocked: string[];
}

function lstat(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** Where the files would go, and what stands in the way. Reads the disk, writes nothing. */
export function planWrite(outDir: string, files: GeneratedFiles): WritePlan {
  let root = resolve(outDir);
  try {
    root = realpathSync(root); // the folder the user named may itself be a link: that is their choice
  } catch {
    // does not exist yet
  }
  const existing: string[] = [];
  const blocked: string[] = [];
  for (const rel of files.keys()) {
    if (!safeRelativePath(rel)) {
      blocked.push(`${rel}: not a plain relative path`);
      continue;
    }
    const segments = rel.split('/');
    let at = root;
    for (let i = 0; i < segments.length; i++) {
      at = join(at, segments[i]);
      const st = lstat(at);
      if (!st) break;
      const last = i === segments.length - 1;
      if (st.isSymbolicLink()) {
        blocked.push(`${segments.slice(0, i + 1).join('/')}: is a symbolic link; Blueprint does not write through links`);
        break;
      }
      if (!last && !st.isDirectory()) {
        blocked.push(`${segments.slice(0, i + 1).join('/')}: is a file where a folder is needed`);
        break;
      }
      if (last) {
        if (st.isDirectory()) blocked.push(`${rel}: is a folder where a file is needed`);
        else existing.push(rel);
      }
    }
  }
  return { root, existing, blocked: [...new Set(blocked)] };
}

/** Write the files (after planWrite found nothing blocking). Returns the paths written. */
export function writeFiles(root: string, files: GeneratedFiles, force: boolean): string[] {
  const written: string[] = [];
  for (const [rel, text] of files) {
    const abs = join(root, ...rel.split('/'));
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, text, { flag: force ? 'w' : 'wx' }); // wx: fail rather than overwrite a file that appeared meanwhile
    written.push(rel);
  }
  return written;
}

export function generate(options: GenerateOptions, io: CliIO): number {
  const generator = stackGenerator(options.stack);
  if (!generator) {
    io.stderr(`blueprint: unknown stack "${options.stack}".\n`);
    return 2;
  }
  const result = generator.generate(options.values);
  if (!result.ok) {
    for (const p of result.problems) io.stderr(`blueprint: ${p.field ? `${flagOf(p.field)}: ` : ''}${p.message}\n`);
    io.stderr(`Run "blueprint generate ${generator.id} --help" for the options.\n`);
    return 2;
  }
  const outDir = resolve(io.cwd, options.out);
  const plan = planWrite(outDir, result.files);
  if (plan.blocked.length) {
    for (const b of plan.blocked) io.stderr(`blueprint: cannot write ${b}.\n`);
    io.stderr('blueprint: nothing was written.\n');
    return 2;
  }
  if (plan.existing.length && !options.force) {
    io.stderr(`blueprint: ${plan.existing.length} file(s) already exist in ${options.out}; nothing was written (use --force to overwrite them):\n`);
    for (const e of plan.existing) io.stderr(`  ${e}\n`);
    return 2;
  }
  let written: string[];
  try {
    written = writeFiles(plan.root, result.files, options.force);
  } catch (e) {
    io.stderr(`blueprint: writing failed: ${(e as Error).message}\n`);
    return 2;
  }
  const overwritten = new Set(plan.existing);
  io.stdout(`Generated ${generator.title} in ${options.out} (${written.length} files${overwritten.size ? `, ${overwritten.size} overwritten` : ''}):\n`);
  for (const w of written) io.stdout(`  ${w}${overwritten.has(w) ? '  (overwritten)' : ''}\n`);
  io.stdout(`\nNext: read ${options.out.replace(/\/$/, '')}/README.md ("Before the first deployment"), then run: blueprint lint ${options.out}\n`);
  return 0;
}
