// The YAML edit helpers the quick fixes are built on: each case applies the
// edits to a real manifest and asserts the exact resulting text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, PathSegment, YamlDocument } from '../../server/src/core/syntax/yaml';
import { appendToSequence, indentUnit, insertEntries, removeKey, replaceNode, setValue } from '../../server/src/core/fixes/yaml-edit';
import { applyEdits, TextEdit } from '../../server/src/core/types';
import { nodeAt } from '../../server/src/core/syntax/yaml';

/** Apply an edit function to one document of a text (lines joined with \n). */
function edited(lines: string[], edit: (doc: YamlDocument) => TextEdit[], docIndex = 0): string {
  const text = lines.join('\n');
  const doc = parseYaml(text).documents[docIndex];
  return applyEdits(text, edit(doc));
}

const C0 = ['spec', 'containers', 0] as PathSegment[];
const SC = [...C0, 'securityContext'];

const container = [
  'spec:',
  '  containers:',
  '    - name: php',
  '      image: drupal:11',
];

test('insertEntries: block mapping gets the key at its siblings\' indentation', () => {
  const out = edited([...container, '      securityContext:', '        runAsNonRoot: true', '      ports: []', ''], (d) =>
    insertEntries(d, SC, { allowPrivilegeEscalation: false }),
  );
  assert.equal(out, [...container, '      securityContext:', '        runAsNonRoot: true', '        allowPrivilegeEscalation: false', '      ports: []', ''].join('\n'));
});

test('insertEntries: existing keys are left alone', () => {
  const doc = parseYaml([...container, '      securityContext:', '        runAsNonRoot: false', ''].join('\n')).documents[0];
  assert.deepEqual(insertEntries(doc, SC, { runAsNonRoot: true }), []);
});

test('insertEntries: flow mapping stays flow', () => {
  const out = edited([...container, '      securityContext: { runAsNonRoot: true }', ''], (d) => insertEntries(d, SC, { allowPrivilegeEscalation: false }));
  assert.equal(out, [...container, '      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false }', ''].join('\n'));
});

test('insertEntries: empty flow mapping and missing parents inside a flow mapping', () => {
  const empty = edited([...container, '      securityContext: {}', ''], (d) => insertEntries(d, SC, { readOnlyRootFilesystem: true }));
  assert.equal(empty, [...container, '      securityContext: { readOnlyRootFilesystem: true }', ''].join('\n'));
  const nested = edited([...container, '      securityContext: { runAsNonRoot: true }', ''], (d) => insertEntries(d, [...SC, 'capabilities'], { drop: ['ALL'] }));
  assert.equal(nested, [...container, '      securityContext: { runAsNonRoot: true, capabilities: { drop: [ALL] } }', ''].join('\n'));
  const flowItem = edited(['spec:', '  containers:', '    - { name: php, image: "drupal:11" }', ''], (d) => insertEntries(d, SC, { runAsNonRoot: true }));
  assert.equal(flowItem, ['spec:', '  containers:', '    - { name: php, image: "drupal:11", securityContext: { runAsNonRoot: true } }', ''].join('\n'));
});

test('insertEntries: a key with no value gets a block under it, keeping its comment', () => {
  const out = edited([...container, '      securityContext:', '    - name: nginx', ''], (d) => insertEntries(d, SC, { allowPrivilegeEscalation: false }));
  assert.equal(out, [...container, '      securityContext:', '        allowPrivilegeEscalation: false', '    - name: nginx', ''].join('\n'));
  const commented = edited([...container, '      securityContext: # to do', ''], (d) => insertEntries(d, SC, { allowPrivilegeEscalation: false }));
  assert.equal(commented, [...container, '      securityContext: # to do', '        allowPrivilegeEscalation: false', ''].join('\n'));
  const explicitNull = edited([...container, '      securityContext: null', ''], (d) => insertEntries(d, SC, { allowPrivilegeEscalation: false }));
  assert.equal(explicitNull, [...container, '      securityContext:', '        allowPrivilegeEscalation: false', ''].join('\n'));
});

test('insertEntries: missing parents are created (securityContext, then capabilities)', () => {
  const out = edited([...container, ''], (d) => insertEntries(d, [...SC, 'capabilities'], { drop: ['ALL'] }));
  assert.equal(out, [...container, '      securityContext:', '        capabilities:', '          drop:', '            - ALL', ''].join('\n'));
});

