import type { CatalogEntry } from '../entry.js';
import { enumOf, firstOf, isUnknown, judgement, placedZones, redundancy, regionalRedundancy, str, unknownRedundancy, zonalManagedRedundancy } from '../judging/index.js';
import { recovery } from '../recovery.js';

/* -- EFS ---------------------------------------------------------------------------------------- */

const efsFileSystem: CatalogEntry = {
  id: 'aws-efs-file-system',
  title: 'EFS file system',
  role: 'storage',
  types: { terraform: ['aws_efs_file_system'], cloudformation: ['AWS::EFS::FileSystem'] },
  attributes: {
    availabilityZoneName: { terraform: 'availability_zone_name', cloudformation: 'AvailabilityZoneName' },
  },
  judge(r) {
    // availability_zone_name selects One Zone storage; without it EFS stores data across zones (Regional).
    const az = str(r, 'availabilityZoneName');
    if (isUnknown(az)) return judgement(unknownRedundancy(), ['availabilityZoneName']);
    if (az === undefined) return judgement(regionalRedundancy(), ['availabilityZoneName'], undefined, { regional: true });
    return judgement(zonalManagedRedundancy(az), ['availabilityZoneName'], undefined, { regional: false });
  },
  recovery: recovery('regional', 'zonalStorage'),
  impact: 'One Zone storage is unavailable, and can be lost, when its zone fails',
};

const efsMountTarget: CatalogEntry = {
  id: 'aws-efs-mount-target',
  title: 'EFS mount target',
  role: 'connector',
  types: { terraform: ['aws_efs_mount_target'], cloudformation: ['AWS::EFS::MountTarget'] },
  attributes: { subnetId: { terraform: 'subnet_id', cloudformation: 'SubnetId' } },
  judge(r) {
    // One mount target per zone: clients of that zone mount through it.
    const n = r.count;
    if (n === null) return judgement(unknownRedundancy({ zonalManaged: true }), ['count']);
    return judgement(redundancy(n, placedZones(r, ['subnetId'], n), n >= 2, { zonalManaged: true }), ['count', 'subnetId']);
  },
  recovery: recovery('zoneRedundantGateway', 'zonalGateway'),
  impact: 'clients mounting through it lose the file system when its zone fails',
};

/* -- EBS ---------------------------------------------------------------------------------------- */

const ebsVolume: CatalogEntry = {
  id: 'aws-ebs-volume',
  title: 'EBS volume',
  role: 'storage',
  types: { terraform: ['aws_ebs_volume'], cloudformation: ['AWS::EC2::Volume'] },
  attributes: { availabilityZone: { terraform: 'availability_zone', cloudformation: 'AvailabilityZone' } },
  judge(r) {
    const az = str(r, 'availabilityZone');
    return judgement(zonalManagedRedundancy(az), ['availabilityZone']);
  },
  recovery: recovery('regional', 'zonalStorage'),
  impact: 'the volume is unavailable when its zone fails; data since the last snapshot can be lost',
};

/* -- S3 Express One Zone ------------------------------------------------------------------------ */

const s3DirectoryBucket: CatalogEntry = {
  id: 'aws-s3-directory-bucket',
  title: 'S3 directory bucket (Express One Zone)',
  role: 'storage',
  types: { terraform: ['aws_s3_directory_bucket'], cloudformation: ['AWS::S3Express::DirectoryBucket'] },
  attributes: {
    locationName: { terraform: 'location.name', cloudformation: 'LocationName' },
  },
  judge(r) {
    const zone = str(r, 'locationName');
    return judgement(zonalManagedRedundancy(zone), ['locationName'], undefined, { regional: false });
  },
  recovery: recovery('regional', 'zonalStorage'),
  impact: 'objects in a One Zone bucket are unavailable when its zone fails',
};

/* -- FSx ---------------------------------------------------------------------------------------- */

const fsx: CatalogEntry = {
  id: 'aws-fsx-file-system',
  title: 'FSx file system',
  role: 'storage',
  types: {
    terraform: ['aws_fsx_windows_file_system', 'aws_fsx_ontap_file_system', 'aws_fsx_openzfs_file_system', 'aws_fsx_lustre_file_system'],
    cloudformation: ['AWS::FSx::FileSystem'],
  },
  attributes: {
    deploymentType: { terraform: 'deployment_type', cloudformation: 'WindowsConfiguration.DeploymentType' },
    ontapDeploymentType: { cloudformation: 'OntapConfiguration.DeploymentType' },
    openzfsDeploymentType: { cloudformation: 'OpenZFSConfiguration.DeploymentType' },
    lustreDeploymentType: { cloudformation: 'LustreConfiguration.DeploymentType' },
  },
  judge(r) {
    const found = firstOf(r, ['deploymentType', 'ontapDeploymentType', 'openzfsDeploymentType', 'lustreDeploymentType'], enumOf);
    if (isUnknown(found.value)) return judgement(unknownRedundancy(), [found.key]);
    // Provider defaults: Windows SINGLE_AZ_1, Lustre SCRATCH_1 (both single-zone); ONTAP / OpenZFS require it.
    const type = found.value ?? (r.type === 'aws_fsx_windows_file_system' ? 'single_az_1' : r.type === 'aws_fsx_lustre_file_system' ? 'scratch_1' : undefined);
    if (type === undefined) return judgement(unknownRedundancy(), [found.key]);
    if (type.startsWith('multi_az')) return judgement(redundancy(2, { count: 2 }, true), [found.key]);
    return judgement(zonalManagedRedundancy(), [found.key]);
  },
  recovery: recovery('multiAzFailover', 'zonalStorage'),
  impact: 'a single-zone file system is unavailable when its zone fails',
};

export const STORAGE_ENTRIES: readonly CatalogEntry[] = [efsFileSystem, efsMountTarget, ebsVolume, s3DirectoryBucket, fsx];
