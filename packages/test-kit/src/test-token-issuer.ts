import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface SignOptions {
  /** null leaves `exp` out. Default 5 minutes. */
  expiresIn?: string | null;
  /** null leaves `sub` out. Default `agent-42`. */
  subject?: string | null;
  /** `rogue` signs with a key the issuer does not publish, under the trusted key's id. */
  key?: 'trusted' | 'rogue';
}

export interface TestTokenIssuer {
  /** The issuer URL (`iss`), where its JWKS is served. */
  issuer: string;
  jwksUrl: string;
  /** A signed RS256 access token with `iss`, `iat` and the given claims. */
  sign(claims: Record<string, unknown>, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

/**
 * An OAuth authorization server as far as a resource server sees one: a JWKS on 127.0.0.1 and
 * tokens signed with its key (or with a rogue one), for testing `--auth oauth`.
 */
export async function startTestTokenIssuer(): Promise<TestTokenIssuer> {
  const trusted = await generateKeyPair('RS256');
  const rogue = await generateKeyPair('RS256');
  const publicJwk: JWK = {
    ...(await exportJWK(trusted.publicKey)),
    kid: 'trusted',
    alg: 'RS256',
    use: 'sig',
  };
  const jwks = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    sign: async (claims, { expiresIn = '5m', subject = 'agent-42', key = 'trusted' } = {}) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'trusted' })
        .setIssuer(issuer)
        .setIssuedAt();
      if (subject !== null) jwt.setSubject(subject);
      if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
      return jwt.sign(key === 'trusted' ? trusted.privateKey : rogue.privateKey);
    },
    close: () => new Promise((resolve) => jwks.close(() => resolve())),
  };
}
