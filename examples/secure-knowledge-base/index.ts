// The support handbook as a knowledge base. The vector collection has its own KMS key, is
// reachable only from Bedrock and the VPC endpoint of the support VPC (never from the internet),
// and only three named roles may touch its data: the knowledge base, the pipeline that creates the
// index, and the support agent that reads it. The knowledge-base role can use this collection, the
// Titan embedding model and the handbook prefix of the docs bucket, nothing else.
import { AiAccessPolicy, AiAuditTrail, EksPodIdentityRole, ModelInvocationLogging, SecureKnowledgeBase } from "../../components";

const agent = new EksPodIdentityRole("support-agent", {
  clusterArn: "arn:aws:eks:us-east-1:123456789012:cluster/support",
  serviceAccounts: ["support:agent"],
  owner: "support-platform",
  purpose: "support-agent-retrieval",
});

const handbook = new SecureKnowledgeBase("support-handbook", {
  vpcEndpointIds: ["vpce-0a1b2c3d4e5f6a7b8"],
  indexWriters: ["arn:aws:iam::123456789012:role/handbook-index-pipeline"],
  readers: [agent.roleArn],
  knowledgeBase: {
    embeddingModel: "amazon.titan-embed-text-v2:0",
    vectorIndexName: "handbook",
    dataSource: { bucketArn: "arn:aws:s3:::acme-support-docs", prefix: "handbook/" },
  },
  owner: "support-platform",
  purpose: "support-handbook-retrieval",
});

new AiAccessPolicy("support-agent-retrieval", {
  role: agent.roleName,
  access: { knowledgeBases: [handbook.knowledgeBase.id] },
});

new ModelInvocationLogging("invocation-logs", { cloudWatch: {}, owner: "support-platform", purpose: "model-invocation-audit" });

// Retrievals from the knowledge base are CloudTrail data events: record them.
new AiAuditTrail("retrieval-audit", { owner: "support-platform", purpose: "knowledge-base-audit" });
