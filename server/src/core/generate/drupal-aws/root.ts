// terraform/ (the root module): provider pins and the S3 backend placeholder,
// the four parts in the seed's order (network → ecr → rds → ecs), alarms to an
// SNS topic, and one .tfvars and one backend file per environment.
import { AWS_PROVIDER_PIN, TERRAFORM_VERSION } from './common';
import type { DrupalAwsInput } from './fields';

export function rootFiles(input: DrupalAwsInput): [string, string][] {
  return [
    ['terraform/versions.tf', VERSIONS],
    ['terraform/providers.tf', PROVIDERS],
    ['terraform/variables.tf', VARIABLES],
    ['terraform/main.tf', MAIN],
    ['terraform/monitoring.tf', MONITORING],
    ['terraform/outputs.tf', OUTPUTS],
    [`terraform/environments/${input.environment}.tfvars`, tfvars(input)],
    [`terraform/environments/${input.environment}.s3.tfbackend`, backendConfig(input)],
  ];
}

const VERSIONS = `terraform {
  required_version = "${TERRAFORM_VERSION}"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${AWS_PROVIDER_PIN}"
    }
  }

  # State in S3, locked with an S3 lock file. The settings differ per environment:
  #   terraform init -backend-config=environments/<environment>.s3.tfbackend
  backend "s3" {}
}
`;

const PROVIDERS = `provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
`;

const VARIABLES = `variable "region" {
  description = "AWS region of the stack."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must be an AWS region code such as us-east-1 or eu-west-1."
  }
}

variable "project" {
  description = "Project name: the first part of every resource name."
  type        = string
  default     = "drupal"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,14}[a-z0-9]$", var.project))
    error_message = "The project must be 2 to 16 lowercase letters, digits and \\"-\\", starting with a letter."
  }
}

variable "environment" {
  description = "Environment name: the second part of every resource name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,8}[a-z0-9]$", var.environment))
    error_message = "The environment must be 2 to 10 lowercase letters, digits and \\"-\\", starting with a letter."
  }
}

variable "domain" {
  description = "Public host name of the Drupal site."
  type        = string
}

variable "route53_zone_name" {
  description = "Public Route 53 zone of the domain (certificate validation and alias records). Empty: DNS is managed elsewhere."
  type        = string
  default     = ""
}

variable "certificate_arn" {
  description = "ARN of an issued ACM certificate for the domain in this region. Empty: one is requested with DNS validation."
  type        = string
  default     = ""
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC (/16 to /22)."
  type        = string
  default     = "10.0.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones instead of one per zone (cheaper, less available)."
  type        = bool
  default     = false
}

variable "db_instance_class" {
  description = "RDS instance class of the MySQL database."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_multi_az" {
  description = "Run the database with a standby in a second availability zone."
  type        = bool
  default     = true
}

variable "db_backup_retention_days" {
  description = "Days of automated database backups."
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Protect the database and the load balancer against deletion."
  type        = bool
  default     = true
}

variable "image_tag" {
  description = "Tag of the Drupal image in ECR to run; a new tag is a new deployment."
  type        = string

  validation {
    condition     = var.image_tag != "latest" && can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "The image tag must be a pinned tag such as 1.0.0 or a commit SHA, not latest."
  }
}

variable "desired_count" {
  description = "Number of Drupal tasks (the auto scaling minimum)."
  type        = number
  default     = 2
}

variable "max_count" {
  description = "Auto scaling maximum number of Drupal tasks."
  type        = number
  default     = 6

  validation {
    condition     = var.max_count >= var.desired_count
    error_message = "max_count must be at least desired_count."
  }
}

variable "task_cpu" {
  description = "CPU units of a Drupal task (1024 = one vCPU)."
  type        = number
  default     = 512
}

variable "task_memory" {
  description = "Memory of a Drupal task in MiB."
  type        = number
  default     = 1024
}

variable "log_retention_days" {
  description = "Days logs are kept in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "drupal_secret_version" {
  description = "Bump to generate a new Drupal database password and hash salt (then run the db-init task and redeploy)."
  type        = number
  default     = 1
}

variable "alert_email" {
  description = "Address subscribed to the alarm topic. Empty: subscribe later."
  type        = string
  default     = ""
}
`;

