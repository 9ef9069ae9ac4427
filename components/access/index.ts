export * from "./policy";
export * from "./ai-access-policy";
