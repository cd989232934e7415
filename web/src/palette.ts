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
