/** AGE: apimachinery's HumanDuration thresholds, one row per rule. */
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../src/view/kubectl/humanDuration';

const M = 60;
const H = 3600;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-2, '<invalid>'],
    [-1, '0s'],
    [0, '0s'],
    [59.9, '59s'],
    [119, '119s'],
    [2 * M, '2m'],
    [2 * M + 30, '2m30s'],
    [9 * M + 59, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 59, '10m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [5 * H + 12 * M, '5h12m'],
    [7 * H + 59 * M + 59, '7h59m'],
    [8 * H, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [3 * D + 4 * H, '3d4h'],
    [4 * D + 21 * H + 30 * M, '4d21h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [2 * Y - D, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 40 * D, '2y40d'],
    [8 * Y + 40 * D, '8y'],
  ])('%d s → %s', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text);
  });
});
