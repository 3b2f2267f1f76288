// Starts the app from a file, not trunk's inline script, so the CSP needs no inline exception
// (see Trunk.toml, pattern_script). The planner is one download per group of pages: each
// <meta name="csplan-bundle"> names a download's files and the pages it draws (`cargo xtask
// dist` writes them), and this loads the one the address asks for. Opening figures (a share
// link, a council's scenario file, or figures an earlier version saved) is the Save and
// share download's, which has the scenario reader. The page is never blank meanwhile: the
// HTML shows the header and a "Loading" line until the app replaces them.
const params = new URLSearchParams(location.search);
const page = params.get('page') ?? '';
const bundles = [...document.querySelectorAll('meta[name="csplan-bundle"]')];
const opening = ['s', 'scenario', 'open'].some((p) => params.has(p));
const drawn = (m) => (m.dataset.pages ?? '').split(' ').includes(page);
const bundle =
  (opening && bundles.find((m) => m.dataset.opens !== undefined)) || bundles.find(drawn) || bundles[0];
const url = (name) => new URL(bundle.dataset[name], document.baseURI).href;
// The wasm download starts at once, beside the JavaScript's.
const wasm = fetch(url('wasm'));
const { default: init } = await import(url('module'));
await init({ module_or_path: wasm });
