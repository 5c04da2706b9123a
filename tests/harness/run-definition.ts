// Both harnesses need a component's code to call Component()/Page() at the moment they load it.

type Constructor = (...args: unknown[]) => unknown;

/**
 * Runs `file` so it calls the `names` constructors now, passing each definition to `seen`. jest runs a
 * file once per module registry: when something already ran it (e.g. the other harness earlier in the
 * same test file), an isolated copy runs instead, with its own instances of the modules it imports.
 */
export function runDefinition(
  file: string,
  names: readonly ('Component' | 'Page')[],
  seen: (definition: unknown) => void = () => undefined,
): void {
  const global = globalThis as unknown as Record<string, Constructor>;
  const originals = names.map((name) => global[name] as Constructor);
  let defined = false;
  names.forEach((name, index) => {
    global[name] = (...args) => {
      defined = true;
      seen(args[0]);
      return (originals[index] as Constructor)(...args);
    };
  });
  try {
    jest.requireActual(file);
    if (!defined) jest.isolateModules(() => jest.requireActual(file));
  } finally {
    names.forEach((name, index) => {
      global[name] = originals[index] as Constructor;
    });
  }
}
