// The GitOps rules (RULES.md "Flux ordering", "Argo CD and OpenShift", "Drupal on
// AKS", and secret/sops-decryption), all reading model/gitops.ts.
import type { AnyRule } from '../rule';
import dependsOnMissing from './depends-on-missing';
import dependsOnCycle from './depends-on-cycle';
import dependsOnOrder from './depends-on-order';
import waitForDependency from './wait-for-dependency';
import sourceRef from './source-ref';
import pathExists from './path-exists';
import imagePolicy from './image-policy';
import argoProdAutoSync from '../argo/prod-auto-sync';
import argoPathExists from '../argo/path-exists';
import drupalMigrationJob from '../drupal/migration-job';
import drupalFilesVolume from '../drupal/files-volume';
import drupalTmpMemory from '../drupal/tmp-memory';
import sopsDecryption from '../secret/sops-decryption';

export const GITOPS_RULES: readonly AnyRule[] = [
  dependsOnMissing,
  dependsOnCycle,
  dependsOnOrder,
  waitForDependency,
  sourceRef,
  pathExists,
  imagePolicy,
  argoProdAutoSync,
  argoPathExists,
  drupalMigrationJob,
  drupalFilesVolume,
  drupalTmpMemory,
  sopsDecryption,
];
