/** Break-glass role documents (pure): humans only, MFA required, and an explicit deny of AI data-plane actions. */
import { fail, quote } from "../common/errors";
import { parseArn } from "../common/arn";
import { oneOrMany, policyDocument, uniq, type PolicyDocument } from "../common/documents";
import { DEFAULT_DATA_PLANE_ACTIONS } from "../../policy-pack/src/engine/ai-scope";

export const DEFAULT_MFA_MAX_AGE_SECONDS = 900;

/**
 * AI data-plane actions a break-glass role must never perform (also denied if an admin policy is
 * attached): the policy pack's own definition, so the role and the rule that judges it agree.
 */
export const AI_DATA_PLANE_DENY: readonly string[] = DEFAULT_DATA_PLANE_ACTIONS;

/** Named human principals: IAM users (or roles humans sign in to). Never `*`, an account root or a service. */
export function checkHumanPrincipals(subject: string, principals: readonly string[]): string[] {
  if (principals.length === 0) fail(subject, "principals is empty; name the IAM users (or human sign-in roles) allowed to break the glass");
  for (const p of principals) {
    const a = parseArn(p);
    if (p === "*" || /[*?]/.test(p)) fail(subject, `principals entry ${quote(p)} has a wildcard; name each person's IAM user or role ARN`);
    if (a && a.service === "iam" && a.resource === "root") fail(subject, `principals entry ${quote(p)} is an account root, which trusts every principal of that account; name users or roles`);
    if (!a || a.service !== "iam" || !/^\d{12}$/.test(a.account) || !/^(user|role)\/[\w+=,.@/-]+$/.test(a.resource)) {
      fail(subject, `principals entry ${quote(p)} is not an IAM user or role ARN (arn:aws:iam::<account>:user/<name>)`);
    }
  }
  return uniq(principals);
}

export function breakGlassTrustPolicy(principals: readonly string[], mfaMaxAgeSeconds = DEFAULT_MFA_MAX_AGE_SECONDS): PolicyDocument {
  return policyDocument([
    {
      Sid: "BreakGlassHumansWithFreshMfa",
      Effect: "Allow",
      Principal: { AWS: oneOrMany(principals) },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": String(mfaMaxAgeSeconds) } },
    },
  ]);
}

export function breakGlassDenyAiPolicy(): PolicyDocument {
  return policyDocument([{ Sid: "NoAiDataPlane", Effect: "Deny", Action: [...AI_DATA_PLANE_DENY], Resource: "*" }]);
}
