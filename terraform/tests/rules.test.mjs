// Runs every rule of rules.mjs on the real configuration (all must hold) and on
// broken copies of it (the rule must report the break), so no rule can pass
// by checking nothing.

import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkAll, loadConfig, rules } from "./rules.mjs";

const CONFIG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tempDirs = [];
after(() => Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true }))));

/**
 * Copies the configuration to a temporary directory and applies edits:
 * { file, from, to } replaces text (and fails if `from` is not found, so a
 * refactoring cannot silently turn a negative test into a no-op), and
 * { file, append } adds a block.
 */
async function brokenCopy(...edits) {
  const dir = await mkdtemp(path.join(tmpdir(), "domaindesk-tf-"));
  tempDirs.push(dir);
  for (const f of await readdir(CONFIG_DIR)) {
    if (f.endsWith(".tf") || f === "terraform.tfvars.example" || f === "templates") {
      await cp(path.join(CONFIG_DIR, f), path.join(dir, f), { recursive: true });
    }
  }
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    const text = await readFile(file, "utf8").catch(() => "");
    if (edit.append) {
      await writeFile(file, `${text}\n${edit.append}\n`);
      continue;
    }
    const changed = text.replace(edit.from, edit.to);
    assert.notEqual(changed, text, `edit of ${edit.file} did not apply: ${edit.from}`);
    await writeFile(file, changed);
  }
  return loadConfig(dir);
}

/** An edit appending an ingress firewall rule on the VPC with the given body lines. */
function extraFirewall(name, ...lines) {
  const body = [`name    = "${name.replaceAll("_", "-")}"`, "network = google_compute_network.vpc.id", ...lines];
  return { file: "firewall.tf", append: `resource "google_compute_firewall" "${name}" {\n${body.map((l) => `  ${l}`).join("\n")}\n}` };
}

/** Asserts that `rule` reports a problem matching `expected` on the model. */
function assertFails(rule, model, expected) {
  const problems = rules[rule](model);
  assert.ok(
    problems.some((p) => expected.test(p)),
    `${rule} should report ${expected}, reported: ${JSON.stringify(problems)}`,
  );
}

describe("the committed configuration", () => {
  test("parses with the HCL parser and keeps every rule", async () => {
    const model = await loadConfig(CONFIG_DIR);
    assert.ok(Object.keys(model.files).length > 5, "expected the *.tf files of terraform/");
    assert.deepEqual(checkAll(model), {});
  });
});

