// Whether this browser's WebGL draws on the CPU (SwiftShader, llvmpipe…), as it does on a machine
// without a usable GPU, where the page also runs its model on the CPU fallback. Read once, from a
// throwaway context that is released at once.
import { isSoftwareRendererName } from '../../engine/softwareRenderer';

let known: boolean | undefined;

export function softwareWebGL(): boolean {
  if (known !== undefined) return known;
  known = false;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return known;
  // The unmasked name where the browser gives it (Chromium does), else the one it reports.
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  known = isSoftwareRendererName(String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return known;
}
