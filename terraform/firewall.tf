# Ingress rules for the nodes. A VPC denies all ingress by default, so this
# rule is everything that is opened from outside; GKE adds its own rules for
# the control plane, health checks and intra-cluster traffic, and a k8s-fw-*
# rule for each port a Service of type LoadBalancer publishes (Traefik: 80 and
# 443 only). Nothing else listens: there is no admin port to open; reach
# dashboards with `kubectl port-forward`.

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
