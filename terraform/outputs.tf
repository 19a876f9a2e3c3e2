output "cluster_name" {
  description = "Name of the GKE cluster."
  value       = google_container_cluster.primary.name
}

output "cluster_location" {
  description = "Location (region) of the GKE cluster, for gcloud --location."
  value       = google_container_cluster.primary.location
}

output "get_credentials_command" {
  description = "Command that writes a kubeconfig entry for the cluster (the caller's IP must be in master_authorized_cidrs)."
  value       = "gcloud container clusters get-credentials ${google_container_cluster.primary.name} --location ${google_container_cluster.primary.location} --project ${var.project_id}"
}

output "ingress_ip_address" {
  description = "Reserved external IPv4 address of the Traefik LoadBalancer: point the DNS records here."
  value       = google_compute_address.ingress.address
}

output "ingress_ip_name" {
  description = "Name of the reserved address; k8s/gke.env (INGRESS_IP_NAME) puts it in the networking.gke.io/load-balancer-ip-addresses annotation of the Traefik Service."
  value       = google_compute_address.ingress.name
}

output "url" {
  description = "Address of the application once `kubectl apply -k k8s/` has run and the DNS record of ingress_host points at ingress_ip_address."
  value       = "https://${var.ingress_host}"
}

output "gke_env_file" {
  description = "The file this apply wrote for the Kubernetes manifests (k8s/gke.env): commit it."
  value       = abspath(local_file.gke_env.filename)
}

output "admin_email" {
  description = "Sign-in name of the first administrator."
  value       = local.admin_email
}

output "admin_password_command" {
  description = "Command that prints the first administrator's generated password (from Secret Manager; the password itself is never an output)."
  value       = "gcloud secrets versions access latest --secret=domaindesk-dbmigrate --project=${var.project_id} | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"ADMIN_PASSWORD\"])'"
}

output "secret_manager_secrets" {
  description = "Secret Manager secrets (JSON objects) that External Secrets copies into the Kubernetes Secrets of the same name without the domaindesk- prefix."
  value       = sort(local.app_secret_names)
}

output "registry_url" {
  description = "Artifact Registry repository URL, the prefix of every image name (IMAGE_REGISTRY in k8s/gke.env)."
  value       = local.registry_url
}

output "image_names" {
  description = "Full image name per deployable (back, front, dbmigrate), without tag."
  value       = { for image in local.images : image => "${local.registry_url}/${image}" }
}

output "node_service_account_email" {
  description = "Service account the nodes run as."
  value       = google_service_account.nodes.email
}

output "workload_identity_pool" {
  description = "Workload Identity pool; Kubernetes service accounts appear as members of it in IAM bindings."
  value       = google_container_cluster.primary.workload_identity_config[0].workload_pool
}

output "mysql_disk_volume_handle" {
  description = "CSI volumeHandle of the optional MySQL disk for a static PersistentVolume; null when create_data_disk is false."
  value       = var.create_data_disk ? google_compute_disk.mysql[0].id : null
}

output "github_workload_identity_provider" {
  description = "Full name of the GitHub OIDC provider: the repository variable GCP_WORKLOAD_IDENTITY_PROVIDER (google-github-actions/auth workload_identity_provider)."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "github_deployer_service_account_email" {
  description = "Service account the deploy workflow acts as: the repository variable GCP_SERVICE_ACCOUNT (google-github-actions/auth service_account)."
  value       = google_service_account.github_deployer.email
}

output "backup_bucket" {
  description = "Cloud Storage bucket of the daily MySQL dumps (BACKUP_BUCKET in k8s/gke.env); list them with gcloud storage ls gs://<bucket>/ (needs roles/storage.objectViewer)."
  value       = google_storage_bucket.backups.name
}

output "backup_service_account_email" {
  description = "Google service account the backup CronJob acts as through Workload Identity (BACKUP_SERVICE_ACCOUNT in k8s/gke.env); it may only create objects in the backup bucket."
  value       = google_service_account.backup.email
}
