resource "google_container_cluster" "primary" {
  name     = var.cluster_name
  location = var.region # regional control plane, replicated across zones

  node_locations = var.zones

  # Refuses `terraform destroy` (and replacements) while true; see
  # docs/terraform.md for tearing the cluster down.
  deletion_protection = var.deletion_protection

  # Node pools are managed as a separate resource (below), so the
  # default pool is created with one node, as the API requires, and removed.
  remove_default_node_pool = true
  initial_node_count       = 1

  network         = google_compute_network.vpc.id
  subnetwork      = google_compute_subnetwork.nodes.id
  networking_mode = "VPC_NATIVE"

  ip_allocation_policy {
    cluster_secondary_range_name  = local.pods_range_name
    services_secondary_range_name = local.services_range_name
  }

  release_channel {
    channel = var.release_channel
  }

  # Dataplane V2 (eBPF) enforces Kubernetes NetworkPolicies itself, so no
  # network_policy block (Calico) is set: the two are mutually exclusive.
  datapath_provider = "ADVANCED_DATAPATH"

  enable_shielded_nodes = true

  # Pods get Google identities through Kubernetes service accounts instead of
  # the node's service account.
  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  # Nodes get internal IPs only; the API endpoint stays public but answers
  # only the authorized networks below.
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = var.master_ipv4_cidr
  }

  master_authorized_networks_config {
    dynamic "cidr_blocks" {
      for_each = var.master_authorized_cidrs
      content {
        cidr_block   = cidr_blocks.value.cidr_block
        display_name = cidr_blocks.value.display_name
      }
    }
  }

  addons_config {
    # Needed by both the StorageClass-provisioned disk and the optional
    # pre-created disk (disk.tf) for MySQL.
    gce_persistent_disk_csi_driver_config {
      enabled = true
    }
  }
}

resource "google_container_node_pool" "primary" {
  name     = "${var.cluster_name}-pool"
  cluster  = google_container_cluster.primary.id
  location = var.region

  # Per zone: a regional pool in three zones runs 3 to 9 nodes by default.
  autoscaling {
    min_node_count = var.min_node_count
    max_node_count = var.max_node_count
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    machine_type = var.machine_type
    disk_size_gb = var.node_disk_size_gb
    disk_type    = local.node_disk_type

    # What the nodes may do is decided by the service account's IAM roles
    # (iam.tf); the broad scope is Google's recommendation with a custom
    # service account, since scopes and IAM are intersected.
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    tags = [local.node_tag]

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }

    # Pods see the GKE metadata server (Workload Identity), never the node's
    # own credentials.
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}
