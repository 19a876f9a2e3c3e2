// Schema validation of rendered objects, in two layers:
//  1. the maintained models (kubernetes-models, @kubernetes-models/traefik,
//     -/cert-manager, -/prometheus-operator, -/external-secrets) validate each object at run time
//     against the JSON schemas they were generated from (types, required
//     fields, enums, formats);
//  2. those schemas do not reject unknown fields, so every object is also
//     type-checked by the TypeScript compiler against the same packages'
//     declarations. An object literal with a field its type does not
//     declare is an error there ("excess property check"), at any depth:
//     that is kubeconform's --strict, from the same schema source.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TESTS_DIR } from "./render.js";

// apiVersion group -> package and folder holding its models.
const PACKAGES = {
  "": "kubernetes-models",
  "traefik.io": "@kubernetes-models/traefik",
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "external-secrets.io": "@kubernetes-models/external-secrets",
};

function modelPath(obj) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  const pkg = PACKAGES[group] ?? PACKAGES[""];
  if (!PACKAGES[group] && !group.endsWith(".k8s.io") && !["apps", "batch", "policy", "autoscaling"].includes(group)) {
    return null;
  }
  const spec = group ? `${pkg}/${group}/${version}/${obj.kind}` : `${pkg}/${version}/${obj.kind}`;
  try {
    const url = import.meta.resolve(spec);
    return fs.existsSync(new URL(url)) ? spec : null;
  } catch {
    return null;
  }
}

// Layer 1. Returns a list of "kind/name: message" strings.
export async function validateModels(objects) {
  const problems = [];
  for (const obj of objects) {
    const spec = modelPath(obj);
    const id = `${obj.kind}/${obj.metadata?.name}`;
    if (!spec) {
      problems.push(`${id}: no schema for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    const mod = await import(spec);
    const Model = mod[obj.kind];
    try {
      new Model(structuredClone(obj)).validate();
    } catch (e) {
      problems.push(`${id}: ${e.message.split("\n").slice(0, 3).join(" ")}`);
    }
  }
  return problems;
}

// Layer 2. Type-checks all objects in one compiler run; one line per object
// so that errors map back to objects. Returns "kind/name: message" strings.
export function validateStrict(objects, label = "strict") {
  const dir = path.join(TESTS_DIR, ".render", "tsc");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${label}-${process.pid}.ts`);
  const header = [];
  const lines = [];
  const ids = [];
  const problems = [];
  objects.forEach((obj, i) => {
    const spec = modelPath(obj);
    const id = `${obj.kind}/${obj.metadata?.name}`;
    if (!spec) {
      problems.push(`${id}: no schema for ${obj.apiVersion} ${obj.kind}`);
      return;
    }
    header.push(`import type { I${obj.kind} as T${i} } from ${JSON.stringify(spec)};`);
    lines.push(`export const o${i}: T${i} = ${JSON.stringify(obj)};`);
    ids.push(id);
  });
  fs.writeFileSync(file, [...header, ...lines].join("\n") + "\n");
  const tsc = path.join(TESTS_DIR, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "--noEmit", "--strict", "--skipLibCheck", "--pretty", "false",
      "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", file],
      { cwd: TESTS_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const out = String(e.stdout || "") + String(e.stderr || "");
    for (const m of out.matchAll(/\.ts\((\d+),(\d+)\): error (TS\d+): (.*)/g)) {
      const line = Number(m[1]) - 1 - header.length;
      problems.push(`${ids[line] ?? "?"}: ${m[3]} ${m[4]}`);
    }
    if (!problems.length) problems.push(`tsc failed: ${out.slice(0, 500)}`);
  } finally {
    fs.rmSync(file, { force: true });
  }
  return problems;
}
