# Reserved regional address for the Traefik Service of type LoadBalancer. It
# survives the Service (and the cluster) being recreated, so DNS records and
# Let's Encrypt certificates keep pointing at the same IP. The Service refers
# to it by name (annotation networking.gke.io/load-balancer-ip-addresses) or,
# on older setups, by address (spec.loadBalancerIP).
resource "google_compute_address" "ingress" {
  name         = "${var.cluster_name}-ingress"
  region       = var.region
  address_type = "EXTERNAL"
  network_tier = "PREMIUM"
  description  = "Traefik LoadBalancer of ${var.cluster_name}"
}
