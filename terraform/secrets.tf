# The application's secrets, generated at random once by terraform and kept
# in Google Secret Manager; External Secrets Operator (cluster-addons.tf)
# copies them into the Kubernetes Secrets "mysql", "back" and "dbmigrate"
# (k8s/components/external-secrets). No value is ever typed, committed, put
# in an image or given a default.
#
# The values are also in the terraform state (as every generated value is):
# keep the state bucket as private as the secrets (docs/terraform.md).
# Rotation: `terraform apply -replace=random_password.<name>`, then the steps
# in docs/kubernetes.md, "Secrets".

resource "random_password" "mysql_root" {
  length  = 32
  special = false
}

# The migration account's (dbmigrate: owns the schema, DDL).
resource "random_password" "mysql_app" {
  length  = 32
  special = false
}

# The back's account (rows only, no DDL): docs/security.md, "Database accounts".
resource "random_password" "mysql_back" {
  length  = 32
  special = false
}

resource "random_password" "mysql_exporter" {
  length  = 32
  special = false
}

# The read-only account of the backups (k8s/components/backup).
resource "random_password" "mysql_backup" {
  length  = 32
  special = false
}

# HMAC key of the API's tokens: at least 32 bytes; 64 characters here.
resource "random_password" "jwt_secret" {
  length  = 64
  special = false
}

# The first administrator's password, read once by the first migration
# (stored there as a bcrypt hash only).
resource "random_password" "admin" {
  length  = 24
  special = false
}

locals {
  # One Secret Manager secret per Kubernetes Secret, holding its keys as one
  # JSON object; the names are those k8s/components/external-secrets reads.
  app_secrets = {
    "domaindesk-mysql" = {
      MYSQL_ROOT_PASSWORD      = random_password.mysql_root.result
      MYSQL_PASSWORD           = random_password.mysql_app.result
      MYSQLD_EXPORTER_PASSWORD = random_password.mysql_exporter.result
      MYSQL_BACKUP_PASSWORD    = random_password.mysql_backup.result
    }
    "domaindesk-back" = {
      JWT_SECRET  = random_password.jwt_secret.result
      DB_PASSWORD = random_password.mysql_back.result
    }
    "domaindesk-dbmigrate" = {
      ADMIN_EMAIL    = local.admin_email
      ADMIN_PASSWORD = random_password.admin.result
    }
  }

  app_secret_names = toset(["domaindesk-mysql", "domaindesk-back", "domaindesk-dbmigrate"])

  admin_email = coalesce(var.admin_email, var.letsencrypt_email)
}

resource "google_secret_manager_secret" "app" {
  for_each = local.app_secret_names

  secret_id = each.key

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "app" {
  for_each = google_secret_manager_secret.app

  secret      = each.value.id
  secret_data = jsonencode(local.app_secrets[each.key])
}

# External Secrets Operator's identity: its Kubernetes ServiceAccount
# (external-secrets/external-secrets) acts as this Google service account
# through Workload Identity, which may read these three secrets and nothing
# else in the project.
resource "google_service_account" "external_secrets" {
  account_id   = "${var.cluster_name}-eso"
  display_name = "External Secrets Operator of ${var.cluster_name}"
}

resource "google_service_account_iam_member" "external_secrets_workload_identity" {
  service_account_id = google_service_account.external_secrets.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${local.external_secrets_namespace}/external-secrets]"
}

resource "google_secret_manager_secret_iam_member" "external_secrets" {
  for_each = google_secret_manager_secret.app

  secret_id = each.value.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.external_secrets.email}"
}
