import { ATTACHMENTS, EXCLUSIVE_ATTACHMENTS, T } from "../model/resource";
import { isUnknown, asStringList } from "../model/values";
import type { ResourceRule } from "../engine/types";
import { awsManagedPolicyName } from "../iam/arn";

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
      if (name && names.has(name.toLowerCase())) {
        const target = ATTACHMENT_TYPES.has(resource.type) || EXCLUSIVE_TYPES.has(resource.type) ? describeAttachmentTarget(resource.properties) : "";
        ctx.violation(`ManagedPolicy::${name}`, `attaches the AWS-managed policy ${name}${target}.`, { property });
      }
    }
  },
};

function describeAttachmentTarget(props: Readonly<Record<string, unknown>>): string {
  for (const key of ["role", "user", "group", "roles", "users", "groups", "roleName", "userName", "groupName"]) {
    const list = asStringList(props[key]);
    const known = list.values.filter((v) => !isUnknown(v));
    if (known.length > 0) return ` to ${key.replace(/Name$|s$/, "")} ${known.map((v) => `"${v}"`).join(", ")}`;
  }
  return "";
}
