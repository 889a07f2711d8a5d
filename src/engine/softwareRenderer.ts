// Renderers that run on the CPU, by the names their drivers report: WebGPU adapters (SwiftShader,
// lavapipe…) and WebGL renderers (ANGLE on SwiftShader, llvmpipe, Microsoft Basic Render…). The
// engine's `auto` treats such an adapter as slower than the CPU fallback, and the map drops
// multisampling on such a renderer: both read the same list.
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b|software/i;

export function isSoftwareRendererName(name: string): boolean {
  return SOFTWARE_NAMES.test(name);
}
