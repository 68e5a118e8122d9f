// Unit tests of the server's pure helpers: suppression-comment edits, the
// minimal fix-all edit, finding -> Diagnostic conversion, settings and URIs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/model/workspace';
import { applyEdits, LineIndex, type Finding } from '../../server/src/core/types';
import { minimalEdit } from '../../server/src/lsp/code-actions';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { disableDocumentEdit, disableLineEdit } from '../../server/src/lsp/disable-comments';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { documentKey, fsPathOfKey, isLintedDocument, uriOfKey } from '../../server/src/lsp/uris';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';

const RULE = 'k8s/run-as-non-root';

describe('disable for this line', () => {
  const apply = (text: string, offset: number) => {
    const e = disableLineEdit(text, offset, RULE);
    return e && applyEdits(text, [e]);
  };

  test('inserts the directive above the line, at its indentation', () => {
    const text = 'spec:\n  containers:\n    - name: web\n';
    assert.equal(apply(text, text.indexOf('name')), `spec:\n  containers:\n    # blueprint-disable-next-line ${RULE}\n    - name: web\n`);
  });

  test('keeps CRLF line ends and works on the first line', () => {
    assert.equal(apply('kind: Pod\r\nspec: {}\r\n', 0), `# blueprint-disable-next-line ${RULE}\r\nkind: Pod\r\nspec: {}\r\n`);
  });

  test('appends to a directive above, before its reason and trailing blanks', () => {
    const withReason = '  # blueprint-disable-next-line k8s/a -- legacy\n  x: 1\n';
    assert.equal(apply(withReason, withReason.indexOf('x:')), `  # blueprint-disable-next-line k8s/a, ${RULE} -- legacy\n  x: 1\n`);
    const trailing = '# blueprint-disable-next-line k8s/a, k8s/b   \nx: 1\n';
    assert.equal(apply(trailing, trailing.indexOf('x:')), `# blueprint-disable-next-line k8s/a, k8s/b, ${RULE}   \nx: 1\n`);
  });

  test('offers nothing when the directive above already covers the rule', () => {
    for (const above of [`# blueprint-disable-next-line ${RULE}`, '# blueprint-disable-next-line', '# blueprint-disable-next-line -- all of them']) {
      const text = `${above}\nx: 1\n`;
      assert.equal(disableLineEdit(text, text.indexOf('x:'), RULE), undefined, above);
    }
  });
});

describe('disable for the entire document', () => {
  const apply = (text: string, at: string) => {
    const file = new Workspace().update('f.yaml', text);
    const e = disableDocumentEdit(file, text.indexOf(at), RULE);
    return e && applyEdits(text, [e]);
  };

  test('goes after the --- of the document holding the finding', () => {
    const text = 'kind: A\n---\nkind: B\n---\nkind: C\n';
    assert.equal(apply(text, 'kind: B'), `kind: A\n---\n# blueprint-disable ${RULE}\nkind: B\n---\nkind: C\n`);
    assert.equal(apply(text, 'kind: A'), `# blueprint-disable ${RULE}\nkind: A\n---\nkind: B\n---\nkind: C\n`);
  });

  test('after a --- line that carries a comment, and for a first document that starts with ---', () => {
    assert.equal(apply('--- # web\nkind: B\n', 'kind'), `--- # web\n# blueprint-disable ${RULE}\nkind: B\n`);
    assert.equal(apply('---\nkind: B\n', 'kind'), `---\n# blueprint-disable ${RULE}\nkind: B\n`);
  });

  test('appends to a document directive already at the top', () => {
    assert.equal(apply('---\n# blueprint-disable k8s/a -- why\nkind: B\n', 'kind'), `---\n# blueprint-disable k8s/a, ${RULE} -- why\nkind: B\n`);
  });
});

describe('minimal fix-all edit', () => {
  test('covers only the changed middle', () => {
    assert.deepEqual(minimalEdit('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 20\nc: 3\n'), { start: 9, end: 9, newText: '0' });
  });

  test('never splits a CRLF or a surrogate pair', () => {
    const crlf = minimalEdit('a\r\nb', 'a\r\r\nb');
    assert.equal(applyEdits('a\r\nb', [crlf]), 'a\r\r\nb');
    assert.notEqual('a\r\nb'.slice(crlf.start - 1, crlf.start + 1), '\r\n');
    const emoji = minimalEdit('x: \u{1F600}', 'x: \u{1F601}');
    assert.deepEqual(emoji, { start: 3, end: 5, newText: '\u{1F601}' });
  });
});

