// Every policy rule (lib/rules.js) holds for every render.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadRenders } from "../lib/render.js";
import { rules } from "../lib/rules.js";

const renders = loadRenders();

for (const [ruleName, rule] of Object.entries(rules)) {
  test(`policy ${ruleName}`, async (t) => {
    for (const [name, r] of Object.entries(renders)) {
      await t.test(name, () => assert.deepEqual(rule(r.objects, r), []));
    }
  });
}
