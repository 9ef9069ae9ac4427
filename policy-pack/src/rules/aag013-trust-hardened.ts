import { T } from "../model/resource";
import type { ResourceRule } from "../engine/types";
import { trustDocument, forEachDocument } from "../engine/documents";
import { coversAction } from "../iam/analysis";
import { describeStatement, type Statement } from "../iam/document";
import { parseArn } from "../iam/arn";
import { callerPinning, describeReasons } from "../iam/trust-conditions";
import { hasWildcard } from "../iam/patterns";
import type { RuleContext } from "../engine/types";

/** Keys that pin a caller for each kind of broad trust. */
const ANYONE_KEYS = ["aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:userid", "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "sts:externalid"];
const ROOT_KEYS = ["sts:externalid", "aws:principalarn", "aws:userid"];
const SERVICE_KEYS = ["aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths"];

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
        if (s.action.negated) {
          ctx.violation(`Statement[${n}]::NotAction`, `${at} is an Allow with NotAction ${JSON.stringify(s.action.values)}: it grants every other sts action, including the web-identity, SAML and tag-session flows; list the one action the principal needs.`, {
            property: "assumeRolePolicy",
          });
        }
        const unknownOnce = (what: string) => ctx.cannotValidate("assumeRolePolicy", `${at}: a condition that could pin ${what} is not known until apply.`);
        const webIdentityOnly = !["sts:AssumeRole", "sts:AssumeRoleWithSAML"].some((a) => coversAction(s, a));
        if (p.anyone && !webIdentityOnly) {
          const pin = callerPinning(s, ANYONE_KEYS);
          if (pin.unknown && !pin.pinned) unknownOnce("the caller");
          else if (!pin.pinned) {
            const what = s.conditions.length === 0 ? "with no condition" : `with conditions that do not pin the caller${describeReasons(pin)}`;
            ctx.violation(`Statement[${n}]::Principal::*`, `${at} trusts Principal "*" ${what}: any AWS identity in any account can assume the role.`, { property: "assumeRolePolicy" });
          }
        }
        for (const v of p.byType.get("AWS") ?? []) {
          const arn = parseArn(v);
          const root = /^\d{12}$/.test(v) || (arn !== undefined && arn.service === "iam" && arn.resource === "root");
          if (!root) continue;
          const pin = callerPinning(s, ROOT_KEYS);
          if (pin.unknown && !pin.pinned) unknownOnce(`the callers of ${v}`);
          else if (!pin.pinned) {
            ctx.violation(`Statement[${n}]::root-trust`, `${at} trusts account root ${v} without a pinning \`sts:ExternalId\` or \`aws:PrincipalArn\`${describeReasons(pin)}: any identity that account's admins allow can assume the role.`, {
              property: "assumeRolePolicy",
            });
          }
        }
        for (const svc of p.byType.get("Service") ?? []) {
          const lower = svc.toLowerCase();
          const pods = lower === "pods.eks.amazonaws.com";
          if (lower === "rolesanywhere.amazonaws.com") {
            judgeRolesAnywhere(ctx, s, at, n);
            continue;
          }
          if (!pods && !deputies.has(lower)) continue;
          const pin = callerPinning(s, SERVICE_KEYS);
          if (pin.unknown && !pin.pinned) unknownOnce(`the account ${svc} acts for`);
          else if (!pin.pinned) {
            const detail = pods
              ? `${at} trusts pods.eks.amazonaws.com without a pinning \`aws:SourceAccount\`${describeReasons(pin)}: EKS Pod Identity in any account could use the role.`
              : `${at} trusts ${svc} without a pinning \`aws:SourceAccount\` or \`aws:SourceArn\`${describeReasons(pin)} (confused deputy: another account's ${svc.split(".")[0]} resources can make the service assume it).`;
            ctx.violation(`Statement[${n}]::${lower}`, detail, { property: "assumeRolePolicy" });
          }
        }
        for (const f of p.byType.get("Federated") ?? []) {
          const arn = parseArn(f);
          if (arn?.service === "iam" && arn.resource.startsWith("saml-provider/")) judgeSaml(ctx, s, at, n, arn.resource.slice("saml-provider/".length));
        }
      }
    });
  },
};

/** A clause that requires a fixed value of `key` (exact operators, or a like operator with no wildcard). */
function fixedClause(s: Statement, test: (key: string) => boolean): "fixed" | "open" | "unknown" | "missing" {
  let seen: "open" | "unknown" | "missing" = "missing";
  for (const c of s.conditions) {
    if (!test(c.key)) continue;
    if (c.ifExists || c.setQualifier === "ForAllValues" || !["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"].includes(c.base)) {
      seen = "open";
      continue;
    }
    if (c.hasUnknown) {
      seen = "unknown";
      continue;
    }
    const like = c.base !== "stringequals" && c.base !== "stringequalsignorecase";
    if (c.values.length > 0 && (!like || c.values.every((v) => !hasWildcard(v)))) return "fixed";
    seen = "open";
  }
  return seen;
}

/** SAML trust must pin the audience (`SAML:aud`): otherwise an assertion for another service provider works. */
function judgeSaml(ctx: RuleContext, s: Statement, at: string, n: number, provider: string): void {
  const aud = fixedClause(s, (k) => k === "saml:aud");
  if (aud === "unknown") ctx.cannotValidate("assumeRolePolicy", `${at}: the \`SAML:aud\` condition is not known until apply.`);
  else if (aud !== "fixed") {
    ctx.violation(`Statement[${n}]::SAML:aud`, `${at} trusts SAML provider ${provider} without a fixed \`SAML:aud\` (StringEquals "https://signin.aws.amazon.com/saml"): an assertion the IdP issues for any other application is accepted.`, {
      property: "assumeRolePolicy",
    });
  }
}

/** Roles Anywhere trust must name the trust anchor or the certificate: otherwise any anchor's certificates work. */
function judgeRolesAnywhere(ctx: RuleContext, s: Statement, at: string, n: number): void {
  const anchor = callerPinning(s, ["aws:sourcearn", "aws:sourceaccount"]);
  const cert = fixedClause(s, (k) => k.startsWith("aws:principaltag/x509subject/") || k.startsWith("aws:principaltag/x509issuer/") || k.startsWith("aws:principaltag/x509san/"));
  if (anchor.pinned || cert === "fixed") return;
  if (anchor.unknown || cert === "unknown") {
    ctx.cannotValidate("assumeRolePolicy", `${at}: the trust-anchor or certificate condition is not known until apply.`);
    return;
  }
  ctx.violation(`Statement[${n}]::rolesanywhere.amazonaws.com`, `${at} trusts IAM Roles Anywhere without a pinning \`aws:SourceArn\` (the trust anchor) or a fixed \`aws:PrincipalTag/x509Subject/CN\`${describeReasons(anchor)}: a certificate from any trust anchor, in any account, can assume the role.`, {
    property: "assumeRolePolicy",
  });
}
