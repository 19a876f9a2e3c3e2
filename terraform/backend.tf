# Remote state in Google Cloud Storage. The bucket is deliberately not written
# here: each environment passes its own at init time, e.g.
#
#   terraform init -backend-config="bucket=<project>-tfstate"
#
# See docs/terraform.md for creating the bucket (with object versioning, so a
# broken state can be rolled back). The GCS backend locks the state itself.
terraform {
  backend "gcs" {
    prefix = "domaindesk/gke"
  }
}
