// Every rule can fail: each test breaks one thing in a copy of a real render
// (or renders a deliberately broken kustomization) and asserts that the rule
// reports it with a useful message.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { kustomize, loadRenders, parseAll } from "../lib/render.js";
import { rules, podSpecOf } from "../lib/rules.js";
import { validateModels, validateStrict } from "../lib/schema.js";

const renders = loadRenders();
const base = renders.gke;

function broken(mutate) {
  const objs = structuredClone(base.objects);
  mutate(objs);
  return objs;
}
const get = (objs, kind, name) => objs.find((o) => o.kind === kind && o.metadata.name === name);
// Removes one object, failing if it is not there (a missing object would make
// the test break nothing).
function remove(objs, kind, name, namespace) {
  const i = objs.findIndex((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  assert.notEqual(i, -1, `no ${kind} ${namespace}/${name} to remove`);
  objs.splice(i, 1);
}
const container = (objs, kind, name, c = name) => podSpecOf(get(objs, kind, name)).containers.find((x) => x.name === c);

function reports(ruleName, objs, pattern) {
  const v = rules[ruleName](objs, base);
  assert.ok(v.some((m) => pattern.test(m)), `${ruleName} did not report ${pattern}; got:\n${v.join("\n")}`);
}

test("schema: a misspelled field is rejected", () => {
  const objs = broken((o) => { container(o, "Deployment", "back").imagePullPolicyy = "Always"; });
  const p = validateStrict([get(objs, "Deployment", "back")], "neg1");
  assert.ok(p.some((m) => /imagePullPolicyy/.test(m)), p.join("\n"));
});

test("schema: a misspelled field deep in a CRD (PodMonitor) is rejected", () => {
  const objs = broken((o) => { get(o, "PodMonitor", "back").spec.podMetricsEndpoints[0].pathh = "/x"; });
  const p = validateStrict([get(objs, "PodMonitor", "back")], "neg2");
  assert.ok(p.some((m) => /pathh/.test(m)), p.join("\n"));
});

test("schema: a wrong type and a bad enum are rejected", async () => {
  const objs = broken((o) => {
    container(o, "Deployment", "back").ports[0].containerPort = "8080";
    get(o, "Service", "back").spec.type = "Public";
  });
  const p = await validateModels([get(objs, "Deployment", "back"), get(objs, "Service", "back")]);
  assert.ok(p.some((m) => /Deployment\/back/.test(m)), p.join("\n"));
  assert.ok(p.some((m) => /Service\/back/.test(m)), p.join("\n"));
});

test("schema: a missing required field is rejected", async () => {
  const objs = broken((o) => { delete container(o, "Deployment", "front").name; });
  const p = await validateModels([get(objs, "Deployment", "front")]);
  assert.ok(p.some((m) => /Deployment\/front: .*must have required property '?name'?$/.test(m)), p.join("\n"));
});

test("apiVersions: a deprecated API version is reported", () => {
  reports("apiVersions", broken((o) => { get(o, "HorizontalPodAutoscaler", "back").apiVersion = "autoscaling/v1"; }), /autoscaling\/v1/);
});

test("podSecurityRestricted: a privileged container is reported", () => {
  reports("podSecurityRestricted", broken((o) => { container(o, "Deployment", "back").securityContext.privileged = true; }), /privileged/);
});

test("podSecurityRestricted: a missing capabilities drop, hostNetwork and hostPath are reported", () => {
  const objs = broken((o) => {
    delete container(o, "StatefulSet", "mysql").securityContext.capabilities;
    podSpecOf(get(o, "Deployment", "front")).hostNetwork = true;
    podSpecOf(get(o, "Deployment", "front")).volumes.push({ name: "host", hostPath: { path: "/" } });
  });
  reports("podSecurityRestricted", objs, /mysql container mysql: capabilities must drop ALL/);
  reports("podSecurityRestricted", objs, /hostNetwork/);
  reports("podSecurityRestricted", objs, /hostPath/);
});

test("podSecurityRestricted: a namespace without enforcement is reported", () => {
  reports("podSecurityRestricted", broken((o) => { delete get(o, "Namespace", "domaindesk").metadata.labels["pod-security.kubernetes.io/enforce"]; }), /restricted" not enforced/);
});

test("containerHardening: a writable root filesystem and a low UID are reported", () => {
  const objs = broken((o) => {
    container(o, "Deployment", "front").securityContext.readOnlyRootFilesystem = false;
    container(o, "Job", "dbmigrate-0-1-0", "dbmigrate").securityContext.runAsUser = 1000;
  });
  reports("containerHardening", objs, /front container front: readOnlyRootFilesystem/);
  reports("containerHardening", objs, /dbmigrate: runAsUser must be/);
});

test("containerHardening: a literal password in env is reported", () => {
  reports("containerHardening", broken((o) => { container(o, "Deployment", "back").env.push({ name: "DB_PASSWORD", value: "secret" }); }), /literal value/);
});

test("serviceAccountTokens: a token mounted without need is reported", () => {
  reports("serviceAccountTokens", broken((o) => { podSpecOf(get(o, "Deployment", "front")).automountServiceAccountToken = true; }), /front: mounts an API token/);
});

test("resources: a container without limits is reported", () => {
  reports("resources", broken((o) => { delete container(o, "Deployment", "back").resources.limits; }), /back container back: no cpu limit/);
});

test("resources: JAVA_TOOL_OPTIONS repeating a flag of the image's entrypoint is reported", () => {
  reports("resources", broken((o) => { container(o, "Deployment", "back").env.push({ name: "JAVA_TOOL_OPTIONS", value: "-Xmx512m" }); }), /repeats -Xmx512m/);
});

test("resources: JAVA_TOOL_OPTIONS choosing another collector than the image's is reported", () => {
  reports("resources", broken((o) => { (container(o, "Deployment", "front").env ??= []).push({ name: "JAVA_TOOL_OPTIONS", value: "-XX:+UseG1GC" }); }), /front: JAVA_TOOL_OPTIONS repeats -XX:\+UseG1GC/);
});

test("resources: a command that drops the image's JVM flags is reported", () => {
  reports("resources", broken((o) => { container(o, "Deployment", "front").command = ["java", "-jar", "app.jar"]; }), /front container front: JVM heap and collector not set/);
});

test("resources: a memory limit that leaves the JVM less than the heap again is reported", () => {
  reports("resources", broken((o) => {
    const r = container(o, "Deployment", "back").resources;
    r.requests.memory = r.limits.memory = "192Mi";
  }), /back container back: the image's heap -Xmx\d+m is more than half the memory limit 192Mi/);
});

test("images: a latest tag and an untagged image are reported", () => {
  const objs = broken((o) => {
    container(o, "Deployment", "front").image = "domaindesk/front:latest";
    container(o, "StatefulSet", "mysql").image = "mysql";
  });
  reports("images", objs, /uses "latest"/);
  reports("images", objs, /image mysql has no tag/);
});

test("images: app images of different versions are reported", () => {
  reports("images", broken((o) => { container(o, "Deployment", "back").image = container(o, "Deployment", "back").image.replace(/:.*/, ":0.2.0"); }), /differ in version/);
});

test("serviceRouting: a missing pod label breaks the Service selector", () => {
  reports("serviceRouting", broken((o) => { delete get(o, "Deployment", "front").spec.template.metadata.labels["app.kubernetes.io/name"]; }), /Service\/domaindesk\/front: selector matches no pod/);
});

test("serviceRouting: an undeclared targetPort and a wrong Ingress port are reported", () => {
  const objs = broken((o) => {
    get(o, "Service", "back").spec.ports[0].targetPort = "api";
    get(o, "Ingress", "domaindesk").spec.rules[0].http.paths[0].backend.service.port = { name: "web" };
  });
  reports("serviceRouting", objs, /targetPort api/);
  reports("serviceRouting", objs, /has no port web/);
});

test("appContract: a probe path the app does not serve is reported", () => {
  reports("appContract", broken((o) => { container(o, "Deployment", "back").readinessProbe.httpGet.path = "/health"; }), /readinessProbe path \/health/);
});

test("appContract: a probe on the API port is reported", () => {
  reports("appContract", broken((o) => { container(o, "Deployment", "front").livenessProbe.httpGet.port = "http"; }), /not the management port/);
});

test("appContract: a grace period shorter than preStop + shutdown + 5 s is reported", () => {
  reports("appContract", broken((o) => { podSpecOf(get(o, "Deployment", "back")).terminationGracePeriodSeconds = 30; }), /terminationGracePeriodSeconds 30/);
});

test("environment: a variable the app reads but nobody sets is reported", () => {
  reports("environment", broken((o) => { container(o, "Deployment", "back").env = container(o, "Deployment", "back").env.filter((e) => e.name !== "JWT_SECRET"); }), /JWT_SECRET .* is not set/);
});

test("environment: a Secret key that does not exist is reported", () => {
  reports("environment", broken((o) => { container(o, "Job", "dbmigrate-0-1-0", "dbmigrate").env.find((e) => e.name === "ADMIN_PASSWORD").valueFrom.secretKeyRef.key = "ADMIN_PASS"; }), /missing key ADMIN_PASS/);
});

// The production render has no Secret objects (External Secrets makes them
// in the cluster); these put one in, as a secretGenerator would.
const literalSecret = (name, data) => ({
  apiVersion: "v1", kind: "Secret", metadata: { name, namespace: "domaindesk" },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")])),
});

test("environment: a short JWT secret is reported", () => {
  reports("environment", broken((o) => {
    remove(o, "ExternalSecret", "back", "domaindesk");
    o.push(literalSecret("back", { JWT_SECRET: "too-short" }));
  }), /shorter than 32 bytes/);
});

test("environment: a Secret nothing makes is reported", () => {
  reports("environment", broken((o) => remove(o, "ExternalSecret", "back", "domaindesk")), /back: env DB_PASSWORD refers to missing Secret back/);
});

test("secretsWithoutTrailingNewline: a value ending in a newline is reported", () => {
  reports("secretsWithoutTrailingNewline", broken((o) => o.push(literalSecret("mysql", { MYSQL_PASSWORD: "hunter2\n" }))), /MYSQL_PASSWORD ends with a newline/);
});

test("secretsFromStores: a Secret with values in the render is reported", () => {
  reports("secretsFromStores", broken((o) => o.push(literalSecret("back", { JWT_SECRET: "x".repeat(40) }))), /Secret\/domaindesk\/back: a Secret with values is rendered/);
});

test("secretsFromStores: a missing store, a Secret made twice and no refresh are reported", () => {
  const objs = broken((o) => {
    remove(o, "ClusterSecretStore", "gcp-secret-manager", undefined);
    const copy = structuredClone(get(o, "ExternalSecret", "back"));
    copy.metadata.name = "back-copy";
    delete copy.spec.refreshInterval;
    o.push(copy);
  });
  reports("secretsFromStores", objs, /store ClusterSecretStore\/gcp-secret-manager is not in the render/);
  reports("secretsFromStores", objs, /Secret domaindesk\/back is also made by/);
  reports("secretsFromStores", objs, /back-copy: no refreshInterval/);
});

test("schema: an ExternalSecret with a misspelled field is rejected", () => {
  const objs = broken((o) => { get(o, "ExternalSecret", "mysql").spec.data[0].remoteRef.propery = "x"; });
  const p = validateStrict([get(objs, "ExternalSecret", "mysql")], "neg-es");
  assert.ok(p.some((m) => /propery/.test(m)), p.join("\n"));
});

test("secretsWithoutTrailingNewline: catches a real `files:` secretGenerator", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k8s-newline-"));
  fs.writeFileSync(path.join(dir, "password.txt"), "hunter2\n");
  fs.writeFileSync(path.join(dir, "kustomization.yaml"),
    "secretGenerator:\n  - name: pitfall\n    files:\n      - PASSWORD=password.txt\n");
  const objs = parseAll(kustomize(dir));
  fs.rmSync(dir, { recursive: true, force: true });
  reports("secretsWithoutTrailingNewline", objs, /PASSWORD ends with a newline/);
});

test("springCloudKubernetes: a hashed ConfigMap name and a broader Role are reported", () => {
  const objs = broken((o) => {
    get(o, "ConfigMap", "back-config").metadata.name = "back-config-5g7f8h";
    get(o, "Role", "back-config-reader").rules[0].resources.push("secrets");
    get(o, "Role", "back-config-reader").rules[0].verbs.push("update");
  });
  reports("springCloudKubernetes", objs, /back-config .* does not exist/);
  reports("springCloudKubernetes", objs, /grants more than core ConfigMaps \(secrets\)/);
  reports("springCloudKubernetes", objs, /verbs update/);
});

test("scaling: replicas on an HPA-owned Deployment and a blocking PDB are reported", () => {
  const objs = broken((o) => {
    get(o, "Deployment", "back").spec.replicas = 3;
    get(o, "PodDisruptionBudget", "front").spec.minAvailable = 2;
  });
  reports("scaling", objs, /back: sets replicas/);
  reports("scaling", objs, /minAvailable 2 leaves no pod evictable/);
});

test("scaling: an HPA aimed at a missing Deployment and a surge-only-down rollout are reported", () => {
  const objs = broken((o) => {
    get(o, "HorizontalPodAutoscaler", "front").spec.scaleTargetRef.name = "frontend";
    get(o, "Deployment", "back").spec.strategy.rollingUpdate.maxUnavailable = 1;
  });
  reports("scaling", objs, /target Deployment\/frontend does not exist/);
  reports("scaling", objs, /maxUnavailable 0/);
});

test("probes: a container without readiness probe is reported", () => {
  reports("probes", broken((o) => { delete container(o, "StatefulSet", "mysql", "mysqld-exporter").readinessProbe; }), /mysqld-exporter: no readinessProbe/);
});

test("jobs: a Job without ttlSecondsAfterFinished and a wrong version suffix are reported", () => {
  const objs = broken((o) => {
    const j = get(o, "Job", "dbmigrate-0-1-0");
    delete j.spec.ttlSecondsAfterFinished;
    j.metadata.name = "dbmigrate";
  });
  reports("jobs", objs, /ttlSecondsAfterFinished not set/);
  reports("jobs", objs, /Job\/domaindesk\/dbmigrate: name must be dbmigrate-<image tag with dashes> \(tag 0\.1\.0\)/);
});

test("networkPolicies: a missing DNS policy blocks needed flows", () => {
  reports("networkPolicies", broken((o) => remove(o, "NetworkPolicy", "allow-egress-dns", "domaindesk")), /needed flow blocked: back -> kube-dns:53\/UDP/);
});

test("networkPolicies: an allow-all ingress to MySQL is more than needed", () => {
  reports("networkPolicies", broken((o) => o.push({
    apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
    metadata: { name: "oops", namespace: "domaindesk" },
    spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "mysql" } }, policyTypes: ["Ingress"], ingress: [{}] },
  })), /flow allowed but not needed: front -> mysql:3306|flow allowed but not needed: internet -> mysql:3306/);
});

