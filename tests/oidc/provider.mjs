// A loopback OpenID provider (node-oidc-provider) for the SSO tests; never for production.
//
// Usage: node provider.mjs CONFIG.json
// CONFIG: {"client": {client_id, client_secret, redirect_uris, post_logout_redirect_uris},
//          "accounts": {"<sub>": {"claims": {...}, "id_token": {...}}}}
// The login name on the development login form is the account's `sub`; any password is accepted.
// An account's optional "id_token" entry turns it into an attack: the ID token the token endpoint
// returns for it is re-signed with the provider's own key and altered claims ("claims": {...}, with
// "exp"/"iat" relative to now), or sent as `alg: none` ("alg": "none"), or signed with the client
// secret ("alg": "HS256"); "delay_ms" holds the token response back (a provider that hangs).
// Listens on a free port of 127.0.0.1, prints {"issuer": ...} on stdout once ready, and exits when
// its standard input closes (so it never outlives the test run).
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const KID = 'test-signing-key';

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };

const server = http.createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const segment = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function forged(idToken, attack) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { ...jose.decodeJwt(idToken) };
  for (const [claim, value] of Object.entries(attack.claims ?? {})) {
    if (value === null) {
      delete payload[claim];
    } else {
      payload[claim] = ['exp', 'iat'].includes(claim) ? now + value : value;
    }
  }
  if (attack.alg === 'none') {
    return `${segment({ alg: 'none', typ: 'JWT' })}.${segment(payload)}.`;
  }
  if (attack.alg === 'HS256') {
    const unsigned = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(payload)}`;
    const signature = createHmac('sha256', config.client.client_secret).update(unsigned).digest('base64url');
    return `${unsigned}.${signature}`;
  }
  return new jose.SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(privateKey);
}

const provider = new Provider(issuer, {
  clients: [{
    ...config.client,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [createHash('sha256').update(issuer).digest('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, sub) {
    const account = config.accounts[sub];
    if (!account) {
      return undefined;
    }
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || ctx.status !== 200 || !ctx.body?.id_token) {
    return;
  }
  const attack = config.accounts[jose.decodeJwt(ctx.body.id_token).sub]?.id_token;
  if (!attack) {
    return;
  }
  if (attack.delay_ms) {
    await new Promise((resolve) => { setTimeout(resolve, attack.delay_ms); });
  }
  ctx.body = { ...ctx.body, id_token: await forged(ctx.body.id_token, attack) };
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
