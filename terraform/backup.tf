# Where the daily MySQL dumps go (k8s/components/backup, docs/backup.md): a
# private bucket with Object Versioning, so that a dump overwritten or deleted
# by mistake stays recoverable, and lifecycle rules that bound what is kept.
# (A retention policy would forbid early deletion outright, but Cloud Storage
# does not allow it together with versioning.)
#
# The backup CronJob writes as its own Google service account, reached from
# its Kubernetes ServiceAccount through Workload Identity: it may create
# objects in this bucket and do nothing else, neither read, list, overwrite
# nor delete, so a compromised backup pod cannot destroy earlier dumps. No key
# exists. People restoring need roles/storage.objectViewer on the bucket.

locals {
  backup_bucket_name = coalesce(var.backup_bucket_name, "${var.project_id}-${var.cluster_name}-backups")

  # The CronJob's Kubernetes ServiceAccount: namespace/name as in
  # k8s/components/backup/serviceaccount.yaml.
  backup_kubernetes_service_account = "domaindesk/mysql-backup"
}

resource "google_storage_bucket" "backups" {
  name     = local.backup_bucket_name
  location = coalesce(var.backup_bucket_location, var.region)

  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  # `terraform destroy` fails while dumps are in it: delete them on purpose.
  force_destroy = false

  versioning {
    enabled = true
  }

  # A dump older than backup_retention_days becomes noncurrent...
  lifecycle_rule {
    condition {
      age = var.backup_retention_days
    }
    action {
      type = "Delete"
    }
  }

  # ... and every noncurrent version (aged out, overwritten or deleted) is
  # removed for good backup_noncurrent_retention_days later.
  lifecycle_rule {
    condition {
      with_state                 = "ARCHIVED"
      days_since_noncurrent_time = var.backup_noncurrent_retention_days
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_service_account" "backup" {
  account_id   = "${var.cluster_name}-backup"
  display_name = "MySQL backups of ${var.cluster_name}"
}

resource "google_service_account_iam_member" "backup_workload_identity" {
  service_account_id = google_service_account.backup.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${local.backup_kubernetes_service_account}]"
}

resource "google_storage_bucket_iam_member" "backup_writer" {
  bucket = google_storage_bucket.backups.name
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:${google_service_account.backup.email}"
}
