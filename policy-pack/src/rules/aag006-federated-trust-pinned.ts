import { T } from "../model/resource";
import type { ResourceRule, RuleContext } from "../engine/types";
import { identityDocuments, trustDocument, forEachDocument } from "../engine/documents";
import { aiServicesFrom } from "../engine/ai-scope";
import { effectiveAccess } from "../iam/effective";
import { coversAction } from "../iam/analysis";
import { describeStatement, type ConditionClause, type Statement } from "../iam/document";
import { parseArn } from "../iam/arn";
import { hasWildcard } from "../iam/patterns";
import { containsUnknown } from "../model/values";
import { redact } from "../engine/secrets";

type IssuerKind = "github" | "gitlab" | "kubernetes" | "cognito" | "terraform" | "buildkite" | "google" | "generic";

/** Operators that pin a claim to the listed values (negations and Null do not). */
const PINNING = new Set(["stringequals", "stringequalsignorecase", "stringlike"]);

/** `arn:…:oidc-provider/token.actions.githubusercontent.com` or a bare host → issuer, lower case. */
export function issuerOf(federated: string): string | undefined {
  if (containsUnknown(federated)) return undefined;
  const arn = parseArn(federated);
  if (arn) {
    if (arn.service !== "iam" || !arn.resource.startsWith("oidc-provider/")) return undefined;
    return arn.resource.slice("oidc-provider/".length).toLowerCase();
  }
  // SAML providers are ARNs; bare hosts (accounts.google.com, cognito-identity.amazonaws.com) are OIDC.
  return federated.toLowerCase();
}

export function issuerKind(issuer: string | undefined, subValues: string[]): IssuerKind {
  const i = issuer ?? "";
  if (i.startsWith("token.actions.githubusercontent.com") || subValues.some((v) => v.startsWith("repo:"))) return "github";
  if (i.includes("gitlab") || subValues.some((v) => v.startsWith("project_path:"))) return "gitlab";
  if (i.includes("oidc.eks.") || /\/id\/[0-9a-f]+$/i.test(i) || subValues.some((v) => v.startsWith("system:serviceaccount:"))) return "kubernetes";
  if (i === "cognito-identity.amazonaws.com") return "cognito";
  // Shared issuers: one issuer signs for every customer, and the tenant is the first part of `sub`.
  if (i === "app.terraform.io" || i.startsWith("app.terraform.io/")) return "terraform";
  if (i === "agent.buildkite.com") return "buildkite";
  if (i === "accounts.google.com") return "google";
  if (subValues.some((v) => v.startsWith("organization:") && v.includes(":workspace:"))) return "terraform";
  return "generic";
}

export type SubjectVerdict = { level: "ok" } | { level: "violation" | "advisory"; reason: string };

