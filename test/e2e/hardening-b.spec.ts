// Hardening in the browser: no CSP violation on load (zod jitless, no dev allowances in the
// build), prototype names in the link are ignored with a notice and later state changes still
// work, and `?scenario=user` with nothing saved keeps its notice.
import { expect, test } from '@playwright/test';
import { open, trackConsole } from './helpers';

test('no CSP violations; ?map=toString&y=toString&colour=__proto__ is ignored with a notice', async ({ page }) => {
  const errors = trackConsole(page);
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await open(page, '?backend=cpu&map=toString&y=toString&colour=__proto__');
  const notice = page.locator('hr-status').getByRole('status').filter({ hasText: 'Ignored in the link' });
  await expect(notice).toContainText('map=toString');
  await expect(notice).toContainText('y=toString');
  // A state change writes the address bar (it used to throw on every one).
  const map = page.getByRole('application', { name: /^Map of/ });
  await map.focus();
  await map.press('+');
  await expect.poll(() => page.evaluate(() => location.search)).toMatch(/map=-?\d/);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(errors, errors.join('\n')).toEqual([]);
});

test('?scenario=user with nothing saved keeps its notice', async ({ page }) => {
  await open(page, '?backend=cpu&scenario=user');
  await expect(
    page.locator('hr-status').getByRole('status').filter({ hasText: 'This link points at data someone imported' }),
  ).toBeVisible();
});