test("networkPolicies: a missing default deny is reported", () => {
  reports("networkPolicies", broken((o) => remove(o, "NetworkPolicy", "default-deny-all", "traefik")), /namespace traefik: no default-deny/);
});

test("networkPolicies: a missing pod label loses the pod its flows", () => {
  reports("networkPolicies", broken((o) => { get(o, "Deployment", "back").spec.template.metadata.labels["app.kubernetes.io/name"] = "api"; }), /needed flow blocked: back -> mysql:3306/);
});

test("networkPolicies: an API-server range other than terraform's master_ipv4_cidr is reported", () => {
  reports("networkPolicies", broken((o) => { get(o, "NetworkPolicy", "allow-back-egress-kube-apiserver").spec.egress[0].to[0].ipBlock.cidr = "10.0.0.0/28"; }), /needed flow blocked: back -> kube-apiserver:443/);
});

test("networkPolicies: the backup without MySQL's ingress rule cannot dump", () => {
  reports("networkPolicies", broken((o) => remove(o, "NetworkPolicy", "allow-mysql-from-backup", "domaindesk")), /needed flow blocked: mysql-backup -> mysql:3306/);
});

test("networkPolicies: the backup's HTTPS egress without the private ranges excluded reaches the control plane", () => {
  reports("networkPolicies", broken((o) => { delete get(o, "NetworkPolicy", "allow-backup-egress").spec.egress[3].to[0].ipBlock.except; }),
    /flow allowed but not needed: mysql-backup -> kube-apiserver:443/);
});

