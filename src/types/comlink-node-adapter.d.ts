// comlink ships types for its Node adapter as node-adapter.d.ts; map the .mjs path to them.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}
