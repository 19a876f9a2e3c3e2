// Rules the DomainDesk Terraform configuration must keep, checked offline.
//
// The configuration is parsed with @cdktf/hcl2json (HashiCorp's HCL parser
// compiled to WebAssembly), so a syntax error fails the load. Each rule takes
// the parsed model and returns a list of problems in words; an empty list
// means the rule holds. rules.test.mjs runs every rule on the real
// configuration and on deliberately broken copies of it.
//
// Expressions come out of the parser as "${...}" strings; the rules resolve
// the simple references they need (var.x, local.x) and report anything they
// cannot prove instead of assuming it is fine.

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "@cdktf/hcl2json";

const INTERNET = ["0.0.0.0/0", "::/0"];
const PUBLIC_PORTS = new Set(["80", "443"]);
const NODE_ROLES_ALLOWED = new Set([
  "roles/logging.logWriter",
  "roles/monitoring.metricWriter",
  "roles/monitoring.viewer",
  "roles/stackdriver.resourceMetadata.writer",
]);
// The GitHub deployer (github-actions.tf) deploys to the cluster's Kubernetes
// objects. GKE has no per-cluster IAM, so this is the one project-wide role
// it may hold; the node rule above stays as strict as before.
const DEPLOYER_ROLES_ALLOWED = new Set(["roles/container.developer"]);
const REQUIRED_PROVIDERS = ["google", "google-beta", "helm", "random", "local"];
const TFVARS_EXAMPLE = "terraform.tfvars.example";
// The file terraform writes for the Kubernetes manifests, and its template.
const GKE_ENV_FILE = "k8s/gke.env";
const GKE_ENV_TEMPLATE = "templates/gke.env.tftpl";
// The charts the manifests in k8s/ need in the cluster (cluster-addons.tf).
const REQUIRED_CHARTS = ["traefik-crds", "cert-manager", "external-secrets", "kube-prometheus-stack"];
// Generated secrets shorter than this are refused.
const MIN_PASSWORD_LENGTH = 24;

