// The map key's form follows the map box in px (keyForm.ts): full at the default page's map,
// short on presentation mode's smaller map, folded at first on a narrow one.
import { describe, expect, it } from 'vitest';
import { keyForm } from '../../src/ui/map/keyForm';

describe('keyForm', () => {
  it('keeps the full key on the default 1280×720 map (about 928 × 418 px)', () => {
    expect(keyForm(928, 418)).toEqual({ narrow: false, compact: false, stacked: false });
  });
  it('shortens the key on presentation mode’s map at 1280×720 (about 729 × 317 px)', () => {
    expect(keyForm(729, 317)).toEqual({ narrow: false, compact: true, stacked: false });
  });
  it('shortens it on a wide but short map too', () => {
    expect(keyForm(1200, 300).compact).toBe(true);
  });
  it('folds the key at first on a narrow map, and opened it shows everything, in one column when very narrow', () => {
    expect(keyForm(600, 350)).toEqual({ narrow: true, compact: false, stacked: false });
    expect(keyForm(400, 350)).toEqual({ narrow: true, compact: false, stacked: true });
  });
});
