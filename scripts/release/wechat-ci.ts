// The port to WeChat's release servers. `createWechatCi` is the real one (miniprogram-ci's Node API);
// tests pass a fake, so everything before the network call runs offline.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as ci from 'miniprogram-ci';
import type { FunctionTrigger } from '../../cloudfunctions/functions';
import type { PrivateKey } from './config';

export interface ProjectRef {
  root: string;
  appid: string;
  key: PrivateKey;
}

export interface UploadRequest {
  version: string;
  description: string;
  onProgress: (message: string) => void;
}

export interface PreviewRequest extends UploadRequest {
  /** Where to write the QR code image (JPEG). */
  qrcodeImage: string;
}

export interface FunctionRequest {
  cloudEnv: string;
  name: string;
  dir: string;
  /** Its timer triggers, as cloudfunctions/functions.ts describes them (from its config.json). */
  triggers: FunctionTrigger[];
}

export interface WechatCi {
  upload(project: ProjectRef, request: UploadRequest): Promise<{ subPackages: { name: string; size: number }[] }>;
  /** Uploads a preview; resolves with the QR code drawn for a terminal. */
  preview(project: ProjectRef, request: PreviewRequest): Promise<{ terminalQrcode: string }>;
  uploadFunction(project: ProjectRef, request: FunctionRequest): Promise<{ files: number; bytes: number }>;
}

/** Files the project never reads: the check's offline project skips them too, to compile what upload compiles. */
export const PROJECT_IGNORES = ['node_modules/**/*'];

function ciProject({ root, appid, key }: ProjectRef): ci.Project {
  return new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: root,
    ...key,
    ignores: PROJECT_IGNORES,
  });
}

const progress = (onProgress: (message: string) => void) => (task: { message?: string; status?: string } | string) =>
  onProgress(typeof task === 'string' ? task : `${task.status ?? ''} ${task.message ?? ''}`.trim());

/** The compile settings an upload and a preview pass: the project's own (project.config.json `setting`).
 * `npm run check` compiles with these too, so the size it prints is the size upload sends. */
export const uploadSetting = { useProjectConfig: true } as const;

/** What an upload and a preview both send: the project's compile settings, robot 1, progress. */
const codeUpload = (project: ProjectRef, { version, description, onProgress }: UploadRequest) => ({
  project: ciProject(project),
  version,
  desc: description,
  setting: uploadSetting,
  robot: 1,
  onProgressUpdate: progress(onProgress),
});

export function createWechatCi(): WechatCi {
  return {
    upload: async (project, request) => {
      const result = await ci.upload(codeUpload(project, request));
      return { subPackages: result.subPackageInfo ?? [] };
    },
    preview: async (project, request) => {
      const { qrcodeImage } = request;
      await ci.preview({ ...codeUpload(project, request), qrcodeFormat: 'image', qrcodeOutputDest: qrcodeImage });
      // miniprogram-ci's own decoder (jimp + qrcode-reader + qrcode-terminal) redraws the saved image.
      const { generateTerminalQrcode } = createRequire(__filename)('miniprogram-ci/dist/ci/utils/terminalQrcode') as {
        generateTerminalQrcode: (imageBase64: string) => Promise<string>;
      };
      const terminalQrcode = await generateTerminalQrcode(fs.readFileSync(qrcodeImage).toString('base64'));
      return { terminalQrcode };
    },
    uploadFunction: async (project, { cloudEnv, name, dir, triggers }) => {
      const wechatProject = ciProject(project);
      const result = await ci.cloud.uploadFunction({
        project: wechatProject,
        env: cloudEnv,
        name,
        path: dir,
        remoteNpmInstall: true,
      });
      if (triggers.length > 0) {
        await ci.cloud.createTimeTrigger({
          project: wechatProject,
          envId: cloudEnv,
          functionName: name,
          triggersConfig: triggers,
        });
      }
      return { files: result.filesCount, bytes: result.packSize };
    },
  };
}
