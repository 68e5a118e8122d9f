// The Drupal on AWS stack of seeds/drupal-aws-terraform.md, written fresh:
// Terraform in the seed's four parts, applied in its order network → ecr → rds
// → ecs from one root module (terraform/), with one .tfvars and one S3 backend
// file per environment. Internet → ALB (HTTPS; HTTP redirects) → ECS Fargate
// (Drupal, PHP 8.3 + Apache, private subnets) → RDS MySQL 8.0 (encrypted,
// private, TLS only) and EFS (Drupal's files); images in ECR (immutable tags,
// scan on push); secrets in Secrets Manager; logs and alarms in CloudWatch.
import { generateFrom, resolveStackInput } from '../input';
import type { GeneratedFiles, StackGenerator, ValidationProblem } from '../types';
import { ecrFiles } from './ecr';
import { ecsFiles } from './ecs';
import { crossFieldProblems, DRUPAL_AWS_FIELDS, type DrupalAwsInput, type DrupalAwsKey } from './fields';
import { networkFiles } from './network';
import { rdsFiles } from './rds';
import { readme } from './readme';
import { rootFiles } from './root';

export { DRUPAL_AWS_FIELDS } from './fields';
export type { DrupalAwsInput, DrupalAwsKey } from './fields';

/** Apply defaults and validate every field, then the checks between fields. */
export function resolveDrupalAwsInput(given: Readonly<Partial<Record<DrupalAwsKey, string>>>): { input?: DrupalAwsInput; problems: ValidationProblem[] } {
  const resolved = resolveStackInput(DRUPAL_AWS_FIELDS, given);
  if (!resolved.input) return resolved;
  const problems = crossFieldProblems(resolved.input);
  return problems.length ? { problems } : resolved;
}

export const drupalAws: StackGenerator<DrupalAwsKey> = {
  id: 'drupal-aws',
  title: 'Drupal on AWS (Terraform)',
  description: 'Terraform for Drupal on ECS Fargate: VPC over two zones, ALB with HTTPS, RDS MySQL 8.0 (encrypted, private, TLS), ECR with immutable scanned images, EFS for files, Secrets Manager, CloudWatch logs and alarms.',
  seed: 'drupal-aws-terraform',
  profile: 'restricted',
  fields: DRUPAL_AWS_FIELDS,
  asked: ['domain', 'region', 'environment', 'hostedZone', 'certificateArn', 'desiredCount', 'dbInstanceClass'],
  defaultFolder: 'drupal-aws',
  openAfter: () => 'terraform/main.tf',
  generate(given) {
    let cross: ValidationProblem[] = [];
    const result = generateFrom(DRUPAL_AWS_FIELDS, given, (input) => {
      cross = crossFieldProblems(input);
      return cross.length ? new Map() : drupalAwsFiles(input);
    });
    return result.ok && cross.length ? { ok: false, problems: cross } : result;
  },
};

/** Every file of the stack, in a stable order. */
export function drupalAwsFiles(input: DrupalAwsInput): GeneratedFiles {
  const files = new Map<string, string>();
  files.set('.blueprint.yaml', `# Blueprint lints this repository against the Drupal on AWS architecture:
#   npx blueprint lint .
# restricted: every general rule, the Terraform AWS rules included (the
# drupal-aks profile only adds Kubernetes rules for AKS).
profile: restricted
`);
  files.set('.gitignore', `# Terraform working files and local state; commit .terraform.lock.hcl.
.terraform/
*.tfstate
*.tfstate.*
*.tfplan
crash.log
crash.*.log
override.tf
override.tf.json
*_override.tf
*_override.tf.json
`);
  files.set('README.md', readme(input));
  for (const [path, text] of [...rootFiles(input), ...networkFiles(), ...ecrFiles(), ...rdsFiles(), ...ecsFiles()]) files.set(path, text);
  return files;
}
