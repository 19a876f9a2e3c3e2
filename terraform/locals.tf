locals {
  # Every labelled resource gets these through the providers' default_labels,
  # so cost reports can be filtered by app and cluster.
  labels = merge(var.labels, {
    app        = "domaindesk"
    cluster    = var.cluster_name
    managed-by = "terraform"
  })

  network_name        = "${var.cluster_name}-vpc"
  subnet_name         = "${var.cluster_name}-nodes"
  pods_range_name     = "${var.cluster_name}-pods"
  services_range_name = "${var.cluster_name}-services"

  # Network tag carried by every node; the firewall rules target it.
  node_tag = "${var.cluster_name}-node"

  # Boot disks of the nodes: balanced PD costs less than SSD and is faster
  # than standard PD for image pulls.
  node_disk_type = "pd-balanced"

  # The only ports reachable from the whole internet: HTTP (redirected to
  # HTTPS by Traefik) and HTTPS.
  internet_cidr = "0.0.0.0/0"
  web_ports     = ["80", "443"]

  # Least privilege for the nodes' own identity: write logs and metrics, read
  # monitoring config for the agents. Image pulls are granted on the one
  # repository in registry.tf, not project-wide. Workloads that call Google
  # APIs get their own identity through Workload Identity instead.
  node_project_roles = toset([
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
  ])

  # The images of the three deployables pushed to Artifact Registry.
  images       = ["back", "front", "dbmigrate"]
  registry_url = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}
