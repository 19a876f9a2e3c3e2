// Every overlay, and every overlay plus each valid set of optional
// components, renders with `kubectl kustomize`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadRenders } from "../lib/render.js";

const renders = loadRenders();

for (const [name, r] of Object.entries(renders)) {
  test(`renders: ${name}`, () => {
    assert.equal(r.error, null, r.error ?? "");
    assert.ok(r.objects.length > 0, "no objects");
    const seen = new Set();
    for (const o of r.objects) {
      const key = `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
      assert.ok(!seen.has(key), `duplicate object ${key}`);
      seen.add(key);
    }
  });
}
