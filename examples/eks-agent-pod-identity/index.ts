// An agent workload on EKS (namespace `support`, service account `support-agent`) gets a role
// through EKS Pod Identity: trust `pods.eks.amazonaws.com` scoped to this account and cluster, the
// PodIdentityAssociation, and access to exactly one Bedrock agent alias and one knowledge base.
import * as pulumi from "@pulumi/pulumi";
import { AiAccessPath } from "../../components";

const config = new pulumi.Config();

const agent = new AiAccessPath("support-agent", {
  identity: {
    source: "eks-pod-identity",
    clusterArn: config.get("clusterArn") ?? "arn:aws:eks:us-east-1:123456789012:cluster/agents",
    serviceAccounts: ["support:support-agent"],
  },
  access: {
    agentAliases: [{ agentId: config.get("agentId") ?? "SUPPORTAGT", aliasId: config.get("agentAliasId") ?? "PRODALIAS1" }],
    knowledgeBases: [config.get("knowledgeBaseId") ?? "SUPPORTKB1"],
  },
  logging: { cloudWatch: { logGroupName: "/aws/bedrock/model-invocations", retentionInDays: 365 } },
  owner: "support-platform",
  purpose: "support-agent-runtime",
});

export const roleArn = agent.roleArn;
export const accessPath = agent.description;
