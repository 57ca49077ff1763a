/**
 * Colour for the text format: whether to use it (a pure function of the stream and the environment,
 * so it is unit-tested), and the few ANSI SGR codes the text format needs.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Colour on a terminal only. `FORCE_COLOR` wins, as in Node itself: any value but `0`/`false` forces
 * colour on (a pipe in CI that renders it), `0`/`false` forces it off. Else `NO_COLOR` (not empty:
 * no-color.org) turns it off, and so does `TERM=dumb`.
 */
export function useColour(isTTY: boolean | undefined, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

const SGR = { bold: 1, dim: 2, underline: 4, red: 31, yellow: 33, blue: 34, cyan: 36, grey: 90 } as const;
export type Style = keyof typeof SGR;

/** Wraps text in styles, or returns it as it is when colour is off. */
export type Paint = (text: string, ...styles: Style[]) => string;

export function painter(on: boolean): Paint {
  if (!on) return (text) => text;
  return (text, ...styles) => (styles.length === 0 || text === '' ? text : `\x1b[${styles.map((s) => SGR[s]).join(';')}m${text}\x1b[0m`);
}
