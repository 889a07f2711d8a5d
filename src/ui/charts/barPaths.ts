// uPlot path builders the charts use, remembered with their settings: uPlot's own path functions
// are opaque, so the SVG export (io/chartSvg.ts) looks a series' `paths` up here to know that it
// draws bars of a given width, or points only, rather than a line.
import uPlot from 'uplot';

export interface BarSize {
  /** Share of the space between two x values a bar takes, its widest (CSS px) and the gap between bars. */
  factor: number;
  maxPx: number;
  gapPx: number;
}

const BAR_SIZES = new WeakMap<uPlot.Series.PathBuilder, BarSize>();

/** uPlot's bars, with their size known to the SVG export. */
export function barPaths(factor: number, maxPx: number, gapPx = 0): uPlot.Series.PathBuilder | undefined {
  const paths = uPlot.paths.bars?.({ size: [factor, maxPx], gap: gapPx });
  if (paths) BAR_SIZES.set(paths, { factor, maxPx, gapPx });
  return paths;
}

/** A series drawn as points alone (no line between them). */
export const pointsOnly: uPlot.Series.PathBuilder = () => null;

export const barSizeOf = (paths: unknown): BarSize | undefined =>
  typeof paths === 'function' ? BAR_SIZES.get(paths as uPlot.Series.PathBuilder) : undefined;
