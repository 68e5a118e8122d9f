// terraform/ecs/: the web tier. An internet-facing ALB in the public subnets
// (HTTP only redirects; HTTPS with an ACM certificate and a TLS 1.2+ policy,
// health checks on / every 30 s), the Fargate cluster, the Drupal task
// (PHP 8.3 + Apache, read-only root file system, secrets from Secrets Manager,
// logs to CloudWatch, Drupal files on encrypted EFS) and its service in the
// private subnets with rolling deployments and CPU/memory auto scaling.
import { moduleVersions } from './common';

export function ecsFiles(): [string, string][] {
  return [
    ['terraform/ecs/versions.tf', moduleVersions()],
    ['terraform/ecs/variables.tf', VARIABLES],
    ['terraform/ecs/certificate.tf', CERTIFICATE],
    ['terraform/ecs/alb.tf', ALB],
    ['terraform/ecs/secrets.tf', SECRETS],
    ['terraform/ecs/iam.tf', IAM],
    ['terraform/ecs/efs.tf', EFS],
    ['terraform/ecs/task.tf', TASK],
    ['terraform/ecs/service.tf', SERVICE],
    ['terraform/ecs/db_init.tf', DB_INIT],
    ['terraform/ecs/outputs.tf', OUTPUTS],
  ];
}

const VARIABLES = `variable "name" {
  description = "Name prefix of every resource (<project>-<environment>)."
  type        = string
}

variable "region" {
  description = "AWS region (for the awslogs log driver)."
  type        = string
}

variable "domain" {
  description = "Public host name of the site."
  type        = string
}

variable "certificate_arn" {
  description = "ARN of an issued ACM certificate for the domain, in this region. Empty: one is requested and validated through DNS."
  type        = string
  default     = ""
}

variable "route53_zone_name" {
  description = "Public Route 53 zone holding the domain: the validation and alias records are created there. Empty: DNS is managed elsewhere."
  type        = string
  default     = ""
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener (TLS 1.3 and 1.2 only)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "vpc_id" {
  description = "VPC of the stack."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets of the load balancer."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets of the Drupal tasks and the EFS mount targets."
  type        = list(string)
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer."
  type        = string
}

variable "app_security_group_id" {
  description = "Security group of the Drupal tasks."
  type        = string
}

variable "files_security_group_id" {
  description = "Security group of the EFS mount targets."
  type        = string
}

variable "repository_url" {
  description = "ECR repository of the Drupal image."
  type        = string
}

variable "repository_arn" {
  description = "ARN of the ECR repository (the execution role may pull from it only)."
  type        = string
}

variable "image_tag" {
  description = "Tag of the Drupal image to run (tags are immutable)."
  type        = string
}

variable "container_port" {
  description = "Port Apache listens on in the container."
  type        = number
  default     = 80
}

variable "cpu" {
  description = "Task CPU units (1024 = one vCPU)."
  type        = number
  default     = 512
}

variable "memory" {
  description = "Task memory in MiB."
  type        = number
  default     = 1024
}

variable "cpu_architecture" {
  description = "CPU architecture of the image: X86_64 or ARM64."
  type        = string
  default     = "X86_64"
}

variable "desired_count" {
  description = "Number of Drupal tasks; also the auto scaling minimum."
  type        = number
  default     = 2
}

variable "max_count" {
  description = "Auto scaling maximum number of Drupal tasks."
  type        = number
  default     = 6
}

variable "files_path" {
  description = "Drupal's public files directory in the container (mounted from EFS)."
  type        = string
  default     = "/opt/drupal/web/sites/default/files"
}

variable "db_host" {
  description = "Host name of the MySQL database."
  type        = string
}

variable "db_port" {
  description = "MySQL port."
  type        = number
  default     = 3306
}

variable "db_name" {
  description = "Name of the Drupal database."
  type        = string
}

variable "db_username" {
  description = "MySQL user Drupal connects as (created by the db-init task)."
  type        = string
  default     = "drupal_app"
}

variable "db_master_secret_arn" {
  description = "Secrets Manager secret of the RDS master user (read by the db-init task only)."
  type        = string
}

variable "secret_version" {
  description = "Bump to generate a new Drupal database password and hash salt (then run the db-init task again)."
  type        = number
  default     = 1
}

variable "db_init_image" {
  description = "Image with the MySQL client, for the db-init task."
  type        = string
  default     = "public.ecr.aws/docker/library/mysql:8.0"
}

variable "log_retention_days" {
  description = "Days the container logs are kept in CloudWatch Logs."
  type        = number
  default     = 30
}

variable "deletion_protection" {
  description = "Refuse to delete the load balancer."
  type        = bool
  default     = true
}
`;

