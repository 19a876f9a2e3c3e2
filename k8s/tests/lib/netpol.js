// NetworkPolicy analysis: evaluates every flow between the pods of a render
// and the parties outside it (cluster DNS, Prometheus, the ACME solver,
// the API server, the internet) with Kubernetes' semantics (a pod selected
// by a policy of a type is isolated for that direction; policies add up;
// a flow needs the sender's egress AND the receiver's ingress), then
// compares the allowed flows with the list of flows the application needs.
// Missing flows and extra flows are both violations.
import fs from "node:fs";
import path from "node:path";
import { appConfig } from "./apps.js";
import { REPO_DIR } from "./render.js";
import { containersOf, matches, ns, podLabelsOf, podSpecOf, workloads } from "./rules.js";

// The GKE control plane's address: a host of the private range terraform
// gives it (default of master_ipv4_cidr in terraform/variables.tf), so the
// gke overlay's narrowed API-server policy is checked against that range.
function gkeApiServerIp() {
  const tf = fs.readFileSync(path.join(REPO_DIR, "terraform", "variables.tf"), "utf8");
  const m = tf.match(/variable "master_ipv4_cidr" \{[^}]*?default\s*=\s*"(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+"/);
  if (!m) throw new Error("terraform/variables.tf: master_ipv4_cidr has no IPv4 default");
  return `${m[1]}.${m[2]}.${m[3]}.${Number(m[4]) + 2}`;
}

const EXTERNAL = {
  // Address of the control plane as the pods see it after Service
  // translation: terraform's private range on GKE, the kind node on kind.
  "kube-apiserver": { ip: (render) => (render?.overlay === "gke" ? gkeApiServerIp() : "172.18.0.2"), ports: [[443, "TCP"], [6443, "TCP"]] },
  internet: { ip: () => "198.51.100.7", ports: [[80, "TCP"], [443, "TCP"], [22, "TCP"]] },
};

const VIRTUAL_PODS = [
  { name: "kube-dns", ns: "kube-system", labels: { "k8s-app": "kube-dns" }, ports: [[53, "UDP", "dns"], [53, "TCP", "dns-tcp"]] },
  { name: "prometheus", ns: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" }, ports: [[9090, "TCP", "web"]] },
  { name: "acme-solver", ns: "domaindesk", labels: { "acme.cert-manager.io/http01-solver": "true" }, ports: [[8089, "TCP", "http"]] },
];

// Entities are named after their workload (the migration Job without its
// version suffix), not after their labels, so a pod that loses a label
// shows up as losing its flows.
const workloadName = (w) => w.metadata.name.replace(/-\d+-\d+-\d+$/, "");

function ipToInt(ip) {
  return ip.split(".").reduce((a, b) => (a << 8) + Number(b), 0) >>> 0;
}
function inCidr(ip, cidr) {
  const [base, bits] = cidr.split("/");
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return (ipToInt(ip) & mask) === (ipToInt(base) & mask);
}

function entities(objs, render) {
  const nsLabels = (name) => {
    const n = objs.find((o) => o.kind === "Namespace" && o.metadata.name === name);
    return { ...(n?.metadata?.labels ?? {}), "kubernetes.io/metadata.name": name };
  };
  const list = [];
  let n = 10;
  for (const w of workloads(objs)) {
    const ports = [];
    for (const c of containersOf(podSpecOf(w))) {
      for (const p of c.ports ?? []) ports.push([p.containerPort, p.protocol ?? "TCP", p.name]);
    }
    const labels = podLabelsOf(w);
    list.push({ name: workloadName(w), kind: "pod", ns: ns(w), nsLabels: nsLabels(ns(w)), labels, ports, ip: `10.8.0.${n++}` });
  }
  for (const v of VIRTUAL_PODS) list.push({ ...v, kind: "pod", virtual: true, nsLabels: nsLabels(v.ns), ip: `10.8.0.${n++}` });
  for (const [name, e] of Object.entries(EXTERNAL)) list.push({ name, kind: "external", ip: e.ip(render), ports: e.ports });
  return list;
}

function peerMatches(peer, policy, other) {
  if (peer.ipBlock) {
    if (!inCidr(other.ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c));
  }
  if (other.kind !== "pod") return false;
  // An empty selector ({}) matches everything, as matches() does.
  const nsOk = peer.namespaceSelector ? matches(peer.namespaceSelector, other.nsLabels) : other.ns === ns(policy);
  const podOk = peer.podSelector ? matches(peer.podSelector, other.labels) : true;
  return nsOk && podOk;
}

function portMatches(rulePorts, [port, proto, name]) {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? "TCP") !== proto) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === "string") return p.port === name;
    return p.endPort ? port >= p.port && port <= p.endPort : p.port === port;
  });
}

function selectorMatchesAll(sel) {
  return !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}

