/**
 * fast-check generators for hostile-input tests: IAM policy documents in every shape IAM accepts
 * (and many it does not), resource inputs with preview-time unknowns and Pulumi secret wrappers at
 * any depth, planted credentials of every detector kind, and equivalent reformattings of a document.
 *
 * Run counts: `fuzzRuns(n)` is the CI default; `FUZZ_RUNS=100000 npx vitest run test/fuzz` raises every
 * property to that many runs (`FUZZ_SEED` replays a seed).
 */
import fc from "fast-check";
import { UNKNOWN_SENTINELS, SPECIAL_SIG_KEY, SECRET_SIG, T } from "../../policy-pack/src";

export function fuzzRuns(ciDefault: number): number {
  const env = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(env) && env > 0 ? Math.floor(env) : ciDefault;
}

/** Parameters for `fc.assert`: run count, optional seed, and enough timeout for 100 000-run sessions. */
export function fuzzParams(ciDefault: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED);
  return { numRuns: fuzzRuns(ciDefault), ...(Number.isFinite(seed) && process.env.FUZZ_SEED ? { seed } : {}) };
}

/** Vitest timeout for a property: generous when FUZZ_RUNS raises the count. */
export function fuzzTimeout(ciMs = 60_000): number {
  return process.env.FUZZ_RUNS ? 3_600_000 : ciMs;
}

export const SENTINELS: readonly string[] = [...UNKNOWN_SENTINELS];
export const unknownSentinel = fc.constantFrom(...SENTINELS);
/** Values a rule must treat as "not known until apply": every sentinel, and Terraform references. */
export const unknownValue = fc.oneof(unknownSentinel, fc.constantFrom("${aws_iam_role.x.arn}", "${jsonencode(local.policy)}", "${data.aws_iam_policy_document.p.json}"));

export const wrapSecret = (value: unknown) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });
/** A ciphertext-only secret, as stack exports hold them. */
export const opaqueSecret = { [SPECIAL_SIG_KEY]: SECRET_SIG, ciphertext: "AAABAHZhdWx0OnYxOmNpcGhlcnRleHQ=" };

// ---------------------------------------------------------------------------------------------
// Planted credentials. `body` is the part that must never be printed (the well-known prefix may be).

export interface PlantedSecret {
  readonly kind: string;
  readonly text: string;
  /** The secret part: no window of it may appear in any output. */
  readonly body: string;
}

const chars = (alphabet: string, min: number, max = min) =>
  fc.noBias(fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join("")));
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;

/** Random bodies with at least a few of each class, so every planted value looks like a real key. */
const mixed = (alphabet: string, n: number, max = n) =>
  fc.tuple(chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3), chars("abcdefghijklmnopqrstuvwxyz", 3), chars("0123456789", 3), chars(alphabet, n - 9, max - 9)).map(([a, b, c, d]) => `${a}${d}${b}${c}`);

