// Rules for github-actions.tf (Workload Identity Federation for GitHub
// Actions), on the real configuration and on broken copies of it, so that no
// rule can pass by checking nothing. Run: node --test github-actions.test.mjs

import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadConfig } from "./rules.mjs";

const CONFIG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FILE = "github-actions.tf";
const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
const DEPLOYER = "${google_service_account.github_deployer.email}";
const DEPLOYER_NAME = "${google_service_account.github_deployer.name}";
const DEPLOYER_ROLES = new Set(["roles/artifactregistry.writer", "roles/container.developer"]);

const tempDirs = [];
after(() => Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true }))));

const ofType = (model, type) => model.resources.filter((r) => r.type === type);

/** Every problem of the GitHub Actions identity set-up, in words. */
function problems(model) {
  const found = [];
  const providers = ofType(model, "google_iam_workload_identity_pool_provider");
  if (providers.length !== 1) found.push(`expected one workload identity pool provider, found ${providers.length}`);
  for (const p of providers) {
    if (p.body.oidc?.[0]?.issuer_uri !== GITHUB_ISSUER) found.push("the provider does not trust GitHub's OIDC issuer");
    if (!/assertion\.repository == "\$\{var\.github_repository\}"/.test(p.body.attribute_condition ?? "")) {
      found.push("the provider's attribute_condition does not restrict tokens to var.github_repository");
    }
    if (p.body.attribute_mapping?.["attribute.repository"] !== "assertion.repository") {
      found.push("attribute.repository is not mapped");
    }
  }
  // Who may act as the deployer (other service accounts, such as External
  // Secrets Operator's in secrets.tf, have bindings of their own).
  const wif = ofType(model, "google_service_account_iam_member").filter(
    (m) => m.body.service_account_id === DEPLOYER_NAME && m.body.role === "roles/iam.workloadIdentityUser",
  );
  if (wif.length !== 1) found.push(`expected one workloadIdentityUser binding on the deployer, found ${wif.length}`);
  for (const m of ofType(model, "google_service_account_iam_member")) {
    if (m.body.service_account_id !== DEPLOYER_NAME && (m.body.member ?? "").includes("google_iam_workload_identity_pool.github")) {
      found.push(`the GitHub pool may act as ${m.body.service_account_id}, not only as the deployer`);
    }
  }
  for (const m of wif) {
    if (!/^principalSet:\/\/iam\.googleapis\.com\/\$\{google_iam_workload_identity_pool\.github\.name\}\/attribute\.repository\/\$\{var\.github_repository\}$/.test(m.body.member)) {
      found.push(`workloadIdentityUser is granted to ${m.body.member}, not to the repository's principalSet`);
    }
  }
  if (ofType(model, "google_service_account_key").length) found.push("a service account key is created");
  const grants = model.resources.filter((r) => r.type.endsWith("_iam_member") && r.body.member === `serviceAccount:${DEPLOYER}`);
  for (const g of grants) {
    if (!DEPLOYER_ROLES.has(g.body.role)) found.push(`the deployer is granted ${g.body.role}`);
    if (g.body.role === "roles/artifactregistry.writer" && g.type !== "google_artifact_registry_repository_iam_member") {
      found.push("artifactregistry.writer is granted beyond the one repository");
    }
  }
  if (!grants.some((g) => g.body.role === "roles/artifactregistry.writer")) found.push("the deployer cannot push images");
  for (const name of ["github_workload_identity_provider", "github_deployer_service_account_email"]) {
    if (!model.outputs.some((o) => o.name === name)) found.push(`output ${name} is missing`);
  }
  return found;
}

/** The validation regex of a variable, as written in variables.tf. */
function validationRegex(model, name) {
  const v = model.variables.find((x) => x.name === name);
  const m = (v?.body.validation?.[0]?.condition ?? "").match(/regex\("(.*?)",/);
  assert.ok(m, `no regex validation on var.${name}`);
  return new RegExp(m[1]);
}

async function brokenCopy(from, to) {
  const dir = await mkdtemp(path.join(tmpdir(), "domaindesk-wif-"));
  tempDirs.push(dir);
  for (const f of await readdir(CONFIG_DIR)) {
    if (f.endsWith(".tf") || f === "terraform.tfvars.example") await cp(path.join(CONFIG_DIR, f), path.join(dir, f));
  }
  const text = await readFile(path.join(dir, FILE), "utf8");
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `edit of ${FILE} did not apply: ${from}`);
  await writeFile(path.join(dir, FILE), changed);
  return loadConfig(dir);
}

describe("GitHub Actions identity (github-actions.tf)", () => {
  test("the committed configuration has no problem", async () => {
    assert.deepEqual(problems(await loadConfig(CONFIG_DIR)), []);
  });

  test("github_repository accepts owner/name only", async () => {
    const re = validationRegex(await loadConfig(CONFIG_DIR), "github_repository");
    for (const ok of ["my-org/domaindesk", "octo/repo.name_2"]) assert.match(ok, re);
    for (const bad of ["domaindesk", "my-org/", "/repo", "a/b/c", "my org/repo"]) assert.doesNotMatch(bad, re);
  });

  const broken = [
    ["no attribute_condition", /\n  attribute_condition = .*\n/, "\n", /attribute_condition does not restrict/],
    ["any issuer", GITHUB_ISSUER, "https://example.com", /GitHub's OIDC issuer/],
    ["the whole pool may impersonate", "/attribute.repository/${var.github_repository}", "/*", /not to the repository's principalSet/],
    ["project-wide registry writer", 'resource "google_artifact_registry_repository_iam_member" "github_deployer_writer"', 'resource "google_project_iam_member" "github_deployer_writer"', /beyond the one repository/],
    ["an owner deployer", '"roles/container.developer"', '"roles/owner"', /granted roles\/owner/],
    ["the pool may act as another service account", "service_account_id = google_service_account.github_deployer.name\n  role", "service_account_id = google_service_account.external_secrets.name\n  role", /may act as \$\{google_service_account\.external_secrets\.name\}/],
    ["a JSON key", "# Only workflow runs", 'resource "google_service_account_key" "k" {\n  service_account_id = google_service_account.github_deployer.name\n}\n\n# Only workflow runs', /key is created/],
  ];
  for (const [what, from, to, expected] of broken) {
    test(`reports a broken copy: ${what}`, async () => {
      const found = problems(await brokenCopy(from, to));
      assert.ok(found.some((p) => expected.test(p)), `expected ${expected}, got ${JSON.stringify(found)}`);
    });
  }
});
