/**
 * AnalyzeStack in one pass. @pulumi/policy deserializes every resource of the stack once per stack
 * policy (six here) before calling it, which dominated AnalyzeStack time on large stacks. This
 * wraps the `analyzeStack` handler: the request is converted once, the stack view is built once per
 * AI-service setting, every stack rule runs on it, and the response is built with @pulumi/policy's
 * own `makeAnalyzeResponse`. Levels and settings come from the same `Configure` call the policies
 * see. Any failure falls back to the regular per-policy path, so a preview is never broken by it.
 * `AAG_STACK_FASTPATH=0` turns it off (used by the test that proves both paths agree). The request is
 * read from its bytes when it can be (stack-request.ts); `AAG_STACK_BYTES=0` reads the google-protobuf
 * message instead.
 */
import type { Rule, StackRule } from "../engine/types";
import { judge } from "../engine/evaluate";
import { runStackRule } from "../engine/evaluate-stack";
import { formatFinding } from "../engine/format";
import { aiServicesFrom } from "../engine/ai-scope";
import { buildStackView, type StackView } from "../stack/view";
import { withParseScope } from "../iam/document";
import { unwrapSecrets } from "../model/values";
import type { ResourceModel } from "../model/resource";
import { onAnalyzerService, policyModule, stackRequestBytes } from "./analyzer-hooks";
import { structValue } from "./request-values";
import { installObservedConfig } from "./observed-config";
import { effectiveSettings, packVersion as readPackVersion } from "./effective-settings";

/* eslint-disable @typescript-eslint/no-explicit-any */
export function installStackFastPath(packName: string, rules: readonly Rule[]): void {
  if (process.env.AAG_STACK_FASTPATH === "0") return;
  const stackRules = rules.filter((r): r is StackRule => r.kind === "stack");
  const protoutil = policyModule("./protoutil.js");
  installObservedConfig(); // the levels and settings this path applies come from the observed Configure
  const packVersion = readPackVersion();

  onAnalyzerService((impl) => {
    const { analyzeStack } = impl;
    return {
      ...impl,
      analyzeStack(call: any, cb: (err: unknown, res?: unknown) => void) {
        let response: unknown;
        try {
          response = protoutil.makeAnalyzeResponse(analyzeAll(call.request), undefined);
        } catch (e) {
          // Only the error class: a message could quote input values.
          process.stderr.write(`ai-access-guard: one-pass stack analysis failed (${e instanceof Error ? e.name : "error"}); using the per-policy path\n`);
          return analyzeStack.call(this, call, cb);
        }
        cb(undefined, response);
      },
    };
  });

  function analyzeAll(req: any): unknown[] {
    return withParseScope(() => analyzeAllInScope(req));
  }

  function analyzeAllInScope(req: any): unknown[] {
    const bytes = stackRequestBytes(req);
    // Tests ask for proof that the request was read from its bytes (the fallback would hide it otherwise).
    if (process.env.AAG_STACK_BYTES === "require" && !bytes?.sanitized) throw new Error("AnalyzeStack was not read from its bytes");
    const resources: ResourceModel[] = bytes?.sanitized ? bytes.plain.map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      properties: unwrapSecrets(r.properties) as Record<string, unknown>,
      source: "pulumi" as const,
      parent: r.parent || undefined,
      propertyDependencies: r.propertyDependencies,
    })) : req.getResourcesList().map((r: any) => {
      const deps: Record<string, string[]> = {};
      r.getPropertydependenciesMap()?.forEach((v: any, k: string) => (deps[k] = v.getUrnsList()));
      return {
        type: r.getType(),
        name: r.getName(),
        urn: r.getUrn(),
        properties: unwrapSecrets(r.getProperties() ? structValue(r.getProperties()) : {}) as Record<string, unknown>,
        source: "pulumi",
        parent: r.getParent() || undefined,
        propertyDependencies: deps,
      };
    });
    const views = new Map<string, StackView>();
    const ds: unknown[] = [];
    for (const rule of stackRules) {
      const { level, properties } = effectiveSettings(rule);
      if (level === "disabled") continue;
      const key = JSON.stringify(aiServicesFrom(properties));
      let view = views.get(key);
      if (!view) {
        view = buildStackView(resources, properties);
        views.set(key, view);
      }
      for (const f of judge(runStackRule(rule, view, properties), { level: "mandatory", properties })) {
        ds.push({
          policyName: rule.name,
          policyPackName: packName,
          policyPackVersion: packVersion,
          description: `${rule.id}: ${rule.title}`,
          message: formatFinding(rule, f),
          urn: f.resource.urn,
          enforcementLevel: f.level === "advisory" ? "advisory" : level,
          severity: rule.severity,
        });
      }
    }
    return ds;
  }
}
