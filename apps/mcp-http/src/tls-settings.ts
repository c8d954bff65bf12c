import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  type ReadSettings,
  Setting,
  type SettingValues,
  settingGroup,
} from '@infisical/mcp-core';

export interface TlsSettings {
  /** PEM certificate chain and key to serve HTTPS and WSS directly. */
  https?: { cert: Buffer; key: Buffer };
  /** A TLS-terminating proxy is in front: trust X-Forwarded-*, no plain-HTTP warning. */
  behindProxy: boolean;
}

export const TLS_SETTINGS = settingGroup({
  tlsCert: Setting.optionalString({
    flag: 'tls-cert',
    env: 'INFISICAL_MCP_TLS_CERT_FILE',
    description:
      'PEM certificate (full chain) file: serve HTTPS, and WSS on both ports; needs `--tls-key`',
  }),
  tlsKey: Setting.optionalString({
    flag: 'tls-key',
    env: 'INFISICAL_MCP_TLS_KEY_FILE',
    description: 'PEM private key file of `--tls-cert` (checked against it at start-up)',
  }),
  behindProxy: Setting.boolean({
    flag: 'behind-proxy',
    env: 'INFISICAL_MCP_BEHIND_PROXY',
    description:
      'a TLS-terminating proxy is in front: trust its `X-Forwarded-Proto`/`-Host`/`-For` (one hop) and do not warn about plain HTTP; only if nothing but the proxy reaches the port',
  }),
});

/**
 * Reads the certificate and key at start-up and checks that they are PEM and belong together,
 * so a mistake stops the server with the option's name rather than a TLS error per connection.
 */
export function readTlsSettings({
  values,
  sourceOf,
}: ReadSettings<SettingValues<typeof TLS_SETTINGS>>): TlsSettings {
  const { behindProxy } = values;
  const cert = { value: values.tlsCert ?? '', source: sourceOf('tlsCert') };
  const key = { value: values.tlsKey ?? '', source: sourceOf('tlsKey') };
  if (!cert.value && !key.value) return { behindProxy };
  if (!cert.value || !key.value) {
    const missing = cert.value ? key : cert;
    throw new ConfigError(
      `${missing.source} is required with ${(cert.value ? cert : key).source}: HTTPS needs both a certificate and its key.`,
    );
  }
  const certPem = readPem(cert.value, cert.source);
  const keyPem = readPem(key.value, key.source);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certPem);
  } catch {
    throw new ConfigError(`${cert.source}: ${cert.value} is not a PEM certificate.`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(keyPem);
  } catch {
    // Never the key's text: only which file failed.
    throw new ConfigError(`${key.source}: ${key.value} is not an unencrypted PEM private key.`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigError(
      `${key.source}: ${key.value} is not the private key of the certificate in ${cert.value}.`,
    );
  }
  return { https: { cert: certPem, key: keyPem }, behindProxy };
}

function readPem(path: string, source: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(
      `${source}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}
