// scripts/kind-up.sh cannot run here (no Docker engine, no kind), so it is
// checked statically (scripts/check-shell.sh runs shellcheck on it): the parts
// of its contract a reader relies on. The Secrets it creates are checked
// against the manifests by the "environment" rule on every local render
// (lib/render.js reads them).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { kindUpSecrets, REPO_DIR } from "../lib/render.js";

const SCRIPT = path.join(REPO_DIR, "scripts", "kind-up.sh");
const text = fs.readFileSync(SCRIPT, "utf8");

test("kind-up.sh builds with the one image recipe, honours SKIP_BUILD and IMAGE_TAG", () => {
  assert.match(text, /docker build --build-arg "MODULE=\$module" -t "domaindesk\/\$module:\$IMAGE_TAG" \./);
  assert.match(text, /if \[ "\$\{SKIP_BUILD:-0\}" != 1 \]/);
  assert.match(text, /IMAGE_TAG=\$\{IMAGE_TAG:-\$APP_VERSION\}/);
});

test("kind-up.sh makes NetworkPolicies enforceable and creates every Secret with random values", () => {
  assert.match(text, /disableDefaultCNI: true/);
  assert.match(text, /projectcalico\/calico/);
  const secrets = kindUpSecrets();
  assert.deepEqual(Object.keys(secrets).sort(), ["back", "dbmigrate", "mysql"]);
  for (const m of text.matchAll(/"([A-Z][A-Z0-9_]*(?:PASSWORD|SECRET))=([^"]*)"/g)) {
    assert.match(m[2], /^\$\((random|openssl rand)/, `${m[1]} is not generated at random`);
  }
});

test("kind-up.sh gives the back its own database password and makes its account on an existing volume too", () => {
  assert.ok(kindUpSecrets().back.includes("DB_PASSWORD"));
  const mysqlReady = text.indexOf("rollout status statefulset/mysql");
  const account = text.indexOf("exec mysql-0 -c mysql -- bash /docker-entrypoint-initdb.d/20-back-user.sh");
  const migration = text.indexOf("wait --for=condition=complete job");
  assert.ok(mysqlReady > 0 && account > mysqlReady && migration > account, "the account is made after MySQL is ready, before the migration and the back");
  // A Secret kept from an older run gets the keys it lacks.
  assert.match(text, /patch secret "\$name" --type=merge --patch-file=\/dev\/stdin/);
});