/** Not shrunk: a shrunk key (`AAAA…`) is no longer a realistic key, and the failing original is what matters. */
export const plantedSecret: fc.Arbitrary<PlantedSecret> = fc.noShrink(fc.oneof(
  fc.tuple(fc.constantFrom("AKIA", "ASIA", "ABIA", "ACCA"), fc.tuple(chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 6), chars("0123456789", 4), chars(UPPER_DIGITS, 6)).map((p) => p.join(""))).map(([p, b]) => ({ kind: "AWS access key ID", text: p + b, body: b })),
  mixed(B64, 40).map((b) => ({ kind: "AWS secret access key", text: b, body: b })),
  mixed(URLSAFE, 20, 48).map((b) => ({ kind: "OpenAI project key", text: `sk-proj-${b}`, body: b })),
  mixed(URLSAFE, 20, 48).map((b) => ({ kind: "OpenAI service-account key", text: `sk-svcacct-${b}`, body: b })),
  mixed(ALNUM, 48).map((b) => ({ kind: "OpenAI legacy key", text: `sk-${b}`, body: b })),
  mixed(URLSAFE, 24, 95).map((b) => ({ kind: "Anthropic API key", text: `sk-ant-api03-${b}`, body: b })),
  mixed(ALNUM, 34).map((b) => ({ kind: "Hugging Face token", text: `hf_${b}`, body: b })),
  mixed(URLSAFE, 35).map((b) => ({ kind: "Google API key", text: `AIza${b}`, body: b })),
  mixed(ALNUM, 36).map((b) => ({ kind: "GitHub token", text: `ghp_${b}`, body: b })),
  mixed(`${ALNUM}_`, 82).map((b) => ({ kind: "GitHub fine-grained token", text: `github_pat_${b}`, body: b })),
  mixed(B64, 60, 120).map((b) => ({ kind: "Amazon Bedrock API key", text: `ABSK${b}`, body: b })),
  mixed(URLSAFE, 20).map((b) => ({ kind: "GitLab token", text: `glpat-${b}`, body: b })),
  mixed(ALNUM, 24).map((b) => ({ kind: "Slack token", text: `xoxb-1234567890-${b}`, body: b })),
  chars("0123456789abcdef", 40).map((b) => ({ kind: "Pulumi access token", text: `pul-${b}`, body: b })),
  fc.tuple(chars(ALNUM, 3), chars("0123456789", 1), mixed(`${ALNUM}_~.-`, 34)).map(([a, d, b]) => ({ kind: "Azure client secret", text: `${a}${d}Q~${b}`, body: b })),
  mixed(ALNUM, 32, 40).map((b) => ({ kind: "password in a URL", text: `postgres://app:${b}@db.internal:5432/app`, body: b })),
  fc.tuple(fc.constantFrom("API_TOKEN=", "client_secret: ", "OPENAI_API_KEY="), fc.oneof(chars("0123456789abcdef", 40), chars("0123456789abcdef", 64))).map(([l, b]) => ({ kind: "credential after a credential label", text: `${l}${b}`, body: b })),
  fc.tuple(fc.constantFrom("RSA ", "EC ", "OPENSSH ", ""), mixed(B64, 64), mixed(B64, 64)).map(([t, a, b]) => ({
    kind: "private key",
    text: `-----BEGIN ${t}PRIVATE KEY-----\n${a}\n${b}\n-----END ${t}PRIVATE KEY-----`,
    body: `${a}\n${b}`,
  })),
));

/** Windows of the secret body that must not appear in output (case-insensitive). */
export function secretWindows(s: PlantedSecret, width = 12): string[] {
  const parts = s.body.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    if (p.length <= width) out.push(p.toLowerCase());
    else for (let i = 0; i + width <= p.length; i += 4) out.push(p.slice(i, i + width).toLowerCase());
  }
  return out;
}

