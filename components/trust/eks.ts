/** EKS trust policies (pure): IRSA (cluster OIDC issuer) and Pod Identity (pods.eks.amazonaws.com). */
import { fail, quote } from "../common/errors";
import { accountOf, hasWildcard, issuerHostOf, parseArn } from "../common/arn";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../common/documents";
import { oidcTrustPolicy } from "./oidc";

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly serviceAccount: string;
}

const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** `namespace:serviceaccount` strings or objects → checked pairs. */
export function parseServiceAccounts(subject: string, field: string, values: readonly (string | ServiceAccountRef)[]): ServiceAccountRef[] {
  if (values.length === 0) fail(subject, `give at least one ${field} entry (namespace:serviceaccount); a role without a subject can be assumed by any service account in the cluster`);
  return values.map((v) => {
    const pair = typeof v === "string" ? v.split(":") : [v.namespace, v.serviceAccount];
    const shown = typeof v === "string" ? v : `${v.namespace}:${v.serviceAccount}`;
    if (pair.length !== 2 || pair.some((x) => !x)) fail(subject, `${field} entry ${quote(shown)} is not namespace:serviceaccount`);
    if (pair.some(hasWildcard)) fail(subject, `${field} entry ${quote(shown)} has a wildcard; name each namespace and service account`);
    if (pair.some((x) => !K8S_NAME.test(x))) fail(subject, `${field} entry ${quote(shown)} is not a valid Kubernetes namespace:name (lower case, digits, '-', '.')`);
    return { namespace: pair[0], serviceAccount: pair[1] };
  });
}

export interface IrsaTrustSpec {
  /** ARN of the cluster's IAM OIDC provider (`…:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>`). */
  readonly providerArn: string;
  readonly serviceAccounts: readonly (string | ServiceAccountRef)[];
}

export function eksIrsaTrustPolicy(subject: string, spec: IrsaTrustSpec): PolicyDocument {
  const host = issuerHostOf(subject, "oidcProviderArn", spec.providerArn);
  if (!/\/id\/[0-9A-Za-z]+$/.test(host)) fail(subject, `oidcProviderArn is for issuer ${quote(host)}, which is not an EKS cluster issuer (oidc.eks.<region>.amazonaws.com/id/<ID>)`);
  const pairs = parseServiceAccounts(subject, "serviceAccounts", spec.serviceAccounts);
  const subjects = pairs.map((p) => `system:serviceaccount:${p.namespace}:${p.serviceAccount}`);
  return oidcTrustPolicy(subject, { providerArn: spec.providerArn, subjects, sidPrefix: "EksIrsa" });
}

export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

export interface PodIdentityTrustSpec {
  /** `arn:aws:eks:<region>:<account>:cluster/<name>`; `aws:SourceAccount` comes from it. */
  readonly clusterArn: string;
  readonly serviceAccounts: readonly (string | ServiceAccountRef)[];
  /**
   * Also require the session tags EKS Pod Identity sets (`kubernetes-namespace`,
   * `kubernetes-service-account`), one statement per pair. Turn off only if the association
   * disables session tags. @default true
   */
  readonly pinSessionTags?: boolean;
}

export function clusterNameOf(subject: string, clusterArn: string): string {
  const p = parseArn(clusterArn);
  if (!p || p.service !== "eks" || !p.resource.startsWith("cluster/")) fail(subject, `clusterArn ${quote(clusterArn)} is not an EKS cluster ARN (arn:aws:eks:<region>:<account>:cluster/<name>)`);
  return p.resource.slice("cluster/".length);
}

export function eksPodIdentityTrustPolicy(subject: string, spec: PodIdentityTrustSpec): PolicyDocument {
  clusterNameOf(subject, spec.clusterArn);
  const account = accountOf(subject, "clusterArn", spec.clusterArn);
  const pairs = parseServiceAccounts(subject, "serviceAccounts", spec.serviceAccounts);
  const base = { Effect: "Allow" as const, Principal: { Service: POD_IDENTITY_SERVICE }, Action: ["sts:AssumeRole", "sts:TagSession"] };
  const scope = { "aws:SourceAccount": account };
  const arn = { ArnEquals: { "aws:SourceArn": spec.clusterArn } };
  if (spec.pinSessionTags === false) {
    return policyDocument([{ Sid: "EksPodIdentity", ...base, Condition: { StringEquals: scope, ...arn } }]);
  }
  const statements: PolicyStatement[] = pairs.map((p, i) => ({
    Sid: `EksPodIdentity${i + 1}`,
    ...base,
    Condition: {
      StringEquals: { ...scope, "aws:RequestTag/kubernetes-namespace": p.namespace, "aws:RequestTag/kubernetes-service-account": p.serviceAccount },
      ...arn,
    },
  }));
  return policyDocument(statements);
}
