# The one place where this configuration hands values to the Kubernetes
# manifests: k8s/gke.env, rewritten on every apply from
# templates/gke.env.tftpl (same keys, same order as the committed file, so
# `git diff` shows exactly the values that changed). k8s/kustomization.yaml
# copies them into the objects. Commit the rewritten file.
resource "local_file" "gke_env" {
  filename        = "${path.module}/../k8s/gke.env"
  file_permission = "0644"

  content = templatefile("${path.module}/templates/gke.env.tftpl", {
    project_id        = var.project_id
    image_registry    = local.registry_url
    ingress_host      = var.ingress_host
    ingress_ip_name   = google_compute_address.ingress.name
    letsencrypt_email = var.letsencrypt_email
    api_server_cidr   = var.master_ipv4_cidr

    backup_bucket          = google_storage_bucket.backups.name
    backup_service_account = google_service_account.backup.email

    # Every alert's runbook_url: this file's web view, "#<alert name>" appended.
    runbook_url = "https://github.com/${var.github_repository}/blob/main/docs/runbook.md"
  })
}
