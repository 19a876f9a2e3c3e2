# Ingress rules for the nodes. A VPC denies all ingress by default, so these
# two rules are everything that is opened from outside; GKE adds its own rules
# for the control plane, health checks and intra-cluster traffic.
#
# Note: for a Service of type LoadBalancer GKE also creates a k8s-fw-* rule
# for the Service's ports, open to spec.loadBalancerSourceRanges (everyone when
# empty). The Traefik Service must therefore either not publish the admin port
# or list the same admin ranges in loadBalancerSourceRanges.

resource "google_compute_firewall" "web" {
  name        = "${var.cluster_name}-allow-web"
  network     = google_compute_network.vpc.id
  description = "HTTP and HTTPS from anywhere to the ingress (Traefik) on the nodes."
  direction   = "INGRESS"

  source_ranges = [local.internet_cidr]
  target_tags   = [local.node_tag]

  allow {
    protocol = "tcp"
    ports    = local.web_ports
  }
}

resource "google_compute_firewall" "admin" {
  # An ingress rule without sources would match 0.0.0.0/0, so no rule at all
  # is created while admin_cidrs is empty.
  count = length(var.admin_cidrs) > 0 ? 1 : 0

  name        = "${var.cluster_name}-allow-admin"
  network     = google_compute_network.vpc.id
  description = "Admin port from the listed admin ranges only."
  direction   = "INGRESS"

  source_ranges = var.admin_cidrs
  target_tags   = [local.node_tag]

  allow {
    protocol = "tcp"
    ports    = [tostring(var.admin_port)]
  }
}
