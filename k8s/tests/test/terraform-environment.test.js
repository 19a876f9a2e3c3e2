// The one path from terraform to the manifests: `terraform apply` writes
// k8s/gke.env from terraform/templates/gke.env.tftpl (terraform/kubernetes.tf,
// local_file + templatefile), and k8s/kustomization.yaml copies its values
// into the objects. These tests write that file from the same template with
// a known set of values, render k8s/, and check every value arrived where it
// must, and that nothing of the committed examples is left.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { kustomize, parseAll, readEnvFile, REPO_DIR } from "../lib/render.js";

const K8S = path.join(REPO_DIR, "k8s");
const TEMPLATE = path.join(REPO_DIR, "terraform", "templates", "gke.env.tftpl");
const ENV_FILE = path.join(K8S, "gke.env");

// Terraform's templatefile() for the only syntax the template may use:
// ${name} interpolation. Anything else (directives, expressions) is refused,
// so this renders exactly what terraform renders.
export function templatefile(file, vars) {
  const text = fs.readFileSync(file, "utf8");
  if (/%\{|\$\$\{/.test(text)) throw new Error(`${file}: only \${name} interpolation is supported here`);
  return text.replace(/\$\{([^}]*)\}/g, (_, expr) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(expr)) throw new Error(`${file}: unsupported expression \${${expr}}`);
    if (!(expr in vars)) throw new Error(`${file}: no value for ${expr}`);
    return vars[expr];
  });
}

const templateVars = () => [...fs.readFileSync(TEMPLATE, "utf8").matchAll(/\$\{([a-z_][a-z0-9_]*)\}/g)].map((m) => m[1]);

