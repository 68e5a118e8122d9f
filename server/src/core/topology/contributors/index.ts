// Every contributor, in the order they run. Adding a node source or an edge type
// is one file in this folder and one entry here.
import type { TopologyContributor } from '../contributor';
import { argo } from './argo';
import { configRefsContributor } from './config-refs';
import { external } from './external';
import { flux } from './flux';
import { ingress } from './ingress';
import { k8sNodes } from './k8s-nodes';
import { policies } from './policies';
import { services } from './services';
import { terraform } from './terraform';

export const CONTRIBUTORS: readonly TopologyContributor[] = [
  // network
  k8sNodes,
  ingress,
  services,
  configRefsContributor,
  external,
  policies, // after ingress and services: it marks blocked routes
  // gitops
  flux,
  argo,
  // infrastructure
  terraform,
];
