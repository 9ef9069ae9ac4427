/** AWS service trust (pure), always scoped by `aws:SourceAccount` and `aws:SourceArn`. */
import { policyDocument, type PolicyDocument } from "../common/documents";

export function serviceTrustPolicy(sid: string, service: string, account: string, sourceArnPattern: string): PolicyDocument {
  return policyDocument([
    {
      Sid: sid,
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": sourceArnPattern } },
    },
  ]);
}
