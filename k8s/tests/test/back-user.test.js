// k8s/base/mysql/20-back-user.sh (the one copy: MySQL's init scripts in
// Kubernetes and compose, the upgrade command, scripts/run-local.sh) makes
// the back's account. Run by bash with the mysql image's docker_process_sql
// replaced by `cat`: the SQL it would run. scripts/check-quickstart.sh runs
// it for real on MariaDB and proves the account is refused DDL.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { REPO_DIR } from "../lib/render.js";

const SCRIPT = path.join(REPO_DIR, "k8s", "base", "mysql", "20-back-user.sh");
const ENV = { MYSQL_DATABASE: "domaindesk", DB_BACK_USER: "domaindesk_back", DB_BACK_PASSWORD: "plain0Password" };

function run(env) {
  return spawnSync("bash", ["-c", 'docker_process_sql() { cat; }; . "$0"', SCRIPT], {
    encoding: "utf8", env: { PATH: process.env.PATH, ...env },
  });
}
const statements = (sql) => sql.split(";").map((s) => s.replace(/\s+/g, " ").trim()).filter(Boolean);

test("back user: rows only (SELECT, INSERT, UPDATE, DELETE) on the schema, after revoking anything else", () => {
  const r = run(ENV);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(statements(r.stdout), [
    "CREATE USER IF NOT EXISTS 'domaindesk_back'@'%' IDENTIFIED BY 'plain0Password'",
    "ALTER USER 'domaindesk_back'@'%' IDENTIFIED BY 'plain0Password'",
    "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'domaindesk_back'@'%'",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON `domaindesk`.* TO 'domaindesk_back'@'%'",
  ]);
});

test("back user: a password with quotes and backslashes stays inside its literal", () => {
  const r = run({ ...ENV, DB_BACK_PASSWORD: "a'b\\'c; DROP USER root; --" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /IDENTIFIED BY 'a\\'b\\\\\\'c; DROP USER root; --';/);
});

test("back user: the password from DB_BACK_PASSWORD_FILE (compose), the host from DB_BACK_HOST (run-local.sh)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "back-user-"));
  try {
    fs.writeFileSync(path.join(dir, "pw"), "fromFile0");
    const r = run({ MYSQL_DATABASE: "dd", DB_BACK_USER: "u", DB_BACK_PASSWORD_FILE: path.join(dir, "pw"), DB_BACK_HOST: "127.0.0.1" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /CREATE USER IF NOT EXISTS 'u'@'127.0.0.1' IDENTIFIED BY 'fromFile0';/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const missing of ["MYSQL_DATABASE", "DB_BACK_USER", "DB_BACK_PASSWORD"]) {
  test(`back user: without ${missing} the first start stops with a reason`, () => {
    const env = { ...ENV };
    delete env[missing];
    const r = run(env);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, new RegExp(`${missing} is not set`));
  });
}

test("back user: outside the image's entrypoint it runs as root over the socket, the password from the environment", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "back-user-"));
  try {
    // A stand-in mysql client that records how it was called.
    fs.writeFileSync(path.join(dir, "mysql"), '#!/bin/bash\necho "args: $* pwd: $MYSQL_PWD"; cat >/dev/null\n', { mode: 0o755 });
    const out = execFileSync("bash", [SCRIPT], {
      encoding: "utf8", env: { PATH: `${dir}:${process.env.PATH}`, ...ENV, MYSQL_ROOT_PASSWORD: "rootPw0" },
    });
    assert.equal(out.trim(), "args: --protocol=socket --user=root --database=mysql pwd: rootPw0");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
