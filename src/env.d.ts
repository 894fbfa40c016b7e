// `astro check` resolves .astro imports through Astro's language service; plain `tsc` (which
// checks the engine and the TypeScript modules) does not, so it gets this fallback shape.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
