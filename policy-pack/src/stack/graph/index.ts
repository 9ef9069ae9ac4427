export * from "./types";
export { accessGraphOf, buildAccessGraph, describePath, EDGE_BUILDERS, extendAccessGraph, PATH_EDGE_BUILDERS } from "./build";
export { AI_RESOURCE_TYPES, RUNS_AS } from "./edges/runs-as";
export { inboundAuth, type InboundAuth } from "./edges/agentcore-authorizers";
export { permissionIsOpen } from "./edges/lambda-permission";
export { functionArnInUri } from "./edges/rest-api";
export { ownAccounts } from "./accounts";
export { aiSecretEdgesFor, aiSecretsOf, type SecretReadOptions } from "./edges/ai-secrets";
