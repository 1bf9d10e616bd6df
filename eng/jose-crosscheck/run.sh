#!/usr/bin/env bash
# Signatures made by the vr tool verify with jose + canonicalize, and signatures made with jose verify with the vr tool;
# a changed byte fails both ways. Certificates are made here with openssl: a root and leaves (EC P-256 and RSA 2048) that
# carry the sender's OIN in the subject's serialNumber, as PKIoverheid certificates do.
# Usage: eng/jose-crosscheck/run.sh <vr command...>   (for example: dotnet src/Vr.Standaarden.Cli/bin/Release/net10.0/vr.dll)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vr=("$@")
[ "${#vr[@]}" -gt 0 ] || { echo "usage: $0 <vr command...>" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fail() { echo "jose-crosscheck: $*" >&2; exit 1; }

oin=00000004000000042000
openssl ecparam -name prime256v1 -genkey -noout -out "$work/root.key" 2>/dev/null
openssl req -x509 -new -key "$work/root.key" -subj "/C=NL/O=Test/CN=Test Root" -days 3650 -sha256 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$work/root.pem" 2>/dev/null
leaf() { # name, key-generation command...
  local name=$1; shift
  "$@" -out "$work/$name.key" 2>/dev/null
  openssl req -new -key "$work/$name.key" -subj "/C=NL/O=Veiligheidsregio Test/serialNumber=$oin/CN=gms.test" -out "$work/$name.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n' > "$work/$name.ext"
  openssl x509 -req -in "$work/$name.csr" -CA "$work/root.pem" -CAkey "$work/root.key" -CAcreateserial -sha256 \
    -days 30 -extfile "$work/$name.ext" -out "$work/$name.pem" 2>/dev/null
}
leaf ec openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256
leaf rsa openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048

# A message whose canonical form exercises RFC 8785: member order, numbers in ECMAScript form, escapes, non-ASCII.
# Its time is a minute from now: the certificates, made just now, are valid then.
time="$(date -u -d '+1 minute' +%Y-%m-%dT%H:%M:%SZ)"
cat > "$work/message.json" <<JSON
{
  "specversion": "1.0", "id": "kruiscontrole-1", "source": "urn:nld:oin:00000004000000042000:systeem:GMS",
  "type": "nl.veiligheidsregio.incident.v1", "time": "$time", "datacontenttype": "application/json",
  "dataschema": "https://vr-standaarden.github.io/spec/1.1/schemas/incident.schema.json",
  "tlp": "TLP:RED", "ontvangers": "urn:nld:oin:00000004000000015000", "doelbinding": "incidentbestrijding", "bewaartermijn": "P30D",
  "data": { "z": [1E30, 4.50, 2e-3, 0.000000000000000000000000001, 333333333.33333329, -0, 1e21, 1e-7],
            "tekst": "€ één \\u000f\\n\\"quote\\" \\\\ /", "\\u00f6": "ö", "\\r": 1, "emoji": "😀", "a": null, "b": true }
}
JSON

checks=0
for alg in ES256 PS256 RS256; do
  key=ec; [ "$alg" = ES256 ] || key=rsa
  "${vr[@]}" sign --key "$work/$key.key" --cert "$work/$key.pem" --alg "$alg" -o "$work/vr-$alg.json" "$work/message.json"
  node "$here/check.mjs" verify "$work/vr-$alg.json" "$work/$key.pem" >/dev/null || fail "$alg: a vr signature does not verify with jose"
  node "$here/check.mjs" sign "$work/message.json" "$work/$key.key" "$work/$key.pem" "$alg" "$work/jose-$alg.json" >/dev/null
  out="$("${vr[@]}" verify --trust "$work/root.pem" "$work/jose-$alg.json")" || fail "$alg: a jose signature does not verify with vr: $out"
  [ "$out" = "$work/jose-$alg.json: verified $oin" ] || fail "$alg: unexpected output: $out"

  # One changed byte in data: both refuse.
  sed 's/kruiscontrole-1/kruiscontrole-2/' "$work/vr-$alg.json" > "$work/vr-$alg-changed.json"
  ! node "$here/check.mjs" verify "$work/vr-$alg-changed.json" "$work/$key.pem" 2>/dev/null || fail "$alg: jose verified a changed message"
  sed 's/"b": true/"b": false/' "$work/jose-$alg.json" > "$work/jose-$alg-changed.json"
  out="$("${vr[@]}" verify --trust "$work/root.pem" "$work/jose-$alg-changed.json")" && fail "$alg: vr verified a changed message"
  case "$out" in *"refused VR-SIG-011"*) ;; *) fail "$alg: unexpected refusal: $out" ;; esac
  checks=$((checks + 4))
done
echo "jose-crosscheck: jose $(node -p "require('$here/node_modules/jose/package.json').version") and canonicalize $(node -p "require('$here/node_modules/canonicalize/package.json').version"): $checks checks over ES256, PS256 and RS256 both ways, 0 disagreements"
