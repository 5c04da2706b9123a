// The keyboard of a radio-group (docs/platform.md, "radio-group, radio and label"): WeChat's phone has none, so the
// simulator follows the browser's own radio group, as WAI-ARIA's radio group pattern describes it. One radio of a
// group is in the Tab order (the checked one, else the first enabled one); the arrow keys move to the next or
// previous enabled radio, round the ends, and select it; Space and Enter select the focused one.

export interface RadioState {
  checked: boolean;
  disabled: boolean;
}

/** The index of the radio the Tab key reaches, or -1 when every radio is disabled. */
export function tabStop(radios: readonly RadioState[]): number {
  const checked = radios.findIndex((r) => r.checked && !r.disabled);
  return checked >= 0 ? checked : radios.findIndex((r) => !r.disabled);
}

const STEPS: Readonly<Record<string, 1 | -1>> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/** The radio an arrow key moves to from `from` (the next enabled one, round the ends), or null for any other key. */
export function arrowTarget(radios: readonly RadioState[], from: number, key: string): number | null {
  const step = STEPS[key];
  if (step === undefined) return null;
  for (let i = 1; i <= radios.length; i += 1) {
    const index = (((from + step * i) % radios.length) + radios.length) % radios.length;
    if (!radios[index]!.disabled) return index;
  }
  return null;
}
