/**
 * One colour per request that stays distinct well past 8 flows: 24 hues spread by the golden angle
 * (neighbouring requests never look alike), each at one of three lightness steps, tuned per theme so
 * every colour keeps contrast on the panel background. Requests past 24 reuse a colour, and their
 * number (#N) tells them apart.
 */
export const FLOW_PALETTE_SIZE = 24;

const GOLDEN_ANGLE = 137.508;
const LIGHT = [44, 32, 54];
const DARK = [66, 76, 56];

export function flowPalette(dark: boolean): string[] {
  const steps = dark ? DARK : LIGHT;
  const out: string[] = [];
  for (let i = 0; i < FLOW_PALETTE_SIZE; i++) {
    const hue = Math.round((215 + i * GOLDEN_ANGLE) % 360);
    out.push(`hsl(${hue} ${dark ? 85 : 78}% ${steps[Math.floor(i / 8) % 3]}%)`);
  }
  return out;
}

/** The CSS colour of request flowId (0-based), through the theme's variables (theme.css). */
export function flowCssColor(flowId: number): string {
  return `var(--flow-${(flowId % FLOW_PALETTE_SIZE) + 1})`;
}