const CERTIFICATE = `locals {
  create_certificate = var.certificate_arn == ""
  manage_dns         = var.route53_zone_name != ""
  certificate_arn    = local.create_certificate ? aws_acm_certificate_validation.site[0].certificate_arn : var.certificate_arn
}

data "aws_route53_zone" "site" {
  count = local.manage_dns ? 1 : 0

  name         = var.route53_zone_name
  private_zone = false
}

# Requested when no certificate ARN is given, validated through DNS and renewed
# by ACM as long as the validation record stays in place.
resource "aws_acm_certificate" "site" {
  count = local.create_certificate ? 1 : 0

  domain_name       = var.domain
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = {
    for o in flatten(aws_acm_certificate.site[*].domain_validation_options) : o.domain_name => o
    if local.manage_dns
  }

  zone_id         = data.aws_route53_zone.site[0].zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

# Waits until ACM has issued the certificate. With DNS elsewhere, create the
# record of output certificate_validation_records there (README, "Certificate").
resource "aws_acm_certificate_validation" "site" {
  count = local.create_certificate ? 1 : 0

  certificate_arn         = aws_acm_certificate.site[0].arn
  validation_record_fqdns = local.manage_dns ? [for r in aws_route53_record.certificate_validation : r.fqdn] : null
}

resource "aws_route53_record" "site" {
  count = local.manage_dns ? 1 : 0

  zone_id = data.aws_route53_zone.site[0].zone_id
  name    = var.domain
  type    = "A"

  alias {
    name                   = aws_lb.web.dns_name
    zone_id                = aws_lb.web.zone_id
    evaluate_target_health = true
  }
}
`;

const ALB = `resource "aws_lb" "web" {
  name               = "\${var.name}-alb"
  load_balancer_type = "application"
  internal           = false
  security_groups    = [var.alb_security_group_id]
  subnets            = var.public_subnet_ids

  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  idle_timeout               = 60
}

# IP targets: Fargate tasks have their own network interfaces (awsvpc).
resource "aws_lb_target_group" "drupal" {
  name                 = "\${var.name}-web"
  port                 = var.container_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
    matcher             = "200-399"
  }
}

# Port 80 only redirects: every page and session cookie travels over HTTPS.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = local.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.drupal.arn
  }
}
`;

const SECRETS = `# Drupal's database password and hash salt. They are generated during apply and
# written straight to Secrets Manager (write-only): they never enter the state.
# The RDS master password, rotated by RDS, is for the db-init task only, so a
# rotation never breaks running tasks.

ephemeral "aws_secretsmanager_random_password" "db_password" {
  password_length     = 32
  exclude_punctuation = true
}

ephemeral "aws_secretsmanager_random_password" "hash_salt" {
  password_length     = 64
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "drupal" {
  name                    = "\${var.name}/drupal"
  description             = "Drupal database user and hash salt"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "drupal" {
  secret_id = aws_secretsmanager_secret.drupal.id
  secret_string_wo = jsonencode({
    database_username = var.db_username
    database_password = ephemeral.aws_secretsmanager_random_password.db_password.random_password
    hash_salt         = ephemeral.aws_secretsmanager_random_password.hash_salt.random_password
  })
  secret_string_wo_version = var.secret_version
}
`;

const IAM = `data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# Execution role: what ECS does before the container starts (pull the image,
# read the secrets, create the log stream), scoped to this stack's resources.
resource "aws_iam_role" "execution" {
  name               = "\${var.name}-ecs-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "PullDrupalImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [var.repository_arn]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["\${aws_cloudwatch_log_group.drupal.arn}:*"]
  }

  statement {
    sid       = "ReadSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.drupal.arn, var.db_master_secret_arn]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "pull-image-read-secrets-write-logs"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# Task role: what Drupal itself may do in AWS. EFS access is granted by the
# file system policy (efs.tf); add statements here for S3, SES and the like.
resource "aws_iam_role" "task" {
  name               = "\${var.name}-drupal-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}
`;

