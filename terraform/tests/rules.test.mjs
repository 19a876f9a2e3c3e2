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
    if (f.endsWith(".tf") || f === "terraform.tfvars.example") await cp(path.join(CONFIG_DIR, f), path.join(dir, f));
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

  test("firewallExposure: admin ranges no longer validated against /0", async () => {
    const model = await brokenCopy({
      file: "variables.tf",
      from: /(variable "admin_cidrs" \{[\s\S]*?default     = \[\])\n\n  validation \{[\s\S]*?\n  \}\n/,
      to: "$1\n",
    });
    assertFails("firewallExposure", model, /validation does not reject \/0/);
  });

  test("firewallExposure: admin rule created even with no admin ranges", async () => {
    const model = await brokenCopy({ file: "firewall.tf", from: /  count = length\(var\.admin_cidrs\) > 0 \? 1 : 0\n/, to: "" });
    assertFails("firewallExposure", model, /not guarded by a count on var\.admin_cidrs/);
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

  test("tfvarsExampleMatches: example sets an unknown variable", async () => {
    const model = await brokenCopy({ file: "terraform.tfvars.example", append: 'node_count = 3' });
    assertFails("tfvarsExampleMatches", model, /sets node_count, which is not a declared variable/);
  });
});
