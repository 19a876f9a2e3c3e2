# Optional: the 20 GB disk the original monolith kept MySQL on, created ahead
# of the cluster and bound to a static PersistentVolume (volume handle in the
# outputs). The default (create_data_disk = false) lets the PersistentVolumeClaim
# provision a disk through the cluster's StorageClass instead.
#
# Trade-off: a Terraform-owned disk outlives the cluster and can be
# snapshotted or imported on its own, but it is zonal (MySQL must be scheduled
# in the first zone) and `terraform destroy` deletes it with the rest: take a
# snapshot first. A dynamically provisioned disk follows the Pod's zone and is
# resized through the claim, but goes away with its claim when the
# StorageClass reclaim policy is Delete.
resource "google_compute_disk" "mysql" {
  count = var.create_data_disk ? 1 : 0

  name = "${var.cluster_name}-mysql-data"
  zone = var.zones[0]
  type = var.data_disk_type
  size = var.data_disk_size_gb
}
