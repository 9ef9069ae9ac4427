/**
 * Which identities the access rules judge in a stack: every principal not allowlisted (a
 * break-glass principal only humans can use is judged by AAG-017 instead), plus every policy
 * document no principal of the stack holds, judged alone as if attached to a new principal.
 */
import { T, type ResourceModel } from "../model/resource";
import type { StackView, PrincipalView } from "../stack/view";
import { wildcardMatches } from "../iam/patterns";
import { parsePolicyDocument } from "../iam/document";
import { principalAccess, type AccessOf } from "../iam/principal-access";
import { isBreakGlass } from "../rules/aag017-break-glass-isolation";
import { judgeSensitive, type SensitiveCheck } from "../iam/sensitive-actions";
import type { ConfigProperty, StackRuleContext } from "./types";
import { dataPlaneActions } from "../rules/aag004-ai-data-plane-named-resources";
import { dataPlanePatternsFrom } from "./ai-scope";

export interface JudgedIdentity {
  readonly resource: ResourceModel;
  readonly access: AccessOf;
  /** An AI workload: it can call the AI data plane (invoke models, agents, endpoints, retrieval). */
  readonly reachesAi: boolean;
  /** `undefined` for a standalone document. */
  readonly principal?: PrincipalView;
}

const MACHINE_ENTRY = new Set(["oidc", "service", "eks-pod-identity", "access-key", "service-credential", "anyone", "unknown"]);
const DOCUMENT_TYPES = [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy];

/** What the identity rules read: principals and the documents that may grant them access. */
export const IDENTITY_RULE_TYPES: readonly string[] = [T.role, T.user, T.group, ...DOCUMENT_TYPES];

/** The `allowedPrincipals` setting of an identity rule; `what` completes "Principals … that may …". */
export function allowedPrincipalsSetting(what: string): ConfigProperty {
  return { type: "array", items: { type: "string" }, default: [], description: `Principals (logical or physical name, ARN or URN; globs allowed) that may ${what}.` };
}

export function isAllowlisted(p: PrincipalView, allowed: readonly string[]): boolean {
  const refs = [p.name, p.physicalName, p.arn, p.urn].filter((x): x is string => !!x);
  return allowed.some((a) => refs.some((r) => wildcardMatches(a, r)));
}

/** Whether effective access reaches an AI data-plane action (listing models does not make a workload). */
function callsAiDataPlane(access: AccessOf, dataPlane: readonly string[]): boolean {
  return dataPlane.some((a) => access.to(a).length > 0);
}

/**
 * Who the identity rules judge, before each rule's allowlist: the same for every rule with the same
 * data-plane setting, so it is worked out once per view (the rules ask in turn).
 */
interface Candidates {
  readonly principals: ReadonlyArray<JudgedIdentity & { principal: PrincipalView }>;
  readonly documents: readonly JudgedIdentity[];
}

const candidatesByView = new WeakMap<StackView, Map<string, Candidates>>();

function candidatesOf(view: StackView, config: Readonly<Record<string, unknown>>): Candidates {
  const patterns = dataPlanePatternsFrom(config);
  const key = JSON.stringify(patterns);
  let byKey = candidatesByView.get(view);
  if (!byKey) candidatesByView.set(view, (byKey = new Map()));
  let hit = byKey.get(key);
  if (hit) return hit;
  const dataPlane = dataPlaneActions(patterns).map((a) => a.id);
  const principals: Array<JudgedIdentity & { principal: PrincipalView }> = [];
  const documents: JudgedIdentity[] = [];
  const held = new Set<string>();
  for (const p of view.principals) {
    for (const g of p.grants) held.add(g.sourceUrn);
    // Service-linked roles are created and assumed only by their AWS service.
    const path = p.resource.properties.path;
    if ((typeof path === "string" && path.startsWith("/aws-service-role/")) || (p.arn ?? "").includes(":role/aws-service-role/")) continue;
    if (isBreakGlass(p) && !p.entryPoints.some((e) => MACHINE_ENTRY.has(e.kind))) continue;
    principals.push({ resource: p.resource, access: p.access, reachesAi: p.reachesAi && callsAiDataPlane(p.access, dataPlane), principal: p });
  }
  for (const type of DOCUMENT_TYPES) {
    for (const r of view.byType(type)) {
      if (held.has(r.urn)) continue;
      const parsed = parsePolicyDocument(r.properties.policy);
      if (parsed.kind !== "ok") continue; // unreadable documents are reported by the resource rules
      const access = principalAccess([{ source: "policy document", document: parsed.document }]);
      documents.push({ resource: r, access, reachesAi: callsAiDataPlane(access, dataPlane) });
    }
  }
  hit = { principals, documents };
  byKey.set(key, hit);
  return hit;
}

export function judgedIdentities(view: StackView, allowed: readonly string[], config: Readonly<Record<string, unknown>>): JudgedIdentity[] {
  const { principals, documents } = candidatesOf(view, config);
  return [...(allowed.length === 0 ? principals : principals.filter((c) => !isAllowlisted(c.principal, allowed))), ...documents];
}

/** Reports every sensitive check each judged identity fails (the allowlist is the rule's `allowedPrincipals`). */
export function reportSensitive(view: StackView, ctx: StackRuleContext, checks: readonly SensitiveCheck[]): void {
  const allowed = (ctx.config.allowedPrincipals as string[]) ?? [];
  for (const id of judgedIdentities(view, allowed, ctx.config)) {
    for (const hit of judgeSensitive(id.access, checks, { aiWorkload: id.reachesAi })) {
      ctx.violation(id.resource, hit.findingId, hit.detail, { property: "policy", advisoryOnly: hit.advisoryOnly });
    }
  }
}
