// The questions of the Drupal on AWS generator, their defaults and checks.
// Every value is written into HCL strings: the checks keep out quotes,
// backslashes, "${" and newlines, and keep AWS name limits (the load balancer
// and target group names are "<project>-<environment>-alb|web", 32 characters at most).
import type { StackField } from '../types';
import * as v from '../validate';

export type DrupalAwsKey =
  | 'domain'
  | 'region'
  | 'project'
  | 'environment'
  | 'vpcCidr'
  | 'dbInstanceClass'
  | 'multiAz'
  | 'desiredCount'
  | 'imageTag'
  | 'certificateArn'
  | 'hostedZone'
  | 'stateBucket';

export type DrupalAwsInput = Record<DrupalAwsKey, string>;

/** A name part that starts with a letter, of lowercase letters, digits and single "-". */
function namePart(value: string, max: number, what: string): string | undefined {
  const problem = v.dns1123Label(value, what);
  if (problem) return problem;
  if (!/^[a-z]/.test(value)) return `The ${what} "${value}" must start with a letter.`;
  if (value.length < 2 || value.length > max) return `The ${what} "${value}" must be 2 to ${max} characters (AWS limits the load balancer name to 32).`;
  if (value.includes('--')) return `The ${what} "${value}" must not contain "--".`;
  return undefined;
}

/** An ACM certificate ARN, or empty (request one). */
export function acmCertificateArn(value: string): string | undefined {
  if (value === '') return undefined;
  if (!/^arn:aws(-[a-z]+)*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) {
    return `"${value}" is not an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012 (leave it empty to request a certificate).`;
  }
  return undefined;
}

/** An RDS instance class: db.<family>.<size>. */
export function rdsInstanceClass(value: string): string | undefined {
  if (!/^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(value) || value.length > 40) return `The DB instance class "${value}" must look like db.t4g.medium or db.r7g.large.`;
  return undefined;
}

export const DRUPAL_AWS_FIELDS: readonly StackField<DrupalAwsKey>[] = [
  { key: 'domain', label: 'Domain', description: 'Public host name of the site (the HTTPS certificate and the trusted host).', example: 'www.example.org', required: true, validate: (s) => v.hostname(s, 'domain') },
  { key: 'region', label: 'AWS region', description: 'Region of every resource of the stack.', example: 'eu-west-1', default: 'us-east-1', validate: v.awsRegion },
  { key: 'project', label: 'Project', description: 'Project name: the first part of every resource name (<project>-<environment>).', example: 'drupal', default: 'drupal', validate: (s) => namePart(s, 16, 'project name') },
  { key: 'environment', label: 'Environment', description: 'Environment name: the second part of every resource name, and environments/<environment>.tfvars.', example: 'production', default: 'production', validate: (s) => namePart(s, 10, 'environment name') },
  { key: 'vpcCidr', label: 'VPC CIDR', description: 'IPv4 block of the VPC (/16 to /22); public, private and database subnets are carved from it.', example: '10.0.0.0/16', default: '10.0.0.0/16', validate: (s) => v.ipv4Cidr(s, 16, 22, 'VPC CIDR') },
  { key: 'dbInstanceClass', label: 'DB instance class', description: 'RDS instance class of the MySQL 8.0 database.', example: 'db.t4g.medium', default: 'db.t4g.medium', validate: rdsInstanceClass },
  { key: 'multiAz', label: 'Multi-AZ database', description: 'Keep a standby database in a second availability zone (true or false).', example: 'true', default: (i) => (i.environment === undefined || /^prod/.test(i.environment) ? 'true' : 'false'), validate: (s) => v.booleanWord(s, 'Multi-AZ setting') },
  { key: 'desiredCount', label: 'Drupal tasks', description: 'Number of Drupal tasks; auto scaling adds more under load.', example: '2', default: '2', validate: (s) => v.integerIn(s, 1, 20, 'number of Drupal tasks') },
  { key: 'imageTag', label: 'Image tag', description: 'Tag of the Drupal image in ECR to deploy first (tags are immutable).', example: '1.0.0', default: '1.0.0', validate: v.imageTag },
  { key: 'certificateArn', label: 'ACM certificate ARN', description: 'An issued ACM certificate for the domain in the same region; empty requests one with DNS validation.', example: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012', default: '', validate: acmCertificateArn },
  { key: 'hostedZone', label: 'Route 53 zone', description: 'Public Route 53 zone of the domain, where the certificate validation and alias records are created; empty when DNS is elsewhere.', example: 'example.org', default: '', validate: (s) => (s === '' ? undefined : v.hostname(s, 'Route 53 zone')) },
  { key: 'stateBucket', label: 'State bucket', description: 'S3 bucket (created beforehand) holding the Terraform state.', example: 'example-drupal-production-tfstate', default: (i) => `${i.project ?? 'drupal'}-${i.environment ?? 'production'}-tfstate`, validate: v.s3BucketName },
];

/** Checks between fields, after each field is valid on its own. */
export function crossFieldProblems(i: DrupalAwsInput): { field: DrupalAwsKey; message: string }[] {
  const problems: { field: DrupalAwsKey; message: string }[] = [];
  if (i.hostedZone !== '' && i.domain !== i.hostedZone && !i.domain.endsWith(`.${i.hostedZone}`)) {
    problems.push({ field: 'hostedZone', message: `The domain ${i.domain} is not in the Route 53 zone ${i.hostedZone}.` });
  }
  const certRegion = i.certificateArn.split(':')[3];
  if (i.certificateArn !== '' && certRegion !== i.region) {
    problems.push({ field: 'certificateArn', message: `The certificate is in ${certRegion}, but a load balancer in ${i.region} can only use a certificate of its own region.` });
  }
  return problems;
}
