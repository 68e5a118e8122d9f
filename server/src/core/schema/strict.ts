// Which kinds get unknown-field checks (schema/unknown-field), and the exceptions.
//
// Only kinds whose shipped schema is complete and closed:
// - the built-in Kubernetes kinds of kubernetes-models (the API server's own OpenAPI:
//   every field is declared; free-form parts such as RawExtension or metadata maps
//   are seen as such by the tracker, see unknown-fields.ts);
// - the Flux kinds of @kubernetes-models/flux-cd, checked against the Flux 2.5.1 CRDs
//   (every served version: a maximal instance of each schema, with an extra key in
//   every object that preserves unknown fields, validated here: no preserved object
//   was misjudged). The fields Flux releases added to versions the models ship are
//   listed in NEWER_FIELDS (aliases of newer versions are checked like the shipped
//   version plus those). Flux moves faster than the models, so a Flux key is only
//   reported when a declared field is close to it (a likely typo).
//
// Not checked: cert-manager, Traefik, Argo CD and External Secrets kinds (their
// CRDs were not verified here, and some declare properties while preserving unknown
// fields, which the tracker cannot see); hand-written schemas (schemas/kinds/ are
// deliberately partial).

import { ALIASES } from './extra-kinds';
import { MODEL_INDEX } from './generated-index';
import type { PathSegment } from './messages';

const has = (table: Readonly<Record<string, Readonly<Record<string, unknown>>>>, apiVersion: string, kind: string): boolean =>
  Object.prototype.hasOwnProperty.call(table, apiVersion) && Object.prototype.hasOwnProperty.call(table[apiVersion], kind);

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');

const K8S_GROUPS = new Set(['', 'apps', 'batch', 'autoscaling', 'policy']);
const isK8sGroup = (group: string): boolean => K8S_GROUPS.has(group) || (group.endsWith('.k8s.io') && group !== 'kustomize.config.k8s.io');
const isFluxGroup = (group: string): boolean => group.endsWith('.toolkit.fluxcd.io');

/** `spec.postRenderers[*].kustomize` form of a path (array indices as `*`). */
export function pathPattern(path: readonly PathSegment[]): string {
  return path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');
}

/**
 * Fields that Flux releases up to 2.5 declare at a path but the shipped (older)
 * schema does not: parent path pattern -> field names. Keyed by the apiVersion the
 * document uses (an alias gets its own list).
 */
const NEWER_FIELDS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>>> = {
  'helm.toolkit.fluxcd.io/v2': {
    HelmRelease: {
      'spec.chart.spec': ['ignoreMissingValuesFiles'],
      'spec.install': ['disableSchemaValidation', 'disableTakeOwnership'],
      'spec.upgrade': ['disableSchemaValidation', 'disableTakeOwnership'],
    },
  },
  'helm.toolkit.fluxcd.io/v2beta2': { HelmRelease: { 'spec.chart.spec': ['ignoreMissingValuesFiles'] } },
  'helm.toolkit.fluxcd.io/v2beta1': { HelmRelease: { spec: ['chartRef'] } },
  'image.toolkit.fluxcd.io/v1beta2': {
    ImageRepository: { spec: ['proxySecretRef'] },
    ImageUpdateAutomation: { spec: ['policySelector'], 'spec.git.commit': ['messageTemplateValues'] },
  },
  'image.toolkit.fluxcd.io/v1': {
    ImageRepository: { spec: ['proxySecretRef'] },
    ImageUpdateAutomation: { spec: ['policySelector'], 'spec.git.commit': ['messageTemplateValues'] },
  },
  'kustomize.toolkit.fluxcd.io/v1': {
    // ignoreMissingComponents: Flux 2.6.
    Kustomization: { spec: ['deletionPolicy', 'healthCheckExprs', 'namePrefix', 'nameSuffix', 'ignoreMissingComponents'] },
  },
  'notification.toolkit.fluxcd.io/v1': { Receiver: { spec: ['resourceFilter'] } },
  'source.toolkit.fluxcd.io/v1': {
    Bucket: { spec: ['certSecretRef', 'proxySecretRef', 'sts'] },
    // sparseCheckout: Flux 2.6.
    GitRepository: { spec: ['provider', 'sparseCheckout'] },
    HelmChart: { spec: ['ignoreMissingValuesFiles'] },
    OCIRepository: { spec: ['proxySecretRef'], 'spec.ref': ['semverFilter'] },
  },
  'source.toolkit.fluxcd.io/v1beta2': {
    Bucket: { spec: ['certSecretRef', 'proxySecretRef', 'sts'] },
    HelmChart: { spec: ['ignoreMissingValuesFiles'] },
    OCIRepository: { spec: ['proxySecretRef'], 'spec.ref': ['semverFilter'] },
  },
};

export interface StrictCheck {
  /** Objects the tracker must not look into (never reported, never slowed down). */
  exclude(data: Record<string, unknown>): Set<object>;
  /** Declared fields the shipped schema lacks, at a parent path. */
  extraKnown(parent: readonly PathSegment[], key: string): boolean;
  /**
   * Report a key only when a declared field is close to it (a likely typo): for
   * projects that add fields faster than the shipped schemas follow (Flux), where a
   * name unlike any declared field may be a field of a newer release.
   */
  typosOnly: boolean;
}

const NOTHING: Set<object> = new Set();

/**
 * A CustomResourceDefinition's `openAPIV3Schema` is a JSON schema, free-form for our
 * purpose (vendor extensions, `default` and `example` values): never looked into.
 */
function crdSchemas(data: Record<string, unknown>): Set<object> {
  const out = new Set<object>();
  const spec = data.spec as { versions?: unknown; validation?: unknown } | undefined;
  if (spec && typeof spec === 'object') {
    if (spec.validation && typeof spec.validation === 'object') out.add(spec.validation);
    if (Array.isArray(spec.versions)) {
      for (const v of spec.versions) {
        const schema = v && typeof v === 'object' ? (v as { schema?: unknown }).schema : undefined;
        if (schema && typeof schema === 'object') out.add(schema);
      }
    }
  }
  return out;
}

const cache = new Map<string, StrictCheck | null>();

/** How to check unknown fields of a kind, or undefined when they are not checked. */
export function strictCheckFor(apiVersion: string, kind: string): StrictCheck | undefined {
  const key = `${apiVersion} ${kind}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const group = groupOf(apiVersion);
  let check: StrictCheck | undefined;
  const shipped = has(MODEL_INDEX, apiVersion, kind);
  const aliased = !shipped && has(ALIASES, apiVersion, kind);
  if ((shipped && isK8sGroup(group)) || ((shipped || aliased) && isFluxGroup(group))) {
    const newer = Object.prototype.hasOwnProperty.call(NEWER_FIELDS, apiVersion) ? NEWER_FIELDS[apiVersion][kind] : undefined;
    check = {
      exclude: apiVersion === 'apiextensions.k8s.io/v1' && kind === 'CustomResourceDefinition' ? crdSchemas : () => NOTHING,
      extraKnown: newer ? (parent, k) => newer[pathPattern(parent)]?.includes(k) ?? false : () => false,
      typosOnly: isFluxGroup(group),
    };
  }
  cache.set(key, check ?? null);
  return check;
}