test("databaseAccounts: the back on the migration account, or on its password, is reported", () => {
  const objs = broken((o) => {
    const c = container(o, "Deployment", "back");
    c.env = c.env.filter((e) => e.name !== "DB_USER");
    c.env.find((e) => e.name === "DB_PASSWORD").valueFrom.secretKeyRef = { name: "mysql", key: "MYSQL_PASSWORD" };
  });
  reports("databaseAccounts", objs, /the back connects as domaindesk, dbmigrate's migration account/);
  reports("databaseAccounts", objs, /the back reads the migration account's password \(mysql\/MYSQL_PASSWORD\)/);
});

test("databaseAccounts: MySQL not creating the back's account is reported", () => {
  const objs = broken((o) => {
    const initdb = podSpecOf(get(o, "StatefulSet", "mysql")).volumes.find((v) => v.name === "initdb").configMap.name;
    delete get(o, "ConfigMap", initdb).data["20-back-user.sh"];
    container(o, "StatefulSet", "mysql").env.find((e) => e.name === "DB_BACK_PASSWORD").valueFrom.secretKeyRef.key = "JWT_SECRET";
  });
  reports("databaseAccounts", objs, /do not create the back's account/);
  reports("databaseAccounts", objs, /MySQL sets the back's password from back\/JWT_SECRET/);
});

test("rbacScope: a ClusterRole on Secrets and an unwatched or unbound namespace are reported", () => {
  const objs = broken((o) => {
    get(o, "ClusterRole", "traefik").rules.push({ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] });
    const args = container(o, "Deployment", "traefik").args;
    args.splice(args.findIndex((a) => a.startsWith("--providers.kubernetescrd.namespaces=")), 1);
    args[args.findIndex((a) => a.startsWith("--providers.kubernetesingress.namespaces="))] = "--providers.kubernetesingress.namespaces=traefik,shop";
  });
  reports("rbacScope", objs, /ClusterRole\/traefik: grants get,list,watch on secrets cluster-wide/);
  reports("rbacScope", objs, /--providers.kubernetescrd.namespaces not set/);
  reports("rbacScope", objs, /watches shop .* but no Role there is bound to it/);
  reports("rbacScope", objs, /Ingress\/domaindesk\/domaindesk: its namespace is not watched/);
});

test("scaling: a PDB that blocks every eviction of a Deployment is reported, MySQL's is deliberate", () => {
  assert.deepEqual(rules.scaling(base.objects, base).filter((m) => /mysql/.test(m)), []);
  reports("scaling", broken((o) => { get(o, "PodDisruptionBudget", "front").spec = { maxUnavailable: 0, selector: get(o, "PodDisruptionBudget", "front").spec.selector }; }), /PodDisruptionBudget\/domaindesk\/front: maxUnavailable must be at least 1/);
});
