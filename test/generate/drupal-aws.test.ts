// The Drupal on AWS generator (seeds/drupal-aws-terraform.md): the Terraform it
// writes has the documented shape (read through Blueprint's HCL parser, not by
// regex), lints with no finding at all under the restricted profile, is
// formatted as `terraform fmt` writes it and, where a provider mirror is
// available, passes `terraform validate`; its input checks keep bad values out.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { drupalAws, drupalAwsFiles, resolveDrupalAwsInput, safeRelativePath, stackGenerator } from '../../server/src/core/generate';
import type { DrupalAwsKey } from '../../server/src/core/generate';
import { awsRegion, booleanWord, ipv4Cidr, s3BucketName } from '../../server/src/core/generate/validate';
import { blocksOf, parseHcl, attributesOf } from '../../server/src/core/syntax/hcl';
import type { HclBlock, HclFile } from '../../server/src/core/syntax/hcl';
import { initHclFromDisk } from '../../server/src/node/hcl';
import { runLint } from '../../server/src/cli/lint';

before(async () => assert.equal(await initHclFromDisk(), undefined));

const MINIMAL: Partial<Record<DrupalAwsKey, string>> = { domain: 'www.example.org' };
const VARIANT: Partial<Record<DrupalAwsKey, string>> = {
  domain: 'shop.example.com',
  hostedZone: 'example.com',
  certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
  region: 'eu-central-1',
  project: 'acme-web',
  environment: 'staging',
  vpcCidr: '172.20.0.0/20',
  desiredCount: '1',
  dbInstanceClass: 'db.r7g.large',
  imageTag: '2024.06.01-abc123',
  stateBucket: 'acme-terraform-state',
};

function generate(input: Partial<Record<DrupalAwsKey, string>>): ReadonlyMap<string, string> {
  const result = drupalAws.generate(input);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.files;
}

