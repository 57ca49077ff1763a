/** The version of this build: esbuild defines `__VERSION__` (esbuild.mjs); a source run is "0.0.0-dev". */
declare const __VERSION__: string | undefined;

export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
