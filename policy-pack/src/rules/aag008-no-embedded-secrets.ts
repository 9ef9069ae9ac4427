import * as zlib from "zlib";
import { T } from "../model/resource";
import { isRecord, isUnknown, ownValue } from "../model/values";
import type { ResourceRule, RuleContext } from "../engine/types";
import { CREDENTIAL_WORD, detectorsFor, looksRandom } from "../engine/secrets";
import { registerSecret, secretOriginOf } from "../engine/secret-values";

/** Properties that are the designated place for a secret value and are never stored in state (write-only), or are public keys. */
const DESIGNATED: Record<string, ReadonlySet<string>> = {
  [T.secretVersion]: new Set(["secretStringWo", "secretBinaryWo"]),
  "aws:iam/userLoginProfile:UserLoginProfile": new Set(["pgpKey"]),
  [T.accessKey]: new Set(["pgpKey"]),
  [T.agentcoreApiKeyProvider]: new Set(["apiKeyWo"]),
};

const OAUTH2_PROVIDER = "aws:bedrock/agentcoreOauth2CredentialProvider:AgentcoreOauth2CredentialProvider";

/**
 * Fields that are credentials by the provider's schema, with their write-only replacement. Any known
 * value in them is a credential, whatever it looks like; it is stored in the program or its
 * configuration and in the state (Terraform state in clear). Keys are matched at any depth (OAuth
 * client secrets sit in a nested provider block). Every one blocks: a literal secret string is in the
 * code and the state as much as a literal provider key (as a literal RDS password is).
 */
interface CredentialField {
  readonly replacement: string;
  readonly advisoryOnly: boolean;
}
const CREDENTIAL_FIELDS: Record<string, Readonly<Record<string, CredentialField>>> = {
  [T.agentcoreApiKeyProvider]: { apiKey: { replacement: "apiKeyWo (write-only) or a Secrets Manager source", advisoryOnly: false } },
  [OAUTH2_PROVIDER]: { clientSecret: { replacement: "clientSecretWo (write-only) or clientSecretArn", advisoryOnly: false } },
  [T.secretVersion]: {
    secretString: { replacement: "secretStringWo (write-only), or a value generated at apply (random password resource)", advisoryOnly: false },
    secretBinary: { replacement: "secretBinaryWo (write-only)", advisoryOnly: false },
  },
};

const NOTHING_DESIGNATED: ReadonlySet<string> = new Set();
const SECURE_STRING_VALUE: ReadonlySet<string> = new Set([...(DESIGNATED[T.ssmParameter] ?? []), "value"]);
const NO_FIELDS: Readonly<Record<string, CredentialField>> = Object.freeze({});

const KEY_LIKE = new RegExp(`(${CREDENTIAL_WORD})`, "i");
/** Names that hold a reference to a credential, not the credential (`OPENAI_API_KEY_SECRET_ARN`, `secretId`). */
const REFERENCE_NAME = /(arn|id|ids|name|url|uri|endpoint|path|version|versions|type|source|config|configuration|ttl|expiry|expiration|rotation|length|location|ref|reference|enabled|policy)$/i;
/** Values that are identifiers by shape: ARNs, URLs, OIDC subjects, Kubernetes subjects. */
const IDENTIFIER_VALUE = /^(arn:|https?:|repo:|project_path:|system:serviceaccount:|urn:)/;
/** Passwords in a URL that are placeholders filled in at run time (`$DB_PASSWORD`, `{{password}}`, `%s`). */
const PLACEHOLDER_PASSWORD = /:\/\/[^\s:@/]*:(?:\$|\{\{|%s|\*+@|<)/;
/** Largest text opened from base64 or gzip user data. */
const MAX_DECODED = 8 * 1024 * 1024;

function isCredentialName(key: string): boolean {
  // Condition keys and dotted paths (`aws:SourceArn`, `token.actions.githubusercontent.com:sub`) are not property names.
  if (key.includes(":") || key.includes(".")) return false;
  return KEY_LIKE.test(key);
}

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
    const designated = resource.type === T.ssmParameter && resource.properties.type === "SecureString" ? SECURE_STRING_VALUE : (ownValue(DESIGNATED, resource.type) ?? NOTHING_DESIGNATED);
    scanObject(resource.properties, ctx, designated, ownValue(CREDENTIAL_FIELDS, resource.type) ?? NO_FIELDS);
  },
};

