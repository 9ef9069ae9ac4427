import { T, type ResourceModel } from "../model/resource";
import { isRecord } from "../model/values";
import type { StackRule } from "../engine/types";
import { AI_SECRET_KEYWORDS_SETTING, aiProviderKeyword, DEFAULT_AI_PROVIDER_KEYWORDS } from "../engine/ai-secrets";
import { readersOf } from "../stack/secrets";

/** Environments compare case-insensitively; messages show the first spelling seen (never lower-cased text). */
const spelling = new Map<string, string>();
function envOf(r: ResourceModel, keys: string[]): string | undefined {
  const t = r.properties.tags;
  if (!isRecord(t)) return undefined;
  for (const [k, v] of Object.entries(t)) {
    if (keys.includes(k.toLowerCase()) && typeof v === "string" && v.trim()) {
      const key = v.trim().toLowerCase();
      if (spelling.size > 10_000) spelling.clear();
      if (!spelling.has(key)) spelling.set(key, v.trim());
      return key;
    }
  }
  return undefined;
}
const shown = (env: string) => spelling.get(env) ?? env;

export const environmentIsolation: StackRule = {
  kind: "stack",
  id: "AAG-016",
  name: "environment-isolation",
  title: "An AI secret or role is used from one environment only",
  severity: "medium",
  defaultLevel: "advisory",
  frameworks: { owaspNhi: ["NHI8", "NHI9"], owaspAgentic: ["ASI03"], nistCsf: ["PR.AA-05", "PR.IR-01"], nistAiRmf: ["MAP 4.2", "MEASURE 2.7"] },
  why:
    "When dev and prod share one AI key or role, the weakest environment sets the security of all: a " +
    "leaked dev pipeline holds production's model quota, data and bill.",
  fix: "Create one secret and one role per environment (AiAccessPath per stack), tag each with its environment, and grant each workload only its own.",
  appliesTo: [T.secret, T.role, T.lambdaFunction, T.podIdentityAssociation],
  config: {
    environmentTagKeys: { type: "array", items: { type: "string" }, default: ["environment", "env", "stage"], description: "Tag keys that name an environment." },
    aiSecretKeywords: AI_SECRET_KEYWORDS_SETTING,
  },
  checkStack(view, ctx) {
    const keys = ((ctx.config.environmentTagKeys as string[]) ?? ["environment", "env", "stage"]).map((k) => k.toLowerCase());
    const report = (target: ResourceModel, users: Array<{ label: string; env: string }>, what: string) => {
      const own = envOf(target, keys);
      const envs = new Set(users.map((u) => u.env));
      if (own) envs.add(own);
      if (envs.size > 1) {
        const list = [...envs].sort().map(shown);
        ctx.violation(target, `Environments::${list.join(",")}`, `${what} is used across environments ${list.join(", ")} (${users.map((u) => `${u.label}: ${shown(u.env)}`).join("; ")}${own ? `; itself: ${shown(own)}` : ""}).`, { property: "tags" });
      }
    };
    const kw = (ctx.config.aiSecretKeywords as string[]) ?? DEFAULT_AI_PROVIDER_KEYWORDS;
    for (const s of view.byType(T.secret)) {
      const readers = readersOf(s, view);
      if (!aiProviderKeyword(s, kw) && !readers.some((r) => r.reachesAi)) continue;
      report(s, readers.flatMap((r) => { const e = envOf(r.resource, keys); return e ? [{ label: `${r.kind} ${r.name}`, env: e }] : []; }), "this AI secret");
    }
    // Resolve each workload's role once, then judge each AI-reaching role from the index.
    const usersByRole = new Map<unknown, Array<{ label: string; env: string }>>();
    const workloads = [...view.byType(T.lambdaFunction).map((f) => ({ r: f, role: f.properties.role })), ...view.byType(T.podIdentityAssociation).map((a) => ({ r: a, role: a.properties.roleArn }))];
    for (const w of workloads) {
      if (typeof w.role !== "string") continue;
      const p = view.resolve("role", w.role);
      const e = envOf(w.r, keys);
      if (!p || !e) continue;
      const list = usersByRole.get(p) ?? [];
      list.push({ label: w.r.name, env: e });
      usersByRole.set(p, list);
    }
    for (const p of view.principals) {
      if (p.kind !== "role" || !p.reachesAi) continue;
      report(p.resource, usersByRole.get(p) ?? [], "this AI-reaching role");
    }
  },
};