const EFS = `# Drupal's public files (uploads, image styles, aggregated CSS and JS) are shared
# by every task and outlive them: encrypted EFS, mounted over TLS through an
# access point that writes as www-data (UID 33 in the Debian Drupal images).

resource "aws_efs_file_system" "files" {
  creation_token   = "\${var.name}-files"
  encrypted        = true
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  tags = {
    Name = "\${var.name}-files"
  }
}

resource "aws_efs_backup_policy" "files" {
  file_system_id = aws_efs_file_system.files.id

  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_mount_target" "files" {
  count = length(var.private_subnet_ids)

  file_system_id  = aws_efs_file_system.files.id
  subnet_id       = var.private_subnet_ids[count.index]
  security_groups = [var.files_security_group_id]
}

resource "aws_efs_access_point" "files" {
  file_system_id = aws_efs_file_system.files.id

  posix_user {
    uid = 33
    gid = 33
  }

  root_directory {
    path = "/drupal/files"

    creation_info {
      owner_uid   = 33
      owner_gid   = 33
      permissions = "0755"
    }
  }

  tags = {
    Name = "\${var.name}-files"
  }
}

# Only the Drupal task role, only through the access point, only over TLS.
data "aws_iam_policy_document" "files" {
  statement {
    sid       = "DrupalTasksThroughAccessPoint"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [aws_efs_file_system.files.arn]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.task.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = [aws_efs_access_point.files.arn]
    }
  }

  statement {
    sid       = "DenyUnencryptedTransport"
    effect    = "Deny"
    actions   = ["*"]
    resources = [aws_efs_file_system.files.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_efs_file_system_policy" "files" {
  file_system_id = aws_efs_file_system.files.id
  policy         = data.aws_iam_policy_document.files.json
}
`;

const TASK = `resource "aws_cloudwatch_log_group" "drupal" {
  name              = "/ecs/\${var.name}/drupal"
  retention_in_days = var.log_retention_days
}

resource "aws_ecs_task_definition" "drupal" {
  family                   = "\${var.name}-drupal"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([
    {
      name      = "drupal"
      image     = "\${var.repository_url}:\${var.image_tag}"
      essential = true

      portMappings = [
        {
          name          = "http"
          containerPort = var.container_port
          protocol      = "tcp"
        },
      ]

      # Apache's parent process binds port 80 and its workers serve PHP as
      # www-data (Fargate lets no other user bind a port below 1024). The root
      # file system is read-only; the paths that are written are volumes.
      readonlyRootFilesystem = true

      linuxParameters = {
        initProcessEnabled = true
        capabilities = {
          drop = ["AUDIT_WRITE", "MKNOD", "NET_RAW", "SETFCAP", "SETPCAP", "SYS_CHROOT"]
        }
      }

      environment = [
        { name = "DRUPAL_DATABASE_HOST", value = var.db_host },
        { name = "DRUPAL_DATABASE_PORT", value = tostring(var.db_port) },
        { name = "DRUPAL_DATABASE_NAME", value = var.db_name },
        { name = "DRUPAL_DATABASE_SSL_CA", value = "/etc/ssl/certs/rds-global-bundle.pem" },
        { name = "DRUPAL_TRUSTED_HOST", value = var.domain },
        { name = "DRUPAL_REVERSE_PROXY", value = "true" },
      ]

      secrets = [
        { name = "DRUPAL_DATABASE_USERNAME", valueFrom = "\${aws_secretsmanager_secret.drupal.arn}:database_username::" },
        { name = "DRUPAL_DATABASE_PASSWORD", valueFrom = "\${aws_secretsmanager_secret.drupal.arn}:database_password::" },
        { name = "DRUPAL_HASH_SALT", valueFrom = "\${aws_secretsmanager_secret.drupal.arn}:hash_salt::" },
      ]

      mountPoints = [
        { sourceVolume = "files", containerPath = var.files_path, readOnly = false },
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
        { sourceVolume = "apache-run", containerPath = "/var/run/apache2", readOnly = false },
        { sourceVolume = "apache-lock", containerPath = "/var/lock/apache2", readOnly = false },
      ]

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.drupal.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "drupal"
          mode                  = "non-blocking"
          max-buffer-size       = "25m"
        }
      }
    },
  ])

  volume {
    name = "files"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.files.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.files.id
        iam             = "ENABLED"
      }
    }
  }

  # Task storage, gone with the task: PHP uploads and Apache's pid and lock files.
  volume {
    name = "tmp"
  }

  volume {
    name = "apache-run"
  }

  volume {
    name = "apache-lock"
  }
}
`;

const SERVICE = `resource "aws_ecs_cluster" "main" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_service" "drupal" {
  name             = "drupal"
  cluster          = aws_ecs_cluster.main.id
  task_definition  = aws_ecs_task_definition.drupal.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"

  # Rolling deployment: new tasks must pass the health checks before old ones
  # stop; a deployment that never does is rolled back.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 120
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [var.app_security_group_id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.drupal.arn
    container_name   = "drupal"
    container_port   = var.container_port
  }

  # Auto scaling owns the number of tasks once the service runs.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener.https, aws_efs_mount_target.files]
}

resource "aws_appautoscaling_target" "drupal" {
  service_namespace  = "ecs"
  resource_id        = "service/\${aws_ecs_cluster.main.name}/\${aws_ecs_service.drupal.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.desired_count
  max_capacity       = var.max_count
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "\${var.name}-drupal-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.drupal.service_namespace
  resource_id        = aws_appautoscaling_target.drupal.resource_id
  scalable_dimension = aws_appautoscaling_target.drupal.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 60
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "memory" {
  name               = "\${var.name}-drupal-memory"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.drupal.service_namespace
  resource_id        = aws_appautoscaling_target.drupal.resource_id
  scalable_dimension = aws_appautoscaling_target.drupal.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 75
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageMemoryUtilization"
    }
  }
}
`;