const MAIN = `locals {
  name = "\${var.project}-\${var.environment}"

  # Apache in the Drupal image listens on port 80; the load balancer forwards to it.
  container_port = 80
}

module "network" {
  source = "./network"

  name               = local.name
  vpc_cidr           = var.vpc_cidr
  single_nat_gateway = var.single_nat_gateway
  container_port     = local.container_port
}

module "ecr" {
  source = "./ecr"

  repository_name = local.name
}

module "rds" {
  source = "./rds"

  name                    = local.name
  subnet_ids              = module.network.database_subnet_ids
  security_group_id       = module.network.db_security_group_id
  instance_class          = var.db_instance_class
  multi_az                = var.db_multi_az
  backup_retention_period = var.db_backup_retention_days
  deletion_protection     = var.deletion_protection
  log_retention_days      = var.log_retention_days
}

module "ecs" {
  source = "./ecs"

  name              = local.name
  region            = var.region
  domain            = var.domain
  route53_zone_name = var.route53_zone_name
  certificate_arn   = var.certificate_arn

  vpc_id                  = module.network.vpc_id
  public_subnet_ids       = module.network.public_subnet_ids
  private_subnet_ids      = module.network.private_subnet_ids
  alb_security_group_id   = module.network.alb_security_group_id
  app_security_group_id   = module.network.app_security_group_id
  files_security_group_id = module.network.files_security_group_id

  repository_url = module.ecr.repository_url
  repository_arn = module.ecr.repository_arn
  image_tag      = var.image_tag
  container_port = local.container_port
  cpu            = var.task_cpu
  memory         = var.task_memory
  desired_count  = var.desired_count
  max_count      = var.max_count

  db_host              = module.rds.address
  db_port              = module.rds.port
  db_name              = module.rds.database_name
  db_master_secret_arn = module.rds.master_user_secret_arn
  secret_version       = var.drupal_secret_version

  log_retention_days  = var.log_retention_days
  deletion_protection = var.deletion_protection
}
`;

const MONITORING = `# Alarms on what users notice first (errors, unhealthy tasks) and on what runs
# out (CPU at the auto scaling ceiling, database CPU and storage), sent to SNS.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key:
# the topic gets its own key, which CloudWatch may use.
data "aws_iam_policy_document" "alerts_key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:\${data.aws_partition.current.partition}:iam::\${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchPublishes"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "alerts" {
  description         = "\${local.name} alarm topic"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alerts_key.json
}

resource "aws_sns_topic" "alerts" {
  name              = "\${local.name}-alerts"
  kms_master_key_id = aws_kms_key.alerts.arn
}

resource "aws_sns_topic_subscription" "alerts_email" {
  count = var.alert_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alert_email
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx" {
  alarm_name          = "\${local.name}-drupal-5xx"
  alarm_description   = "Drupal answers with server errors."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    LoadBalancer = module.ecs.alb_arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_tasks" {
  alarm_name          = "\${local.name}-drupal-unhealthy"
  alarm_description   = "Drupal tasks fail the load balancer health check."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    LoadBalancer = module.ecs.alb_arn_suffix
    TargetGroup  = module.ecs.target_group_arn_suffix
  }
}

resource "aws_cloudwatch_metric_alarm" "ecs_cpu" {
  alarm_name          = "\${local.name}-drupal-cpu"
  alarm_description   = "Drupal tasks stay busy: auto scaling may be at its maximum."
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 85
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    ClusterName = module.ecs.cluster_name
    ServiceName = module.ecs.service_name
  }
}

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "\${local.name}-mysql-cpu"
  alarm_description   = "The database is busy."
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    DBInstanceIdentifier = module.rds.identifier
  }
}

resource "aws_cloudwatch_metric_alarm" "db_storage" {
  alarm_name          = "\${local.name}-mysql-storage"
  alarm_description   = "The database has less than 2 GiB of free storage."
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 2147483648
  comparison_operator = "LessThanThreshold"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  dimensions = {
    DBInstanceIdentifier = module.rds.identifier
  }
}
`;

