// Templates of the built-in components, in plain HTML tags (they are the DOM WeChat's own
// components would render). The build compiles them with the app's templates; paths are the tags.

export const BUILTIN_TEMPLATES: Record<string, string> = {
  'wx-view': '<slot/>',
  'wx-text': '<span class="{{lines}}" style="{{linesStyle}}"><slot/></span>',
  'wx-label': '<slot/>',
  'wx-navigator': '<slot/>',
  'wx-button': '<span wx:if="{{loading}}" class="spinner" aria-hidden="true"></span><slot/>',
  'wx-input': '<input id="field" class="field"/>',
  'wx-textarea': '<textarea id="field" class="field"></textarea>',
  'wx-image': '<img id="img" class="img" alt=""/>',
  'wx-scroll-view':
    '<div id="scroller" class="scroller"><div id="refresher" class="refresher" aria-hidden="true"><span class="spinner"></span></div><slot/></div>',
  'wx-picker': '<slot/>',
  'wx-snapshot': '<slot/>',
  'wx-switch':
    "<span class=\"track {{checked ? 'on' : ''}}\" style=\"{{color && checked ? 'background:' + color : ''}}\"><span class=\"knob\"></span></span>",
  'wx-radio-group': '<slot/>',
  'wx-radio':
    "<span class=\"radio-icon {{checked ? 'radio-checked' : ''}}\" style=\"{{checked ? 'background-color:' + color + ';border-color:' + color : ''}}\" aria-hidden=\"true\"></span><slot/>",
  'wx-icon':
    '<span class="glyph glyph-{{type}}" style="font-size:{{size}}px;line-height:{{size}}px;color:{{shownColor}}" aria-hidden="true">{{glyph}}</span>',
  'wx-open-data-list': '<block wx:for="{{members}}" wx:key="*this"><slot index="{{index}}"/></block>',
  'wx-open-data-item':
    '<img wx:if="{{isAvatar}}" class="avatar" src="{{avatarUrl}}" alt="{{nickname}}"/><span wx:else class="nickname">{{nickname}}</span>',
};
