/**
 * Colours for charts. The three architectures use the Okabe–Ito palette (distinguishable with
 * the common colour-vision deficiencies, and at least 3:1 against both themes' backgrounds);
 * outcomes use the same hues so "failed" always reads as vermillion.
 */
export const ARCHITECTURE_COLOURS: Readonly<Record<string, string>> = {
  monolith: '#0072B2',
  'distributed-monolith': '#D55E00',
  microservices: '#009E73',
};

export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

export const OUTCOME_COLOURS = { succeeded: '#009E73', failed: '#D55E00' } as const;

/** Colour for the i-th series, preferring the architecture's own colour when it is one. */
export function seriesColour(label: string, index: number): string {
  return ARCHITECTURE_COLOURS[label] ?? SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#0072B2';
}
