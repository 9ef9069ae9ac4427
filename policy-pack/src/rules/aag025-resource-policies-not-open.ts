import { T, type ResourceModel } from "../model/resource";
import { field } from "../model/blocks";
import { isRecord, isUnknown } from "../model/values";
import type { StackRule, StackRuleContext } from "../engine/types";
import { parsePolicyDocument } from "../iam/document";
import { accountOf, openPrincipals } from "../iam/resource-policy";
import { accessGraphOf, ownAccounts } from "../stack/graph";

const AI_SERVICE_PRINCIPALS: ReadonlySet<string> = new Set(["bedrock.amazonaws.com", "bedrock-agentcore.amazonaws.com"]);

/** Resource-policy holders judged everywhere in the stack: keys, secrets, AgentCore resources. */
const DOCUMENT_HOLDERS: ReadonlyArray<{ type: string; property: string }> = [
  { type: T.kmsKey, property: "policy" },
  { type: T.kmsKeyPolicy, property: "policy" },
  { type: T.secret, property: "policy" },
  { type: T.secretPolicy, property: "policy" },
  { type: T.agentcoreResourcePolicy, property: "policy" },
];

function judgeDocument(ctx: StackRuleContext, r: ResourceModel, property: string, own: ReadonlySet<string>, what: string): void {
  const raw = r.properties[property];
  if (raw === undefined || raw === null || raw === "") return;
  const parsed = parsePolicyDocument(raw);
  if (parsed.kind === "unknown") return ctx.cannotValidate(r, property, `the ${what} is not known until apply.`);
  if (parsed.kind !== "ok") return ctx.cannotValidate(r, property, `the ${what} cannot be parsed.`);
  for (const s of parsed.document.statements) {
    for (const o of openPrincipals(s, own)) {
      const who = o.why === "anyone" ? `Principal "*"` : `account ${accountOf(o.value)} (${o.value})`;
      ctx.violation(r, `Statement[${s.index + 1}]::${o.why === "anyone" ? "*" : accountOf(o.value)}`, `${what} statement ${s.index + 1} allows ${s.action.values.slice(0, 3).join(", ")}${s.action.values.length > 3 ? " …" : ""} to ${who} with no \`aws:PrincipalOrgID\`, account or source condition.`, { property });
    }
  }
}

/** Buckets on the AI path (by name, and by URN when the name is unknown at preview): invocation logs, knowledge-base data. */
function aiBuckets(view: Parameters<StackRule["checkStack"]>[0]): Set<string> {
  const out = new Set<string>();
  for (const c of [...view.byType(T.invocationLogging), ...view.byType(T.bedrockDataSource)]) {
    for (const urn of [...(c.propertyDependencies?.loggingConfig ?? []), ...(c.propertyDependencies?.dataSourceConfiguration ?? [])]) out.add(urn);
  }
  for (const c of view.byType(T.invocationLogging)) {
    for (const v of [field(c.properties.loggingConfig, "s3Config", "bucketName"), field(c.properties.loggingConfig, "cloudwatchConfig", "largeDataDeliveryS3Config", "bucketName")]) if (typeof v === "string") out.add(v);
  }
  for (const ds of view.byType(T.bedrockDataSource)) {
    const arn = field(ds.properties.dataSourceConfiguration, "s3Configuration", "bucketArn");
    if (typeof arn === "string" && arn.startsWith("arn:")) out.add(arn.split(":").pop()!);
  }
  return out;
}

