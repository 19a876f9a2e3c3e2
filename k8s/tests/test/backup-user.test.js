// k8s/components/backup/50-backup-user.sh (the one copy; compose mounts it and
// scripts/check-backup.sh runs it against MariaDB) writes the backup account's
// SQL. Run by bash with the mysql image's docker_process_sql replaced by a stub
// (answers the version query, prints the rest), its statements are checked
// for MySQL 8.4, the server the CronJob and compose back up: read-only grants
// on the application's schema and on routine definitions, nothing else.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { REPO_DIR } from "../lib/render.js";

const SCRIPT = path.join(REPO_DIR, "k8s", "components", "backup", "50-backup-user.sh");

function run(env, version = "8.4.7") {
  const stub = `docker_process_sql() { local sql; sql=$(cat); if [ "$sql" = "SELECT VERSION()" ]; then echo "${version}"; else printf '%s\\n' "$sql"; fi; }`;
  return spawnSync("bash", ["-c", `${stub}; . "$0"`, SCRIPT], { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
}

const grants = (sql) => [...sql.matchAll(/GRANT (.*) ON (\S+) TO '([^']*)'@'([^']*)';/g)].map((m) => m.slice(1).join(" | "));

test("backup user: MySQL gets read-only grants on the schema and SHOW_ROUTINE, from any host", () => {
  const r = run({ MYSQL_BACKUP_PASSWORD: "plain0Password", MYSQL_DATABASE: "domaindesk" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(grants(r.stdout), [
    "SELECT, SHOW VIEW, TRIGGER | `domaindesk`.* | backup | %",
    "SHOW_ROUTINE | *.* | backup | %",
  ]);
  assert.match(r.stdout, /CREATE USER IF NOT EXISTS 'backup'@'%'\s+IDENTIFIED BY 'plain0Password' WITH MAX_USER_CONNECTIONS 2;/);
  assert.match(r.stdout, /ALTER USER 'backup'@'%' IDENTIFIED BY 'plain0Password';/);
});

test("backup user: MariaDB reads routine definitions from mysql.proc instead", () => {
  const r = run({ MYSQL_BACKUP_PASSWORD: "plain0Password", MYSQL_DATABASE: "domaindesk" }, "10.11.19-MariaDB-0+deb12u1");
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(grants(r.stdout).slice(1), ["SELECT | mysql.proc | backup | %"]);
});

test("backup user: a quote in the password stays inside the literal", () => {
  const r = run({ MYSQL_BACKUP_PASSWORD: "it's\\", MYSQL_DATABASE: "domaindesk" });
  assert.match(r.stdout, /IDENTIFIED BY 'it\\'s\\\\' WITH MAX_USER_CONNECTIONS 2;/);
});

test("backup user: a missing password stops the first start with a reason", () => {
  const r = run({ MYSQL_DATABASE: "domaindesk" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /MYSQL_BACKUP_PASSWORD and MYSQL_DATABASE must be set/);
});
