// Setup of jest.config.js's alternate project: its test files run with WECHAT_READINGS=alternate. jest gives every
// test file its own copy of process.env, so the documented project's files running beside them are untouched; the
// emulator and the local runner read it there, and the e2e harness passes it on to the simulator CLI it spawns.
import { READINGS_VARIABLE } from '../../emulator/readings';

process.env[READINGS_VARIABLE] = 'alternate';