const OUTPUTS = `output "site_url" {
  description = "URL of the Drupal site."
  value       = "https://\${var.domain}/"
}

output "alb_dns_name" {
  description = "DNS name of the load balancer: point the domain at it (CNAME or alias) when DNS is not in Route 53."
  value       = module.ecs.alb_dns_name
}

output "ecr_repository_url" {
  description = "Push the Drupal image here: docker push <url>:<tag>."
  value       = module.ecr.repository_url
}

output "ecs_cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.ecs.cluster_name
}

output "ecs_service_name" {
  description = "Name of the Drupal service."
  value       = module.ecs.service_name
}

output "log_group_name" {
  description = "CloudWatch log group of the Drupal containers."
  value       = module.ecs.log_group_name
}

output "db_address" {
  description = "Host name of the MySQL database (inside the VPC)."
  value       = module.rds.address
}

output "db_master_user_secret_arn" {
  description = "Secrets Manager secret of the RDS master user (managed and rotated by RDS)."
  value       = module.rds.master_user_secret_arn
}

output "drupal_secret_arn" {
  description = "Secrets Manager secret with Drupal's database credentials and hash salt."
  value       = module.ecs.drupal_secret_arn
}

output "db_init_command" {
  description = "Creates Drupal's MySQL user: run once after the first apply."
  value       = module.ecs.db_init_command
}

output "certificate_validation_records" {
  description = "DNS records ACM needs to issue the certificate, when DNS is not in Route 53."
  value       = module.ecs.certificate_validation_records
}

output "alerts_topic_arn" {
  description = "SNS topic the alarms publish to."
  value       = aws_sns_topic.alerts.arn
}
`;

function hclString(value: string): string {
  // Every value is validated (no quotes, backslashes, "\${" or newlines); quoting is all that is left.
  return `"${value}"`;
}

function tfvars(i: DrupalAwsInput): string {
  const rows: [string, string][] = [
    ['region', hclString(i.region)],
    ['project', hclString(i.project)],
    ['environment', hclString(i.environment)],
    ['domain', hclString(i.domain)],
    ['route53_zone_name', hclString(i.hostedZone)],
    ['certificate_arn', hclString(i.certificateArn)],
  ];
  const network: [string, string][] = [['vpc_cidr', hclString(i.vpcCidr)]];
  const db: [string, string][] = [
    ['db_instance_class', hclString(i.dbInstanceClass)],
    ['db_multi_az', i.multiAz],
  ];
  const app: [string, string][] = [
    ['image_tag', hclString(i.imageTag)],
    ['desired_count', i.desiredCount],
    ['max_count', String(maxCount(i))],
  ];
  return `# Values of the ${i.environment} environment:
#   terraform plan -var-file=environments/${i.environment}.tfvars

${aligned(rows)}
${aligned(network)}
${aligned(db)}
# A new tag (pushed to the ECR repository first) is a new rolling deployment.
${aligned(app)}`;
}

/** The auto scaling ceiling: three times the baseline, at least the baseline, at most 30. */
export function maxCount(i: DrupalAwsInput): number {
  const desired = Number(i.desiredCount);
  return Math.max(desired, Math.min(desired * 3, 30));
}

/** `name = value` lines with the `=` aligned, as terraform fmt writes them. */
function aligned(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)} = ${v}\n`).join('');
}

function backendConfig(i: DrupalAwsInput): string {
  return `# Backend settings of the ${i.environment} environment:
#   terraform init -backend-config=environments/${i.environment}.s3.tfbackend
# Create the bucket once, before the first init (README, "State").

${aligned([
  ['bucket', hclString(i.stateBucket)],
  ['key', hclString(`${i.project}/${i.environment}/terraform.tfstate`)],
  ['region', hclString(i.region)],
  ['encrypt', 'true'],
  ['use_lockfile', 'true'],
])}`;
}