/** Parses every *.tf file of a directory (not recursive, like Terraform). */
export async function loadConfig(dir) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".tf")).sort();
  const model = {
    dir,
    files: {},
    resources: [],
    variables: [],
    outputs: [],
    providers: [],
    locals: {},
    terraform: [],
    tfvarsExample: null,
    gkeEnvTemplate: null,
  };
  for (const file of files) {
    const text = await readFile(path.join(dir, file), "utf8");
    model.files[file] = text;
    const json = await parse(file, text); // throws on a syntax error
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, bodies] of Object.entries(byName)) {
        model.resources.push({ type, name, body: bodies[0], file });
      }
    }
    for (const [name, bodies] of Object.entries(json.variable ?? {})) {
      model.variables.push({ name, body: bodies[0], file });
    }
    for (const [name, bodies] of Object.entries(json.output ?? {})) {
      model.outputs.push({ name, body: bodies[0], file });
    }
    for (const [name, bodies] of Object.entries(json.provider ?? {})) {
      for (const body of bodies) model.providers.push({ name, body, file });
    }
    for (const block of json.locals ?? []) Object.assign(model.locals, block);
    for (const block of json.terraform ?? []) model.terraform.push({ body: block, file });
  }
  try {
    model.gkeEnvTemplate = await readFile(path.join(dir, GKE_ENV_TEMPLATE), "utf8");
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  try {
    const text = await readFile(path.join(dir, TFVARS_EXAMPLE), "utf8");
    model.tfvarsExample = await parse(TFVARS_EXAMPLE, text);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  return model;
}

// ---------------------------------------------------------------- helpers

const first = (blocks) => (Array.isArray(blocks) ? blocks[0] : blocks);
const ofType = (model, type) => model.resources.filter((r) => r.type === type);
const label = (r) => `${r.type}.${r.name}`;
const refTo = (value, kind) => {
  const m = typeof value === "string" && value.match(new RegExp(`^\\$\\{${kind}\\.([A-Za-z0-9_-]+)\\}$`));
  return m ? m[1] : null;
};
const variable = (model, name) => model.variables.find((v) => v.name === name);
const quotedStrings = (expr) => [...String(expr).matchAll(/"([^"]*)"/g)].map((m) => m[1]);

/** Resolves a literal, "${local.x}" or "${var.x}" to a list of strings. */
function resolveList(model, value) {
  const local = refTo(value, "local");
  if (local !== null) return resolveList(model, model.locals[local]);
  const v = refTo(value, "var");
  if (v !== null) return { variable: v };
  if (Array.isArray(value)) {
    const out = [];
    for (const item of value) {
      const r = resolveList(model, item);
      if (!r.values) return r;
      out.push(...r.values);
    }
    return { values: out };
  }
  if (typeof value === "string" && !value.includes("${")) return { values: [value] };
  if (typeof value === "number") return { values: [String(value)] };
  return { unknown: JSON.stringify(value) };
}

function clusters(model, problems) {
  const list = ofType(model, "google_container_cluster");
  if (list.length === 0) problems.push("no google_container_cluster is declared");
  return list;
}

function nodePools(model, problems) {
  const list = ofType(model, "google_container_node_pool");
  if (list.length === 0) problems.push("no google_container_node_pool is declared");
  return list;
}

// ------------------------------------------------------------------ rules

export const rules = {
  privateNodes(model) {
    const problems = [];
    for (const c of clusters(model, problems)) {
      const pcc = first(c.body.private_cluster_config);
      if (pcc?.enable_private_nodes !== true) {
        problems.push(`${label(c)}: private_cluster_config.enable_private_nodes is not true`);
      }
      if (!c.body.master_authorized_networks_config) {
        problems.push(`${label(c)}: master_authorized_networks_config is missing`);
      }
    }
    return problems;
  },

  workloadIdentity(model) {
    const problems = [];
    for (const c of clusters(model, problems)) {
      const pool = first(c.body.workload_identity_config)?.workload_pool;
      if (typeof pool !== "string" || !pool.endsWith(".svc.id.goog")) {
        problems.push(`${label(c)}: workload_identity_config.workload_pool is not <project>.svc.id.goog`);
      }
    }
    for (const p of nodePools(model, problems)) {
      const mode = first(first(p.body.node_config)?.workload_metadata_config)?.mode;
      if (mode !== "GKE_METADATA") {
        problems.push(`${label(p)}: node_config.workload_metadata_config.mode is ${mode ?? "unset"}, not GKE_METADATA`);
      }
    }
    return problems;
  },

  dataplaneV2(model) {
    const problems = [];
    for (const c of clusters(model, problems)) {
      if (c.body.datapath_provider !== "ADVANCED_DATAPATH") {
        problems.push(`${label(c)}: datapath_provider is ${c.body.datapath_provider ?? "unset"}, so NetworkPolicies are not enforced by Dataplane V2`);
      }
    }
    return problems;
  },

  defaultNodePoolRemoved(model) {
    const problems = [];
    for (const c of clusters(model, problems)) {
      if (c.body.remove_default_node_pool !== true) {
        problems.push(`${label(c)}: remove_default_node_pool is not true`);
      }
      if (c.body.node_pool) problems.push(`${label(c)}: declares an inline node_pool`);
    }
    nodePools(model, problems);
    return problems;
  },

  shieldedNodes(model) {
    const problems = [];
    for (const c of clusters(model, problems)) {
      if (c.body.enable_shielded_nodes !== true) {
        problems.push(`${label(c)}: enable_shielded_nodes is not true`);
      }
    }
    for (const p of nodePools(model, problems)) {
      const sic = first(first(p.body.node_config)?.shielded_instance_config);
      if (sic?.enable_secure_boot !== true) {
        problems.push(`${label(p)}: shielded_instance_config.enable_secure_boot is not true`);
      }
    }
    return problems;
  },

  deletionProtection(model) {
    const problems = [];
    for (const c of clusters(model, problems)) {
      const value = c.body.deletion_protection;
      if (value === true) continue;
      const name = refTo(value, "var");
      const v = name && variable(model, name);
      if (!v) {
        problems.push(`${label(c)}: deletion_protection is ${JSON.stringify(value)}, neither true nor a variable`);
      } else if (v.body.type !== "${bool}" || v.body.default !== true) {
        problems.push(`${label(c)}: deletion_protection comes from var.${name}, which is not a bool defaulting to true`);
      }
    }
    return problems;
  },

  firewallExposure(model) {
    const problems = [];
    for (const fw of ofType(model, "google_compute_firewall")) {
      const b = fw.body;
      if ((b.direction ?? "INGRESS") !== "INGRESS" || !b.allow) continue;

      // An ingress rule with no source at all matches every address.
      const hasOtherSource = b.source_tags || b.source_service_accounts;
      const sources = b.source_ranges === undefined ? { values: hasOtherSource ? [] : ["0.0.0.0/0"] } : resolveList(model, b.source_ranges);

      if (sources.unknown) {
        problems.push(`${label(fw)}: cannot tell which sources source_ranges allows (${sources.unknown})`);
        continue;
      }
      if (sources.variable) {
        const v = variable(model, sources.variable);
        const conditions = JSON.stringify(v?.body.validation ?? []);
        if (!v || !conditions.includes("/0")) {
          problems.push(`${label(fw)}: source_ranges comes from var.${sources.variable}, whose validation does not reject /0`);
        }
        if (Array.isArray(v?.body.default) && v.body.default.some((c) => INTERNET.includes(c))) {
          problems.push(`${label(fw)}: var.${sources.variable} defaults to the whole internet`);
        }
        // An empty list would leave the rule without sources, i.e. open to all.
        if (!String(b.count ?? "").includes(`var.${sources.variable}`)) {
          problems.push(`${label(fw)}: is not guarded by a count on var.${sources.variable} being non-empty`);
        }
        continue;
      }
      if (!sources.values.some((c) => INTERNET.includes(c))) continue;

      for (const allow of b.allow) {
        const ports = allow.ports === undefined ? { values: [] } : resolveList(model, allow.ports);
        if (allow.protocol !== "tcp" || !ports.values || ports.values.length === 0) {
          problems.push(`${label(fw)}: opens ${ports.values?.length ? `port ${ports.values.join(",")}` : "all ports"} (${allow.protocol}) to the internet`);
          continue;
        }
        const extra = ports.values.filter((p) => !PUBLIC_PORTS.has(p));
        if (extra.length) problems.push(`${label(fw)}: opens port ${extra.join(",")} to the internet (only 80 and 443 may be)`);
      }
    }
    return problems;
  },

  variablesDocumented(model) {
    const problems = [];
    for (const v of model.variables) {
      if (!v.body.type) problems.push(`variable ${v.name}: no type`);
      if (typeof v.body.description !== "string" || v.body.description.trim() === "") {
        problems.push(`variable ${v.name}: no description`);
      }
      // References are searched in the parsed blocks, so comments do not count.
      const elsewhere = JSON.stringify([
        model.resources,
        model.outputs,
        model.providers,
        model.locals,
        model.variables.filter((other) => other !== v),
      ]);
      if (!new RegExp(`\\bvar\\.${v.name}\\b`).test(elsewhere)) {
        problems.push(`variable ${v.name}: declared but never referenced`);
      }
    }
    return problems;
  },

  outputsDocumented(model) {
    return model.outputs
      .filter((o) => typeof o.body.description !== "string" || o.body.description.trim() === "")
      .map((o) => `output ${o.name}: no description`);
  },

  versionsPinned(model) {
    const problems = [];
    const bounded = (c) => typeof c === "string" && (/~>|</.test(c) || /^=?\s*\d+\.\d+\.\d+$/.test(c.trim()));
    const required = model.terraform.map((t) => t.body.required_version).filter(Boolean);
    if (required.length === 0) problems.push("terraform.required_version is not set");
    for (const c of required) if (!bounded(c)) problems.push(`required_version "${c}" has no upper bound`);

    const providers = Object.assign({}, ...model.terraform.flatMap((t) => t.body.required_providers ?? []));
    for (const name of REQUIRED_PROVIDERS) {
      if (!providers[name]) problems.push(`required_providers has no ${name}`);
    }
    for (const [name, p] of Object.entries(providers)) {
      if (!p.source) problems.push(`provider ${name}: no source`);
      if (!bounded(p.version)) problems.push(`provider ${name}: version "${p.version ?? ""}" is not pinned (use ~> or an upper bound)`);
    }
    return problems;
  },

  backendGcs(model) {
    const problems = [];
    const backends = model.terraform.flatMap((t) => Object.entries(t.body.backend ?? {}));
    if (backends.length !== 1) {
      problems.push(`expected exactly one backend, found ${backends.length}`);
    }
    for (const [type, bodies] of backends) {
      if (type !== "gcs") problems.push(`backend is ${type}, not gcs`);
      const body = first(bodies) ?? {};
      if ("bucket" in body) problems.push(`backend ${type} hard-codes bucket "${body.bucket}" (pass it with -backend-config)`);
    }
    return problems;
  },

  noCredentialsPath(model) {
    const problems = [];
    const secretKeys = ["credentials", "access_token"];
    for (const p of model.providers) {
      for (const key of secretKeys) if (key in p.body) problems.push(`provider ${p.name}: sets ${key}`);
    }
    for (const t of model.terraform) {
      for (const [type, bodies] of Object.entries(t.body.backend ?? {})) {
        for (const key of secretKeys) if (key in (first(bodies) ?? {})) problems.push(`backend ${type}: sets ${key}`);
      }
    }
    const walk = (value, where) => {
      if (typeof value === "string") {
        if (/\.json\b/i.test(value) || /GOOGLE_APPLICATION_CREDENTIALS/.test(value)) {
          problems.push(`${where}: refers to a credentials file (${value})`);
        }
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          if (k !== "description" && k !== "error_message") walk(v, where);
        }
      }
    };
    for (const r of model.resources) walk(r.body, label(r));
    for (const p of model.providers) walk(p.body, `provider ${p.name}`);
    walk(model.locals, "locals");
    for (const t of model.terraform) walk(t.body, `terraform block in ${t.file}`);
    return problems;
  },

  leastPrivilegeNodeServiceAccount(model) {
    const problems = [];
    for (const p of nodePools(model, problems)) {
      const sa = first(p.body.node_config)?.service_account;
      if (typeof sa !== "string" || !/^\$\{google_service_account\.[\w-]+\.email\}$/.test(sa)) {
        problems.push(`${label(p)}: does not run as a dedicated google_service_account (the default one has Editor)`);
      }
    }
    for (const m of ofType(model, "google_project_iam_member")) {
      const roles = m.body.for_each
        ? quotedStrings(model.locals[refTo(m.body.for_each, "local")] ?? m.body.for_each)
        : [m.body.role];
      const allowed =
        m.body.member === "serviceAccount:${google_service_account.github_deployer.email}"
          ? DEPLOYER_ROLES_ALLOWED
          : NODE_ROLES_ALLOWED;
      for (const role of roles) {
        if (!allowed.has(role)) problems.push(`${label(m)}: grants ${role} project-wide`);
      }
    }
    const readers = ofType(model, "google_artifact_registry_repository_iam_member").filter(
      (m) => m.body.role === "roles/artifactregistry.reader",
    );
    if (readers.length === 0) problems.push("the nodes are not granted artifactregistry.reader on the repository");
    return problems;
  },

  // The MySQL dumps' bucket (backup.tf): private, versioned, its lifecycle
  // from variables, and written by the backup's service account through
  // objectCreator on that bucket alone (no read, overwrite or delete).
  backupBucket(model) {
    const bucket = ofType(model, "google_storage_bucket").find((b) => b.name === "backups");
    if (!bucket) return ["no google_storage_bucket.backups (backup.tf)"];
    const problems = [];
    const b = bucket.body;
    if (b.uniform_bucket_level_access !== true) problems.push(`${label(bucket)}: uniform_bucket_level_access is not true`);
    if (b.public_access_prevention !== "enforced") problems.push(`${label(bucket)}: public_access_prevention is not "enforced"`);
    if (first(b.versioning)?.enabled !== true) problems.push(`${label(bucket)}: versioning is not enabled`);
    if (b.force_destroy !== false) problems.push(`${label(bucket)}: force_destroy is not false (destroy would delete the dumps)`);
    const conditions = (b.lifecycle_rule ?? [])
      .filter((r) => first(r.action)?.type === "Delete")
      .map((r) => first(r.condition) ?? {});
    if (!conditions.some((c) => c.age === "${var.backup_retention_days}")) {
      problems.push(`${label(bucket)}: no Delete rule with age = var.backup_retention_days`);
    }
    if (!conditions.some((c) => c.with_state === "ARCHIVED" && c.days_since_noncurrent_time === "${var.backup_noncurrent_retention_days}")) {
      problems.push(`${label(bucket)}: no Delete rule for noncurrent versions after var.backup_noncurrent_retention_days`);
    }
    const writer = "serviceAccount:${google_service_account.backup.email}";
    const grants = ["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding", "google_storage_bucket_iam_policy"]
      .flatMap((type) => ofType(model, type))
      .filter((g) => g.body.bucket === "${google_storage_bucket.backups.name}");
    for (const g of grants) {
      if (g.type !== "google_storage_bucket_iam_member" || g.body.role !== "roles/storage.objectCreator" || g.body.member !== writer) {
        problems.push(`${label(g)}: the backup bucket grants only roles/storage.objectCreator, to the backup's service account`);
      }
    }
    if (grants.length === 0) problems.push("the backup's service account may not write to the backup bucket");
    for (const m of ofType(model, "google_project_iam_member")) {
      if (String(m.body.member).includes("google_service_account.backup.")) problems.push(`${label(m)}: grants the backup's service account a project-wide role`);
    }
    return problems;
  },

  // Every input that is not a plain on/off switch is checked before any API
  // call: a typo in a host name or e-mail fails at plan time, not in the cluster.
  variablesValidated(model) {
    return model.variables
      .filter((v) => v.body.type !== "${bool}" && !v.body.validation)
      .map((v) => `variable ${v.name}: no validation block`);
  },

  // The cluster's prerequisites are installed by terraform, each chart from
  // an https repository at one exact version (no range, no "latest").
  helmReleasesPinned(model) {
    const problems = [];
    const releases = ofType(model, "helm_release");
    const charts = releases.map((r) => r.body.chart);
    for (const chart of REQUIRED_CHARTS) {
      if (!charts.includes(chart)) problems.push(`no helm_release installs ${chart}, which k8s/ needs`);
    }
    for (const r of releases) {
      if (typeof r.body.repository !== "string" || !r.body.repository.startsWith("https://")) {
        problems.push(`${label(r)}: repository ${JSON.stringify(r.body.repository)} is not an https URL`);
      }
      if (typeof r.body.version !== "string" || !/^v?\d+\.\d+\.\d+$/.test(r.body.version)) {
        problems.push(`${label(r)}: version ${JSON.stringify(r.body.version)} is not one exact chart version`);
      }
      if (!r.body.namespace) problems.push(`${label(r)}: no namespace`);
    }
    return problems;
  },

  // Secrets are generated (random_password), long enough, stored without a
  // literal value, never given a default, and never output in clear text.
  generatedSecrets(model) {
    const problems = [];
    for (const r of ofType(model, "random_password")) {
      if (!(typeof r.body.length === "number" && r.body.length >= MIN_PASSWORD_LENGTH)) {
        problems.push(`${label(r)}: length ${r.body.length} is below ${MIN_PASSWORD_LENGTH}`);
      }
    }
    for (const r of ofType(model, "google_secret_manager_secret_version")) {
      const data = r.body.secret_data;
      if (typeof data !== "string" || !data.includes("${")) problems.push(`${label(r)}: secret_data is a literal value`);
    }
    for (const v of model.variables) {
      if (/(password|secret|token|private_key)/i.test(v.name) && v.body.default !== undefined && v.body.default !== null) {
        problems.push(`variable ${v.name}: a secret with a default value`);
      }
    }
    for (const o of model.outputs) {
      const value = JSON.stringify(o.body.value ?? "");
      if (/random_password\.|secret_data|google_secret_manager_secret_version\./.test(value) && o.body.sensitive !== true) {
        problems.push(`output ${o.name}: exposes a secret without sensitive = true`);
      }
    }
    return problems;
  },

  // The values the manifests need reach them through one file: a local_file
  // writes k8s/gke.env from the template, passing exactly its variables.
  gkeEnvFile(model) {
    if (model.gkeEnvTemplate === null) return [`${GKE_ENV_TEMPLATE} is missing`];
    const writers = ofType(model, "local_file").filter((r) => String(r.body.filename).endsWith(`/../${GKE_ENV_FILE}`));
    if (writers.length !== 1) return [`expected one local_file writing ${GKE_ENV_FILE}, found ${writers.length}`];
    const [w] = writers;
    const content = String(w.body.content);
    const m = content.match(/^\$\{templatefile\("\$\{path\.module\}\/([^"]+)",\s*\{([\s\S]*)\}\)\}$/);
    if (!m || m[1] !== GKE_ENV_TEMPLATE) return [`${label(w)}: content is not templatefile("\${path.module}/${GKE_ENV_TEMPLATE}", {...})`];
    const passed = [...m[2].matchAll(/^\s*([a-z_][a-z0-9_]*)\s*=/gm)].map((x) => x[1]).sort();
    const wanted = [...new Set([...model.gkeEnvTemplate.matchAll(/\$\{([a-z_][a-z0-9_]*)\}/g)].map((x) => x[1]))].sort();
    const problems = [];
    for (const v of wanted) if (!passed.includes(v)) problems.push(`${label(w)}: template variable ${v} is not passed`);
    for (const v of passed) if (!wanted.includes(v)) problems.push(`${label(w)}: passes ${v}, which the template does not use`);
    return problems;
  },

  tfvarsExampleMatches(model) {
    if (!model.tfvarsExample) return [`${TFVARS_EXAMPLE} is missing`];
    const declared = new Set(model.variables.map((v) => v.name));
    return Object.keys(model.tfvarsExample)
      .filter((k) => !declared.has(k))
      .map((k) => `${TFVARS_EXAMPLE} sets ${k}, which is not a declared variable`);
  },
};

/** Runs every rule; returns { ruleName: [problems] } for the rules that fail. */
export function checkAll(model) {
  const failures = {};
  for (const [name, rule] of Object.entries(rules)) {
    const problems = rule(model);
    if (problems.length) failures[name] = problems;
  }
  return failures;
}
