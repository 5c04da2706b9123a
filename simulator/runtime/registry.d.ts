// The build generates this module (simulator/build/index.ts); its shape is shared/registry.ts.
declare module 'simulator:registry';
