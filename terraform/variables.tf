variable "project_id" {
  type        = string
  description = "ID of the Google Cloud project that holds the cluster (not its number or display name)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a project ID: 6 to 30 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  type        = string
  description = "Region of the cluster, its subnet, the NAT, the ingress IP and the image registry."
  default     = "europe-west1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a Compute Engine region such as europe-west1."
  }
}

variable "zones" {
  type        = list(string)
  description = "Zones of the region that run nodes. The control plane is regional either way; each zone adds min_node_count nodes. The first zone also holds the optional MySQL disk."
  default     = ["europe-west1-b", "europe-west1-c", "europe-west1-d"]

  validation {
    condition     = length(var.zones) > 0 && alltrue([for z in var.zones : startswith(z, "${var.region}-")])
    error_message = "zones must list at least one zone, all in var.region (for example europe-west1-b)."
  }
}

variable "cluster_name" {
  type        = string
  description = "Name of the GKE cluster; also the prefix of the network, firewall, NAT, IP and service account names."
  default     = "domaindesk"

  validation {
    # 22 characters keep "<name>-nodes" within the 30-character limit of a
    # service account ID.
    condition     = can(regex("^[a-z][a-z0-9-]{0,20}[a-z0-9]$", var.cluster_name))
    error_message = "cluster_name must be 2 to 22 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "nodes_cidr" {
  type        = string
  description = "Primary range of the subnet: one address per node."
  default     = "10.10.0.0/20"

  validation {
    condition     = can(cidrhost(var.nodes_cidr, 0))
    error_message = "nodes_cidr must be an IPv4 CIDR block."
  }
}

variable "pods_cidr" {
  type        = string
  description = "Secondary range of the subnet for Pod IPs (VPC-native cluster). A /14 allows about 1000 nodes at 110 Pods each."
  default     = "10.16.0.0/14"

  validation {
    condition     = can(cidrhost(var.pods_cidr, 0))
    error_message = "pods_cidr must be an IPv4 CIDR block."
  }
}

variable "services_cidr" {
  type        = string
  description = "Secondary range of the subnet for Service ClusterIPs."
  default     = "10.20.0.0/20"

  validation {
    condition     = can(cidrhost(var.services_cidr, 0))
    error_message = "services_cidr must be an IPv4 CIDR block."
  }
}

variable "master_ipv4_cidr" {
  type        = string
  description = "Private /28 range of the GKE control plane. Must not overlap any range of the VPC."
  default     = "172.16.0.0/28"

  validation {
    condition     = can(cidrhost(var.master_ipv4_cidr, 0)) && endswith(var.master_ipv4_cidr, "/28")
    error_message = "master_ipv4_cidr must be an IPv4 /28 block."
  }
}

variable "master_authorized_cidrs" {
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
  description = "Networks allowed to reach the Kubernetes API (kubectl, CI). Empty allows no external network (the nodes always reach it)."
  default     = []

  validation {
    condition     = alltrue([for n in var.master_authorized_cidrs : can(cidrhost(n.cidr_block, 0)) && !endswith(n.cidr_block, "/0")])
    error_message = "master_authorized_cidrs entries must be CIDR blocks narrower than the whole internet (no /0)."
  }
}

variable "ingress_host" {
  type        = string
  description = "Public host name of the application (its DNS A record points at the ingress_ip_address output); Ingress rule and Let's Encrypt certificate."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.ingress_host)) && length(var.ingress_host) <= 253
    error_message = "ingress_host must be a fully qualified DNS name in lower case, such as domaindesk.example.org (no scheme, port or path)."
  }
}

variable "letsencrypt_email" {
  type        = string
  description = "E-mail address of the Let's Encrypt ACME account (expiry and policy notices)."

  validation {
    condition     = can(regex("^[^@\\s]+@([a-z0-9-]+\\.)+[a-z]{2,63}$", lower(var.letsencrypt_email)))
    error_message = "letsencrypt_email must be an e-mail address such as ops@example.org."
  }
}

variable "admin_email" {
  type        = string
  description = "E-mail address (sign-in name) of the application's first administrator, created by the first migration. Null uses letsencrypt_email. Its password is generated (secrets.tf)."
  default     = null

  validation {
    condition     = var.admin_email == null || can(regex("^[^@\\s]+@([a-z0-9-]+\\.)+[a-z]{2,63}$", lower(coalesce(var.admin_email, "x@x.xx"))))
    error_message = "admin_email must be an e-mail address such as admin@example.org, or null."
  }
}

variable "machine_type" {
  type        = string
  description = "Compute Engine machine type of the nodes."
  default     = "e2-standard-2"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]*-[a-z0-9-]+$", var.machine_type))
    error_message = "machine_type must be a machine type name such as e2-standard-2."
  }
}

variable "node_disk_size_gb" {
  type        = number
  description = "Boot disk size of each node in GB (images and emptyDir volumes live there)."
  default     = 50

  validation {
    condition     = var.node_disk_size_gb >= 10
    error_message = "node_disk_size_gb must be at least 10 (the GKE minimum)."
  }
}

