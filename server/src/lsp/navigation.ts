// Go to definition, completion and hover descriptions: the LSP side of
// core/navigation (the providers live in the core; this converts offsets and keys).
import { CompletionItem, CompletionItemKind, Hover, LocationLink, MarkupKind, Position } from 'vscode-languageserver/node';
import { completeAt, describeAt, findDefinitions } from '../core/navigation';
import { LineIndex } from '../core/types';
import { toRange } from './convert';
import type { FileResult } from './session';
import { uriOfKey } from './uris';

function query(result: FileResult, position: Position) {
  return { ws: result.project.ws, file: result.key, offset: result.lines.offset(position.line, position.character) };
}

export function definitions(result: FileResult, position: Position): LocationLink[] {
  const q = query(result, position);
  const links: LocationLink[] = [];
  for (const t of findDefinitions(q)) {
    const target = result.project.ws.get(t.file);
    if (!target) continue;
    const lines = t.file === result.key ? result.lines : new LineIndex(target.text);
    const range = toRange(lines, t.span);
    links.push({
      targetUri: uriOfKey(t.file),
      targetRange: range,
      targetSelectionRange: range,
      originSelectionRange: t.origin ? toRange(result.lines, t.origin) : undefined,
    });
  }
  return links;
}

const KIND: Record<string, CompletionItemKind> = {
  reference: CompletionItemKind.Reference,
  path: CompletionItemKind.Folder,
  value: CompletionItemKind.Value,
  key: CompletionItemKind.Property,
};

export function completions(result: FileResult, position: Position): CompletionItem[] {
  return completeAt(query(result, position)).map((c, i) => ({
    label: c.label,
    kind: KIND[c.kind ?? 'reference'],
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    sortText: String(i).padStart(4, '0'),
    ...(c.replace ? { textEdit: { range: toRange(result.lines, c.replace), newText: c.insertText ?? c.label } } : { insertText: c.insertText }),
  }));
}

/** Descriptions of what is under the cursor (what a selector matches...), merged into the hover. */
export function describe(result: FileResult, position: Position): Hover | null {
  const found = describeAt(query(result, position));
  if (found.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.map((f) => f.markdown).join('\n\n---\n\n') }, range: toRange(result.lines, found[0].span) };
}
