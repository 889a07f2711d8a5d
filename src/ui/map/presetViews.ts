// Named map views (the UK / US / Japan / World buttons, `?map=uk`) and the view a scenario opens on.
import type { Scenario } from '../../scenario/schema';
import type { MapViewState, ScenarioSource } from '../store';

export const PRESET_VIEWS = {
  world: { lon: 10, lat: 18, zoom: 1 },
  uk: { lon: -2.8, lat: 54.4, zoom: 15 },
  us: { lon: -96.5, lat: 38.5, zoom: 4.2 },
  // Kyushu to Hokkaido (31–45° N) with Toyama in the middle; Okinawa is off the view.
  jp: { lon: 136.5, lat: 37.8, zoom: 9 },
} as const satisfies Record<string, MapViewState>;
export type PresetViewId = keyof typeof PRESET_VIEWS;

export const MIN_ZOOM = 0.8;
export const MAX_ZOOM = 64;

/** Fits the scenario's sites (a rough fit in degrees; the projection is near-equal-area). */
function fitSites(scenario: Scenario): MapViewState {
  const lons = scenario.sites.map((s) => s.lon);
  const lats = scenario.sites.map((s) => s.lat);
  const lonSpan = Math.max(...lons) - Math.min(...lons);
  const latSpan = Math.max(...lats) - Math.min(...lats);
  const zoom = Math.min(12, Math.max(1, 0.6 * Math.min(360 / Math.max(lonSpan, 1), 170 / Math.max(latSpan, 1))));
  return {
    lon: (Math.max(...lons) + Math.min(...lons)) / 2,
    lat: (Math.max(...lats) + Math.min(...lats)) / 2,
    zoom: Number(zoom.toFixed(2)),
  };
}

export function defaultViewFor(source: ScenarioSource, scenario: Scenario | undefined): MapViewState {
  if (source === 'uk-2030') return { ...PRESET_VIEWS.uk };
  if (source === 'us-federal-sites') return { ...PRESET_VIEWS.us };
  if (source === 'japan-2030') return { ...PRESET_VIEWS.jp };
  if (source === 'global-2030' || !scenario) return { ...PRESET_VIEWS.world };
  return fitSites(scenario);
}
