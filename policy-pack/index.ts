/**
 * ai-access-guard CrossGuard policy pack. `main` points at the compiled `bin/index.js` so the
 * engine starts it without type-checking. Nothing may print to stdout before the gRPC port.
 */
import { PolicyPack } from "@pulumi/policy";
import { ALL_RULES } from "./src/rules";
import { buildPolicies } from "./src/crossguard/policies";
import { installConfigureValidation } from "./src/crossguard/configure-validation";
import { installStackFastPath } from "./src/crossguard/stack-fastpath";
import { installAnalyzeFastPath } from "./src/crossguard/analyze-fastpath";
import { installObservedConfig } from "./src/crossguard/observed-config";
import { installHandlerGuard } from "./src/crossguard/handler-guard";

installConfigureValidation(ALL_RULES);
installStackFastPath("ai-access-guard", ALL_RULES);
installAnalyzeFastPath("ai-access-guard", ALL_RULES);
installObservedConfig();
// Outermost (hooks wrap in registration order): reads every request first, answers every call.
installHandlerGuard("ai-access-guard", ALL_RULES);

new PolicyPack("ai-access-guard", {
  policies: buildPolicies(ALL_RULES),
});