/** Judges one `sub` value written under a wildcard-capable operator (StringLike). */
export function judgeSubject(value: string, kind: IssuerKind): SubjectVerdict {
  if (!hasWildcard(value)) return { level: "ok" };
  // A fragment of a value that holds something key-like could carry part of the key past redaction.
  const clean = redact(value) === value;
  const named = (fragment: string) => (clean ? ` "${fragment}"` : "");
  if (/^[*?]+$/.test(value)) return { level: "violation", reason: "matches every subject the issuer signs" };
  const parts = value.split(":");
  switch (kind) {
    case "github": {
      // repo:OWNER[@ID]/REPO[@ID]:<ref|environment|pull_request|…>
      if (parts[0] !== "repo" || parts.length < 2) return { level: "violation", reason: "does not start with a fixed `repo:OWNER/REPO`, so any repository on GitHub can match" };
      const [owner, repo] = (parts[1] ?? "").split("/");
      if (!owner || hasWildcard(owner) || repo === undefined) return { level: "violation", reason: "leaves the repository owner open: any GitHub user or organisation can create a matching repository" };
      if (hasWildcard(repo)) return { level: "advisory", reason: `admits every repository of${named(owner.split("@")[0]) || " the owner"} (organisation-wide trust)` };
      return { level: "advisory", reason: "admits any branch, tag, environment or pull request of the repository; pin `ref:refs/heads/<branch>` or `environment:<name>`" };
    }
    case "gitlab": {
      // project_path:GROUP/PROJECT:ref_type:branch:ref:main
      if (parts[0] !== "project_path" || parts.length < 2) return { level: "violation", reason: "does not start with a fixed `project_path:GROUP/PROJECT`, so any GitLab project can match" };
      const path = parts[1] ?? "";
      const top = path.split("/")[0];
      if (!top || hasWildcard(top)) return { level: "violation", reason: "leaves the top-level group open: any GitLab namespace can match" };
      if (hasWildcard(path)) return { level: "advisory", reason: `admits every project under${named(top) || " the group"} (group-wide trust)` };
      return { level: "advisory", reason: "admits any ref of the project; pin `ref_type:branch:ref:<branch>`" };
    }
    case "kubernetes": {
      // system:serviceaccount:NAMESPACE:SERVICEACCOUNT
      if (parts[0] !== "system" || parts[1] !== "serviceaccount") return { level: "violation", reason: "does not start with `system:serviceaccount:`, so any Kubernetes subject can match" };
      const ns = parts[2] ?? "";
      if (!ns || hasWildcard(ns)) return { level: "violation", reason: "leaves the namespace open: anyone who can create a namespace and service account can assume the role" };
      return { level: "advisory", reason: `admits every service account in${named(ns) ? ` namespace${named(ns)}` : " the namespace"}` };
    }
    case "terraform":
    case "buildkite": {
      // HCP Terraform: organization:ORG:project:PROJECT:workspace:WS:run_phase:PHASE;
      // Buildkite: organization:ORG:pipeline:PIPELINE:ref:REF:…
      if (parts[0] !== "organization" || parts.length < 2) return { level: "violation", reason: `does not start with a fixed \`organization:ORG\`, so any ${kind === "terraform" ? "HCP Terraform" : "Buildkite"} organisation can match` };
      const org = parts[1] ?? "";
      if (!org || hasWildcard(org)) return { level: "violation", reason: `leaves the organisation open: anyone can create a ${kind === "terraform" ? "HCP Terraform" : "Buildkite"} organisation whose runs match` };
      return { level: "advisory", reason: `admits every ${kind === "terraform" ? "project, workspace or run phase" : "pipeline or ref"} of${named(org) || " the organisation"} that the wildcard matches; pin them` };
    }
    case "google":
      return { level: "violation", reason: "lets any Google account whose numeric id matches assume the role (accounts.google.com signs for everyone)" };
    default:
      return { level: "advisory", reason: "uses a wildcard whose reach cannot be judged for this issuer" };
  }
}

function claimClauses(stmt: Statement, issuer: string | undefined, claim: string): ConditionClause[] {
  return stmt.conditions.filter((c) => (issuer ? c.key === `${issuer}:${claim}` : c.key.endsWith(`:${claim}`)));
}

