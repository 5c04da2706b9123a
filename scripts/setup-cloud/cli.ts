// `npm run setup:cloud`: see docs/backend.md ("Deploy") for the variables and what it sets.
import { CLOUD_FUNCTIONS } from '../../cloudfunctions/functions';
import { managerOf } from './manager';
import { CloudSettingsError, readCloudSettings } from './settings';
import { setupCloud } from './setup';

async function main(): Promise<number> {
  const settings = readCloudSettings(process.env);
  console.log(`Setting up CloudBase environment ${settings.envId}`);
  const { complete } = await setupCloud(managerOf(settings), CLOUD_FUNCTIONS, console.log);
  return complete ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CloudSettingsError) {
      console.error(
        `setup:cloud needs a CloudBase environment and an API key (docs/backend.md, "Deploy"):\n${error.message}`,
      );
      process.exit(2);
    }
    // The SDK's errors carry the API's message and code, never the key.
    console.error(`setup:cloud stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
