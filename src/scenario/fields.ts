// The scenario file's building blocks: bounded numbers, distribution specs and sources, on
// which schema.ts builds every field. Split from it only to keep each file readable.
import { z } from 'zod';
import { type Ceiling, ceilingMessage } from './limits';

// zod compiles object parsers with `new Function` unless told not to, and probes for it first:
// under the page's Content-Security-Policy (no 'unsafe-eval') that probe is a CSP violation on
// every load. Set before any schema below is built (each one reads it when it is constructed).
z.config({ jitless: true });

export const finite = (what = 'must be a finite number') => z.number({ error: what }).refine(Number.isFinite, what);
/** A finite number ≤ c.max. */
export const capped = (c?: Ceiling) => (c ? finite().refine((v) => v <= c.max, ceilingMessage(c)) : finite());
/** A distribution's location parameter: within ±c.max (a mean far below its support is as absurd as one far above). */
export const param = (c?: Ceiling) => (c ? capped(c).refine((v) => v >= -c.max, ceilingMessage(c, true)) : finite());
export const positive = (c?: Ceiling) => capped(c).refine((v) => v > 0, 'must be > 0');
export const nonNegative = (c?: Ceiling) => capped(c).refine((v) => v >= 0, 'must be ≥ 0');
export const probability = () => finite().refine((v) => v >= 0 && v <= 1, 'must be within [0, 1]');

/** Triangular and PERT share their parameters and the rule min ≤ mode ≤ max, min < max. */
export const minModeMax = <K extends 'triangular' | 'pert'>(dist: K, c?: Ceiling) =>
  z
    .object({ dist: z.literal(dist), min: param(c), mode: param(c), max: param(c) })
    .strict()
    .refine((d) => d.min <= d.mode && d.mode <= d.max && d.min < d.max, {
      message: 'must satisfy min ≤ mode ≤ max and min < max',
      path: ['mode'],
    });

/**
 * Distribution specs of a quantity whose every parameter lies within ±c.max (see LIMITS). A bare
 * number is shorthand for `{ dist: 'fixed', value }`.
 */
export const distOf = (c?: Ceiling) =>
  z.union([
    param(c).transform((value) => ({ dist: 'fixed' as const, value })),
    z.discriminatedUnion(
      'dist',
      [
        z.object({ dist: z.literal('fixed'), value: param(c) }).strict(),
        z
          .object({ dist: z.literal('uniform'), min: param(c), max: param(c) })
          .strict()
          .refine((d) => d.max >= d.min, { message: 'must be ≥ min', path: ['max'] }),
        minModeMax('triangular', c),
        z
          .object({ dist: z.literal('normal'), mean: param(c), sd: nonNegative(c), min: param(c).optional(), max: param(c).optional() })
          .strict()
          .refine((d) => d.min === undefined || d.max === undefined || d.max > d.min, { message: 'must be > min', path: ['max'] }),
        z
          .object({ dist: z.literal('lognormal'), median: positive(c), p90: positive(c) })
          .strict()
          .refine((d) => d.p90 >= d.median, { message: 'must be ≥ median', path: ['p90'] }),
        minModeMax('pert', c),
        z.object({ dist: z.literal('bernoulli'), p: probability() }).strict(),
        z
          .object({ dist: z.literal('poisson'), lambda: nonNegative(c) })
          .strict()
          .refine((d) => d.lambda <= 1000, { message: 'must be ≤ 1000', path: ['lambda'] }),
      ],
      { error: 'must be a number or a distribution {dist: fixed|uniform|triangular|normal|lognormal|pert|bernoulli|poisson, ...}' },
    ),
  ]);
/** Any distribution spec, without a ceiling (validate.ts normalises specs with it). */
export const distSchema = distOf();
export type DistSpec = z.output<typeof distSchema>;

export const sourceSchema = z.object({ title: z.string().min(1), url: z.string().optional(), date: z.string().optional() }).strict();
