/** Partition, account and region of the deployment, from inputs or the provider's data sources. */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

export interface AwsContextArgs {
  /** AWS partition. @default the provider's (aws.getPartition) */
  readonly partition?: pulumi.Input<string>;
  /** Account id. @default the caller's (aws.getCallerIdentity) */
  readonly accountId?: pulumi.Input<string>;
  /** Default region. @default the provider's (aws.getRegion) */
  readonly region?: pulumi.Input<string>;
}

export interface AwsContext {
  partition: pulumi.Output<string>;
  accountId: pulumi.Output<string>;
  region: pulumi.Output<string>;
}

export function awsContext(parent: pulumi.Resource, args: AwsContextArgs): AwsContext {
  const o = { parent };
  return {
    partition: args.partition !== undefined ? pulumi.output(args.partition) : aws.getPartitionOutput({}, o).partition,
    accountId: args.accountId !== undefined ? pulumi.output(args.accountId) : aws.getCallerIdentityOutput({}, o).accountId,
    region: args.region !== undefined ? pulumi.output(args.region) : aws.getRegionOutput({}, o).region,
  };
}
