// The layers of Headroom, lowest first; each may import only the layers below it (and itself):
//   kernel ← scenario ← engine ← backends ← createEngine ← data, analysis ← ui, cli
// i18n/       the page's language and every translated string; it imports nothing of ours (data and ui use it)
// kernel/     the contract (offsets, limits, knob indices, stream slots) and the TS mirrors of the WGSL
// scenario/   the scenario schema, validation and correlation factors
// engine/     run options, packing, plans, the run loop, result accessors (backend-agnostic)
// backends/   the WebGPU and CPU implementations of engine/backend.ts (never each other)
// createEngine.ts picks a backend; ui/, cli/ and analysis/ reach backends only through it.
const layer = (name, allowed) => ({
  name: `layer-${name}`,
  comment: `${name} may import only: ${allowed.join(', ')}`,
  severity: 'error',
  from: { path: `^src/${name}(/|\\.ts$)` },
  to: { path: '^src/', pathNot: allowed.map((a) => `^src/${a}(/|\\.ts$)`) },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'import circles hide layering mistakes', from: {}, to: { circular: true } },
    layer('kernel', ['kernel']),
    layer('scenario', ['kernel', 'scenario']),
    layer('engine', ['kernel', 'scenario', 'engine']),
    layer('backends/gpu', ['kernel', 'scenario', 'engine', 'backends/gpu']),
    layer('backends/cpu', ['kernel', 'scenario', 'engine', 'backends/cpu']),
    layer('createEngine', ['kernel', 'scenario', 'engine', 'backends']),
    layer('i18n', ['i18n']),
    layer('data', ['scenario', 'engine', 'i18n', 'data']),
    layer('analysis', ['kernel', 'scenario', 'engine', 'data', 'analysis']),
    layer('cli', ['scenario', 'engine', 'createEngine', 'i18n', 'data', 'analysis', 'cli']),
    layer('ui', ['scenario', 'engine', 'createEngine', 'i18n', 'data', 'analysis', 'ui', 'types']),
    layer('main', ['scenario', 'engine', 'createEngine', 'i18n', 'data', 'analysis', 'ui']),
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: ['\\?raw$', '^node:', '^virtual:pwa-register$', '^(webgpu|world-atlas/.*|geojson|topojson-specification)$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs'] },
    exclude: { path: '\\.d\\.ts$' },
  },
};
