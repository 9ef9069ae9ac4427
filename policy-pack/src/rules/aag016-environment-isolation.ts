import { T, type ResourceModel } from "../model/resource";
import { isRecord } from "../model/values";
import type { StackRule } from "../engine/types";
import { AI_SECRET_KEYWORDS_SETTING, aiProviderKeyword, DEFAULT_AI_PROVIDER_KEYWORDS } from "../engine/ai-secrets";
import { principalPositions, secretReaders } from "../stack/secrets";
import type { PrincipalView, StackView } from "../stack/view";

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
    /** `envs`: every environment of the users; `users`: the users listed (in order), `more`: how many were left out. */
    const report = (target: ResourceModel, usage: { envs: ReadonlySet<string>; users: ReadonlyArray<{ label: string; env: string }>; more: number }, what: string) => {
      const own = envOf(target, keys);
      const envs = new Set(usage.envs);
      if (own) envs.add(own);
      if (envs.size > 1) {
        const list = [...envs].sort().map(shown);
        const users = usage.users.map((u) => `${u.label}: ${shown(u.env)}`).join("; ");
        ctx.violation(target, `Environments::${list.join(",")}`, `${what} is used across environments ${list.join(", ")} (${users}${usage.more > 0 ? `; and ${usage.more} more` : ""}${own ? `; itself: ${shown(own)}` : ""}).`, { property: "tags" });
      }
    };
    const usageOf = (users: ReadonlyArray<{ label: string; env: string }>) => ({ envs: new Set(users.map((u) => u.env)), users: users.slice(0, MAX_USERS_LISTED), more: Math.max(0, users.length - MAX_USERS_LISTED) });
    const kw = (ctx.config.aiSecretKeywords as string[]) ?? DEFAULT_AI_PROVIDER_KEYWORDS;
    // A principal's environment, read once (readers of every secret are met once per secret).
    const envByPrincipal = new Map<PrincipalView, string | undefined>();
    const userOf = (r: PrincipalView): { label: string; env: string } | undefined => {
      if (!envByPrincipal.has(r)) envByPrincipal.set(r, envOf(r.resource, keys));
      const env = envByPrincipal.get(r);
      return env ? { label: `${r.kind} ${r.name}`, env } : undefined;
    };
    let everySecret: { users: Array<{ label: string; env: string }>; envs: Set<string>; reachesAi: boolean } | undefined;
    for (const s of view.byType(T.secret)) {
      const readers = secretReaders(s, view);
      if (!everySecret) {
        const users = readers.everySecret.flatMap((r) => userOf(r) ?? []);
        everySecret = { users, envs: new Set(users.map((u) => u.env)), reachesAi: readers.everySecret.some((r) => r.reachesAi) };
      }
      if (!aiProviderKeyword(s, kw) && !everySecret.reachesAi && !readers.named.some((r) => r.reachesAi)) continue;
      // Users in principal order (as readersOf lists them): the named readers merged into those open to every secret.
      const named = readers.named.flatMap((r) => userOf(r) ?? []);
      const envs = new Set([...everySecret.envs, ...named.map((u) => u.env)]);
      const listed = firstInOrder(readers.everySecret, readers.named, view, MAX_USERS_LISTED, userOf);
      const total = everySecret.users.length + named.length;
      report(s, { envs, users: listed.slice(0, MAX_USERS_LISTED), more: Math.max(0, total - MAX_USERS_LISTED) }, "this AI secret");
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
      report(p.resource, usageOf(usersByRole.get(p) ?? []), "this AI-reaching role");
    }
  },
};

/** Users named in one finding; the rest are counted ("and 12 more"), as a reviewer cannot act on hundreds. */
const MAX_USERS_LISTED = 10;

/** Two lists that are each in view order, merged in view order: the first `limit` principals `pick` keeps, as it maps them. */
function firstInOrder<T>(a: readonly PrincipalView[], b: readonly PrincipalView[], view: StackView, limit: number, pick: (p: PrincipalView) => T | undefined): T[] {
  const position = principalPositions(view);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    const p = j >= b.length || (i < a.length && position.get(a[i])! < position.get(b[j])!) ? a[i++] : b[j++];
    const kept = pick(p);
    if (kept !== undefined) out.push(kept);
  }
  return out;
}

