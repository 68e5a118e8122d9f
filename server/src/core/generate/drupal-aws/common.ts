// Pieces every Terraform folder of the Drupal on AWS stack shares.

/** Versions the stack pins: the root module pins the provider; child modules only set a floor. */
export const TERRAFORM_VERSION = '>= 1.11.0';
export const AWS_PROVIDER_FLOOR = '>= 5.100.0';
export const AWS_PROVIDER_PIN = '~> 5.100';

/** versions.tf of a child module: the floor its resources need, no backend, no upper bound (the root pins). */
export function moduleVersions(): string {
  return `terraform {
  required_version = "${TERRAFORM_VERSION}"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${AWS_PROVIDER_FLOOR}"
    }
  }
}
`;
}
