import type { CatalogEntry } from '../entry.js';
import { passive, regional } from '../entry-builders.js';
import { firstOf, judgement, num, poolRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

const eksCluster = regional(
  'aws-eks-cluster',
  'EKS cluster (control plane)',
  'compute',
  { terraform: ['aws_eks_cluster'], cloudformation: ['AWS::EKS::Cluster'] },
  'the EKS control plane runs across three zones, managed by AWS; workloads depend on their node groups',
);

const eksNodeGroup: CatalogEntry = {
  id: 'aws-eks-node-group',
  title: 'EKS managed node group',
  role: 'compute',
  types: { terraform: ['aws_eks_node_group'], cloudformation: ['AWS::EKS::Nodegroup'] },
  attributes: {
    minSize: { terraform: 'scaling_config.min_size', cloudformation: 'ScalingConfig.MinSize' },
    desiredSize: { terraform: 'scaling_config.desired_size', cloudformation: 'ScalingConfig.DesiredSize' },
    maxSize: { terraform: 'scaling_config.max_size', cloudformation: 'ScalingConfig.MaxSize' },
    subnetIds: { terraform: 'subnet_ids', cloudformation: 'Subnets' },
    clusterName: { terraform: 'cluster_name', cloudformation: 'ClusterName' },
  },
  judge(r) {
    // min_size is the floor the cluster autoscaler may scale in to; desired_size when min is not written.
    const min = firstOf(r, ['minSize', 'desiredSize'], num);
    const red = poolRedundancy(min.value, r.zones(['subnetIds']));
    const fix = typeof min.value === 'number' && min.value < 2 ? { key: min.key, value: 2, note: 'max_size must be at least 2' } : undefined;
    return judgement(red, [min.key, 'subnetIds'], fix);
  },
  recovery: recovery('loadBalanced', 'instanceReplace'),
  impact: 'pods scheduled only on this node group stop until a node is replaced',
  serves: 'every pod scheduled onto this node group',
  // The cluster runs its workloads on its node groups (the pods live in another repository): the
  // cluster needs them, and fails only when all of its node groups do.
  edges: { reverse: ['clusterName'], alternatives: true },
};

const eksFargateProfile = regional(
  'aws-eks-fargate-profile',
  'EKS Fargate profile',
  'compute',
  { terraform: ['aws_eks_fargate_profile'], cloudformation: ['AWS::EKS::FargateProfile'] },
  'Fargate places each pod on its own capacity in the zones of the profile subnets',
);

const eksPassive = passive('aws-eks-configuration', 'EKS add-on / access entry / identity configuration', {
  terraform: ['aws_eks_addon', 'aws_eks_access_entry', 'aws_eks_access_policy_association', 'aws_eks_identity_provider_config', 'aws_eks_pod_identity_association'],
  cloudformation: ['AWS::EKS::Addon', 'AWS::EKS::AccessEntry', 'AWS::EKS::IdentityProviderConfig', 'AWS::EKS::PodIdentityAssociation'],
});

export const EKS_ENTRIES: readonly CatalogEntry[] = [eksCluster, eksNodeGroup, eksFargateProfile, eksPassive];
