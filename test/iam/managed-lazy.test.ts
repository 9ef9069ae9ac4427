/** The 77 MB managed-policy catalog is read only when an AWS-managed ARN is met. */
import { expect, it } from "vitest";
import { buildStackView } from "../../policy-pack/src/stack/view";
import { managedCatalogLoaded, lookupManagedPolicy } from "../../policy-pack/src/stack/managed-policies";

const role = (managedPolicyArns: string[]) => ({
  type: "aws:iam/role:Role",
  name: "r",
  urn: "urn:pulumi:d::p::aws:iam/role:Role::r",
  properties: { name: "r", assumeRolePolicy: "{}", managedPolicyArns },
  source: "pulumi" as const,
});

it("does not read the catalog for stacks without AWS-managed policies, and resolves by ARN or name once met", () => {
  buildStackView([role(["arn:aws:iam::123456789012:policy/mine"])]);
  expect(managedCatalogLoaded()).toBe(false);
  const view = buildStackView([role(["arn:aws:iam::aws:policy/job-function/DataScientist"])]);
  expect(managedCatalogLoaded()).toBe(true);
  expect(view.principals[0].grants[0]).toMatchObject({ source: "AWS-managed DataScientist" });
  expect(view.principals[0].reachesAi).toBe(true);
  expect(lookupManagedPolicy("datascientist")).toMatchObject({ kind: "found", policy: { arn: "arn:aws:iam::aws:policy/job-function/DataScientist" } });
  expect(lookupManagedPolicy("arn:aws:iam::aws:policy/NoSuchPolicy").kind).toBe("unknown-name");
});
