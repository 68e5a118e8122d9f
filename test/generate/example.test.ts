// examples/drupal-aks is the generator's output with fixed inputs, byte for byte:
// regenerate it with `npm run gen:example` after changing the generator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_DIR, exampleFiles, listFiles } from '../../scripts/gen-example';

test('examples/drupal-aks matches the generator (run `npm run gen:example` when this fails)', () => {
  const files = exampleFiles();
  assert.deepEqual(listFiles(EXAMPLE_DIR), [...files.keys()].sort(), 'the files of examples/drupal-aks');
  for (const [rel, text] of files) assert.equal(readFileSync(join(EXAMPLE_DIR, rel), 'utf8'), text, `examples/drupal-aks/${rel} differs from the generator`);
});
