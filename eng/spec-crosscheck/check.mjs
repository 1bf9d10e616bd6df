// Cross-checks a spec release with Ajv (draft 2020-12, formats asserted), independently of the
// project's own engine: every schema compiles, every code list has the code-list shape, every
// example under voorbeelden/geldig is valid and every example under voorbeelden/ongeldig fails
// with the error its .verwacht.json sidecar names.
// Usage: node check.mjs <release folder> [<extension folder>...]
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const annotationKeywords = ["titleEn", "descriptionEn", "verwijstNaar", "codelijst", "codes", "persoonsgegeven", "aanbevolen"];
const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addVocabulary(annotationKeywords);

const folders = process.argv.slice(2);
if (folders.length === 0) {
  console.error("usage: node check.mjs <release folder> [<extension folder>...]");
  process.exit(2);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const listJson = (dir) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(dir, f)) : [];

const failures = [];
const schemasByName = new Map();
const codeLists = [];
let codelijstSchemaId = null;

for (const folder of folders) {
  for (const file of listJson(path.join(folder, "meta"))) {
    const schema = readJson(file);
    ajv.addSchema(schema);
    if (path.basename(file) === "codelijst.schema.json") codelijstSchemaId = schema.$id;
  }
  for (const file of listJson(path.join(folder, "codelijsten"))) {
    const schema = readJson(file);
    ajv.addSchema(schema);
    codeLists.push({ file, schema });
  }
  for (const file of listJson(path.join(folder, "schemas"))) {
    const schema = readJson(file);
    ajv.addSchema(schema);
    schemasByName.set(path.basename(file, ".schema.json"), { file, id: schema.$id });
  }
}

let compiled = 0;
for (const { file, id } of [...schemasByName.values(), ...codeLists.map((c) => ({ file: c.file, id: c.schema.$id }))]) {
  try {
    ajv.getSchema(id);
    compiled++;
  } catch (e) {
    failures.push(`${file}: does not compile: ${e.message}`);
  }
}

if (codeLists.length > 0) {
  if (!codelijstSchemaId) failures.push("meta/codelijst.schema.json is missing");
  else {
    const validateCodeList = ajv.getSchema(codelijstSchemaId);
    for (const { file, schema } of codeLists) {
      if (!validateCodeList(schema)) failures.push(`${file}: not a valid code list: ${ajv.errorsText(validateCodeList.errors)}`);
    }
  }
}

// The schema an example is an instance of: the longest schema name that prefixes "<name>-".
function schemaFor(file) {
  const base = path.basename(file);
  let best = null;
  for (const name of schemasByName.keys()) {
    if (base.startsWith(name + "-") && (best === null || name.length > best.length)) best = name;
  }
  return best;
}

// Ajv reports additionalProperties and unevaluatedProperties at the object; the expectations
// name the offending member, as the standard output format of JSON Schema does.
function locationOf(error) {
  const extra = error.params?.additionalProperty ?? error.params?.unevaluatedProperty;
  return extra === undefined ? error.instancePath : `${error.instancePath}/${extra.replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

const applicators = new Set(["if", "then", "else", "allOf", "anyOf", "oneOf", "not", "$ref"]);
const within = (location, ancestor) => ancestor === "" || location === ancestor || location.startsWith(ancestor + "/");

let valid = 0, invalid = 0;
for (const folder of folders) {
  for (const kind of ["geldig", "ongeldig"]) {
    for (const file of listJson(path.join(folder, "voorbeelden", kind))) {
      if (file.endsWith(".verwacht.json")) continue;
      const name = schemaFor(file);
      if (!name) { failures.push(`${file}: no schema named by the file name`); continue; }
      const validate = ajv.getSchema(schemasByName.get(name).id);
      const ok = validate(readJson(file));
      if (kind === "geldig") {
        if (ok) valid++;
        else failures.push(`${file}: expected valid, Ajv says: ${ajv.errorsText(validate.errors)}`);
        continue;
      }
      const sidecar = file.replace(/\.json$/, ".verwacht.json");
      if (!fs.existsSync(sidecar)) { failures.push(`${file}: missing ${path.basename(sidecar)}`); continue; }
      const expected = readJson(sidecar);
      if (ok) { failures.push(`${file}: expected invalid (${expected.keyword} at '${expected.instanceLocation}'), Ajv says valid`); continue; }
      const describe = (errors) => errors.map((e) => `${e.keyword} at '${locationOf(e)}'`).join("; ");
      const match = validate.errors.some((e) => e.keyword === expected.keyword && locationOf(e) === expected.instanceLocation);
      // Only the stated rule may fail: other errors lie below the stated location, or are
      // applicators above it that failed because of it.
      const others = validate.errors.filter((e) =>
        !within(locationOf(e), expected.instanceLocation) &&
        !(within(expected.instanceLocation, locationOf(e)) && applicators.has(e.keyword)));
      if (!match) failures.push(`${file}: expected ${expected.keyword} at '${expected.instanceLocation}', Ajv says: ${describe(validate.errors)}`);
      else if (others.length > 0) failures.push(`${file}: breaks more than ${expected.keyword} at '${expected.instanceLocation}': ${describe(others)}`);
      else invalid++;
    }
  }
}

for (const f of failures) console.error(`ajv: ${f}`);
console.log(`ajv ${JSON.parse(fs.readFileSync(new URL("./node_modules/ajv/package.json", import.meta.url))).version}: ` +
  `${compiled} schemas and code lists compiled, ${codeLists.length} code lists checked, ` +
  `${valid} valid and ${invalid} invalid examples agree, ${failures.length} disagreements`);
process.exit(failures.length === 0 ? 0 : 1);
