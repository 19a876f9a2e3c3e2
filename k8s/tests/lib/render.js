// Renders every entry point (k8s/ itself, named "gke", and each
// k8s/overlays/*) and every entry point + optional-component combination
// with `kubectl kustomize`, in a scratch copy of k8s/ (nothing is filled in:
// what renders here renders on a fresh clone). Results are cached in .render/
// keyed by a hash of every file the renders read, so the test files
// (separate processes) render only once.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

export const TESTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const K8S_DIR = path.resolve(TESTS_DIR, "..");
export const REPO_DIR = path.resolve(K8S_DIR, "..");
const WORK_DIR = path.join(TESTS_DIR, ".render");

// Optional components and what each needs to be meaningful.
const OPTIONAL_COMPONENTS = {
  traefik: [],
  letsencrypt: ["traefik"],
  "letsencrypt-production": ["letsencrypt"],
  monitoring: ["traefik"],
  "external-secrets": [],
  backup: [],
  tracing: ["traefik"],
  "request-rate-autoscaling": ["monitoring"],
};

// The production entry point is k8s/ itself; its render is called "gke".
export const PRODUCTION = "gke";

function listFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", ".render", ".git"].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else out.push(full);
  }
  return out.sort();
}

function treeHash() {
  const hash = createHash("sha256");
  for (const file of [...listFiles(K8S_DIR), KIND_UP]) {
    if (file.startsWith(TESTS_DIR + path.sep)) continue;
    hash.update(path.relative(K8S_DIR, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

// Entry points: name -> directory relative to k8s/.
function overlays() {
  const list = { [PRODUCTION]: "." };
  for (const d of fs.readdirSync(path.join(K8S_DIR, "overlays"))) {
    if (fs.existsSync(path.join(K8S_DIR, "overlays", d, "kustomization.yaml"))) list[d] = path.join("overlays", d);
  }
  return list;
}

// KEY=value lines of an env file (comments and blank lines skipped).
export function readEnvFile(file) {
  const env = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = line.match(/^([A-Z][A-Z0-9_]*)=(.*)$/);
    if (m) env[m[1]] = m[2];
  }
  return env;
}

// The Secrets scripts/kind-up.sh creates in the kind cluster (the local
// overlay's Secrets exist nowhere else): name -> keys, read from its
// `ensure_secret NAME "KEY=..." ...` calls.
const KIND_UP = path.join(REPO_DIR, "scripts", "kind-up.sh");
export function kindUpSecrets() {
  const text = fs.readFileSync(KIND_UP, "utf8").replace(/\\\n\s*/g, " ");
  const secrets = {};
  for (const m of text.matchAll(/^\s*ensure_secret ([a-z0-9-]+)((?: "[A-Z][A-Z0-9_]*=[^"]*")+)/gm)) {
    secrets[m[1]] = [...m[2].matchAll(/"([A-Z][A-Z0-9_]*)=/g)].map((k) => k[1]);
  }
  return secrets;
}

function components() {
  return fs.readdirSync(path.join(K8S_DIR, "components")).filter((d) =>
    fs.existsSync(path.join(K8S_DIR, "components", d, "kustomization.yaml")),
  );
}

function overlayComponents(overlay) {
  const k = YAML.parse(fs.readFileSync(path.join(K8S_DIR, overlays()[overlay], "kustomization.yaml"), "utf8"));
  return (k.components ?? []).map((c) => path.basename(c));
}

// Every subset of the components an overlay does not include yet, keeping
// only those whose prerequisites are met.
function combinations() {
  const result = [];
  for (const overlay of Object.keys(overlays())) {
    const present = overlayComponents(overlay);
    const extra = components().filter((c) => !present.includes(c));
    for (let mask = 0; mask < 1 << extra.length; mask++) {
      const added = extra.filter((_, i) => mask & (1 << i));
      const all = [...present, ...added];
      const ok = added.every((c) => (OPTIONAL_COMPONENTS[c] ?? []).every((dep) => all.includes(dep)));
      if (!ok) continue;
      result.push({ name: [overlay, ...added].join("+"), overlay, added, components: all });
    }
  }
  return result;
}

function copyTree(src, dst) {
  fs.mkdirSync(dst, { recursive: true });
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    if (["node_modules", ".render", "tests"].includes(entry.name)) continue;
    const from = path.join(src, entry.name);
    const to = path.join(dst, entry.name);
    if (entry.isDirectory()) copyTree(from, to);
    else fs.copyFileSync(from, to);
  }
}

export function kustomize(dir) {
  return execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function parseAll(text) {
  return YAML.parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o && typeof o === "object");
}

function renderAll() {
  const scratch = fs.mkdtempSync(path.join(WORK_DIR, "tree-"));
  const k8s = path.join(scratch, "k8s");
  copyTree(K8S_DIR, k8s);
  const renders = {};
  const entries = overlays();
  for (const combo of combinations()) {
    let dir = path.join(k8s, entries[combo.overlay]);
    if (combo.added.length) {
      dir = path.join(scratch, "variants", combo.name);
      fs.mkdirSync(dir, { recursive: true });
      const rel = (p) => path.relative(dir, p);
      fs.writeFileSync(
        path.join(dir, "kustomization.yaml"),
        YAML.stringify({
          apiVersion: "kustomize.config.k8s.io/v1beta1",
          kind: "Kustomization",
          resources: [rel(path.join(k8s, entries[combo.overlay]))],
          components: combo.added.map((c) => rel(path.join(k8s, "components", c))),
        }),
      );
    }
    let output;
    let error = null;
    try {
      output = kustomize(dir);
    } catch (e) {
      error = String(e.stderr || e.message);
    }
    // Secrets the render refers to that are made outside kustomize.
    const externalSecrets = combo.overlay === "local" ? kindUpSecrets() : {};
    renders[combo.name] = { ...combo, externalSecrets, error, objects: error ? [] : parseAll(output) };
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  return renders;
}

let memo = null;
export function loadRenders() {
  if (memo) return memo;
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const key = treeHash();
  const cache = path.join(WORK_DIR, `renders-${key}.json`);
  if (fs.existsSync(cache)) {
    memo = JSON.parse(fs.readFileSync(cache, "utf8"));
    return memo;
  }
  memo = renderAll();
  const tmp = `${cache}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(memo));
  fs.renameSync(tmp, cache); // atomic: parallel test processes never see half a file
  return memo;
}

// CLI: `node lib/render.js` renders once (used by scripts/check-k8s.sh) and
// `node lib/render.js --out DIR` writes each render as YAML for external tools.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const renders = loadRenders();
  const outIndex = process.argv.indexOf("--out");
  for (const [name, r] of Object.entries(renders)) {
    console.log(`${r.error ? "FAIL" : "ok  "} ${name}${r.error ? `: ${r.error.trim()}` : ` (${r.objects.length} objects)`}`);
    if (outIndex > 0 && !r.error) {
      const out = process.argv[outIndex + 1];
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, `${name}.yaml`), r.objects.map((o) => YAML.stringify(o)).join("---\n"));
    }
  }
  if (Object.values(renders).some((r) => r.error)) process.exit(1);
}
