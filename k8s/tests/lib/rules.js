// The project's policy rules. Each rule takes the objects of one render and
// returns a list of human-readable violations (empty = pass). They encode
// Pod Security "restricted", the default checks of kube-score, kube-linter
// and Polaris that apply here, and the project's own contracts with the
// applications (ports, probes, shutdown, environment). test/negative.test.js
// feeds each rule a deliberately broken object to prove it can fail.
import { appConfig, APPS, imageJvmFlags, OPTIONAL_ENV, REQUIRED_SECRET_ENV } from "./apps.js";
import { flowViolations } from "./netpol.js";

const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet"];

const ALLOWED_API_VERSIONS = {
  Namespace: "v1", ServiceAccount: "v1", ConfigMap: "v1", Secret: "v1", Service: "v1",
  Deployment: "apps/v1", StatefulSet: "apps/v1", Job: "batch/v1", CronJob: "batch/v1",
  HorizontalPodAutoscaler: "autoscaling/v2", PodDisruptionBudget: "policy/v1",
  NetworkPolicy: "networking.k8s.io/v1", Ingress: "networking.k8s.io/v1", IngressClass: "networking.k8s.io/v1",
  Role: "rbac.authorization.k8s.io/v1", RoleBinding: "rbac.authorization.k8s.io/v1",
  ClusterRole: "rbac.authorization.k8s.io/v1", ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
  Middleware: "traefik.io/v1alpha1", ClusterIssuer: "cert-manager.io/v1",
  PodMonitor: "monitoring.coreos.com/v1", ServiceMonitor: "monitoring.coreos.com/v1",
  PrometheusRule: "monitoring.coreos.com/v1", AlertmanagerConfig: "monitoring.coreos.com/v1alpha1",
  ExternalSecret: "external-secrets.io/v1", ClusterSecretStore: "external-secrets.io/v1",
};

// ---------------------------------------------------------------- helpers
const id = (o) => `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata?.name}`;
export const ns = (o) => o.metadata?.namespace ?? "default";

export function podSpecOf(o) {
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  if (WORKLOAD_KINDS.includes(o.kind)) return o.spec?.template?.spec;
  if (o.kind === "Pod") return o.spec;
  return undefined;
}

export function podLabelsOf(o) {
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
  if (o.kind === "Pod") return o.metadata?.labels ?? {};
  return o.spec?.template?.metadata?.labels ?? {};
}

export const workloads = (objs) => objs.filter((o) => podSpecOf(o));

