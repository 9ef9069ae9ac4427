import { T } from "../model/resource";
import { isUnknown } from "../model/values";
import type { StackRule } from "../engine/types";

export const shortSessions: StackRule = {
  kind: "stack",
  id: "AAG-009",
  name: "short-ai-sessions",
  title: "Roles that reach AI have short sessions",
  severity: "medium",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI7"], owaspAgentic: ["ASI03"], nistCsf: ["PR.AA-01", "PR.AA-05"], nistAiRmf: ["MEASURE 2.7", "MANAGE 2.4"] },
  why:
    "Session credentials leak like keys (CI logs, crash dumps, SSRF to the metadata endpoint). A 12-hour " +
    "session gives an attacker twelve hours of model calls from one theft; an hour-long one forces them " +
    "back through the federated trust, where the subject pin stops them.",
  fix: "Set `maxSessionDuration` to 3600 seconds or less. The workload identity roles of this project default to 3600 and refuse more without an explicit override.",
  appliesTo: [T.role],
  config: { maxSessionSeconds: { type: "integer", default: 3600, minimum: 900, maximum: 43200, description: "Longest session an AI-reaching role may allow, in seconds." } },
  checkStack(view, ctx) {
    const max = (ctx.config.maxSessionSeconds as number) ?? 3600;
    for (const p of view.principals) {
      if (p.kind !== "role" || !p.reachesAi) continue;
      const raw = p.resource.properties.maxSessionDuration;
      // HCL and cdktf often write numbers as strings ("43200"); Terraform converts them, so must we.
      const d = typeof raw === "string" && /^\s*\d+(?:\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
      if (isUnknown(d)) ctx.cannotValidate(p.resource, "maxSessionDuration", "maxSessionDuration is not known until apply.");
      else if (d !== undefined && d !== null && typeof d !== "number") ctx.cannotValidate(p.resource, "maxSessionDuration", "maxSessionDuration is not a number of seconds, so the session length cannot be judged.");
      else if (typeof d === "number" && d > max) {
        const services = [...new Set(p.aiReach.map((r) => r.service))].join(", ");
        ctx.violation(p.resource, `MaxSessionDuration::${d}`, `reaches ${services} and allows sessions of ${d} s (${Math.round(d / 360) / 10} h), more than ${max} s.`, { property: "maxSessionDuration" });
      }
    }
  },
};
