import { describe, expect, it } from 'vitest';
import { rewriteLine } from '../../../src/formats/cloudformation/fix.js';
import { component, diagnostics, edges, extract, ids, lineOf } from './helpers.js';

const SUBNETS = `  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      AvailabilityZone: !Select [0, !GetAZs '']
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      AvailabilityZone: !Select [1, !GetAZs '']
  SubnetC:
    Type: AWS::EC2::Subnet
    Properties:
      AvailabilityZone: !Select [2, !GetAZs '']
`;

describe('cloudformation extraction: components', () => {
  it('makes one component per created resource, id = logical id, stack = template path, judged by the catalog', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      MultiAZ: false
  Queue:
    Type: AWS::SQS::Queue
  Thing:
    Type: AWS::Some::Unknown
`;
    const x = extract(text, { file: 'infra/app.yaml' });
    expect(ids(x)).toEqual(['Db', 'Queue', 'Thing']);
    const db = component(x, 'Db');
    expect(db).toMatchObject({
      type: 'AWS::RDS::DBInstance',
      format: 'cloudformation',
      stack: 'infra/app.yaml',
      role: 'database',
      rule: 'aws-rds-instance',
      location: { file: 'infra/app.yaml', startLine: 3, endLine: 7 },
      redundancy: { instances: 1, zones: { count: 1 }, failover: false },
    });
    expect(db.attributes.multiAz).toEqual({ attribute: 'MultiAZ', value: false, site: { file: 'infra/app.yaml', startLine: 7, endLine: 7 }, text: '      MultiAZ: false' });
    expect(db.fix).toEqual({
      description: 'set MultiAZ: true (adds a synchronous standby in another zone)',
      suggestion: { file: 'infra/app.yaml', startLine: 7, endLine: 7, replacement: '      MultiAZ: true' },
    });
    expect(component(x, 'Queue')).toMatchObject({ regional: true, rule: 'aws-sqs-queue' });
    expect(component(x, 'Thing')).toMatchObject({ role: 'connector', rule: 'unclassified' });
  });

  it('resources whose Condition is false do not exist; an unknown condition leaves the count unknown, with a warning', () => {
    const text = `Parameters:
  Env: { Type: String, Default: dev }
  Zones: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  ThreeZones: !Equals [!Ref Zones, '3']
Resources:
  Standby:
    Type: AWS::EC2::NatGateway
    Condition: IsProd
  Third:
    Type: AWS::EC2::NatGateway
    Condition: ThreeZones
    Properties:
      SubnetId: !Ref SubnetC
${SUBNETS}`;
    const x = extract(text);
    expect(ids(x)).not.toContain('Standby');
    expect(component(x, 'Third').redundancy).toMatchObject({ instances: null, zonalManaged: true });
    expect(diagnostics(x)).toContain(`template.yaml:${lineOf(text, 'Condition: ThreeZones')} warning: Condition ThreeZones of Third could not be evaluated: uses parameter Zones, which has no default`);
  });

  it('an unevaluable decisive property is unknown, with one warning at its line; no fix is guessed', () => {
    const text = `Parameters:
  Ha: { Type: String }
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MultiAZ: !Ref Ha
`;
    const x = extract(text);
    expect(component(x, 'Db').redundancy).toEqual({ instances: null, zones: null, failover: null, quorum: false });
    // Evidence shows what is written when the value is not known.
    expect(component(x, 'Db').attributes.multiAz).toMatchObject({ attribute: 'MultiAZ', value: { Ref: 'Ha' }, site: { startLine: 8 } });
    expect(component(x, 'Db').fix).toBeUndefined();
    expect(diagnostics(x)).toEqual(['template.yaml:8 warning: MultiAZ of Db could not be evaluated: uses parameter Ha, which has no default']);
  });

  it('resolves zones through referenced subnets and subnet groups (Fn::Select over Fn::GetAZs)', () => {
    const text = `Resources:
${SUBNETS}  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: 3
      MaxSize: 3
      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB, !Ref SubnetC]
  OneZone:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: 2
      MaxSize: 2
      VPCZoneIdentifier: [!Ref SubnetA]
  Broker:
    Type: AWS::MSK::Cluster
    Properties:
      NumberOfBrokerNodes: 2
      BrokerNodeGroupInfo:
        ClientSubnets: [!Ref SubnetA, !Ref SubnetB]
`;
    const x = extract(text);
    expect(component(x, 'Group').redundancy).toMatchObject({ instances: 3, zones: { count: 3 } });
    expect(component(x, 'OneZone').redundancy).toMatchObject({ instances: 2, zones: { count: 1 } });
    expect(component(x, 'Broker').redundancy).toMatchObject({ instances: 2, zones: { count: 2 } });
    expect(x.diagnostics).toEqual([]);
  });

  it('says why zones stay unknown when subnets come from outside the template', () => {
    const text = `Parameters:
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
Resources:
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: 2
      MaxSize: 2
      VPCZoneIdentifier: !Ref Subnets
`;
    const x = extract(text);
    expect(component(x, 'Group').redundancy).toMatchObject({ instances: 2, zones: null });
    expect(component(x, 'Group').attributes.vpcZoneIdentifier).toMatchObject({ value: { Ref: 'Subnets' } });
    const listed = extract(text.replace('VPCZoneIdentifier: !Ref Subnets', 'VPCZoneIdentifier: [!Select [0, !Ref Subnets], !Ref Extra]\n  Extra:\n    Type: AWS::EC2::Subnet'));
    expect(component(listed, 'Group').attributes.vpcZoneIdentifier).toMatchObject({ value: ['(unknown)', { Ref: 'Extra' }] });
    expect(diagnostics(x)).toEqual([
      'template.yaml:9 warning: zones of Group could not be resolved from VPCZoneIdentifier: uses parameter Subnets, which has no default',
    ]);
  });

  it('AWS::ECS::Service without DesiredCount runs one task; with it, the count decides', () => {
    const text = `Resources:
  One:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
  Two:
    Type: AWS::ECS::Service
    Properties:
      DesiredCount: 2
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [!Ref SubnetA, !Ref SubnetB]
${SUBNETS}`;
    const x = extract(text);
    expect(component(x, 'One').redundancy).toMatchObject({ instances: 1 });
    expect(component(x, 'One').fix?.suggestion).toEqual({ file: 'template.yaml', startLine: 4, endLine: 4, replacement: '    Properties:\n      DesiredCount: 2' });
    expect(component(x, 'Two').redundancy).toMatchObject({ instances: 2, zones: { count: 2 }, failover: true });
  });

  it('AWS::EKS::Nodegroup reads ScalingConfig.MinSize (DesiredSize when MinSize is absent) and its subnets', () => {
    const text = `Resources:
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      Subnets: [!Ref SubnetA, !Ref SubnetB]
      ScalingConfig:
        MinSize: 1
        MaxSize: 3
  Desired:
    Type: AWS::EKS::Nodegroup
    Properties:
      Subnets: [!Ref SubnetA, !Ref SubnetB]
      ScalingConfig:
        DesiredSize: 2
${SUBNETS}`;
    const x = extract(text);
    expect(component(x, 'Nodes').redundancy).toMatchObject({ instances: 1, zones: { count: 1 } });
    expect(component(x, 'Nodes').attributes.minSize).toMatchObject({ attribute: 'ScalingConfig.MinSize', value: 1, site: { startLine: 7 } });
    expect(component(x, 'Nodes').fix?.suggestion).toEqual({ file: 'template.yaml', startLine: 7, endLine: 7, replacement: '        MinSize: 2' });
    expect(component(x, 'Desired').redundancy).toMatchObject({ instances: 2, zones: { count: 2 } });
  });
});

describe('cloudformation extraction: Aurora-style clusters', () => {
  const cluster = (members: string) => `Parameters:
  Env: { Type: String }
Conditions:
  WithReader: !Equals [!Ref Env, prod]
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      DBClusterIdentifier: orders
${members}`;
  const member = (name: string, ref: string, extra = '') => `  ${name}:
    Type: AWS::RDS::DBInstance
${extra}    Properties:
      Engine: aurora-mysql
      DBClusterIdentifier: ${ref}
`;

  it('counts DB instances that reference the cluster (by Ref or by its literal identifier); members are connectors', () => {
    const x = extract(cluster(member('Writer', '!Ref Cluster') + member('Reader', 'orders') + member('Other', 'billing')));
    expect(component(x, 'Cluster').redundancy).toMatchObject({ instances: 2, zones: { count: 2 }, failover: true });
    expect(component(x, 'Writer')).toMatchObject({ role: 'connector', rule: 'aws-rds-instance' });
    expect(edges(x)).toContain('Writer -> Cluster');
  });

  it('a member created under an unknown condition makes the count unknown, with a warning', () => {
    const text = cluster(member('Writer', '!Ref Cluster') + member('Reader', '!Ref Cluster', '    Condition: WithReader\n'));
    const x = extract(text);
    expect(component(x, 'Cluster').redundancy.instances).toBeNull();
    expect(diagnostics(x)).toContain(
      `template.yaml:${lineOf(text, 'Condition: WithReader')} warning: AWS::RDS::DBInstance members of Cluster could not be counted: Reader is created under condition WithReader, which uses parameter Env, which has no default`,
    );
  });

  it('a Multi-AZ DB cluster (DBClusterInstanceClass) has three instances in three zones', () => {
    const x = extract('Resources:\n  C:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: postgres\n      DBClusterInstanceClass: db.m6gd.large\n');
    expect(component(x, 'C').redundancy).toMatchObject({ instances: 3, zones: { count: 3 } });
  });
});

describe('cloudformation extraction: dependencies', () => {
  it('from Ref, Fn::GetAtt, Fn::Sub (${X} and ${X.Attr}) and DependsOn (string or list); not from Tags', () => {
    const text = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, MultiAZ: true }
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: { NumCacheClusters: 2, AutomaticFailoverEnabled: true, MultiAZEnabled: true }
  Bucket:
    Type: AWS::S3::Bucket
  Tmpl:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        UserData:
          Fn::Base64: !Sub |
            DB=\${Db.Endpoint.Address}
            REDIS=\${Cache.PrimaryEndPoint.Address}
        TagSpecifications:
          - ResourceType: instance
            Tags: [{ Key: bucket, Value: !Ref Bucket }]
  App:
    Type: AWS::EC2::Instance
    DependsOn: Bucket
    Properties:
      LaunchTemplate: { LaunchTemplateId: !Ref Tmpl, Version: !GetAtt Tmpl.LatestVersionNumber }
      Tags: [{ Key: db, Value: !Ref Db }]
  Worker:
    Type: AWS::EC2::Instance
    DependsOn: [Db, Cache]
`;
    const x = extract(text);
    expect(edges(x)).toEqual(['App -> Bucket (depends_on)', 'App -> Tmpl', 'Tmpl -> Cache', 'Tmpl -> Db', 'Worker -> Cache (depends_on)', 'Worker -> Db (depends_on)']);
    const sub = x.dependencies.find((d) => d.from === 'Tmpl' && d.to === 'Db')!;
    expect(sub.location).toEqual({ file: 'template.yaml', startLine: 13, endLine: 20 });
    expect(x.dependencies.find((d) => d.from === 'Worker')!.location).toEqual({ file: 'template.yaml', startLine: 29, endLine: 29 });
  });

  it('reads cfn-init Metadata for dependencies', () => {
    const x = extract(`Resources:
  Files:
    Type: AWS::EFS::FileSystem
  Server:
    Type: AWS::EC2::Instance
    Metadata:
      AWS::CloudFormation::Init:
        config:
          commands:
            mount: { command: !Sub 'mount -t efs \${Files}:/ /mnt' }
`);
    expect(edges(x)).toEqual(['Server -> Files']);
  });

  it('a list whose items each reference one subnet makes them alternatives (k = 1), also nested in objects', () => {
    const text = `Resources:
${SUBNETS}  Sg:
    Type: AWS::EC2::SecurityGroup
  Service:
    Type: AWS::ECS::Service
    Properties:
      DesiredCount: 2
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [!Ref SubnetA, !Ref SubnetB]
          SecurityGroups: [!Ref Sg]
`;
    expect(edges(extract(text), { groups: true })).toEqual([
      'Service -> Sg',
      'Service -> SubnetA [Service:NetworkConfiguration.AwsvpcConfiguration.Subnets:AWS::EC2::Subnet k=1]',
      'Service -> SubnetB [Service:NetworkConfiguration.AwsvpcConfiguration.Subnets:AWS::EC2::Subnet k=1]',
    ]);
  });

  it('applies reverse edges: the load balancer needs its listener, the target group needs the groups that serve it', () => {
    const text = `Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
  Blue:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: 1, MaxSize: 1, TargetGroupARNs: [!Ref Tg] }
  Green:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: 1, MaxSize: 1, TargetGroupARNs: [!Ref Tg] }
`;
    expect(edges(extract(text), { groups: true })).toEqual([
      'Lb -> Listener',
      'Listener -> Tg',
      'Tg -> Blue [Tg:targets k=1]',
      'Tg -> Green [Tg:targets k=1]',
    ]);
  });

  it('association resources are edges only: a subnet needs its route table, the route table its NAT gateway', () => {
    const text = `Resources:
${SUBNETS}  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref SubnetA
  Rt:
    Type: AWS::EC2::RouteTable
  Route:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Rt
      NatGatewayId: !Ref Nat
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetB
      RouteTableId: !Ref Rt
`;
    const x = extract(text);
    expect(ids(x)).not.toContain('Route');
    expect(ids(x)).not.toContain('Assoc');
    expect(edges(x)).toEqual(['Nat -> SubnetA', 'Rt -> Nat (association)', 'SubnetB -> Rt (association)']);
    expect(component(x, 'Nat').redundancy).toMatchObject({ instances: 1, zones: { count: 1 }, zonalManaged: true });
  });

  it('nested stacks are connector components: they need what their parameters name and pass failure to readers of their outputs', () => {
    const text = `Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres }
  Api:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://example.com/api.yaml
      Parameters:
        DbHost: !GetAtt Db.Endpoint.Address
  Web:
    Type: AWS::ECS::Service
    Properties:
      DesiredCount: 2
      ServiceName: !GetAtt Api.Outputs.Name
`;
    const x = extract(text);
    expect(component(x, 'Api')).toMatchObject({ role: 'connector', rule: 'aws-cloudformation-stack' });
    expect(edges(x)).toEqual(['Api -> Db', 'Web -> Api']);
  });

  it('Route 53 failover records sharing name and type are marked as alternatives of one group', () => {
    const x = extract(`Resources:
  Primary:
    Type: AWS::EC2::Instance
  Standby:
    Type: AWS::EC2::Instance
  P:
    Type: AWS::Route53::RecordSet
    Properties: { Name: www.example.com., Type: A, SetIdentifier: p, Failover: PRIMARY, ResourceRecords: [!GetAtt Primary.PublicIp] }
  S:
    Type: AWS::Route53::RecordSet
    Properties: { Name: www.example.com., Type: A, SetIdentifier: s, Failover: SECONDARY, ResourceRecords: [!GetAtt Standby.PublicIp] }
  Other:
    Type: AWS::Route53::RecordSet
    Properties: { Name: api.example.com., Type: A, ResourceRecords: [!GetAtt Standby.PublicIp] }
`);
    const group = { group: 'alternatives:aws-route53-record:["www.example.com.","A"]', k: 1 };
    expect(component(x, 'P').alternativeOf).toEqual(group);
    expect(component(x, 'S').alternativeOf).toEqual(group);
    expect(component(x, 'Other').alternativeOf).toBeUndefined();
    expect(edges(x)).toEqual(['Other -> Standby', 'P -> Primary', 'S -> Standby']);
  });

  it('Rain modules (YAML tag or JSON map) are reported once; references to what they create are not', () => {
    const x = extract(`Resources:
  Network:
    Type: !Rain::Module ../modules/vpc.yml
  Server:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: !Ref NetworkPublicSubnet1
`);
    expect(diagnostics(x)).toEqual(['template.yaml:2 warning: resource Network is a Rain module (expanded by the rain CLI): the resources it creates are not reviewed']);
    const json = extract('{"Resources": {"Network": {"Type": {"Rain::Module": "vpc.yml"}}, "Q": {"Type": "AWS::SQS::Queue", "Properties": {"Name": {"Ref": "NetworkVpc"}}}}}', { file: 't.json' });
    expect(diagnostics(json)).toEqual(['t.json:1 warning: resource Network is a Rain module (expanded by the rain CLI): the resources it creates are not reviewed']);
  });

  it('SAM templates (Transform) reference generated resources without warnings', () => {
    const x = extract(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt FnRole.Arn
      Events:
        Api: { Type: Api, Properties: { RestApiId: !Ref ServerlessRestApi } }
`);
    expect(x.diagnostics).toEqual([]);
    expect(component(x, 'Fn')).toMatchObject({ regional: true });
  });
});

describe('cloudformation extraction: fixes', () => {
  it('rewrites the parameter default the value came from, but not past its AllowedValues', () => {
    const text = (allowed: string) => `Parameters:
  Ha:
    Type: String
    AllowedValues: ${allowed}
    Default: "false"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MultiAZ: !Ref Ha
`;
    const ok = component(extract(text("['true', 'false']")), 'Db');
    expect(ok.attributes.multiAz).toMatchObject({ attribute: 'MultiAZ', value: 'false', site: { startLine: 5 }, text: '    Default: "false"' });
    expect(ok.fix?.suggestion).toEqual({ file: 'template.yaml', startLine: 5, endLine: 5, replacement: '    Default: "true"' });
    const locked = component(extract(text("['false']")), 'Db');
    expect(locked.fix).toEqual({ description: "set MultiAZ: true (adds a synchronous standby in another zone); the parameter's AllowedValues (false) must admit it" });
  });

  it("says the catalog's notes in CloudFormation names", () => {
    const x = extract(`Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      NumCacheClusters: 1
`);
    expect(component(x, 'Cache').fix?.description).toBe('set NumCacheClusters: 2 (a replica; also set AutomaticFailoverEnabled: true and MultiAZEnabled: true)');
  });

  it('inserts a missing property in JSON after the Properties line; leaves a !If alone', () => {
    const json = `{
  "Resources": {
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "Engine": "postgres"
      }
    }
  }
}
`;
    expect(component(extract(json, { file: 't.json' }), 'Db').fix?.suggestion).toEqual({
      file: 't.json',
      startLine: 5,
      endLine: 5,
      replacement: '      "Properties": {\n        "MultiAZ": true,',
    });
    const yaml = `Conditions:
  No: !Equals [a, b]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      MultiAZ: !If [No, true, false]
`;
    const db = component(extract(yaml), 'Db');
    expect(db.attributes.multiAz).toMatchObject({ value: false, site: { startLine: 7 } });
    expect(db.fix).toEqual({ description: 'set MultiAZ: true (adds a synchronous standby in another zone)' });
  });
});

describe('cloudformation fixes: line rewriting', () => {
  it('keeps quoting style and comments, refuses functions and huge lines', () => {
    expect(rewriteLine("      MultiAZ: 'false' # standby", 'MultiAZ', true, false)).toBe("      MultiAZ: 'true' # standby");
    expect(rewriteLine('      - MinSize: "1"', 'MinSize', 2, false)).toBe('      - MinSize: "2"');
    expect(rewriteLine('      DeploymentMode: SINGLE_INSTANCE', 'DeploymentMode', 'CLUSTER_MULTI_AZ', false)).toBe('      DeploymentMode: CLUSTER_MULTI_AZ');
    expect(rewriteLine('      MultiAZ: !Ref Ha', 'MultiAZ', true, false)).toBeUndefined();
    expect(rewriteLine('        "MultiAZ": false,', 'MultiAZ', true, true)).toBe('        "MultiAZ": true,');
    expect(rewriteLine('  { "ParameterKey": "A", "ParameterValue": "1" }', 'ParameterValue', 2, true)).toBe('  { "ParameterKey": "A", "ParameterValue": "2" }');
    // A backtracking rewrite of a 200 KB line takes minutes; the bound is loose so that a loaded machine cannot fail it.
    const started = performance.now();
    expect(rewriteLine(`MultiAZ: false${' '.repeat(200_000)}x`, 'MultiAZ', true, false)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
