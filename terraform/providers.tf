# Credentials come from the environment (Application Default Credentials:
# `gcloud auth application-default login` on a workstation, Workload Identity
# Federation in CI). No key file is referenced here on purpose.
provider "google" {
  project        = var.project_id
  region         = var.region
  default_labels = local.labels
}

provider "google-beta" {
  project        = var.project_id
  region         = var.region
  default_labels = local.labels
}

# The cluster this configuration creates, reached with the caller's own
# short-lived Google access token: the machine running terraform must be in
# master_authorized_cidrs. Nothing is written to a kubeconfig.
data "google_client_config" "current" {}

provider "helm" {
  kubernetes = {
    host                   = "https://${google_container_cluster.primary.endpoint}"
    token                  = data.google_client_config.current.access_token
    cluster_ca_certificate = base64decode(google_container_cluster.primary.master_auth[0].cluster_ca_certificate)
  }
}