const DB_INIT = `# A one-off task that creates (or updates) Drupal's MySQL user from the secret
# in secrets.tf, connecting as the RDS master user over TLS. Run it after the
# first apply and after every bump of secret_version: see output db_init_command.

locals {
  db_init_script = <<-EOT
    mysql --ssl-mode=REQUIRED -h "$DB_HOST" -P "$DB_PORT" -u "$MASTER_USER" -e "
      CREATE USER IF NOT EXISTS '$APP_USER'@'%' IDENTIFIED BY '$APP_PASSWORD' REQUIRE SSL;
      ALTER USER '$APP_USER'@'%' IDENTIFIED BY '$APP_PASSWORD' REQUIRE SSL;
      GRANT ALL PRIVILEGES ON $DB_NAME.* TO '$APP_USER'@'%';"
  EOT
}

resource "aws_ecs_task_definition" "db_init" {
  family                   = "\${var.name}-db-init"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.execution.arn

  container_definitions = jsonencode([
    {
      name                   = "db-init"
      image                  = var.db_init_image
      essential              = true
      user                   = "999:999"
      readonlyRootFilesystem = true
      entryPoint             = ["sh", "-c"]
      command                = [local.db_init_script]

      linuxParameters = {
        capabilities = {
          drop = ["ALL"]
        }
      }

      environment = [
        { name = "DB_HOST", value = var.db_host },
        { name = "DB_PORT", value = tostring(var.db_port) },
        { name = "DB_NAME", value = var.db_name },
      ]

      # MYSQL_PWD: the client reads the master password from the environment,
      # so it never appears in a command line.
      secrets = [
        { name = "MASTER_USER", valueFrom = "\${var.db_master_secret_arn}:username::" },
        { name = "MYSQL_PWD", valueFrom = "\${var.db_master_secret_arn}:password::" },
        { name = "APP_USER", valueFrom = "\${aws_secretsmanager_secret.drupal.arn}:database_username::" },
        { name = "APP_PASSWORD", valueFrom = "\${aws_secretsmanager_secret.drupal.arn}:database_password::" },
      ]

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.drupal.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "db-init"
        }
      }
    },
  ])
}
`;

const OUTPUTS = `output "alb_dns_name" {
  description = "DNS name of the load balancer (the target of the site's DNS record)."
  value       = aws_lb.web.dns_name
}

output "alb_zone_id" {
  description = "Route 53 zone ID of the load balancer, for alias records."
  value       = aws_lb.web.zone_id
}

output "alb_arn_suffix" {
  description = "CloudWatch dimension LoadBalancer."
  value       = aws_lb.web.arn_suffix
}

output "target_group_arn_suffix" {
  description = "CloudWatch dimension TargetGroup."
  value       = aws_lb_target_group.drupal.arn_suffix
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.main.name
}

output "service_name" {
  description = "Name of the Drupal ECS service."
  value       = aws_ecs_service.drupal.name
}

output "log_group_name" {
  description = "CloudWatch log group of the Drupal containers."
  value       = aws_cloudwatch_log_group.drupal.name
}

output "drupal_secret_arn" {
  description = "Secrets Manager secret with Drupal's database user, password and hash salt."
  value       = aws_secretsmanager_secret.drupal.arn
}

output "files_file_system_id" {
  description = "EFS file system holding Drupal's public files."
  value       = aws_efs_file_system.files.id
}

output "certificate_validation_records" {
  description = "DNS records ACM needs to issue the certificate (create them when DNS is not in Route 53)."
  value = [
    for o in flatten(aws_acm_certificate.site[*].domain_validation_options) : {
      name  = o.resource_record_name
      type  = o.resource_record_type
      value = o.resource_record_value
    }
  ]
}

output "db_init_command" {
  description = "Creates or updates Drupal's MySQL user: run after the first apply and after each secret_version bump."
  value       = "aws ecs run-task --region \${var.region} --cluster \${aws_ecs_cluster.main.name} --task-definition \${aws_ecs_task_definition.db_init.family} --launch-type FARGATE --network-configuration 'awsvpcConfiguration={subnets=[\${join(",", var.private_subnet_ids)}],securityGroups=[\${var.app_security_group_id}],assignPublicIp=DISABLED}'"
}
`;
