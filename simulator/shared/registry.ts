// The shape of the module the build generates for the browser runtime: everything the project's
// app.json reaches, compiled (templates, styles, static configs) plus loaders for its scripts.

export interface RendererDefaults {
  /** rendererOptions.skyline.defaultDisplayBlock: block instead of Skyline's flex default. */
  displayBlock: boolean;
  /** rendererOptions.skyline.defaultContentBox: content-box instead of Skyline's border-box default. */
  contentBox: boolean;
}

export interface RegistryComponent {
  path: string;
  /** The static JSON config as glass-easel-miniprogram-adapter takes it (usingComponents resolved). */
  config: Record<string, unknown>;
  /** Style scope name (class prefix); undefined when the component shares the app's scope. */
  scope: string | undefined;
  /** Its JSON sets no isolation, so the script's `options.styleIsolation`/`addGlobalClass` choose (runtime/main.ts). */
  scriptIsolation: boolean;
  hasStyle: boolean;
  hasTemplate: boolean;
  /** Runs the component's script inside its definition environment. */
  load(): void;
}

export interface RegistrySubpackage {
  root: string;
  independent: boolean;
  renderer: string | null;
  loadEntry: (() => void) | null;
}

export interface Registry {
  /** Compiled template groups, keyed by template path. */
  templates: Record<string, unknown>;
  /** CSS by style-sheet path (component path, or `app`). */
  styles: Record<string, string>;
  components: RegistryComponent[];
  loadApp: (() => void) | null;
  subpackages: RegistrySubpackage[];
  pages: string[];
  chatTool: { root: string; entryPage: string } | null;
  window: Record<string, unknown>;
  /** Skyline's rendererOptions. */
  skyline: RendererDefaults;
  /** Non-fatal build messages (template warnings). */
  warnings: string[];
}
