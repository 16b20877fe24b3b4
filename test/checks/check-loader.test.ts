import { describe, expect, it } from 'vitest';
import { checkAvailable, loadCheck } from '../../src/checks/check-loader.js';
import { checks } from '../../src/checks/index.js';
import { CHECK_NAMES } from '../../src/core/config/schema.js';

describe('check loader (one check on demand)', () => {
  it('loads exactly the registry check of each name', async () => {
    for (const name of CHECK_NAMES) {
      expect(checkAvailable(name)).toBe(Boolean(checks[name]));
      if (checks[name]) expect(await loadCheck(name)).toBe(checks[name]);
    }
  });

  it('refuses a name that is not a check, inherited keys included', async () => {
    for (const name of ['toString', '__proto__', 'constructor', 'nope'])
      expect(checkAvailable(name as never)).toBe(false);
    await expect(loadCheck('toString' as never)).rejects.toThrow(/unknown check/);
  });
});