export function containersOf(spec) {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

export function matches(selector, labels) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "In" && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function appOf(o) {
  const name = podLabelsOf(o)["app.kubernetes.io/name"];
  return APPS.includes(name) ? name : null;
}

function imageTag(image) {
  const noDigest = image.split("@")[0];
  const last = noDigest.split("/").pop();
  return last.includes(":") ? last.split(":").pop() : null;
}

function find(objs, kind, name, namespace) {
  return objs.find((o) => o.kind === kind && o.metadata?.name === name && (namespace === undefined || ns(o) === namespace));
}

function quantity(q) {
  const m = String(q).match(/^([0-9.]+)([a-zA-Z]*)$/);
  if (!m) return NaN;
  const units = { "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
  return Number(m[1]) * (units[m[2]] ?? NaN);
}

// Where a container's variable comes from: { value } (literal or from a
// ConfigMap of the render) or { secret: "name/key" }; env wins over envFrom.
function envSource(objs, o, c, name) {
  const e = (c?.env ?? []).find((x) => x.name === name);
  if (e?.valueFrom?.secretKeyRef) return { secret: `${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}` };
  if (e?.valueFrom?.configMapKeyRef) {
    const r = e.valueFrom.configMapKeyRef;
    return { value: find(objs, "ConfigMap", r.name, ns(o))?.data?.[r.key] };
  }
  if (e) return { value: e.value };
  for (const ef of c?.envFrom ?? []) {
    const data = ef.configMapRef ? find(objs, "ConfigMap", ef.configMapRef.name, ns(o))?.data : undefined;
    if (data && name in data) return { value: data[name] };
  }
  return {};
}

const appContainer = (objs, kind, name) => {
  const o = objs.find((x) => x.kind === kind && podLabelsOf(x)["app.kubernetes.io/name"] === name);
  return o && { o, c: podSpecOf(o).containers.find((x) => x.name === name) };
};

// ------------------------------------------------------------------ rules
export const rules = {
  // Only current, GA API versions.
  apiVersions(objs) {
    const v = [];
    for (const o of objs) {
      const want = ALLOWED_API_VERSIONS[o.kind];
      if (!want) v.push(`${id(o)}: kind ${o.kind} is not expected in these manifests`);
      else if (o.apiVersion !== want) v.push(`${id(o)}: apiVersion ${o.apiVersion}, expected ${want}`);
    }
    return v;
  },

  // Pod Security Standards, "restricted" profile (v1.32), for every pod
  // template, plus the namespaces enforcing it.
  podSecurityRestricted(objs) {
    const v = [];
    const allowedVolumes = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
    for (const o of workloads(objs)) {
      const s = podSpecOf(o);
      const psc = s.securityContext ?? {};
      for (const f of ["hostNetwork", "hostPID", "hostIPC"]) if (s[f]) v.push(`${id(o)}: ${f} is set`);
      for (const vol of s.volumes ?? []) {
        const type = Object.keys(vol).find((k) => k !== "name");
        if (!allowedVolumes.includes(type)) v.push(`${id(o)}: volume ${vol.name} of type ${type} is not allowed`);
      }
      if (psc.seLinuxOptions?.type && !["container_t", "container_init_t", "container_kvm_t"].includes(psc.seLinuxOptions.type)) {
        v.push(`${id(o)}: custom SELinux type`);
      }
      for (const sc of psc.sysctls ?? []) v.push(`${id(o)}: sysctl ${sc.name} set`);
      if (psc.runAsUser === 0) v.push(`${id(o)}: pod runAsUser 0`);
      for (const c of containersOf(s)) {
        const sc = c.securityContext ?? {};
        const where = `${id(o)} container ${c.name}`;
        if (sc.privileged) v.push(`${where}: privileged`);
        if (sc.allowPrivilegeEscalation !== false) v.push(`${where}: allowPrivilegeEscalation must be false`);
        if (!(sc.runAsNonRoot ?? psc.runAsNonRoot)) v.push(`${where}: runAsNonRoot must be true`);
        if ((sc.runAsUser ?? psc.runAsUser) === 0) v.push(`${where}: runAsUser 0`);
        const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
        if (!["RuntimeDefault", "Localhost"].includes(seccomp)) v.push(`${where}: seccompProfile must be RuntimeDefault or Localhost`);
        const caps = sc.capabilities ?? {};
        if (!(caps.drop ?? []).includes("ALL")) v.push(`${where}: capabilities must drop ALL`);
        for (const add of caps.add ?? []) if (add !== "NET_BIND_SERVICE") v.push(`${where}: adds capability ${add}`);
        if (sc.procMount && sc.procMount !== "Default") v.push(`${where}: procMount ${sc.procMount}`);
        for (const p of c.ports ?? []) if (p.hostPort) v.push(`${where}: hostPort ${p.hostPort}`);
      }
    }
    const namespaces = new Set(workloads(objs).map(ns));
    for (const name of namespaces) {
      const n = find(objs, "Namespace", name);
      if (!n) { v.push(`Namespace ${name}: not declared in the manifests`); continue; }
      const l = n.metadata.labels ?? {};
      if (l["pod-security.kubernetes.io/enforce"] !== "restricted") v.push(`${id(n)}: Pod Security "restricted" not enforced`);
    }
    return v;
  },

  // kube-score / kube-linter / Polaris defaults that go beyond Pod Security.
  containerHardening(objs) {
    const v = [];
    for (const o of workloads(objs)) {
      const s = podSpecOf(o);
      const psc = s.securityContext ?? {};
      for (const c of containersOf(s)) {
        const sc = c.securityContext ?? {};
        const where = `${id(o)} container ${c.name}`;
        if (sc.readOnlyRootFilesystem !== true) v.push(`${where}: readOnlyRootFilesystem must be true`);
        const uid = sc.runAsUser ?? psc.runAsUser;
        const gid = sc.runAsGroup ?? psc.runAsGroup;
        if (!(uid >= 10000)) v.push(`${where}: runAsUser must be a numeric id >= 10000 (got ${uid})`);
        if (!(gid >= 10000)) v.push(`${where}: runAsGroup must be a numeric id >= 10000 (got ${gid})`);
        if (c.imagePullPolicy === "Never") v.push(`${where}: imagePullPolicy Never`);
        for (const e of c.env ?? []) {
          if (/(SECRET|PASSWORD|TOKEN|_KEY)$/.test(e.name) && e.value !== undefined) {
            v.push(`${where}: env ${e.name} holds a literal value; use a secretKeyRef`);
          }
        }
      }
      if (!s.serviceAccountName || s.serviceAccountName === "default") v.push(`${id(o)}: uses the default ServiceAccount`);
      else if (!find(objs, "ServiceAccount", s.serviceAccountName, ns(o))) v.push(`${id(o)}: ServiceAccount ${s.serviceAccountName} does not exist`);
    }
    return v;
  },

  // API tokens only where something is bound to the ServiceAccount.
  serviceAccountTokens(objs) {
    const v = [];
    const bound = new Set();
    for (const b of objs.filter((o) => ["RoleBinding", "ClusterRoleBinding"].includes(o.kind))) {
      for (const s of b.subjects ?? []) if (s.kind === "ServiceAccount") bound.add(`${s.namespace ?? ns(b)}/${s.name}`);
    }
    for (const sa of objs.filter((o) => o.kind === "ServiceAccount")) {
      if (sa.automountServiceAccountToken !== false) v.push(`${id(sa)}: automountServiceAccountToken must be false on the ServiceAccount`);
    }
    for (const o of workloads(objs)) {
      const s = podSpecOf(o);
      const needs = bound.has(`${ns(o)}/${s.serviceAccountName}`);
      if (s.automountServiceAccountToken === undefined) v.push(`${id(o)}: automountServiceAccountToken must be explicit`);
      else if (s.automountServiceAccountToken && !needs) v.push(`${id(o)}: mounts an API token its ServiceAccount has no use for`);
      else if (!s.automountServiceAccountToken && needs) v.push(`${id(o)}: its ServiceAccount is bound to a role but no token is mounted`);
    }
    return v;
  },

  // Requests and limits (CPU and memory) on every container; memory limit =
  // request; the JVMs' heap fits the limit.
  resources(objs) {
    const v = [];
    for (const o of workloads(objs)) {
      for (const c of containersOf(podSpecOf(o))) {
        const where = `${id(o)} container ${c.name}`;
        const r = c.resources ?? {};
        for (const kind of ["requests", "limits"]) {
          for (const res of ["cpu", "memory"]) if (r[kind]?.[res] === undefined) v.push(`${where}: no ${res} ${kind.slice(0, -1)}`);
        }
        if (r.requests?.memory && r.limits?.memory && quantity(r.requests.memory) !== quantity(r.limits.memory)) {
          v.push(`${where}: memory request differs from the limit`);
        }
        if (r.requests?.cpu && r.limits?.cpu && quantity(r.requests.cpu) > quantity(r.limits.cpu)) v.push(`${where}: cpu request above limit`);
        const app = appOf(o);
        if (app && c.name === app) {
          // The image chooses the collector and a fixed heap (the module's
          // src/main/jvm/jvm.options, used by the AOT cache's training run
          // and the entrypoint alike); an overridden command loses them, and
          // JAVA_TOOL_OPTIONS cannot change them: the command line wins over
          // a heap there, and a second collector stops the JVM.
          const image = c.command ? [] : imageJvmFlags(app);
          const opts = ((c.env ?? []).find((e) => e.name === "JAVA_TOOL_OPTIONS")?.value ?? "").split(/\s+/).filter(Boolean);
          const xmx = image.map((f) => f.match(/^-Xmx(\d+[kmg]?)$/i)?.[1]).filter(Boolean).at(-1);
          if (!xmx || !image.some((f) => /^-XX:\+Use\w+GC$/.test(f))) {
            v.push(`${where}: JVM heap and collector not set by the image (no -Xmx or no -XX:+Use...GC in its entrypoint's options)`);
          } else if (r.limits?.memory && 2 * quantity(xmx.replace(/([kmg])$/i, (u) => `${u.toUpperCase()}i`)) > quantity(r.limits.memory)) {
            // Measured (docs/containers.md): the JVM's own memory (metaspace,
            // code, threads, the mapped AOT cache) is about as large as the heap.
            v.push(`${where}: the image's heap -Xmx${xmx} is more than half the memory limit ${r.limits.memory}`);
          }
          // One name per option: -Xmx512m and -Xmx1g are both "Xmx", every
          // -XX:+Use...GC is "the collector".
          const flagName = (f) => (/^-XX:[+-]Use\w+GC$/.test(f) ? "collector"
            : f.startsWith("-XX:") ? f.replace(/^-XX:[+-]?/, "").split("=")[0]
            : (f.match(/^-X(ms|mx|ss)/)?.[0] ?? f.split("=")[0]));
          for (const f of opts) {
            if (image.some((i) => i.startsWith("-X") && flagName(i) === flagName(f))) {
              v.push(`${where}: JAVA_TOOL_OPTIONS repeats ${f}, which the image's entrypoint already sets (and wins over)`);
            }
          }
        }
      }
    }
    return v;
  },

  // Every image pinned to a tag, never "latest"; the three app images share
  // one version.
  images(objs) {
    const v = [];
    const appTags = {};
    for (const o of workloads(objs)) {
      for (const c of containersOf(podSpecOf(o))) {
        const tag = imageTag(c.image);
        if (!tag && !c.image.includes("@sha256:")) v.push(`${id(o)} container ${c.name}: image ${c.image} has no tag`);
        if (tag === "latest") v.push(`${id(o)} container ${c.name}: image ${c.image} uses "latest"`);
        const app = appOf(o);
        if (app && c.name === app) appTags[app] = tag;
      }
    }
    if (new Set(Object.values(appTags)).size > 1) v.push(`app images differ in version: ${JSON.stringify(appTags)}`);
    return v;
  },

  // Services select pods that exist and target ports those pods declare;
  // the Ingress points at existing Service ports.
  serviceRouting(objs) {
    const v = [];
    for (const svc of objs.filter((o) => o.kind === "Service")) {
      const pods = workloads(objs).filter((w) => ns(w) === ns(svc) && matches({ matchLabels: svc.spec.selector }, podLabelsOf(w)));
      if (!svc.spec.selector || !pods.length) { v.push(`${id(svc)}: selector matches no pod template`); continue; }
      for (const p of svc.spec.ports ?? []) {
        const target = p.targetPort ?? p.port;
        const declared = pods.every((w) => containersOf(podSpecOf(w)).some((c) =>
          (c.ports ?? []).some((cp) => cp.name === target || cp.containerPort === target)));
        if (!declared) v.push(`${id(svc)}: targetPort ${target} is not a declared container port of the selected pods`);
      }
    }
    for (const ing of objs.filter((o) => o.kind === "Ingress")) {
      for (const rule of ing.spec.rules ?? []) {
        for (const p of rule.http?.paths ?? []) {
          const b = p.backend.service;
          const svc = find(objs, "Service", b.name, ns(ing));
          if (!svc) { v.push(`${id(ing)}: backend Service ${b.name} does not exist`); continue; }
          if (!svc.spec.ports.some((sp) => sp.name === b.port.name || sp.port === b.port.number)) {
            v.push(`${id(ing)}: Service ${b.name} has no port ${b.port.name ?? b.port.number}`);
          }
        }
      }
      if (!find(objs, "IngressClass", ing.spec.ingressClassName) && objs.some((o) => o.kind === "IngressClass")) {
        v.push(`${id(ing)}: IngressClass ${ing.spec.ingressClassName} does not exist`);
      }
    }
    for (const pm of objs.filter((o) => o.kind === "PodMonitor")) {
      const pods = workloads(objs).filter((w) => ns(w) === ns(pm) && matches(pm.spec.selector, podLabelsOf(w)));
      if (!pods.length) v.push(`${id(pm)}: selects no pod template`);
      for (const ep of pm.spec.podMetricsEndpoints ?? []) {
        if (!pods.every((w) => containersOf(podSpecOf(w)).some((c) => (c.ports ?? []).some((cp) => cp.name === ep.port)))) {
          v.push(`${id(pm)}: port ${ep.port} is not declared by the selected pods`);
        }
      }
    }
    return v;
  },

  // Probes, ports, scrape paths and shutdown timing agree with the apps'
  // application.yaml.
  appContract(objs) {
    const v = [];
    for (const o of workloads(objs)) {
      const app = appOf(o);
      if (!app) continue;
      const cfg = appConfig(app);
      const s = podSpecOf(o);
      const c = s.containers.find((x) => x.name === app);
      if (!c) { v.push(`${id(o)}: no container named ${app}`); continue; }
      if (!cfg.web) continue;
      const portNum = (ref) => (typeof ref === "number" ? ref : (c.ports ?? []).find((p) => p.name === ref)?.containerPort);
      const httpPort = (c.ports ?? []).find((p) => p.name === "http")?.containerPort;
      if (httpPort !== cfg.serverPort) v.push(`${id(o)}: port "http" is ${httpPort}, the app listens on ${cfg.serverPort}`);
      if (!cfg.probesEnabled) v.push(`${cfg.file}: management.endpoint.health.probes.enabled is not true`);
      const want = { startupProbe: cfg.livenessPath, livenessProbe: cfg.livenessPath, readinessProbe: cfg.readinessPath };
      for (const [probe, path] of Object.entries(want)) {
        const g = c[probe]?.httpGet;
        if (!g) { v.push(`${id(o)}: no HTTP ${probe}`); continue; }
        if (g.path !== path) v.push(`${id(o)}: ${probe} path ${g.path}, the app serves ${path}`);
        if (portNum(g.port) !== cfg.managementPort) v.push(`${id(o)}: ${probe} port ${g.port} is not the management port ${cfg.managementPort}`);
      }
      // A dependency every replica shares (the database) must not be in
      // readiness: its outage would take every replica out of the Service at
      // once, and clients would get the proxy's bare 503 instead of the app's
      // own answer (docs/adr/0012).
      for (const shared of cfg.readinessGroup.filter((x) => ["db", "redis", "mongo", "elasticsearch"].includes(x))) {
        v.push(`${cfg.file}: readiness includes "${shared}", a dependency shared by every replica`);
      }
      if (!cfg.gracefulShutdown) v.push(`${cfg.file}: server.shutdown is not graceful`);
      const preStop = c.lifecycle?.preStop?.sleep?.seconds;
      if (!(preStop >= 5 && preStop <= 15)) v.push(`${id(o)}: preStop sleep should be about 10 s (got ${preStop})`);
      const needed = (preStop ?? 0) + cfg.shutdownTimeoutSeconds + 5;
      if (!(s.terminationGracePeriodSeconds >= needed)) {
        v.push(`${id(o)}: terminationGracePeriodSeconds ${s.terminationGracePeriodSeconds} < preStop ${preStop} + shutdown ${cfg.shutdownTimeoutSeconds} + 5`);
      }
      for (const pm of objs.filter((m) => m.kind === "PodMonitor" && ns(m) === ns(o) && matches(m.spec.selector, podLabelsOf(o)))) {
        for (const ep of pm.spec.podMetricsEndpoints ?? []) {
          if (ep.path !== cfg.prometheusPath) v.push(`${id(pm)}: scrapes ${ep.path}, the app serves ${cfg.prometheusPath}`);
          if (portNum(ep.port) !== cfg.managementPort) v.push(`${id(pm)}: scrapes port ${ep.port}, not the management port`);
        }
      }
    }
    return v;
  },

  // Every variable the apps read is set (or deliberately left to its
  // default), secrets come from Secrets, and every referenced ConfigMap /
  // Secret key exists in the generated objects.
  environment(objs, render) {
    const v = [];
    // Secrets made outside kustomize have known keys but unknown values:
    // an ExternalSecret's target, or one scripts/kind-up.sh creates.
    const madeElsewhere = (name, namespace) => {
      const es = objs.find((o) => o.kind === "ExternalSecret" && ns(o) === namespace && (o.spec?.target?.name ?? o.metadata.name) === name);
      const keys = es ? (es.spec.data ?? []).map((d) => d.secretKey) : render?.externalSecrets?.[name];
      return keys ? Object.fromEntries(keys.map((k) => [k, undefined])) : null;
    };
    const data = (kind, name, namespace) => {
      const o = find(objs, kind, name, namespace);
      if (!o && kind === "Secret") return madeElsewhere(name, namespace);
      if (!o) return null;
      if (kind === "Secret") return Object.fromEntries(Object.entries(o.data ?? {}).map(([k, x]) => [k, Buffer.from(x, "base64").toString("utf8")]));
      return o.data ?? {};
    };
    for (const o of workloads(objs)) {
      for (const c of containersOf(podSpecOf(o))) {
        const where = `${id(o)} container ${c.name}`;
        const env = new Map();
        for (const ef of c.envFrom ?? []) {
          const kind = ef.configMapRef ? "ConfigMap" : "Secret";
          const ref = ef.configMapRef ?? ef.secretRef;
          const d = data(kind, ref.name, ns(o));
          if (!d) { v.push(`${where}: envFrom ${kind} ${ref.name} does not exist`); continue; }
          for (const [k, val] of Object.entries(d)) env.set(k, { from: kind, value: val });
        }
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (ref) {
            const kind = e.valueFrom.secretKeyRef ? "Secret" : "ConfigMap";
            const d = data(kind, ref.name, ns(o));
            if (!d) { v.push(`${where}: env ${e.name} refers to missing ${kind} ${ref.name}`); continue; }
            if (!(ref.key in d)) { v.push(`${where}: env ${e.name} refers to missing key ${ref.key} of ${kind} ${ref.name}`); continue; }
            env.set(e.name, { from: kind, value: d[ref.key] });
          } else {
            env.set(e.name, { from: "literal", value: e.value });
          }
        }
        for (const vol of podSpecOf(o).volumes ?? []) {
          if (vol.configMap && !data("ConfigMap", vol.configMap.name, ns(o))) v.push(`${id(o)}: volume ${vol.name} refers to missing ConfigMap ${vol.configMap.name}`);
          if (vol.secret && !data("Secret", vol.secret.secretName, ns(o))) v.push(`${id(o)}: volume ${vol.name} refers to missing Secret ${vol.secret.secretName}`);
        }
        const app = appOf(o);
        if (!app || c.name !== app) continue;
        const cfg = appConfig(app);
        for (const name of cfg.envVars) {
          if (OPTIONAL_ENV[name]) continue;
          if (!env.has(name)) v.push(`${where}: ${name} (read by ${app}'s application.yaml) is not set`);
        }
        if (env.get("LOG_FORMAT")?.value !== "json") v.push(`${where}: LOG_FORMAT must be json in Kubernetes`);
        for (const name of REQUIRED_SECRET_ENV[app] ?? []) {
          const e = env.get(name);
          if (e && e.from !== "Secret") v.push(`${where}: ${name} must come from a Secret`);
          if (e && e.value === "") v.push(`${where}: ${name} is empty`);
        }
        const jwt = env.get("JWT_SECRET");
        if (jwt && jwt.value !== undefined && Buffer.byteLength(jwt.value) < 32) v.push(`${where}: JWT_SECRET is shorter than 32 bytes`);
      }
    }
    return v;
  },

  // No generated Secret value ends in a newline (the "files:" pitfall: a
  // password with "\n" is a different password).
  secretsWithoutTrailingNewline(objs) {
    const v = [];
    for (const s of objs.filter((o) => o.kind === "Secret")) {
      for (const [k, x] of Object.entries(s.data ?? {})) {
        const value = Buffer.from(x, "base64").toString("utf8");
        if (/[\r\n]$/.test(value)) v.push(`${id(s)}: value of ${k} ends with a newline`);
      }
      for (const [k, x] of Object.entries(s.stringData ?? {})) if (/[\r\n]$/.test(x)) v.push(`${id(s)}: value of ${k} ends with a newline`);
    }
    return v;
  },

  // No secret value in git: no rendered Secret carries data (it would come
  // from a file in the repository); every ExternalSecret reads through a
  // store the render declares, fills one Secret with distinct keys, and is
  // refreshed.
  secretsFromStores(objs) {
    const v = [];
    for (const s of objs.filter((o) => o.kind === "Secret")) {
      if (Object.keys({ ...(s.data ?? {}), ...(s.stringData ?? {}) }).length) v.push(`${id(s)}: a Secret with values is rendered from the repository`);
    }
    const targets = new Map();
    for (const es of objs.filter((o) => o.kind === "ExternalSecret")) {
      const ref = es.spec.secretStoreRef ?? {};
      const store = ref.kind === "ClusterSecretStore" ? find(objs, "ClusterSecretStore", ref.name) : find(objs, "SecretStore", ref.name, ns(es));
      if (!store) v.push(`${id(es)}: store ${ref.kind ?? "SecretStore"}/${ref.name} is not in the render`);
      const target = `${ns(es)}/${es.spec.target?.name ?? es.metadata.name}`;
      if (targets.has(target)) v.push(`${id(es)}: Secret ${target} is also made by ${targets.get(target)}`);
      targets.set(target, id(es));
      const keys = (es.spec.data ?? []).map((d) => d.secretKey);
      for (const k of keys.filter((k, i) => keys.indexOf(k) !== i)) v.push(`${id(es)}: key ${k} is set twice`);
      for (const d of es.spec.data ?? []) if (!d.remoteRef?.key) v.push(`${id(es)}: key ${d.secretKey} has no remoteRef.key`);
      if (!es.spec.refreshInterval || /^0+[a-z]*$/.test(es.spec.refreshInterval)) v.push(`${id(es)}: no refreshInterval (a rotated value would never arrive)`);
    }
    return v;
  },

  // spring-cloud-kubernetes: the ConfigMap the back reads exists under its
  // exact name, and its ServiceAccount may get/list/watch ConfigMaps of its
  // namespace and nothing else.
  springCloudKubernetes(objs) {
    const v = [];
    const back = find(objs, "Deployment", "back");
    if (!back) return ["Deployment back not found"];
    const cfg = appConfig("back");
    if (!cfg.configMapName) return v;
    if (!find(objs, "ConfigMap", cfg.configMapName, ns(back))) v.push(`ConfigMap ${cfg.configMapName} (spring.cloud.kubernetes.config.name) does not exist under that exact name`);
    const sa = podSpecOf(back).serviceAccountName;
    const bindings = objs.filter((o) => ["RoleBinding", "ClusterRoleBinding"].includes(o.kind) &&
      (o.subjects ?? []).some((s) => s.kind === "ServiceAccount" && s.name === sa && (s.namespace ?? ns(o)) === ns(back)));
    if (!bindings.length) v.push(`ServiceAccount ${sa} of the back has no role`);
    for (const b of bindings) {
      if (b.kind === "ClusterRoleBinding" || b.roleRef.kind !== "Role") { v.push(`${id(b)}: the back must only get a namespaced Role`); continue; }
      const role = find(objs, "Role", b.roleRef.name, ns(b));
      if (!role) { v.push(`${id(b)}: Role ${b.roleRef.name} does not exist`); continue; }
      let grantsRead = false;
      for (const r of role.rules ?? []) {
        const extra = (r.verbs ?? []).filter((x) => !["get", "list", "watch"].includes(x));
        if (extra.length) v.push(`${id(role)}: verbs ${extra.join(",")} go beyond get/list/watch`);
        const res = (r.resources ?? []).filter((x) => x !== "configmaps");
        if (res.length || !(r.apiGroups ?? []).every((g) => g === "")) v.push(`${id(role)}: grants more than core ConfigMaps (${res.join(",")})`);
        if (["get", "list", "watch"].every((x) => (r.verbs ?? []).includes(x)) && (r.resources ?? []).includes("configmaps")) grantsRead = true;
      }
      if (!grantsRead) v.push(`${id(role)}: does not grant get/list/watch on configmaps`);
    }
    if (!podSpecOf(back).automountServiceAccountToken) v.push(`${id(back)}: needs its API token for spring-cloud-kubernetes`);
    return v;
  },

  // HPA targets exist, own their replica count, scale on CPU with a
  // scale-down window; PDBs select pods and leave room for drains.
  scaling(objs) {
    const v = [];
    const hpas = objs.filter((o) => o.kind === "HorizontalPodAutoscaler");
    for (const h of hpas) {
      const t = h.spec.scaleTargetRef;
      const target = find(objs, t.kind, t.name, ns(h));
      if (!target) { v.push(`${id(h)}: target ${t.kind}/${t.name} does not exist`); continue; }
      if (target.spec.replicas !== undefined) v.push(`${id(target)}: sets replicas although ${id(h)} owns the count`);
      if (!(h.spec.metrics ?? []).some((m) => m.type === "Resource" && m.resource?.name === "cpu")) v.push(`${id(h)}: does not scale on CPU`);
      if (!(h.spec.behavior?.scaleDown?.stabilizationWindowSeconds > 0)) v.push(`${id(h)}: no scale-down stabilisation window`);
      if (!(h.spec.minReplicas >= 2)) v.push(`${id(h)}: minReplicas below 2 (no redundancy)`);
    }
    for (const d of objs.filter((o) => o.kind === "Deployment")) {
      const owned = hpas.some((h) => h.spec.scaleTargetRef.name === d.metadata.name && ns(h) === ns(d));
      const ru = d.spec.strategy?.rollingUpdate;
      if (d.spec.strategy?.type !== "RollingUpdate" || String(ru?.maxUnavailable) !== "0") v.push(`${id(d)}: rolling update must keep maxUnavailable 0`);
      const replicas = owned ? Math.min(...hpas.filter((h) => h.spec.scaleTargetRef.name === d.metadata.name).map((h) => h.spec.minReplicas)) : d.spec.replicas ?? 1;
      if (replicas > 1 && !(podSpecOf(d).topologySpreadConstraints ?? []).length && !podSpecOf(d).affinity?.podAntiAffinity) {
        v.push(`${id(d)}: several replicas but no topology spread or anti-affinity`);
      }
    }
    for (const p of objs.filter((o) => o.kind === "PodDisruptionBudget")) {
      const selected = workloads(objs).filter((w) => ns(w) === ns(p) && matches(p.spec.selector, podLabelsOf(w)));
      if (selected.length !== 1) { v.push(`${id(p)}: selects ${selected.length} workloads, expected 1`); continue; }
      const w = selected[0];
      const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === w.metadata.name && ns(h) === ns(w));
      const min = hpa ? hpa.spec.minReplicas : w.spec.replicas ?? 1;
      if (p.spec.minAvailable !== undefined && !(Number(p.spec.minAvailable) < min)) {
        v.push(`${id(p)}: minAvailable ${p.spec.minAvailable} leaves no pod evictable with ${min} replica(s)`);
      }
      // 0 blocks every eviction: only for a single-replica StatefulSet (MySQL),
      // whose one pod must not be evicted behind anyone's back; its drain
      // procedure is in docs/kubernetes.md.
      const singleStateful = w.kind === "StatefulSet" && (w.spec.replicas ?? 1) === 1;
      if (p.spec.maxUnavailable !== undefined && !(Number(p.spec.maxUnavailable) >= 1) && !singleStateful) {
        v.push(`${id(p)}: maxUnavailable must be at least 1`);
      }
    }
    return v;
  },

  // Probes on every long-running container, on ports it declares.
  probes(objs) {
    const v = [];
    for (const o of workloads(objs).filter((w) => ["Deployment", "StatefulSet", "DaemonSet"].includes(w.kind))) {
      for (const c of podSpecOf(o).containers) {
        for (const probe of ["livenessProbe", "readinessProbe"]) {
          const p = c[probe];
          if (!p) { v.push(`${id(o)} container ${c.name}: no ${probe}`); continue; }
          const port = p.httpGet?.port ?? p.tcpSocket?.port;
          if (port !== undefined && !(c.ports ?? []).some((cp) => cp.name === port || cp.containerPort === port)) {
            v.push(`${id(o)} container ${c.name}: ${probe} port ${port} is not declared`);
          }
        }
      }
    }
    return v;
  },

  // Jobs clean up after themselves and cannot run or retry forever; the
  // migration Job is named after the version it migrates to.
  jobs(objs) {
    const v = [];
    for (const j of objs.filter((o) => o.kind === "Job")) {
      for (const f of ["ttlSecondsAfterFinished", "backoffLimit", "activeDeadlineSeconds"]) {
        if (j.spec[f] === undefined) v.push(`${id(j)}: ${f} not set`);
      }
      if (!["Never", "OnFailure"].includes(j.spec.template.spec.restartPolicy)) v.push(`${id(j)}: restartPolicy must be Never or OnFailure`);
      if (appOf(j) === "dbmigrate") {
        const tag = imageTag(j.spec.template.spec.containers[0].image) ?? "";
        if (j.metadata.name !== `dbmigrate-${tag.replaceAll(".", "-")}`) v.push(`${id(j)}: name must be dbmigrate-<image tag with dashes> (tag ${tag})`);
      }
    }
    return v;
  },

  // Two database accounts (docs/security.md, "Database accounts"): the back
  // connects with its own, distinct from dbmigrate's migration account
  // (DDL), with its own password from its own Secret; MySQL creates it
  // (20-back-user.sh in its init scripts) with the same name and password.
  databaseAccounts(objs) {
    const v = [];
    const back = appContainer(objs, "Deployment", "back");
    const migrate = appContainer(objs, "Job", "dbmigrate");
    const mysql = appContainer(objs, "StatefulSet", "mysql");
    if (!back || !migrate || !mysql) return ["back, dbmigrate or mysql not found"];
    const at = (x, name) => envSource(objs, x.o, x.c, name);
    const backUser = at(back, "DB_USER").value;
    const migrationUser = at(migrate, "DB_USER").value;
    if (!backUser || backUser === migrationUser) v.push(`the back connects as ${backUser}, dbmigrate's migration account: it must have its own`);
    if (at(mysql, "MYSQL_USER").value !== migrationUser) v.push(`MySQL's MYSQL_USER (${at(mysql, "MYSQL_USER").value}) is not dbmigrate's DB_USER (${migrationUser})`);
    const backPassword = at(back, "DB_PASSWORD").secret;
    if (!backPassword || backPassword === at(migrate, "DB_PASSWORD").secret) v.push(`the back reads the migration account's password (${backPassword})`);
    if (backPassword?.startsWith("mysql/")) v.push(`the back reads ${backPassword} from MySQL's Secret: its password belongs in its own Secret`);
    if (at(mysql, "DB_BACK_USER").value !== backUser) v.push(`MySQL creates the back's account as ${at(mysql, "DB_BACK_USER").value}, the back connects as ${backUser}`);
    if (at(mysql, "DB_BACK_PASSWORD").secret !== backPassword) v.push(`MySQL sets the back's password from ${at(mysql, "DB_BACK_PASSWORD").secret}, the back reads ${backPassword}`);
    const initdb = (podSpecOf(mysql.o).volumes ?? []).find((x) => x.name === "initdb")?.configMap?.name;
    if (!find(objs, "ConfigMap", initdb, ns(mysql.o))?.data?.["20-back-user.sh"]) v.push("MySQL's init scripts do not create the back's account (20-back-user.sh)");
    return v;
  },

  // No ClusterRole reads Secrets (or everything): a cluster-wide Secret
  // reader is a cluster-wide key to every password. The ingress controller
  // watches exactly the namespaces its Roles cover, which hold every Ingress.
  rbacScope(objs) {
    const v = [];
    for (const r of objs.filter((o) => o.kind === "ClusterRole")) {
      for (const rule of r.rules ?? []) {
        const res = rule.resources ?? [];
        if ((rule.apiGroups ?? []).some((g) => g === "" || g === "*") && (res.includes("secrets") || res.includes("*"))) {
          v.push(`${id(r)}: grants ${rule.verbs.join(",")} on secrets cluster-wide`);
        }
      }
    }
    const traefik = find(objs, "Deployment", "traefik");
    if (!traefik) return v;
    const args = podSpecOf(traefik).containers[0].args ?? [];
    const flag = (name) => args.find((a) => a.toLowerCase().startsWith(`--${name}=`))?.split("=")[1]?.split(",");
    const sa = `${ns(traefik)}/${podSpecOf(traefik).serviceAccountName}`;
    const roleNamespaces = objs
      .filter((b) => b.kind === "RoleBinding" && (b.subjects ?? []).some((x) => `${x.namespace ?? ns(b)}/${x.name}` === sa))
      .map(ns);
    for (const provider of ["providers.kubernetesingress.namespaces", "providers.kubernetescrd.namespaces"]) {
      const watched = flag(provider);
      if (!watched) { v.push(`${id(traefik)}: --${provider} not set: it would watch every namespace`); continue; }
      for (const n of watched) if (!roleNamespaces.includes(n)) v.push(`${id(traefik)}: watches ${n} (--${provider}) but no Role there is bound to it`);
    }
    const ingressWatched = flag("providers.kubernetesingress.namespaces") ?? [];
    for (const ing of objs.filter((o) => o.kind === "Ingress")) {
      if (!ingressWatched.includes(ns(ing))) v.push(`${id(ing)}: its namespace is not watched by Traefik`);
    }
    return v;
  },

  // NetworkPolicies: default deny, every pod gets exactly the flows it needs.
  networkPolicies(objs, render) {
    return flowViolations(objs, render);
  },
};
