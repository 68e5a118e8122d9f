// terraform/network/: the VPC over two availability zones with three tiers
// (public: load balancer and NAT; private: Drupal tasks and EFS; database: RDS,
// no route out), flow logs, and every security group of the stack, so that
// traffic can only go internet → ALB → ECS → RDS / EFS.
import { moduleVersions } from './common';

export function networkFiles(): [string, string][] {
  return [
    ['terraform/network/versions.tf', moduleVersions()],
    ['terraform/network/variables.tf', VARIABLES],
    ['terraform/network/main.tf', MAIN],
    ['terraform/network/security_groups.tf', SECURITY_GROUPS],
    ['terraform/network/flow_logs.tf', FLOW_LOGS],
    ['terraform/network/outputs.tf', OUTPUTS],
  ];
}

const VARIABLES = `variable "name" {
  description = "Name prefix of every resource (<project>-<environment>)."
  type        = string
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC. Each tier gets a block 4 bits smaller per availability zone."
  type        = string

  validation {
    condition     = can(regex("^(\\\\d{1,3}\\\\.){3}\\\\d{1,3}/(1[6-9]|2[0-2])$", var.vpc_cidr)) && can(cidrhost(var.vpc_cidr, 0))
    error_message = "The VPC CIDR must be an IPv4 block from /16 to /22, such as 10.0.0.0/16."
  }
}

variable "az_count" {
  description = "Number of availability zones the subnets are spread over."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 4
    error_message = "Use 2 to 4 availability zones: the load balancer and Multi-AZ RDS need two at least."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper) instead of one per zone (private subnets keep their egress when a zone fails)."
  type        = bool
  default     = false
}

variable "container_port" {
  description = "Port the Drupal container listens on; the load balancer forwards to it."
  type        = number
  default     = 80
}

variable "flow_log_retention_days" {
  description = "Days the VPC flow logs are kept in CloudWatch Logs."
  type        = number
  default     = 90
}
`;

const MAIN = `data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  azs       = slice(data.aws_availability_zones.available.names, 0, var.az_count)
  nat_count = var.single_nat_gateway ? 1 : var.az_count
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = var.name
  }
}

# Without rules: nothing may use the default security group (CIS AWS Foundations 5.4).
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "\${var.name}-default-unused"
  }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = var.name
  }
}

# Public tier: the load balancer and the NAT gateways, nothing else.
resource "aws_subnet" "public" {
  count = var.az_count

  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index)

  tags = {
    Name = "\${var.name}-public-\${local.azs[count.index]}"
    Tier = "public"
  }
}

# Private tier: the Drupal tasks and the EFS mount targets; egress through NAT.
resource "aws_subnet" "private" {
  count = var.az_count

  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index + 4)

  tags = {
    Name = "\${var.name}-private-\${local.azs[count.index]}"
    Tier = "private"
  }
}

# Database tier: RDS only, with no route out of the VPC.
resource "aws_subnet" "database" {
  count = var.az_count

  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index + 8)

  tags = {
    Name = "\${var.name}-database-\${local.azs[count.index]}"
    Tier = "database"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = {
    Name = "\${var.name}-public"
  }
}

resource "aws_route_table_association" "public" {
  count = var.az_count

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  count = local.nat_count

  domain = "vpc"

  tags = {
    Name = "\${var.name}-nat-\${local.azs[count.index]}"
  }
}

resource "aws_nat_gateway" "main" {
  count = local.nat_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id

  tags = {
    Name = "\${var.name}-\${local.azs[count.index]}"
  }

  depends_on = [aws_internet_gateway.main]
}

# One route table per zone, so each zone leaves through its own NAT gateway.
resource "aws_route_table" "private" {
  count = var.az_count

  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main[var.single_nat_gateway ? 0 : count.index].id
  }

  tags = {
    Name = "\${var.name}-private-\${local.azs[count.index]}"
  }
}

resource "aws_route_table_association" "private" {
  count = var.az_count

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# Local routes only.
resource "aws_route_table" "database" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "\${var.name}-database"
  }
}

resource "aws_route_table_association" "database" {
  count = var.az_count

  subnet_id      = aws_subnet.database[count.index].id
  route_table_id = aws_route_table.database.id
}

# Image layers come from S3: the gateway endpoint keeps image pulls off the NAT
# gateways (and their data processing charge).
data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = data.aws_vpc_endpoint_service.s3.service_name
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id

  tags = {
    Name = "\${var.name}-s3"
  }
}
`;

