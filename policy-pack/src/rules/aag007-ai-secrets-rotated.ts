import { T, type ResourceModel } from "../model/resource";
import { containsUnknown, isRecord, isUnknown } from "../model/values";
import type { StackRule, StackRuleContext } from "../engine/types";
import { AI_SECRET_KEYWORDS_SETTING, aiProviderKeyword, DEFAULT_AI_PROVIDER_KEYWORDS } from "../engine/ai-secrets";
import { maxRotationGapDays } from "../engine/schedule";
import { redact } from "../engine/secrets";
import { principalPositions, secretReaders, secretReferences } from "../stack/secrets";
import type { PrincipalView } from "../stack/view";

export const aiSecretsRotated: StackRule = {
  kind: "stack",
  id: "AAG-007",
  name: "ai-secrets-rotated",
  title: "AI provider keys in Secrets Manager are rotated and encrypted with a customer-managed key",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI7", "NHI2", "NHI3"], owaspAgentic: ["ASI03", "ASI04"], nistCsf: ["PR.AA-01", "PR.DS-01"], nistAiRmf: ["MANAGE 3.1", "MEASURE 2.7"] },
  why:
    "A third-party AI key (OpenAI, Anthropic, …) is a bearer credential billed to you. Unrotated, a key " +
    "copied once from a log or a laptop keeps working for months. Under the AWS-managed key anyone with " +
    "secretsmanager:GetSecretValue can read it; a customer-managed key adds a second, auditable gate.",
  fix:
    "Use RotatedAiProviderSecret: a customer-managed KMS key, a SecretRotation wired to a rotation Lambda " +
    "with `automaticallyAfterDays` ≤ 30 (or an equivalent `rate()`/`cron()` schedule), and a resource " +
    "policy that lets only the named roles read it.",
  appliesTo: [T.secret, T.secretRotation],
  config: {
    maxRotationDays: { type: "integer", default: 30, minimum: 1, maximum: 365, description: "Longest allowed gap between rotations, in days." },
    aiSecretKeywords: AI_SECRET_KEYWORDS_SETTING,
  },
  checkStack(view, ctx) {
    const maxDays = (ctx.config.maxRotationDays as number) ?? 30;
    const keywords = (ctx.config.aiSecretKeywords as string[]) ?? DEFAULT_AI_PROVIDER_KEYWORDS;
    // Index rotations once by the secret reference they name (ARN, id, name) and by dependency URN.
    const rotations = view.byType(T.secretRotation);
    const byRef = new Map<string, ResourceModel[]>();
    const add = (k: string, r: ResourceModel) => {
      const list = byRef.get(k);
      if (list) list.push(r);
      else byRef.set(k, [r]);
    };
    const unlinked: ResourceModel[] = [];
    for (const r of rotations) {
      const id = r.properties.secretId;
      if (typeof id === "string" && !isUnknown(id)) add(id, r);
      else if (isUnknown(id)) unlinked.push(r);
      for (const urn of r.propertyDependencies?.secretId ?? []) add(urn, r);
    }
    // AI-reaching principals that may read every secret: found once, not once per secret.
    let everySecret: readonly PrincipalView[] | undefined;
    for (const secret of view.byType(T.secret)) {
      const keyword = aiProviderKeyword(secret, keywords);
      let why: string;
      if (keyword) why = `holds an AI provider key (matched "${keyword}")`;
      else {
        const readers = secretReaders(secret, view);
        everySecret ??= readers.everySecret.filter((p) => p.reachesAi);
        const named = readers.named.filter((p) => p.reachesAi);
        const total = everySecret.length + named.length;
        if (total === 0) continue;
        // In principal order, as far as they are listed.
        const listed = [...everySecret.slice(0, MAX_READERS_LISTED), ...named.slice(0, MAX_READERS_LISTED)]
          .sort((a, b) => principalPositions(view).get(a)! - principalPositions(view).get(b)!)
          .slice(0, MAX_READERS_LISTED);
        why = `is readable by AI-reaching ${listed.map((p) => `${p.kind} "${p.name}"`).join(", ")}${total > listed.length ? ` and ${total - listed.length} more` : ""}`;
      }
      const mine = [...new Set(secretReferences(secret).flatMap((ref) => byRef.get(ref) ?? []))];
      judgeSecret(secret, why, mine, unlinked, ctx, maxDays);
    }
  },
};

