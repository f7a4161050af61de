/** Import direction: kernels ← types ← table/io ← expr ← plan ← optimizer ← physical/pool ← exec ← frame ← index. */
const layer = (name, from, mayNotImport) => ({
  name,
  severity: 'error',
  comment: `${from} must not import ${mayNotImport}`,
  from: { path: from },
  to: { path: mayNotImport },
});

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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
