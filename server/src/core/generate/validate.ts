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

/** A Git URL Argo CD can clone: https://, ssh://user@host/path, or the scp form user@host:path. */
export function gitCloneUrl(value: string): string | undefined {
  const scp = /^([A-Za-z0-9._-]+)@([^/:\s]+):([A-Za-z0-9._~/-]+)$/.exec(value);
  if (scp) {
    const hostProblem = hostname(scp[2].toLowerCase(), 'Git host');
    if (hostProblem) return hostProblem;
    if (scp[3].startsWith('/') || scp[3].split('/').includes('..')) return `The Git URL "${value}" must name a repository path such as org/repo.git (no leading "/" or "..").`;
    return undefined;
  }
  const m = /^(https:\/\/|ssh:\/\/[A-Za-z0-9._-]+@)([^/:\s]+)(:\d{1,5})?\/([A-Za-z0-9._~/-]+)$/.exec(value);
  if (!m) return `The Git URL "${value}" must look like https://github.com/org/repo, ssh://git@github.com/org/repo or git@github.com:org/repo.git.`;
  const hostProblem = hostname(m[2].toLowerCase(), 'Git host');
  if (hostProblem) return hostProblem;
  if (m[4].split('/').includes('..')) return `The Git URL "${value}" must not contain "..".`;
  return undefined;
}

/** A container image tag (letters, digits, "_", "." and "-", up to 128), pinned: not "latest". */
export function imageTag(value: string): string | undefined {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(value)) return `The image tag "${value}" must be letters, digits, "_", "." and "-" (up to 128), such as 1.4.2 or a commit SHA.`;
  if (value.toLowerCase() === 'latest') return 'The image tag must pin a build (a version or a commit SHA), not "latest": a moving tag makes deployments unrepeatable.';
  return undefined;
}

/** A container registry host (optionally with a port), such as myregistry.azurecr.io or registry.example.com:5000. */
export function registryHost(value: string): string | undefined {
  const m = /^([^:/]+)(?::(\d{1,5}))?$/.exec(value);
  if (!m) return `The registry "${value}" must be a host name with an optional port, such as myregistry.azurecr.io (no scheme or path).`;
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535)) return `The registry "${value}" has an invalid port.`;
  return hostname(m[1], 'registry host');
}

/** A short name part of lowercase letters and digits, starting with a letter: safe inside every Azure resource name (storage accounts and registries allow no "-"). */
export function lowercaseAlphanumeric(value: string, min: number, max: number, what: string): string | undefined {
  if (!/^[a-z][a-z0-9]*$/.test(value) || value.length < min || value.length > max) return `The ${what} "${value}" must be ${min} to ${max} lowercase letters and digits, starting with a letter.`;
  return undefined;
}

/** An Azure region as the CLI and Terraform write it: eastus, westeurope, uksouth. */
export function azureLocation(value: string): string | undefined {
  if (!/^[a-z][a-z0-9]{2,29}$/.test(value)) return `The Azure location "${value}" must be a region name such as eastus or westeurope (lowercase, no spaces; see az account list-locations).`;
  return undefined;
}

/** An Azure virtual machine size: Standard_D4s_v3, Standard_D8ds_v5. */
export function azureVmSize(value: string): string | undefined {
  if (!/^Standard_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*$/.test(value) || value.length > 40) return `The VM size "${value}" must be an Azure size such as Standard_D4s_v3 (see az vm list-sizes).`;
  return undefined;
}

/** A storage size in binary units (Mi, Gi, Ti), such as 1Gi or 500Mi. */
export function storageQuantity(value: string): string | undefined {
  if (!/^[1-9]\d{0,5}(Mi|Gi|Ti)$/.test(value)) return `The size "${value}" must be a whole number with Mi, Gi or Ti, such as 1Gi or 500Mi.`;
  return undefined;
}

/** An AWS Secrets Manager secret name or path prefix: letters, digits and /_+=.@-, segments separated by single "/". */
export function awsSecretName(value: string): string | undefined {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9_+=.@-]|\/(?!\/))*[A-Za-z0-9]$/.test(value) || value.length > 400) {
    return `The AWS secret name "${value}" must be letters, digits and "/_+=.@-", starting and ending with a letter or digit, such as staging/my-app.`;
  }
  return undefined;
}

/** A MySQL database or user name: lowercase letters, digits and "_", starting with a letter or "_". */
export function mysqlIdentifier(value: string, what: string, max: number): string | undefined {
  if (!/^[a-z_][a-z0-9_]*$/.test(value) || value.length > max) return `The ${what} "${value}" must be up to ${max} lowercase letters, digits and "_", starting with a letter or "_".`;
  return undefined;
}

/** An AWS region code: us-east-1, eu-west-1, ap-southeast-2, us-gov-west-1. */
export function awsRegion(value: string): string | undefined {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(value) || value.length > 25) return `The AWS region "${value}" must be a region code such as us-east-1 or eu-west-1.`;
  return undefined;
}

/** An IPv4 CIDR block with a prefix length from min to max whose host bits are zero (10.0.0.0/16, not 10.0.0.1/16). */
export function ipv4Cidr(value: string, minPrefix: number, maxPrefix: number, what = 'CIDR block'): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  if (!m || octets.some((o, i) => o > 255 || String(o) !== m[i + 1])) return `The ${what} "${value}" must be an IPv4 block such as 10.0.0.0/16.`;
  const prefix = Number(m[5]);
  if (prefix < minPrefix || prefix > maxPrefix) return `The ${what} "${value}" must have a prefix length from /${minPrefix} to /${maxPrefix}.`;
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    const base = address - (address % size);
    return `The ${what} "${value}" has host bits set: use ${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${prefix}.`;
  }
  return undefined;
}

/** "true" or "false". */
export function booleanWord(value: string, what = 'setting'): string | undefined {
  return value === 'true' || value === 'false' ? undefined : `The ${what} must be true or false, got "${value}".`;
}

/** An S3 bucket name (general purpose): 3–63 lowercase letters, digits, "-" and ".", not like an IP address. */
export function s3BucketName(value: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) || value.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(value) || value.startsWith('xn--') || value.endsWith('-s3alias')) {
    return `The S3 bucket name "${value}" must be 3 to 63 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.`;
  }
  return undefined;
}