/** Readers named in a finding; the rest are counted. */
const MAX_READERS_LISTED = 10;

function judgeSecret(secret: ResourceModel, why: string, mine: ResourceModel[], unlinked: ResourceModel[], ctx: StackRuleContext, maxDays: number): void {
  if (mine.length === 0) {
    if (unlinked.length > 0) ctx.cannotValidate(secret, "rotation", `${why}; a SecretRotation in the stack points at a secret not known until apply, so rotation cannot be confirmed.`);
    else ctx.violation(secret, "Rotation::missing", `${why} and has no SecretRotation: the key never changes.`, { property: "rotation" });
  }
  for (const rot of mine) {
    const lambda = rot.properties.rotationLambdaArn;
    if (lambda === undefined || lambda === null || lambda === "") {
      ctx.violation(secret, "Rotation::no-lambda", `${why}; its SecretRotation "${rot.name}" names no rotation Lambda, so nothing can mint a new provider key.`, { property: "rotationLambdaArn" });
    }
    const rules = rot.properties.rotationRules;
    const rr = Array.isArray(rules) ? rules[0] : rules;
    if (isUnknown(rr) || !isRecord(rr)) {
      if (isUnknown(rr)) ctx.cannotValidate(secret, "rotationRules", `the rotation rules of "${rot.name}" are not known until apply.`);
      else ctx.violation(secret, "Rotation::no-schedule", `${why}; SecretRotation "${rot.name}" has no rotation rules.`, { property: "rotationRules" });
      continue;
    }
    const days = rr.automaticallyAfterDays;
    const expr = rr.scheduleExpression;
    if (isUnknown(days) || isUnknown(expr)) {
      ctx.cannotValidate(secret, "rotationRules", `the rotation interval of "${rot.name}" is not known until apply.`);
      continue;
    }
    if (typeof days === "number") {
      if (days > maxDays) ctx.violation(secret, "Rotation::interval", `${why}; it rotates every ${days} days, more than the allowed ${maxDays}.`, { property: "rotationRules.automaticallyAfterDays" });
    } else if (typeof expr === "string" && expr.trim() !== "") {
      const r = maxRotationGapDays(expr);
      if ("error" in r) ctx.violation(secret, "Rotation::schedule", `${why}; its rotation schedule "${redact(expr).slice(0, 80)}" cannot be evaluated (${r.error}).`, { property: "rotationRules.scheduleExpression" });
      else if (r.maxGapDays > maxDays) ctx.violation(secret, "Rotation::interval", `${why}; its schedule "${redact(expr).slice(0, 80)}" leaves up to ${Math.round(r.maxGapDays * 10) / 10} days between rotations, more than the allowed ${maxDays}.`, { property: "rotationRules.scheduleExpression" });
    } else {
      ctx.violation(secret, "Rotation::no-schedule", `${why}; SecretRotation "${rot.name}" sets neither automaticallyAfterDays nor scheduleExpression.`, { property: "rotationRules" });
    }
  }
  const kms = secret.properties.kmsKeyId;
  if (isUnknown(kms) || (typeof kms === "string" && containsUnknown(kms))) return; // a key created in the stack: customer-managed
  if (kms === undefined || kms === null || kms === "" || (typeof kms === "string" && /alias\/aws\/secretsmanager$/.test(kms))) {
    ctx.violation(secret, "KmsKey::aws-managed", `${why} and is encrypted with the AWS-managed key: anyone with GetSecretValue can read it.`, { property: "kmsKeyId" });
  }
}