describe("each rule reports a deliberately broken copy", () => {
  test("a syntax error fails the load", async () => {
    await assert.rejects(brokenCopy({ file: "gke.tf", append: 'resource "google_compute_address" "x" {\n  name =\n}' }), /parse/i);
  });

  test("privateNodes: public nodes", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: /enable_private_nodes\s*= true/, to: "enable_private_nodes = false" });
    assertFails("privateNodes", model, /enable_private_nodes is not true/);
  });

  test("privateNodes: no master authorized networks", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: /master_authorized_networks_config \{[\s\S]*?\n  \}\n/, to: "" });
    assertFails("privateNodes", model, /master_authorized_networks_config is missing/);
  });

  test("workloadIdentity: node metadata exposed to Pods", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: '"GKE_METADATA"', to: '"GCE_METADATA"' });
    assertFails("workloadIdentity", model, /GCE_METADATA, not GKE_METADATA/);
  });

  test("workloadIdentity: no workload pool", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: /workload_identity_config \{[\s\S]*?\n  \}\n/, to: "" });
    assertFails("workloadIdentity", model, /workload_pool/);
  });

  test("dataplaneV2: legacy datapath", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: '"ADVANCED_DATAPATH"', to: '"LEGACY_DATAPATH"' });
    assertFails("dataplaneV2", model, /datapath_provider is LEGACY_DATAPATH/);
  });

  test("defaultNodePoolRemoved: default pool kept", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: /remove_default_node_pool = true/, to: "remove_default_node_pool = false" });
    assertFails("defaultNodePoolRemoved", model, /remove_default_node_pool is not true/);
  });

  test("shieldedNodes: secure boot off", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: /enable_secure_boot\s*= true/, to: "enable_secure_boot = false" });
    assertFails("shieldedNodes", model, /enable_secure_boot is not true/);
  });

  test("shieldedNodes: shielded nodes off", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: /enable_shielded_nodes = true/, to: "enable_shielded_nodes = false" });
    assertFails("shieldedNodes", model, /enable_shielded_nodes is not true/);
  });

  test("deletionProtection: default false", async () => {
    const model = await brokenCopy({
      file: "variables.tf",
      from: /(variable "deletion_protection" \{[^}]*default\s*=\s*)true/,
      to: "$1false",
    });
    assertFails("deletionProtection", model, /not a bool defaulting to true/);
  });

  test("deletionProtection: hard-coded false", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: "deletion_protection = var.deletion_protection", to: "deletion_protection = false" });
    assertFails("deletionProtection", model, /neither true nor a variable/);
  });

  test("firewallExposure: admin port 8080 open to 0.0.0.0/0", async () => {
    const model = await brokenCopy(extraFirewall("admin_world", 'source_ranges = ["0.0.0.0/0"]', 'allow {\n    protocol = "tcp"\n    ports    = ["8080"]\n  }'));
    assertFails("firewallExposure", model, /admin_world: opens port 8080 to the internet/);
  });

  test("firewallExposure: SSH added to the public web rule", async () => {
    const model = await brokenCopy({ file: "locals.tf", from: 'web_ports     = ["80", "443"]', to: 'web_ports     = ["80", "443", "22"]' });
    assertFails("firewallExposure", model, /web: opens port 22 to the internet/);
  });

  test("firewallExposure: rule without any source (matches everyone) on all ports", async () => {
    const model = await brokenCopy(extraFirewall("no_source", 'allow {\n    protocol = "all"\n  }'));
    assertFails("firewallExposure", model, /no_source: opens all ports \(all\) to the internet/);
  });

  // A rule whose sources come from a variable (as an admin rule would).
  const OPS_VARIABLE = 'variable "ops_cidrs" {\n  type        = list(string)\n  description = "x"\n  default     = []\n}';
  const opsFirewall = (...lines) => extraFirewall("ops", "source_ranges = var.ops_cidrs", 'allow {\n    protocol = "tcp"\n    ports    = ["8443"]\n  }', ...lines);

  test("firewallExposure: sources from a variable whose validation does not reject /0", async () => {
    const model = await brokenCopy({ file: "variables.tf", append: OPS_VARIABLE }, opsFirewall("count = length(var.ops_cidrs) > 0 ? 1 : 0"));
    assertFails("firewallExposure", model, /ops: source_ranges comes from var\.ops_cidrs, whose validation does not reject \/0/);
  });

  test("firewallExposure: a variable-sourced rule created even with no ranges", async () => {
    const model = await brokenCopy({ file: "variables.tf", append: OPS_VARIABLE }, opsFirewall());
    assertFails("firewallExposure", model, /ops: is not guarded by a count on var\.ops_cidrs/);
  });

  test("variablesValidated: the host name loses its validation", async () => {
    const model = await brokenCopy({
      file: "variables.tf",
      from: /(variable "ingress_host" \{[\s\S]*?description = .*\n)\n  validation \{[\s\S]*?\n  \}\n/,
      to: "$1",
    });
    assertFails("variablesValidated", model, /variable ingress_host: no validation block/);
  });

  test("helmReleasesPinned: a version range, an http repository and a missing chart", async () => {
    const model = await brokenCopy(
      { file: "cluster-addons.tf", from: 'version    = "v1.20.2"', to: 'version    = "~> 1.20"' },
      { file: "cluster-addons.tf", from: '"https://charts.external-secrets.io"', to: '"http://charts.external-secrets.io"' },
      { file: "cluster-addons.tf", from: 'chart      = "traefik-crds"', to: 'chart      = "traefik"' },
    );
    assertFails("helmReleasesPinned", model, /cert_manager: version "~> 1.20" is not one exact chart version/);
    assertFails("helmReleasesPinned", model, /external_secrets: repository "http:/);
    assertFails("helmReleasesPinned", model, /no helm_release installs traefik-crds/);
  });

  test("versionsPinned: the helm provider is not declared", async () => {
    const model = await brokenCopy({ file: "versions.tf", from: /    helm = \{[\s\S]*?\n    \}\n/, to: "" });
    assertFails("versionsPinned", model, /required_providers has no helm/);
  });

  test("generatedSecrets: a short password, a literal secret, a secret default and a clear output", async () => {
    const model = await brokenCopy(
      { file: "secrets.tf", from: /(resource "random_password" "admin" \{\n  length  = )24/, to: "$18" },
      { file: "secrets.tf", append: 'resource "google_secret_manager_secret_version" "literal" {\n  secret      = "x"\n  secret_data = "hunter2"\n}' },
      { file: "variables.tf", append: 'variable "db_password" {\n  type        = string\n  description = "x"\n  default     = "changeme"\n}' },
      { file: "outputs.tf", append: 'output "admin_password" {\n  description = "x"\n  value       = random_password.admin.result\n}' },
    );
    assertFails("generatedSecrets", model, /random_password\.admin: length 8 is below 24/);
    assertFails("generatedSecrets", model, /literal: secret_data is a literal value/);
    assertFails("generatedSecrets", model, /variable db_password: a secret with a default value/);
    assertFails("generatedSecrets", model, /output admin_password: exposes a secret without sensitive = true/);
  });

  test("gkeEnvFile: a template variable not passed and a file written elsewhere", async () => {
    const missing = await brokenCopy({ file: "kubernetes.tf", from: /    api_server_cidr   = var\.master_ipv4_cidr\n/, to: "" });
    assertFails("gkeEnvFile", missing, /template variable api_server_cidr is not passed/);
    const moved = await brokenCopy({ file: "kubernetes.tf", from: "/../k8s/gke.env", to: "/gke.env" });
    assertFails("gkeEnvFile", moved, /expected one local_file writing k8s\/gke\.env, found 0/);
  });

  test("variablesDocumented: variable without description or type, never used", async () => {
    const model = await brokenCopy({ file: "variables.tf", append: 'variable "orphan" {\n  default = 1\n}' });
    assertFails("variablesDocumented", model, /orphan: no description/);
    assertFails("variablesDocumented", model, /orphan: no type/);
    assertFails("variablesDocumented", model, /orphan: declared but never referenced/);
  });

  test("variablesDocumented: a reference in a comment does not count", async () => {
    const model = await brokenCopy({
      file: "variables.tf",
      append: 'variable "commented" {\n  type        = string\n  description = "x"\n  default     = "x"\n}\n# var.commented',
    });
    assertFails("variablesDocumented", model, /commented: declared but never referenced/);
  });

  test("outputsDocumented: output without description", async () => {
    const model = await brokenCopy({ file: "outputs.tf", append: 'output "bare" {\n  value = var.region\n}' });
    assertFails("outputsDocumented", model, /output bare: no description/);
  });

  test("versionsPinned: provider without upper bound", async () => {
    const model = await brokenCopy({ file: "versions.tf", from: 'version = "~> 7.0"', to: 'version = ">= 6.0"' });
    assertFails("versionsPinned", model, /provider google: version ">= 6.0" is not pinned/);
  });

  test("versionsPinned: no required_version", async () => {
    const model = await brokenCopy({ file: "versions.tf", from: /required_version = .*\n/, to: "" });
    assertFails("versionsPinned", model, /required_version is not set/);
  });

  test("backendGcs: hard-coded bucket", async () => {
    const model = await brokenCopy({ file: "backend.tf", from: 'backend "gcs" {', to: 'backend "gcs" {\n    bucket = "my-state"' });
    assertFails("backendGcs", model, /hard-codes bucket "my-state"/);
  });

  test("backendGcs: local backend", async () => {
    const model = await brokenCopy({ file: "backend.tf", from: 'backend "gcs" {', to: 'backend "local" {' });
    assertFails("backendGcs", model, /backend is local, not gcs/);
  });

  test("noCredentialsPath: provider reads a key file", async () => {
    const model = await brokenCopy({
      file: "providers.tf",
      from: 'provider "google" {',
      to: 'provider "google" {\n  credentials = file("keys/terraform-sa.json")',
    });
    assertFails("noCredentialsPath", model, /provider google: sets credentials/);
    assertFails("noCredentialsPath", model, /refers to a credentials file/);
  });

  test("leastPrivilegeNodeServiceAccount: Editor granted to the nodes", async () => {
    const model = await brokenCopy({ file: "locals.tf", from: '"roles/monitoring.viewer",', to: '"roles/monitoring.viewer",\n    "roles/editor",' });
    assertFails("leastPrivilegeNodeServiceAccount", model, /grants roles\/editor project-wide/);
  });

  test("leastPrivilegeNodeServiceAccount: nodes on the default service account", async () => {
    const model = await brokenCopy({ file: "gke.tf", from: /service_account = google_service_account\.nodes\.email\n/, to: "" });
    assertFails("leastPrivilegeNodeServiceAccount", model, /does not run as a dedicated google_service_account/);
  });

  test("backupBucket: versioning off, a public bucket and no noncurrent cleanup", async () => {
    const model = await brokenCopy(
      { file: "backup.tf", from: /versioning \{\n    enabled = true/, to: "versioning {\n    enabled = false" },
      { file: "backup.tf", from: 'public_access_prevention    = "enforced"', to: 'public_access_prevention    = "inherited"' },
      { file: "backup.tf", from: /days_since_noncurrent_time = var\.backup_noncurrent_retention_days/, to: "days_since_noncurrent_time = 7" },
    );
    assertFails("backupBucket", model, /versioning is not enabled/);
    assertFails("backupBucket", model, /public_access_prevention/);
    assertFails("backupBucket", model, /noncurrent versions/);
  });

  test("backupBucket: the backup may delete dumps, or holds a project-wide role", async () => {
    const model = await brokenCopy(
      { file: "backup.tf", from: '"roles/storage.objectCreator"', to: '"roles/storage.objectAdmin"' },
      {
        file: "backup.tf",
        append: 'resource "google_project_iam_member" "backup_admin" {\n  project = var.project_id\n  role    = "roles/storage.admin"\n  member  = "serviceAccount:${google_service_account.backup.email}"\n}',
      },
    );
    assertFails("backupBucket", model, /grants only roles\/storage\.objectCreator/);
    assertFails("backupBucket", model, /project-wide role/);
  });

  test("tfvarsExampleMatches: example sets an unknown variable", async () => {
    const model = await brokenCopy({ file: "terraform.tfvars.example", append: 'node_count = 3' });
    assertFails("tfvarsExampleMatches", model, /sets node_count, which is not a declared variable/);
  });
});
