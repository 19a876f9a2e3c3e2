// The PrometheusRule's groups pass `promtool check rules` and the unit
// tests in promtool/rules.test.yaml (`promtool test rules`). promtool comes
// from Debian's "prometheus" package (scripts/check-k8s.sh installs it).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import YAML from "yaml";
import { loadRenders, TESTS_DIR } from "../lib/render.js";

const rule = loadRenders().gke.objects.find((o) => o.kind === "PrometheusRule");
// runbook_url depends on where a team keeps its runbook (monitoring.env) and
// is checked by runbook.test.js; the unit tests leave it out.
const groups = (rule?.spec.groups ?? []).map((g) => ({
  ...g,
  rules: g.rules.map((r) => {
    if (!r.annotations) return r;
    const { runbook_url: _url, ...annotations } = r.annotations;
    return { ...r, annotations };
  }),
}));
const dir = path.join(TESTS_DIR, ".render", `promtool-${process.pid}`);

function promtool(...args) {
  try {
    return execFileSync("promtool", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") throw new Error("promtool not found: apt-get install prometheus (scripts/check-k8s.sh does)");
    throw new Error(`promtool ${args.join(" ")} failed:\n${e.stdout}${e.stderr}`);
  }
}

test("PrometheusRule: promtool check rules", () => {
  assert.ok(rule, "no PrometheusRule in the gke render");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "domaindesk-rules.yaml"), YAML.stringify({ groups }));
  fs.copyFileSync(path.join(TESTS_DIR, "promtool", "rules.test.yaml"), path.join(dir, "rules.test.yaml"));
  assert.match(promtool("check", "rules", "domaindesk-rules.yaml"), /SUCCESS/);
});

test("PrometheusRule: promtool test rules (every alert fires when it should)", () => {
  promtool("test", "rules", "rules.test.yaml");
  const alerts = rule.spec.groups.flatMap((g) => g.rules.map((r) => r.alert)).filter(Boolean);
  const tested = fs.readFileSync(path.join(TESTS_DIR, "promtool", "rules.test.yaml"), "utf8");
  for (const a of alerts) assert.ok(tested.includes(`alertname: ${a}`), `alert ${a} has no unit test`);
  fs.rmSync(dir, { recursive: true, force: true });
});
