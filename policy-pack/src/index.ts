/** Public, framework-free API of the rule engine (used by the CLI, the Terraform/cdktf adapters, tests). */
export * from "./model/values";
export * from "./model/resource";
export * from "./iam/document";
export * from "./iam/analysis";
export * from "./iam/catalog";
export * from "./iam/arn";
export * from "./engine/types";
export * from "./engine/config";
export * from "./engine/evaluate";
export * from "./engine/format";
export * from "./engine/ai-scope";
export { RESOURCE_RULES, STACK_RULES, ALL_RULES, ruleById } from "./rules";
export * from "./engine/evaluate-stack";
export * from "./stack/view";
export * from "./stack/graph";
export * from "./iam/resource-policy";
export * from "./engine/secrets";
