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

export interface JudgedIdentity {
  readonly resource: ResourceModel;
  readonly access: AccessOf;
  readonly reachesAi: boolean;
  /** `undefined` for a standalone document. */
  readonly principal?: PrincipalView;
}

const MACHINE_ENTRY = new Set(["oidc", "service", "eks-pod-identity", "access-key", "service-credential", "anyone", "unknown"]);
const DOCUMENT_TYPES = [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy];

export function isAllowlisted(p: PrincipalView, allowed: readonly string[]): boolean {
  const refs = [p.name, p.physicalName, p.arn, p.urn].filter((x): x is string => !!x);
  return allowed.some((a) => refs.some((r) => wildcardMatches(a, r)));
}

export function judgedIdentities(view: StackView, allowed: readonly string[], aiServices: readonly string[]): JudgedIdentity[] {
  const out: JudgedIdentity[] = [];
  const held = new Set<string>();
  for (const p of view.principals) {
    for (const g of p.grants) held.add(g.sourceUrn);
    if (isAllowlisted(p, allowed)) continue;
    // Service-linked roles are created and assumed only by their AWS service.
    const path = p.resource.properties.path;
    if ((typeof path === "string" && path.startsWith("/aws-service-role/")) || (p.arn ?? "").includes(":role/aws-service-role/")) continue;
    if (isBreakGlass(p) && !p.entryPoints.some((e) => MACHINE_ENTRY.has(e.kind))) continue;
    out.push({ resource: p.resource, access: p.access, reachesAi: p.reachesAi, principal: p });
  }
  for (const type of DOCUMENT_TYPES) {
    for (const r of view.byType(type)) {
      if (held.has(r.urn)) continue;
      const parsed = parsePolicyDocument(r.properties.policy);
      if (parsed.kind !== "ok") continue; // unreadable documents are reported by the resource rules
      const access = principalAccess([{ source: "policy document", document: parsed.document }]);
      out.push({ resource: r, access, reachesAi: aiServices.some((s) => access(s).length > 0) });
    }
  }
  return out;
}
