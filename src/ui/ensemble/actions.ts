// Everything the ensemble views can ask for, as one event type: the views stay stateless and
// hr-app forwards each action to the EnsembleController without knowing what it means.
import type { KnobName } from '../../scenario/names';
import type { Brush, DiscoveryAxes, EnsembleSettings, FailureDef, SensitivitySettings } from './types';

export type RawFormat = 'csv' | 'arrow';

export type EnsembleAction =
  | { type: 'range'; name: KnobName; range: readonly [number, number] | undefined }
  | { type: 'settings'; patch: Partial<EnsembleSettings> }
  | { type: 'run' }
  | { type: 'cancel' }
  | { type: 'axes'; patch: Partial<DiscoveryAxes> }
  | { type: 'failure'; failure: FailureDef }
  | { type: 'brush'; brush: Brush | undefined }
  | { type: 'pick'; set: number | undefined }
  | { type: 'sensitivity-settings'; patch: Partial<SensitivitySettings> }
  | { type: 'sensitivity' }
  | { type: 'sensitivity-cancel' }
  | { type: 'export'; format: RawFormat; series: string[] };

export type EnsembleActionEvent = CustomEvent<EnsembleAction>;

export function emitAction(from: HTMLElement, action: EnsembleAction): void {
  from.dispatchEvent(new CustomEvent<EnsembleAction>('hr-ensemble', { detail: action, bubbles: true, composed: true }));
}
