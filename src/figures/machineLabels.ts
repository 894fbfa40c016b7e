/**
 * Type sizes of state-machine diagrams, shared by the build-time layout and the island that draws
 * it. A module of their own, so the island does not pull the layout engine (ELK, ~1.5 MB) into
 * the page just to read three numbers.
 */
export const STATE_FONT_PX = 15;
export const LABEL_FONT_PX = 13;
export const LABEL_LINE_PX = 17;
