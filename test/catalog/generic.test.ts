import { describe, expect, it } from 'vitest';
import { asBool, asNumber, asStrings, capZones, hasUnknown, isRedundant, placedZones } from '../../src/catalog/judging/index.js';
import { RECOVERY, recovery } from '../../src/catalog/recovery.js';
import { UNKNOWN, entry, fakeView, judge, summary } from './view.js';

describe('value helpers', () => {
  it('read CloudFormation strings and Terraform values alike', () => {
    expect(asBool('true')).toBe(true);
    expect(asBool(false)).toBe(false);
    expect(asBool(undefined)).toBeUndefined();
    expect(asBool(null)).toBeUndefined();
    expect(asBool(UNKNOWN)).toBe(UNKNOWN);
    expect(asBool('maybe')).toBe(UNKNOWN);
    expect(asNumber('3')).toBe(3);
    expect(asNumber(2)).toBe(2);
    expect(asNumber('x')).toBe(UNKNOWN);
    expect(asStrings(['a', UNKNOWN])).toBe(UNKNOWN);
    expect(hasUnknown({ a: [1, { b: UNKNOWN }] })).toBe(true);
    expect(hasUnknown({ a: [1] })).toBe(false);
  });

  it('zones never exceed instances; a single instance is in one zone', () => {
    expect(capZones({ count: 3, names: ['a', 'b', 'c'] }, 2)).toEqual({ count: 2 });
    expect(capZones({ count: 2, names: ['a', 'b'] }, 3)).toEqual({ count: 2, names: ['a', 'b'] });
    expect(placedZones(fakeView({ type: 'aws_instance' }), ['subnetId'], 1)).toEqual({ count: 1 });
    expect(placedZones(fakeView({ type: 'aws_instance' }), ['subnetId'], 2)).toBeNull();
  });

  it('isRedundant needs two instances (or zonal management) and two zones', () => {
    expect(isRedundant({ instances: 2, zones: { count: 2 }, failover: true, quorum: false })).toBe(true);
    expect(isRedundant({ instances: 2, zones: { count: 1 }, failover: true, quorum: false })).toBe(false);
    expect(isRedundant({ instances: 1, zones: { count: 1 }, failover: false, quorum: false, zonalManaged: true })).toBe(false);
  });
});

describe('recovery estimates', () => {
  it('gives bounds where the estimate is bounded', () => {
    expect(RECOVERY.multiAzFailover.rtoMaxSeconds).toBe(120);
    expect(RECOVERY.multiAzFailover.rpoMaxSeconds).toBe(0);
    expect('rtoMaxSeconds' in RECOVERY.snapshotRestore).toBe(false);
    expect(recovery('multiAzFailover', 'snapshotRestore')).toEqual({ redundant: RECOVERY.multiAzFailover, single: RECOVERY.snapshotRestore });
  });
});

describe('generic AWS entries', () => {
  it('a subnet is a connector that carries its zone', () => {
    const e = entry('aws_subnet');
    expect(e.role).toBe('connector');
    expect(judge({ type: 'aws_subnet', attrs: { availability_zone: 'us-east-1a' } }).redundancy.zones).toEqual({ count: 1, names: ['us-east-1a'] });
    expect(judge({ type: 'AWS::EC2::Subnet', format: 'cloudformation', attrs: { AvailabilityZone: 'us-east-1b' } }).redundancy.zones?.names).toEqual(['us-east-1b']);
    expect(judge({ type: 'aws_subnet', attrs: { availability_zone: UNKNOWN } }).redundancy.zones).toBeNull();
  });

  it('connectors and passive types', () => {
    for (const t of ['aws_route_table', 'aws_security_group', 'aws_lb_target_group', 'aws_lb_listener', 'aws_vpc']) expect(entry(t).role, t).toBe('connector');
    for (const t of ['aws_iam_role', 'aws_kms_key', 'aws_cloudwatch_log_group', 'aws_iam_role_policy_attachment', 'random_password', 'null_resource']) expect(entry(t).role, t).toBe('passive');
  });

  it('regional managed services are regional and never single', () => {
    for (const t of ['aws_s3_bucket', 'aws_dynamodb_table', 'aws_sqs_queue', 'aws_sns_topic', 'aws_lambda_function', 'aws_secretsmanager_secret', 'aws_ecr_repository', 'aws_cloudfront_distribution']) {
      const e = entry(t);
      expect(e.regional, t).toBe(true);
      expect(summary(judge({ type: t })).instances, t).toBeGreaterThanOrEqual(2);
    }
    expect(entry('aws_cloudfront_distribution').entryPoint).toBe(true);
  });

  it('associations say which side needs which', () => {
    expect(entry('aws_lb_target_group_attachment').edges).toEqual({ association: { from: 'target_group_arn', to: 'target_id' }, alternatives: true });
    expect(entry('AWS::EC2::SubnetRouteTableAssociation', 'cloudformation').attributes?.['routeTableId']).toEqual({ terraform: 'route_table_id', cloudformation: 'RouteTableId' });
    expect(entry('aws_lambda_event_source_mapping').edges?.association).toEqual({ from: 'functionName', to: 'eventSourceArn' });
  });
});

describe('subnet copies', () => {
  it('one subnet per zone with for_each spans the resolved zones', () => {
    const j = judge({ type: 'aws_subnet', count: 3, attrs: { availability_zone: 'a' }, zones: { count: 3, names: ['a', 'b', 'c'] } });
    expect(j.redundancy).toMatchObject({ instances: 3, zones: { count: 3 } });
    expect(summary(judge({ type: 'aws_subnet', count: 2, attrs: { availability_zone: 'a' } })).zones).toBeNull();
  });
});
