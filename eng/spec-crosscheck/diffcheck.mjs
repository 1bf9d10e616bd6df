// Checks the verdicts of `vr diff` independently of the project's engine: for each release pair of
// tests/fixtures/versiebeheer/diff-cases.json (and for the pairs of consecutive releases under spec/),
// runs `vr diff --output json`, checks the bump against the one the case states, and judges every
// witness with Ajv (draft 2020-12, formats asserted): valid under the release it names, invalid
// under the other.
// Usage: node diffcheck.mjs <cases.json> <spec folder> <vr command>...
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [casesFile, specFolder, ...vr] = process.argv.slice(2);
if (!casesFile || !specFolder || vr.length === 0) {
  console.error("usage: node diffcheck.mjs <cases.json> <spec folder> <vr command>...");
  process.exit(2);
}

const failures = [];
let witnesses = 0;
let pairs = 0;

const definitions = (folder) => {
  const found = [];
  for (const sub of ["schemas", "codelijsten", "meta"]) {
    const dir = path.join(folder, sub);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      found.push({ rel: `${sub}/${name}`, schema: JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) });
    }
  }
  return found;
};

const validator = (folder) => {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  const files = definitions(folder);
  for (const { schema } of files) ajv.addSchema(schema);
  const byId = new Map(files.map((f) => [f.schema.$id, f.rel]));
  const idOf = new Map(files.map((f) => [f.rel, f.schema.$id]));
  return { ajv, byId, idOf };
};

// The schema URI of a change, as the other release names the same file.
const translate = (uri, from, to) => {
  const [base, fragment] = uri.split("#");
  const rel = from.byId.get(base);
  const other = rel && to.idOf.get(rel);
  return other ? other + (fragment !== undefined ? "#" + fragment : "") : null;
};

const valid = (side, uri, instance) => {
  const check = side.ajv.compile({ $ref: uri });
  return check(instance);
};

const compare = (name, oldFolder, newFolder, args, expected) => {
  pairs++;
  const run = spawnSync(vr[0], [...vr.slice(1), "diff", oldFolder, newFolder, "--output", "json", ...args], { encoding: "utf8" });
  if (run.status !== 0 && run.status !== 1) {
    failures.push(`${name}: vr diff exited ${run.status}: ${run.stderr}`);
    return;
  }
  const diff = JSON.parse(run.stdout);
  if (expected && diff.bump !== expected) failures.push(`${name} ${args.join(" ")}: bump ${diff.bump}, expected ${expected}`);
  const oldSide = validator(oldFolder);
  const newSide = validator(newFolder);
  for (const change of diff.changes) {
    if (!("witness" in change)) continue;
    witnesses++;
    const inNew = newSide.byId.has(change.schema.split("#")[0]);
    const newUri = inNew ? change.schema : translate(change.schema, oldSide, newSide);
    const oldUri = inNew ? translate(change.schema, newSide, oldSide) : change.schema;
    const underOld = oldUri ? valid(oldSide, oldUri, change.witness) : false;
    const underNew = newUri ? valid(newSide, newUri, change.witness) : false;
    const claimed = change.witnessValidUnder;
    const ok = claimed === "old" ? underOld && !underNew : underNew && !underOld;
    if (!ok) {
      failures.push(`${name}: ${change.schema} ${change.location}: witness claimed valid under ${claimed}, Ajv: old ${underOld}, new ${underNew}: ${JSON.stringify(change.witness)}`);
    }
  }
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), "vr-diffcheck-"));
try {
  for (const c of JSON.parse(fs.readFileSync(casesFile, "utf8")).cases) {
    const write = (files, version) => {
      const folder = path.join(work, c.name, version);
      for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
        fs.writeFileSync(path.join(folder, rel), JSON.stringify(content, null, 2).replaceAll('"@/', `"https://example.test/spec/${version}/`));
      }
      return folder;
    };
    const oldFolder = write(c.old, "1.0");
    const newFolder = write(c.new, "2.0");
    compare(c.name, oldFolder, newFolder, [], c.bump);
    compare(c.name, oldFolder, newFolder, ["--readers", "strict"], c.strict ?? c.bump);
  }

  const releases = fs.readdirSync(specFolder).filter((f) => /^\d+\.\d+(\.\d+)?$/.test(f))
    .sort((a, b) => a.split(".").map(Number).reduce((acc, n, i) => acc || n - b.split(".").map(Number)[i], 0));
  for (let i = 1; i < releases.length; i++) {
    const oldFolder = path.join(specFolder, releases[i - 1]);
    const newFolder = path.join(specFolder, releases[i]);
    compare(`spec ${releases[i - 1]} → ${releases[i]}`, oldFolder, newFolder, [], null);
    compare(`spec ${releases[i - 1]} → ${releases[i]}`, oldFolder, newFolder, ["--readers", "strict"], null);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

for (const failure of failures) console.error(`diffcheck: ${failure}`);
console.log(`ajv ${JSON.parse(fs.readFileSync(new URL("./node_modules/ajv/package.json", import.meta.url))).version}: ${pairs} diffs of release pairs, ${witnesses} witnesses judged, ${failures.length} disagreements`);
process.exit(failures.length === 0 ? 0 : 1);
