// An OpenID provider for the tests: node provider.mjs <port> <redirect-uri> <accounts.json>
// Accounts are test people: { "<login>": { "oin": "...", "rol": "...", ... } }; any password signs them in (the
// provider's development login page), so the tests exercise the real authorization code flow with PKCE.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, redirect, accountsFile] = process.argv.slice(2);
const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: 'portaal',
    client_secret: 'portaal-geheim-voor-tests',
    redirect_uris: [redirect],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  scopes: ['openid', 'vr'],
  claims: { openid: ['sub'], vr: ['oin', 'rol', 'doelen', 'persoonsgegevens', 'rubricering'] },
  findAccount: (ctx, id) => accounts[id]
    ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) }
    : undefined,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['vr-standaarden-test'] },
  ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
