// The simulated Feishu client inside the web app's frame: `tt` and `h5sdk` as a Feishu client provides them to a
// web app (docs/platforms.md, "Feishu: web app"). Login codes come from the fake OpenAPI for the member the group
// page chose; h5sdk.config succeeds only when the signature verifies with the fake's jsapi_ticket, as the client
// checks it; enterChat and enterProfile hand over to the group page around the frame.
export {};

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: unknown) => void };

const query = new URLSearchParams(location.search);
const member = query.get('member') ?? '';
/** The simulated client's version (?client=3.9.0 plays an old one): the APIs it lacks are missing, as on a phone. */
const version = query.get('client') ?? '7.20.0';
const userAgent = `${navigator.userAgent} Feishu/${version}`;
Object.defineProperty(navigator, 'userAgent', { get: () => userAgent });
const atLeast = (minimum: string) => {
  const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i += 1) if ((a?.[i] ?? 0) !== (b?.[i] ?? 0)) return (a?.[i] ?? 0) > (b?.[i] ?? 0);
  return true;
};

async function post(name: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`/feishu/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, openId: member }),
  });
  return (await response.json()) as Record<string, unknown>;
}

function code(callbacks: Callbacks<{ code: string }>) {
  post('code', {}).then(
    (answer) =>
      typeof answer.code === 'string' ? callbacks.success?.({ code: answer.code }) : callbacks.fail?.(answer),
    (error: unknown) => callbacks.fail?.(error),
  );
}

const toGroup = (message: Record<string, unknown>) => window.parent.postMessage(message, location.origin);

Object.assign(window, {
  tt: {
    // requestAccess from 6.9.0; enterChat's openChatId from 3.10; enterProfile in web apps from 4.0.0.
    ...(atLeast('6.9.0') ? { requestAccess: code } : {}),
    requestAuthCode: code,
    enterChat(options: { openChatId: string } & Callbacks<unknown>) {
      if (!atLeast('3.10.0')) return options.fail?.({ errMsg: 'enterChat:fail openChatId is not supported' });
      toGroup({ type: 'enterChat', openChatId: options.openChatId });
      options.success?.({ errMsg: 'enterChat:ok' });
    },
    ...(atLeast('4.0.0')
      ? {
          enterProfile(options: { openid: string } & Callbacks<unknown>) {
            toGroup({ type: 'enterProfile', openid: options.openid });
            options.success?.({ errMsg: 'enterProfile:ok' });
          },
        }
      : {}),
  },
  h5sdk: {
    config(options: Record<string, unknown> & { onSuccess: () => void; onFail: (error: unknown) => void }) {
      const { onSuccess, onFail, ...params } = options;
      post('jsapi', { ...params, url: location.href.split('#')[0] }).then(
        (answer) => (answer.ok === true ? onSuccess() : onFail(answer)),
        onFail,
      );
    },
  },
});