export const resourcePoliciesNotOpen: StackRule = {
  kind: "stack",
  id: "AAG-025",
  name: "ai-resource-policies-not-open",
  title: "Resource policies on the AI path (keys, secrets, AgentCore, vector stores, log and data buckets, Lambda permissions) are not open to anyone or another account",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5", "NHI6"], owaspAgentic: ["ASI03"], nistCsf: ["PR.AA-05", "PR.DS-01"], nistAiRmf: ["MEASURE 2.7", "MAP 4.2"] },
  why:
    "A resource policy grants access without any identity policy: `Principal: \"*\"` on a KMS key, a secret or an " +
    "AgentCore runtime lets any AWS account use it, and another account without an organisation condition is " +
    "trusted forever, whoever owns it next. An OpenSearch Serverless collection open to the public network or to " +
    "a whole account exposes the agents' vector store; the invocation-log bucket holds every prompt and answer.",
  fix:
    "Name the principals that need access and add `aws:PrincipalOrgID` (or `aws:SourceArn`/`aws:SourceAccount` for " +
    "services, `kms:CallerAccount` with `kms:ViaService` for keys); for OpenSearch Serverless use VPC endpoints " +
    "(`AllowFromPublic: false`), customer-managed keys and data access policies that name roles, not account roots.",
  appliesTo: [...DOCUMENT_HOLDERS.map((h) => h.type), T.s3BucketPolicy, T.opensearchAccessPolicy, T.opensearchSecurityPolicy, T.lambdaPermission],
  checkStack(view, ctx) {
    const own = ownAccounts(view.resources);
    for (const h of DOCUMENT_HOLDERS) for (const r of view.byType(h.type)) judgeDocument(ctx, r, h.property, own, `${r.type.split(":").pop()} policy`);
    const buckets = aiBuckets(view);
    for (const bp of view.byType(T.s3BucketPolicy)) {
      const bucket = bp.properties.bucket;
      const byDependency = (bp.propertyDependencies?.bucket ?? []).some((u) => buckets.has(u));
      if ((typeof bucket === "string" && buckets.has(bucket)) || byDependency) judgeDocument(ctx, bp, "policy", own, `policy of bucket ${typeof bucket === "string" ? bucket : "(known after apply)"} (AI logs or knowledge-base data)`);
    }
    for (const ap of view.byType(T.opensearchAccessPolicy)) judgeAccessPolicy(ctx, ap, own);
    for (const sp of view.byType(T.opensearchSecurityPolicy)) judgeSecurityPolicy(ctx, sp);
    // Lambda permissions on the AI path for another account (Principal "*" is AAG-020's), and AI
    // services allowed to invoke a function (an agent's tool) for any source: any account's agent could call it.
    const graph = accessGraphOf(view, ctx.config);
    for (const perm of view.byType(T.lambdaPermission)) {
      const principal = perm.properties.principal;
      if (typeof principal === "string" && AI_SERVICE_PRINCIPALS.has(principal) && !perm.properties.sourceArn && !perm.properties.sourceAccount) {
        ctx.violation(perm, `Principal::${principal}`, `lets ${principal} invoke the function for any source (no \`sourceArn\` or \`sourceAccount\`): an agent in any account can call this tool.`, { property: "principal" });
        continue;
      }
      if (typeof principal !== "string" || !/^\d{12}$|^arn:/.test(principal)) continue;
      const account = accountOf(principal);
      if (!account || own.size === 0 || own.has(account) || perm.properties.principalOrgId || perm.properties.sourceArn) continue;
      const fn = graph.byVia(perm.urn).find((e) => e.kind === "enters");
      if (fn && graph.pathToAi(fn.to)) ctx.violation(perm, `Principal::${account}`, `lets account ${account} invoke a function on an AI path with no \`principalOrgId\` or \`sourceArn\`.`, { property: "principal" });
    }
  },
};

function parseJsonList(r: ResourceModel, ctx: StackRuleContext): unknown[] | undefined {
  const raw = r.properties.policy;
  if (isUnknown(raw)) {
    ctx.cannotValidate(r, "policy", "the OpenSearch Serverless policy is not known until apply.");
    return undefined;
  }
  try {
    const v = typeof raw === "string" ? JSON.parse(raw) : raw;
    return Array.isArray(v) ? v : [v];
  } catch {
    ctx.cannotValidate(r, "policy", "the OpenSearch Serverless policy is not valid JSON.");
    return undefined;
  }
}

function judgeAccessPolicy(ctx: StackRuleContext, r: ResourceModel, own: ReadonlySet<string>): void {
  const rules = parseJsonList(r, ctx);
  rules?.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const principals = Array.isArray(entry.Principal) ? entry.Principal : [entry.Principal];
    for (const p of principals) {
      if (typeof p !== "string") continue;
      const account = accountOf(p);
      const root = /^arn:[^:]+:iam::\d{12}:root$/.test(p) || /^\d{12}$/.test(p);
      if (p === "*") ctx.violation(r, `Rule[${i + 1}]::*`, `data access rule ${i + 1} grants collection or index access to Principal "*".`, { property: "policy" });
      else if (account && own.size > 0 && !own.has(account)) ctx.violation(r, `Rule[${i + 1}]::${account}`, `data access rule ${i + 1} grants access to ${p} in another account.`, { property: "policy" });
      else if (root) ctx.violation(r, `Rule[${i + 1}]::${p}`, `data access rule ${i + 1} grants access to the account root ${p}: every principal of account ${account} with \`aoss:APIAccessAll\` can read the vector store.`, { property: "policy", advisoryOnly: true });
    }
  });
}

function judgeSecurityPolicy(ctx: StackRuleContext, r: ResourceModel): void {
  const type = r.properties.type;
  const rules = parseJsonList(r, ctx);
  rules?.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    if (type === "network" && entry.AllowFromPublic === true) {
      ctx.violation(r, `Network[${i + 1}]::AllowFromPublic`, `network rule ${i + 1} allows access from the public internet (\`AllowFromPublic: true\`).`, { property: "policy" });
    }
    if (type === "encryption" && entry.AWSOwnedKey === true) {
      ctx.violation(r, "Encryption::AWSOwnedKey", "encrypts collections with an AWS-owned key: no key policy of yours controls who can decrypt, and no CloudTrail record of key use.", { property: "policy", advisoryOnly: true });
    }
  });
}

