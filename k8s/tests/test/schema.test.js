// Every rendered object validates against the Kubernetes schemas and, for
// Traefik, cert-manager and Prometheus Operator kinds, their CRD schemas;
// unknown fields are rejected (see lib/schema.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadRenders } from "../lib/render.js";
import { validateModels, validateStrict } from "../lib/schema.js";

const renders = loadRenders();
// Distinct objects over all renders: most are shared, validate each once.
const unique = new Map();
for (const r of Object.values(renders)) for (const o of r.objects) unique.set(JSON.stringify(o), o);
const objects = [...unique.values()];

test(`schemas: types, required fields and enums (${objects.length} distinct objects)`, async () => {
  const problems = await validateModels(objects);
  assert.deepEqual(problems, []);
});

test(`schemas: no unknown fields at any depth (${objects.length} distinct objects)`, () => {
  const problems = validateStrict(objects, "all");
  assert.deepEqual(problems, []);
});
