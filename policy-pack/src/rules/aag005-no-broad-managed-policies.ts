import { ATTACHMENTS, EXCLUSIVE_ATTACHMENTS, T } from "../model/resource";
import { isUnknown, asStringList } from "../model/values";
import type { ResourceRule } from "../engine/types";
import { awsManagedPolicyName } from "../iam/arn";
import { describeStatement, parsePolicyDocument, type PolicyDocument } from "../iam/document";
import { wholeServicePatterns } from "../iam/analysis";
import { effectiveAccess, isOpenResource } from "../iam/effective";
import { principalAccess } from "../iam/principal-access";
import { judgeSensitive } from "../iam/sensitive-actions";
import { aiServicesFrom, dataPlanePatternsFrom } from "../engine/ai-scope";
import { lookupManagedPolicy, type ManagedPolicy } from "../stack/managed-policies";
import { dataPlaneActions, narrowedByCondition } from "./aag004-ai-data-plane-named-resources";
import { MINTING_CHECKS } from "./aag018-no-credential-minting";
import { shownPart } from "../engine/secrets";

export const DEFAULT_BROAD_MANAGED_POLICIES = [
  "AdministratorAccess",
  "PowerUserAccess",
  "AmazonBedrockFullAccess",
  "AmazonSageMakerFullAccess",
  "BedrockAgentCoreFullAccess",
];

const ATTACHMENT_TYPES = new Set(ATTACHMENTS.map((a) => a.type));
const EXCLUSIVE_TYPES = new Set(EXCLUSIVE_ATTACHMENTS.map((a) => a.type));

export const noBroadManagedPolicies: ResourceRule = {
  kind: "resource",
  id: "AAG-005",
  name: "no-broad-managed-policies",
  title: "No broad AWS-managed policies on any principal",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5"], owaspAgentic: ["ASI03"], nistCsf: ["PR.AA-05"], nistAiRmf: ["MAP 4.2", "MANAGE 3.1"] },
  why:
    "AWS-managed full-access policies grant every action of a service (or of all services) on every " +
    "resource, and AWS widens them as services grow. A workload holding AmazonBedrockFullAccess can " +
    "accept model agreements, disable invocation logging and invoke any model; AdministratorAccess " +
    "or PowerUserAccess can do that and create new credentials for itself.",
  fix:
    "Detach the managed policy and grant only what the workload calls on the resources it uses: " +
    "AiAccessPolicy builds a named-resource policy for Bedrock, SageMaker, AgentCore and OpenSearch " +
    "Serverless. Keep administrative access for humans behind a break-glass role (BreakGlassRole).",
  appliesTo: [T.role, T.user, T.group, ...ATTACHMENT_TYPES, ...EXCLUSIVE_TYPES],
  config: {
    broadManagedPolicies: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_BROAD_MANAGED_POLICIES,
      description: "AWS-managed policy names (the last part of the ARN) no principal may hold.",
    },
  },
  check(resource, ctx) {
    const names = new Set(
      (Array.isArray(ctx.config.broadManagedPolicies) ? (ctx.config.broadManagedPolicies as string[]) : DEFAULT_BROAD_MANAGED_POLICIES).map((n) =>
        n.toLowerCase(),
      ),
    );
    const property = ATTACHMENT_TYPES.has(resource.type) ? "policyArn" : EXCLUSIVE_TYPES.has(resource.type) ? "policyArns" : "managedPolicyArns";
    const list = asStringList(resource.properties[property]);
    if (list.unknown) ctx.cannotValidate(property, `${property} is not known until apply, so the attached policies cannot be checked.`);
    for (const arn of list.values) {
      if (isUnknown(arn)) continue;
      const name = awsManagedPolicyName(arn);
      if (!name) continue;
      const target = ATTACHMENT_TYPES.has(resource.type) || EXCLUSIVE_TYPES.has(resource.type) ? describeAttachmentTarget(resource.properties) : "";
      if (names.has(name.toLowerCase())) {
        ctx.violation(`ManagedPolicy::${name}`, `attaches the AWS-managed policy ${name}${target}.`, { property });
        continue;
      }
      // Any other AWS-managed policy is judged by its real document, as AWS would evaluate it.
      const found = lookupManagedPolicy(arn);
      if (found.kind !== "found") {
        const why = found.kind === "unavailable" ? found.reason : "it is not in the AWS-managed policy catalog (new, retired or misspelt)";
        ctx.cannotValidate(property, `AWS-managed policy ${shownPart(arn, name)}${target}: ${why}, so its reach cannot be judged.`);
        continue;
      }
      // Service-linked role policies attach only to roles the service itself assumes.
      if (found.policy.arn.includes(":policy/aws-service-role/")) continue;
      const judged = judgedManagedPolicy(found.policy, ctx.config);
      if (judged.kind === "unreadable") {
        ctx.cannotValidate(property, `AWS-managed policy ${name}: its document cannot be read (${judged.reason}).`);
        continue;
      }
      const risks = judged.risks;
      if (risks.length > 0) {
        ctx.violation(`ManagedPolicy::${name}`, `attaches the AWS-managed policy ${name}${target} (${found.policy.versionId}), which ${risks.slice(0, 3).join("; ")}${risks.length > 3 ? `; and ${risks.length - 3} more` : ""}.`, { property });
      }
    }
  },
};

