/**
 * What the one-pass handlers (Analyze, AnalyzeStack) need to answer as @pulumi/policy would: each
 * rule's level and settings from the observed Configure, merged once per Configure, and the pack
 * version @pulumi/policy reads from package.json.
 */
import * as fs from "fs";
import * as path from "path";
import type { RuleMeta } from "../engine/types";
import { defaultsOf } from "../engine/config";
import { configEpoch, configuredPolicies, type WireLevel } from "./observed-config";

export interface EffectiveSettings {
  /** As @pulumi/policy applies it: the configured level, else the rule's; remediate reports as mandatory. */
  readonly level: Exclude<WireLevel, "remediate">;
  /** Schema defaults merged with the configured properties. */
  readonly properties: Record<string, unknown>;
}

let cachedEpoch: number | undefined;
const cache = new Map<string, EffectiveSettings>();

export function effectiveSettings(rule: RuleMeta): EffectiveSettings {
  const epoch = configEpoch();
  if (epoch !== cachedEpoch) {
    cache.clear();
    cachedEpoch = epoch;
  }
  const hit = epoch === undefined ? undefined : cache.get(rule.name);
  if (hit) return hit;
  const cfg = configuredPolicies().get(rule.name);
  const wire = cfg?.level ?? rule.defaultLevel;
  const settings: EffectiveSettings = { level: wire === "remediate" ? "mandatory" : wire, properties: { ...defaultsOf(rule), ...(cfg?.properties ?? {}) } };
  if (epoch !== undefined) cache.set(rule.name, settings);
  return settings;
}

/** The version in the pack directory's package.json, which is where @pulumi/policy reads it. */
export function packVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}
