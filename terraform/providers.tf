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
