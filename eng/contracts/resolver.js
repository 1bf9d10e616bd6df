// Resolves the standard's $ids from the release folders under spec/, so the contracts lint offline; any other
// http(s) reference is an error (the contracts may refer to nothing but the standard).
const fs = require('fs');
const path = require('path');
const { Resolver } = require('@stoplight/spectral-ref-resolver');
const { resolveFile } = require('@stoplight/json-ref-readers');

const base = 'https://vr-standaarden.github.io/spec/';
const root = process.env.VR_SPEC_DIR || path.resolve(__dirname, '../../spec');

const offline = {
  resolve(ref) {
    const url = ref.toString().split('#')[0];
    if (!url.startsWith(base)) {
      return Promise.reject(new Error(`${url}: not a file of the standard (${base}...); contracts refer to the standard only`));
    }
    return fs.promises.readFile(path.join(root, url.slice(base.length)), 'utf8');
  },
};

module.exports = new Resolver({ resolvers: { https: offline, http: offline, file: { resolve: resolveFile } } });