// Template variable -> gke.env key, from the template itself.
function keyOf() {
  const map = {};
  for (const m of fs.readFileSync(TEMPLATE, "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=\$\{([a-z_][a-z0-9_]*)\}$/gm)) map[m[2]] = m[1];
  return map;
}

function terraformDefault(name) {
  const tf = fs.readFileSync(path.join(REPO_DIR, "terraform", "variables.tf"), "utf8");
  const m = tf.match(new RegExp(`variable "${name}" \\{[^]*?default\\s*=\\s*"([^"]*)"`));
  assert.ok(m, `terraform/variables.tf: ${name} has no string default`);
  return m[1];
}

test("k8s/gke.env is the template rendered with the committed values (same keys, order, comments)", () => {
  const committed = readEnvFile(ENV_FILE);
  const keys = keyOf();
  assert.deepEqual(Object.values(keys), Object.keys(committed), "keys or their order differ");
  const vars = Object.fromEntries(Object.entries(keys).map(([v, k]) => [v, committed[k]]));
  assert.equal(fs.readFileSync(ENV_FILE, "utf8"), templatefile(TEMPLATE, vars));
});

test("k8s/gke.env's committed values are what terraform's defaults produce", () => {
  const env = readEnvFile(ENV_FILE);
  assert.equal(env.API_SERVER_CIDR, terraformDefault("master_ipv4_cidr"));
  assert.equal(env.INGRESS_IP_NAME, `${terraformDefault("cluster_name")}-ingress`);
  assert.equal(env.IMAGE_REGISTRY, `${terraformDefault("region")}-docker.pkg.dev/${env.GCP_PROJECT}/${terraformDefault("registry_repository_id")}`);
  assert.match(env.RUNBOOK_URL, /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/docs\/runbook\.md$/);
  // terraform/backup.tf: the bucket's and the service account's default names.
  assert.equal(env.BACKUP_BUCKET, `${env.GCP_PROJECT}-${terraformDefault("cluster_name")}-backups`);
  assert.equal(env.BACKUP_SERVICE_ACCOUNT, `${terraformDefault("cluster_name")}-backup@${env.GCP_PROJECT}.iam.gserviceaccount.com`);
});

test("values written by terraform reach every object of the production render", () => {
  const known = {
    project_id: "acme-inventory-prod",
    image_registry: "us-central1-docker.pkg.dev/acme-inventory-prod/apps",
    ingress_host: "domains.acme.test",
    ingress_ip_name: "acme-ingress",
    letsencrypt_email: "certs@acme.test",
    api_server_cidr: "10.99.0.16/28",
    backup_bucket: "acme-inventory-prod-backups",
    backup_service_account: "acme-backup@acme-inventory-prod.iam.gserviceaccount.com",
    runbook_url: "https://github.com/acme/inventory/blob/main/docs/runbook.md",
  };
  assert.deepEqual(Object.keys(known).sort(), templateVars().sort(), "the template's variables changed: update this test");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-gke-env-"));
  try {
    fs.cpSync(K8S, path.join(dir, "k8s"), { recursive: true, filter: (src) => !src.startsWith(path.join(K8S, "tests")) });
    fs.writeFileSync(path.join(dir, "k8s", "gke.env"), templatefile(TEMPLATE, known));
    const text = kustomize(path.join(dir, "k8s"));
    const objs = parseAll(text);
    const get = (kind, name) => {
      const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
      assert.ok(o, `no ${kind} ${name}`);
      return o;
    };

    const image = (kind, name) => get(kind, name).spec.template.spec.containers[0].image;
    assert.equal(image("Deployment", "back"), "us-central1-docker.pkg.dev/acme-inventory-prod/apps/back:0.1.0");
    assert.equal(image("Deployment", "front"), "us-central1-docker.pkg.dev/acme-inventory-prod/apps/front:0.1.0");
    assert.equal(image("Job", "dbmigrate-0-1-0"), "us-central1-docker.pkg.dev/acme-inventory-prod/apps/dbmigrate:0.1.0");

    const ingress = get("Ingress", "domaindesk");
    assert.equal(ingress.spec.rules[0].host, "domains.acme.test");
    assert.deepEqual(ingress.spec.tls[0].hosts, ["domains.acme.test"]);

    for (const issuer of ["letsencrypt-staging", "letsencrypt-production"]) {
      assert.equal(get("ClusterIssuer", issuer).spec.acme.email, "certs@acme.test");
    }

    const traefik = get("Service", "traefik");
    assert.equal(traefik.metadata.annotations["networking.gke.io/load-balancer-ip-addresses"], "acme-ingress");
    assert.equal(traefik.spec.loadBalancerIP, undefined, "the deprecated loadBalancerIP must not be set as well");

    for (const policy of ["allow-back-egress-kube-apiserver", "allow-traefik-egress-kube-apiserver"]) {
      const egress = get("NetworkPolicy", policy).spec.egress;
      assert.deepEqual(egress, [{ to: [{ ipBlock: { cidr: "10.99.0.16/28" } }], ports: [{ protocol: "TCP", port: 443 }] }], policy);
    }

    assert.equal(get("ClusterSecretStore", "gcp-secret-manager").spec.provider.gcpsm.projectID, "acme-inventory-prod");

    const upload = get("CronJob", "mysql-backup").spec.jobTemplate.spec.template.spec.containers.find((c) => c.name === "upload");
    assert.deepEqual(upload.env.find((e) => e.name === "BACKUP_BUCKET"), { name: "BACKUP_BUCKET", value: "acme-inventory-prod-backups" });
    assert.equal(get("ServiceAccount", "mysql-backup").metadata.annotations["iam.gke.io/gcp-service-account"],
      "acme-backup@acme-inventory-prod.iam.gserviceaccount.com");

    const alerts = get("PrometheusRule", "domaindesk").spec.groups.flatMap((g) => g.rules).filter((r) => r.alert);
    for (const alert of alerts) {
      assert.equal(alert.annotations.runbook_url, `https://github.com/acme/inventory/blob/main/docs/runbook.md#${alert.alert.toLowerCase()}`, alert.alert);
    }

    // Nothing of the committed example values is left, and the file itself
    // is not applied to the cluster.
    for (const example of Object.values(readEnvFile(ENV_FILE))) {
      assert.ok(!text.includes(example), `example value ${example} still in the render`);
    }
    assert.ok(!objs.some((o) => o.kind === "ConfigMap" && o.metadata.name === "gke-environment"), "gke.env must stay local-config");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the Secret Manager secrets terraform fills are the ones the ExternalSecrets read, key for key", () => {
  const tf = fs.readFileSync(path.join(REPO_DIR, "terraform", "secrets.tf"), "utf8");
  const block = tf.match(/app_secrets = \{([^]*?)\n  \}\n/);
  assert.ok(block, "terraform/secrets.tf: no local app_secrets");
  const written = {};
  for (const m of block[1].matchAll(/"([a-z0-9-]+)" = \{([^}]*)\}/g)) {
    written[m[1]] = [...m[2].matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*=/gm)].map((k) => k[1]).sort();
  }
  const read = {};
  const text = fs.readFileSync(path.join(K8S, "components", "external-secrets", "external-secrets.yaml"), "utf8");
  for (const es of parseAll(text).filter((o) => o.kind === "ExternalSecret")) {
    for (const d of es.spec.data) {
      assert.equal(d.secretKey, d.remoteRef.property, `${es.metadata.name}: key and property differ`);
      (read[d.remoteRef.key] ??= []).push(d.remoteRef.property);
    }
  }
  for (const k of Object.keys(read)) read[k].sort();
  assert.deepEqual(read, written);
});

test("terraform gives the back's database account its own generated password, not the migration account's", () => {
  const tf = fs.readFileSync(path.join(REPO_DIR, "terraform", "secrets.tf"), "utf8");
  const source = (secret, key) => {
    const block = tf.match(new RegExp(`"${secret}" = \\{([^}]*)\\}`));
    assert.ok(block, `terraform/secrets.tf: no ${secret} in app_secrets`);
    return block[1].match(new RegExp(`^\\s*${key}\\s*=\\s*(random_password\\.[a-z_]+)\\.result`, "m"))?.[1];
  };
  const back = source("domaindesk-back", "DB_PASSWORD");
  const migration = source("domaindesk-mysql", "MYSQL_PASSWORD");
  assert.ok(back, "domaindesk-back has no DB_PASSWORD from a random_password");
  assert.ok(migration, "domaindesk-mysql has no MYSQL_PASSWORD from a random_password");
  assert.notEqual(back, migration);
});
