# Keyless access for the GitHub Actions workflows (.github/workflows/deploy.yml):
# GitHub's OIDC token is exchanged through Workload Identity Federation for a
# short-lived token of one service account. No JSON key exists anywhere.
# Needs the iamcredentials and sts APIs (docs/terraform.md, "Prerequisites").
#
# The deploy workflow copies images, applies k8s/ and waits; everything else
# (the cluster, Helm releases, Secret Manager, IAM) is terraform's, run by a
# person. So the deployer gets no Secret Manager, IAM or cluster-admin role:
# External Secrets Operator reads the secrets in the cluster as its own
# service account (secrets.tf).

resource "google_iam_workload_identity_pool" "github" {
  workload_identity_pool_id = var.github_wif_pool_id
  display_name              = "GitHub Actions"
  description               = "OIDC tokens of the GitHub Actions runs of ${var.github_repository}"
}

resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github"
  display_name                       = "GitHub OIDC"

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }

  attribute_mapping = {
    "google.subject"             = "assertion.sub"
    "attribute.repository"       = "assertion.repository"
    "attribute.repository_owner" = "assertion.repository_owner"
    "attribute.ref"              = "assertion.ref"
    "attribute.environment"      = "assertion.environment"
  }

  # Every GitHub repository can ask token.actions.githubusercontent.com for a
  # token: without this condition any of them could use the pool.
  attribute_condition = "assertion.repository == \"${var.github_repository}\""
}

# The deployer: pushes images to the one repository and deploys to the
# cluster. "<cluster_name>-deploy" stays within the 30-character ID limit.
resource "google_service_account" "github_deployer" {
  account_id   = "${var.cluster_name}-deploy"
  display_name = "GitHub Actions deployer of ${var.github_repository}"
}

# Only workflow runs of the repository may act as the deployer.
resource "google_service_account_iam_member" "github_deployer_wif" {
  service_account_id = google_service_account.github_deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.repository/${var.github_repository}"
}

# Push the released images, on this repository only.
resource "google_artifact_registry_repository_iam_member" "github_deployer_writer" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.github_deployer.email}"
}

# kubectl apply / rollout status on the cluster's Kubernetes objects. GKE has
# no per-cluster IAM, so this is the narrowest IAM grant that can deploy;
# it does not allow changing the cluster itself or its IAM.
resource "google_project_iam_member" "github_deployer_cluster" {
  project = var.project_id
  role    = "roles/container.developer"
  member  = "serviceAccount:${google_service_account.github_deployer.email}"
}
