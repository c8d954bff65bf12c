import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@infisical/mcp-core';
import type { OptionReader } from './client-auth-settings.js';

export interface TlsSettings {
  /** PEM certificate chain and key to serve HTTPS and WSS directly. */
  https?: { cert: Buffer; key: Buffer };
  /** A TLS-terminating proxy is in front: trust X-Forwarded-*, no plain-HTTP warning. */
  behindProxy: boolean;
}

export const TLS_OPTIONS = [
  {
    flag: 'tls-cert',
    env: 'INFISICAL_MCP_TLS_CERT_FILE',
    fallback: '',
    description: 'PEM certificate (chain) file: serve HTTPS and WSS directly; needs --tls-key',
  },
  {
    flag: 'tls-key',
    env: 'INFISICAL_MCP_TLS_KEY_FILE',
    fallback: '',
    description: 'PEM private key file of --tls-cert',
  },
  {
    flag: 'behind-proxy',
    env: 'INFISICAL_MCP_BEHIND_PROXY',
    fallback: 'false',
    description:
      'a TLS-terminating proxy is in front: trust its X-Forwarded-* headers, no plain-HTTP warning',
    boolean: true,
  },
];

/**
 * Reads the certificate and key at start-up and checks that they are PEM and belong together,
 * so a mistake stops the server with the option's name rather than a TLS error per connection.
 */
export function readTlsSettings(read: OptionReader, behindProxy: boolean): TlsSettings {
  const cert = read('tls-cert');
  const key = read('tls-key');
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
