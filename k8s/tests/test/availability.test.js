// Two availability decisions, checked on every render: MySQL's single pod is
// never evicted behind anyone's back (PodDisruptionBudget), and the back's
// readiness does not follow the database (docs/adr/0012).
import assert from "node:assert/strict";
import { test } from "node:test";
import { appConfig } from "../lib/apps.js";
import { loadRenders } from "../lib/render.js";
import { matches, podLabelsOf } from "../lib/rules.js";

const renders = loadRenders();

test("MySQL has a PodDisruptionBudget that allows no voluntary eviction of its ready pod", async (t) => {
  for (const [name, r] of Object.entries(renders)) {
    await t.test(name, () => {
      const mysql = r.objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === "mysql");
      const pdbs = r.objects.filter((o) => o.kind === "PodDisruptionBudget" && matches(o.spec.selector, podLabelsOf(mysql)));
      assert.equal(pdbs.length, 1, "exactly one PDB selects the MySQL pod");
      assert.equal(mysql.spec.replicas, 1);
      assert.equal(pdbs[0].spec.maxUnavailable, 0);
      assert.equal(pdbs[0].spec.unhealthyPodEvictionPolicy, "AlwaysAllow", "a pod that is not ready must stay drainable");
    });
  }
});

test("the back's readiness is the schema gate and its own state, not the database", () => {
  assert.deepEqual(appConfig("back").readinessGroup.sort(), ["readinessState", "schema"]);
});
