// docs/runbook.md is what a person follows when paged, so it must stay true:
//   - every alert links (runbook_url) its own section of docs/runbook.md,
//     under the base URL of production's k8s/gke.env (written by terraform);
//   - every command in it names scripts, flags, terraform resources and
//     Kubernetes objects that exist, and every anchor link resolves.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { loadRenders, readEnvFile, REPO_DIR } from "../lib/render.js";

const RUNBOOK = fs.readFileSync(path.join(REPO_DIR, "docs", "runbook.md"), "utf8");
const renders = loadRenders();
const gke = renders.gke.objects;

// GitHub's heading anchors: lower case, punctuation dropped, spaces to "-".
const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");
const anchors = new Set([...RUNBOOK.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
// Commands: fenced blocks and inline code.
const code = [...RUNBOOK.matchAll(/```sh\n([\s\S]*?)```/g), ...RUNBOOK.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]).join("\n");

test("runbook: every alert has a runbook_url to its own section", () => {
  const base = readEnvFile(path.join(REPO_DIR, "k8s", "gke.env")).RUNBOOK_URL;
  assert.match(base ?? "", /^https:\/\/\S+$/, "RUNBOOK_URL in k8s/gke.env is not an https URL");
  const alerts = gke.filter((o) => o.kind === "PrometheusRule").flatMap((r) => r.spec.groups.flatMap((g) => g.rules)).filter((r) => r.alert);
  assert.ok(alerts.length > 0, "no alerts in the gke render");
  for (const a of alerts) {
    const url = a.annotations?.runbook_url;
    assert.equal(url, `${base}#${a.alert.toLowerCase()}`, `${a.alert}: runbook_url`);
    assert.ok(anchors.has(a.alert.toLowerCase()), `${a.alert}: docs/runbook.md has no section "### ${a.alert}"`);
  }
});

test("runbook: every link to a section resolves", () => {
  for (const [, anchor] of RUNBOOK.matchAll(/\]\(#([^)]+)\)/g)) assert.ok(anchors.has(anchor), `link to missing section #${anchor}`);
});

test("runbook: every script exists and accepts the flags used with it", () => {
  const uses = [...code.matchAll(/(scripts\/[\w-]+\.sh)((?: --?[a-z][\w-]*)*)/g)];
  assert.ok(uses.length > 0);
  for (const [, script, flags] of uses) {
    const file = path.join(REPO_DIR, script);
    assert.ok(fs.existsSync(file), `${script} does not exist`);
    if (!flags.trim()) continue;
    // The script's own usage text (exit 3 after --help is expected).
    let usage;
    try {
      usage = execFileSync("bash", [file, "--help"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      usage = `${e.stdout}${e.stderr}`;
    }
    for (const flag of flags.trim().split(/\s+/)) {
      assert.match(usage, new RegExp(`(^|[\\s\\[])${flag}(?=[\\s\\]=])`, "m"), `${script} --help does not list ${flag}`);
    }
  }
});

test("runbook: every repository path it names exists", () => {
  const paths = new Set([...RUNBOOK.matchAll(/`((?:k8s|terraform|compose|scripts|dbmigrate\/src|docs)\/[\w./-]+)`/g)].map((m) => m[1]));
  for (const p of paths) assert.ok(fs.existsSync(path.join(REPO_DIR, p)), `${p} does not exist`);
});

test("runbook: dbmigrate commands and terraform resources (its rotation table too) exist", () => {
  const dbmigrateDoc = fs.readFileSync(path.join(REPO_DIR, "docs", "dbmigrate.md"), "utf8");
  for (const [, command] of code.matchAll(/dbmigrate\.jar ([a-z-]+)/g)) {
    assert.match(dbmigrateDoc, new RegExp(`\\| \`${command}\\b`), `dbmigrate has no command "${command}"`);
  }
  const tf = fs.readdirSync(path.join(REPO_DIR, "terraform")).filter((f) => f.endsWith(".tf"))
    .map((f) => fs.readFileSync(path.join(REPO_DIR, "terraform", f), "utf8")).join("\n");
  // The rotation commands are kubernetes.md's "Secrets" table, which the runbook links.
  const rotation = fs.readFileSync(path.join(REPO_DIR, "docs", "kubernetes.md"), "utf8");
  const replaced = [...`${code}\n${rotation}`.matchAll(/-replace=([\w]+)\.([\w]+)/g)];
  assert.ok(replaced.length > 0);
  for (const [, type, name] of replaced) assert.ok(tf.includes(`resource "${type}" "${name}"`), `terraform has no ${type}.${name}`);
});

test("runbook: every Kubernetes object a command names exists in a render", () => {
  const all = Object.values(renders).flatMap((r) => r.objects);
  const has = (kind, name) => all.some((o) => o.kind === kind && o.metadata.name === name);
  const kinds = { deployment: "Deployment", statefulset: "StatefulSet", svc: "Service", job: "Job", hpa: "HorizontalPodAutoscaler", externalsecret: "ExternalSecret", networkpolicy: "NetworkPolicy" };
  const refs = [
    ...code.matchAll(/\b(deployment|statefulset|svc)\/([a-z][\w-]*)/g),
    ...code.matchAll(/\b(hpa|externalsecret|networkpolicy) ([a-z][\w-]*)/g),
  ];
  assert.ok(refs.length > 0);
  for (const [, kind, name] of refs) assert.ok(has(kinds[kind], name), `no ${kinds[kind]} ${name} in any render`);
  for (const [, label] of code.matchAll(/-l app\.kubernetes\.io\/name=([\w-]+)/g)) {
    assert.ok(all.some((o) => o.metadata.labels?.["app.kubernetes.io/name"] === label), `no object labelled ${label}`);
  }
});