const SECURITY_GROUPS = `# The only paths through the stack: internet → ALB (80, 443) → Drupal tasks
# (container port) → RDS (3306) and EFS (2049). Rules are separate resources
# and name security groups, never address ranges, past the load balancer.

resource "aws_security_group" "alb" {
  name        = "\${var.name}-alb"
  description = "Drupal load balancer: HTTP and HTTPS from the internet"
  vpc_id      = aws_vpc.main.id

  tags = {
    Name = "\${var.name}-alb"
  }
}

resource "aws_security_group" "app" {
  name        = "\${var.name}-app"
  description = "Drupal tasks: traffic from the load balancer only"
  vpc_id      = aws_vpc.main.id

  tags = {
    Name = "\${var.name}-app"
  }
}

resource "aws_security_group" "db" {
  name        = "\${var.name}-db"
  description = "Drupal database: MySQL from the Drupal tasks only"
  vpc_id      = aws_vpc.main.id

  tags = {
    Name = "\${var.name}-db"
  }
}

resource "aws_security_group" "files" {
  name        = "\${var.name}-files"
  description = "Drupal files (EFS): NFS from the Drupal tasks only"
  vpc_id      = aws_vpc.main.id

  tags = {
    Name = "\${var.name}-files"
  }
}

# Load balancer

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from the internet, redirected to HTTPS"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the Drupal tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.app.id
}

# Drupal tasks

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.app.id
  description                  = "From the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_egress_rule" "app_to_db" {
  security_group_id            = aws_security_group.app.id
  description                  = "To MySQL"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.db.id
}

resource "aws_vpc_security_group_egress_rule" "app_to_files" {
  security_group_id            = aws_security_group.app.id
  description                  = "To the EFS mount targets"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.files.id
}

resource "aws_vpc_security_group_egress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS through NAT: ECR, Secrets Manager, CloudWatch Logs, Drupal update checks"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# Database and files: ingress from the Drupal tasks; no egress rule at all.

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  description                  = "MySQL from the Drupal tasks"
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.app.id
}

resource "aws_vpc_security_group_ingress_rule" "files_from_app" {
  security_group_id            = aws_security_group.files.id
  description                  = "NFS from the Drupal tasks"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.app.id
}
`;

const FLOW_LOGS = `# Every accepted and rejected connection of the VPC, for audits and incident
# response (CIS AWS Foundations 3.7).

data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/vpc/\${var.name}/flow-logs"
  retention_in_days = var.flow_log_retention_days
}

resource "aws_flow_log" "main" {
  vpc_id                   = aws_vpc.main.id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  log_destination          = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn             = aws_iam_role.flow_logs.arn
  max_aggregation_interval = 60
}

data "aws_iam_policy_document" "flow_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  name               = "\${var.name}-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume.json
}

data "aws_iam_policy_document" "flow_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["\${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }

  statement {
    actions   = ["logs:DescribeLogGroups"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs.json
}
`;

const OUTPUTS = `output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.main.id
}

output "public_subnet_ids" {
  description = "Subnets of the load balancer."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Subnets of the Drupal tasks and the EFS mount targets."
  value       = aws_subnet.private[*].id
}

output "database_subnet_ids" {
  description = "Subnets of the RDS instance."
  value       = aws_subnet.database[*].id
}

output "alb_security_group_id" {
  description = "Security group of the load balancer."
  value       = aws_security_group.alb.id
}

output "app_security_group_id" {
  description = "Security group of the Drupal tasks."
  value       = aws_security_group.app.id
}

output "db_security_group_id" {
  description = "Security group of the RDS instance."
  value       = aws_security_group.db.id
}

output "files_security_group_id" {
  description = "Security group of the EFS mount targets."
  value       = aws_security_group.files.id
}
`;