test('insertEntries: a scalar where a mapping belongs gives no edit', () => {
  const doc = parseYaml([...container, '      securityContext: restricted', ''].join('\n')).documents[0];
  assert.deepEqual(insertEntries(doc, [...SC, 'capabilities'], { drop: ['ALL'] }), []);
  assert.deepEqual(insertEntries(doc, [...C0, 'missing', 0], { a: 1 }), []);
});

test('insertEntries: into a sequence item whose first key is on the dash line', () => {
  const out = edited(['containers:', '- name: x', '  image: y', '- name: z', ''], (d) => insertEntries(d, ['containers', 0], { imagePullPolicy: 'Always' }));
  assert.equal(out, ['containers:', '- name: x', '  image: y', '  imagePullPolicy: Always', '- name: z', ''].join('\n'));
});

test('insertEntries: 4-space documents keep their step; kubectl-style lists keep their dashes', () => {
  const fourSpaces = ['spec:', '    containers:', '        -   name: php', '            image: drupal:11', ''];
  const out = edited(fourSpaces, (d) => insertEntries(d, [...SC, 'capabilities'], { drop: ['ALL'] }));
  assert.equal(
    out,
    ['spec:', '    containers:', '        -   name: php', '            image: drupal:11', '            securityContext:', '                capabilities:', '                    drop:', '                        - ALL', ''].join('\n'),
  );
  const kubectl = ['spec:', '  containers:', '  - name: php', '    image: drupal:11', ''];
  assert.equal(indentUnit(parseYaml(kubectl.join('\n')).documents[0]), 2);
  const out2 = edited(kubectl, (d) => insertEntries(d, [...SC, 'capabilities'], { drop: ['ALL'] }));
  assert.equal(out2, ['spec:', '  containers:', '  - name: php', '    image: drupal:11', '    securityContext:', '      capabilities:', '        drop:', '        - ALL', ''].join('\n'));
});

test('insertEntries: CRLF files get CRLF lines', () => {
  const out = edited([...container, ''].map((l) => l + '\r').slice(0, -1).concat(['']), (d) => insertEntries(d, SC, { runAsNonRoot: true }));
  assert.equal(out, 'spec:\r\n  containers:\r\n    - name: php\r\n      image: drupal:11\r\n      securityContext:\r\n        runAsNonRoot: true\r\n');
  const empty = edited(['spec:\r', '  securityContext:\r', '  containers: []\r', ''], (d) => insertEntries(d, ['spec', 'securityContext'], { fsGroup: 82 }));
  assert.equal(empty, 'spec:\r\n  securityContext:\r\n    fsGroup: 82\r\n  containers: []\r\n');
});

test('insertEntries: a document that is not the first of its file', () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', '---', 'kind: Pod', ...container, '---', 'kind: Service', ''];
  const out = edited(lines, (d) => insertEntries(d, SC, { runAsNonRoot: true }), 1);
  assert.equal(out, ['apiVersion: v1', 'kind: ConfigMap', '---', 'kind: Pod', ...container, '      securityContext:', '        runAsNonRoot: true', '---', 'kind: Service', ''].join('\n'));
});

test('insertEntries: comments after the last entry', () => {
  // A trailing comment on the last line stays on it; a comment at the keys' column stays below the new key.
  const out = edited([...container, '      securityContext:', '        runAsNonRoot: true  # UID 82', '        # readOnlyRootFilesystem: true', '      ports: []', ''], (d) =>
    insertEntries(d, SC, { allowPrivilegeEscalation: false }),
  );
  assert.equal(
    out,
    [...container, '      securityContext:', '        runAsNonRoot: true  # UID 82', '        allowPrivilegeEscalation: false', '        # readOnlyRootFilesystem: true', '      ports: []', ''].join('\n'),
  );
  // A comment indented deeper belongs to the last entry's content: the new key goes after it.
  const deeper = edited([...container, '      env:', '        - name: A', '          value: b', '          # more later', '  # pod-level note', '  volumes: []', ''], (d) =>
    insertEntries(d, C0, { securityContext: { runAsNonRoot: true } }),
  );
  assert.equal(
    deeper,
    [...container, '      env:', '        - name: A', '          value: b', '          # more later', '      securityContext:', '        runAsNonRoot: true', '  # pod-level note', '  volumes: []', ''].join('\n'),
  );
});

