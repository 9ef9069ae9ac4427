/**
 * ai-access-guard components: Pulumi components that build AI access paths (Bedrock, SageMaker,
 * AgentCore, OpenSearch Serverless) the safe way, plus the pure builders behind them.
 */
export * from "./common/errors";
export * from "./common/arn";
export * from "./common/documents";
export * from "./common/ownership";
export type { AwsContextArgs } from "./common/context";
export * from "./trust";
export * from "./identity";
export * from "./access";
export * from "./logging/documents";
export * from "./logging/model-invocation-logging";
export * from "./secrets/documents";
export * from "./secrets/rotated-ai-provider-secret";
export * from "./jit/grant";
export * from "./jit/time-boxed-ai-grant";
export * from "./break-glass/documents";
export * from "./break-glass/break-glass-role";
export * from "./path/describe";
export * from "./path/ai-access-path";
export * from "./agent-gateway/documents";
export * from "./agent-gateway/agent-tool-gateway";
export * from "./audit-trail/documents";
export * from "./audit-trail/ai-audit-trail";
export * from "./intent/documents";
export * from "./intent/purpose-bound-access";
export * from "./jit/revocation";
export * from "./jit/session-revocation";
export * from "./org-guardrails/documents";
export * from "./org-guardrails/ai-org-guardrails";
export * from "./knowledge-base/documents";
export * from "./knowledge-base/secure-knowledge-base";
