// Adds lock entries for the platform-specific optional binaries of the benchmark peers (DuckDB, Polars)
// that the registry reachable here does not serve, so `npm ci` accepts the lock. Run after `npm install`.
const fs = require('node:fs');
const l = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const plat = (name) => {
  const os = /darwin/.test(name) ? 'darwin' : /win32/.test(name) ? 'win32' : /android/.test(name) ? 'android' : 'linux';
  const cpu = /arm64/.test(name) ? 'arm64' : 'x64';
  const e = { os: [os], cpu: [cpu] };
  if (/musl/.test(name)) e.libc = ['musl'];
  else if (os === 'linux') e.libc = ['glibc'];
  return e;
};
for (const parent of ['node_modules/@duckdb/node-bindings', 'node_modules/nodejs-polars']) {
  const p = l.packages[parent];
  for (const [dep, ver] of Object.entries(p.optionalDependencies)) {
    const key = `node_modules/${dep}`;
    if (l.packages[key]) continue;
    l.packages[key] = { version: ver, dev: true, optional: true, ...plat(dep) };
    console.log('added', key);
  }
}
fs.writeFileSync('package-lock.json', `${JSON.stringify(l, null, 2)}\n`);
