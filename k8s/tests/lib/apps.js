// What the applications serve and need, read from their own configuration
// (back/, front/, dbmigrate/ src/main/resources/application.yaml), so the
// tests break when an app changes a port, a probe path, its shutdown
// timeout or an environment variable and the manifests do not follow.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { REPO_DIR } from "./render.js";

export const APPS = ["back", "front", "dbmigrate"];

// Environment variables an app reads that the manifests deliberately leave
// unset, with the reason. Anything else the app reads must be set.
export const OPTIONAL_ENV = {
  DB_URL: "alternative to DB_HOST/DB_PORT/DB_NAME; the manifests set those",
  SERVER_PORT: "the default (read from application.yaml) is what the manifests use",
  MANAGEMENT_SERVER_PORT: "the default (read from application.yaml) is what the manifests use",
  HOSTNAME: "set by Kubernetes to the pod name",
};

// Placeholders whose empty default means "the app cannot work without it".
export const REQUIRED_SECRET_ENV = {
  back: ["DB_PASSWORD", "JWT_SECRET"],
  dbmigrate: ["DB_PASSWORD", "ADMIN_EMAIL", "ADMIN_PASSWORD"],
};

function get(obj, dotted) {
  return dotted.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

// Every environment variable named in a placeholder, including nested ones:
// ${DB_URL:jdbc:mysql://${DB_HOST:localhost}...} yields DB_URL and DB_HOST.
function placeholders(text) {
  return [...new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:}]/g)].map((m) => m[1]))];
}

function resolve(value) {
  if (typeof value !== "string") return value;
  const m = value.match(/^\$\{[A-Z0-9_]+:([^}]*)\}$/);
  return m ? m[1] : value;
}

function seconds(duration) {
  const m = String(duration).match(/^(\d+)(ms|s|m)?$/);
  if (!m) throw new Error(`cannot read duration ${duration}`);
  const n = Number(m[1]);
  return m[2] === "ms" ? n / 1000 : m[2] === "m" ? n * 60 : n;
}

export function appConfig(app) {
  const file = path.join(REPO_DIR, app, "src", "main", "resources", "application.yaml");
  const text = fs.readFileSync(file, "utf8");
  const yaml = YAML.parse(text);
  const envVars = placeholders(text);
  const basePath = get(yaml, "management.endpoints.web.base-path") ?? "/actuator";
  const include = String(get(yaml, "management.endpoints.web.exposure.include") ?? "")
    .split(",").map((s) => s.trim());
  const web = get(yaml, "spring.main.web-application-type") !== "none";
  return {
    app,
    file,
    web,
    envVars,
    serverPort: web ? Number(resolve(get(yaml, "server.port") ?? "8080")) : null,
    managementPort: web ? Number(resolve(get(yaml, "management.server.port") ?? resolve(get(yaml, "server.port")))) : null,
    probesEnabled: get(yaml, "management.endpoint.health.probes.enabled") === true,
    readinessGroup: String(get(yaml, "management.endpoint.health.group.readiness.include") ?? "")
      .split(",").map((x) => x.trim()).filter(Boolean),
    livenessPath: `${basePath}/health/liveness`,
    readinessPath: `${basePath}/health/readiness`,
    prometheusPath: include.includes("prometheus") ? `${basePath}/prometheus` : null,
    gracefulShutdown: get(yaml, "server.shutdown") === "graceful",
    shutdownTimeoutSeconds: seconds(get(yaml, "spring.lifecycle.timeout-per-shutdown-phase") ?? "30s"),
    configMapName: get(yaml, "spring.cloud.kubernetes.config.name") ?? null,
    reloadEnabled: get(yaml, "spring.cloud.kubernetes.reload.enabled") === true,
  };
}

// The JVM flags an app's image sets: in its exec-form ENTRYPOINT, in the JDK
// argument files it names (@jvm.options: the module's
// <app>/src/main/jvm/jvm.options, which the root Dockerfile copies into the
// image), or in an ENV JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS line. Read from
// the root Dockerfile (one recipe for the three modules, built with
// --build-arg MODULE=<app>), or the module's own Dockerfile where there is
// no root one. Kubernetes must neither lose them (by overriding the
// command) nor repeat them in JAVA_TOOL_OPTIONS.
export function imageJvmFlags(app) {
  const candidates = [path.join(REPO_DIR, "Dockerfile"), path.join(REPO_DIR, app, "Dockerfile")];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no Dockerfile for ${app} (looked for ${candidates.join(", ")})`);
  const text = fs.readFileSync(file, "utf8").replace(/\\\n/g, " ");
  const flags = [];
  const entrypoint = [...text.matchAll(/^ENTRYPOINT\s+(\[.*\])\s*$/gm)].at(-1);
  for (const arg of entrypoint ? JSON.parse(entrypoint[1]) : []) {
    flags.push(...(arg.startsWith("@") ? argFile(path.join(REPO_DIR, app, "src/main/jvm", arg.slice(1))) : [arg]));
  }
  for (const m of text.matchAll(/^ENV\s+(?:JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS)[= ]"?([^"\n]*)"?/gm)) flags.push(...m[1].split(/\s+/));
  return flags.filter((a) => a.startsWith("-X") || a.startsWith("-D"));
}

// The options of a JDK argument file: whitespace-separated, "#" to the end of
// a line is a comment (no quoting: the project's files need none).
export function argFile(file) {
  if (!fs.existsSync(file)) throw new Error(`the image's entrypoint names the argument file ${file}, which does not exist`);
  return fs.readFileSync(file, "utf8").split("\n").flatMap((line) => line.replace(/#.*/, "").split(/\s+/)).filter(Boolean);
}
