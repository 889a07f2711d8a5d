// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel Random Numbers: As Easy as 1, 2, 3",
// SC11; the Random123 library). Counter-based: the four output words are a pure function of
// (counter, key), so any draw of any stream can be produced by any invocation in any order.
// Library file: plain functions only, concatenated in front of a kernel. Mirrored bit for bit by
// src/kernel/philox.ts.

// High 32 bits of the 64-bit product. WGSL has no 64-bit integers, so split both operands into
// 16-bit halves; every partial sum below stays < 2^32 (ah*bl ≤ (2^16-1)^2 leaves room for the
// carried 16 bits), so nothing wraps.
fn mulhi32(a: u32, b: u32) -> u32 {
  let al = a & 0xFFFFu;
  let ah = a >> 16u;
  let bl = b & 0xFFFFu;
  let bh = b >> 16u;
  let t = ah * bl + ((al * bl) >> 16u);
  let w = (t & 0xFFFFu) + al * bh;
  return ah * bh + (t >> 16u) + (w >> 16u);
}

fn philoxRound(c: vec4<u32>, k: vec2<u32>) -> vec4<u32> {
  // u32 multiplication wraps (mod 2^32), which is exactly the low word.
  let hi0 = mulhi32(PHILOX_M0, c.x);
  let lo0 = PHILOX_M0 * c.x;
  let hi1 = mulhi32(PHILOX_M1, c.z);
  let lo1 = PHILOX_M1 * c.z;
  return vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
}

fn philox4x32(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = ctr;
  var k = key;
  c = philoxRound(c, k);
  // Random123 bumps the key *before* rounds 2..10 (not after round 10).
  for (var r = 1u; r < 10u; r = r + 1u) {
    k = k + vec2<u32>(PHILOX_W0, PHILOX_W1);
    c = philoxRound(c, k);
  }
  return c;
}

// Uniform in (0, 1) from the top 23 bits of a word: (k + 0.5) * 2^-23. Every step is exact in
// f32 (k + 0.5 < 2^23 needs 24 significant bits), so both backends produce the same float, the
// result is never 0 or 1 (range [2^-24, 1 - 2^-24]), and 1 - u is exact too.
fn u01(x: u32) -> f32 {
  return (f32(x >> 9u) + 0.5) * 1.1920928955078125e-7;
}
