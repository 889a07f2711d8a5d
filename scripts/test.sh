#!/usr/bin/env bash
# What `npm test` runs: system packages if missing, then type-check, lint and format, the layer
# rules, unit + GPU tests in Node, the production build, and the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

section() { printf '\n\033[1m==== %s ====\033[0m\n' "$*"; }

# Dawn (the `webgpu` package) needs the Vulkan loader; SwiftShader's Vulkan driver comes inside
# Debian's chromium package, which is also the browser the e2e tests drive.
has_vulkan_loader() {
  local libs
  # Captured first: `ldconfig -p | grep -q` can SIGPIPE ldconfig and fail under pipefail.
  libs=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
  [[ $libs == *libvulkan.so.1* ]]
}

missing=()
[[ -x /usr/bin/chromium && -f /usr/lib/chromium/vk_swiftshader_icd.json ]] || missing+=(chromium)
has_vulkan_loader || missing+=(libvulkan1)
# A Japanese face for the ?lang=ja screenshots; without one Chromium draws empty boxes (the page
# names system faces only: nothing is fetched at run time).
has_japanese_font() {
  local fonts
  fonts=$(fc-list :lang=ja family 2>/dev/null || true)
  [[ -n $fonts ]]
}
has_japanese_font || missing+=(fonts-ipafont-gothic)

if ((${#missing[@]})); then
  section "Installing ${missing[*]} (Debian packages)"
  if ! command -v apt-get >/dev/null; then
    echo "apt-get is not available: install ${missing[*]} yourself, or set CHROME_PATH to a Chrome/Chromium with WebGPU." >&2
  else
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || { echo "need root or sudo to install ${missing[*]}" >&2; exit 1; }
      sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  fi
fi

section "Type-check (tsc --noEmit)"
npx tsc --noEmit

section "Lint and format (biome ci)"
npx biome ci .

section "Layers and import circles (dependency-cruiser)"
npx depcruise src --config .dependency-cruiser.cjs

# Counts for the closing line come from the runners' JSON reports.
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

section "Unit and GPU tests in Node (vitest; WebGPU via Dawn on SwiftShader)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

section "Production build (vite build)"
npx vite build

section "End-to-end tests in headless Chromium (playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json

section "All tests passed"
node -e '
const fs = require("node:fs");
const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).stats;
const passed = v.numPassedTests + p.expected;
const failed = v.numFailedTests + p.unexpected + p.flaky;
console.log(`tests: ${passed} passed, ${failed} failed`);
' "$reports/vitest.json" "$reports/playwright.json"
