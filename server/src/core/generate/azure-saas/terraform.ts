// infra/terraform/azure/: the Azure resources of the seed, one file per concern.
// Every value that comes from the input is a variable default in variables.tf,
// so the other files are the same for every stack (and written exactly as
// `terraform fmt` writes them).
import type { AzureSaasInput } from './index';
import type { AzureSaasNames } from './names';

const DIR = 'infra/terraform/azure';

/** The provider versions the stack pins (bump them deliberately, with the provider's changelog). */
export const AZURERM_VERSION = '~> 4.14';
export const KUBERNETES_VERSION = '1.31';

export function terraformFiles(i: AzureSaasInput, n: AzureSaasNames): Map<string, string> {
  const files = new Map<string, string>();
  files.set(`${DIR}/versions.tf`, `terraform {
  required_version = ">= 1.6.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${AZURERM_VERSION}"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # State in an Azure storage account, configured at init:
  # terraform init -backend-config=backend.hcl (see README.md).
  backend "azurerm" {}
}

provider "azurerm" {
  # The subscription comes from ARM_SUBSCRIPTION_ID (or az login).
  features {
    key_vault {
      # Purge protection is on: a destroyed vault stays recoverable.
      purge_soft_delete_on_destroy = false
    }
  }
}

data "azurerm_client_config" "current" {}
`);
  files.set(`${DIR}/variables.tf`, `variable "prefix" {
  description = "Short product name, part of every resource name."
  type        = string
  default     = "${i.prefix}"
}

variable "environment" {
  description = "Environment name (prod, staging, ...), part of every resource name."
  type        = string
  default     = "${i.environment}"
}

variable "location" {
  description = "Azure region of every resource."
  type        = string
  default     = "${i.location}"
}

variable "domain" {
  description = "Public host name of the dashboard (listener, Ingress host, certificate subject)."
  type        = string
  default     = "${i.domain}"
}

variable "kubernetes_version" {
  description = "AKS Kubernetes version (patch upgrades are automatic)."
  type        = string
  default     = "${KUBERNETES_VERSION}"
}

variable "node_vm_size" {
  description = "VM size of the AKS node pools."
  type        = string
  default     = "${i.nodeVmSize}"
}

variable "system_node_count" {
  description = "Nodes of the system pool, spread over zones 1-3."
  type        = number
  default     = ${Number(i.nodeCount)}
}

variable "user_node_min_count" {
  description = "Minimum nodes of the autoscaled user pool."
  type        = number
  default     = 3
}

variable "user_node_max_count" {
  description = "Maximum nodes of the autoscaled user pool."
  type        = number
  default     = 10
}

variable "acr_name" {
  description = "Name of the container registry (<name>.azurecr.io)."
  type        = string
  default     = "${i.acr}"
}

variable "acr_replica_locations" {
  description = "Regions the registry is geo-replicated to."
  type        = list(string)
  default     = ["${replicaLocation(i.location)}"]
}

variable "management_ip_ranges" {
  description = "CIDRs of operators and CI runners: the only sources admitted by the AKS API server, Key Vault and ACR firewalls."
  type        = list(string)

  validation {
    condition     = length(var.management_ip_ranges) > 0
    error_message = "Give at least one CIDR: an empty list would open the AKS API server to the internet."
  }
}

variable "cluster_admin_group_object_ids" {
  description = "Entra ID groups that are cluster-admin (operators, the CI deploy identity's group)."
  type        = list(string)
  default     = []
}

variable "developer_group_object_ids" {
  description = "Entra ID groups with read-only access to the cluster."
  type        = list(string)
  default     = []
}

variable "allowed_countries" {
  description = "Countries (ISO 3166 codes) the WAF geo filter admits."
  type        = list(string)
  default     = ["US", "CA", "GB", "DE", "FR"]
}

variable "ingress_private_ip" {
  description = "Private IP of the ingress-nginx internal load balancer in snet-ingress (as in infra/k8s/ingress-nginx/values.yaml)."
  type        = string
  default     = "${n.ingressIp}"
}
`);
  files.set(`${DIR}/main.tf`, `locals {
  name = "\${var.prefix}-\${var.environment}"
  # Storage account and registry names allow letters and digits only.
  compact_name = "\${var.prefix}\${var.environment}"

  tags = {
    application = var.prefix
    environment = var.environment
    managed-by  = "terraform"
  }
}

resource "azurerm_resource_group" "main" {
  name     = "rg-\${local.name}"
  location = var.location
  tags     = local.tags
}
`);
  files.set(`${DIR}/network.tf`, `# Virtual network 10.0.0.0/16: AKS nodes, private endpoints, Application
# Gateway, and the internal load balancer of ingress-nginx.
resource "azurerm_virtual_network" "main" {
  name                = "vnet-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  address_space       = ["10.0.0.0/16"]
  tags                = local.tags
}

resource "azurerm_subnet" "aks" {
  name                 = "snet-aks"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.main.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_subnet" "private_endpoints" {
  name                 = "snet-private-endpoints"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.main.name
  address_prefixes     = ["10.0.2.0/24"]
}

resource "azurerm_subnet" "appgw" {
  name                 = "snet-appgw"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.main.name
  address_prefixes     = ["10.0.3.0/24"]
}

# The internal load balancer of ingress-nginx gets a fixed address here
# (infra/k8s/ingress-nginx/values.yaml), the Application Gateway's backend.
resource "azurerm_subnet" "ingress" {
  name                 = "snet-ingress"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.main.name
  address_prefixes     = ["10.0.4.0/28"]
}

# Application Gateway subnet: HTTPS (and HTTP, redirected) from the internet,
# the gateway's own management ports, everything else denied.
resource "azurerm_network_security_group" "appgw" {
  name                = "nsg-appgw-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_network_security_rule" "allow_https" {
  name                        = "AllowHTTPS"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.appgw.name
}

resource "azurerm_network_security_rule" "allow_http_redirect" {
  name                        = "AllowHTTPRedirect"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "80"
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.appgw.name
}

# Required by Application Gateway v2 (health of the gateway instances).
resource "azurerm_network_security_rule" "allow_gateway_manager" {
  name                        = "AllowGatewayManager"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "65200-65535"
  source_address_prefix       = "GatewayManager"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.appgw.name
}

resource "azurerm_network_security_rule" "allow_azure_load_balancer" {
  name                        = "AllowAzureLoadBalancer"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "AzureLoadBalancer"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.appgw.name
}

resource "azurerm_network_security_rule" "deny_all_inbound" {
  name                        = "DenyAllInbound"
  priority                    = 4096
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.main.name
  network_security_group_name = azurerm_network_security_group.appgw.name
}

resource "azurerm_subnet_network_security_group_association" "appgw" {
  subnet_id                 = azurerm_subnet.appgw.id
  network_security_group_id = azurerm_network_security_group.appgw.id
}

# Private DNS: the services' public names resolve to their private endpoints
# inside the virtual network.
resource "azurerm_private_dns_zone" "zones" {
  for_each = local.private_dns_zones

  name                = each.value
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "zones" {
  for_each = local.private_dns_zones

  name                  = "link-\${each.key}"
  resource_group_name   = azurerm_resource_group.main.name
  private_dns_zone_name = azurerm_private_dns_zone.zones[each.key].name
  virtual_network_id    = azurerm_virtual_network.main.id
  tags                  = local.tags
}

locals {
  private_dns_zones = {
    postgres = "privatelink.postgres.database.azure.com"
    redis    = "privatelink.redis.cache.windows.net"
    blob     = "privatelink.blob.core.windows.net"
    keyvault = "privatelink.vaultcore.azure.net"
    registry = "privatelink.azurecr.io"
  }
}
`);
  files.set(`${DIR}/aks.tf`, `# The control plane's identity: it manages the internal load balancers in the
# virtual network (ingress-nginx) and so needs Network Contributor on it.
resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-aks-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_role_assignment" "aks_network" {
  scope                = azurerm_virtual_network.main.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  dns_prefix          = "aks-\${local.name}"
  kubernetes_version  = var.kubernetes_version
  # Uptime SLA (99.95% with availability zones).
  sku_tier                  = "Standard"
  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  # Entra ID sign-in with Azure RBAC; no local admin account.
  local_account_disabled            = true
  role_based_access_control_enabled = true
  azure_policy_enabled              = true

  # Workload identity: pods exchange their ServiceAccount token for an Entra ID
  # token (Key Vault through the CSI driver, Blob Storage).
  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  # The API server answers only the operators' and CI's addresses.
  api_server_access_profile {
    authorized_ip_ranges = var.management_ip_ranges
  }

  azure_active_directory_role_based_access_control {
    tenant_id              = data.azurerm_client_config.current.tenant_id
    azure_rbac_enabled     = true
    admin_group_object_ids = var.cluster_admin_group_object_ids
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  # System pool: 3 nodes across the zones, only for system pods.
  default_node_pool {
    name                         = "system"
    vm_size                      = var.node_vm_size
    node_count                   = var.system_node_count
    zones                        = ["1", "2", "3"]
    vnet_subnet_id               = azurerm_subnet.aks.id
    only_critical_addons_enabled = true
    os_disk_type                 = "Ephemeral"
    temporary_name_for_rotation  = "systemtmp"

    upgrade_settings {
      max_surge = "33%"
    }
  }

  # Azure CNI (overlay: pod addresses outside the /24 node subnet) with Azure
  # network policy, which enforces the Kubernetes NetworkPolicies of infra/k8s.
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "azure"
    load_balancer_sku   = "standard"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = "172.16.0.0/16"
    dns_service_ip      = "172.16.0.10"
  }

  # Secrets Store CSI driver with the Azure Key Vault provider.
  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  # Container Insights: pod logs and AKS diagnostics into Log Analytics.
  oms_agent {
    log_analytics_workspace_id      = azurerm_log_analytics_workspace.main.id
    msi_auth_for_monitoring_enabled = true
  }

  # Managed Prometheus (metrics to Azure Monitor, see monitoring.tf).
  monitor_metrics {}

  # Defender for Containers: runtime threat detection.
  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  }

  tags = local.tags

  depends_on = [azurerm_role_assignment.aks_network]
}

# User pool: the application pods, autoscaled from 3 to 10 nodes.
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  mode                  = "User"
  vm_size               = var.node_vm_size
  zones                 = ["1", "2", "3"]
  vnet_subnet_id        = azurerm_subnet.aks.id
  auto_scaling_enabled  = true
  min_count             = var.user_node_min_count
  max_count             = var.user_node_max_count
  os_disk_type          = "Ephemeral"
  tags                  = local.tags

  upgrade_settings {
    max_surge = "33%"
  }
}

# Spot pool: 0 to 5 nodes for interruptible work. Only pods that tolerate the
# spot taint land here; the frontend and backend do not.
resource "azurerm_kubernetes_cluster_node_pool" "spot" {
  name                  = "spot"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  mode                  = "User"
  vm_size               = var.node_vm_size
  zones                 = ["1", "2", "3"]
  vnet_subnet_id        = azurerm_subnet.aks.id
  priority              = "Spot"
  eviction_policy       = "Delete"
  spot_max_price        = -1
  auto_scaling_enabled  = true
  min_count             = 0
  max_count             = 5
  node_labels = {
    "kubernetes.azure.com/scalesetpriority" = "spot"
  }
  node_taints = ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"]
  tags        = local.tags
}

# The kubelet pulls images from ACR with its managed identity (no admin user).
resource "azurerm_role_assignment" "aks_acr_pull" {
  scope                            = azurerm_container_registry.main.id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.main.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}

# Azure RBAC for the cluster. Developers and admins may fetch a kubeconfig
# (Cluster User Role); developers only read (RBAC Reader), admins are
# cluster-admin through admin_group_object_ids above.
resource "azurerm_role_assignment" "aks_cluster_users" {
  for_each = toset(concat(var.developer_group_object_ids, var.cluster_admin_group_object_ids))

  scope                = azurerm_kubernetes_cluster.main.id
  role_definition_name = "Azure Kubernetes Service Cluster User Role"
  principal_id         = each.value
}

resource "azurerm_role_assignment" "aks_developers_read" {
  for_each = toset(var.developer_group_object_ids)

  scope                = azurerm_kubernetes_cluster.main.id
  role_definition_name = "Azure Kubernetes Service RBAC Reader"
  principal_id         = each.value
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "diag-aks"
  target_resource_id         = azurerm_kubernetes_cluster.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category = "kube-audit-admin"
  }

  enabled_log {
    category = "kube-apiserver"
  }

  enabled_log {
    category = "guard"
  }
}
`);
  files.set(`${DIR}/identity.tf`, `# Workload identities: one user-assigned identity per application, federated
# with its Kubernetes ServiceAccount (infra/k8s/base/*/serviceaccount.yaml).
resource "azurerm_user_assigned_identity" "backend" {
  name                = "id-backend-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_federated_identity_credential" "backend" {
  name                = "app-backend-backend-sa"
  resource_group_name = azurerm_resource_group.main.name
  parent_id           = azurerm_user_assigned_identity.backend.id
  issuer              = azurerm_kubernetes_cluster.main.oidc_issuer_url
  subject             = "system:serviceaccount:app-backend:backend-sa"
  audience            = ["api://AzureADTokenExchange"]
}

# The backend reads every application secret, and the uploaded files.
resource "azurerm_role_assignment" "backend_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.backend.principal_id
}

resource "azurerm_role_assignment" "backend_blob" {
  scope                = azurerm_storage_account.files.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.backend.principal_id
}

resource "azurerm_user_assigned_identity" "frontend" {
  name                = "id-frontend-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_federated_identity_credential" "frontend" {
  name                = "app-frontend-frontend-sa"
  resource_group_name = azurerm_resource_group.main.name
  parent_id           = azurerm_user_assigned_identity.frontend.id
  issuer              = azurerm_kubernetes_cluster.main.oidc_issuer_url
  subject             = "system:serviceaccount:app-frontend:frontend-sa"
  audience            = ["api://AzureADTokenExchange"]
}

# The frontend only reads the TLS certificate (for its Ingress).
resource "azurerm_role_assignment" "frontend_tls" {
  scope                = azurerm_key_vault_certificate.tls.resource_manager_versionless_id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.frontend.principal_id
}
`);
  files.set(`${DIR}/postgres.tf`, `resource "random_password" "postgres" {
  length  = 32
  special = false
}

# PostgreSQL 15, General Purpose D4s_v3, zone-redundant HA, 128 GB on P30
# (5000 IOPS) with auto-grow, 7-day geo-redundant backups. Reachable only
# through its private endpoint, TLS 1.2+ only.
resource "azurerm_postgresql_flexible_server" "main" {
  name                          = "psql-\${local.name}"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  version                       = "15"
  sku_name                      = "GP_Standard_D4s_v3"
  storage_mb                    = 131072
  storage_tier                  = "P30"
  auto_grow_enabled             = true
  backup_retention_days         = 7
  geo_redundant_backup_enabled  = true
  public_network_access_enabled = false
  zone                          = "1"
  administrator_login           = "psqladmin"
  administrator_password        = random_password.postgres.result

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = true
    tenant_id                     = data.azurerm_client_config.current.tenant_id
  }

  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }

  tags = local.tags

  lifecycle {
    # After a failover the primary and standby zones are swapped.
    ignore_changes = [zone, high_availability[0].standby_availability_zone]
  }
}

resource "azurerm_postgresql_flexible_server_database" "app" {
  name      = "app"
  server_id = azurerm_postgresql_flexible_server.main.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}

# Server parameters: TLS only (1.2+), 200 connections, and the built-in
# PgBouncer (port 6432) in transaction mode in front of them.
resource "azurerm_postgresql_flexible_server_configuration" "require_secure_transport" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server_configuration" "ssl_min_protocol_version" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "TLSv1.2"
}

resource "azurerm_postgresql_flexible_server_configuration" "max_connections" {
  name      = "max_connections"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "200"
}

resource "azurerm_postgresql_flexible_server_configuration" "pgbouncer_enabled" {
  name      = "pgbouncer.enabled"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "true"
}

resource "azurerm_postgresql_flexible_server_configuration" "pgbouncer_pool_mode" {
  name      = "pgbouncer.pool_mode"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "transaction"
}

resource "azurerm_postgresql_flexible_server_configuration" "pgbouncer_default_pool_size" {
  name      = "pgbouncer.default_pool_size"
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = "100"
}

resource "azurerm_private_endpoint" "postgres" {
  name                = "pe-psql-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "psql"
    private_connection_resource_id = azurerm_postgresql_flexible_server.main.id
    subresource_names              = ["postgresqlServer"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "postgres"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["postgres"].id]
  }
}
`);
  files.set(`${DIR}/redis.tf`, `# Azure Cache for Redis Premium P1 (6 GB): 2 shards with 1 replica each, RDB
# snapshots every 15 minutes, TLS 1.2+ on port 6380 only, private endpoint.
resource "azurerm_redis_cache" "main" {
  name                          = "redis-\${local.name}"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  sku_name                      = "Premium"
  family                        = "P"
  capacity                      = 1
  shard_count                   = 2
  replicas_per_primary          = 1
  redis_version                 = "6"
  non_ssl_port_enabled          = false
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.redis.id]
  }

  redis_configuration {
    rdb_backup_enabled                     = true
    rdb_backup_frequency                   = 15
    rdb_backup_max_snapshot_count          = 1
    data_persistence_authentication_method = "ManagedIdentity"
    storage_account_subscription_id        = data.azurerm_client_config.current.subscription_id
    rdb_storage_connection_string          = "DefaultEndpointsProtocol=https;BlobEndpoint=\${azurerm_storage_account.redis_backup.primary_blob_endpoint};AccountName=\${azurerm_storage_account.redis_backup.name}"
  }

  tags = local.tags

  depends_on = [azurerm_role_assignment.redis_backup]
}

# Redis writes its snapshots with a managed identity (no storage key).
resource "azurerm_user_assigned_identity" "redis" {
  name                = "id-redis-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_storage_account" "redis_backup" {
  name                            = "st\${local.compact_name}rdb"
  location                        = azurerm_resource_group.main.location
  resource_group_name             = azurerm_resource_group.main.name
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
  tags                            = local.tags

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }
}

resource "azurerm_role_assignment" "redis_backup" {
  scope                = azurerm_storage_account.redis_backup.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.redis.principal_id
}

resource "azurerm_private_endpoint" "redis" {
  name                = "pe-redis-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "redis"
    private_connection_resource_id = azurerm_redis_cache.main.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "redis"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["redis"].id]
  }
}
`);
  files.set(`${DIR}/storage.tf`, `# Blob Storage for uploaded files: GRS, Hot tier, versioning, 7-day soft
# delete, change feed, HTTPS and TLS 1.2+ only, private endpoint only. Shared
# keys stay enabled: the backend reads AZURE_STORAGE_CONNECTION_STRING from
# Key Vault (it can also use its workload identity, which has Blob Data
# Contributor).
resource "azurerm_storage_account" "files" {
  name                            = "st\${local.compact_name}"
  location                        = azurerm_resource_group.main.location
  resource_group_name             = azurerm_resource_group.main.name
  account_kind                    = "StorageV2"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  access_tier                     = "Hot"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false
  public_network_access_enabled   = false
  tags                            = local.tags

  blob_properties {
    versioning_enabled  = true
    change_feed_enabled = true

    delete_retention_policy {
      days = 7
    }

    container_delete_retention_policy {
      days = 7
    }
  }
}

# Created through Azure Resource Manager: the account has no public data plane.
resource "azurerm_storage_container" "uploaded_files" {
  name                  = "uploaded-files"
  storage_account_id    = azurerm_storage_account.files.id
  container_access_type = "private"
}

# Hot for 30 days, Cool until 90, Archive until 365, then deleted.
resource "azurerm_storage_management_policy" "files" {
  storage_account_id = azurerm_storage_account.files.id

  rule {
    name    = "move-to-cool"
    enabled = true

    filters {
      blob_types = ["blockBlob"]
    }

    actions {
      base_blob {
        tier_to_cool_after_days_since_modification_greater_than    = 30
        tier_to_archive_after_days_since_modification_greater_than = 90
        delete_after_days_since_modification_greater_than          = 365
      }
    }
  }
}

resource "azurerm_private_endpoint" "blob" {
  name                = "pe-blob-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.files.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "blob"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["blob"].id]
  }
}
`);
  files.set(`${DIR}/keyvault.tf`, `# Key Vault: RBAC authorization, purge protection, private endpoint. The
# firewall admits only the management ranges, so that Terraform can write the
# secrets below; the cluster reaches it through the private endpoint.
resource "azurerm_key_vault" "main" {
  name                          = "kv-\${local.name}"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = true
  tags                          = local.tags

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = var.management_ip_ranges
  }
}

# Whoever runs Terraform writes the secrets and the certificate.
resource "azurerm_role_assignment" "deployer_keyvault" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Administrator"
  principal_id         = data.azurerm_client_config.current.object_id
}

resource "azurerm_private_endpoint" "keyvault" {
  name                = "pe-kv-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "vault"
    private_connection_resource_id = azurerm_key_vault.main.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "keyvault"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["keyvault"].id]
  }
}

# The secrets the backend mounts (infra/k8s/base/backend/secretproviderclass.yaml).
resource "azurerm_key_vault_secret" "database_password" {
  name         = "database-password"
  value        = random_password.postgres.result
  key_vault_id = azurerm_key_vault.main.id
  content_type = "password"

  depends_on = [azurerm_role_assignment.deployer_keyvault]
}

resource "azurerm_key_vault_secret" "redis_password" {
  name         = "redis-password"
  value        = azurerm_redis_cache.main.primary_access_key
  key_vault_id = azurerm_key_vault.main.id
  content_type = "password"

  depends_on = [azurerm_role_assignment.deployer_keyvault]
}

resource "azurerm_key_vault_secret" "storage_connection_string" {
  name         = "storage-connection-string"
  value        = azurerm_storage_account.files.primary_connection_string
  key_vault_id = azurerm_key_vault.main.id
  content_type = "connection-string"

  depends_on = [azurerm_role_assignment.deployer_keyvault]
}

resource "random_password" "jwt_signing_key" {
  length  = 64
  special = false
}

resource "azurerm_key_vault_secret" "jwt_signing_key" {
  name         = "jwt-signing-key"
  value        = random_password.jwt_signing_key.result
  key_vault_id = azurerm_key_vault.main.id
  content_type = "password"

  depends_on = [azurerm_role_assignment.deployer_keyvault]
}

resource "azurerm_key_vault_secret" "appinsights_connection_string" {
  name         = "appinsights-connection-string"
  value        = azurerm_application_insights.main.connection_string
  key_vault_id = azurerm_key_vault.main.id
  content_type = "connection-string"

  depends_on = [azurerm_role_assignment.deployer_keyvault]
}

# The TLS certificate of the domain, used by the Application Gateway listener
# and by ingress-nginx (synced into the tls-certificate Secrets). Created
# self-signed so the first apply completes: import the CA-issued certificate as
# a new version of "tls-certificate" before going live (README.md).
resource "azurerm_key_vault_certificate" "tls" {
  name         = "tls-certificate"
  key_vault_id = azurerm_key_vault.main.id

  certificate_policy {
    issuer_parameters {
      name = "Self"
    }

    key_properties {
      exportable = true
      key_type   = "RSA"
      key_size   = 2048
      reuse_key  = false
    }

    secret_properties {
      content_type = "application/x-pkcs12"
    }

    x509_certificate_properties {
      subject            = "CN=\${var.domain}"
      validity_in_months = 12
      key_usage          = ["digitalSignature", "keyEncipherment"]
      extended_key_usage = ["1.3.6.1.5.5.7.3.1"]

      subject_alternative_names {
        dns_names = [var.domain]
      }
    }

    lifetime_action {
      action {
        action_type = "AutoRenew"
      }

      trigger {
        days_before_expiry = 30
      }
    }
  }

  lifecycle {
    # An imported CA-issued version changes the issuer: keep it.
    ignore_changes = [certificate_policy]
  }

  depends_on = [azurerm_role_assignment.deployer_keyvault]
}

resource "azurerm_monitor_diagnostic_setting" "keyvault" {
  name                       = "diag-kv"
  target_resource_id         = azurerm_key_vault.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category = "AuditEvent"
  }
}
`);
  files.set(`${DIR}/registry.tf`, `# Azure Container Registry Premium: no admin user (AKS pulls with its kubelet
# identity, CI pushes with its own), geo-replicated, private endpoint for the
# cluster; CI pushes from the management ranges.
resource "azurerm_container_registry" "main" {
  name                          = var.acr_name
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  sku                           = "Premium"
  admin_enabled                 = false
  public_network_access_enabled = true
  zone_redundancy_enabled       = true
  tags                          = local.tags

  network_rule_set {
    default_action = "Deny"

    dynamic "ip_rule" {
      for_each = var.management_ip_ranges

      content {
        action   = "Allow"
        ip_range = ip_rule.value
      }
    }
  }

  dynamic "georeplications" {
    for_each = var.acr_replica_locations

    content {
      location                = georeplications.value
      zone_redundancy_enabled = true
      tags                    = local.tags
    }
  }
}

resource "azurerm_private_endpoint" "registry" {
  name                = "pe-acr-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.main.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "registry"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["registry"].id]
  }
}
`);
  files.set(`${DIR}/appgw.tf`, `# Application Gateway WAF_v2: the entry point. TLS 1.2+ with the Key Vault
# certificate, HTTP redirected to HTTPS, autoscaled from 2 to 10 instances
# over three zones, re-encrypting to the internal ingress-nginx load balancer.
resource "azurerm_public_ip" "appgw" {
  name                = "pip-agw-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
  tags                = local.tags
}

# The gateway reads the certificate from Key Vault with this identity.
resource "azurerm_user_assigned_identity" "appgw" {
  name                = "id-agw-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_role_assignment" "appgw_tls" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.appgw.principal_id
}

# OWASP Core Rule Set 3.2 in prevention mode, a per-client rate limit (100
# requests a minute) and a geo filter.
resource "azurerm_web_application_firewall_policy" "main" {
  name                = "waf\${local.compact_name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags

  custom_rules {
    name                 = "RateLimitRule"
    priority             = 1
    rule_type            = "RateLimitRule"
    rate_limit_duration  = "OneMin"
    rate_limit_threshold = 100
    group_rate_limit_by  = "ClientAddr"
    action               = "Block"

    match_conditions {
      match_variables {
        variable_name = "RemoteAddr"
      }
      operator = "Any"
    }
  }

  custom_rules {
    name      = "GeoFilterRule"
    priority  = 2
    rule_type = "MatchRule"
    action    = "Block"

    match_conditions {
      match_variables {
        variable_name = "RemoteAddr"
      }
      operator           = "GeoMatch"
      negation_condition = true
      match_values       = var.allowed_countries
    }
  }

  policy_settings {
    enabled                     = true
    mode                        = "Prevention"
    request_body_check          = true
    file_upload_limit_in_mb     = 100
    max_request_body_size_in_kb = 128
  }

  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

locals {
  appgw_frontend_ip = "public"
  appgw_backend     = "ingress-nginx"
  appgw_certificate = "tls-certificate"
}

resource "azurerm_application_gateway" "main" {
  name                = "agw-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  zones               = ["1", "2", "3"]
  firewall_policy_id  = azurerm_web_application_firewall_policy.main.id
  tags                = local.tags

  sku {
    name = "WAF_v2"
    tier = "WAF_v2"
  }

  autoscale_configuration {
    min_capacity = 2
    max_capacity = 10
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.appgw.id]
  }

  gateway_ip_configuration {
    name      = "gateway"
    subnet_id = azurerm_subnet.appgw.id
  }

  frontend_ip_configuration {
    name                 = local.appgw_frontend_ip
    public_ip_address_id = azurerm_public_ip.appgw.id
  }

  frontend_port {
    name = "https"
    port = 443
  }

  frontend_port {
    name = "http"
    port = 80
  }

  ssl_certificate {
    name                = local.appgw_certificate
    key_vault_secret_id = azurerm_key_vault_certificate.tls.versionless_secret_id
  }

  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20220101"
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = local.appgw_frontend_ip
    frontend_port_name             = "https"
    protocol                       = "Https"
    host_name                      = var.domain
    require_sni                    = true
    ssl_certificate_name           = local.appgw_certificate
  }

  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = local.appgw_frontend_ip
    frontend_port_name             = "http"
    protocol                       = "Http"
    host_name                      = var.domain
  }

  redirect_configuration {
    name                 = "http-to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
    include_path         = true
    include_query_string = true
  }

  # The internal load balancer of ingress-nginx (snet-ingress).
  backend_address_pool {
    name         = local.appgw_backend
    ip_addresses = [var.ingress_private_ip]
  }

  probe {
    name                = local.appgw_backend
    protocol            = "Https"
    host                = var.domain
    path                = "/"
    interval            = 30
    timeout             = 10
    unhealthy_threshold = 3

    match {
      status_code = ["200-399"]
    }
  }

  # HTTPS to ingress-nginx as well, with cookie-based session affinity.
  backend_http_settings {
    name                  = local.appgw_backend
    protocol              = "Https"
    port                  = 443
    host_name             = var.domain
    cookie_based_affinity = "Enabled"
    request_timeout       = 60
    probe_name            = local.appgw_backend
  }

  request_routing_rule {
    name                       = "https"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = local.appgw_backend
    backend_http_settings_name = local.appgw_backend
  }

  request_routing_rule {
    name                        = "http-to-https"
    priority                    = 200
    rule_type                   = "Basic"
    http_listener_name          = "http"
    redirect_configuration_name = "http-to-https"
  }

  depends_on = [azurerm_role_assignment.appgw_tls, azurerm_private_endpoint.keyvault]
}

resource "azurerm_monitor_diagnostic_setting" "appgw" {
  name                       = "diag-agw"
  target_resource_id         = azurerm_application_gateway.main.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category = "ApplicationGatewayAccessLog"
  }

  enabled_log {
    category = "ApplicationGatewayFirewallLog"
  }
}
`);
  files.set(`${DIR}/monitoring.tf`, `# Log Analytics (90-day retention) for pod logs, AKS diagnostics and resource
# logs; Application Insights on top of it for the backend's telemetry.
resource "azurerm_log_analytics_workspace" "main" {
  name                = "log-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "PerGB2018"
  retention_in_days   = 90
  tags                = local.tags
}

resource "azurerm_application_insights" "main" {
  name                = "appi-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  workspace_id        = azurerm_log_analytics_workspace.main.id
  application_type    = "web"
  tags                = local.tags
}

# Managed Prometheus: the AKS metrics add-on scrapes the cluster and the
# backend's /metrics and sends them to an Azure Monitor workspace.
resource "azurerm_monitor_workspace" "main" {
  name                = "amw-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_monitor_data_collection_endpoint" "prometheus" {
  name                = "dce-prometheus-\${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  kind                = "Linux"
  tags                = local.tags
}

resource "azurerm_monitor_data_collection_rule" "prometheus" {
  name                        = "dcr-prometheus-\${local.name}"
  location                    = azurerm_resource_group.main.location
  resource_group_name         = azurerm_resource_group.main.name
  data_collection_endpoint_id = azurerm_monitor_data_collection_endpoint.prometheus.id
  kind                        = "Linux"
  tags                        = local.tags

  destinations {
    monitor_account {
      monitor_account_id = azurerm_monitor_workspace.main.id
      name               = "monitor-workspace"
    }
  }

  data_flow {
    streams      = ["Microsoft-PrometheusMetrics"]
    destinations = ["monitor-workspace"]
  }

  data_sources {
    prometheus_forwarder {
      streams = ["Microsoft-PrometheusMetrics"]
      name    = "prometheus"
    }
  }
}

resource "azurerm_monitor_data_collection_rule_association" "prometheus" {
  name                    = "dcra-prometheus"
  target_resource_id      = azurerm_kubernetes_cluster.main.id
  data_collection_rule_id = azurerm_monitor_data_collection_rule.prometheus.id
}
`);
  files.set(`${DIR}/outputs.tf`, `output "resource_group_name" {
  value = azurerm_resource_group.main.name
}

output "cluster_name" {
  value = azurerm_kubernetes_cluster.main.name
}

output "public_ip_address" {
  description = "Point the domain's DNS record here (the Application Gateway)."
  value       = azurerm_public_ip.appgw.ip_address
}

output "tenant_id" {
  value = data.azurerm_client_config.current.tenant_id
}

output "backend_client_id" {
  description = "BACKEND_CLIENT_ID of infra/k8s/base/azure-outputs.env."
  value       = azurerm_user_assigned_identity.backend.client_id
}

output "frontend_client_id" {
  description = "FRONTEND_CLIENT_ID of infra/k8s/base/azure-outputs.env."
  value       = azurerm_user_assigned_identity.frontend.client_id
}

output "key_vault_name" {
  value = azurerm_key_vault.main.name
}

output "postgres_fqdn" {
  value = azurerm_postgresql_flexible_server.main.fqdn
}

output "redis_hostname" {
  value = azurerm_redis_cache.main.hostname
}

output "acr_login_server" {
  value = azurerm_container_registry.main.login_server
}
`);
  files.set(`${DIR}/terraform.tfvars.example`, tfvarsExample());
  files.set(`${DIR}/backend.hcl.example`, backendExample(i));
  return files;
}

/** The region the registry is replicated to: the seed's secondary region (West US), or East US when that is the primary. */
export function replicaLocation(location: string): string {
  return location === 'westus' ? 'eastus' : 'westus';
}

function tfvarsExample(): string {
  return `# Copy to terraform.tfvars (not committed) and fill in.

# Egress addresses of the operators and the CI runners: the AKS API server,
# Key Vault and ACR admit only these.
management_ip_ranges = ["203.0.113.0/24"]

# Entra ID groups (object IDs).
cluster_admin_group_object_ids = []
developer_group_object_ids     = []
`;
}

function backendExample(i: AzureSaasInput): string {
  return `# Remote state: copy to backend.hcl and run terraform init -backend-config=backend.hcl.
# The storage account holding the state is created once, outside this configuration.
resource_group_name  = "rg-tfstate"
storage_account_name = "sttfstate${i.prefix}"
container_name       = "tfstate"
key                  = "${i.prefix}-${i.environment}.tfstate"
use_azuread_auth     = true
`;
}
