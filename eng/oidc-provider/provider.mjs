// An OpenID provider for the tests: node provider.mjs <port> <redirect-uri> <accounts.json> [<clients.json>]
// Accounts are test people: { "<login>": { "oin": "...", "rol": "...", ... } }; any password signs them in (the
// provider's development login page), so the tests exercise the real authorization code flow with PKCE. The portal
// signs out at the provider too (RP-initiated logout, back to the node's /signout-callback-oidc).
// clients.json holds more clients, such as systems that get tokens with client credentials and authenticate with
// private_key_jwt; their access tokens are JWTs (RS256) for the resource they name.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, redirect, accountsFile, clientsFile] = process.argv.slice(2);
const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
const systems = clientsFile ? JSON.parse(readFileSync(clientsFile, 'utf8')) : [];
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: 'portaal',
    client_secret: 'portaal-geheim-voor-tests',
    redirect_uris: [redirect],
    post_logout_redirect_uris: [redirect.replace(/\/signin-oidc$/, '/signout-callback-oidc')],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }, ...systems],
  scopes: ['openid', 'vr'],
  claims: { openid: ['sub'], vr: ['oin', 'rol', 'doelen', 'persoonsgegevens', 'rubricering'] },
  findAccount: (ctx, id) => accounts[id]
    ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) }
    : undefined,
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      getResourceServerInfo: (ctx, resource) => ({ scope: 'vr', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  pkce: { required: () => true },
  cookies: { keys: ['vr-standaarden-test'] },
  ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
