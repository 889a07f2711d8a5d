// The system Chromium and the flags that give it WebGPU on SwiftShader (no GPU needed): shared
// by the Playwright config and the benchmark. CHROME_PATH points at another Chrome/Chromium.
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROME_FLAGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
