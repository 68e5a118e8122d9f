// Kinds the kubernetes-models packages do not ship, and how Blueprint checks them.
//
// Two mechanisms:
//
// 1. ALIASES: a newer apiVersion of a kind the packages ship in an older version,
//    where the newer one is the same schema promoted (fields added, deprecated
//    fields dropped, no required field or enum tightened). The document is checked
//    with the shipped validator of the older version. Because those validators do
//    not reject unknown fields, fields new in the newer version pass. Each entry
//    was checked against the upstream CRDs (Flux 2.5 gotk-components: v2 vs
//    v2beta2 HelmRelease, v1 vs v1beta2 HelmRepository/Bucket/HelmChart, v1beta2 vs
//    v1beta1 ImageUpdateAutomation differ only by added or removed optional fields).
//
// 2. CUSTOM_KINDS: kinds with no shipped version at all get a modest hand-written
//    JSON schema in `schemas/kinds/<group>_<version>_<Kind>.json` (imported
//    statically, so esbuild bundles it), compiled once with ajv on first use.
//    `delegates` hands a sub-object to a kubernetes-models validator (an OpenShift
//    DeploymentConfig's pod template is a plain Kubernetes PodTemplateSpec).

import kustomizeKustomization from '../../../../schemas/kinds/kustomize.config.k8s.io_v1beta1_Kustomization.json';
import sealedSecret from '../../../../schemas/kinds/bitnami.com_v1alpha1_SealedSecret.json';
import secretProviderClass from '../../../../schemas/kinds/secrets-store.csi.x-k8s.io_v1_SecretProviderClass.json';
import openshiftRoute from '../../../../schemas/kinds/route.openshift.io_v1_Route.json';
import deploymentConfig from '../../../../schemas/kinds/apps.openshift.io_v1_DeploymentConfig.json';
import type { RawError } from './messages';

/** apiVersion -> kind -> the apiVersion whose shipped validator checks it. */
export const ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // Flux 2.3 promoted HelmRelease to v2 (flux-cd models ship v2beta1 and v2beta2 only).
  'helm.toolkit.fluxcd.io/v2': { HelmRelease: 'helm.toolkit.fluxcd.io/v2beta2' },
  // Flux 2.3 (HelmRepository, HelmChart, Bucket) and 2.6 (OCIRepository) promoted the
  // remaining sources to v1; only GitRepository v1 is shipped.
  'source.toolkit.fluxcd.io/v1': {
    HelmRepository: 'source.toolkit.fluxcd.io/v1beta2',
    HelmChart: 'source.toolkit.fluxcd.io/v1beta2',
    Bucket: 'source.toolkit.fluxcd.io/v1beta2',
    OCIRepository: 'source.toolkit.fluxcd.io/v1beta2',
  },
  // ImageUpdateAutomation v1beta2 (Flux 2.2) only added policySelector and
  // messageTemplateValues to v1beta1; the models ship v1beta2 ImageRepository and
  // ImagePolicy but not this one.
  'image.toolkit.fluxcd.io/v1beta2': { ImageUpdateAutomation: 'image.toolkit.fluxcd.io/v1beta1' },
  // Flux 2.7 promoted image automation to v1 with the v1beta2 shapes.
  'image.toolkit.fluxcd.io/v1': {
    ImageRepository: 'image.toolkit.fluxcd.io/v1beta2',
    ImagePolicy: 'image.toolkit.fluxcd.io/v1beta2',
    ImageUpdateAutomation: 'image.toolkit.fluxcd.io/v1beta1',
  },
  // External Secrets Operator 0.16 served v1 as the v1beta1 schema promoted.
  'external-secrets.io/v1': {
    ExternalSecret: 'external-secrets.io/v1beta1',
    ClusterExternalSecret: 'external-secrets.io/v1beta1',
    SecretStore: 'external-secrets.io/v1beta1',
    ClusterSecretStore: 'external-secrets.io/v1beta1',
  },
};

// ---------------------------------------------------------------------------
// Corrections to shipped schemas that lag behind their project
//
// Found by checking each served version of every Flux CRD (Flux 2.5.1, the corpus's
// gotk-components.yaml) against the validators used here: a minimal and a maximal
// instance per enum value. These are the only disagreements; each one would be a
// false positive on a valid manifest.

