/**
 * Import rules. In src/: kernels ← types ← table/io ← expr ← plan ← optimizer ← physical/pool ← exec ← frame ← index.
 * Around it: cli/ uses the public API only; src/, kernels/ and cli/ (what the package ships) never
 * reach dev-only code (bench/, datasets/, test/) or a dev dependency; bench/ and datasets/ never
 * reach the tests.
 */
const layer = (name, from, mayNotImport) => ({
  name,
  severity: 'error',
  comment: `${from} must not import ${mayNotImport}`,
  from: { path: from },
  to: { path: mayNotImport },
});

/** What the published package holds: its code may use only runtime dependencies. */
const SHIPPED = '^(src|kernels|cli)/';
/** The one way from the command to the benchmark: `volley bench` imports it on demand. */
const BENCH_LOADER = '^cli/bench\\.[jt]s$';

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    layer('kernels-are-pure', '^kernels/', '^src/'),
    layer('types-stay-low', '^src/types/', '^src/(table|io|expr|plan|optimizer|physical|exec|pool|frame|index)'),
    layer('table-below-planner', '^src/table/', '^src/(io|expr|plan|optimizer|physical|exec|pool|frame|index)'),
    layer('io-below-planner', '^src/io/', '^src/(expr|plan|optimizer|physical|exec|pool|frame|index)'),
    layer('expr-below-plan', '^src/expr/', '^src/(io|plan|optimizer|physical|exec|pool|frame|index)'),
    layer('plan-below-optimizer', '^src/plan/', '^src/(optimizer|physical|exec|pool|frame|index)'),
    layer('optimizer-below-physical', '^src/optimizer/', '^src/(physical|exec|pool|frame|index)'),
    layer('pool-below-physical', '^src/pool/', '^src/(plan|optimizer|physical|exec|frame|index|expr|io)'),
    layer('physical-below-exec', '^src/physical/', '^src/(exec|frame|index)'),
    layer('exec-below-frame', '^src/exec/', '^src/(frame|index)'),
    layer('frame-below-index', '^src/frame/', '^src/index'),
    {
      name: 'worker-imports-kernels-and-protocol-only',
      severity: 'error',
      from: { path: '^src/pool/(worker|task)' },
      to: { path: '^src/', pathNot: '^src/pool/(protocol|task)' },
    },
    {
      name: 'cli-uses-the-public-api',
      severity: 'error',
      comment: 'cli/ reaches Volley through src/index.ts only, as a user of the package does',
      from: { path: '^cli/' },
      to: { path: '^(src|kernels)/', pathNot: '^src/index\\.[jt]s$' },
    },
    {
      name: 'shipped-code-never-reaches-dev-code',
      severity: 'error',
      comment: 'src/, kernels/ and cli/ are published; bench/, datasets/ and test/ are not',
      from: { path: SHIPPED, pathNot: BENCH_LOADER },
      to: { path: '^(bench|datasets|test)/' },
    },
    {
      name: 'bench-loader-imports-the-bench-command-only',
      severity: 'error',
      comment: 'cli/bench.ts may reach bench/command.ts, by a dynamic import only (an installed package has no bench/)',
      from: { path: BENCH_LOADER },
      to: { path: '^(bench|datasets|test)/', pathNot: '^bench/command\\.[jt]s$' },
    },
    {
      name: 'bench-loader-imports-on-demand',
      severity: 'error',
      comment: 'a static import of the bench from cli/ fails where the package is installed',
      from: { path: BENCH_LOADER },
      to: { path: '^bench/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'shipped-code-uses-runtime-dependencies-only',
      severity: 'error',
      comment: 'a user installs the dependencies, not the devDependencies; a package outside package.json may be absent',
      from: { path: SHIPPED },
      to: { dependencyTypes: ['npm-dev', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'shipped-code-resolves',
      severity: 'error',
      comment: 'an import that does not resolve fails at run time',
      from: { path: SHIPPED },
      to: { couldNotResolve: true },
    },
    layer('datasets-stand-alone', '^datasets/', '^(bench|cli|test)/'),
    layer('bench-never-imports-tests', '^bench/', '^test/'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // package exports resolved as Node resolves them (parquet-wasm's `main` names no file: only its exports map leads in)
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
