// Document URIs <-> disk paths <-> keys of the core's Workspace.
//
// The Workspace keys files by an opaque string and decides how to parse a file
// from the key's extension. The server keys `file:` documents by a canonical
// URI (rebuilt from the disk path, so `file:///a%20b` and `file:///a b` are one
// file) and every other scheme (`untitled:`) by the URI itself.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isLintable } from '../node/files';

/** Language ids whose documents Blueprint lints when they are open. */
export const LINTED_LANGUAGES = ['yaml', 'terraform'];

/** URI schemes whose documents are linted (not `git:` diff views, output panes...). */
const LINTED_SCHEMES = ['file', 'untitled'];

/** Suffix that tells the core to parse a yaml-language document whose name has no .yaml extension. */
const YAML_KEY_SUFFIX = '#blueprint.yaml';

export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

function schemeOf(uri: string): string {
  const m = /^([a-zA-Z][\w+.-]*):/.exec(uri);
  return m ? m[1].toLowerCase() : '';
}

/** Whether an open document should be linted. */
export function isLintedDocument(uri: string, languageId: string): boolean {
  if (!LINTED_SCHEMES.includes(schemeOf(uri))) return false;
  return LINTED_LANGUAGES.includes(languageId) || isLintable(fsPathOf(uri) ?? uri);
}

/** The Workspace key of a file on disk. */
export function diskKey(fsPath: string): string {
  return fileUri(fsPath);
}

/** The Workspace key of an open document. */
export function documentKey(uri: string, languageId: string): string {
  const fsPath = fsPathOf(uri);
  const key = fsPath ? diskKey(fsPath) : uri;
  // A document the user set to YAML (an untitled buffer, a file without the
  // extension) must still be parsed as YAML: give its key the extension.
  if (languageId === 'yaml' && !/\.ya?ml$/i.test(key)) return key + YAML_KEY_SUFFIX;
  return key;
}

/** The document URI a Workspace key stands for (canonical for files on disk). */
export function uriOfKey(key: string): string {
  return key.endsWith(YAML_KEY_SUFFIX) ? key.slice(0, -YAML_KEY_SUFFIX.length) : key;
}

/** The disk path behind a Workspace key, if it is a file on disk. */
export function fsPathOfKey(key: string): string | undefined {
  return fsPathOf(uriOfKey(key));
}
