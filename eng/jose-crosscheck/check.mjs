// Independent check of the envelope's jws with another implementation: jose (JWS) and canonicalize (RFC 8785).
//   node check.mjs verify <signed.json> <leaf.pem>          the jws verifies with jose over canonicalize(message without jws)
//   node check.mjs sign <message.json> <key.pem> <chain.pem> <alg> <out.json>
//                                                            signs with jose the way the standard defines jws
// Exit code 0: verified or signed; 1: not verified; 2: usage.
import fs from "node:fs";
import crypto from "node:crypto";
import canonicalize from "canonicalize";
import * as jose from "jose";

const [command, ...args] = process.argv.slice(2);
const encoder = new TextEncoder();
const payloadOf = (message) => {
  const { jws, ...rest } = message;
  return encoder.encode(canonicalize(rest));
};
const pemBlocks = (text) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const der = (pem) => pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");

if (command === "verify" && args.length === 2) {
  const message = JSON.parse(fs.readFileSync(args[0], "utf8"));
  const [header, empty, signature] = message.jws.split(".");
  if (empty !== "") {
    console.error("jws is not detached");
    process.exit(1);
  }
  const protectedHeader = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
  const leafPem = pemBlocks(fs.readFileSync(args[1], "utf8"))[0];
  if (protectedHeader.x5c?.[0] !== der(leafPem)) {
    console.error("x5c[0] is not the leaf certificate");
    process.exit(1);
  }
  const key = await jose.importX509(leafPem, protectedHeader.alg);
  try {
    const compact = `${header}.${Buffer.from(payloadOf(message)).toString("base64url")}.${signature}`;
    await jose.compactVerify(compact, key, { algorithms: ["ES256", "PS256", "RS256"] });
    console.log(`jose: verified ${protectedHeader.alg}`);
  } catch (error) {
    console.error(`jose: not verified: ${error.message}`);
    process.exit(1);
  }
} else if (command === "sign" && args.length === 5) {
  const [messageFile, keyFile, chainFile, alg, out] = args;
  const message = JSON.parse(fs.readFileSync(messageFile, "utf8"));
  const key = crypto.createPrivateKey(fs.readFileSync(keyFile, "utf8"));
  const x5c = pemBlocks(fs.readFileSync(chainFile, "utf8")).map(der);
  const compact = await new jose.CompactSign(payloadOf(message)).setProtectedHeader({ alg, x5c }).sign(key);
  const [h, , s] = compact.split(".");
  delete message.jws;
  message.jws = `${h}..${s}`;
  fs.writeFileSync(out, JSON.stringify(message, null, 2));
  console.log(`jose: signed ${alg}`);
} else {
  console.error("usage: node check.mjs verify <signed.json> <leaf.pem> | sign <message.json> <key.pem> <chain.pem> <alg> <out.json>");
  process.exit(2);
}