function allowed(policies, direction, self, other, dstPort) {
  if (self.kind !== "pod") return true;
  const type = direction === "ingress" ? "Ingress" : "Egress";
  const selecting = policies.filter((p) => ns(p) === self.ns &&
    (selectorMatchesAll(p.spec.podSelector) || matches(p.spec.podSelector, self.labels)) &&
    (p.spec.policyTypes ?? ["Ingress"]).includes(type));
  if (!selecting.length) return true;
  return selecting.some((p) => (p.spec[direction] ?? []).some((rule) => {
    const peers = direction === "ingress" ? rule.from : rule.to;
    const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, p, other));
    return peerOk && portMatches(rule.ports, dstPort);
  }));
}

function allowedFlows(objs, render) {
  const policies = objs.filter((o) => o.kind === "NetworkPolicy");
  const all = entities(objs, render);
  const flows = new Set();
  for (const src of all) {
    for (const dst of all) {
      if ((src.virtual || src.kind === "external") && (dst.virtual || dst.kind === "external")) continue;
      for (const port of dst.ports) {
        if (allowed(policies, "egress", src, dst, port) && allowed(policies, "ingress", dst, src, port)) {
          flows.add(`${src.name} -> ${dst.name}:${port[0]}/${port[1]}`);
        }
      }
    }
  }
  return flows;
}

// The flows the application needs, given the components in the render.
function expectedFlows(objs, render) {
  const has = (kind) => objs.some((o) => o.kind === kind);
  const names = new Set(workloads(objs).map(workloadName));
  const narrowed = render?.overlay === "gke";
  // The apps' HTTP and management ports, from their application.yaml.
  const back = appConfig("back");
  const front = appConfig("front");
  const f = [];
  for (const n of names) f.push(`${n} -> kube-dns:53/UDP`, `${n} -> kube-dns:53/TCP`);
  if (names.has("back")) f.push("back -> mysql:3306/TCP", "back -> kube-apiserver:443/TCP");
  if (names.has("dbmigrate")) f.push("dbmigrate -> mysql:3306/TCP");
  // The backup: MySQL, and Cloud Storage on any public address (the GKE
  // metadata server's link-local address is no entity here).
  if (names.has("mysql-backup")) f.push("mysql-backup -> mysql:3306/TCP", "mysql-backup -> internet:443/TCP");
  if (names.has("traefik")) {
    f.push(`traefik -> front:${front.serverPort}/TCP`, `traefik -> back:${back.serverPort}/TCP`, "traefik -> kube-apiserver:443/TCP");
    // The public edge: anyone outside the governed namespaces reaches 8000/8443.
    for (const src of ["internet", "kube-apiserver", "kube-dns", "prometheus"]) {
      f.push(`${src} -> traefik:8000/TCP`, `${src} -> traefik:8443/TCP`);
    }
  }
  if (!narrowed) {
    // Without a known control-plane range the API-server rule allows 443 and
    // 6443 to any address (see allow-kube-apiserver.yaml).
    if (names.has("back")) f.push("back -> kube-apiserver:6443/TCP", "back -> internet:443/TCP");
    if (names.has("traefik")) f.push("traefik -> kube-apiserver:6443/TCP", "traefik -> internet:443/TCP");
  }
  if (has("PodMonitor")) {
    f.push(`prometheus -> front:${front.managementPort}/TCP`, `prometheus -> back:${back.managementPort}/TCP`, "prometheus -> mysql:9104/TCP");
    if (names.has("traefik")) f.push("prometheus -> traefik:9100/TCP");
  }
  if (has("ClusterIssuer")) f.push("traefik -> acme-solver:8089/TCP");
  // Traces (component tracing): the senders to the collector, the collector to Jaeger.
  if (names.has("otel-collector")) {
    f.push("back -> otel-collector:4318/TCP", "otel-collector -> jaeger:4317/TCP");
    if (names.has("traefik")) f.push("traefik -> otel-collector:4318/TCP");
  }
  return new Set(f);
}

export function flowViolations(objs, render) {
  const v = [];
  // Default deny in every namespace that runs pods.
  for (const n of new Set(workloads(objs).map(ns))) {
    const deny = objs.find((o) => o.kind === "NetworkPolicy" && ns(o) === n && selectorMatchesAll(o.spec.podSelector) &&
      ["Ingress", "Egress"].every((t) => (o.spec.policyTypes ?? []).includes(t)) && !(o.spec.ingress ?? []).length && !(o.spec.egress ?? []).length);
    if (!deny) v.push(`namespace ${n}: no default-deny NetworkPolicy for ingress and egress`);
  }
  const actual = allowedFlows(objs, render);
  const expected = expectedFlows(objs, render);
  for (const f of expected) if (!actual.has(f)) v.push(`needed flow blocked: ${f}`);
  for (const f of actual) if (!expected.has(f)) v.push(`flow allowed but not needed: ${f}`);
  // A policy that selects nothing is dead weight (kube-linter
  // dangling-networkpolicy); the ACME solver's pods exist only during a challenge.
  const pods = entities(objs, render).filter((e) => e.kind === "pod");
  for (const p of objs.filter((o) => o.kind === "NetworkPolicy")) {
    if (!pods.some((e) => e.ns === ns(p) && (selectorMatchesAll(p.spec.podSelector) || matches(p.spec.podSelector, e.labels)))) {
      v.push(`NetworkPolicy ${ns(p)}/${p.metadata.name}: selects no pod`);
    }
  }
  return v;
}
