/**
 * Which risk each peer check covers, in this project's terms (a rule ID). A peer check whose risk
 * none of our rules covers is listed on its own ("peer only"), so what a peer catches and we miss
 * stays visible. Rule IDs that do not exist in the catalog being measured (a rule not merged yet)
 * fall back to "peer only" at report time. Only IAM, credential, secret, OIDC and AI-service checks
 * are mapped; the rest of Checkov's catalog (S3 logging, VPC flow logs…) is outside the comparison
 * and only counted.
 */

export interface PeerCheck {
  readonly id: string;
  readonly title: string;
  /** Our rules for the same risk; empty: no rule of ours covers it. */
  readonly covers: readonly string[];
  /** How far the overlap goes, when it is partial. */
  readonly note?: string;
}

/** Checkov 3.x checks (terraform_plan and secrets frameworks). Titles as Checkov prints them, shortened. */
export const CHECKOV_CHECKS: readonly PeerCheck[] = [
  { id: "CKV_AWS_348", title: "IAM root user has access keys", covers: ["AAG-001"], note: "root user only" },
  { id: "CKV_AWS_273", title: "access through SSO, not IAM users", covers: ["AAG-001"], note: "flags every IAM user, with or without a key" },
  { id: "CKV_SECRET_*", title: "secret pattern in the file (secrets framework)", covers: ["AAG-008"] },
  { id: "CKV_AWS_41", title: "hard-coded AWS keys in the provider", covers: ["AAG-008"] },
  { id: "CKV_AWS_45", title: "hard-coded secrets in Lambda environment", covers: ["AAG-008"] },
  { id: "CKV_AWS_46", title: "hard-coded secrets in EC2 user data", covers: ["AAG-008"] },
  { id: "CKV_AWS_62", title: 'full "*:*" administrative privileges', covers: ["AAG-003"], note: "Action * reaches every AI action" },
  { id: "CKV_AWS_1", title: 'full "*:*" administrative privileges (policy document)', covers: ["AAG-003"] },
  { id: "CKV_AWS_63", title: 'Action "*" in a statement', covers: ["AAG-003"] },
  { id: "CKV_AWS_49", title: 'Action "*" in a statement (policy document)', covers: ["AAG-003"] },
  { id: "CKV_AWS_355", title: 'Resource "*" for restrictable actions', covers: ["AAG-004"], note: "every service, not only AI data-plane actions" },
  { id: "CKV_AWS_356", title: 'Resource "*" for restrictable actions (policy document)', covers: ["AAG-004"] },
  { id: "CKV_AWS_286", title: "privilege escalation", covers: ["AAG-010", "AAG-018"], note: "iam:PassRole and other escalation actions on *" },
  { id: "CKV_AWS_110", title: "privilege escalation (policy document)", covers: ["AAG-010", "AAG-018"] },
  { id: "CKV_AWS_287", title: "credentials exposure", covers: ["AAG-018"] },
  { id: "CKV_AWS_107", title: "credentials exposure (policy document)", covers: ["AAG-018"] },
  { id: "CKV_AWS_288", title: "data exfiltration (s3/ssm/secrets reads on *)", covers: ["AAG-018"], note: "AAG-018 covers vault-wide secret reads, not S3/SSM reads" },
  { id: "CKV_AWS_108", title: "data exfiltration (policy document)", covers: ["AAG-018"] },
  { id: "CKV_AWS_289", title: "permissions management / resource exposure without constraints", covers: [] },
  { id: "CKV_AWS_109", title: "permissions management without constraints (policy document)", covers: [] },
  { id: "CKV_AWS_290", title: "write access without constraints", covers: [] },
  { id: "CKV_AWS_111", title: "write access without constraints (policy document)", covers: [] },
  { id: "CKV2_AWS_40", title: "full IAM privileges", covers: ["AAG-018"] },
  { id: "CKV_AWS_274", title: "AdministratorAccess attached", covers: ["AAG-005"] },
  { id: "CKV_AWS_275", title: "AdministratorAccess used by a policy", covers: ["AAG-005"] },
  { id: "CKV2_AWS_56", title: "IAMFullAccess attached", covers: ["AAG-005"] },
  { id: "CKV_AWS_40", title: "policies attached to users, not groups or roles", covers: [] },
  { id: "CKV2_AWS_22", title: "IAM user with console access", covers: [] },
  { id: "CKV_AWS_60", title: "role assumable only by specific services or principals", covers: ["AAG-013"] },
  { id: "CKV_AWS_61", title: "assume role across all services", covers: ["AAG-013"] },
  { id: "CKV_AWS_283", title: "policy allows any AWS principal", covers: ["AAG-013", "AAG-025"] },
  { id: "CKV_AWS_33", title: "KMS key policy with a wildcard principal", covers: ["AAG-025"] },
  { id: "CKV_AWS_258", title: "Lambda function URL with AuthType NONE", covers: ["AAG-020"] },
  { id: "CKV_AWS_301", title: "Lambda function publicly accessible (permission)", covers: ["AAG-020", "AAG-025"] },
  { id: "CKV_AWS_309", title: "API Gateway v2 route without authorization", covers: ["AAG-020"], note: "every route, whether or not it reaches AI" },
  { id: "CKV_AWS_364", title: "Lambda permission for a service without SourceArn/SourceAccount", covers: ["AAG-025"] },
  { id: "CKV_AWS_67", title: "CloudTrail in all regions", covers: ["AAG-026"], note: "trail shape only; no Bedrock/AgentCore data events" },
  { id: "CKV_AWS_251", title: "CloudTrail logging enabled", covers: ["AAG-026"] },
  { id: "CKV_AWS_358", title: "GitHub Actions OIDC trust: safe claims (policy document)", covers: ["AAG-006"] },
  { id: "CKV_AWS_393", title: "GitHub Actions OIDC trust: safe claims (role)", covers: ["AAG-006"] },
  { id: "CKV2_AWS_57", title: "Secrets Manager automatic rotation", covers: ["AAG-007"], note: "every secret, not only AI provider keys" },
  { id: "CKV_AWS_304", title: "Secrets Manager rotation within 90 days", covers: ["AAG-007"] },
  { id: "CKV_AWS_149", title: "Secrets Manager secret encrypted with a CMK", covers: [] },
  { id: "CKV_AWS_383", title: "Bedrock agent has guardrails", covers: ["AAG-014"] },
  { id: "CKV_AWS_373", title: "Bedrock agent encrypted with a CMK", covers: [] },
  { id: "CKV2_AWS_68", title: "SageMaker notebook IAM policy overly permissive", covers: [] },
];

/** @pulumi/awsguard 0.3.x policies (all 26 are listed by GetAnalyzerInfo; only these touch identity). */
export const AWSGUARD_POLICIES: readonly PeerCheck[] = [
  { id: "access-keys-rotated", title: "access key rotated within maxKeyAge days", covers: ["AAG-001"], note: "key age only, read from the AWS API at preview (needs credentials)" },
  { id: "mfa-enabled-for-iam-console-access", title: "MFA for console users", covers: [] },
  { id: "cmk-backing-key-rotation-enabled", title: "KMS key rotation", covers: [] },
];

/** The peer check entry for a reported check ID (`CKV_SECRET_2` → the `CKV_SECRET_*` entry). */
export function peerCheck(checks: readonly PeerCheck[], id: string): PeerCheck | undefined {
  return checks.find((c) => c.id === id) ?? checks.find((c) => c.id.endsWith("*") && id.startsWith(c.id.slice(0, -1)));
}
