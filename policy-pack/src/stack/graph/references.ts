/**
 * Finds the resource a reference points to, the way the stack view links principals: by URN,
 * logical name, physical name, ARN or id as outputs write them, and, when the value is not known
 * until apply, by the URNs the property depends on (CrossGuard and stack exports record them).
 */
import type { ResourceModel } from "../../model/resource";
import { containsUnknown, isUnknown, ownValue } from "../../model/values";

/** Properties that name a resource itself (never a reference to another one), per type or for all. */
const OWN_REFERENCES_ALL = ["arn", "id", "name"];
const OWN_REFERENCES: Readonly<Record<string, readonly string[]>> = {
  "aws:lambda/function:Function": ["invokeArn", "qualifiedArn", "qualifiedInvokeArn"],
  "aws:bedrock/agentAgent:AgentAgent": ["agentArn", "agentId", "agentName"],
  "aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime": ["agentRuntimeArn", "agentRuntimeId", "agentRuntimeName"],
  "aws:bedrock/agentcoreGateway:AgentcoreGateway": ["gatewayArn", "gatewayId", "gatewayUrl"],
  "aws:bedrock/guardrail:Guardrail": ["guardrailArn", "guardrailId"],
  "aws:kms/key:Key": ["keyId"],
  "aws:s3/bucket:Bucket": ["bucket"],
  "aws:s3/bucketV2:BucketV2": ["bucket"],
  "aws:apigatewayv2/integration:Integration": ["integrationId"],
};

export interface ResourceIndex {
  /** Resources of the given types the value points to (empty when it points outside the stack). */
  find(value: unknown, types: ReadonlySet<string>): ResourceModel[];
  /** `find` on `from.properties[property]`, then on the URNs that property depends on. */
  follow(from: ResourceModel, property: string, value: unknown, types: ReadonlySet<string>): ResourceModel[];
  byUrn(urn: string): ResourceModel | undefined;
}

function refsOf(r: ResourceModel): string[] {
  const out = [r.urn, r.name];
  for (const k of [...OWN_REFERENCES_ALL, ...(ownValue(OWN_REFERENCES, r.type) ?? [])]) {
    const v = r.properties[k];
    if (typeof v === "string" && v !== "" && !containsUnknown(v)) out.push(v);
  }
  return out;
}

/** `arn:aws:lambda:us-east-1:1:function:name:alias` → `name`; other ARNs → the last path segment. */
function nameInArn(value: string): string | undefined {
  if (!value.startsWith("arn:")) return undefined;
  const parts = value.split(":");
  if (parts.length < 6) return undefined;
  if (parts[2] === "lambda" && parts[5] === "function") return parts[6];
  const resource = parts.slice(5).join(":");
  const slash = resource.lastIndexOf("/");
  return slash >= 0 ? resource.slice(slash + 1) : undefined;
}

export function indexResources(resources: readonly ResourceModel[]): ResourceIndex {
  const byRef = new Map<string, ResourceModel[]>();
  const urns = new Map<string, ResourceModel>();
  for (const r of resources) {
    urns.set(r.urn, r);
    for (const ref of new Set(refsOf(r))) {
      const list = byRef.get(ref);
      if (list) list.push(r);
      else byRef.set(ref, [r]);
    }
  }
  const find = (value: unknown, types: ReadonlySet<string>): ResourceModel[] => {
    if (typeof value !== "string" || value === "" || isUnknown(value) || containsUnknown(value)) return [];
    const hit = (byRef.get(value) ?? []).filter((r) => types.has(r.type));
    if (hit.length > 0) return hit;
    const name = nameInArn(value);
    return name ? (byRef.get(name) ?? []).filter((r) => types.has(r.type)) : [];
  };
  return {
    find,
    byUrn: (urn) => urns.get(urn),
    follow(from, property, value, types) {
      const direct = find(value, types);
      if (direct.length > 0) return direct;
      const deps = from.propertyDependencies?.[property] ?? [];
      return deps.map((u) => urns.get(u)).filter((r): r is ResourceModel => r !== undefined && types.has(r.type));
    },
  };
}
