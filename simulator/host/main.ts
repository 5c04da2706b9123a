// The chat host: the page `npm start` opens. It shows the simulated chats, the phone running the
// app as the chosen member, and the call panel; it answers the app's chat-tool calls
// (window.simulatorHost) with pickers and the server's WeChat emulator.

import type { AppSession, HostCall, SimulatorHost } from '../shared/host-api';
import { formatBuildError, type BuildErrorInfo } from '../shared/protocol';
import { parseUrl } from '../shared/url';
import { isOneToOne } from '../../emulator/rules';
import type { BuildStatus, ChatRoom, ChatState, RoomCallFields } from '../shared/server-api';
import { avatarUrl } from './avatar';
import { renderMessages } from './chat';
import { pickChat, pickMembers } from './dialogs';
import { h } from './dom';
import { CallPanel } from './panel';
import { fetchAppInfo, fetchState, serverCall, subscribe } from './server-client';
import { hostTexts } from './texts';

/** Where one member's phone is: in which chat (null: outside any chat) and on which page. */
interface MemberSession {
  roomId: string | null;
  route: string;
  query: Record<string, string>;
}

async function main(): Promise<void> {
  let state: ChatState = await fetchState();
  const appInfo = await fetchAppInfo();
  const sessions = new Map<string, MemberSession>();
  const people = (): { openid: string; nickname: string }[] => {
    const seen = new Map<string, string>();
    for (const room of state.rooms) for (const m of room.members) seen.set(m.openid, m.nickname);
    return [...seen].map(([openid, nickname]) => ({ openid, nickname }));
  };
  let viewer = people()[0]?.openid ?? '';
  let shownRoomId = state.rooms[0]?.id ?? '';
  let language: AppSession['language'] = 'zh_CN';
  let theme: AppSession['theme'] = 'light';
  let buildVersion = -1;
  let buildErrors: BuildErrorInfo[] = [];
  let runtimeError = '';

  const sessionOf = (openid: string): MemberSession => {
    let s = sessions.get(openid);
    if (!s) {
      s = { roomId: null, route: appInfo.launcher, query: {} };
      sessions.set(openid, s);
    }
    return s;
  };
  const roomById = (id: string | null): ChatRoom | undefined => state.rooms.find((r) => r.id === id);
  const nickname = (openid: string): string => people().find((p) => p.openid === openid)?.nickname ?? openid;
  const viewerRooms = (): ChatRoom[] => state.rooms.filter((r) => r.members.some((m) => m.openid === viewer));

  // Layout
  const root = document.getElementById('host')!;
  const memberBar = h('div', { className: 'members', role: 'group', 'aria-label': '当前成员 Viewing as' });
  const langSelect = h(
    'select',
    { 'aria-label': 'Language' },
    h('option', { value: 'zh_CN' }, '中文'),
    h('option', { value: 'en' }, 'English'),
  );
  const themeSelect = h(
    'select',
    { 'aria-label': 'Theme' },
    h('option', { value: 'light' }, '浅色 Light'),
    h('option', { value: 'dark' }, '深色 Dark'),
  );
  const buildBadge = h('span', { className: 'build', id: 'build-status' });
  const roomTabs = h('nav', { className: 'rooms' });
  const messagesBox = h('div', { className: 'messages-box' });
  const openTool = h('button', { type: 'button', id: 'open-tool', className: 'primary' });
  const openLauncher = h('button', { type: 'button', id: 'open-launcher' });
  const chatColumn = h(
    'section',
    { className: 'chat' },
    roomTabs,
    messagesBox,
    h('footer', {}, openTool, openLauncher),
  );
  const frame = h('iframe', { id: 'app-frame', title: 'Mini program', src: 'about:blank' });
  const caption = h('div', { className: 'phone-caption', id: 'phone-caption' });
  const errorBox = h('div', { className: 'errors', id: 'errors', role: 'alert' });
  const panelBox = h('section', { className: 'panel', 'aria-label': 'Calls' });
  root.append(
    h(
      'header',
      { className: 'topbar' },
      h('h1', {}, '聊天工具模拟器 Chat tool simulator'),
      memberBar,
      langSelect,
      themeSelect,
      buildBadge,
    ),
    errorBox,
    h(
      'div',
      { className: 'columns' },
      chatColumn,
      h('section', { className: 'phone' }, h('div', { className: 'phone-shell' }, frame), caption),
      panelBox,
    ),
  );
  const panel = new CallPanel(panelBox, (api, fault) => void serverCall({ op: 'setFault', api, fault }), {
    setContentCheck: (setting) => void serverCall({ op: 'setContentCheck', setting }),
    releaseStalled: () => void serverCall({ op: 'releaseStalled' }),
    runTimer: () =>
      void serverCall({ op: 'runTimer' }).then((result) =>
        panel.add('timer', { api: 'runTimer', args: {}, ok: true, result, ms: 0 }, 'host'),
      ),
  });

  const renderErrors = (): void => {
    const lines = [...buildErrors.map(formatBuildError), ...(runtimeError ? [runtimeError] : [])];
    errorBox.hidden = lines.length === 0;
    errorBox.textContent = lines.join('\n');
  };

  /** Who is looking, from where, at which page; with the ids WeChat would give the app. */
  const showCaption = (route: string): void => {
    const room = roomById(sessionOf(viewer).roomId);
    const me = room?.members.find((m) => m.openid === viewer);
    caption.textContent = `${nickname(viewer)} · ${room ? room.name : '聊天外 outside any chat'} · /${route}`;
    caption.title = `openid ${viewer}${me ? ` · group_openid ${me.groupOpenid} · room ${room!.id}` : ''}`;
  };

  const loadPhone = (): void => {
    const s = sessionOf(viewer);
    showCaption(s.route);
    frame.removeAttribute('data-ready');
    runtimeError = '';
    renderErrors();
    frame.src = `/app.html?v=${Date.now()}`;
  };

  const renderMembers = (): void => {
    memberBar.replaceChildren(
      ...people().map((p) => {
        const b = h(
          'button',
          {
            type: 'button',
            'data-member': p.nickname,
            'aria-pressed': String(p.openid === viewer),
            title: `openid ${p.openid}`,
          },
          h('img', { src: avatarUrl(p.nickname), alt: '' }),
          p.nickname,
        );
        b.addEventListener('click', () => {
          if (viewer === p.openid) return;
          viewer = p.openid;
          if (!viewerRooms().some((r) => r.id === shownRoomId)) shownRoomId = viewerRooms()[0]?.id ?? '';
          renderAll();
          loadPhone();
        });
        return b;
      }),
    );
  };

  /** Reloads the phone at `path` in the chat `roomId` (null: outside any chat). */
  const openPath = (roomId: string | null, path: string): void => {
    const { route, query } = parseUrl(path, null);
    Object.assign(sessionOf(viewer), { roomId, route, query });
    loadPhone();
  };

  const renderChat = (): void => {
    const texts = hostTexts(language);
    chatColumn.lang = language === 'en' ? 'en' : 'zh-CN';
    chatColumn.setAttribute('aria-label', texts.chats);
    roomTabs.setAttribute('aria-label', texts.chats);
    openTool.textContent = texts.openTool;
    openTool.title = texts.openToolHint;
    openLauncher.textContent = texts.openMiniProgram;
    openLauncher.title = texts.openMiniProgramHint;
    roomTabs.replaceChildren(
      ...viewerRooms().map((room) => {
        const b = h(
          'button',
          { type: 'button', 'data-room-name': room.name, 'aria-pressed': String(room.id === shownRoomId) },
          room.name,
        );
        b.addEventListener('click', () => {
          shownRoomId = room.id;
          renderChat();
        });
        return b;
      }),
    );
    const room = roomById(shownRoomId);
    messagesBox.replaceChildren(
      room
        ? renderMessages(room, state.messages[room.id] ?? [], viewer, { openPath }, texts)
        : h('p', {}, texts.noChat),
    );
    messagesBox.scrollTop = messagesBox.scrollHeight;
  };

  const renderAll = (): void => {
    renderMembers();
    renderChat();
    panel.setPlatformCalls(state.platformCalls);
    panel.setEmulatorState(state.contentCheck, state.readings);
  };

  openTool.addEventListener('click', () => {
    if (!appInfo.chatTool) return;
    openPath(shownRoomId, `/${appInfo.chatTool.entryPage}`);
  });
  // The main package opened from this chat: wx.getGroupEnterInfo answers there (docs/platform.md, "getGroupEnterInfo").
  openLauncher.addEventListener('click', () => openPath(shownRoomId, `/${appInfo.launcher}`));
  langSelect.addEventListener('change', () => {
    language = langSelect.value === 'en' ? 'en' : 'zh_CN';
    renderChat();
    loadPhone();
  });
  themeSelect.addEventListener('change', () => {
    theme = themeSelect.value === 'dark' ? 'dark' : 'light';
    document.documentElement.dataset.theme = theme;
    loadPhone();
  });

  const answer = async (request: HostCall): Promise<unknown> => {
    const s = sessionOf(viewer);
    const room = roomById(s.roomId);
    const needRoom = (): ChatRoom => {
      if (!room) throw new Error('not in a chat');
      return room;
    };
    // What the server does for the viewer in the chat they are in.
    const inRoom = (call: RoomCallFields): Promise<unknown> =>
      serverCall({ ...call, openid: viewer, roomId: needRoom().id });
    switch (request.api) {
      case 'getChatToolInfo':
        return inRoom({ op: 'issueCloudId' });
      case 'selectGroupMembers': {
        const r = needRoom();
        // In a one-to-one chat WeChat answers without a picker; whose ids is one of the emulator's readings.
        if (isOneToOne(r.chatType)) return inRoom({ op: 'oneToOneSelection' });
        const others = r.members.filter((m) => m.openid !== viewer);
        const picked = await pickMembers(others, request.maxSelectCount, hostTexts(language));
        if (picked === null) throw new Error('cancel');
        return picked;
      }
      case 'notifyGroupMembers':
        return inRoom({
          op: 'remind',
          title: request.title,
          members: request.members,
          type: request.type,
          entrancePath: request.entrancePath,
        });
      case 'shareAppMessageToGroup': {
        const { menu } = request;
        const templateInfo = (menu.templateInfo ?? {}) as { templateId?: string };
        const share = {
          activityId: menu.activityId,
          templateId: templateInfo.templateId,
          chooseType: menu.chooseType ?? 1,
          participant: menu.participant ?? [],
          title: request.title,
          path: request.path,
          imageUrl: request.imageUrl,
        };
        return inRoom({ op: 'shareCard', share });
      }
      case 'send': {
        // WeChat knows the chat tool the page runs in from app.json (chatTools: root and entryPagePath).
        const tool = request.chatTool ? appInfo.chatTool : null;
        const chatTool = tool && { root: tool.root, entryPagePath: tool.entryPage.slice(tool.root.length + 1) };
        return inRoom({
          op: 'send',
          api: request.send,
          options: request.options,
          files: request.files,
          context: { chatTool, tap: request.tap },
        });
      }
      case 'openChatTool': {
        const rooms = viewerRooms();
        // With roomid WeChat opens that chat directly; chatType must name its type (docs/platform.md, "openChatTool").
        const target = request.roomid
          ? rooms.find((r) => r.id === request.roomid)
          : await pickChat(rooms, hostTexts(language));
        if (!target) throw new Error(request.roomid ? `${nickname(viewer)} is in no chat ${request.roomid}` : 'cancel');
        if (request.roomid && request.chatType !== target.chatType) {
          throw new Error(`chatType ${String(request.chatType)} is not the chat's type (${target.chatType})`);
        }
        shownRoomId = target.id;
        renderChat();
        // The app reloads inside the chat: give the current call a moment to return first.
        setTimeout(() => openPath(target.id, request.url), 0);
        return {};
      }
      case 'exitChatTool':
        setTimeout(() => openPath(null, appInfo.launcher), 0);
        return {};
      case 'callFunction':
        return serverCall({ op: 'callFunction', openid: viewer, name: request.name, data: request.data });
    }
  };

  const host: SimulatorHost = {
    session: () => {
      const s = sessionOf(viewer);
      const room = roomById(s.roomId);
      return {
        viewer: { openid: viewer, nickname: nickname(viewer) },
        chat: room ? { roomId: room.id, chatType: room.chatType, name: room.name } : null,
        launch: { path: s.route, query: s.query },
        language,
        theme,
        directory: room
          ? room.members.map((m) => ({
              groupOpenid: m.groupOpenid,
              nickname: m.nickname,
              avatarUrl: avatarUrl(m.nickname),
            }))
          : [],
      };
    },
    call: answer,
    log: (entry) => panel.add(nickname(viewer), entry),
    routeChanged: (route, query) => {
      const s = sessionOf(viewer);
      s.route = route;
      s.query = query;
      showCaption(route);
    },
    reportBuildErrors: (errors) => {
      buildErrors = errors;
      renderErrors();
    },
    reportRuntimeError: (message) => {
      runtimeError = message;
      renderErrors();
    },
    ready: () => frame.setAttribute('data-ready', 'true'),
  };
  window.simulatorHost = host;

  subscribe({
    build: (status: BuildStatus) => {
      buildErrors = status.errors;
      buildBadge.textContent = status.ok ? `✓ built ${status.ms} ms` : `✗ ${status.errors.length} build error(s)`;
      buildBadge.className = `build ${status.ok ? 'ok' : 'fail'}`;
      renderErrors();
      if (buildVersion !== -1 && status.version !== buildVersion) loadPhone();
      buildVersion = status.version;
    },
    state: (next) => {
      state = next;
      renderAll();
    },
    reset: () => {
      sessions.clear();
      viewer = people()[0]?.openid ?? '';
      shownRoomId = state.rooms[0]?.id ?? '';
      renderAll();
      loadPhone();
    },
  });
  renderAll();
  loadPhone();
}

main().catch((err: unknown) => {
  document.body.textContent = `Simulator failed to start: ${err instanceof Error ? err.message : String(err)}`;
});
