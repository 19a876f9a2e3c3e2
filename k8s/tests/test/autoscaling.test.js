// The back's HPA scales on requests per second only where the
// request-rate-autoscaling component (and so prometheus-adapter) is part of
// the render, never on kind; and the metric it asks for is the one the
// adapter serves, from a recording rule that exists.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import YAML from "yaml";
import { loadRenders, REPO_DIR } from "../lib/render.js";

const COMPONENT = path.join(REPO_DIR, "k8s", "components", "request-rate-autoscaling");
const adapter = YAML.parse(fs.readFileSync(path.join(COMPONENT, "prometheus-adapter-values.yaml"), "utf8"));
const podsMetric = (hpa) => (hpa.spec.metrics ?? []).find((m) => m.type === "Pods");

test("the back's HPA scales on request rate exactly where the adapter component is", () => {
  const renders = Object.values(loadRenders());
  assert.ok(renders.some((r) => r.components.includes("request-rate-autoscaling")), "no render has the component");
  for (const r of renders) {
    const hpa = r.objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.metadata.name === "back");
    assert.ok(hpa, `${r.name}: no HPA back`);
    const pods = podsMetric(hpa);
    if (!r.components.includes("request-rate-autoscaling")) {
      assert.equal(pods, undefined, `${r.name}: custom metric without the adapter component`);
      continue;
    }
    assert.ok(pods, `${r.name}: no request-rate metric`);
    assert.ok(Number(pods.pods.target.averageValue) > 0, `${r.name}: no positive target`);
    assert.ok(hpa.spec.metrics.some((m) => m.type === "Resource" && m.resource.name === "cpu"), `${r.name}: lost the CPU metric`);
  }
});

test("the adapter serves the metric the HPA asks for, from a recording rule that exists", () => {
  const [rule] = adapter.rules.custom;
  const series = rule.seriesQuery.match(/^([\w:]+)\{/)[1];
  const r = Object.values(loadRenders()).find((x) => x.components.includes("request-rate-autoscaling"));
  const hpa = r.objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.metadata.name === "back");
  assert.equal(podsMetric(hpa).pods.metric.name, rule.name.as);
  const recorded = r.objects.filter((o) => o.kind === "PrometheusRule").flatMap((p) => p.spec.groups.flatMap((g) => g.rules)).map((x) => x.record);
  assert.ok(recorded.includes(series), `no recording rule ${series}`);
  assert.deepEqual(Object.keys(rule.resources.overrides).sort(), ["namespace", "pod"]);
});
