# A dedicated VPC: subnets are declared explicitly instead of one per region.
resource "google_compute_network" "vpc" {
  name                    = local.network_name
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"
}

# One subnet for the nodes, with secondary ranges for Pods and Services so the
# cluster is VPC-native (alias IPs: Pods are routable in the VPC, required by
# Dataplane V2 and container-native load balancing).
resource "google_compute_subnetwork" "nodes" {
  name          = local.subnet_name
  region        = var.region
  network       = google_compute_network.vpc.id
  ip_cidr_range = var.nodes_cidr

  # Private nodes have no external IP; this lets them reach Google APIs
  # (Artifact Registry, Logging, Monitoring) without going through the NAT.
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = local.pods_range_name
    ip_cidr_range = var.pods_cidr
  }

  secondary_ip_range {
    range_name    = local.services_range_name
    ip_cidr_range = var.services_cidr
  }
}

# Private nodes still need outbound internet access (Let's Encrypt ACME,
# external OIDC issuer): Cloud NAT gives it without any inbound exposure.
resource "google_compute_router" "nat" {
  name    = "${var.cluster_name}-router"
  region  = var.region
  network = google_compute_network.vpc.id
}

resource "google_compute_router_nat" "nat" {
  name                               = "${var.cluster_name}-nat"
  router                             = google_compute_router.nat.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"

  subnetwork {
    name                    = google_compute_subnetwork.nodes.self_link
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}
