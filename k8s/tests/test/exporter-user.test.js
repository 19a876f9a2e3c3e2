// k8s/base/mysql/10-exporter-user.sh (the one copy; compose mounts it too)
// puts the exporter's password into an SQL string literal. Run by bash with
// the mysql image's docker_process_sql replaced by `cat`, its SQL is read
// back with MySQL's rules for string literals: the password must come out
// exactly as it went in, whatever it contains.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { REPO_DIR } from "../lib/render.js";

const SCRIPT = path.join(REPO_DIR, "k8s", "base", "mysql", "10-exporter-user.sh");

function sqlFor(password, extraEnv = {}) {
  return execFileSync("bash", ["-c", 'docker_process_sql() { cat; }; . "$0"', SCRIPT], {
    encoding: "utf8", env: { PATH: process.env.PATH, MYSQLD_EXPORTER_PASSWORD: password, ...extraEnv },
  });
}

// The account names of CREATE USER and both GRANTs.
const accounts = (sql) => [...sql.matchAll(/'exporter'@'([^']*)'/g)].map((m) => m[1]);

// The literal after IDENTIFIED BY, decoded as MySQL does (backslash escapes,
// doubled quotes); fails if the statement does not continue as expected
// right after the literal, i.e. if the password broke out of it.
function identifiedBy(sql) {
  const start = sql.indexOf("IDENTIFIED BY '");
  assert.notEqual(start, -1, sql);
  let i = start + "IDENTIFIED BY '".length;
  let value = "";
  const escapes = { n: "\n", t: "\t", r: "\r", 0: "\0", b: "\b", Z: "\x1a" };
  for (;;) {
    const c = sql[i];
    assert.ok(c !== undefined, `unterminated literal in:\n${sql}`);
    if (c === "\\") { value += escapes[sql[i + 1]] ?? sql[i + 1]; i += 2; continue; }
    if (c === "'" && sql[i + 1] === "'") { value += "'"; i += 2; continue; }
    if (c === "'") break;
    value += c;
    i += 1;
  }
  assert.match(sql.slice(i + 1), /^ WITH MAX_USER_CONNECTIONS 3;/, `the literal does not end where the password does:\n${sql}`);
  return value;
}

for (const password of ["plain0Password", "it's", "back\\slash", "a'b\\'c\\\\'; DROP USER root; --", "$HOME `id` \"q\""]) {
  test(`exporter user: password ${JSON.stringify(password)} reaches SQL unchanged`, () => {
    assert.equal(identifiedBy(sqlFor(password)), password);
  });
}

test("exporter user: from the pod itself by default (the Kubernetes sidecar)", () => {
  assert.deepEqual(accounts(sqlFor("plain0Password")), ["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
});

test("exporter user: from MYSQLD_EXPORTER_HOST when set (compose's exporter container)", () => {
  assert.deepEqual(accounts(sqlFor("plain0Password", { MYSQLD_EXPORTER_HOST: "%" })), ["%", "%", "%"]);
});

test("exporter user: a missing password stops the first start with a reason", () => {
  const r = spawnSync("bash", ["-c", 'docker_process_sql() { cat; }; . "$0"', SCRIPT], { encoding: "utf8", env: { PATH: process.env.PATH } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /MYSQLD_EXPORTER_PASSWORD is not set/);
});