describe('finding -> diagnostic', () => {
  const text = 'kind: Service\nmetadata: { name: web }\n';
  const other = 'line one\nkind: Deployment\n';
  const finding = (over: Partial<Finding>): Finding => ({
    ruleId: 'ref/service-selector',
    severity: 'info',
    message: 'selects nothing',
    file: 'file:///w/svc.yaml',
    span: { start: 0, end: 4 },
    fixes: [],
    ...over,
  });
  const ctx = {
    extensionRoot: '/ext',
    linesOf: (key: string) => (key === 'file:///w/deploy.yaml' ? new LineIndex(other) : undefined),
    uriOf: (key: string) => key,
  };

  test('maps severity, code, doc link and related information in other files', () => {
    const d = toDiagnostic(
      finding({
        object: 'Service/default/web',
        fixes: [{ title: 'Select web', edits: [] }],
        related: [
          { file: 'file:///w/deploy.yaml', span: { start: 9, end: 13 }, message: 'closest workload' },
          { file: 'file:///w/svc.yaml', span: { start: 14, end: 22 }, message: 'here' },
          { file: 'file:///w/unknown.yaml', span: { start: 0, end: 1 }, message: 'not in the model: left out' },
        ],
      }),
      new LineIndex(text),
      ctx,
    );
    assert.deepEqual(d, {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      severity: 3,
      code: 'ref/service-selector',
      codeDescription: { href: 'file:///ext/docs/rules/ref/service-selector.md' },
      source: 'blueprint',
      message: 'selects nothing',
      data: { ruleId: 'ref/service-selector', fixes: ['Select web'], object: 'Service/default/web' },
      relatedInformation: [
        { location: { uri: 'file:///w/deploy.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } }, message: 'closest workload' },
        { location: { uri: 'file:///w/svc.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } } }, message: 'here' },
      ],
    });
  });

  test('an unused suppression is a hint tagged Unnecessary', () => {
    const d = toDiagnostic(finding({ ruleId: 'meta/unused-suppression', severity: 'hint' }), new LineIndex(text), ctx);
    assert.equal(d.severity, 4);
    assert.deepEqual(d.tags, [1]);
  });
});

describe('settings', () => {
  test('wrong values fall back to the defaults, valid ones pass', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: 'yes', profile: 'strict', rules: [1], ignore: 'x', lintWorkspace: 0, debounceMs: 'fast' }), DEFAULT_SETTINGS);
    assert.deepEqual(
      normalizeSettings({
        enable: false,
        profile: 'baseline',
        rules: { 'k8s/cpu-limit': 'off', 'k8s/image-tag': 'loud', 'k8s/pdb': 'error' },
        ignore: ['charts/**', '', 3],
        lintWorkspace: false,
        debounceMs: 99999,
      }),
      { enable: false, profile: 'baseline', rules: { 'k8s/cpu-limit': 'off', 'k8s/pdb': 'error' }, ignore: ['charts/**'], lintWorkspace: false, debounceMs: 10000 },
    );
  });
});

describe('document keys', () => {
  test('file URIs are canonical; yaml buffers without the extension still parse as YAML', () => {
    assert.equal(documentKey('file:///w/a%20b/x.yaml', 'yaml'), 'file:///w/a%20b/x.yaml');
    const key = documentKey('untitled:Untitled-1', 'yaml');
    assert.equal(new Workspace().update(key, 'a: 1\n').kind, 'yaml');
    assert.equal(uriOfKey(key), 'untitled:Untitled-1');
    assert.equal(fsPathOfKey(documentKey('file:///w/Chart.lock', 'yaml')), '/w/Chart.lock');
  });

  test('only file and untitled documents of YAML or Terraform are linted', () => {
    assert.equal(isLintedDocument('file:///w/x.yaml', 'yaml'), true);
    assert.equal(isLintedDocument('file:///w/main.tf', 'terraform'), true);
    assert.equal(isLintedDocument('file:///w/x.yaml', 'helm'), true, 'a .yaml file whatever its language');
    assert.equal(isLintedDocument('file:///w/notes.md', 'markdown'), false);
    assert.equal(isLintedDocument('git:/w/x.yaml?ref', 'yaml'), false);
  });
});