/** Post-processes a validator's errors for one kind. */
export type Adjust = (data: Record<string, unknown>, errors: RawError[]) => RawError[];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function valueAtPointer(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Accept enum values a newer release of the project added. */
function acceptEnumValues(at: RegExp, values: readonly string[]): Adjust {
  return (data, errors) =>
    errors.filter((e) => !(e.keyword === 'enum' && at.test(e.instancePath) && values.includes(valueAtPointer(data, e.instancePath) as string)));
}

/**
 * The shipped HelmRelease v2beta2 predates `spec.chartRef` (Flux 2.2) and requires
 * `spec.chart`; the real v2/v2beta2 CRDs require exactly one of the two (a CEL rule).
 */
const chartOrChartRef: Adjust = (data, errors) => {
  const out = errors.filter((e) => !(e.keyword === 'required' && e.instancePath === '/spec' && e.params.missingProperty === 'chart'));
  const spec = data.spec;
  if (isObject(spec)) {
    const hasChart = spec.chart !== undefined;
    const hasRef = spec.chartRef !== undefined;
    if (hasChart && hasRef) out.push({ instancePath: '/spec', keyword: 'x-blueprint', params: {}, message: 'must set either "chart" or "chartRef", not both' });
    if (!hasChart && !hasRef) out.push({ instancePath: '/spec', keyword: 'x-blueprint', params: {}, message: 'must set one of the fields "chart", "chartRef"' });
  }
  return out;
};

const both = (...fs: Adjust[]): Adjust => (data, errors) => fs.reduce((errs, f) => f(data, errs), errors);

/** Flux 2.4 added Notation next to Cosign for artifact verification. */
const notation = acceptEnumValues(/\/verify\/provider$/, ['notation']);

/** apiVersion -> kind -> correction (applied to aliases by the apiVersion asked for). */
export const ADJUSTMENTS: Readonly<Record<string, Readonly<Record<string, Adjust>>>> = {
  'helm.toolkit.fluxcd.io/v2': { HelmRelease: both(chartOrChartRef, notation) },
  'helm.toolkit.fluxcd.io/v2beta2': { HelmRelease: both(chartOrChartRef, notation) },
  'source.toolkit.fluxcd.io/v1': { HelmChart: notation, OCIRepository: notation },
  'source.toolkit.fluxcd.io/v1beta2': { HelmChart: notation, OCIRepository: notation },
  // Flux 2.5 added the CDEvents receiver.
  'notification.toolkit.fluxcd.io/v1': { Receiver: acceptEnumValues(/^\/spec\/type$/, ['cdevents']) },
  // Flux 2.7 added ExternalArtifact sources.
  'kustomize.toolkit.fluxcd.io/v1': { Kustomization: acceptEnumValues(/^\/spec\/sourceRef\/kind$/, ['ExternalArtifact']) },
};

// ---------------------------------------------------------------------------
// Hand-written schemas

export interface Delegate {
  /** Where the sub-object sits in the resource. */
  path: readonly string[];
  /** Thunk returning a kubernetes-models class whose validator checks it. */
  model: () => unknown;
}

export interface CustomKind {
  /** The JSON schema (draft-07). */
  schema: object;
  /** Its file under schemas/kinds/ (for docs and tests). */
  file: string;
  delegates?: readonly Delegate[];
}

const podTemplate: Delegate = {
  path: ['spec', 'template'],
  model: () => require('kubernetes-models/v1/PodTemplateSpec').PodTemplateSpec,
};

/** apiVersion -> kind -> custom schema. */
export const CUSTOM_KINDS: Readonly<Record<string, Readonly<Record<string, CustomKind>>>> = {
  'kustomize.config.k8s.io/v1beta1': {
    Kustomization: { schema: kustomizeKustomization, file: 'kustomize.config.k8s.io_v1beta1_Kustomization.json' },
  },
  'kustomize.config.k8s.io/v1alpha1': {
    // A kustomize Component has exactly the fields of a Kustomization.
    Component: { schema: kustomizeKustomization, file: 'kustomize.config.k8s.io_v1beta1_Kustomization.json' },
  },
  'bitnami.com/v1alpha1': {
    SealedSecret: { schema: sealedSecret, file: 'bitnami.com_v1alpha1_SealedSecret.json' },
  },
  'secrets-store.csi.x-k8s.io/v1': {
    SecretProviderClass: { schema: secretProviderClass, file: 'secrets-store.csi.x-k8s.io_v1_SecretProviderClass.json' },
  },
  'secrets-store.csi.x-k8s.io/v1alpha1': {
    // v1alpha1 is the same schema (the driver serves both).
    SecretProviderClass: { schema: secretProviderClass, file: 'secrets-store.csi.x-k8s.io_v1_SecretProviderClass.json' },
  },
  'route.openshift.io/v1': {
    Route: { schema: openshiftRoute, file: 'route.openshift.io_v1_Route.json' },
  },
  'apps.openshift.io/v1': {
    DeploymentConfig: { schema: deploymentConfig, file: 'apps.openshift.io_v1_DeploymentConfig.json', delegates: [podTemplate] },
  },
};
