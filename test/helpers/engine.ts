import { ALL_RULES, RESOURCE_RULES, resolveConfig, evaluateResource, type JudgedFinding, type ResourceModel } from "../../policy-pack/src";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function resource(type: string, properties: Record<string, unknown>, name = "subject"): ResourceModel {
  return { type, name, urn: `urn:pulumi:dev::proj::${type}::${name}`, properties, source: "pulumi" };
}

/** Findings of one rule for one resource, with the pack's default configuration unless given. */
export function findings(ruleId: string, r: ResourceModel, config: Record<string, unknown> = {}, now = new Date("2026-11-28T00:00:00Z")): JudgedFinding[] {
  const rules = RESOURCE_RULES.filter((x) => x.id === ruleId);
  if (rules.length !== 1) throw new Error(`no rule ${ruleId}`);
  return evaluateResource(r, rules, resolveConfig(ALL_RULES, config), now);
}

export const violations = (fs: JudgedFinding[]) => fs.filter((f) => f.kind === "violation");
export const cannotValidate = (fs: JudgedFinding[]) => fs.filter((f) => f.kind === "cannot-validate");

export function doc(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const MODEL_ARN = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0";
export const GITHUB_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
export const GITLAB_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/gitlab.example.com";
export const EKS_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";

/** A web-identity trust statement for `provider` with the given Condition block. */
export function oidcTrust(provider: string, condition: Record<string, unknown> | undefined, action: unknown = "sts:AssumeRoleWithWebIdentity"): string {
  return doc({ Effect: "Allow", Principal: { Federated: provider }, Action: action, ...(condition ? { Condition: condition } : {}) });
}