function writeInto(files: ReadonlyMap<string, string>, skip: (rel: string) => boolean = () => false): string {
  const dir = mkdtempSync(join(tmpdir(), 'blueprint-gen-drupal-aws-'));
  for (const [rel, text] of files) {
    if (skip(rel)) continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

// ---- reading the generated HCL ----------------------------------------------------------

function parsed(files: ReadonlyMap<string, string>, path: string): HclFile {
  const text = files.get(path);
  assert.ok(text !== undefined, `${path} is generated`);
  const hcl = parseHcl(text);
  assert.ok(hcl, 'the HCL parser is ready');
  assert.deepEqual(hcl.errors, [], `${path} parses`);
  return hcl;
}

/** The top-level block of that type and labels, e.g. block(files, 'terraform/rds/main.tf', 'resource', 'aws_db_instance', 'drupal'). */
function block(files: ReadonlyMap<string, string>, path: string, type: string, ...labels: string[]): { hcl: HclFile; block: HclBlock } {
  const hcl = parsed(files, path);
  const found = blocksOf(hcl.body, type).find((b) => b.labels.map((l) => l.value).join(' ') === labels.join(' '));
  assert.ok(found, `${path} has ${type} ${labels.join(' ')}`);
  return { hcl, block: found };
}

/** The source text of an attribute, through nested blocks: `redirect.protocol`. */
function value(where: { hcl: HclFile; block: HclBlock }, path: string): string | undefined {
  const parts = path.split('.');
  let b: HclBlock | undefined = where.block;
  for (const p of parts.slice(0, -1)) b = b && blocksOf(b.body, p)[0];
  const a = b && attributesOf(b.body).find((x) => x.name === parts[parts.length - 1]);
  return a && where.hcl.text.slice(a.value.span.start, a.value.span.end);
}

function resources(files: ReadonlyMap<string, string>, type: string): { path: string; name: string; hcl: HclFile; block: HclBlock }[] {
  const out = [];
  for (const path of files.keys()) {
    if (!path.endsWith('.tf')) continue;
    const hcl = parsed(files, path);
    for (const b of blocksOf(hcl.body, 'resource')) if (b.labels[0]?.value === type) out.push({ path, name: b.labels[1].value, hcl, block: b });
  }
  return out;
}

// ---- the documented shape ----------------------------------------------------------------

test('drupal-aws: is registered with its seed, the restricted profile and the seed\'s folders', () => {
  assert.equal(stackGenerator('drupal-aws'), drupalAws as never);
  assert.equal(drupalAws.seed, 'drupal-aws-terraform');
  assert.equal(drupalAws.profile, 'restricted');
  const files = generate(MINIMAL);
  for (const p of files.keys()) assert.ok(safeRelativePath(p), p);
  for (const part of ['network', 'ecr', 'rds', 'ecs']) {
    for (const f of ['versions.tf', 'variables.tf', 'outputs.tf']) assert.ok(files.has(`terraform/${part}/${f}`), `terraform/${part}/${f}`);
  }
  for (const f of ['versions.tf', 'providers.tf', 'variables.tf', 'main.tf', 'outputs.tf', 'monitoring.tf', 'environments/production.tfvars', 'environments/production.s3.tfbackend']) {
    assert.ok(files.has(`terraform/${f}`), `terraform/${f}`);
  }
  assert.match(files.get('.blueprint.yaml')!, /^profile: restricted$/m);
  assert.match(files.get('.gitignore')!, /^\.terraform\/$/m);
});

test('drupal-aws: the root pins Terraform and the AWS provider, has an S3 backend placeholder and applies network → ecr → rds → ecs', () => {
  const files = generate(MINIMAL);
  const tf = block(files, 'terraform/versions.tf', 'terraform');
  assert.equal(value(tf, 'required_version'), '">= 1.11.0"');
  const providers = blocksOf(tf.block.body, 'required_providers')[0];
  const aws = attributesOf(providers.body).find((a) => a.name === 'aws')!;
  assert.match(tf.hcl.text.slice(aws.value.span.start, aws.value.span.end), /source\s+= "hashicorp\/aws"[\s\S]*version = "~> 5\.100"/);
  const backend = blocksOf(tf.block.body, 'backend')[0];
  assert.equal(backend.labels[0].value, 's3');
  assert.deepEqual(backend.body, [], 'the backend settings come from environments/<env>.s3.tfbackend');
  for (const part of ['network', 'ecr', 'rds', 'ecs']) {
    assert.equal(value(block(files, `terraform/${part}/versions.tf`, 'terraform'), 'required_version'), '">= 1.11.0"');
  }

  const main = parsed(files, 'terraform/main.tf');
  assert.deepEqual(blocksOf(main.body, 'module').map((m) => m.labels[0].value), ['network', 'ecr', 'rds', 'ecs']);
  const rds = block(files, 'terraform/main.tf', 'module', 'rds');
  assert.equal(value(rds, 'subnet_ids'), 'module.network.database_subnet_ids');
  const ecs = block(files, 'terraform/main.tf', 'module', 'ecs');
  assert.equal(value(ecs, 'repository_url'), 'module.ecr.repository_url');
  assert.equal(value(ecs, 'db_host'), 'module.rds.address');
  assert.equal(value(ecs, 'db_master_secret_arn'), 'module.rds.master_user_secret_arn');
  assert.equal(value(block(files, 'terraform/main.tf', 'locals'), 'container_port'), '80');

  const provider = block(files, 'terraform/providers.tf', 'provider', 'aws');
  assert.equal(value(provider, 'region'), 'var.region');
  assert.equal(value(block(files, 'terraform/variables.tf', 'variable', 'region'), 'default'), '"us-east-1"');
});

test('drupal-aws: the environment files carry the input, aligned as terraform fmt writes them', () => {
  const files = generate(VARIANT);
  assert.equal(files.get('terraform/environments/staging.tfvars'), `# Values of the staging environment:
#   terraform plan -var-file=environments/staging.tfvars

region            = "eu-central-1"
project           = "acme-web"
environment       = "staging"
domain            = "shop.example.com"
route53_zone_name = "example.com"
certificate_arn   = "arn:aws:acm:eu-central-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"

vpc_cidr = "172.20.0.0/20"

db_instance_class = "db.r7g.large"
db_multi_az       = false

# A new tag (pushed to the ECR repository first) is a new rolling deployment.
image_tag     = "2024.06.01-abc123"
desired_count = 1
max_count     = 3
`);
  assert.match(files.get('terraform/environments/staging.s3.tfbackend')!, /^bucket {7}= "acme-terraform-state"\nkey {10}= "acme-web\/staging\/terraform\.tfstate"\nregion {7}= "eu-central-1"\nencrypt {6}= true\nuse_lockfile = true\n$/m);
  // Defaults: production, Multi-AZ, two tasks scaling to six, a state bucket named after the stack.
  const defaults = generate(MINIMAL);
  const tfvars = defaults.get('terraform/environments/production.tfvars')!;
  assert.match(tfvars, /^db_multi_az {7}= true$/m);
  assert.match(tfvars, /^desired_count = 2$/m);
  assert.match(tfvars, /^max_count {5}= 6$/m);
  assert.match(tfvars, /^certificate_arn {3}= ""$/m);
  assert.match(defaults.get('terraform/environments/production.s3.tfbackend')!, /^bucket {7}= "drupal-production-tfstate"$/m);
});

test('drupal-aws: network: a VPC over two zones, public/private/database subnets, NAT per zone, flow logs, locked default security group', () => {
  const files = generate(MINIMAL);
  const p = 'terraform/network/main.tf';
  assert.equal(value(block(files, 'terraform/network/variables.tf', 'variable', 'az_count'), 'default'), '2');
  assert.equal(value(block(files, p, 'resource', 'aws_subnet', 'public'), 'cidr_block'), 'cidrsubnet(var.vpc_cidr, 4, count.index)');
  assert.equal(value(block(files, p, 'resource', 'aws_subnet', 'private'), 'cidr_block'), 'cidrsubnet(var.vpc_cidr, 4, count.index + 4)');
  assert.equal(value(block(files, p, 'resource', 'aws_subnet', 'database'), 'cidr_block'), 'cidrsubnet(var.vpc_cidr, 4, count.index + 8)');
  assert.equal(value(block(files, p, 'resource', 'aws_route_table', 'public'), 'route.gateway_id'), 'aws_internet_gateway.main.id');
  assert.equal(value(block(files, p, 'resource', 'aws_route_table', 'private'), 'route.nat_gateway_id'), 'aws_nat_gateway.main[var.single_nat_gateway ? 0 : count.index].id');
  assert.deepEqual(blocksOf(block(files, p, 'resource', 'aws_route_table', 'database').block.body, 'route'), [], 'the database tier has no route out');
  assert.equal(value(block(files, p, 'resource', 'aws_nat_gateway', 'main'), 'subnet_id'), 'aws_subnet.public[count.index].id');
  assert.deepEqual(block(files, p, 'resource', 'aws_default_security_group', 'default').block.body.filter((i) => i.type === 'block' && /gress/.test(i.blockType)), []);
  assert.equal(value(block(files, 'terraform/network/flow_logs.tf', 'resource', 'aws_flow_log', 'main'), 'traffic_type'), '"ALL"');
  assert.equal(value(block(files, 'terraform/network/flow_logs.tf', 'resource', 'aws_cloudwatch_log_group', 'flow_logs'), 'retention_in_days'), 'var.flow_log_retention_days');
});

test('drupal-aws: security groups allow only internet → ALB (80, 443) → ECS → RDS (3306) and EFS (2049)', () => {
  const files = generate(MINIMAL);
  const rules = [...resources(files, 'aws_vpc_security_group_ingress_rule'), ...resources(files, 'aws_vpc_security_group_egress_rule')].map((r) => {
    const v = (a: string) => value(r, a);
    const dir = r.block.labels[0].value.includes('ingress') ? 'in' : 'out';
    return `${dir} ${v('security_group_id')} ${v('from_port')}-${v('to_port')} ${v('cidr_ipv4') ?? v('referenced_security_group_id')}`;
  });
  assert.deepEqual(rules.sort(), [
    'in aws_security_group.alb.id 443-443 "0.0.0.0/0"',
    'in aws_security_group.alb.id 80-80 "0.0.0.0/0"',
    'in aws_security_group.app.id var.container_port-var.container_port aws_security_group.alb.id',
    'in aws_security_group.db.id 3306-3306 aws_security_group.app.id',
    'in aws_security_group.files.id 2049-2049 aws_security_group.app.id',
    'out aws_security_group.alb.id var.container_port-var.container_port aws_security_group.app.id',
    'out aws_security_group.app.id 2049-2049 aws_security_group.files.id',
    'out aws_security_group.app.id 3306-3306 aws_security_group.db.id',
    'out aws_security_group.app.id 443-443 "0.0.0.0/0"',
  ]);
  // No inline rules anywhere: every rule is one of the resources above.
  for (const sg of resources(files, 'aws_security_group')) assert.deepEqual(sg.block.body.filter((i) => i.type === 'block'), [], `${sg.name} has no inline rules`);
});

test('drupal-aws: ECR: immutable tags, scan on push, encryption and a lifecycle policy', () => {
  const files = generate(MINIMAL);
  const repo = block(files, 'terraform/ecr/main.tf', 'resource', 'aws_ecr_repository', 'drupal');
  assert.equal(value(repo, 'image_tag_mutability'), '"IMMUTABLE"');
  assert.equal(value(repo, 'image_scanning_configuration.scan_on_push'), 'true');
  assert.equal(value(repo, 'encryption_configuration.encryption_type'), '"AES256"');
  const policy = value(block(files, 'terraform/ecr/main.tf', 'resource', 'aws_ecr_lifecycle_policy', 'drupal'), 'policy')!;
  assert.match(policy, /tagStatus {3}= "untagged"[\s\S]*countType {3}= "sinceImagePushed"/);
  assert.match(policy, /tagStatus {3}= "any"[\s\S]*countType {3}= "imageCountMoreThan"[\s\S]*countNumber = var\.max_image_count/);
  assert.equal(value(block(files, 'terraform/main.tf', 'module', 'ecr'), 'repository_name'), 'local.name');
});

test('drupal-aws: RDS: MySQL 8.0, encrypted, private, TLS only, backups, deletion protection, password managed by RDS', () => {
  const files = generate(MINIMAL);
  const db = block(files, 'terraform/rds/main.tf', 'resource', 'aws_db_instance', 'drupal');
  assert.equal(value(db, 'engine'), '"mysql"');
  assert.equal(value(db, 'engine_version'), 'var.engine_version');
  assert.equal(value(block(files, 'terraform/rds/variables.tf', 'variable', 'engine_version'), 'default'), '"8.0"');
  assert.equal(value(db, 'storage_encrypted'), 'true');
  assert.equal(value(db, 'publicly_accessible'), 'false');
  assert.equal(value(db, 'manage_master_user_password'), 'true');
  assert.equal(value(db, 'password'), undefined, 'no password attribute');
  assert.equal(value(db, 'multi_az'), 'var.multi_az');
  assert.equal(value(db, 'deletion_protection'), 'var.deletion_protection');
  assert.equal(value(block(files, 'terraform/rds/variables.tf', 'variable', 'deletion_protection'), 'default'), 'true');
  assert.equal(value(db, 'backup_retention_period'), 'var.backup_retention_period');
  assert.equal(value(block(files, 'terraform/rds/variables.tf', 'variable', 'backup_retention_period'), 'default'), '7');
  assert.equal(value(db, 'skip_final_snapshot'), 'false');
  assert.equal(value(db, 'vpc_security_group_ids'), '[var.security_group_id]');
  const params = block(files, 'terraform/rds/main.tf', 'resource', 'aws_db_parameter_group', 'drupal');
  assert.equal(value(params, 'family'), '"mysql8.0"');
  const tls = blocksOf(params.block.body, 'parameter').map((b) => attributesOf(b.body).map((a) => params.hcl.text.slice(a.value.span.start, a.value.span.end)).join('='));
  assert.ok(tls.includes('"require_secure_transport"="1"'), tls.join(', '));
  // No plaintext password in any generated file.
  for (const [path, text] of files) if (path.endsWith('.tf') || path.endsWith('.tfvars')) assert.doesNotMatch(text, /^\s*password\s*=/m, path);
});

test('drupal-aws: ALB: HTTP redirects to HTTPS, HTTPS with ACM and a TLS 1.2+ policy, IP targets checked on / every 30 s', () => {
  const files = generate(MINIMAL);
  const p = 'terraform/ecs/alb.tf';
  const lb = block(files, p, 'resource', 'aws_lb', 'web');
  assert.equal(value(lb, 'internal'), 'false');
  assert.equal(value(lb, 'subnets'), 'var.public_subnet_ids');
  assert.equal(value(lb, 'drop_invalid_header_fields'), 'true');
  const http = block(files, p, 'resource', 'aws_lb_listener', 'http');
  assert.equal(value(http, 'port'), '80');
  assert.equal(value(http, 'default_action.type'), '"redirect"');
  assert.equal(value(http, 'default_action.redirect.protocol'), '"HTTPS"');
  assert.equal(value(http, 'default_action.redirect.status_code'), '"HTTP_301"');
  const https = block(files, p, 'resource', 'aws_lb_listener', 'https');
  assert.equal(value(https, 'port'), '443');
  assert.equal(value(https, 'protocol'), '"HTTPS"');
  assert.equal(value(https, 'certificate_arn'), 'local.certificate_arn');
  assert.equal(value(https, 'ssl_policy'), 'var.ssl_policy');
  assert.equal(value(block(files, 'terraform/ecs/variables.tf', 'variable', 'ssl_policy'), 'default'), '"ELBSecurityPolicy-TLS13-1-2-2021-06"');
  const tg = block(files, p, 'resource', 'aws_lb_target_group', 'drupal');
  assert.equal(value(tg, 'target_type'), '"ip"');
  assert.equal(value(tg, 'health_check.path'), '"/"');
  assert.equal(value(tg, 'health_check.interval'), '30');
  // The certificate: requested with DNS validation unless an ARN is given.
  const cert = block(files, 'terraform/ecs/certificate.tf', 'resource', 'aws_acm_certificate', 'site');
  assert.equal(value(cert, 'validation_method'), '"DNS"');
  assert.equal(value(cert, 'count'), 'local.create_certificate ? 1 : 0');
});

test('drupal-aws: ECS: Fargate task with a read-only root file system, secrets from Secrets Manager, logs to CloudWatch; service in private subnets', () => {
  const files = generate(MINIMAL);
  const task = block(files, 'terraform/ecs/task.tf', 'resource', 'aws_ecs_task_definition', 'drupal');
  assert.equal(value(task, 'requires_compatibilities'), '["FARGATE"]');
  assert.equal(value(task, 'network_mode'), '"awsvpc"');
  const containers = value(task, 'container_definitions')!;
  assert.match(containers, /readonlyRootFilesystem = true/);
  assert.match(containers, /drop = \["AUDIT_WRITE", "MKNOD", "NET_RAW", "SETFCAP", "SETPCAP", "SYS_CHROOT"\]/);
  assert.match(containers, /logDriver = "awslogs"/);
  assert.match(containers, /awslogs-group {9}= aws_cloudwatch_log_group\.drupal\.name/);
  assert.match(containers, /\{ name = "DRUPAL_DATABASE_PASSWORD", valueFrom = "\$\{aws_secretsmanager_secret\.drupal\.arn\}:database_password::" \}/);
  assert.match(containers, /\{ name = "DRUPAL_HASH_SALT", valueFrom = "\$\{aws_secretsmanager_secret\.drupal\.arn\}:hash_salt::" \}/);
  assert.match(containers, /sourceVolume = "files", containerPath = var\.files_path/);
  assert.equal(value(task, 'volume.efs_volume_configuration.transit_encryption'), '"ENABLED"');
  assert.equal(value(task, 'volume.efs_volume_configuration.authorization_config.iam'), '"ENABLED"');
  assert.equal(value(block(files, 'terraform/ecs/task.tf', 'resource', 'aws_cloudwatch_log_group', 'drupal'), 'retention_in_days'), 'var.log_retention_days');

  const secret = block(files, 'terraform/ecs/secrets.tf', 'resource', 'aws_secretsmanager_secret_version', 'drupal');
  assert.match(value(secret, 'secret_string_wo')!, /ephemeral\.aws_secretsmanager_random_password\.db_password\.random_password/);
  assert.equal(value(secret, 'secret_string'), undefined, 'the generated values never enter the state');

  const service = block(files, 'terraform/ecs/service.tf', 'resource', 'aws_ecs_service', 'drupal');
  assert.equal(value(service, 'launch_type'), '"FARGATE"');
  assert.equal(value(service, 'desired_count'), 'var.desired_count');
  assert.equal(value(service, 'network_configuration.subnets'), 'var.private_subnet_ids');
  assert.equal(value(service, 'network_configuration.assign_public_ip'), 'false');
  assert.equal(value(service, 'load_balancer.container_port'), 'var.container_port');
  assert.equal(value(service, 'deployment_circuit_breaker.rollback'), 'true');
  assert.equal(value(service, 'deployment_minimum_healthy_percent'), '100');
  assert.equal(value(block(files, 'terraform/ecs/service.tf', 'resource', 'aws_ecs_cluster', 'main'), 'setting.value'), '"enabled"');
  assert.equal(value(block(files, 'terraform/ecs/service.tf', 'resource', 'aws_appautoscaling_policy', 'cpu'), 'target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type'), '"ECSServiceAverageCPUUtilization"');

  const efs = block(files, 'terraform/ecs/efs.tf', 'resource', 'aws_efs_file_system', 'files');
  assert.equal(value(efs, 'encrypted'), 'true');
  // The execution role reads exactly the two secrets.
  const exec = block(files, 'terraform/ecs/iam.tf', 'data', 'aws_iam_policy_document', 'execution');
  const read = blocksOf(exec.block.body, 'statement').find((s) => attributesOf(s.body).some((a) => a.name === 'sid' && exec.hcl.text.slice(a.value.span.start, a.value.span.end) === '"ReadSecrets"'))!;
  assert.equal(value({ hcl: exec.hcl, block: read }, 'resources'), '[aws_secretsmanager_secret.drupal.arn, var.db_master_secret_arn]');
});

test('drupal-aws: alarms publish to an encrypted SNS topic', () => {
  const files = generate(MINIMAL);
  const topic = block(files, 'terraform/monitoring.tf', 'resource', 'aws_sns_topic', 'alerts');
  assert.equal(value(topic, 'kms_master_key_id'), 'aws_kms_key.alerts.arn');
  const alarms = resources(files, 'aws_cloudwatch_metric_alarm').map((a) => a.name);
  assert.deepEqual(alarms, ['alb_5xx', 'unhealthy_tasks', 'ecs_cpu', 'db_cpu', 'db_storage']);
});

// ---- Blueprint and Terraform on the generated stack --------------------------------------

for (const variant of [{ name: 'defaults', input: MINIMAL }, { name: 'Route 53, own certificate, staging', input: VARIANT }]) {
  test(`drupal-aws (${variant.name}): lints with no finding at all, with and without .blueprint.yaml`, () => {
    for (const withConfig of [true, false]) {
      const dir = writeInto(generate(variant.input), (rel) => !withConfig && rel === '.blueprint.yaml');
      try {
        const report = runLint({ paths: ['.'], format: 'json', rules: {}, fix: false, quiet: false }, dir);
        assert.equal(report.profile?.name, 'restricted');
        assert.deepEqual(report.ruleErrors, []);
        assert.deepEqual(report.skipped, []);
        assert.deepEqual(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}: ${f.message}`), []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
}

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const noTerraform = terraform.error || terraform.status !== 0 ? 'terraform is not installed on this machine' : false;
const MIRROR = '/opt/tf-plugins';
const noMirror = noTerraform || (existsSync(join(MIRROR, 'registry.terraform.io/hashicorp/aws')) ? false : `no local provider mirror at ${MIRROR}: terraform validate needs the AWS provider`);

test('drupal-aws: terraform fmt finds nothing to change', { skip: noTerraform }, () => {
  for (const variant of [MINIMAL, VARIANT]) {
    const files = generate(variant);
    // .tfbackend files are HCL too; fmt reads them under a .tfvars name.
    const dir = writeInto(new Map([...files].map(([p, t]) => [p.endsWith('.tfbackend') ? `${p}.tfvars` : p, t])));
    try {
      const r = spawnSync('terraform', ['fmt', '-check', '-recursive', '-diff', join(dir, 'terraform')], { encoding: 'utf8' });
      assert.equal(r.status, 0, `terraform fmt would change:\n${r.stdout}${r.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('drupal-aws: terraform validate accepts the configuration', { skip: noMirror }, () => {
  const dir = writeInto(generate(MINIMAL));
  try {
    const config = join(dir, 'terraformrc');
    writeFileSync(config, `provider_installation {\n  filesystem_mirror {\n    path    = "${MIRROR}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: config, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    const cwd = join(dir, 'terraform');
    const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd, env, encoding: 'utf8' });
    assert.equal(init.status, 0, `terraform init failed:\n${init.stdout}${init.stderr}`);
    const validate = spawnSync('terraform', ['validate', '-no-color'], { cwd, env, encoding: 'utf8' });
    assert.equal(validate.status, 0, `terraform validate failed:\n${validate.stdout}${validate.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- input ----------------------------------------------------------------------------------

test('drupal-aws: defaults follow the seed and the environment', () => {
  const r = resolveDrupalAwsInput(MINIMAL);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.input, {
    domain: 'www.example.org',
    region: 'us-east-1',
    project: 'drupal',
    environment: 'production',
    vpcCidr: '10.0.0.0/16',
    dbInstanceClass: 'db.t4g.medium',
    multiAz: 'true',
    desiredCount: '2',
    imageTag: '1.0.0',
    certificateArn: '',
    hostedZone: '',
    stateBucket: 'drupal-production-tfstate',
  });
  assert.equal(resolveDrupalAwsInput({ ...MINIMAL, environment: 'staging' }).input?.multiAz, 'false');
  assert.equal(resolveDrupalAwsInput({ ...MINIMAL, environment: 'staging', multiAz: 'true' }).input?.multiAz, 'true');
});

test('drupal-aws: bad values are refused with the field they belong to, never written', () => {
  const problems = (input: Partial<Record<DrupalAwsKey, string>>) => {
    const r = drupalAws.generate(input);
    return r.ok ? [] : r.problems.map((p) => p.field);
  };
  assert.deepEqual(problems({}), ['domain']);
  assert.deepEqual(problems({ domain: 'https://www.example.org' }), ['domain']);
  assert.deepEqual(problems({ ...MINIMAL, region: 'Europe' }), ['region']);
  assert.deepEqual(problems({ ...MINIMAL, project: 'my"project' }), ['project']);
  assert.deepEqual(problems({ ...MINIMAL, project: 'a-very-long-project-name' }), ['project']);
  assert.deepEqual(problems({ ...MINIMAL, environment: '${file("x")}' }), ['environment']);
  assert.deepEqual(problems({ ...MINIMAL, vpcCidr: '10.0.0.1/16' }), ['vpcCidr']);
  assert.deepEqual(problems({ ...MINIMAL, vpcCidr: '10.0.0.0/8' }), ['vpcCidr']);
  assert.deepEqual(problems({ ...MINIMAL, dbInstanceClass: 'm5.large' }), ['dbInstanceClass']);
  assert.deepEqual(problems({ ...MINIMAL, multiAz: 'yes' }), ['multiAz']);
  assert.deepEqual(problems({ ...MINIMAL, desiredCount: '0' }), ['desiredCount']);
  assert.deepEqual(problems({ ...MINIMAL, imageTag: 'latest' }), ['imageTag']);
  assert.deepEqual(problems({ ...MINIMAL, certificateArn: 'arn:aws:iam::123456789012:role/x' }), ['certificateArn']);
  assert.deepEqual(problems({ ...MINIMAL, stateBucket: 'State_Bucket' }), ['stateBucket']);
  // Between fields: the zone must hold the domain, the certificate must be in the region.
  assert.deepEqual(problems({ ...MINIMAL, hostedZone: 'example.com' }), ['hostedZone']);
  assert.deepEqual(problems({ ...VARIANT, region: 'us-east-1' }), ['certificateArn']);
  assert.deepEqual(resolveDrupalAwsInput({ ...VARIANT, region: 'us-east-1' }).problems.map((p) => p.field), ['certificateArn']);
  assert.deepEqual(problems({ ...MINIMAL, hostedZone: 'www.example.org' }), [], 'the zone may be the domain itself');
});

test('drupal-aws: the shared validators', () => {
  assert.equal(awsRegion('ap-southeast-2'), undefined);
  assert.equal(awsRegion('us-gov-west-1'), undefined);
  assert.ok(awsRegion('us-east'));
  assert.equal(ipv4Cidr('172.16.0.0/20', 16, 22), undefined);
  assert.match(ipv4Cidr('172.16.8.0/20', 16, 22)!, /use 172\.16\.0\.0\/20/);
  assert.ok(ipv4Cidr('256.0.0.0/16', 16, 22));
  assert.ok(ipv4Cidr('10.0.0.0/24', 16, 22));
  assert.ok(ipv4Cidr('010.0.0.0/16', 16, 22));
  assert.equal(booleanWord('false'), undefined);
  assert.ok(booleanWord('False'));
  assert.equal(s3BucketName('my.state-bucket'), undefined);
  assert.ok(s3BucketName('192.168.1.1'));
  assert.ok(s3BucketName('ab'));
});

test('drupal-aws: drupalAwsFiles is deterministic and names every path safely', () => {
  const input = resolveDrupalAwsInput(VARIANT).input!;
  assert.deepEqual([...drupalAwsFiles(input)], [...drupalAwsFiles({ ...input })]);
  assert.ok(drupalAwsFiles(input).has('terraform/environments/staging.tfvars'));
  assert.match(drupalAwsFiles(input).get('README.md')!, /^# Drupal on AWS — acme-web-staging$/m);
});
