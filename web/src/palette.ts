/**
 * Okabe & Ito's palette, distinguishable with every common colour-vision deficiency; every series also has its
 * own dash pattern and marker, so nothing is told by colour alone.
 */
export const SERIES_COLOURS = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#8C6D1F', // dark yellow (Okabe–Ito yellow is too light on white)
  '#000000',
];
export const OVERFLOW_COLOUR = '#D55E00'; // vermillion
export const UTILIZATION_COLOUR = '#333333'; // near-black, its own dash and square markers
export const SATURATION_COLOUR = '#882255'; // Tol's wine, apart from every Okabe–Ito hue above
export const ERROR_COLOUR = '#332288'; // Tol's indigo, apart from the blues above by lightness
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 2 1 2'];
export type Marker = 'circle' | 'square' | 'triangle' | 'diamond';
export const MARKERS: readonly Marker[] = ['circle', 'square', 'triangle', 'diamond'];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#000000';
}

export function seriesDash(index: number): string {
  return DASHES[index % DASHES.length] ?? '';
}

export function seriesMarker(index: number): Marker {
  return MARKERS[index % MARKERS.length] ?? 'circle';
}

const HEAT_DARKEST = [140, 45, 4] as const; // #8C2D04, dark orange-brown: a lightness ramp reads in every CVD
/** Text turns white from here: below it dark text has ≥ 4.5:1 contrast (WCAG AA), above it white text. */
const HEAT_WHITE_TEXT_FROM = 0.74;

/**
 * The shade of a heatmap cell for a rate in percent: white at 0 through dark orange-brown at 100, on a square
 * root scale so that a few percent of errors already shows. 0 has no shade at all.
 */
export function heatColour(percent: number): { background: string; text: string } | undefined {
  if (!(percent > 0)) return undefined;
  const t = Math.sqrt(Math.min(100, percent) / 100);
  const channel = (dark: number): number => Math.round(255 + (dark - 255) * t);
  const [r, g, b] = HEAT_DARKEST.map(channel);
  return {
    background: `rgb(${r}, ${g}, ${b})`,
    text: t >= HEAT_WHITE_TEXT_FROM ? '#ffffff' : '#111111',
  };
}
