// Starts the app from a file, not trunk's inline script, so the CSP needs no inline exception
// (see Trunk.toml, pattern_script): the two <meta> elements name this build's files.
const named = (name) => new URL(document.querySelector(`meta[name="${name}"]`).content, document.baseURI).href;
const { default: init } = await import(named('csplan-module'));
await init({ module_or_path: named('csplan-wasm') });
