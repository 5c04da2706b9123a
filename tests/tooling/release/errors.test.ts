import { explainReleaseError, releaseErrorCode } from '../../../scripts/release/errors';

test('finds the code in a field, in JSON text and in plain text', () => {
  expect(releaseErrorCode({ errCode: -10008, errMsg: 'invalid ip' })).toBe(-10008);
  expect(releaseErrorCode(new Error('{"errCode":-80011,"errMsg":"private key error"}'))).toBe(-80011);
  expect(releaseErrorCode(new Error('upload failed: -10008 invalid ip: 1.2.3.4'))).toBe(-10008);
  expect(releaseErrorCode(new Error('boom'))).toBeNull();
});

test('-10008: the IP whitelist, and where to change it', () => {
  const message = explainReleaseError(new Error('{"errCode":-10008,"errMsg":"invalid ip: 1.2.3.4"}'));
  expect(message).toMatch(/^WeChat refused \(-10008\): this machine's IP is not on the upload whitelist/);
  expect(message).toContain('IP白名单');
  expect(message).toContain('invalid ip: 1.2.3.4');
});

test('-80011: the private key', () => {
  expect(explainReleaseError({ code: -80011, message: 'x' })).toMatch(/the private key was rejected/);
});

test('network failures and unknown errors keep the original message', () => {
  expect(explainReleaseError(new Error('getaddrinfo ENOTFOUND servicewechat.com'))).toMatch(
    /cannot reach WeChat's servers/,
  );
  expect(explainReleaseError(new Error('{"errCode":-1,"errMsg":"system error"}'))).toBe(
    'WeChat refused (-1): {"errCode":-1,"errMsg":"system error"}',
  );
  expect(explainReleaseError('weird')).toBe('release failed: weird');
});
