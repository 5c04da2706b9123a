// The two HTML documents: the chat host (the page you open) and the phone frame the app runs in.

import { platformSwitch } from '../shared/platforms';

export const HOST_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat tool simulator · 聊天工具模拟器</title>
<link rel="stylesheet" href="/host.css">
</head>
<body>
${platformSwitch('wechat')}
<div id="host"></div>
<script src="/host.js"></script>
</body>
</html>`;

export const APP_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=375, initial-scale=1">
<title>app</title>
</head>
<body>
<script src="/app.js"></script>
</body>
</html>`;
