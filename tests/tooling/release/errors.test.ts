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

test('an error that carries a key or a secret is explained without it', () => {
  const pem =
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t\n-----END RSA PRIVATE KEY-----';
  const secret = '3f9a1c0b7e2d4a6f8b0c1d2e3f4a5b6c';
  const token = 'eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV';
  const message = explainReleaseError(new Error(`bad key ${pem} with secret ${secret} and token ${token}`));
  expect(message).toBe('release failed: bad key [redacted] with secret [redacted] and token [redacted]');
  const known = explainReleaseError({ errCode: -80011, message: `private key error: ${pem}` });
  expect(known).toMatch(/the private key was rejected/);
  expect(known).not.toContain('MIIE');
});
