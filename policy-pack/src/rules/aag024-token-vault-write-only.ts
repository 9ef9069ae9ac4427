import { T } from "../model/resource";
import { block, blocks } from "../model/blocks";
import { isRecord } from "../model/values";
import type { ResourceRule } from "../engine/types";

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

export const tokenVaultWriteOnly: ResourceRule = {
  kind: "resource",
  id: "AAG-024",
  name: "token-vault-secrets-write-only",
  title: "AgentCore credential providers take their secret write-only or from Secrets Manager, never inline",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI2", "NHI7"], owaspAgentic: ["ASI03"], nistCsf: ["PR.DS-01", "PR.AA-01"], nistAiRmf: ["MEASURE 2.7", "MANAGE 3.1"] },
  why:
    "An API key or OAuth client secret passed in `apiKey` / `clientSecret` is stored in the state file (and in a " +
    "Terraform plan in clear), where anyone who reads the state gets the key the agents use for third-party " +
    "tools and models. Marking it secret encrypts it in Pulumi state, but the value still lives there.",
  fix:
    "Use the write-only form (`apiKeyWo` with `apiKeyWoVersion`, `clientSecretWo` with `clientCredentialsWoVersion`), " +
    "or keep the secret in Secrets Manager and reference it (`apiKeySecretConfig` / `clientSecretSource: \"EXTERNAL\"` " +
    "with `clientSecretConfig`).",
  appliesTo: [T.agentcoreApiKeyProvider, T.agentcoreOauth2Provider],
  check(resource, ctx) {
    const p = resource.properties;
    if (resource.type === T.agentcoreApiKeyProvider) {
      if (present(p.apiKey)) ctx.violation("Credential::apiKey", "takes its API key inline in `apiKey`, so the key is kept in state.", { property: "apiKey" });
      return;
    }
    const cfg = block(p.oauth2ProviderConfig);
    if (!cfg) return;
    for (const [vendor, value] of Object.entries(cfg)) {
      for (const b of blocks(value)) {
        if (isRecord(b) && present(b.clientSecret)) {
          ctx.violation(`Credential::${vendor}.clientSecret`, `takes its OAuth client secret inline in \`oauth2ProviderConfig.${vendor}.clientSecret\`, so the secret is kept in state.`, { property: "oauth2ProviderConfig" });
        }
      }
    }
  },
};
