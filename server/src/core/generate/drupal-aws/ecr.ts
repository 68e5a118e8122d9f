// terraform/ecr/: the repository of the Drupal image. Tags are immutable (a tag
// always names the image that was tested), every push is scanned, and a
// lifecycle policy keeps the repository from growing without bound.
import { moduleVersions } from './common';

export function ecrFiles(): [string, string][] {
  return [
    ['terraform/ecr/versions.tf', moduleVersions()],
    ['terraform/ecr/variables.tf', VARIABLES],
    ['terraform/ecr/main.tf', MAIN],
    ['terraform/ecr/outputs.tf', OUTPUTS],
  ];
}

const VARIABLES = `variable "repository_name" {
  description = "Name of the ECR repository of the Drupal image."
  type        = string
}

variable "max_image_count" {
  description = "Number of images kept; older ones expire (keep enough to roll back)."
  type        = number
  default     = 30
}

variable "untagged_image_days" {
  description = "Days after which untagged images (superseded layers, failed pushes) expire."
  type        = number
  default     = 7
}
`;

const MAIN = `resource "aws_ecr_repository" "drupal" {
  name                 = var.repository_name
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "drupal" {
  repository = aws_ecr_repository.drupal.name

  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = var.untagged_image_days
        }
        action = {
          type = "expire"
        }
      },
      {
        rulePriority = 2
        description  = "Keep the newest images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.max_image_count
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}
`;

const OUTPUTS = `output "repository_url" {
  description = "URL to push the Drupal image to (docker push <url>:<tag>)."
  value       = aws_ecr_repository.drupal.repository_url
}

output "repository_arn" {
  description = "ARN of the repository (the task execution role may pull from it)."
  value       = aws_ecr_repository.drupal.arn
}
`;