/** The first window of the secret found in `text`, or undefined. */
export function leakIn(text: string, secrets: readonly PlantedSecret[]): string | undefined {
  const lower = text.toLowerCase();
  for (const s of secrets) for (const w of secretWindows(s)) if (lower.includes(w)) return `${s.kind} window "${w}"`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// IAM vocabulary.

export const ACCOUNT = "123456789012";
export const MODEL_ARN = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0";
export const GITHUB_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
export const GH = "token.actions.githubusercontent.com";

export const ACTIONS = [
  "*", "bedrock:*", "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:Invoke*", "bedrock:Get*",
  "bedrock:PutUseCaseForModelAccess", "bedrock:CreateAgent", "bedrock:Retrieve", "bedrock-agentcore:*", "bedrock-agentcore:InvokeAgentRuntime",
  "sagemaker:*", "sagemaker:InvokeEndpoint", "sagemaker:CreateTrainingJob", "aoss:APIAccessAll", "q:*", "bedrock-mantle:*",
  "iam:PassRole", "iam:*", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession",
  "s3:GetObject", "s3:*", "secretsmanager:GetSecretValue", "lambda:CreateFunction", "ec2:RunInstances", "b*:*", "*:*", "bedrock:?nvokeModel",
  "not-a-service:Foo", "bedrock:", ":InvokeModel", "", "bedrock:NoSuchAction",
] as const;

export const RESOURCES = [
  "*", MODEL_ARN, "arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:us-east-1:123456789012:agent-alias/A1/B2",
  "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/*", `arn:aws:iam::${ACCOUNT}:role/app`, `arn:aws:iam::${ACCOUNT}:role/*`,
  `arn:aws:iam::${ACCOUNT}:role/ci-*`, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/prod", "arn:aws:s3:::bucket/*",
  `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-AbCdEf`, "arn:aws:bedrock", "arn:", "not-an-arn",
] as const;

const CONDITION_OPERATORS = [
  "StringEquals", "StringLike", "StringNotEquals", "StringNotLike", "StringEqualsIgnoreCase", "ForAnyValue:StringLike",
  "ForAllValues:StringEquals", "ForAnyValue:StringEqualsIfExists", "StringLikeIfExists", "Null", "Bool", "ArnLike", "ArnEquals",
  "NumericLessThan", "DateGreaterThan", "IpAddress",
] as const;

const CONDITION_KEYS = [
  `${GH}:sub`, `${GH}:aud`, "gitlab.example.com:sub", "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub", "aws:SourceAccount", "aws:SourceArn",
  "iam:PassedToService", "bedrock:GuardrailIdentifier", "sts:ExternalId", "aws:PrincipalArn", "aws:MultiFactorAuthPresent", "cognito-identity.amazonaws.com:amr",
] as const;

const CONDITION_VALUES = [
  "sts.amazonaws.com", "repo:acme/app:ref:refs/heads/main", "repo:acme/*", "repo:*", "*", "repo:acme/app:*", "project_path:grp/proj:ref_type:branch:ref:main",
  "system:serviceaccount:ns:sa", "system:serviceaccount:*", ACCOUNT, "bedrock.amazonaws.com", "arn:aws:bedrock:us-east-1:123456789012:guardrail/g:1",
  "true", "", "authenticated",
] as const;

const PRINCIPAL_SERVICES = ["lambda.amazonaws.com", "bedrock.amazonaws.com", "pods.eks.amazonaws.com", "bedrock-agentcore.amazonaws.com", "ec2.amazonaws.com"] as const;

/** A tree-shaped model of a statement, rendered to JSON in several equivalent ways. */
export interface StatementModel {
  sid?: string;
  effect: "Allow" | "Deny";
  actionKey: "Action" | "NotAction";
  actions: string[];
  resourceKey?: "Resource" | "NotResource";
  resources?: string[];
  principalKey?: "Principal" | "NotPrincipal";
  principal?: "*" | Record<string, string[]>;
  condition?: Record<string, Record<string, Array<string | number | boolean>>>;
}

export interface DocumentModel {
  version?: string;
  statements: StatementModel[];
  /** Render `Statement` as a bare object when there is exactly one. */
  singleAsObject: boolean;
}

const nonEmpty = <T>(a: fc.Arbitrary<T>, max = 4) => fc.uniqueArray(a, { minLength: 1, maxLength: max });

const principalArb: fc.Arbitrary<"*" | Record<string, string[]>> = fc.oneof(
  fc.constant("*" as const),
  fc
    .record(
      {
        AWS: nonEmpty(fc.constantFrom("*", ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:role/admin`, "999988887777"), 3),
        Service: nonEmpty(fc.constantFrom(...PRINCIPAL_SERVICES), 3),
        Federated: nonEmpty(fc.constantFrom(GITHUB_PROVIDER, `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.example.com`, `arn:aws:iam::${ACCOUNT}:saml-provider/okta`, "cognito-identity.amazonaws.com", "accounts.google.com"), 2),
        CanonicalUser: nonEmpty(fc.constantFrom("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"), 1),
      },
      { requiredKeys: [] },
    )
    .filter((r) => Object.keys(r).length > 0),
);

const conditionArb = fc.dictionary(
  fc.constantFrom(...CONDITION_OPERATORS),
  fc.dictionary(fc.constantFrom(...CONDITION_KEYS), nonEmpty(fc.oneof({ weight: 6, arbitrary: fc.constantFrom<string | number | boolean>(...CONDITION_VALUES) }, fc.constantFrom<string | number | boolean>(true, false, 3600)), 3), { minKeys: 1, maxKeys: 3 }),
  { minKeys: 1, maxKeys: 3 },
);

export const statementModel: fc.Arbitrary<StatementModel> = fc.record(
  {
    sid: fc.oneof(fc.constantFrom("AllowInvoke", "Trust", "S1"), fc.string({ maxLength: 12 })),
    effect: fc.constantFrom("Allow" as const, "Allow" as const, "Deny" as const),
    actionKey: fc.constantFrom("Action" as const, "Action" as const, "Action" as const, "NotAction" as const),
    actions: nonEmpty(fc.constantFrom(...ACTIONS.filter((a) => a !== "")), 5),
    resourceKey: fc.constantFrom("Resource" as const, "Resource" as const, "Resource" as const, "NotResource" as const),
    resources: nonEmpty(fc.constantFrom(...RESOURCES), 4),
    principalKey: fc.constantFrom("Principal" as const, "Principal" as const, "Principal" as const, "NotPrincipal" as const),
    principal: principalArb,
    condition: conditionArb,
  },
  { requiredKeys: ["effect", "actionKey", "actions"] },
).map((s) => {
  // Keep the pairing IAM documents use: a resource key only with resources, a principal key only with a principal.
  const out: StatementModel = { ...s };
  if (!s.resources) delete out.resourceKey;
  if (!s.resourceKey) delete out.resources;
  if (!s.principal) delete out.principalKey;
  if (!s.principalKey) delete out.principal;
  return out;
});

export const documentModel: fc.Arbitrary<DocumentModel> = fc.record({
  version: fc.constantFrom("2012-10-17", "2008-10-17", undefined),
  statements: fc.array(statementModel, { minLength: 1, maxLength: 4 }),
  singleAsObject: fc.boolean(),
});

/** How a document is written: the knobs that must not change the verdict. */
export interface RenderStyle {
  /** Single-element lists written as a bare string. */
  readonly scalarSingletons: boolean;
  /** Reverse the key order of every object. */
  readonly reverseKeys: boolean;
  /** Action names in this case (`as-is`, `lower`, `upper`, `random`). */
  readonly actionCase: "as-is" | "lower" | "upper" | "mixed";
  /** JSON text (with this indent) or the object itself. */
  readonly asString: boolean;
  readonly indent: 0 | 2 | 4 | "\t";
  /** Condition keys upper/lower-cased (IAM condition keys are case-insensitive). */
  readonly conditionKeyCase: "as-is" | "lower" | "upper";
}

export const renderStyle: fc.Arbitrary<RenderStyle> = fc.record({
  scalarSingletons: fc.boolean(),
  reverseKeys: fc.boolean(),
  actionCase: fc.constantFrom("as-is" as const, "lower" as const, "upper" as const, "mixed" as const),
  asString: fc.boolean(),
  indent: fc.constantFrom(0 as const, 2 as const, 4 as const, "\t" as const),
  conditionKeyCase: fc.constantFrom("as-is" as const, "lower" as const, "upper" as const),
});

export const CANONICAL: RenderStyle = { scalarSingletons: false, reverseKeys: false, actionCase: "as-is", asString: true, indent: 0, conditionKeyCase: "as-is" };

function recase(s: string, how: RenderStyle["actionCase"]): string {
  if (how === "lower") return s.toLowerCase();
  if (how === "upper") return s.toUpperCase();
  if (how === "mixed") return [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join("");
  return s;
}

function list<T>(values: T[], style: RenderStyle): T | T[] {
  return style.scalarSingletons && values.length === 1 ? values[0] : values;
}

function order(obj: Record<string, unknown>, style: RenderStyle): Record<string, unknown> {
  const entries = Object.entries(obj);
  if (style.reverseKeys) entries.reverse();
  return Object.fromEntries(entries);
}

export function renderStatement(s: StatementModel, style: RenderStyle): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (s.sid !== undefined) o.Sid = s.sid;
  o.Effect = s.effect;
  if (s.principalKey && s.principal) {
    o[s.principalKey] = s.principal === "*" ? "*" : order(Object.fromEntries(Object.entries(s.principal).map(([k, v]) => [k, list(v, style)])), style);
  }
  o[s.actionKey] = list(s.actions.map((a) => recase(a, style.actionCase)), style);
  if (s.resourceKey && s.resources) o[s.resourceKey] = list(s.resources, style);
  if (s.condition) {
    const keyCase = (k: string) => (style.conditionKeyCase === "lower" ? k.toLowerCase() : style.conditionKeyCase === "upper" ? k.toUpperCase() : k);
    o.Condition = order(
      Object.fromEntries(Object.entries(s.condition).map(([op, block]) => [op, order(Object.fromEntries(Object.entries(block).map(([k, v]) => [keyCase(k), list(v, style)])), style)])),
      style,
    );
  }
  return order(o, style);
}

export function renderDocument(d: DocumentModel, style: RenderStyle): unknown {
  const statements = d.statements.map((s) => renderStatement(s, style));
  const doc: Record<string, unknown> = {};
  if (d.version) doc.Version = d.version;
  doc.Statement = d.singleAsObject && statements.length === 1 ? statements[0] : statements;
  const ordered = order(doc, style);
  return style.asString ? JSON.stringify(ordered, null, style.indent === 0 ? undefined : style.indent) : ordered;
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

/** Anything JSON can hold, plus unknown sentinels, secret wrappers, unicode and NUL bytes. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 2, arbitrary: unknownValue },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -0, 43200, "", "\u0000", "*", "Allow", "{", "[]", "{}", "null", '{"Statement":', "\uD800", "\u202E", "arn:aws:iam::aws:policy/AdministratorAccess") },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(...ACTIONS) },
  { weight: 1, arbitrary: fc.constantFrom(...RESOURCES) },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: hostileLeaf },
    { weight: 1, arbitrary: fc.array(tie("v"), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom("Statement", "Effect", "Action", "NotAction", "Resource", "Principal", "AWS", "Federated", "Condition", "StringLike", "value", SPECIAL_SIG_KEY, "__proto__", "constructor", "toString"), fc.string({ maxLength: 8 })), tie("v"), { maxKeys: 5 }) },
    { weight: 1, arbitrary: tie("v").map(wrapSecret) },
    { weight: 1, arbitrary: fc.constant(opaqueSecret) },
  ),
})).v;

/** Nesting deeper than any recursion limit in the engine (arrays or objects, `depth` levels). */
export function deepNest(depth: number, leaf: unknown, kind: "array" | "object" | "secret" = "array"): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : kind === "object" ? { Statement: v } : wrapSecret(v);
  return v;
}

/** A document of about `bytes` bytes: many statements, or one statement with a huge Action list. */
export function hugeDocument(bytes: number, shape: "statements" | "actions" | "string"): string {
  if (shape === "actions") {
    const actions: string[] = [];
    let n = 0;
    while (n < bytes) {
      const a = `s3:GetObject${actions.length}`;
      actions.push(a);
      n += a.length + 3;
    }
    actions.push("bedrock:*");
    return JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: actions, Resource: "*" } });
  }
  if (shape === "string") {
    return JSON.stringify({ Version: "2012-10-17", Statement: { Sid: "x".repeat(bytes), Effect: "Allow", Action: "bedrock:*", Resource: MODEL_ARN } });
  }
  // Under the parser's 10 000-statement limit: ~200-byte statements.
  const stmt = { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"], Resource: ["arn:aws:s3:::bucket-with-a-long-name/prefix/*", "arn:aws:s3:::bucket-with-a-long-name"] };
  const one = JSON.stringify(stmt).length + 1;
  const count = Math.ceil(bytes / one);
  return JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: count }, (_, i) => (i === count - 1 ? { Effect: "Allow", Action: "bedrock:*", Resource: "*" } : stmt)) });
}

/** A policy document in any form: valid, valid-but-odd, malformed, unknown. */
export const anyPolicyInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(documentModel, renderStyle).map(([d, s]) => renderDocument(d, s)) },
  { weight: 1, arbitrary: unknownValue },
  { weight: 1, arbitrary: fc.tuple(documentModel, fc.nat({ max: 400 })).map(([d, cut]) => (JSON.stringify(renderDocument(d, { ...CANONICAL, asString: false })) as string).slice(0, cut)) },
  { weight: 1, arbitrary: fc.tuple(documentModel, unknownSentinel).map(([d, u]) => (renderDocument(d, CANONICAL) as string).replace(/arn:aws:iam::123456789012:role\/app/g, `arn:aws:iam::123456789012:role/${u}`).replace('"Effect":"Allow"', `"Effect":"${u}"`)) },
  { weight: 1, arbitrary: fc.tuple(documentModel, hostileValue, fc.constantFrom("Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition", "Effect", "Sid", "Statement"), fc.boolean()).map(([d, v, key, asText]) => {
    const doc = renderDocument({ ...d, singleAsObject: false }, { ...CANONICAL, asString: false }) as { Statement: Record<string, unknown>[] };
    if (key === "Statement") return { ...doc, Statement: v };
    const s = [...doc.Statement];
    s[0] = { ...s[0], [key]: v };
    return asText ? JSON.stringify({ ...doc, Statement: s }) : { ...doc, Statement: s };
  }) },
  { weight: 1, arbitrary: hostileValue },
);

// ---------------------------------------------------------------------------------------------
// Resources.

export interface GenResource {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
}

export const urnOf = (type: string, name: string) => `urn:pulumi:dev::ai-access-guard-check::${type}::${name}`;

const tagsArb = fc.oneof(
  fc.constant({ owner: "platform", purpose: "ai" } as Record<string, unknown>),
  fc.dictionary(fc.constantFrom("owner", "purpose", "env", "Environment", "break-glass", "stage", "Owner"), fc.oneof(fc.constantFrom("prod", "dev", "true", "", " "), hostileLeaf), { maxKeys: 4 }),
  unknownValue,
);

const nameArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("app", "ci", "break-glass", "openai-key", "admin", "legacy") }, { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 20 }) });

/** A resource the rules read, with each property either realistic or hostile. */
export const resourceArb: fc.Arbitrary<GenResource> = fc
  .tuple(
    fc.constantFrom(
      T.role, T.role, T.user, T.group, T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.rolePolicyAttachment, T.policyAttachment, T.accessKey,
      T.serviceSpecificCredential, T.secret, T.secretRotation, T.lambdaFunction, T.ssmParameter, T.invocationLogging, T.bedrockAgent,
      T.podIdentityAssociation, T.groupMembership, T.userGroupMembership, T.openIdConnectProvider, "aws:s3/bucket:Bucket",
    ),
    nameArb,
    fc.record({
      policy: anyPolicyInput,
      assumeRolePolicy: anyPolicyInput,
      inlinePolicies: fc.oneof(fc.array(fc.record({ name: fc.oneof(nameArb, unknownValue), policy: anyPolicyInput }, { requiredKeys: [] }), { maxLength: 3 }), hostileValue),
      managedPolicyArns: fc.oneof(fc.array(fc.constantFrom("arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AmazonBedrockFullAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", `arn:aws:iam::${ACCOUNT}:policy/custom`), { maxLength: 3 }), hostileValue),
      tags: tagsArb,
      maxSessionDuration: fc.oneof(fc.constantFrom(3600, 43200, 900), hostileLeaf),
      role: fc.oneof(fc.constantFrom("app", "ci", "break-glass", `arn:aws:iam::${ACCOUNT}:role/app`), hostileLeaf),
      roles: fc.oneof(fc.array(fc.constantFrom("app", "ci"), { maxLength: 2 }), hostileValue),
      user: fc.oneof(fc.constantFrom("legacy", "vendor"), hostileLeaf),
      users: fc.oneof(fc.array(fc.constantFrom("legacy", "vendor"), { maxLength: 2 }), hostileValue),
      group: fc.oneof(fc.constantFrom("admins"), hostileLeaf),
      groups: fc.oneof(fc.array(fc.constantFrom("admins"), { maxLength: 2 }), hostileValue),
      policyArn: fc.oneof(fc.constantFrom("arn:aws:iam::aws:policy/AdministratorAccess", `arn:aws:iam::${ACCOUNT}:policy/custom`), hostileLeaf),
      serviceName: fc.oneof(fc.constantFrom("bedrock.amazonaws.com", "codecommit.amazonaws.com"), hostileLeaf),
      userName: fc.oneof(fc.constantFrom("legacy"), hostileLeaf),
      name: fc.oneof(fc.constantFrom("prod/openai", "app", "break-glass"), hostileLeaf),
      arn: fc.oneof(fc.constantFrom(`arn:aws:iam::${ACCOUNT}:role/app`, `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-AbCdEf`), hostileLeaf),
      secretId: fc.oneof(fc.constantFrom(`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/openai-AbCdEf`), hostileLeaf),
      rotationRules: fc.oneof(fc.record({ automaticallyAfterDays: fc.oneof(fc.integer({ min: -5, max: 400 }), hostileLeaf), scheduleExpression: fc.oneof(fc.constantFrom("rate(10 days)", "cron(0 0 1 * ? *)", "cron(0 0 ? * MON *)", "rate(0 days)", "cron(bad)"), hostileLeaf) }, { requiredKeys: [] }), hostileValue),
      rotationLambdaArn: fc.oneof(fc.constant("arn:aws:lambda:us-east-1:123456789012:function:rotate"), hostileLeaf),
      kmsKeyId: fc.oneof(fc.constantFrom("alias/aws/secretsmanager", "arn:aws:kms:us-east-1:123456789012:key/k"), hostileLeaf),
      environment: fc.oneof(fc.record({ variables: fc.dictionary(fc.constantFrom("OPENAI_API_KEY", "MODEL", "TOKEN", "x"), hostileLeaf, { maxKeys: 3 }) }), hostileValue),
      type: fc.oneof(fc.constantFrom("String", "SecureString"), hostileLeaf),
      value: hostileValue,
      loggingConfig: fc.oneof(fc.constant({ cloudwatchConfig: { logGroupName: "bedrock" } }), hostileValue),
      guardrailConfigurations: fc.oneof(fc.constant([{ guardrailIdentifier: "g", guardrailVersion: "1" }]), hostileValue),
      roleArn: fc.oneof(fc.constant(`arn:aws:iam::${ACCOUNT}:role/app`), hostileLeaf),
      status: fc.constantFrom("Active", "Inactive", null),
      extra: hostileValue,
    }, { requiredKeys: [] }),
  )
  .map(([type, name, properties]) => ({ type, name, urn: urnOf(type, name), properties }));

export const stackArb: fc.Arbitrary<GenResource[]> = fc.array(resourceArb, { minLength: 1, maxLength: 8 });
