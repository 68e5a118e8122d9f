// `blueprint lint --format json` on the real-world Terraform corpus
// (../shared/corpus/drupal-aws-terraform, see its README): the public and
// unencrypted RDS instance, the mutable ECR repository and SSH open to the
// world are reported at the attribute that causes each (at the block's name
// when the attribute is absent). Runs the bundled command, so the WASM files
// next to it are what loads the HCL parser. Skipped when the corpus is absent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, CORPUS, PROJECT_ROOT, removeWorkspaces, runCli } from './helpers';

const DIR = join(CORPUS, 'drupal-aws-terraform');
const present = existsSync(DIR);

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  object?: string;
  fixes: string[];
}

before(() => {
  if (present) buildCli();
});
after(() => removeWorkspaces());

/** The text a finding's range covers (zero-based, single line). */
function covered(f: JsonFinding): string {
  const line = readFileSync(join(PROJECT_ROOT, f.file), 'utf8').split('\n')[f.range.start.line];
  assert.equal(f.range.end.line, f.range.start.line, `${f.ruleId} spans one line`);
  return line.slice(f.range.start.character, f.range.end.character);
}

test('the drupal-aws-terraform corpus: public unencrypted RDS, mutable ECR, SSH open to the world', { skip: !present && 'corpus absent' }, () => {
  const run = runCli(['lint', '--format', 'json', '../shared/corpus/drupal-aws-terraform'], PROJECT_ROOT);
  assert.equal(run.stderr, '', 'no skipped files, no parser problems');
  assert.equal(run.code, 1, 'error findings exit with 1');
  const out = JSON.parse(run.stdout) as { version: number; findings: JsonFinding[]; files: number };
  assert.equal(out.files, 22);
  const find = (ruleId: string) => out.findings.filter((f) => f.ruleId === ruleId);

  const [pub] = find('tf/aws-rds-public');
  assert.equal(pub.file, '../shared/corpus/drupal-aws-terraform/terraform/rds/main.tf');
  assert.equal(pub.object, 'aws_db_instance.drupal');
  assert.equal(pub.severity, 'error');
  assert.deepEqual(pub.range.start, { line: 83, character: 2 });
  assert.equal(covered(pub), 'publicly_accessible    = true');
  assert.deepEqual(pub.fixes, ['Set publicly_accessible = false']);

  const [enc] = find('tf/aws-rds-encryption');
  assert.equal(enc.file, pub.file);
  assert.equal(enc.object, 'aws_db_instance.drupal');
  assert.equal(covered(enc), 'resource "aws_db_instance" "drupal"', 'no storage_encrypted: at the block name');
  assert.match(enc.message, /not encrypted at rest/);

  const [ecr] = find('tf/aws-ecr-immutable');
  assert.equal(ecr.file, '../shared/corpus/drupal-aws-terraform/terraform/ecr/main.tf');
  assert.equal(ecr.object, 'aws_ecr_repository.devops_ecr_repo');
  assert.equal(covered(ecr), 'image_tag_mutability = "MUTABLE"');

  const ssh = find('tf/aws-sg-open-world');
  assert.equal(ssh.length, 1, 'only the SSH rule: HTTP on 80 is fine, egress is not ingress, the dynamic ingress opens port 80 only');
  assert.equal(ssh[0].file, '../shared/corpus/drupal-aws-terraform/terraform/ec2/main.tf');
  assert.equal(ssh[0].object, 'aws_security_group.web_sg');
  assert.deepEqual(ssh[0].range.start, { line: 28, character: 4 });
  assert.equal(covered(ssh[0]), 'cidr_blocks = ["0.0.0.0/0"]');
  assert.match(ssh[0].message, /port 22 \(SSH\)/);

  // The seed's "scan on push" is there; the corpus sets it.
  assert.deepEqual(find('tf/aws-ecr-scan'), []);
  assert.deepEqual(find('hcl/syntax'), []);
});
