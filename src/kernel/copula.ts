// Mirrors shaders/copula.wgsl: correlated uniforms for a group's members, then inverse-CDF draws.
import {
  CLIMATE_SLOTS,
  COPULA_L_STRIDE,
  F32,
  G_COPULA_L,
  G_COPULA_ON,
  GROUP_REGION,
  GROUP_SITE,
  MAX_GROUP_MEMBERS,
  SLOT_ALLOWANCE,
  SLOT_DELAY0,
  SLOT_DROUGHT,
  SLOT_GRID_DELAY,
  SLOT_GROWTH,
  SLOT_HEADROOM,
  SLOT_HEATWAVE,
  SLOT_HW_PUE,
  SLOT_HW_WUE,
  SLOT_PUE,
  SLOT_WUE,
} from './contract';
import { normCdf, normInv, uniformAt } from './distributions';
import { sampleDistU } from './inverse';
import type { Draw } from './common';

/** Each member's own slot, in CORRELATION_GROUPS order (src/scenario/names.ts). */
const SITE_SLOTS = [SLOT_DELAY0, SLOT_DELAY0 + 1, SLOT_DELAY0 + 2, SLOT_GRID_DELAY, SLOT_PUE, SLOT_WUE];
const MEMBER_CLIMATE_SLOTS = [SLOT_HEATWAVE, SLOT_DROUGHT, SLOT_HW_PUE, SLOT_HW_WUE, SLOT_ALLOWANCE];
const U_MIN = Math.fround(F32.COPULA_U_MIN);
const U_MAX = Math.fround(F32.COPULA_U_MAX);
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
    if (group === GROUP_SITE) return SITE_SLOTS[m];
    if (group === GROUP_REGION) return m === 0 ? SLOT_HEADROOM : SLOT_GROWTH;
    return y * CLIMATE_SLOTS + MEMBER_CLIMATE_SLOTS[m];
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
