import { T } from "../model/resource";
import { isRecord, isUnknown } from "../model/values";
import type { ResourceRule, RuleContext } from "../engine/types";
import { SECRET_DETECTORS, looksRandom } from "../engine/secrets";

/** Properties that are the designated place for a secret value (judged by other rules, not here). */
const DESIGNATED: Record<string, ReadonlySet<string>> = {
  [T.secretVersion]: new Set(["secretString", "secretBinary", "secretStringWo"]),
  "aws:iam/userLoginProfile:UserLoginProfile": new Set(["pgpKey"]),
  [T.accessKey]: new Set(["pgpKey"]),
};

const KEY_LIKE = /(api[_-]?key|apikey|secret|token|passw(or)?d|credential|private[_-]?key|access[_-]?key|auth)/i;
/** Values that are identifiers by shape: ARNs, URLs, OIDC subjects, Kubernetes subjects. */
const IDENTIFIER_VALUE = /^(arn:|https?:|repo:|project_path:|system:serviceaccount:|urn:)/;

function isCredentialName(key: string): boolean {
  // Condition keys and dotted paths (`aws:SourceArn`, `token.actions.githubusercontent.com:sub`) are not property names.
  if (key.includes(":") || key.includes(".")) return false;
  return KEY_LIKE.test(key);
}
const MAX_DEPTH = 32;
const MAX_STRINGS = 20_000;

export const noEmbeddedSecrets: ResourceRule = {
  kind: "resource",
  id: "AAG-008",
  name: "no-embedded-secrets",
  title: "No literal credentials in resource inputs",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI2", "NHI7"], owaspAgentic: ["ASI03"], nistCsf: ["PR.DS-01", "PR.AA-01"], nistAiRmf: ["MEASURE 2.7", "MANAGE 1.3"] },
  why:
    "A credential written into a Lambda environment, a container definition, user data or a plain " +
    "SSM parameter is stored in clear in the template, the state file, the console and every log that " +
    "prints the resource. AI provider keys found this way are sold and used within hours.",
  fix:
    "Keep the key in Secrets Manager (RotatedAiProviderSecret) and give the workload permission to read " +
    "it at run time; pass only the secret ARN. For AgentCore API key providers use `apiKeyWo` or a " +
    "Secrets Manager source; for SSM use a SecureString. Revoke any key that was committed.",
  appliesTo: ["*"],
  check(resource, ctx) {
    // A SecureString parameter is a designated place for a secret; a String parameter is not.
    if (resource.type === T.ssmParameter && resource.properties.type === "SecureString") {
      scanObject(resource.properties, "", ctx, new Set(["value"]));
      return;
    }
    scanObject(resource.properties, "", ctx, DESIGNATED[resource.type] ?? new Set());
  },
};

function scanObject(value: unknown, path: string, ctx: RuleContext, skip: ReadonlySet<string>): void {
  let budget = MAX_STRINGS;
  const visit = (v: unknown, p: string, key: string, depth: number) => {
    if (budget <= 0 || depth > MAX_DEPTH) return;
    if (typeof v === "string") {
      budget--;
      if (isUnknown(v) || v.length < 8) return;
      inspectString(v, p, key, ctx, depth);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${p}[${i}]`, key, depth + 1));
      return;
    }
    if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (depth === 0 && skip.has(k)) continue;
        visit(x, p ? `${p}.${k}` : k, k, depth + 1);
      }
    }
  };
  visit(value, path, "", 0);

  function inspectString(s: string, p: string, key: string, c: RuleContext, depth: number) {
    // JSON held in a string (ECS container definitions, policies) and base64 user data are opened up.
    const trimmed = s.trim();
    if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && trimmed.length < 2_000_000) {
      try {
        const parsed = JSON.parse(trimmed);
        if (typeof parsed === "object" && parsed !== null) {
          visit(parsed, p, key, depth + 1);
          return;
        }
      } catch {
        /* not JSON: scan as text */
      }
    }
    if (/userdata/i.test(key) && /^[A-Za-z0-9+/=\s]+$/.test(trimmed) && trimmed.length % 4 === 0) {
      const decoded = Buffer.from(trimmed, "base64").toString("utf8");
      if (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(decoded)) s = decoded;
    }
    for (const d of SECRET_DETECTORS) {
      d.pattern.lastIndex = 0;
      const m = d.pattern.exec(s);
      if (m) {
        c.violation(`Secret::${p}`, `\`${p}\` holds a literal ${d.kind} (${d.prefix(m[0])}).`, { property: p });
        return;
      }
    }
    // AWS secret access keys have no prefix: random characters under a credential-like property name.
    // Only plain property names count: IAM condition keys (`token.actions…:sub`) hold identifiers, not secrets.
    if (isCredentialName(key) && !/\s/.test(s) && !IDENTIFIER_VALUE.test(s) && looksRandom(s, 16, 3.5)) {
      c.violation(`Secret::${p}`, `\`${p}\` holds a high-entropy literal under a credential-like name (****).`, { property: p });
    }
  }
}