/**
 * Every string of the inputs, at any depth and however many (an explicit stack, no recursion, no
 * budget: a cap would let a key placed after it pass silently), including JSON held in strings and
 * base64 (optionally gzip) user data.
 */
function scanObject(root: unknown, ctx: RuleContext, skip: ReadonlySet<string>, fields: Readonly<Record<string, CredentialField>>): void {
  const stack: Array<{ v: unknown; p: string; key: string; top: boolean }> = [{ v: root, p: "", key: "", top: true }];
  while (stack.length > 0) {
    const { v, p, key, top } = stack.pop()!;
    if (typeof v === "string") inspectString(v, p, key);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], p: `${p}[${i}]`, key, top: false });
    else if (isRecord(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        if (top && skip.has(k)) continue;
        stack.push({ v: v[k], p: p ? `${p}.${k}` : k, key: k, top: false });
      }
    }
  }

  function inspectString(s: string, p: string, key: string): void {
    const field = ownValue(fields, key);
    if (field !== undefined) return judgeCredentialField(s, p, field);
    if (isUnknown(s)) {
      if (isCredentialName(key) && !REFERENCE_NAME.test(key)) {
        ctx.cannotValidate(p, `\`${p}\` is not known until apply; under a credential-like name it may be a literal key, which this check cannot see. Pass a secret reference (an ARN) instead, or check again after apply.`);
      }
      return;
    }
    if (s.length < 8) return;
    // JSON held in a string (ECS container definitions, policies) is opened up.
    const trimmed = s.trim();
    if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && trimmed.length < 4_000_000) {
      try {
        const parsed = JSON.parse(trimmed);
        if (typeof parsed === "object" && parsed !== null) {
          stack.push({ v: parsed, p, key, top: false });
          return;
        }
      } catch {
        /* not JSON: scan as text */
      }
    }
    const text = /userdata/i.test(key) ? decodeUserData(trimmed) ?? s : s;
    for (const d of detectorsFor(text)) {
      d.pattern.lastIndex = 0;
      const m = d.pattern.exec(text);
      if (m && !(d.kind === "password in a URL" && PLACEHOLDER_PASSWORD.test(m[0]))) {
        ctx.violation(`Secret::${p}`, `\`${p}\` holds a literal ${d.kind} (${d.prefix(m[0])}).`, { property: p });
        return;
      }
    }
    // AWS secret access keys have no prefix: random characters under a credential-like property name.
    // Only plain property names count: IAM condition keys (`token.actions…:sub`) hold identifiers, not secrets.
    if (isCredentialName(key) && !/\s/.test(s) && !IDENTIFIER_VALUE.test(s) && looksRandom(s, 16, 3.5)) {
      ctx.violation(`Secret::${p}`, `\`${p}\` holds a high-entropy literal under a credential-like name (****).`, { property: p });
    }
  }

  function judgeCredentialField(s: string, p: string, field: CredentialField): void {
    // Unknown at preview: generated at apply or read from another resource, not a literal.
    if (isUnknown(s) || s === "") return;
    // Pulumi secrets are encrypted in state and configuration: handled as a secret already.
    if (secretOriginOf(s) === "secret" && !registeredHere.has(s)) return;
    registerSecret(s);
    registeredHere.add(s);
    ctx.violation(`Secret::${p}`, `\`${p}\` is a credential by the provider's schema and holds a literal value (withheld): it is stored in the program or its configuration and in the state. Use ${field.replacement}.`, { property: p, advisoryOnly: field.advisoryOnly });
  }
}

/** Values this rule registered itself (credential fields): still judged when seen again. */
const registeredHere = new Set<string>();

/** Base64 user data as text, gunzipped when it is gzip (cloud-init accepts both); undefined when it is neither. */
function decodeUserData(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  let bytes: Buffer = Buffer.from(compact, "base64");
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes, { maxOutputLength: MAX_DECODED });
    } catch {
      return undefined;
    }
  }
  const decoded = bytes.toString("utf8");
  return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(decoded) ? decoded : undefined;
}