export const federatedTrustPinned: ResourceRule = {
  kind: "resource",
  id: "AAG-006",
  name: "federated-trust-pinned",
  title: "Federated (OIDC) trust is pinned by audience and subject",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI6", "NHI4"], owaspAgentic: ["ASI03"], nistCsf: ["PR.AA-03", "PR.AA-05"], nistAiRmf: ["MEASURE 2.7", "MAP 4.2"] },
  why:
    "A web-identity trust without a pinned `sub` accepts any token the issuer signs. For GitHub or " +
    "GitLab that means any repository on the platform, including one an attacker creates in a minute; " +
    "for EKS it means any service account in the cluster. Without `aud`, tokens minted for other " +
    "services are accepted too.",
  fix:
    "Add `StringEquals` conditions on `<issuer>:aud` (sts.amazonaws.com) and `<issuer>:sub` with exact " +
    "subjects: `repo:OWNER/REPO:ref:refs/heads/main` or `repo:OWNER/REPO:environment:prod` (GitHub), " +
    "`project_path:GROUP/PROJECT:ref_type:branch:ref:main` (GitLab), `system:serviceaccount:NS:SA` (EKS). " +
    "GithubActionsRole, GitlabCiRole, EksIrsaRole and OidcRole build these and refuse to build without a subject.",
  appliesTo: [T.role],
  check(resource, ctx) {
    const trust = trustDocument(resource);
    if (!trust) return;
    // A guest (unauthenticated) Cognito role is mandatory when the role's own policies reach AI.
    // Asked only for a Cognito guest role (most roles trust no web identity).
    let reach: boolean | undefined;
    const reachesAi = (): boolean => {
      if (reach === undefined) {
        const own = identityDocuments(resource).flatMap((d) => (d.parsed.kind === "ok" ? [{ label: d.label, document: d.parsed.document }] : []));
        reach = aiServicesFrom(ctx.config).some((svc) => effectiveAccess(own, svc).length > 0);
      }
      return reach;
    };
    forEachDocument([trust], ctx, (doc) => {
      for (const stmt of doc.statements) {
        // NotAction is judged here too: `NotAction: "sts:AssumeRole"` still admits web identities.
        if (stmt.effect !== "Allow" || !coversAction(stmt, "sts:AssumeRoleWithWebIdentity")) continue;
        const p = stmt.principal;
        if (!p || p.negated) continue;
        const federated = p.byType.get("Federated") ?? [];
        const issuers: Array<string | undefined> = [];
        if (p.anyone) issuers.push(undefined);
        for (const f of federated) {
          if (containsUnknown(f)) issuers.push(undefined);
          else {
            const arn = parseArn(f);
            if (arn && !arn.resource.startsWith("oidc-provider/")) continue; // SAML: another flow
            issuers.push(issuerOf(f));
          }
        }
        if (p.hasUnknown && federated.length === 0 && !p.anyone) issuers.push(undefined);
        if (issuers.length === 0) continue;
        const at = `trust policy ${describeStatement(stmt)}`;
        if (p.hasUnknown || issuers.includes(undefined)) {
          ctx.cannotValidate("assumeRolePolicy", `${at}: the federated principal is not known until apply, so condition keys are matched on any issuer.`);
        }
        // Issuers compare lower-case (condition keys are case-insensitive) but are shown as written:
    // lower-casing text for display would defeat the redaction of anything key-like inside it.
    const shown = new Map<string | undefined, string | undefined>();
    for (const f of federated) {
      const i = containsUnknown(f) ? undefined : issuerOf(f);
      if (i !== undefined && !shown.has(i)) shown.set(i, displayIssuer(f));
    }
    for (const issuer of new Set(issuers)) judgeIssuer(ctx, stmt, issuer, at, shown.get(issuer), reachesAi);
      }
    });
  },
};

function displayIssuer(federated: string): string {
  const arn = parseArn(federated);
  return arn && arn.resource.startsWith("oidc-provider/") ? arn.resource.slice("oidc-provider/".length) : federated;
}

