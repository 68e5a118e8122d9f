// Input checks shared by the generators. Each returns undefined when the value is
// acceptable, else one sentence for the user. Values that pass are safe to write
// into YAML plain scalars and HCL strings (no quotes, colons-space, #, newlines).

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: the name of a namespace, an environment, a Kubernetes object. */
export function dns1123Label(value: string, what = 'name'): string | undefined {
  if (value === '') return `The ${what} is empty.`;
  if (value.length > 63) return `The ${what} "${value}" is longer than 63 characters.`;
  if (!LABEL.test(value)) return `The ${what} "${value}" must be lowercase letters, digits and "-", starting and ending with a letter or digit (a DNS-1123 label).`;
  return undefined;
}

/** A fully qualified host name (at least two labels), lowercase, no scheme, port or path. */
export function hostname(value: string, what = 'host name'): string | undefined {
  if (value === '') return `The ${what} is empty.`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return `The ${what} "${value}" must be a bare host name, without a scheme (drop "${value.split('://')[0]}://").`;
  if (/[:/]/.test(value)) return `The ${what} "${value}" must be a bare host name, without a port or path.`;
  if (value !== value.toLowerCase()) return `The ${what} "${value}" must be lowercase.`;
  if (value.length > 253) return `The ${what} "${value}" is longer than 253 characters.`;
  const labels = value.split('.');
  if (labels.length < 2) return `The ${what} "${value}" must be a fully qualified name such as example.com.`;
  for (const l of labels) {
    if (l === '') return `The ${what} "${value}" has an empty label (two dots in a row, or a dot at an end).`;
    if (l.length > 63 || !LABEL.test(l)) return `The ${what} "${value}" has an invalid label "${l}": use letters, digits and "-", not at the start or end.`;
  }
  if (/^\d+$/.test(labels[labels.length - 1])) return `The ${what} "${value}" looks like an IP address; give a DNS name.`;
  return undefined;
}

/** An Azure Container Registry name: 5–50 letters and digits (lowercase here, as in its login server). */
export function acrName(value: string): string | undefined {
  if (!/^[a-z0-9]{5,50}$/.test(value)) return `The container registry name "${value}" must be 5 to 50 lowercase letters and digits (Azure allows no "-" or "."); the login server is <name>.azurecr.io.`;
  return undefined;
}

/** An Azure storage account name: 3–24 lowercase letters and digits. */
export function storageAccountName(value: string): string | undefined {
  if (!/^[a-z0-9]{3,24}$/.test(value)) return `The storage account name "${value}" must be 3 to 24 lowercase letters and digits.`;
  return undefined;
}

/** An Azure Key Vault name: 3–24 characters, letters, digits and "-", starting with a letter, no "--". */
export function keyVaultName(value: string): string | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(value) || value.includes('--')) {
    return `The Key Vault name "${value}" must be 3 to 24 letters, digits and "-", start with a letter, end with a letter or digit, and have no "--".`;
  }
  return undefined;
}

/** A Git URL Flux can clone: https:// or ssh://git@host/path (Flux does not take the scp form git@host:path). */
export function gitUrl(value: string): string | undefined {
  if (/^[\w.-]+@[\w.-]+:/.test(value)) {
    const [user, rest] = value.split('@');
    const [host, path] = [rest.slice(0, rest.indexOf(':')), rest.slice(rest.indexOf(':') + 1)];
    return `Flux needs an ssh:// URL, not the scp form: use ssh://${user}@${host}/${path}.`;
  }
  const m = /^(https:\/\/|ssh:\/\/[A-Za-z0-9._-]+@)([^/:\s]+)(:\d{1,5})?\/([A-Za-z0-9._~/-]+)$/.exec(value);
  if (!m) return `The Git URL "${value}" must look like https://github.com/org/repo or ssh://git@github.com/org/repo.`;
  const hostProblem = hostname(m[2].toLowerCase(), 'Git host');
  if (hostProblem) return hostProblem;
  if (m[4].split('/').includes('..')) return `The Git URL "${value}" must not contain "..".`;
  return undefined;
}

/** A Git branch name (a conservative subset of git check-ref-format). */
export function gitBranch(value: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value) || value.includes('..') || value.endsWith('/') || value.endsWith('.lock') || value.includes('//')) {
    return `The branch "${value}" must be letters, digits, ".", "_", "-" and "/" (like main or release/1.x).`;
  }
  return undefined;
}

/** A whole number between min and max. */
export function integerIn(value: string, min: number, max: number, what: string): string | undefined {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) return `The ${what} must be a whole number from ${min} to ${max}, got "${value}".`;
  return undefined;
}

/** An e-mail address (for Let's Encrypt expiry notices). */
export function email(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  if (at <= 0 || !/^[A-Za-z0-9._%+-]+$/.test(value.slice(0, at))) return `"${value}" is not an e-mail address.`;
  return hostname(value.slice(at + 1).toLowerCase(), 'e-mail domain') ? `"${value}" is not an e-mail address.` : undefined;
}

/** A semantic version image tag (MAJOR.MINOR.PATCH), which Flux image automation orders. */
export function semverTag(value: string): string | undefined {
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(value)) return `The image tag "${value}" must be a version MAJOR.MINOR.PATCH such as 1.0.0 (Flux picks newer tags by semver).`;
  return undefined;
}

/** A repository path inside a registry (e.g. drupal, team/drupal). */
export function imageRepositoryPath(value: string): string | undefined {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(value)) return `The image repository "${value}" must be lowercase path components such as drupal or web/drupal.`;
  return undefined;
}
