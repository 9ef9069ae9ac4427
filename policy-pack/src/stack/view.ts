/**
 * The stack-wide view: for every principal (role, user, group), everything that grants it access
 * (inline policies, role/user/group policies, attachments, managed policy ARNs, group membership),
 * its AI reach (which AI actions on which resources) and its entry points (who or what can assume
 * or use it). References are linked by URN, name, ARN or id as they appear in outputs; what cannot
 * be linked is listed as unresolved, never guessed.
 */
import { ATTACHMENTS, EXCLUSIVE_ATTACHMENTS, T, type ResourceModel } from "../model/resource";
import { asStringList, containsUnknown, isRecord, isUnknown, ownValue } from "../model/values";
import { parsePolicyDocument, describeStatement, type PolicyDocument, type Statement } from "../iam/document";
import { awsManagedPolicyName, parseArn } from "../iam/arn";
import { coversAction } from "../iam/analysis";
import { actionsOf } from "../iam/catalog";
import { NO_ACCESS, principalAccess, type AccessOf } from "../iam/principal-access";
import { aiServicesFrom } from "../engine/ai-scope";
import { lookupManagedPolicy } from "./managed-policies";
import { shownPart } from "../engine/secrets";

export type PrincipalKind = "role" | "user" | "group";

/** A document that grants a principal something, and where it came from. */
export interface Grant {
  /** e.g. `inline policy "ai" of role gha`, `RolePolicy "x"`, `AWS-managed AmazonBedrockFullAccess`. */
  readonly source: string;
  /** URN of the resource that holds or attaches the document. */
  readonly sourceUrn: string;
  readonly document?: PolicyDocument;
  /** Via group membership: the group's name. */
  readonly viaGroup?: string;
}

/** AI actions a statement grants, per service, and on which resources. */
export interface AiReach {
  readonly service: string;
  /** Catalog action ids (`bedrock:InvokeModel`), or all of the service when `allActions`. */
  readonly actions: readonly string[];
  readonly allActions: boolean;
  /** Resource element values (`*`, ARNs); `NotResource` entries are prefixed with `not `. */
  readonly resources: readonly string[];
  readonly conditionKeys: readonly string[];
  readonly source: string;
  readonly statement: string;
  readonly viaGroup?: string;
}

export type EntryPointKind =
  | "oidc"
  | "saml"
  | "service"
  | "aws-account"
  | "aws-principal"
  | "anyone"
  | "access-key"
  | "service-credential"
  | "console-login"
  | "eks-pod-identity"
  | "group-member"
  | "unknown";

export interface EntryPoint {
  readonly kind: EntryPointKind;
  /** Short label for maps: `GitHub repo:acme/app:ref:refs/heads/main`, `lambda.amazonaws.com`. */
  readonly label: string;
  /** The subject values / accounts / conditions that pin it, when any. */
  readonly detail?: string;
  readonly sourceUrn: string;
}

export interface PrincipalView {
  readonly kind: PrincipalKind;
  readonly urn: string;
  /** Logical (program) name. */
  readonly name: string;
  /** Physical name from outputs/inputs, when known. */
  readonly physicalName?: string;
  readonly arn?: string;
  readonly resource: ResourceModel;
  readonly grants: Grant[];
  readonly aiReach: AiReach[];
  readonly entryPoints: EntryPoint[];
  readonly tags: Readonly<Record<string, string>>;
  /** Actions it can use that AI-reaching rules care about, e.g. iam:PassRole. */
  readonly reachesAi: boolean;
  /** Its permissions boundary, when it has one. */
  readonly boundary?: Grant;
  /** Effective access per service: every grant together, minus explicit Deny, within the boundary. */
  readonly access: AccessOf;
}

export interface UnresolvedReference {
  readonly urn: string;
  readonly property: string;
  readonly reference: string;
  readonly why: string;
}

export interface StackView {
  readonly principals: PrincipalView[];
  readonly unresolved: UnresolvedReference[];
  readonly resources: readonly ResourceModel[];
  /** Finds the principal a reference (URN, logical name, physical name, ARN or id) points to. */
  resolve(kind: PrincipalKind, reference: string): PrincipalView | undefined;
  byType(type: string): ResourceModel[];
}

