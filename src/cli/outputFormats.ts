/** Output formats of `analyze`, as istioctl names them; kept apart so `--help` loads no renderer. */
export const OUTPUT_FORMATS = ['log', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
