# What the cluster needs before `kubectl apply -k k8s/`, installed in the
# same `terraform apply` that creates it, each from its project's own Helm
# chart at a pinned version (upgrade by changing the version here):
#
#   traefik-crds           the CRDs of the Traefik the traefik component runs
#                          (Middleware); the controller itself is in k8s/
#   cert-manager           certificates from Let's Encrypt (letsencrypt component)
#   external-secrets       Secrets from Google Secret Manager (secrets.tf)
#   kube-prometheus-stack  Prometheus Operator, Prometheus, Alertmanager,
#                          Grafana (monitoring component)
#   prometheus-adapter     requests per second per pod as a custom metric for
#                          the back's HPA (request-rate-autoscaling component)
#
# metrics-server, which the HPAs need, is part of GKE.
# Namespaces are created by the releases; their life cycle is the cluster's,
# not the application's.

locals {
  external_secrets_namespace = "external-secrets"
}

resource "helm_release" "traefik_crds" {
  name       = "traefik-crds"
  repository = "https://traefik.github.io/charts"
  chart      = "traefik-crds"
  version    = "1.15.0"
  # Only cluster-scoped CRDs: the release's own record stays out of the
  # "traefik" namespace, which k8s/ owns (and `kubectl delete -k` removes).
  namespace = "kube-system"

  atomic = true

  depends_on = [google_container_node_pool.primary]
}

resource "helm_release" "cert_manager" {
  name       = "cert-manager"
  repository = "https://charts.jetstack.io"
  chart      = "cert-manager"
  version    = "v1.20.2"
  namespace  = "cert-manager"

  create_namespace = true
  atomic           = true

  values = [yamlencode({
    crds = { enabled = true }
  })]

  depends_on = [google_container_node_pool.primary]
}

resource "helm_release" "external_secrets" {
  name       = "external-secrets"
  repository = "https://charts.external-secrets.io"
  chart      = "external-secrets"
  version    = "2.9.0"
  namespace  = local.external_secrets_namespace

  create_namespace = true
  atomic           = true

  values = [yamlencode({
    installCRDs = true
    serviceAccount = {
      # The name the Workload Identity binding in secrets.tf names.
      name = "external-secrets"
      annotations = {
        "iam.gke.io/gcp-service-account" = google_service_account.external_secrets.email
      }
    }
  })]

  depends_on = [
    google_container_node_pool.primary,
    google_service_account_iam_member.external_secrets_workload_identity,
  ]
}

resource "helm_release" "kube_prometheus_stack" {
  # The monitors and rules of k8s/components/monitoring carry the label
  # "release: kube-prometheus-stack", which this release's Prometheus selects.
  name       = "kube-prometheus-stack"
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "kube-prometheus-stack"
  version    = "81.6.2"
  namespace  = "monitoring"

  create_namespace = true
  atomic           = true
  timeout          = 900

  values = [yamlencode({
    grafana = {
      sidecar = {
        # The dashboards are ConfigMaps in the application's namespace.
        dashboards = { searchNamespace = "ALL" }
      }
    }
  })]

  depends_on = [google_container_node_pool.primary]
}

resource "helm_release" "prometheus_adapter" {
  # Serves the recording rule domaindesk:http_requests:rate1m of the monitoring
  # component as the custom metric the back's HPA scales on; the values file
  # is the component's, so the rule and the metric are described in one place.
  name       = "prometheus-adapter"
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "prometheus-adapter"
  version    = "5.2.0"
  namespace  = "monitoring"

  atomic  = true
  timeout = 600

  values = [file("${path.module}/../k8s/components/request-rate-autoscaling/prometheus-adapter-values.yaml")]

  depends_on = [helm_release.kube_prometheus_stack]
}
