// Mirrors shaders/copula.wgsl: correlated uniforms for a group's members, then inverse-CDF draws.
import { COPULA_L_STRIDE, G_COPULA_L, G_COPULA_ON } from '../engine/layout';
import { normCdf, normInv, uniformAt } from '../rng/distributions';
import { sampleDistU } from '../rng/inverse';
import { MAX_GROUP_MEMBERS } from '../scenario/names';
import type { Draw } from './model';

export const GROUP_SITE = 0;
export const GROUP_REGION = 1;
export const GROUP_CLIMATE = 2;
const CLIMATE_SLOTS = [0, 3, 1, 2, 4]; // heatwave, drought, PUE uplift, WUE uplift, allowance
const U_MIN = Math.fround(5.9604645e-8);
const U_MAX = Math.fround(0.99999994);
const f32 = Math.fround;

export class CopulaDraw {
  /** The correlated uniform of each member of the group drawn last. */
  readonly u = new Float32Array(MAX_GROUP_MEMBERS);
  private readonly z = new Float32Array(MAX_GROUP_MEMBERS);

  constructor(private readonly scenario: Float32Array) {}

  on(group: number): boolean {
    return this.scenario[G_COPULA_ON + group] > 0.5;
  }

  distAtU(off: number, u: number): number {
    const sc = this.scenario;
    return sampleDistU(sc[off], sc[off + 1], sc[off + 2], sc[off + 3], sc[off + 4], u);
  }

  memberSlot(group: number, m: number, y: number): number {
    if (group === GROUP_SITE) return m >= 4 ? m + 9 : m;
    if (group === GROUP_REGION) return m;
    return y * 8 + CLIMATE_SLOTS[m];
  }

  correlateGroup(d: Draw, group: number, n: number, stream: number, y: number): void {
    for (let m = 0; m < n; m++) this.z[m] = normInv(uniformAt(d.key0, d.key1, d.index, stream, this.memberSlot(group, m, y)));
    const at = G_COPULA_L + group * COPULA_L_STRIDE;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j <= i; j++) acc = f32(acc + f32(this.scenario[at + i * MAX_GROUP_MEMBERS + j] * this.z[j]));
      this.u[i] = Math.min(Math.max(normCdf(acc), U_MIN), U_MAX);
    }
  }
}
