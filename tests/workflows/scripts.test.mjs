// The pipeline scripts' argument handling and pure functions, run for real
// (bash, kubectl kustomize, jq) without a cluster, a registry or Docker:
// scripts/kind-e2e.sh, deploy-gke.sh, rollback.sh and scripts/release/*.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs a script (path from the repository root) with arguments. */
function run(script, args = [], env = {}) {
  return spawnSync("bash", [script, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
}

/** Sources a script (its main does not run) and evaluates bash code with its functions. */
function sourced(script, code, input) {
  return spawnSync("bash", ["-c", `. ${script}\n${code}`], { cwd: ROOT, encoding: "utf8", input });
}

const tmp = () => mkdtempSync(path.join(tmpdir(), "pipeline-"));
// scripts/check-workflows.sh requires kubectl: the stand-in delegates rendering to it.
const realKubectl = spawnSync("bash", ["-c", "command -v kubectl"], { encoding: "utf8" }).stdout.trim();

/**
 * A directory of stand-ins for gcloud, docker and kubectl that record every
 * call in $CALLS: what a script does to a cluster and registries, in order.
 * `kubectl kustomize` is the real one; the `kubectl` stand-in answers the
 * reads the scripts make from the files in $ANSWERS.
 */
function fakeTools() {
  const dir = tmp();
  const calls = path.join(dir, "calls");
  writeFileSync(calls, "");
  const tool = (name, body) => {
    writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\necho "${name} $*" >> "$CALLS"\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  };
  tool("gcloud", "");
  tool("docker", "");
  tool("kubectl", `
    args="$*"
    case $args in
      kustomize*) exec "$REAL_KUBECTL" "$@" ;;
      *"apply -f"*) [[ $args == *" -l "* ]] || touch "$ANSWERS/applied"; cat >/dev/null ;;
      *"create -f -"*) cat > "$ANSWERS/created.json" ;;
      *"get deployment "*)
        name=$(sed 's/.*get deployment \\([a-z]*\\).*/\\1/' <<<"$args")
        if [ -e "$ANSWERS/applied" ]; then echo "$STANDIN_REGISTRY/$name:$NEW"; else echo "$STANDIN_REGISTRY/$name:$OLD"; fi ;;
      *"get jobs"*) [ -n "$NO_JOB" ] || echo "job.batch/dbmigrate-0-1-0" ;;
      *"get job.batch/"*) cat "$ANSWERS/job.json" ;;
    esac`);
  return { dir, calls, env: { PATH: `${dir}:${process.env.PATH}`, CALLS: calls, ANSWERS: dir, REAL_KUBECTL: realKubectl } };
}

describe("scripts/kind-e2e.sh", () => {
  const script = "scripts/kind-e2e.sh";
  test("--help prints the usage and exits 0", () => {
    const r = run(script, ["--help"]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: scripts\/kind-e2e.sh/);
    assert.match(r.stdout, /--only CHECK/);
  });
  test("an unknown argument is refused in one line, exit 2", () => {
    const r = run(script, ["--frobnicate"]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "kind-e2e: unknown argument '--frobnicate' (see --help)\n");
  });
  test("an unknown check is refused, naming the valid ones", () => {
    const r = run(script, ["--only", "api,nope", "--dry-run"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown check 'nope' \(one of: api browser psa netpol rolling reload\)/);
  });
  test("--only without a value is refused", () => {
    assert.equal(run(script, ["--only"]).status, 2);
  });
  test("--dry-run: all checks, kind-up.sh with a build, cluster deleted if created", () => {
    const r = run(script, ["--dry-run"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /would run: env -u SKIP_BUILD scripts\/kind-up.sh/);
    assert.match(r.stdout, /would run checks: api browser psa netpol rolling reload \(overlay k8s\/overlays\/local/);
    assert.match(r.stdout, /delete the cluster if this run created it/);
  });
  test("--only keeps the safe order whatever the order given; --skip-build, --keep", () => {
    const r = run(script, ["--only", "reload", "--only=rolling,api", "--skip-build", "--keep", "--dry-run"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /would run: env SKIP_BUILD=1 scripts\/kind-up.sh/);
    assert.match(r.stdout, /would run checks: api rolling reload /);
    assert.match(r.stdout, /would keep the cluster/);
  });
  test("IMAGE_TAG is handed to kind-up.sh, which honours it with SKIP_BUILD", () => {
    const r = run(script, ["--skip-build", "--dry-run"], { IMAGE_TAG: "0.2.0-dev" });
    assert.match(r.stdout, /would run: env SKIP_BUILD=1 IMAGE_TAG=0.2.0-dev scripts\/kind-up.sh/);
    const kindUp = readFileSync(path.join(ROOT, "scripts/kind-up.sh"), "utf8");
    assert.match(kindUp, /IMAGE_TAG=\$\{IMAGE_TAG:-/);
    assert.match(kindUp, /"\$\{SKIP_BUILD:-0\}" != 1/);
  });
  test("the administrator's credentials come from the Secret kind-up.sh creates (dbmigrate: ADMIN_EMAIL, ADMIN_PASSWORD)", () => {
    const kindUp = readFileSync(path.join(ROOT, "scripts/kind-up.sh"), "utf8");
    assert.match(kindUp, /ensure_secret dbmigrate "ADMIN_EMAIL=\$ADMIN_EMAIL" "ADMIN_PASSWORD=/);
    const secret = JSON.stringify({ data: { ADMIN_EMAIL: Buffer.from("a@b.c").toString("base64"), ADMIN_PASSWORD: Buffer.from("pw").toString("base64") } });
    const read = sourced(script, 'k() { [ "$*" = "get secret dbmigrate -o json" ] && cat; }\nNAMESPACE=domaindesk; unset ADMIN_EMAIL ADMIN_PASSWORD\nadmin_credentials && echo "$ADMIN_EMAIL $ADMIN_PASSWORD"', secret);
    assert.equal(read.stdout, "a@b.c pw\n", read.stderr);
    const none = sourced(script, 'k() { echo \'{"data":{"JWT_SECRET":"eA=="}}\'; }\nNAMESPACE=domaindesk; unset ADMIN_EMAIL ADMIN_PASSWORD\nadmin_credentials', "");
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no Secret dbmigrate with ADMIN_PASSWORD in namespace domaindesk/);
  });
  test("--skip-up does not call kind-up.sh", () => {
    assert.doesNotMatch(run(script, ["--skip-up", "--dry-run"]).stdout, /kind-up/);
  });
  test("a missing overlay is refused", () => {
    const r = run(script, ["--overlay", "k8s/overlays/nope", "--dry-run"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /overlay k8s\/overlays\/nope does not exist/);
  });
  // A cluster that answers like one where everything is admitted and ready,
  // unless PSA_BROKEN is set: then it accepts a privileged pod.
  function fakeCluster() {
    const dir = tmp();
    const tool = (name, body) => {
      writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(path.join(dir, name), 0o755);
    };
    tool("kind", 'echo domaindesk');
    tool("docker", "");
    tool("kubectl", `
      args="$*"
      case $args in
        kustomize*) exec "$REAL_KUBECTL" "$@" ;;
        # The Secret scripts/kind-up.sh creates: its name and keys.
        *"get secret dbmigrate -o json"*) echo '{"metadata":{"name":"dbmigrate"},"data":{"ADMIN_EMAIL":"YWRtaW5AZXhhbXBsZS5jb20=","ADMIN_PASSWORD":"c2VjcmV0LXZhbHVl"}}' ;;
        "get ns "*) echo restricted ;;
        *"get events --field-selector"*) echo '{"items":[]}' ;;
        *"get deployments,statefulsets -o name"*) echo deployment.apps/back ;;
        *"get deployments,statefulsets -o json"*) echo '{"items":[]}' ;;
        *"apply --dry-run=server"*)
          if grep -q '"privileged": true' && [ -z "$PSA_BROKEN" ]; then
            echo 'Error from server (Forbidden): pods "psa-probe" is forbidden: violates PodSecurity "restricted:latest": privileged' >&2; exit 1
          fi
          echo "pod/psa-probe created (server dry run)" ;;
        *"get pods -A --no-headers"*) echo "domaindesk back-x 0/1 CrashLoopBackOff 3 1m" ;;
        *"get deployments,statefulsets -A --no-headers"*) echo "domaindesk deployment.apps/back 1/2 2 1 5m" ;;
        *"get jobs -A --no-headers"*) echo "domaindesk dbmigrate-0-1-0 Complete 1/1 20s 5m" ;;
        *"get pods -o jsonpath"*) echo "back-x" ;;
        *"rollout status"*) rm -f "$STATE/outage" ;;
        *"get configmap back-config -o json"*)
          echo '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"back-config","resourceVersion":"5"},"data":{"application.yaml":"# live\\nlogging:\\n  level:\\n    root: INFO\\n"}}' ;;
        *"apply -f -"*)
          # The ConfigMap: the back logs requests while Spring MVC is at DEBUG.
          if grep -q "org.springframework.web: DEBUG"; then touch "$STATE/debug"; else rm -f "$STATE/debug"; fi ;;
        *" logs back-x"*)
          if [ -e "$STATE/debug" ]; then cat "$STATE/requests" 2>/dev/null; echo "Reloading using strategy: REFRESH"; fi ;;
        *"delete pods"*) touch "$STATE/outage" ;;
        *"get pods -l app.kubernetes.io/name=back -o json"*)
          echo '{"items":[{"metadata":{"name":"back-x"},"status":{"phase":"Running","containerStatuses":[{"restartCount":0}]}}]}' ;;
        *"get pods -l app.kubernetes.io/name=front"*) echo "front-y" ;;
        *"get pod back-x -o jsonpath={.status.podIP}"*) echo "10.0.0.5" ;;
        *"exec netpol-probe -- nc"*)
          # The probe namespace reaches DNS only, unless NETPOL_BROKEN opens MySQL.
          case $args in *" 53"|*"3306"*) [[ $args == *" 53" || -n "$NETPOL_BROKEN" ]] ;; *) false ;; esac
          exit ;;
        *" debug pod/"*)
          pod=$(sed 's|.*debug pod/\\([a-z-]*\\).*|\\1|' <<<"$args")
          container=$(sed 's|.*--container=\\([a-z0-9-]*\\).*|\\1|' <<<"$args")
          echo "$container" > "$STATE/debug-$pod" ;;
        *"ephemeralContainerStatuses"*)
          # back-x reaches MySQL (0), front-y does not (1).
          [[ $args == *back-x* ]] && echo 0 || echo 1 ;;
        *describe*) echo "described: $args" ;;
        *logs*) echo "log of: $args" ;;
        *) echo "{}" ;;
      esac`);
    return { PATH: `${dir}:${process.env.PATH}`, REAL_KUBECTL: realKubectl, STATE: dir };
  }
  // curl answering like the API behind Traefik over HTTP/2 (lower-case headers).
  function fakeApi(env) {
    const dir = env.STATE;
    writeFileSync(path.join(dir, "curl"), `#!/usr/bin/env bash
args="$*"
body=""; status=200; headers=""
case $args in
  *"/auth/token"*) body='{"accessToken":"tok"}' ;;
  *"/users/me"*)
    [ -e "$STATE/debug" ] && echo 'DEBUG GET "/api/v1/users/me", parameters={}' >> "$STATE/requests"
    if [ -e "$STATE/outage" ]; then status=502
    elif [[ $args == *"Bearer tok"* ]]; then body='{"id":1}'
    else status=401; fi ;;
  *"-X PATCH"*)
    if [ -e "$STATE/patched" ]; then status=412; else touch "$STATE/patched"; fi ;;
  *"/api/v1/domains/7"*) body='{"name":"'"$(cat "$STATE/name")"'"}' ;;
  *"/api/v1/domains"*)
    sed 's/.*"name":"\\([^"]*\\)".*/\\1/' <<<"$args" > "$STATE/name"
    status=201; headers=$'location: /api/v1/domains/7\r\netag: "0"\r\n' ;;
esac
if [[ $args == *'-w %{http_code}\\n'* ]]; then printf '%s\n' "$status"; exit 0; fi
if [[ $args == *"-w %{http_code}"* ]]; then printf '%s' "$status"; exit 0; fi
if [[ $args == "-ksi "* ]]; then printf 'HTTP/2 %s\r\n%s\r\n%s' "$status" "$headers" "$body"; exit 0; fi
[[ $args == *"-kfs"* && $status -ge 400 ]] && exit 22
printf '%s' "$body"
`);
    chmodSync(path.join(dir, "curl"), 0o755);
    return env;
  }
  test("api: the walk-through, its 401 and 412, parsed from HTTP/2 answers", () => {
    const r = run(script, ["--skip-up", "--only", "api"], { ...fakeApi(fakeCluster()), DIAGNOSTICS: path.join(tmp(), "d") });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    for (const line of ["the API refuses a request without a token (401)", "sign in as the administrator", "who am I",
      "create a domain (201, Location, ETag)", "read it back", "change it, guarded by its ETag (200)", "a stale ETag is refused (412)"]) {
      assert.match(r.stdout, new RegExp(`PASS  ${line.replace(/[()]/g, "\\$&")}`));
    }
    assert.match(r.stdout, /\n9 passed, 0 failed\n$/);
  });
  test("rolling: no failure during the restart, failures when every pod goes at once", () => {
    const r = run(script, ["--skip-up", "--only", "rolling"], { ...fakeApi(fakeCluster()), DIAGNOSTICS: path.join(tmp(), "d") });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /PASS  a rolling restart of the back under load fails no request \(0 of \d+\)/);
    assert.match(r.stdout, /PASS  negative control: deleting every back pod at once fails requests \([1-9]\d* of \d+\)/);
  });
  test("reload: the level from the ConfigMap shows in the logs, no restart, ConfigMap restored", () => {
    const env = fakeApi(fakeCluster());
    const r = run(script, ["--skip-up", "--only", "reload"], { ...env, DIAGNOSTICS: path.join(tmp(), "d") });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    for (const line of ["negative control: at INFO the back logs no request", "every back pod applies the new level",
      "spring-cloud-kubernetes logged the reload", "no back pod was restarted or replaced (back-x=0)"]) {
      assert.ok(r.stdout.includes(`PASS  ${line}`), `${line}:\n${r.stdout}`);
    }
    assert.equal(existsSync(path.join(env.STATE, "debug")), false, "the committed ConfigMap was not applied back");
  });
  test("netpol: the probes and their controls on a cluster whose policies hold", () => {
    const r = run(script, ["--skip-up", "--only", "netpol"], { ...fakeCluster(), DIAGNOSTICS: path.join(tmp(), "d") });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /PASS  positive control: the probe pod reaches the cluster DNS/);
    assert.match(r.stdout, /PASS  another namespace cannot reach MySQL/);
    assert.match(r.stdout, /PASS  another namespace cannot reach the back's management port \(10.0.0.5:8081\)/);
    assert.match(r.stdout, /PASS  the back pod reaches MySQL/);
    assert.match(r.stdout, /PASS  the front pod cannot reach MySQL/);
    assert.match(r.stdout, /\n6 passed, 0 failed\n$/);
  });
  test("netpol: MySQL open to another namespace is reported", () => {
    const r = run(script, ["--skip-up", "--only", "netpol"], { ...fakeCluster(), NETPOL_BROKEN: "1", DIAGNOSTICS: path.join(tmp(), "d") });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL  another namespace cannot reach MySQL/);
  });
  test("a passing check run on a cluster ends with its counts and collects nothing", () => {
    const diagnostics = path.join(tmp(), "diagnostics");
    const r = run(script, ["--skip-up", "--only", "psa", "--overlay", "k8s/base"], { ...fakeCluster(), DIAGNOSTICS: diagnostics });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /PASS  a privileged pod is refused in domaindesk \(negative control\)/);
    assert.match(r.stdout, /\n7 passed, 0 failed\n$/);
    assert.equal(existsSync(diagnostics), false);
  });
  test("a failing check collects describe output and logs of the failing objects", () => {
    const diagnostics = path.join(tmp(), "diagnostics");
    const r = run(script, ["--skip-up", "--only", "psa", "--overlay", "k8s/base"], { ...fakeCluster(), DIAGNOSTICS: diagnostics, PSA_BROKEN: "1" });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL  a privileged pod is refused in domaindesk/);
    assert.match(r.stdout, /\n6 passed, 1 failed\n$/);
    for (const file of ["objects.txt", "events.txt", "domaindesk.pod.back-x.describe.txt", "domaindesk.back-x.log", "domaindesk.deployment.apps.back.describe.txt"]) {
      assert.ok(existsSync(path.join(diagnostics, file)), `${file} missing`);
    }
    assert.equal(existsSync(path.join(diagnostics, "domaindesk.job.dbmigrate-0-1-0.describe.txt")), false, "a complete Job is not failing");
  });
  test("restricted_namespaces picks the namespaces that enforce restricted", () => {
    const manifests = [
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n  name: app",
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n  name: ingress",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n  name: not-a-namespace",
    ].join("\n---\n");
    const r = sourced("scripts/kind-e2e.sh", "restricted_namespaces", manifests);
    assert.equal(r.stdout, "app\n");
  });
  test("restricted_namespaces on the real base finds domaindesk", () => {
    const r = sourced("scripts/kind-e2e.sh", "kubectl kustomize k8s/base | restricted_namespaces");
    assert.equal(r.stdout, "domaindesk\n", r.stderr);
  });
  test("back_pods skips pods being deleted and can list their restart counts", () => {
    const pod = (name, deleting, restarts) => ({
      metadata: { name, ...(deleting ? { deletionTimestamp: "2026-12-01T00:00:00Z" } : {}) },
      status: { phase: "Running", containerStatuses: [{ restartCount: restarts }] },
    });
    const pods = JSON.stringify({ items: [pod("back-a", false, 0), pod("back-old", true, 0), pod("back-b", false, 2)] });
    const list = (args) => sourced("scripts/kind-e2e.sh", `k() { cat; }\nback_pods ${args}`, pods).stdout;
    assert.equal(list(""), "back-a back-b\n");
    assert.equal(list("restarts"), "back-a=0 back-b=2\n");
  });
  test("unready_workloads and psa_refusals read what the cluster reports", () => {
    const workloads = JSON.stringify({
      items: [
        { kind: "Deployment", metadata: { name: "back" }, spec: { replicas: 2 }, status: { readyReplicas: 2 } },
        { kind: "StatefulSet", metadata: { name: "mysql" }, spec: { replicas: 1 }, status: {} },
      ],
    });
    assert.equal(sourced("scripts/kind-e2e.sh", "kubectl() { cat; }\nunready_workloads domaindesk", workloads).stdout, "StatefulSet/mysql\n");
    const events = JSON.stringify({
      items: [
        { message: 'Error creating: pods "x" is forbidden: violates PodSecurity "restricted:latest": privileged' },
        { message: "Error creating: exceeded quota" },
      ],
    });
    assert.equal(sourced("scripts/kind-e2e.sh", "kubectl() { cat; }\npsa_refusals domaindesk", events).stdout, "1\n");
  });
  test("count_failures counts every answer that is not 2xx", () => {
    const file = path.join(tmp(), "codes");
    writeFileSync(file, "200\n201\n502\n000\n200\n");
    assert.equal(sourced("scripts/kind-e2e.sh", `count_failures ${file}`).stdout, "2\n");
    writeFileSync(file, "200\n200\n");
    assert.equal(sourced("scripts/kind-e2e.sh", `count_failures ${file}`).stdout, "0\n");
  });
});

describe("scripts/deploy-gke.sh", () => {
  const script = "scripts/deploy-gke.sh";
  // What terraform wrote for the committed example project: the manifests'
  // registry and project, and so the deployment's defaults.
  const gkeEnv = Object.fromEntries(
    readFileSync(path.join(ROOT, "k8s/gke.env"), "utf8").split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
  const registry = gkeEnv.IMAGE_REGISTRY;
  // The version k8s/base names (images and migration Job): the one a deployment of this commit can deploy.
  const baseVersion = readFileSync(path.join(ROOT, "k8s/base/kustomization.yaml"), "utf8").match(/name: domaindesk\/back\n\s+newTag: "?([^"\n]+)/)[1];
  const noDefaults = { REGISTRY: "", GCP_PROJECT: "" };
  test("a version that is not MAJOR.MINOR.PATCH is refused", () => {
    const r = run(script, ["1.2"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /VERSION must be a released version MAJOR.MINOR.PATCH, got '1.2'/);
  });
  test("--overlay is gone: k8s/ is the one entry point", () => {
    const r = run(script, ["--overlay", "k8s/overlays/gke", "0.1.0"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown argument '--overlay'/);
  });
  test("a REGISTRY other than IMAGE_REGISTRY of k8s/gke.env is refused", () => {
    const r = run(script, ["--dry-run", baseVersion], { ...noDefaults, REGISTRY: "europe-west1-docker.pkg.dev/other/r" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /REGISTRY=europe-west1-docker.pkg.dev\/other\/r differs from IMAGE_REGISTRY=.* in k8s\/gke.env/);
  });
  test("a GCP_PROJECT other than the one of k8s/gke.env is refused", () => {
    const r = run(script, ["--dry-run", baseVersion], { ...noDefaults, GCP_PROJECT: "another-project" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /GCP_PROJECT=another-project differs from GCP_PROJECT=/);
  });
  test("--dry-run renders the real k8s/ with each application image once, at <IMAGE_REGISTRY>/<module>:<VERSION>", () => {
    const k8sStatus = () => spawnSync("git", ["status", "--porcelain", "k8s"], { cwd: ROOT, encoding: "utf8" }).stdout;
    const before = k8sStatus();
    const r = run(script, ["--dry-run", baseVersion], noDefaults);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /would apply \d+ objects from k8s\/, Job dbmigrate-/);
    for (const m of ["back", "dbmigrate", "front"]) {
      const lines = r.stdout.split("\n").filter((l) => l.includes(`/${m}:`));
      assert.deepEqual(lines, [`image: ${registry}/${m}:${baseVersion}`]);
    }
    assert.equal(r.stdout.split(registry.split("/")[0]).length - 1, 3, "the registry host appears once per image");
    assert.equal(k8sStatus(), before, "the dry run changed k8s/");
  });
  test("set_tags on a copy of k8s/: another version changes the tags only, the registry is gke.env's, never doubled", () => {
    const dir = tmp();
    assert.equal(spawnSync("cp", ["-R", `${ROOT}/k8s/.`, dir]).status, 0);
    const r = sourced(script, `set_tags ${dir}/kustomization.yaml 9.8.7 && kubectl kustomize ${dir}`);
    assert.equal(r.status, 0, r.stderr);
    const images = r.stdout.split("\n").filter((l) => /^\s+image: /.test(l)).map((l) => l.trim().slice("image: ".length)).sort();
    assert.deepEqual(images.filter((i) => i.includes("/domaindesk/") || i.startsWith("domaindesk/")),
      ["back", "dbmigrate", "front"].map((m) => `${registry}/${m}:9.8.7`));
    assert.ok(!images.some((i) => i.includes(`${registry}/${registry.split("/")[0]}`)), images.join("\n"));
    assert.ok(images.includes("mysql:8.4"), "other images keep their own tags");
  });
  test("a version whose migration Job is not in the manifests is refused", () => {
    const r = run(script, ["--dry-run", "9.9.9"], noDefaults);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no Job dbmigrate-9-9-9: deploy from the release's own commit/);
  });
  test("no secret is asked for: External Secrets provides them", () => {
    const text = readFileSync(path.join(ROOT, script), "utf8");
    assert.doesNotMatch(text, /write_secret_env|JWT_SECRET|MYSQL_PASSWORD|ADMIN_PASSWORD|secrets\/\*\.env/);
  });
  test("a deployment copies the images, applies in order, waits for the Secrets, MySQL, the Job, and smoke-tests", () => {
    const fake = fakeTools();
    const r = run(script, [baseVersion], {
      ...noDefaults, ...fake.env, SOURCE_REGISTRY: "ghcr.io/Owner/domaindesk",
      GKE_CLUSTER: "domaindesk", GKE_LOCATION: "europe-west1", STANDIN_REGISTRY: registry, OLD: "0.0.9", NEW: baseVersion, SMOKE_URL: "",
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const calls = readFileSync(fake.calls, "utf8").split("\n").filter((l) => l && !l.startsWith("kubectl kustomize"));
    const expected = [
      `gcloud auth configure-docker ${registry.split("/")[0]} --quiet`,
      ...["back", "front", "dbmigrate"].flatMap((m) => [
        `docker pull ghcr.io/owner/domaindesk/${m}:${baseVersion}`,
        `docker tag ghcr.io/owner/domaindesk/${m}:${baseVersion} ${registry}/${m}:${baseVersion}`,
        `docker push ${registry}/${m}:${baseVersion}`,
      ]),
      `gcloud container clusters get-credentials domaindesk --location europe-west1 --project ${gkeEnv.GCP_PROJECT}`,
    ];
    assert.deepEqual(calls.slice(0, expected.length), expected);
    const order = calls
      .slice(expected.length)
      .map((c) => c.replace(/ -f \S+/, " -f <rendered>").replace(/ -c cd \/docker-entrypoint-initdb\.d.*$/, " -c <the account scripts>"));
    assert.deepEqual(order.filter((c) => !c.includes("get deployment")), [
      "kubectl apply -f <rendered> -l app.kubernetes.io/name notin (back,front)",
      "kubectl -n domaindesk wait --for=condition=Ready externalsecret --all --timeout=5m",
      "kubectl -n domaindesk rollout status statefulset/mysql --timeout=10m",
      "kubectl -n domaindesk exec mysql-0 -c mysql -- bash -c <the account scripts>",
      `kubectl -n domaindesk wait --for=condition=complete job/dbmigrate-${baseVersion.replaceAll(".", "-")} --timeout=15m`,
      "kubectl apply -f <rendered>",
      "kubectl -n domaindesk rollout status deployment/back --timeout=10m",
      "kubectl -n domaindesk rollout status deployment/front --timeout=10m",
    ]);
    assert.match(r.stdout, new RegExp(`running before: 0.0.9; deploying ${baseVersion}`));
    assert.ok(r.stdout.includes(`PASS  back runs ${registry}/back:${baseVersion}`), r.stdout);
    assert.match(r.stdout, new RegExp(`${baseVersion} is live`));
  });
  test("a failed smoke test fails the deployment and names the rollback", () => {
    const fake = fakeTools();
    const r = run(script, ["--skip-copy", baseVersion], {
      ...noDefaults, ...fake.env, STANDIN_REGISTRY: registry,
      GKE_CLUSTER: "domaindesk", GKE_LOCATION: "europe-west1", OLD: "0.0.9", NEW: "0.0.8", SMOKE_URL: "",
    });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL  back runs .*back:0.0.8/);
    assert.match(r.stderr, /smoke test failed; to go back: scripts\/rollback.sh 0.0.9/);
    assert.doesNotMatch(readFileSync(fake.calls, "utf8"), /^docker |docker (pull|push|tag)/m);
  });
  test("set_tags replaces the images list with tags only and keeps the rest", () => {
    const file = path.join(tmp(), "kustomization.yaml");
    writeFileSync(file, "resources:\n  - base\nimages:\n  - name: domaindesk/back\n    newTag: 0.0.1\n# note\npatches: []\n");
    const r = sourced(script, `set_tags ${file} 1.2.3 && cat ${file}`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^resources:\n  - base\n# note\npatches: \[\]\nimages:\n/);
    assert.match(r.stdout, /- name: domaindesk\/front\n    newTag: "1.2.3"/);
    assert.doesNotMatch(r.stdout, /0\.0\.1|newName/);
  });
});

describe("scripts/rollback.sh", () => {
  const script = "scripts/rollback.sh";
  test("needs a released version", () => {
    assert.equal(run(script, []).status, 2);
    assert.match(run(script, ["latest"]).stderr, /PREVIOUS_VERSION must be a released version/);
  });
  test("refuses a schema tag that is not a Liquibase tag", () => {
    const r = run(script, ["--schema-tag", "v1;rm", "1.2.2"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--schema-tag needs a Liquibase tag/);
  });
  test("with_tag swaps the tag of an image, registry port and digest included", () => {
    const r = sourced(script, [
      "with_tag europe-west1-docker.pkg.dev/p/r/back:1.2.3 1.2.2",
      "with_tag localhost:5000/back 1.2.2",
      "with_tag reg/back:1.2.3@sha256:0123 1.2.2",
    ].join("\n"));
    assert.equal(r.stdout, "europe-west1-docker.pkg.dev/p/r/back:1.2.2\nlocalhost:5000/back:1.2.2\nreg/back:1.2.2\n");
  });
  test("a rollback sets the previous images, waits, and runs the schema rollback Job", () => {
    const fake = fakeTools();
    writeFileSync(path.join(fake.dir, "job.json"), JSON.stringify({
      apiVersion: "batch/v1", kind: "Job",
      metadata: { name: "dbmigrate-0-1-0", namespace: "domaindesk", labels: { "app.kubernetes.io/name": "dbmigrate" } },
      spec: { selector: {}, template: { metadata: {}, spec: { containers: [{ name: "dbmigrate", image: "reg/dbmigrate:0.1.0" }] } } },
    }));
    const r = run(script, ["--schema-tag", "v1", "0.0.9"], { ...fake.env, STANDIN_REGISTRY: "reg", OLD: "0.1.0", NEW: "0.1.0" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const calls = readFileSync(fake.calls, "utf8");
    assert.match(calls, /kubectl -n domaindesk set image deployment\/back back=reg\/back:0.0.9\n/);
    assert.match(calls, /kubectl -n domaindesk set image deployment\/front front=reg\/front:0.0.9\n/);
    assert.ok(calls.indexOf("rollout status deployment/front") < calls.indexOf("create -f -"), "the schema goes back after the application");
    assert.match(calls, /kubectl -n domaindesk wait --for=condition=complete job\/dbmigrate-rollback-\d+ --timeout=15m/);
    const created = JSON.parse(readFileSync(path.join(fake.dir, "created.json"), "utf8"));
    assert.deepEqual(created.spec.template.spec.containers[0].args, ["rollback", "v1"]);
    assert.equal(created.spec.template.spec.containers[0].image, "reg/dbmigrate:0.1.0");
  });
  test("the schema rollback Job of the real k8s/ uses the migration Job's Secrets, which External Secrets and kind-up.sh make", () => {
    const rendered = spawnSync("kubectl", ["kustomize", "k8s"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
    assert.equal(rendered.status, 0, rendered.stderr);
    const docs = parseAllDocuments(rendered.stdout).map((d) => d.toJS()).filter(Boolean);
    const release = docs.find((d) => d.kind === "Job" && d.metadata.labels?.["app.kubernetes.io/component"] === "database-migration");
    const fake = fakeTools();
    writeFileSync(path.join(fake.dir, "job.json"), JSON.stringify(release));
    const r = run(script, ["--schema-tag", "v1", "0.0.9"], { ...fake.env, STANDIN_REGISTRY: "reg", OLD: "0.1.0", NEW: "0.1.0" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const created = JSON.parse(readFileSync(path.join(fake.dir, "created.json"), "utf8"));
    const container = created.spec.template.spec.containers[0];
    assert.deepEqual(container.env, release.spec.template.spec.containers[0].env);
    assert.deepEqual(container.envFrom, release.spec.template.spec.containers[0].envFrom);
    const dbPassword = container.env.find((e) => e.name === "DB_PASSWORD").valueFrom.secretKeyRef;
    assert.deepEqual(dbPassword, { name: "mysql", key: "MYSQL_PASSWORD" });
    // Every Secret key it reads is one an ExternalSecret writes (GKE) and kind-up.sh creates (kind).
    const external = docs.filter((d) => d.kind === "ExternalSecret");
    const kindUp = readFileSync(path.join(ROOT, "scripts/kind-up.sh"), "utf8");
    for (const { valueFrom } of container.env.filter((e) => e.valueFrom?.secretKeyRef)) {
      const { name, key } = valueFrom.secretKeyRef;
      const es = external.find((e) => e.spec.target.name === name);
      assert.ok(es?.spec.data.some((d) => d.secretKey === key), `no ExternalSecret writes ${name}/${key}`);
      assert.match(kindUp, new RegExp(`ensure_secret ${name} .*"${key}=`), `kind-up.sh does not create ${name}/${key}`);
    }
  });
  test("--schema-tag without a migration Job in the cluster changes nothing and names the command that re-creates it", () => {
    const fake = fakeTools();
    const r = run(script, ["--schema-tag", "v1", "0.0.9"], { ...fake.env, NO_JOB: "1", STANDIN_REGISTRY: "reg", OLD: "0.1.0", NEW: "0.1.0" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nothing changed.*kubectl kustomize k8s \| kubectl apply -f - -l app.kubernetes.io\/component=database-migration/);
    assert.doesNotMatch(readFileSync(fake.calls, "utf8"), /set image|rollout|create/);
  });
  test("--dry-run changes nothing", () => {
    const fake = fakeTools();
    const r = run(script, ["--dry-run", "0.0.9"], { ...fake.env, STANDIN_REGISTRY: "reg", OLD: "0.1.0", NEW: "0.1.0" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /would run: kubectl -n domaindesk set image deployment\/back back=reg\/back:0.0.9/);
    assert.doesNotMatch(readFileSync(fake.calls, "utf8"), /set image|rollout/);
    assert.equal(existsSync(path.join(fake.dir, "created.json")), false);
  });
  test("rollback_job turns the migration Job into a one-off `rollback TAG` Job", () => {
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "dbmigrate-1-2-3", namespace: "domaindesk", uid: "x", resourceVersion: "7", labels: { "app.kubernetes.io/name": "dbmigrate" } },
      spec: {
        selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "x" } },
        backoffLimit: 2,
        template: {
          metadata: { labels: { "app.kubernetes.io/name": "dbmigrate", "controller-uid": "x", "job-name": "dbmigrate-1-2-3" } },
          spec: { containers: [{ name: "dbmigrate", image: "reg/dbmigrate:1.2.3" }], restartPolicy: "Never" },
        },
      },
      status: { succeeded: 1 },
    };
    const r = sourced(script, "rollback_job v1 dbmigrate-rollback-1", JSON.stringify(job));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.metadata, {
      name: "dbmigrate-rollback-1",
      namespace: "domaindesk",
      labels: { "app.kubernetes.io/name": "dbmigrate", "app.kubernetes.io/component": "database-rollback" },
    });
    assert.equal(out.spec.selector, undefined);
    assert.equal(out.status, undefined);
    assert.deepEqual(out.spec.template.metadata.labels, { "app.kubernetes.io/name": "dbmigrate" });
    assert.deepEqual(out.spec.template.spec.containers[0].args, ["rollback", "v1"]);
    assert.equal(out.spec.template.spec.containers[0].image, "reg/dbmigrate:1.2.3");
  });
});

describe("scripts/release", () => {
  test("version.sh prints the pom's own version, not the parent's", () => {
    const r = run("scripts/release/version.sh", [], { GITHUB_REF_TYPE: "" });
    assert.equal(r.status, 0, r.stderr);
    const pom = readFileSync(path.join(ROOT, "pom.xml"), "utf8");
    assert.equal(r.stdout.trim(), pom.split("</parent>")[1].match(/<version>([^<]+)<\/version>/)[1]);
  });
  /** A release commit in miniature: pom.xml and the k8s/base files that name the version. */
  function releaseTree(version, { backTag = version, job = `dbmigrate-${version.replaceAll(".", "-")}` } = {}) {
    const dir = tmp();
    const pom = path.join(dir, "pom.xml");
    writeFileSync(pom, `<project>\n  <parent>\n    <version>4.1.2</version>\n  </parent>\n  <version>${version}</version>\n</project>\n`);
    spawnSync("mkdir", ["-p", path.join(dir, "k8s/base/dbmigrate")]);
    const kustomization = readFileSync(path.join(ROOT, "k8s/base/kustomization.yaml"), "utf8")
      .replace(/(- name: domaindesk\/(back|front|dbmigrate)\n\s+newTag: )"?[^"\n]+"?/g, (_, head, m) => `${head}${m === "back" ? backTag : version}`);
    writeFileSync(path.join(dir, "k8s/base/kustomization.yaml"), kustomization);
    writeFileSync(path.join(dir, "k8s/base/dbmigrate/job.yaml"),
      readFileSync(path.join(ROOT, "k8s/base/dbmigrate/job.yaml"), "utf8").replace(/^  name: dbmigrate-.*$/m, `  name: ${job}`));
    return pom;
  }
  test("version.sh on a tag: the manifests of k8s/base must name the same version (images and migration Job)", () => {
    assert.equal(run("scripts/release/version.sh", ["--tag", "v1.2.3", releaseTree("1.2.3")]).stdout, "1.2.3\n");
    const image = run("scripts/release/version.sh", ["--tag", "v1.2.3", releaseTree("1.2.3", { backTag: "1.2.2" })]);
    assert.equal(image.status, 1);
    assert.match(image.stderr, /k8s\/base tags domaindesk\/back '1.2.2', not 1.2.3/);
    const job = run("scripts/release/version.sh", ["--tag", "v1.2.3", releaseTree("1.2.3", { job: "dbmigrate-1-2-2" })]);
    assert.equal(job.status, 1);
    assert.match(job.stderr, /the migration Job is 'dbmigrate-1-2-2', not dbmigrate-1-2-3/);
  });
  test("version.sh refuses a tag that does not match the pom", () => {
    const pom = releaseTree("1.2.3");
    assert.equal(run("scripts/release/version.sh", ["--tag", "v1.2.3", pom]).stdout, "1.2.3\n");
    const wrong = run("scripts/release/version.sh", ["--tag", "v1.2.4", pom]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /tag v1.2.4 does not match the pom's version 1.2.3/);
    assert.equal(run("scripts/release/version.sh", [pom], { GITHUB_REF_TYPE: "tag", GITHUB_REF_NAME: "v1.2" }).status, 1);
  });
  test("image tags: the version for a release, version-sha otherwise, always sha-<commit>, never latest", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    assert.equal(sourced("scripts/release/push-images.sh", `image_tags 1.2.3 ${sha}`).stdout, `1.2.3\nsha-${sha}\n`);
    assert.equal(sourced("scripts/release/push-images.sh", `image_tags 0.2.0-SNAPSHOT ${sha}`).stdout, `0.2.0-SNAPSHOT-0123456789ab\nsha-${sha}\n`);
    const r = run("scripts/release/push-images.sh", ["ghcr.io/o/domaindesk", "1.2.3", "abc123"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /'abc123' is not a full commit SHA/);
  });
  test("build-images.sh refuses an unknown module before building anything", () => {
    const r = run("scripts/release/build-images.sh", ["1.2.3", "backend"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown module 'backend'/);
  });
  test("notes.sh prints the version's CHANGELOG section, without its heading", () => {
    const file = path.join(tmp(), "CHANGELOG.md");
    writeFileSync(file, "# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.3] - 2026-12-01\n\n### Added\n\n- a thing\n\n## [1.2.2] - 2026-11-01\n\n- older\n");
    const r = run("scripts/release/notes.sh", ["1.2.3", file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "### Added\n\n- a thing\n");
    const missing = run("scripts/release/notes.sh", ["1.2.4", file]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no section "## \[1.2.4\]"/);
  });
  test("the repository's CHANGELOG.md has an Unreleased section", () => {
    const r = run("scripts/release/notes.sh", ["Unreleased"]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.length > 20);
  });
});
