import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { trustDocument, forEachDocument } from "../engine/documents";
import { coversAction } from "../iam/analysis";
import { describeStatement, type Statement } from "../iam/document";
import { parseArn } from "../iam/arn";

/** A condition that actually restricts (not negated-only, not IfExists, not Null). */
function restricting(s: Statement, keys?: string[]): boolean {
  return s.conditions.some((c) => !c.ifExists && c.base !== "null" && !c.base.includes("not") && (!keys || keys.includes(c.key)));
}

const ASSUME = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"];

export const DEFAULT_CONFUSED_DEPUTY_SERVICES = ["bedrock.amazonaws.com", "bedrock-agentcore.amazonaws.com"];

export const trustHardened: ResourceRule = {
  kind: "resource",
  id: "AAG-013",
  name: "trust-hardened",
  title: "Role trust names who may assume it and pins service and account trust",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI6", "NHI9"], owaspAgentic: ["ASI03", "ASI07"], nistCsf: ["PR.AA-03", "PR.AA-05"], nistAiRmf: ["MEASURE 2.7", "MAP 4.2"] },
  why:
    "`Principal: \"*\"` without conditions lets any AWS account assume the role. Trusting an account root " +
    "delegates the decision to every admin of that account. Service trust for pods.eks.amazonaws.com or " +
    "bedrock.amazonaws.com without aws:SourceAccount/aws:SourceArn is a confused deputy: another " +
    "account's cluster or agent can make the service assume your role.",
  fix:
    "Name the principals. For account trust add `sts:ExternalId` or an `aws:PrincipalArn` condition; " +
    "for pods.eks.amazonaws.com add `aws:SourceAccount` (EksPodIdentityRole does, plus cluster/namespace " +
    "tags); for bedrock.amazonaws.com add `aws:SourceAccount` and `aws:SourceArn` of the agent or job.",
  appliesTo: [T.role],
  config: {
    confusedDeputyServices: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_CONFUSED_DEPUTY_SERVICES,
      description: "Service principals whose trust must be scoped by aws:SourceAccount or aws:SourceArn (pods.eks.amazonaws.com is always checked).",
    },
  },
  check(resource, ctx) {
    const trust = trustDocument(resource);
    if (!trust) return;
    const deputies = new Set(((ctx.config.confusedDeputyServices as string[]) ?? DEFAULT_CONFUSED_DEPUTY_SERVICES).map((s) => s.toLowerCase()));
    forEachDocument([trust], ctx, (doc) => {
      for (const s of doc.statements) {
        if (s.effect !== "Allow" || !ASSUME.some((a) => coversAction(s, a))) continue;
        const at = `trust policy ${describeStatement(s)}`;
        const n = s.index + 1;
        const p = s.principal;
        if (!p) continue;
        if (p.negated) {
          ctx.violation(`Statement[${n}]::NotPrincipal`, `${at} is an Allow with NotPrincipal: everyone except the listed principals may assume the role.`, { property: "assumeRolePolicy" });
          continue;
        }
        const webIdentityOnly = !["sts:AssumeRole", "sts:AssumeRoleWithSAML"].some((a) => coversAction(s, a));
        if (p.anyone && !webIdentityOnly && !restricting(s)) {
          ctx.violation(`Statement[${n}]::Principal::*`, `${at} trusts Principal "*" with no condition: any AWS identity in any account can assume the role.`, { property: "assumeRolePolicy" });
        }
        for (const v of p.byType.get("AWS") ?? []) {
          const arn = parseArn(v);
          const root = /^\d{12}$/.test(v) || (arn !== undefined && arn.service === "iam" && arn.resource === "root");
          if (root && !restricting(s, ["sts:externalid", "aws:principalarn"])) {
            ctx.violation(`Statement[${n}]::root-trust`, `${at} trusts account root ${v} without \`sts:ExternalId\` or \`aws:PrincipalArn\`: any identity that account's admins allow can assume the role.`, {
              property: "assumeRolePolicy",
            });
          }
        }
        for (const svc of p.byType.get("Service") ?? []) {
          const lower = svc.toLowerCase();
          if (lower === "pods.eks.amazonaws.com") {
            if (!restricting(s, ["aws:sourceaccount", "aws:sourcearn"])) {
              ctx.violation(`Statement[${n}]::pods.eks.amazonaws.com`, `${at} trusts pods.eks.amazonaws.com without \`aws:SourceAccount\`: EKS Pod Identity in any account could use the role.`, {
                property: "assumeRolePolicy",
              });
            }
          } else if (deputies.has(lower) && !restricting(s, ["aws:sourceaccount", "aws:sourcearn"])) {
            ctx.violation(`Statement[${n}]::${lower}`, `${at} trusts ${svc} without \`aws:SourceAccount\` or \`aws:SourceArn\` (confused deputy).`, { property: "assumeRolePolicy" });
          }
        }
      }
    });
  },
};
