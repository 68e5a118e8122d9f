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

/** A key the schema of its object does not declare (schema/unknown-field). */
export interface UnknownFieldIssue {
  /** Path of the key itself. */
  path: (string | number)[];
  /** Declared fields close to the key, best first (may be empty). */
  suggestions: string[];
  /** "Unknown field "securityContex" in spec.template.spec.containers[0]; did you mean "securityContext"?" */
  message: string;
}

/**
 * `unknownFields` is present when there are some; only kinds whose schemas are known
 * to be complete are checked (schema/strict.ts), other kinds accept any key.
 */
export type SchemaResult =
  | { kind: 'ok'; unknownFields?: UnknownFieldIssue[] }
  | { kind: 'unknown-kind'; message: string }
  | { kind: 'invalid'; issues: SchemaIssue[]; unknownFields?: UnknownFieldIssue[] };