variable "min_node_count" {
  type        = number
  description = "Minimum number of nodes per zone for the cluster autoscaler."
  default     = 1

  validation {
    condition     = var.min_node_count >= 0 && floor(var.min_node_count) == var.min_node_count
    error_message = "min_node_count must be a whole number, 0 or more."
  }
}

variable "max_node_count" {
  type        = number
  description = "Maximum number of nodes per zone for the cluster autoscaler."
  default     = 3

  validation {
    condition     = var.max_node_count >= max(var.min_node_count, 1) && floor(var.max_node_count) == var.max_node_count
    error_message = "max_node_count must be a whole number, at least 1 and at least min_node_count."
  }
}

variable "release_channel" {
  type        = string
  description = "GKE release channel that drives automatic control plane and node upgrades."
  default     = "REGULAR"

  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "release_channel must be RAPID, REGULAR or STABLE."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to destroy the cluster. Set to false and apply before terraform destroy."
  default     = true
}

variable "registry_repository_id" {
  type        = string
  description = "ID of the Artifact Registry Docker repository that receives the back, front and dbmigrate images."
  default     = "domaindesk"

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", var.registry_repository_id))
    error_message = "registry_repository_id must be lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "create_data_disk" {
  type        = bool
  description = "Create the pre-provisioned zonal persistent disk for MySQL, as the original monolith had. False lets the cluster provision it from the PersistentVolumeClaim (see docs/terraform.md)."
  default     = false
}

variable "data_disk_size_gb" {
  type        = number
  description = "Size in GB of the optional MySQL disk."
  default     = 20

  validation {
    condition     = var.data_disk_size_gb >= 10
    error_message = "data_disk_size_gb must be at least 10."
  }
}

variable "data_disk_type" {
  type        = string
  description = "Persistent disk type of the optional MySQL disk."
  default     = "pd-balanced"

  validation {
    condition     = contains(["pd-standard", "pd-balanced", "pd-ssd"], var.data_disk_type)
    error_message = "data_disk_type must be pd-standard, pd-balanced or pd-ssd."
  }
}

variable "labels" {
  type        = map(string)
  description = "Extra labels for every labelled resource (for example team or cost-center)."
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", k)) && can(regex("^[a-z0-9_-]{0,63}$", v))])
    error_message = "labels keys and values must be lower-case letters, digits, underscores or hyphens (keys start with a letter, 63 characters at most)."
  }
}

variable "github_repository" {
  type        = string
  description = "GitHub repository (owner/name) whose Actions runs may deploy through Workload Identity Federation (github-actions.tf)."

  validation {
    condition     = can(regex("^[A-Za-z0-9-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name, e.g. my-org/domaindesk."
  }
}

variable "github_wif_pool_id" {
  type        = string
  description = "ID of the Workload Identity pool for GitHub Actions. A deleted pool keeps its ID for 30 days: pick another one to recreate it sooner."
  default     = "github-actions"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{2,30}[a-z0-9]$", var.github_wif_pool_id)) && !startswith(var.github_wif_pool_id, "gcp-")
    error_message = "github_wif_pool_id must be 4 to 32 lower-case letters, digits or hyphens, not starting with gcp-."
  }
}

variable "backup_bucket_name" {
  type        = string
  description = "Name of the Cloud Storage bucket of the MySQL dumps (globally unique). Null uses <project_id>-<cluster_name>-backups."
  default     = null

  validation {
    condition     = var.backup_bucket_name == null || can(regex("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$", coalesce(var.backup_bucket_name, "x")))
    error_message = "backup_bucket_name must be 3 to 63 lower-case letters, digits, hyphens or underscores, starting and ending with a letter or digit, or null."
  }
}

variable "backup_bucket_location" {
  type        = string
  description = "Location of the backup bucket: a region (europe-west1), a dual-region (EUR4) or a multi-region (EU), which survives the loss of the cluster's region. Null uses var.region."
  default     = null

  validation {
    condition     = var.backup_bucket_location == null || can(regex("^([a-z]+-[a-z]+[0-9]+|[A-Z]+[0-9]*)$", coalesce(var.backup_bucket_location, "EU")))
    error_message = "backup_bucket_location must be a region such as europe-west1, a dual-region such as EUR4 or a multi-region such as EU, or null."
  }
}

variable "backup_retention_days" {
  type        = number
  description = "Days a dump stays in the backup bucket before it becomes a noncurrent version (deleted backup_noncurrent_retention_days later). One dump a day: this many restore points."
  default     = 30

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 3650 && floor(var.backup_retention_days) == var.backup_retention_days
    error_message = "backup_retention_days must be a whole number from 1 to 3650."
  }
}

variable "backup_noncurrent_retention_days" {
  type        = number
  description = "Days a noncurrent version of a dump (aged out, overwritten or deleted) is kept before it is deleted for good."
  default     = 7

  validation {
    condition     = var.backup_noncurrent_retention_days >= 1 && var.backup_noncurrent_retention_days <= 365 && floor(var.backup_noncurrent_retention_days) == var.backup_noncurrent_retention_days
    error_message = "backup_noncurrent_retention_days must be a whole number from 1 to 365."
  }
}
