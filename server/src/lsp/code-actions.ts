// textDocument/codeAction: for each Blueprint diagnostic in the request, its
// quick fixes, "disable for this line" and "disable for the entire document";
// once per request "fix all in this file"; and source.fixAll.blueprint for
// editor.codeActionsOnSave. Findings are matched by rule id (diagnostic.code)
// and range against the server's current lint of the document, never by message.
import { CodeAction, CodeActionKind, CodeActionParams, CreateFile, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { FileFacts } from '../core/model/workspace';
import { UNUSED_SUPPRESSION } from '../core/rules/engine';
import type { Finding, Fix, TextEdit as CoreEdit } from '../core/types';
import { applyEdits, LineIndex } from '../core/types';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../protocol';
import { rangesTouch, sameRange, toLspEdit, toRange } from './convert';
import { disableDocumentEdit, disableLineEdit } from './disable-comments';
import type { FileResult } from './session';
import { uriOfKey } from './uris';

export const FIX_ALL_TITLE = 'Fix all Blueprint problems in this file';

export interface CodeActionOptions {
  /** The client takes versioned `documentChanges` in a WorkspaceEdit. */
  documentChanges: boolean;
  /**
   * The client applies CreateFile operations (workspace.workspaceEdit.resourceOperations has
   * 'create'): fixes that create a file (Fix.otherFiles) are offered only then.
   */
  createFiles?: boolean;
  /** The client resolves code actions lazily (codeAction/resolve can fill `edit`). */
  resolveEdits: boolean;
  /** The text after every safe fix (computed on demand: it lints the file repeatedly). */
  fixAllText(): string | undefined;
}

/** Sent in `CodeAction.data` when the fix-all edit is left to codeAction/resolve. */
export interface FixAllData {
  blueprintFixAll: true;
  uri: string;
  version: number | null;
}

export function isFixAllData(data: unknown): data is FixAllData {
  return !!data && typeof data === 'object' && (data as FixAllData).blueprintFixAll === true && typeof (data as FixAllData).uri === 'string';
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function workspaceEdit(uri: string, version: number | null, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}

/** The finding a client diagnostic stands for: same rule and range, else same rule and overlapping. */
function findingOf(diagnostic: Diagnostic, findings: readonly Finding[], lines: LineIndex): Finding | undefined {
  const sameRule = findings.filter((f) => f.ruleId === diagnostic.code);
  return (
    sameRule.find((f) => sameRange(toRange(lines, f.span), diagnostic.range)) ??
    sameRule.find((f) => rangesTouch(toRange(lines, f.span), diagnostic.range))
  );
}

export function codeActions(uri: string, result: FileResult, facts: FileFacts, params: CodeActionParams, options: CodeActionOptions): CodeAction[] {
  const only = params.context.only;
  const { lines, findings } = result;
  const version = result.version ?? null;
  const edit = (edits: CoreEdit[]) => workspaceEdit(uri, version, edits.map((e) => toLspEdit(lines, e)), options.documentChanges);
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    const fixes: CodeAction[] = [];
    const disables: CodeAction[] = [];
    const seenDisables = new Set<string>();
    let matched = false;
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const finding = findingOf(diagnostic, findings, lines);
      if (!finding) continue; // stale diagnostic of an older text
      matched = true;
      finding.fixes.forEach((fix, i) => {
        const multiFile = !!fix.otherFiles?.length;
        if (fix.edits.length === 0 && !multiFile) return;
        const fixEdit = multiFile ? multiFileEdit(uri, version, fix, result, options) : edit(fix.edits);
        if (!fixEdit) return; // the client cannot create files
        fixes.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0 && fix.safe !== false && !multiFile,
          edit: fixEdit,
        });
      });
      if (finding.ruleId === UNUSED_SUPPRESSION) continue; // suppressing a suppression helps nobody
      const line = lines.position(finding.span.start).line;
      const lineKey = `${finding.ruleId}@${line}`;
      const lineEdit = !seenDisables.has(lineKey) && disableLineEdit(result.text, finding.span.start, finding.ruleId);
      seenDisables.add(lineKey);
      if (lineEdit) {
        disables.push({ title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([lineEdit]) });
      }
      const docEdit = disableDocumentEdit(facts, finding.span.start, finding.ruleId);
      const docKey = `${finding.ruleId}#${docEdit?.start}`;
      if (docEdit && !seenDisables.has(docKey)) {
        seenDisables.add(docKey);
        disables.push({ title: `Disable ${finding.ruleId} for the entire document`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([docEdit]) });
      }
    }
    actions.push(...fixes);
    if (matched && findings.some((f) => f.fixes.some((x) => x.safe !== false && x.edits.length > 0))) {
      const fixAll: CodeAction = { title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix };
      if (options.resolveEdits) {
        const data: FixAllData = { blueprintFixAll: true, uri, version };
        fixAll.data = data;
        actions.push(fixAll);
      } else {
        const fixed = options.fixAllText();
        if (fixed !== undefined) actions.push({ ...fixAll, edit: wholeTextEdit(uri, version, result.text, fixed, lines, options.documentChanges) });
      }
    }
    actions.push(...disables);
  }

  // Only on request (editor.codeActionsOnSave, the Source Action menu): never in the lightbulb.
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixed = options.fixAllText();
    if (fixed !== undefined) {
      actions.push({ title: 'Fix all Blueprint problems', kind: FIX_ALL_KIND, edit: wholeTextEdit(uri, version, result.text, fixed, lines, options.documentChanges) });
    }
  }
  return actions;
}

/**
 * A fix that also creates or edits other files (Fix.otherFiles): `documentChanges`
 * with CreateFile (never overwriting) and TextDocumentEdits. Undefined when the
 * client cannot apply resource operations, or a file to edit is not in the project.
 */
function multiFileEdit(uri: string, version: number | null, fix: Fix, result: FileResult, options: CodeActionOptions): WorkspaceEdit | undefined {
  if (!options.documentChanges || !options.createFiles) return undefined;
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  if (fix.edits.length) changes.push(TextDocumentEdit.create({ uri, version }, fix.edits.map((e) => toLspEdit(result.lines, e))));
  for (const o of fix.otherFiles ?? []) {
    const target = uriOfKey(o.file);
    if (o.create !== undefined) {
      changes.push(CreateFile.create(target, { overwrite: false, ignoreIfExists: false }));
      const text = applyEdits(o.create, o.edits ?? []);
      changes.push(TextDocumentEdit.create({ uri: target, version: null }, [TextEdit.insert({ line: 0, character: 0 }, text)]));
      continue;
    }
    const facts = result.project.ws.get(o.file);
    if (!facts) return undefined;
    const lines = new LineIndex(facts.text);
    changes.push(TextDocumentEdit.create({ uri: target, version: null }, (o.edits ?? []).map((e) => toLspEdit(lines, e))));
  }
  return { documentChanges: changes };
}

/** One edit turning `before` into `after`, covering only what differs (keeps the cursor and folds in place). */
export function minimalEdit(before: string, after: string): CoreEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a CRLF or a surrogate pair: positions inside them do not exist in the editor.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before[start - 1] === '\r' && before[start] === '\n'))) start--;
  while (endB < before.length && (isLowSurrogate(before.charCodeAt(endB)) || (before[endB - 1] === '\r' && before[endB] === '\n'))) {
    endB++;
    endA++;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function wholeTextEdit(uri: string, version: number | null, before: string, after: string, lines: LineIndex, documentChanges: boolean): WorkspaceEdit {
  return workspaceEdit(uri, version, [toLspEdit(lines, minimalEdit(before, after))], documentChanges);
}
