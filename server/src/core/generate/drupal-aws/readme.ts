// README.md of the generated repository: what is where, why, and the runbook.
import type { DrupalAwsInput } from './fields';
import { maxCount } from './root';

export function readme(i: DrupalAwsInput): string {
  const env = i.environment;
  const name = `${i.project}-${env}`;
  const dns = i.hostedZone
    ? `Route 53 zone \`${i.hostedZone}\` holds the domain: Terraform creates the certificate's validation record and an alias record from \`${i.domain}\` to the load balancer.`
    : 'DNS is managed outside Route 53: create the records yourself (see "Certificate" below).';
  const cert = i.certificateArn
    ? `The HTTPS listener uses the ACM certificate \`${i.certificateArn}\`.`
    : `Terraform requests an ACM certificate for \`${i.domain}\` with DNS validation; ACM renews it as long as the validation record stays.`;
  return `# Drupal on AWS — ${name}

Terraform for Drupal (PHP 8.3 + Apache) on ECS Fargate behind an Application Load
Balancer, with MySQL 8.0 on RDS, images in ECR, Drupal's files on EFS, secrets in
Secrets Manager, and logs, metrics and alarms in CloudWatch. Region \`${i.region}\`,
site \`https://${i.domain}/\`.

\`\`\`
Internet ──HTTPS 443──▶ ALB (public subnets; port 80 redirects to 443)
                          │ HTTP, container port 80, health check / every 30 s
                          ▼
                 ECS Fargate service "drupal" (private subnets, ${i.desiredCount}–${maxCount(i)} tasks)
                    │ MySQL 3306, TLS             │ NFS 2049, TLS
                    ▼                             ▼
        RDS MySQL 8.0 (database subnets)   EFS: sites/default/files
\`\`\`

## Layout

| path | what |
|---|---|
| \`terraform/\` | the root module: provider pins and backend (\`versions.tf\`), the four parts in order (\`main.tf\`), alarms (\`monitoring.tf\`), inputs and outputs |
| \`terraform/environments/${env}.tfvars\` | the values of the ${env} environment |
| \`terraform/environments/${env}.s3.tfbackend\` | where its state lives |
| \`terraform/network/\` | VPC over two availability zones; public, private and database subnets; NAT gateways; S3 gateway endpoint; flow logs; every security group |
| \`terraform/ecr/\` | the image repository: immutable tags, scan on push, lifecycle policy |
| \`terraform/rds/\` | MySQL 8.0: encrypted, not public, TLS required, automated backups, deletion protection, master password managed by RDS |
| \`terraform/ecs/\` | certificate, ALB and listeners, Fargate cluster, Drupal task and service, auto scaling, EFS, secrets, IAM roles, the db-init task |

The parts depend on each other in the order network → ecr → rds → ecs; Terraform
follows it from the module references.

## Security

- **Traffic**: internet → ALB (80 and 443 only) → Drupal tasks (container port, from the
  ALB's security group only) → RDS (3306) and EFS (2049), each from the tasks' security group
  only. The database subnets have no route out of the VPC; the default security group has no rules.
- **TLS**: port 80 answers with a redirect to HTTPS; the HTTPS listener uses
  \`ELBSecurityPolicy-TLS13-1-2-2021-06\` (TLS 1.3 and 1.2). MySQL refuses connections
  without TLS (\`require_secure_transport\`); EFS is mounted over TLS and its policy
  denies anything else. ${cert}
- **Secrets**: no password is written anywhere. RDS generates the master password,
  keeps it in Secrets Manager and rotates it; only the db-init task reads it. Drupal's
  own database user and its hash salt are generated during apply and written
  straight to Secrets Manager (write-only arguments: they are not in the state);
  ECS injects them as environment variables when a task starts.
- **Tasks**: private subnets, no public IP, read-only root file system, Linux
  capabilities Apache does not need dropped. Apache's parent process runs as root to
  bind port 80 (Fargate lets no other user bind a port below 1024) and serves every
  request as \`www-data\`; EFS access goes through an access point that writes as UID 33.
- **IAM**: the execution role may pull this repository's images, read these two
  secrets and write this log group, nothing more; the task role has no permissions
  until Drupal needs some.
- **Data**: RDS storage encrypted, ${i.multiAz === 'true' ? 'Multi-AZ' : 'single-AZ (set `db_multi_az = true` for a standby in a second zone)'}, 7 days of
  point-in-time recovery, deletion protection and a final snapshot; EFS encrypted and backed up by AWS Backup.

### Where this differs from the seed document, and why

The seed describes an ALB on HTTP port 80, tasks in public subnets with public IPs
and no storage for Drupal's files. This stack keeps the seed's components, ports and
order but: serves HTTPS and redirects port 80 (the seed asks for encryption in
transit); runs the tasks in private subnets behind NAT gateways (the seed asks for
isolation from the public internet); and mounts EFS for \`sites/default/files\`, which
every task must share and which must survive task replacement.

## Before the first deployment

### Prerequisites

Terraform 1.11 or later (write-only arguments, S3 lock files), AWS credentials for the
target account, Docker to build the image. ${dns}

### State

The state of ${env} lives in S3 bucket \`${i.stateBucket}\`, key
\`${i.project}/${env}/terraform.tfstate\`, locked with an S3 lock file. Create the bucket
once, versioned, encrypted and private:

\`\`\`sh
aws s3api create-bucket --bucket ${i.stateBucket} --region ${i.region}${i.region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${i.region}`}
aws s3api put-bucket-versioning --bucket ${i.stateBucket} --versioning-configuration Status=Enabled
aws s3api put-public-access-block --bucket ${i.stateBucket} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
\`\`\`

### Certificate

${i.certificateArn ? `The stack uses the certificate you gave; it must cover \`${i.domain}\` and be issued in ${i.region}.` : i.hostedZone ? 'Terraform requests the certificate, writes the validation record into the Route 53 zone and waits until ACM has issued it.' : `Terraform requests the certificate and waits until ACM has issued it, which needs a DNS record at your DNS provider. Request it first, then create the record it asks for:

\`\`\`sh
cd terraform
terraform init -backend-config=environments/${env}.s3.tfbackend
terraform apply -var-file=environments/${env}.tfvars -target=module.ecs.aws_acm_certificate.site
terraform output certificate_validation_records
\`\`\`

Keep that record: ACM renews the certificate through it.`}