type JudgedManaged = { kind: "judged"; risks: string[] } | { kind: "unreadable"; reason: string };

/**
 * A managed policy's risks depend only on its document and the rule's settings, and stacks attach the
 * same few managed policies to many principals: judge each once per settings object.
 */
const judgedBySettings = new WeakMap<object, WeakMap<ManagedPolicy, JudgedManaged>>();

function judgedManagedPolicy(policy: ManagedPolicy, config: Readonly<Record<string, unknown>>): JudgedManaged {
  let byPolicy = judgedBySettings.get(config);
  if (!byPolicy) judgedBySettings.set(config, (byPolicy = new WeakMap()));
  let judged = byPolicy.get(policy);
  if (!judged) {
    const parsed = parsePolicyDocument(policy.document);
    judged = parsed.kind === "ok" ? { kind: "judged", risks: managedPolicyRisks(parsed.document, config) } : { kind: "unreadable", reason: parsed.reason };
    byPolicy.set(policy, judged);
  }
  return judged;
}

/**
 * What makes a managed document broad for an AI path: a whole AI service, AI data-plane actions on
 * open resources, or minting and escalation actions (each judged on its effective reach).
 */
export function managedPolicyRisks(document: PolicyDocument, config: Readonly<Record<string, unknown>>): string[] {
  const sources = [{ label: "managed policy", document }];
  const access = principalAccess([{ source: "managed policy", document }]);
  const out: string[] = [];
  for (const service of aiServicesFrom(config)) {
    const entries = access(service);
    if (entries.length === 0) continue;
    const whole = document.statements.filter((s) => s.effect === "Allow" && (s.action.negated || wholeServicePatterns(s, service).length > 0) && entries.some((e) => e.statement === s));
    if (whole.length > 0) out.push(`allows every action of ${service} (${describeStatement(whole[0])})`);
  }
  const wanted = new Set(dataPlaneActions(dataPlanePatternsFrom(config)).map((a) => a.id));
  const open = new Map<string, Set<string>>();
  for (const service of new Set([...wanted].map((a) => a.split(":")[0]))) {
    for (const e of effectiveAccess(sources, service)) {
      if (!wanted.has(e.action.id) || !e.action.supportsResourceLevel || narrowedByCondition(e)) continue;
      const rs = e.except ? ["every resource but a few"] : e.resources.filter((r) => isOpenResource(r, service));
      for (const r of rs) open.set(r, (open.get(r) ?? new Set()).add(e.action.id));
    }
  }
  // One phrase per set of actions, naming every open resource it reaches.
  const byActions = new Map<string, string[]>();
  for (const [r, ids] of open) {
    const list = [...ids];
    const key = `${list.slice(0, 3).join(", ")}${list.length > 3 ? ` and ${list.length - 3} more` : ""}`;
    byActions.set(key, [...(byActions.get(key) ?? []), r]);
  }
  for (const [actions, rs] of byActions) out.push(`allows ${actions} on ${rs.slice(0, 3).join(", ")}${rs.length > 3 ? ` and ${rs.length - 3} more` : ""}`);
  for (const hit of judgeSensitive(access, MINTING_CHECKS)) if (!hit.advisoryOnly) out.push(hit.detail.replace(/ \(from managed policy\)/, "").replace(/^may call/, "allows").replace(/\.$/, ""));
  return out;
}

function describeAttachmentTarget(props: Readonly<Record<string, unknown>>): string {
  for (const key of ["role", "user", "group", "roles", "users", "groups", "roleName", "userName", "groupName"]) {
    const list = asStringList(props[key]);
    const known = list.values.filter((v) => !isUnknown(v));
    if (known.length > 0) return ` to ${key.replace(/Name$|s$/, "")} ${known.map((v) => `"${v}"`).join(", ")}`;
  }
  return "";
}
