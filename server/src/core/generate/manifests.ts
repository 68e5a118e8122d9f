// Manifest text more than one stack writes the same way.

/**
 * The body of a namespace-wide NetworkPolicy (the lines under `spec:`) that allows
 * DNS to the cluster's CoreDNS pods in kube-system, UDP and TCP: what a default-deny
 * egress namespace needs before anything else works.
 */
export const DNS_EGRESS_SPEC_BODY = `  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`;