## First deployment

The service needs an image to run and Drupal's database user to connect: create the
repository first, push, then apply everything and create the user.

\`\`\`sh
cd terraform
terraform init -backend-config=environments/${env}.s3.tfbackend
terraform apply -var-file=environments/${env}.tfvars -target=module.ecr

# The image, tagged with image_tag (${i.imageTag}); tags are immutable, every build gets a new one.
REPO=$(terraform output -raw ecr_repository_url)
aws ecr get-login-password --region ${i.region} | docker login --username AWS --password-stdin "\${REPO%%/*}"
docker build -t "$REPO:${i.imageTag}" path/to/your/drupal/project
docker push "$REPO:${i.imageTag}"

terraform apply -var-file=environments/${env}.tfvars

# Drupal's MySQL user: a one-off task (log: group of \`terraform output log_group_name\`,
# stream prefix db-init). When it has stopped with exit code 0, start tasks that can connect.
eval "$(terraform output -raw db_init_command)"
aws ecs update-service --region ${i.region} --cluster ${name} --service drupal --force-new-deployment
\`\`\`

Then ${i.hostedZone ? `\`https://${i.domain}/\` resolves to the load balancer through the alias record;` : `point \`${i.domain}\` at \`terraform output alb_dns_name\` (a CNAME, or an alias where your DNS provider has them);`}
install the site (or import a database) with Drupal's installer or \`drush site:install\`.

## Deploying a new version

Push the image under a new tag, set \`image_tag\` in \`environments/${env}.tfvars\`, and
apply. ECS starts the new tasks, waits for the load balancer's health checks, then stops
the old ones; a deployment whose tasks never get healthy is rolled back.

## The Drupal image

Build it \`FROM drupal:11-php8.3-apache\` (Debian, \`www-data\` is UID 33) with your
code in \`/opt/drupal\`, and add the RDS certificate bundle:

\`\`\`dockerfile
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
\`\`\`

The task sets these variables; read them in \`settings.php\`:

\`\`\`php
$databases['default']['default'] = [
  'driver' => 'mysql',
  'host' => getenv('DRUPAL_DATABASE_HOST'),
  'port' => getenv('DRUPAL_DATABASE_PORT'),
  'database' => getenv('DRUPAL_DATABASE_NAME'),
  'username' => getenv('DRUPAL_DATABASE_USERNAME'),
  'password' => getenv('DRUPAL_DATABASE_PASSWORD'),
  'pdo' => [\\PDO::MYSQL_ATTR_SSL_CA => getenv('DRUPAL_DATABASE_SSL_CA')],
];
$settings['hash_salt'] = getenv('DRUPAL_HASH_SALT');
$settings['trusted_host_patterns'] = ['^' . preg_quote(getenv('DRUPAL_TRUSTED_HOST')) . '$'];
// Behind the ALB: trust its X-Forwarded-* headers (only the ALB can reach the tasks).
$settings['reverse_proxy'] = TRUE;
$settings['reverse_proxy_addresses'] = [$_SERVER['REMOTE_ADDR']];
\`\`\`

The root file system is read-only: Drupal writes to \`sites/default/files\` (EFS) and
\`/tmp\`; Apache to \`/var/run/apache2\` and \`/var/lock/apache2\` (task storage).

## Operations

- **Logs**: \`aws logs tail /ecs/${name}/drupal --follow\`; MySQL error and slow query logs
  under \`/aws/rds/instance/${name}/\`; VPC flow logs under \`/vpc/${name}/flow-logs\`.
- **Scaling**: between \`desired_count\` and \`max_count\` tasks (${i.desiredCount} and ${maxCount(i)}),
  on 60 % CPU and 75 % memory.
- **Alarms** go to SNS topic \`${name}-alerts\`; set \`alert_email\` to subscribe an address.
- **Backups**: RDS automated backups (7 days of point-in-time recovery), EFS in AWS Backup.
- **New database password and hash salt**: bump \`drupal_secret_version\`,
  apply, run the db-init task, then force a new deployment.
- **Destroying**: deletion protection is on for the database and the load balancer; set
  \`deletion_protection = false\` and apply first.

## Linting

\`\`\`sh
npx blueprint lint .
\`\`\`

Blueprint checks the Terraform against the documented architecture with the
\`restricted\` profile (\`.blueprint.yaml\`).
`;
}
