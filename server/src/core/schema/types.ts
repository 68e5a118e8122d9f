// Result types of schema validation (re-exported by validate.ts).

export interface SchemaIssue {
  /**
   * Path inside the resource, e.g. ['spec','replicas'] or
   * ['spec','template','spec','containers',0,'image']. Numbers index arrays.
   */
  path: (string | number)[];
  /**
   * A sentence a person understands, starting with the formatted path:
   * "spec.replicas must be an integer",
   * "spec.template.spec.containers[0] is missing required field \"name\"".
   */
  message: string;
  /**
   * true when the issue is about the key at `path` rather than its value: a field
   * that should not be there, or a required field written with no value (`spec:`).
   * Point the diagnostic at the key.
   */
  atKey?: boolean;
}

export type SchemaResult =
  | { kind: 'ok' }
  | { kind: 'unknown-kind'; message: string }
  | { kind: 'invalid'; issues: SchemaIssue[] };
