export * from "./oidc";
export * from "./github";
export * from "./gitlab";
export * from "./eks";
export * from "./service";
