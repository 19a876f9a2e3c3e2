terraform {
  # 1.9+ lets a variable's validation refer to other variables (used in
  # variables.tf); 1.11 is the version this configuration is tested with.
  required_version = ">= 1.11, < 2.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
    # Configured in providers.tf so that a beta-only GKE field can be adopted
    # with `provider = google-beta` without touching the version pins.
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 7.0"
    }
    # Installs the cluster's prerequisites (cluster-addons.tf) in the same
    # apply that creates the cluster.
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    # Generates the application's secrets once (secrets.tf).
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
    # Writes k8s/gke.env, the manifests' view of this configuration (kubernetes.tf).
    local = {
      source  = "hashicorp/local"
      version = "~> 2.5"
    }
  }
}