function judgeIssuer(ctx: RuleContext, stmt: Statement, issuer: string | undefined, at: string, shownAs: string | undefined, reachesAi: () => boolean): void {
  const label = shownAs ?? issuer ?? "any issuer";
  const n = stmt.index + 1;
  const aud = claimClauses(stmt, issuer, "aud").filter((c) => PINNING.has(c.base) && !c.ifExists);
  if (aud.length === 0) {
    ctx.violation(`Statement[${n}]::aud`, `${at} lets tokens from ${label} assume the role without an \`aud\` condition, so tokens minted for any audience are accepted.`, { property: "assumeRolePolicy" });
  } else if (aud.some((c) => c.base === "stringlike" && c.values.some((v) => /^[*?]+$/.test(v)))) {
    ctx.violation(`Statement[${n}]::aud`, `${at} matches \`aud\` with a bare wildcard, which accepts any audience.`, { property: "assumeRolePolicy" });
  }

  const allSub = claimClauses(stmt, issuer, "sub");
  const subValues = allSub.flatMap((c) => c.values);
  const kind = issuerKind(issuer, subValues);
  if (kind === "cognito") {
    judgeCognitoGuest(ctx, stmt, issuer, at, n, reachesAi);
    if (allSub.length === 0) return; // identity ids are optional for Cognito; `aud` (the pool) and `amr` decide
  }
  const usable = allSub.filter((c) => PINNING.has(c.base));
  for (const c of usable) {
    if (c.ifExists) ctx.violation(`Statement[${n}]::sub`, `${at} uses ${c.operator} on \`${c.keyAsWritten}\`: a token without the claim passes.`, { property: "assumeRolePolicy" });
    else if (c.setQualifier === "ForAllValues") ctx.violation(`Statement[${n}]::sub`, `${at} uses ${c.operator} on \`${c.keyAsWritten}\`: ForAllValues is true when the claim is absent; use StringEquals.`, { property: "assumeRolePolicy" });
  }
  const pinning = usable.filter((c) => !c.ifExists && c.setQualifier !== "ForAllValues");
  if (pinning.length === 0) {
    const negatedOnly = allSub.length > 0 ? " (only negated or non-matching operators are used)" : "";
    ctx.violation(`Statement[${n}]::sub`, `${at} lets any identity that ${label} signs a token for assume the role: no \`sub\` condition${negatedOnly}.`, { property: "assumeRolePolicy" });
    return;
  }
  for (const c of pinning) {
    if (c.hasUnknown) ctx.cannotValidate("assumeRolePolicy", `${at}: some \`${c.keyAsWritten}\` values are not known until apply.`);
    for (const value of c.values) {
      if (containsUnknown(value)) {
        ctx.cannotValidate("assumeRolePolicy", `${at}: a \`${c.keyAsWritten}\` value is not known until apply.`);
        continue;
      }
      // StringEquals compares literally: `*` there matches only a literal `*`, never a real token.
      if (c.base !== "stringlike") continue;
      const verdict = judgeSubject(value, kind);
      if (verdict.level === "ok") continue;
      ctx.violation(`Sub::${value}`, `${at} trusts \`${c.keyAsWritten}\` "${value}", which ${verdict.reason}.`, {
        property: "assumeRolePolicy",
        advisoryOnly: verdict.level === "advisory",
      });
    }
  }
}

/**
 * Cognito identity pools hand guest (unauthenticated) credentials to anyone who asks. The role
 * admits guests unless `amr` is required to be `authenticated` (ForAnyValue:StringLike, the form
 * AWS documents; a negation or ForAllValues test does not exclude guests).
 */
function judgeCognitoGuest(ctx: RuleContext, stmt: Statement, issuer: string | undefined, at: string, n: number, reachesAi: () => boolean): void {
  const amr = claimClauses(stmt, issuer, "amr");
  const authenticatedOnly = amr.some(
    (c) =>
      PINNING.has(c.base) &&
      !c.ifExists &&
      c.setQualifier !== "ForAllValues" &&
      !c.hasUnknown &&
      c.values.length > 0 &&
      c.values.every((v) => v.toLowerCase() === "authenticated" || (c.base !== "stringlike" && !v.toLowerCase().includes("unauthenticated") && !hasWildcard(v) && v.includes(":"))),
  );
  if (authenticatedOnly) return;
  if (amr.some((c) => c.hasUnknown)) {
    ctx.cannotValidate("assumeRolePolicy", `${at}: the \`amr\` condition is not known until apply.`);
    return;
  }
  const guest = amr.length === 0 ? "has no `amr` condition, so it admits the pool's guest (unauthenticated) identities" : "lets `amr` match `unauthenticated`: it is the pool's guest role";
  const ai = reachesAi();
  ctx.violation(`Statement[${n}]::amr`, `${at} ${guest}; anyone on the internet can get its credentials${ai ? " and call AI services with them" : ""}.`, {
    property: "assumeRolePolicy",
    advisoryOnly: !ai,
  });
}
