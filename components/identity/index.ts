export * from "./oidc-provider";
export * from "./roles";
export type { WorkloadRoleCommonArgs } from "./workload-role";
