import { describe, expect, it } from 'vitest';
import { inHoldout } from './holdout';

describe('R12 holdout bucketing', () => {
  it('is stable for an id, and never holds anyone out at 0%', () => {
    for (let i = 0; i < 500; i++) {
      expect(inHoldout(`v_${i}`, 0)).toBe(false);
      expect(inHoldout(`v_${i}`, 50)).toBe(inHoldout(`v_${i}`, 50));
    }
  });

  it.each([5, 10, 25, 50])('puts about %i%% of 20,000 random ids in the holdout', (percent) => {
    let held = 0;
    for (let i = 0; i < 20000; i++) if (inHoldout(`v_${Math.random().toString(36).slice(2, 12)}`, percent)) held++;
    // Binomial: 20,000 draws put the share within ±1.5 points at far beyond 3 sigma.
    expect(Math.abs((held / 20000) * 100 - percent)).toBeLessThan(1.5);
  });

  it('is nested: whoever is held out at 10% is also held out at 50%', () => {
    for (let i = 0; i < 2000; i++) if (inHoldout(`v_${i}`, 10)) expect(inHoldout(`v_${i}`, 50)).toBe(true);
  });
});
