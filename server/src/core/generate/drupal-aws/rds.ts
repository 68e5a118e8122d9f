// terraform/rds/: MySQL 8.0 for Drupal in the database subnets: encrypted, never
// public, TLS required, Multi-AZ when asked, automated backups, deletion
// protection, and a master password RDS generates and keeps in Secrets Manager.
import { moduleVersions } from './common';

export function rdsFiles(): [string, string][] {
  return [
    ['terraform/rds/versions.tf', moduleVersions()],
    ['terraform/rds/variables.tf', VARIABLES],
    ['terraform/rds/main.tf', MAIN],
    ['terraform/rds/outputs.tf', OUTPUTS],
  ];
}

const VARIABLES = `variable "name" {
  description = "Name prefix of every resource; also the DB instance identifier."
  type        = string
}

variable "subnet_ids" {
  description = "Database subnets, in two availability zones at least."
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the instance (MySQL from the Drupal tasks only)."
  type        = string
}

variable "instance_class" {
  description = "DB instance class."
  type        = string
  default     = "db.t4g.medium"
}

variable "engine_version" {
  description = "MySQL version; a major.minor such as 8.0 follows the minor releases RDS applies in the maintenance window."
  type        = string
  default     = "8.0"
}

variable "multi_az" {
  description = "Keep a synchronous standby in a second availability zone (automatic failover)."
  type        = bool
  default     = true
}

variable "database_name" {
  description = "Name of the Drupal database."
  type        = string
  default     = "drupal"
}

variable "master_username" {
  description = "Master user; RDS generates its password and keeps it in Secrets Manager."
  type        = string
  default     = "drupal"
}

variable "allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
  default     = 20
}

variable "max_allocated_storage" {
  description = "Storage autoscaling ceiling in GiB."
  type        = number
  default     = 100
}

variable "backup_retention_period" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_period >= 1 && var.backup_retention_period <= 35
    error_message = "Keep 1 to 35 days of backups: 0 would turn automated backups off."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (turn off deliberately before a destroy)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days the MySQL error and slow query logs are kept in CloudWatch Logs."
  type        = number
  default     = 30
}
`;

const MAIN = `locals {
  log_exports = ["error", "slowquery"]
}

resource "aws_db_subnet_group" "drupal" {
  name        = var.name
  description = "Database subnets of \${var.name}"
  subnet_ids  = var.subnet_ids
}

resource "aws_db_parameter_group" "drupal" {
  name_prefix = "\${var.name}-mysql80-"
  family      = "mysql8.0"
  description = "Drupal on MySQL 8.0: TLS only, slow query log"

  # Encryption in transit: connections without TLS are refused.
  parameter {
    name  = "require_secure_transport"
    value = "1"
  }

  parameter {
    name  = "slow_query_log"
    value = "1"
  }

  parameter {
    name  = "long_query_time"
    value = "2"
  }

  parameter {
    name  = "log_output"
    value = "FILE"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Created before the instance exports to them, so they get a retention.
resource "aws_cloudwatch_log_group" "mysql" {
  for_each = toset(local.log_exports)

  name              = "/aws/rds/instance/\${var.name}/\${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_db_instance" "drupal" {
  identifier     = var.name
  engine         = "mysql"
  engine_version = var.engine_version
  instance_class = var.instance_class

  db_name  = var.database_name
  username = var.master_username
  # RDS generates the password, stores it in Secrets Manager and rotates it:
  # no password in the code, in variables or in the state.
  manage_master_user_password = true

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.drupal.name
  vpc_security_group_ids = [var.security_group_id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.drupal.name
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  backup_retention_period   = var.backup_retention_period
  backup_window             = "02:00-03:00"
  maintenance_window        = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot     = true
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = false
  final_snapshot_identifier = "\${var.name}-final"

  auto_minor_version_upgrade      = true
  enabled_cloudwatch_logs_exports = local.log_exports

  depends_on = [aws_cloudwatch_log_group.mysql]
}
`;

const OUTPUTS = `output "address" {
  description = "Host name of the database (resolves inside the VPC only)."
  value       = aws_db_instance.drupal.address
}

output "port" {
  description = "MySQL port."
  value       = aws_db_instance.drupal.port
}

output "database_name" {
  description = "Name of the Drupal database."
  value       = aws_db_instance.drupal.db_name
}

output "identifier" {
  description = "DB instance identifier (CloudWatch dimension DBInstanceIdentifier)."
  value       = aws_db_instance.drupal.identifier
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master user name and password (JSON keys username and password)."
  value       = aws_db_instance.drupal.master_user_secret[0].secret_arn
}
`;
