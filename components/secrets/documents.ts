/** Documents and schedule checks for rotated AI provider secrets (pure). */
import { fail, quote } from "../common/errors";
import { parseArn } from "../common/arn";
import { policyDocument, oneOrMany, uniq, type PolicyDocument } from "../common/documents";
import { accountAdministration } from "../logging/documents";

export const DEFAULT_ROTATION_DAYS = 30;
export const KNOWN_AI_PROVIDERS = ["openai", "anthropic", "cohere", "mistral", "huggingface", "gemini", "google-ai", "azure-openai", "groq", "together", "perplexity", "replicate", "xai", "deepseek", "voyage"] as const;

export const SECRET_READ_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];
export const SECRET_ROTATION_ACTIONS = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"];

export function checkProvider(subject: string, provider: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(provider)) fail(subject, `provider ${quote(provider)} must be a lower-case provider name such as ${KNOWN_AI_PROVIDERS.slice(0, 4).join(", ")}`);
  return provider;
}

/** Role ARNs only: a reader is a workload identity, never `*`, an account root or a user. */
export function checkRoleArns(subject: string, field: string, arns: readonly string[], allowEmpty = false): string[] {
  if (arns.length === 0 && !allowEmpty) fail(subject, `${field} is empty; name the roles that may read the key (nobody else can)`);
  for (const a of arns) {
    const p = parseArn(a);
    if (!p || p.service !== "iam" || !/^\d{12}$/.test(p.account) || !/^role\/[\w+=,.@/-]+$/.test(p.resource) || /[*?]/.test(a)) {
      fail(subject, `${field} entry ${quote(a)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>) without wildcards`);
    }
  }
  return uniq(arns);
}

/**
 * The longest interval, in days, a rotation schedule allows. `rate(N days|hours)` directly; a
 * `cron(min hour dom month dow year)` by its day fields (monthly and yearly schedules exceed 30).
 */
export function scheduleMaxDays(subject: string, expression: string): number {
  const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) fail(subject, `rotationSchedule ${quote(expression)} has a zero interval`);
    return rate[2].startsWith("hour") ? n / 24 : n;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) fail(subject, `rotationSchedule ${quote(expression)} is not rate(N days) or cron(minutes hours day-of-month month day-of-week year)`);
  const f = cron[1].trim().split(/\s+/);
  if (f.length !== 6) fail(subject, `rotationSchedule ${quote(expression)} must have six cron fields (minutes hours day-of-month month day-of-week year)`);
  const [, , dom, month, dow, year] = f;
  const every = (v: string) => v === "*" || v === "?";
  if (!every(year) || !every(month)) return 366; // only some months or years: far longer than 30 days
  if (every(dom) && every(dow)) return 1;
  if (every(dom)) return 7; // some weekdays: at most a week apart
  const days = dom.split(",").map((d) => {
    if (/^\d+$/.test(d)) return [Number(d)];
    const step = /^(\*|\d+)\/(\d+)$/.exec(d);
    if (step) {
      const out: number[] = [];
      for (let x = step[1] === "*" ? 1 : Number(step[1]); x <= 31; x += Number(step[2])) out.push(x);
      return out;
    }
    const range = /^(\d+)-(\d+)$/.exec(d);
    if (range) return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
    return [NaN];
  });
  const sorted = [...new Set(days.flat())].sort((a, b) => a - b);
  if (sorted.some((d) => !Number.isInteger(d) || d < 1 || d > 31)) fail(subject, `rotationSchedule ${quote(expression)}: day-of-month ${quote(dom)} cannot be evaluated; use numbers, ranges, steps or rate(N days)`);
  // Gaps within a month, and from the last day to the first day of a following 31-day month.
  let gap = sorted[0] + 31 - sorted[sorted.length - 1];
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i] - sorted[i - 1]);
  return gap;
}

export interface RotationInput {
  days?: number;
  schedule?: string;
  allowLonger?: boolean;
  maxDays?: number;
}

/** `rotationRules` for the SecretRotation: every 30 days unless told otherwise, never longer than the maximum. */
export function rotationRules(subject: string, r: RotationInput): { automaticallyAfterDays?: number; scheduleExpression?: string } {
  const max = r.maxDays ?? DEFAULT_ROTATION_DAYS;
  if (r.days !== undefined && r.schedule !== undefined) fail(subject, "give rotationDays or rotationSchedule, not both");
  if (r.schedule !== undefined) {
    const d = scheduleMaxDays(subject, r.schedule);
    if (d > max && !r.allowLonger) fail(subject, `rotationSchedule ${quote(r.schedule)} can leave up to ${d} days between rotations, more than ${max}; rotate more often, or set allowRotationLongerThan30Days: true to accept the risk explicitly`);
    return { scheduleExpression: r.schedule };
  }
  const days = r.days ?? DEFAULT_ROTATION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 1000) fail(subject, `rotationDays must be a whole number of days from 1 to 1000, got ${JSON.stringify(r.days)}`);
  if (days > max && !r.allowLonger) fail(subject, `rotationDays ${days} is more than ${max}; a leaked key stays valid that long. Rotate more often, or set allowRotationLongerThan30Days: true to accept the risk explicitly`);
  return { automaticallyAfterDays: days };
}

/** Resource policy: named readers may read; the rotation function may rotate; everyone else is denied reading. */
export function secretResourcePolicy(readers: readonly string[], rotationRoleArn: string): PolicyDocument {
  return policyDocument([
    { Sid: "NamedReaders", Effect: "Allow", Principal: { AWS: oneOrMany(readers) }, Action: SECRET_READ_ACTIONS, Resource: "*" },
    { Sid: "RotationFunction", Effect: "Allow", Principal: { AWS: rotationRoleArn }, Action: SECRET_ROTATION_ACTIONS, Resource: "*" },
    {
      Sid: "DenyReadingToEveryoneElse",
      Effect: "Deny",
      Principal: "*",
      Action: "secretsmanager:GetSecretValue",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:PrincipalArn": uniq([...readers, rotationRoleArn]) } },
    },
  ]);
}

/** Key policy: account administration; readers decrypt and the rotation function encrypts, only through Secrets Manager. */
export function secretKeyPolicy(partition: string, account: string, region: string, readers: readonly string[], rotationRoleArn: string): PolicyDocument {
  const via = { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com`, "kms:CallerAccount": account } };
  return policyDocument([
    accountAdministration(partition, account),
    { Sid: "ReadersDecryptThroughSecretsManager", Effect: "Allow", Principal: { AWS: oneOrMany(readers) }, Action: "kms:Decrypt", Resource: "*", Condition: via },
    { Sid: "RotationThroughSecretsManager", Effect: "Allow", Principal: { AWS: rotationRoleArn }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: via },
  ]);
}