test('insertEntries: after a block scalar that keeps its trailing lines', () => {
  const out = edited(['data:', '  script: |+', '    echo hi', '', 'kind: ConfigMap', ''], (d) => insertEntries(d, ['data'], { other: 'x' }));
  assert.equal(out, ['data:', '  script: |+', '    echo hi', '', '  other: x', 'kind: ConfigMap', ''].join('\n'));
});

test('insertEntries: at the end of a file without a final newline', () => {
  const out = edited(['spec:', '  a: 1'], (d) => insertEntries(d, ['spec'], { b: 'two words', c: 'needs: quotes' }));
  assert.equal(out, ['spec:', '  a: 1', '  b: two words', '  c: "needs: quotes"'].join('\n'));
});

test('setValue: replaces a scalar in place, in block and flow style', () => {
  assert.equal(
    edited([...container, '      securityContext:', '        privileged: true # needs /dev', ''], (d) => setValue(d, [...SC, 'privileged'], false)),
    [...container, '      securityContext:', '        privileged: false # needs /dev', ''].join('\n'),
  );
  assert.equal(
    edited([...container, '      securityContext: { privileged: true, runAsUser: 0 }', ''], (d) => setValue(d, [...SC, 'privileged'], false)),
    [...container, '      securityContext: { privileged: false, runAsUser: 0 }', ''].join('\n'),
  );
});

test('setValue: an empty or null value, and a missing key', () => {
  assert.equal(
    edited([...container, '      securityContext:', '        allowPrivilegeEscalation:', '        runAsNonRoot: true', ''], (d) => setValue(d, [...SC, 'allowPrivilegeEscalation'], false)),
    [...container, '      securityContext:', '        allowPrivilegeEscalation: false', '        runAsNonRoot: true', ''].join('\n'),
  );
  assert.equal(
    edited([...container, '      securityContext:', '        readOnlyRootFilesystem: ~', ''], (d) => setValue(d, [...SC, 'readOnlyRootFilesystem'], true)),
    [...container, '      securityContext:', '        readOnlyRootFilesystem: true', ''].join('\n'),
  );
  assert.equal(
    edited([...container, ''], (d) => setValue(d, [...SC, 'readOnlyRootFilesystem'], true)),
    [...container, '      securityContext:', '        readOnlyRootFilesystem: true', ''].join('\n'),
  );
});

test('setValue: a list or mapping value is written as a block in block style, flow in flow style', () => {
  const caps = [...container, '      securityContext:', '        capabilities:'];
  assert.equal(
    edited([...caps, '          drop:', '          add: [NET_BIND_SERVICE]', ''], (d) => setValue(d, [...SC, 'capabilities', 'drop'], ['ALL'])),
    [...caps, '          drop:', '            - ALL', '          add: [NET_BIND_SERVICE]', ''].join('\n'),
  );
  assert.equal(
    edited([...caps, '          drop: NET_RAW', ''], (d) => setValue(d, [...SC, 'capabilities', 'drop'], ['NET_RAW', 'ALL'])),
    [...caps, '          drop:', '            - NET_RAW', '            - ALL', ''].join('\n'),
  );
  assert.equal(
    edited([...caps, '          drop: [NET_RAW]', ''], (d) => setValue(d, [...SC, 'capabilities', 'drop'], ['ALL'])),
    [...caps, '          drop: [ALL]', ''].join('\n'),
  );
  assert.equal(
    edited([...container, '      securityContext:', '        seccompProfile: runtime/default', ''], (d) => setValue(d, [...SC, 'seccompProfile'], { type: 'RuntimeDefault' })),
    [...container, '      securityContext:', '        seccompProfile:', '          type: RuntimeDefault', ''].join('\n'),
  );
  assert.equal(
    edited([...container, '      securityContext: { seccompProfile: }', ''], (d) => setValue(d, [...SC, 'seccompProfile'], { type: 'RuntimeDefault' })),
    [...container, '      securityContext: { seccompProfile: { type: RuntimeDefault } }', ''].join('\n'),
  );
});

