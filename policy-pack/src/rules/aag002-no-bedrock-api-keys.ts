import { T } from "../model/resource";
import { isUnknown } from "../model/values";
import type { ResourceRule } from "../engine/types";

const BEDROCK_SERVICE = "bedrock.amazonaws.com";

export const noBedrockApiKeys: ResourceRule = {
  kind: "resource",
  id: "AAG-002",
  name: "no-long-term-bedrock-api-keys",
  title: "No long-term Bedrock API keys",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI7", "NHI4"], owaspAgentic: ["ASI03"], nistCsf: ["PR.AA-01", "PR.AA-03"], nistAiRmf: ["MEASURE 2.7", "MANAGE 1.3"] },
  why:
    "A long-term Bedrock API key is a bearer token (service-specific credential) tied to an IAM user: " +
    "whoever holds it can call models until it expires or is deleted, from anywhere, with no " +
    "federation, session limit or workload binding in between.",
  fix:
    "Remove the service-specific credential. Give the caller a federated role with a named-model " +
    "grant (AiAccessPath or AiAccessPolicy); if a bearer token is unavoidable, mint short-term Bedrock " +
    "API keys from that role's session (they expire with it) instead of storing a long-term one.",
  appliesTo: [T.serviceSpecificCredential],
  check(resource, ctx) {
    const service = resource.properties.serviceName;
    if (isUnknown(service)) {
      ctx.cannotValidate("serviceName", "serviceName is not known until apply, so it is unknown whether this is a Bedrock API key.");
      return;
    }
    if (typeof service !== "string" || service.toLowerCase() !== BEDROCK_SERVICE) return;
    const user = resource.properties.userName;
    const who = typeof user === "string" && !isUnknown(user) ? ` for IAM user "${user}"` : "";
    const age = resource.properties.credentialAgeDays;
    const ageText = typeof age === "number" ? ` valid for ${age} days` : " with no expiry";
    ctx.violation(`ServiceSpecificCredential::${BEDROCK_SERVICE}`, `creates a long-term Bedrock API key${who}${ageText}.`, { property: "serviceName" });
  },
};