const KIND_OF: Record<string, PrincipalKind> = { [T.role]: "role", [T.user]: "user", [T.group]: "group" };

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined;
}

function tagsOf(r: ResourceModel): Record<string, string> {
  const t = r.properties.tags ?? r.properties.tagsAll;
  const out: Record<string, string> = {};
  if (isRecord(t)) for (const [k, v] of Object.entries(t)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Name of a role/user/group from an ARN (`arn:aws:iam::1:role/path/name` → `name`). */
function nameFromArn(arn: string): string | undefined {
  const a = parseArn(arn);
  if (!a || a.service !== "iam") return undefined;
  const parts = a.resource.split("/");
  return parts.length > 1 ? parts[parts.length - 1] : undefined;
}

export function buildStackView(resources: readonly ResourceModel[], config: Readonly<Record<string, unknown>> = {}): StackView {
  const services = aiServicesFrom(config);
  const byType = new Map<string, ResourceModel[]>();
  for (const r of resources) {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  const ofType = (t: string) => byType.get(t) ?? [];

  // Index principals by every reference form outputs use.
  const principals: Array<PrincipalView & { grants: Grant[]; entryPoints: EntryPoint[]; aiReach: AiReach[] }> = [];
  // Per kind, reference → principal. Nested maps (no `kind|ref` key strings built per lookup):
  // stack rules resolve references inside loops, and a fresh key string is hashed on every call.
  const index = new Map<PrincipalKind, Map<string, (typeof principals)[number]>>([
    ["role", new Map()],
    ["user", new Map()],
    ["group", new Map()],
  ]);
  for (const r of resources) {
    const kind = ownValue(KIND_OF, r.type);
    if (!kind) continue;
    const physicalName = str(r.properties.name);
    const arn = str(r.properties.arn);
    const p: PrincipalView & { grants: Grant[]; entryPoints: EntryPoint[]; aiReach: AiReach[] } = { kind, urn: r.urn, name: r.name, physicalName, arn, resource: r, grants: [], aiReach: [], entryPoints: [], tags: tagsOf(r), reachesAi: false, access: NO_ACCESS };
    principals.push(p);
    for (const ref of [r.urn, r.name, physicalName, arn, str(r.properties.id), str(r.properties.uniqueId)]) if (ref) index.get(kind)!.set(ref, p);
  }
  // ARNs not indexed as such fall back to the name inside them; the fallback is memoised per kind.
  const byArnName = new Map<PrincipalKind, Map<string, (typeof principals)[number] | undefined>>([
    ["role", new Map()],
    ["user", new Map()],
    ["group", new Map()],
  ]);
  const resolve = (kind: PrincipalKind, ref: string) => {
    const refs = index.get(kind);
    if (!refs) return undefined;
    const direct = refs.get(ref);
    if (direct !== undefined || !ref.startsWith("arn:")) return direct;
    const memo = byArnName.get(kind)!;
    if (memo.has(ref)) return memo.get(ref);
    const viaName = refs.get(nameFromArn(ref) ?? "");
    memo.set(ref, viaName);
    return viaName;
  };
  const unresolved: UnresolvedReference[] = [];
  const note = (urn: string, property: string, reference: string, why: string) => unresolved.push({ urn, property, reference: isUnknown(reference) ? "(unknown until apply)" : reference, why });

  // Customer-managed policies by ARN/name/URN.
  const policies = new Map<string, ResourceModel>();
  for (const p of ofType(T.policy)) for (const ref of [p.urn, p.name, str(p.properties.arn), str(p.properties.id), str(p.properties.name)]) if (ref) policies.set(ref, p);

  /** The grant a policy ARN stands for (AWS-managed by its real document), noting what cannot be read. */
  const grantFor = (arn: string, via: ResourceModel, property: string): Grant | undefined => {
    if (isUnknown(arn) || containsUnknown(arn)) {
      note(via.urn, property, arn, "the policy ARN is not known until apply");
      return undefined;
    }
    const managed = awsManagedPolicyName(arn);
    if (managed) {
      const found = lookupManagedPolicy(arn);
      if (found.kind === "found") {
        const parsed = parsePolicyDocument(found.policy.document);
        return { source: `AWS-managed ${found.policy.name}`, sourceUrn: via.urn, document: parsed.kind === "ok" ? parsed.document : undefined };
      }
      const shown = shownPart(arn, managed);
      note(via.urn, property, arn, found.kind === "unavailable" ? `AWS-managed policy ${shown}: ${found.reason}` : `AWS-managed policy ${shown} is not in the managed-policy catalog (new, retired or misspelt)`);
      return { source: `AWS-managed ${managed}`, sourceUrn: via.urn };
    }
    const pol = policies.get(arn);
    if (!pol) {
      note(via.urn, property, arn, "customer-managed policy not defined in this stack (another stack or the console)");
      return { source: `policy ${arn}`, sourceUrn: via.urn };
    }
    const parsed = parsePolicyDocument(pol.properties.policy);
    if (parsed.kind !== "ok") note(pol.urn, "policy", "(document)", `policy document ${parsed.kind === "unknown" ? "not known until apply" : "cannot be parsed"}`);
    return { source: `Policy "${pol.name}"`, sourceUrn: pol.urn, document: parsed.kind === "ok" ? parsed.document : undefined };
  };
  const grantPolicyArn = (target: (typeof principals)[number], arn: string, via: ResourceModel, property: string) => {
    const g = grantFor(arn, via, property);
    if (g) target.grants.push(g);
  };

  const attachTo = (kind: PrincipalKind, ref: unknown, via: ResourceModel, property: string, grant: (p: (typeof principals)[number]) => void) => {
    for (const r of asStringList(ref).values.concat(isUnknown(ref) ? [String(ref)] : [])) {
      if (isUnknown(r)) {
        note(via.urn, property, r, `the ${kind} is not known until apply`);
        continue;
      }
      const p = resolve(kind, r);
      if (p) grant(p);
      else note(via.urn, property, r, `${kind} not defined in this stack`);
    }
  };

  // 1. Inline policies on the principal itself.
  for (const p of principals) {
    const inline = p.resource.properties.inlinePolicies;
    if (Array.isArray(inline)) {
      inline.forEach((e, i) => {
        if (!isRecord(e) || e.policy === undefined || e.policy === "") return;
        const parsed = parsePolicyDocument(e.policy);
        p.grants.push({ source: `inline policy "${str(e.name) ?? `#${i + 1}`}"`, sourceUrn: p.urn, document: parsed.kind === "ok" ? parsed.document : undefined });
      });
    }
    for (const arn of asStringList(p.resource.properties.managedPolicyArns).values) grantPolicyArn(p, arn, p.resource, "managedPolicyArns");
  }
  // 2. Role/user/group policies.
  for (const [type, kind, prop] of [
    [T.rolePolicy, "role", "role"],
    [T.userPolicy, "user", "user"],
    [T.groupPolicy, "group", "group"],
  ] as const) {
    for (const r of ofType(type)) {
      const parsed = parsePolicyDocument(r.properties.policy);
      attachTo(kind, r.properties[prop], r, prop, (p) => p.grants.push({ source: `${type.split(":").pop()} "${r.name}"`, sourceUrn: r.urn, document: parsed.kind === "ok" ? parsed.document : undefined }));
    }
  }
  // 3. Attachments.
  for (const a of ATTACHMENTS) {
    for (const r of ofType(a.type)) {
      const arn = r.properties.policyArn;
      for (const prop of a.principalProps) {
        const kind = (prop.endsWith("s") ? prop.slice(0, -1) : prop) as PrincipalKind;
        attachTo(kind, r.properties[prop], r, prop, (p) => grantPolicyArn(p, String(arn), r, "policyArn"));
      }
    }
  }
  // 3b. Exclusive attachment sets: every ARN in the list is attached to the named principal.
  for (const a of EXCLUSIVE_ATTACHMENTS) {
    for (const r of ofType(a.type)) {
      const arns = asStringList(r.properties.policyArns);
      if (arns.unknown) note(r.urn, "policyArns", String(r.properties.policyArns), "the policy ARNs are not known until apply");
      attachTo(a.kind, r.properties[a.principalProp], r, a.principalProp, (p) => {
        for (const arn of arns.values) grantPolicyArn(p, arn, r, "policyArns");
      });
    }
  }
  // 4. Group membership: users inherit their groups' grants.
  const memberships: Array<{ user: (typeof principals)[number]; group: (typeof principals)[number] }> = [];
  for (const r of ofType(T.groupMembership)) {
    const group = str(r.properties.group);
    const g = group ? resolve("group", group) : undefined;
    if (!g) {
      note(r.urn, "group", String(r.properties.group ?? ""), "group not defined in this stack");
      continue;
    }
    attachTo("user", r.properties.users, r, "users", (u) => memberships.push({ user: u, group: g }));
  }
  for (const r of ofType(T.userGroupMembership)) {
    const user = str(r.properties.user);
    const u = user ? resolve("user", user) : undefined;
    if (!u) {
      note(r.urn, "user", String(r.properties.user ?? ""), "user not defined in this stack");
      continue;
    }
    attachTo("group", r.properties.groups, r, "groups", (g) => memberships.push({ user: u, group: g }));
  }
  for (const { user, group } of memberships) {
    for (const g of group.grants) user.grants.push({ ...g, viaGroup: group.physicalName ?? group.name });
    group.entryPoints.push({ kind: "group-member", label: `user ${user.physicalName ?? user.name}`, sourceUrn: user.urn });
  }

  // 5. Effective access (every grant together, minus explicit Deny, within the boundary) and AI reach.
  for (const p of principals) {
    const pb = p.resource.properties.permissionsBoundary;
    let boundary: Grant | undefined;
    if (typeof pb === "string" && pb !== "") boundary = grantFor(pb, p.resource, "permissionsBoundary");
    else if (pb !== undefined && pb !== null && pb !== "") note(p.urn, "permissionsBoundary", String(pb), "the permissions boundary is not known until apply");
    const access = principalAccess(p.grants, boundary?.document ? [boundary] : undefined);
    Object.assign(p, { boundary, access });
    p.aiReach.push(...aiReachOf(access, services));
    (p as { reachesAi: boolean }).reachesAi = p.aiReach.length > 0;
  }

  // 6. Entry points.
  for (const p of principals) {
    if (p.kind === "role") p.entryPoints.push(...trustEntryPoints(p.resource));
  }
  for (const k of ofType(T.accessKey)) attachTo("user", k.properties.user, k, "user", (u) => u.entryPoints.push({ kind: "access-key", label: "IAM access key", detail: k.name, sourceUrn: k.urn }));
  for (const c of ofType(T.serviceSpecificCredential)) {
    attachTo("user", c.properties.userName, c, "userName", (u) =>
      u.entryPoints.push({ kind: "service-credential", label: `${str(c.properties.serviceName) ?? "service"} credential`, detail: c.name, sourceUrn: c.urn }),
    );
  }
  for (const l of ofType("aws:iam/userLoginProfile:UserLoginProfile")) attachTo("user", l.properties.user, l, "user", (u) => u.entryPoints.push({ kind: "console-login", label: "console password", sourceUrn: l.urn }));
  for (const a of ofType(T.podIdentityAssociation)) {
    attachTo("role", a.properties.roleArn, a, "roleArn", (r) =>
      r.entryPoints.push({
        kind: "eks-pod-identity",
        label: `EKS pod identity ${str(a.properties.namespace) ?? "?"}/${str(a.properties.serviceAccount) ?? "?"}`,
        detail: str(a.properties.clusterName),
        sourceUrn: a.urn,
      }),
    );
  }

  return {
    principals,
    unresolved,
    resources,
    resolve,
    byType: ofType,
  };
}

/** AI reach per granting statement and service, from effective access. */
function aiReachOf(access: AccessOf, services: readonly string[]): AiReach[] {
  const out: AiReach[] = [];
  for (const service of services) {
    // Entries by source, then statement (one parsed statement may be attached under several sources),
    // in order of first appearance. Object keys: a principal with `*` has an entry per catalog action.
    const bySource = new Map<string, Map<Statement, ReturnType<AccessOf>[number][]>>();
    for (const e of access(service)) {
      let byStatement = bySource.get(e.source);
      if (!byStatement) bySource.set(e.source, (byStatement = new Map()));
      const list = byStatement.get(e.statement);
      if (list) list.push(e);
      else byStatement.set(e.statement, [e]);
    }
    const total = actionsOf(service)?.length ?? -1;
    for (const entries of [...bySource.values()].flatMap((m) => [...m.values()])) {
      const first = entries[0];
      const ids = [...new Set(entries.map((e) => e.action.id))];
      const all = ids.length === total;
      const resources = new Set<string>();
      let last: readonly string[] | undefined;
      for (const e of entries) {
        // Most entries of a statement share its Resource list: add each list once.
        if (!e.except && e.resources === last) continue;
        last = e.except ? undefined : e.resources;
        for (const r of e.except ? e.except.map((x) => `not ${x}`) : e.resources) resources.add(r);
      }
      const via = first.source.match(/ via group (.*)$/);
      out.push({
        service,
        actions: all ? [`${service}:*`] : ids,
        allActions: all,
        resources: [...resources],
        conditionKeys: first.conditions.map((c) => c.keyAsWritten),
        source: via ? first.source.slice(0, via.index) : first.source,
        statement: describeStatement(first.statement),
        viaGroup: via ? via[1] : undefined,
      });
    }
  }
  return out;
}

/** Who can assume a role, read from its trust policy. */
export function trustEntryPoints(role: ResourceModel): EntryPoint[] {
  const parsed = parsePolicyDocument(role.properties.assumeRolePolicy);
  if (parsed.kind !== "ok") return [{ kind: "unknown", label: "trust policy not readable", detail: parsed.reason, sourceUrn: role.urn }];
  const out: EntryPoint[] = [];
  for (const s of parsed.document.statements) {
    if (s.effect !== "Allow" || !s.principal || s.principal.negated) continue;
    if (!coversAnyAssume(s)) continue;
    const conds = s.conditions.map((c) => `${c.keyAsWritten} ${c.operator} ${c.values.join("|")}`).join("; ");
    if (s.principal.anyone) out.push({ kind: "anyone", label: "anyone (Principal *)", detail: conds || undefined, sourceUrn: role.urn });
    for (const [type, values] of s.principal.byType) {
      for (const v of values) {
        if (type === "Federated") {
          const arn = parseArn(v);
          if (arn?.resource.startsWith("saml-provider/")) out.push({ kind: "saml", label: `SAML ${arn.resource.slice(13)}`, sourceUrn: role.urn });
          else {
            const issuer = arn ? arn.resource.replace(/^oidc-provider\//, "") : v;
            const subs = s.conditions.filter((c) => c.key.endsWith(":sub")).flatMap((c) => c.values);
            out.push({ kind: "oidc", label: `${labelIssuer(issuer)} ${subs.length ? subs.join(", ") : "(any subject)"}`, detail: conds || undefined, sourceUrn: role.urn });
          }
        } else if (type === "Service") out.push({ kind: "service", label: v, detail: conds || undefined, sourceUrn: role.urn });
        else if (type === "AWS") {
          const arn = parseArn(v);
          const isAccount = /^\d{12}$/.test(v) || (arn !== undefined && arn.resource === "root");
          out.push({ kind: v === "*" ? "anyone" : isAccount ? "aws-account" : "aws-principal", label: v, detail: conds || undefined, sourceUrn: role.urn });
        }
      }
    }
    if (s.principal.hasUnknown) out.push({ kind: "unknown", label: "principal not known until apply", sourceUrn: role.urn });
  }
  return out;
}

function coversAnyAssume(s: Statement): boolean {
  return ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"].some((a) => coversAction(s, a));
}

function labelIssuer(issuer: string): string {
  if (issuer.startsWith("token.actions.githubusercontent.com")) return "GitHub";
  if (issuer.includes("gitlab")) return "GitLab";
  if (issuer.includes("oidc.eks.")) return "EKS IRSA";
  return issuer;
}