test('appendToSequence: flow, empty flow, block, kubectl-style and empty values', () => {
  const caps = [...container, '      securityContext:', '        capabilities:'];
  const dropPath = [...SC, 'capabilities', 'drop'];
  assert.equal(edited([...caps, '          drop: [NET_RAW, MKNOD]', ''], (d) => appendToSequence(d, dropPath, 'ALL')), [...caps, '          drop: [NET_RAW, MKNOD, ALL]', ''].join('\n'));
  assert.equal(edited([...caps, '          drop: []', ''], (d) => appendToSequence(d, dropPath, 'ALL')), [...caps, '          drop: [ALL]', ''].join('\n'));
  assert.equal(
    edited([...caps, '          drop:', '            - NET_RAW # raw sockets', '          add: []', ''], (d) => appendToSequence(d, dropPath, 'ALL')),
    [...caps, '          drop:', '            - NET_RAW # raw sockets', '            - ALL', '          add: []', ''].join('\n'),
  );
  assert.equal(
    edited([...caps, '          drop:', '          - NET_RAW', ''], (d) => appendToSequence(d, dropPath, 'ALL')),
    [...caps, '          drop:', '          - NET_RAW', '          - ALL', ''].join('\n'),
  );
  assert.equal(edited([...caps, '          drop:', ''], (d) => appendToSequence(d, dropPath, 'ALL')), [...caps, '          drop:', '            - ALL', ''].join('\n'));
  const doc = parseYaml([...caps, '          drop: NET_RAW', ''].join('\n')).documents[0];
  assert.deepEqual(appendToSequence(doc, dropPath, 'ALL'), []);
});

test('removeKey: block lines with their comment, flow entries', () => {
  const pod = ['spec:', '  hostNetwork: true # node-exporter', '  hostPID: true', '  containers: []', ''];
  assert.equal(edited(pod, (d) => removeKey(d, ['spec', 'hostNetwork'])), ['spec:', '  hostPID: true', '  containers: []', ''].join('\n'));
  assert.equal(edited(['spec:', '  containers: []', '  hostPID: true'], (d) => removeKey(d, ['spec', 'hostPID'])), ['spec:', '  containers: []', ''].join('\n'));
  const flow = ['spec: { hostNetwork: true, hostPID: true, containers: [] }', ''];
  assert.equal(edited(flow, (d) => removeKey(d, ['spec', 'hostNetwork'])), ['spec: { hostPID: true, containers: [] }', ''].join('\n'));
  assert.equal(edited(flow, (d) => removeKey(d, ['spec', 'containers'])), ['spec: { hostNetwork: true, hostPID: true }', ''].join('\n'));
  assert.equal(edited(['spec: { hostIPC: true }', ''], (d) => removeKey(d, ['spec', 'hostIPC'])), ['spec: {}', ''].join('\n'));
});

test('removeKey: the only key leaves an empty mapping on its owner; a first key in a sequence item', () => {
  assert.equal(
    edited(['spec:', '  securityContext: # pod level', '    privileged: true', '  containers: []', ''], (d) => removeKey(d, ['spec', 'securityContext', 'privileged'])),
    ['spec:', '  securityContext: {} # pod level', '  containers: []', ''].join('\n'),
  );
  assert.equal(edited(['items:', '  - hostNetwork: true', '    name: x', ''], (d) => removeKey(d, ['items', 0, 'hostNetwork'])), ['items:', '  - name: x', ''].join('\n'));
  assert.equal(edited(['items:', '  - hostNetwork: true', ''], (d) => removeKey(d, ['items', 0, 'hostNetwork'])), ['items:', '  - {}', ''].join('\n'));
});

test('removeKey and setValue on CRLF text and in a later document', () => {
  const text = 'kind: A\r\n---\r\nspec:\r\n  hostNetwork: true\r\n  hostPID: true\r\n';
  const doc = parseYaml(text).documents[1];
  assert.equal(applyEdits(text, removeKey(doc, ['spec', 'hostNetwork'])), 'kind: A\r\n---\r\nspec:\r\n  hostPID: true\r\n');
  assert.equal(applyEdits(text, setValue(doc, ['spec', 'hostPID'], false)), 'kind: A\r\n---\r\nspec:\r\n  hostNetwork: true\r\n  hostPID: false\r\n');
});

test('replaceNode: a list item keeps its place', () => {
  const lines = ['drop:', '  - all # typo', ''];
  const out = edited(lines, (d) => replaceNode(d, nodeAt(d.doc.contents, ['drop', 0])!, 'ALL'));
  assert.equal(out, ['drop:', '  - ALL # typo', ''].join('\n'));
});
