/**
 * Analyze in one pass. @pulumi/policy deserializes the resource's inputs once per resource policy
 * (eleven and more here) and builds a proxy, arguments and a violation reporter for each, before
 * our type check can skip it. This wraps the `analyze` handler: the inputs are deserialized once
 * (with @pulumi/policy's own deserializer, so policies see the same values), only the rules that
 * apply to the type run, and the response is built with @pulumi/policy's `makeAnalyzeResponse`,
 * carrying the same diagnostics in the same order. Any failure falls back to the per-policy path,
 * so a preview is never broken by it. `AAG_ANALYZE_FASTPATH=0` turns it off (used by the test that
 * proves both paths agree).
 */
import type { ResourceRule, Rule } from "../engine/types";
import { judge, runRule } from "../engine/evaluate";
import { formatFinding } from "../engine/format";
import type { ResourceModel } from "../model/resource";
import { onAnalyzerService, policyModule } from "./analyzer-hooks";
import { convertedStruct } from "./request-values";
import { installObservedConfig } from "./observed-config";
import { effectiveSettings, packVersion } from "./effective-settings";

/* eslint-disable @typescript-eslint/no-explicit-any */
export function installAnalyzeFastPath(packName: string, rules: readonly Rule[]): void {
  if (process.env.AAG_ANALYZE_FASTPATH === "0") return;
  const resourceRules = rules.filter((r): r is ResourceRule => r.kind === "resource");
  // Rules by type token, in pack order (the order @pulumi/policy runs the policies in).
  const byType = new Map<string, ResourceRule[]>();
  const anyType = resourceRules.filter((r) => r.appliesTo.includes("*"));
  const rulesFor = (type: string): ResourceRule[] => {
    let list = byType.get(type);
    if (!list) {
      list = resourceRules.filter((r) => r.appliesTo.includes(type) || anyType.includes(r));
      byType.set(type, list);
    }
    return list;
  };
  const protoutil = policyModule("./protoutil.js");
  const { deserializeProperties } = policyModule("./deserialize.js");
  installObservedConfig(); // levels and settings come from the observed Configure
  const version = packVersion();

  onAnalyzerService((impl) => {
    const { analyze } = impl;
    return {
      ...impl,
      analyze(call: any, cb: (err: unknown, res?: unknown) => void) {
        let response: unknown;
        try {
          response = protoutil.makeAnalyzeResponse(analyzeOne(call.request), undefined);
        } catch (e) {
          // Only the error class: a message could quote input values.
          process.stderr.write(`ai-access-guard: one-pass analysis failed (${e instanceof Error ? e.name : "error"}); using the per-policy path\n`);
          return analyze.call(this, call, cb);
        }
        cb(undefined, response);
      },
    };
  });

  function analyzeOne(req: any): unknown[] {
    const type: string = req.getType();
    const applicable = rulesFor(type);
    const ds: unknown[] = [];
    if (applicable.length === 0) return ds;
    // @pulumi/policy rejects a request without options before any policy runs: let it answer that.
    if (!req.getOptions()) throw new TypeError("request without options");
    let resource: ResourceModel | undefined;
    for (const rule of applicable) {
      const s = effectiveSettings(rule);
      if (s.level === "disabled") continue;
      resource ??= { type, name: req.getName(), urn: req.getUrn(), properties: deserializeProperties(convertedStruct(req.getProperties()), false), source: "pulumi" };
      for (const f of judge(runRule(rule, resource, s.properties), { level: "mandatory", properties: s.properties })) {
        ds.push({
          policyName: rule.name,
          policyPackName: packName,
          policyPackVersion: version,
          message: formatFinding(rule, f),
          urn: undefined,
          description: `${rule.id}: ${rule.title}`,
          enforcementLevel: f.level === "advisory" ? "advisory" : s.level,
          severity: rule.severity,
        });
      }
    }
    return ds;
  }
}
