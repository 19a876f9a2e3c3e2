// Renders every overlay and every overlay + optional-component combination
// with `kubectl kustomize`, in a scratch copy of k8s/ where the git-ignored
// secret env files are filled from their committed *.example files (so the
// tests run on a fresh clone and never touch the working tree's secrets).
// Results are cached in .render/ keyed by a hash of every file under k8s/,
// so the test files (separate processes) render only once.
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
};

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
  for (const file of listFiles(K8S_DIR)) {
    if (file.startsWith(TESTS_DIR + path.sep)) continue;
    hash.update(path.relative(K8S_DIR, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

function overlays() {
  return fs.readdirSync(path.join(K8S_DIR, "overlays")).filter((d) =>
    fs.existsSync(path.join(K8S_DIR, "overlays", d, "kustomization.yaml")),
  );
}

function components() {
  return fs.readdirSync(path.join(K8S_DIR, "components")).filter((d) =>
    fs.existsSync(path.join(K8S_DIR, "components", d, "kustomization.yaml")),
  );
}

function overlayComponents(overlay) {
  const k = YAML.parse(fs.readFileSync(path.join(K8S_DIR, "overlays", overlay, "kustomization.yaml"), "utf8"));
  return (k.components ?? []).map((c) => path.basename(c));
}

// Every subset of the components an overlay does not include yet, keeping
// only those whose prerequisites are met.
function combinations() {
  const result = [];
  for (const overlay of overlays()) {
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

// Fills missing secret env files from their examples, in the scratch copy only.
function fillSecrets(root) {
  for (const file of listFiles(root)) {
    if (!file.endsWith(".example")) continue;
    const real = file.slice(0, -".example".length);
    if (!fs.existsSync(real)) fs.copyFileSync(file, real);
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
  fillSecrets(k8s);
  const renders = {};
  for (const combo of combinations()) {
    let dir = path.join(k8s, "overlays", combo.overlay);
    if (combo.added.length) {
      dir = path.join(scratch, "variants", combo.name);
      fs.mkdirSync(dir, { recursive: true });
      const rel = (p) => path.relative(dir, p);
      fs.writeFileSync(
        path.join(dir, "kustomization.yaml"),
        YAML.stringify({
          apiVersion: "kustomize.config.k8s.io/v1beta1",
          kind: "Kustomization",
          resources: [rel(path.join(k8s, "overlays", combo.overlay))],
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
    renders[combo.name] = { ...combo, error, objects: error ? [] : parseAll(output) };
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
