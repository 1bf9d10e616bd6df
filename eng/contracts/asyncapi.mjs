// Validates a generated asyncapi.yaml with the AsyncAPI parser (the reference implementation of the specification),
// resolving the standard's $ids from spec/ offline. Prints every diagnostic; exit 1 when any is an error.
// Usage: node asyncapi.mjs <asyncapi.yaml>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const base = 'https://vr-standaarden.github.io/spec/';
const root = process.env.VR_SPEC_DIR || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../spec');
const file = process.argv[2];
if (!file) {
  console.error('usage: node asyncapi.mjs <asyncapi.yaml>');
  process.exit(2);
}

// A reader that throws hands the reference on to the parser's own http reader, which would go to the network; so an
// unknown reference is noted here, answered with an empty schema, and fails the run below.
const unresolved = [];
const offline = (scheme) => ({
  schema: scheme,
  order: 1,
  canRead: true,
  read: async (uri) => {
    const url = uri.toString().split('#')[0];
    const local = url.startsWith(base) ? path.join(root, url.slice(base.length)) : null;
    if (!local || !fs.existsSync(local)) {
      unresolved.push(url);
      return '{}';
    }
    return fs.promises.readFile(local, 'utf8');
  },
});

const parser = new Parser({ __unstable: { resolver: { resolvers: [offline('https'), offline('http')] } } });
const { document, diagnostics } = await parser.parse(fs.readFileSync(file, 'utf8'), { source: path.resolve(file) });
const names = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'info', [DiagnosticSeverity.Hint]: 'hint' };
for (const d of diagnostics) {
  console.log(`${file}: ${names[d.severity] ?? d.severity} ${d.code} ${d.message} at ${d.path.join('.')}`);
}
for (const url of new Set(unresolved)) {
  console.log(`${file}: error unresolved-ref ${url} is not a file of the standard under ${root}`);
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length + new Set(unresolved).size;
console.log(`${file}: AsyncAPI ${document ? document.version() : '?'}, ${document ? document.channels().length : 0} channels, ${document ? document.operations().length : 0} operations, ${errors} errors`);
process.exit(errors === 0 && document ? 0 : 1);
