# One Docker repository for the three images: back, front and dbmigrate.
resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = var.registry_repository_id
  format        = "DOCKER"
  description   = "DomainDesk images: ${join(", ", local.images)}"
}

# The nodes pull images from this repository only (the kubelet pulls with the
# node's identity, not the Pod's).
resource "google_artifact_registry_repository_iam_member" "nodes_reader" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.nodes.email}"
}
