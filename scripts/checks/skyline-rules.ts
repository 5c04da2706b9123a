// What Skyline does not support or handles differently, declared once: the Skyline check applies these
// rules and the "Skyline" section of docs/platform.md is this table (skylineRulesTable(), kept equal by a
// test). An error is what the sources agree Skyline ignores or refuses; a warning is what Skyline handles
// differently, or where the sources disagree (the row says which).

export type Severity = 'error' | 'warning';

/** Where a rule looks. Property and tag names are lower-case; `properties` absent means any property. */
export type Match =
  | { on: 'property'; properties: readonly string[] }
  | { on: 'unlisted-property' }
  | { on: 'keyword'; properties?: readonly string[]; keywords: readonly string[] }
  | { on: 'unit'; properties?: readonly string[]; units: readonly string[] }
  | { on: 'function'; properties: readonly string[]; functions: readonly string[] }
  | { on: 'function-count'; properties: readonly string[]; max: number }
  | { on: 'layers'; properties: readonly string[]; max: number }
  | { on: 'selector'; part: 'universal' | 'attribute' }
  | { on: 'pseudo-class'; only?: readonly string[]; except?: readonly string[] }
  | { on: 'pseudo-element'; except: readonly string[] }
  | { on: 'media'; except: readonly string[] }
  /** A declaration that works only on `<text>`, reported where its selector reaches another element. */
  | { on: 'text-only'; properties: readonly string[]; keywords?: readonly string[] }
  | { on: 'component'; tags: readonly string[] }
  | {
      on: 'attribute';
      tags?: readonly string[];
      names?: readonly string[];
      prefix?: string;
      except?: readonly string[];
      values?: readonly string[];
    }
  | { on: 'missing-attribute'; tag: string; name: string }
  | { on: 'children'; tags: readonly string[]; allowed: readonly string[] };

export interface SkylineRule {
  id: string;
  severity: Severity;
  match: Match;
  /** What the rule finds, as the docs table shows it. */
  what: string;
  /** What Skyline does with it. */
  skyline: string;
  /** What to write instead. */
  instead: string;
  sources: readonly SourceName[];
}

const SKILLS = 'https://github.com/wechat-miniprogram/skyline-skills/blob/master/skills';

export const SOURCES = {
  'Skyline WXSS': 'https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/skyline/wxss.html',
  'Skyline components': 'https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/skyline/component.html',
  'text component': 'https://developers.weixin.qq.com/miniprogram/dev/component/text.html',
  'aria-component': 'https://developers.weixin.qq.com/miniprogram/dev/component/aria-component.html',
  'skyline-wxss skill': `${SKILLS}/skyline-wxss/SKILL.md`,
  'skyline-wxss text': `${SKILLS}/skyline-wxss/references/text.md`,
  'skyline-wxss visual': `${SKILLS}/skyline-wxss/references/visual.md`,
  'skyline-components skill': `${SKILLS}/skyline-components/SKILL.md`,
  'skyline compatibility': `${SKILLS}/skyline-overview/references/migration/compatibility.md`,
} as const;

export type SourceName = keyof typeof SOURCES;

/** Every property either source lists as supported; anything else gets the `unlisted-property` warning. */
export const LISTED_PROPERTIES: ReadonlySet<string> = new Set([
  ...['display', 'position', 'overflow', 'pointer-events', 'box-sizing', 'visibility', 'z-index', 'opacity'],
  ...['transform', 'transform-origin', 'color', 'gap', 'aspect-ratio', 'content', 'will-change'],
  ...['flex', 'flex-direction', 'flex-wrap', 'flex-grow', 'flex-shrink', 'flex-basis', 'order'],
  ...['align-items', 'align-self', 'align-content', 'justify-content'],
  ...['width', 'height', 'min-width', 'min-height', 'max-width', 'max-height', 'top', 'right', 'bottom', 'left'],
  ...['padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left'],
  ...['margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left'],
  ...['border', 'border-width', 'border-style', 'border-color', 'border-radius', 'box-shadow'],
  ...['top', 'right', 'bottom', 'left'].flatMap((side) =>
    ['', '-width', '-style', '-color'].map((part) => `border-${side}${part}`),
  ),
  ...['top-left', 'top-right', 'bottom-left', 'bottom-right'].map((corner) => `border-${corner}-radius`),
  ...['background', 'background-color', 'background-image', 'background-size', 'background-repeat'],
  ...['background-position', 'background-position-x', 'background-position-y'],
  ...['mask', 'mask-image', 'mask-size', 'mask-repeat', 'mask-position', 'mask-position-x', 'mask-position-y'],
  ...['font', 'font-size', 'font-weight', 'font-style', 'font-family', 'font-feature-settings', 'line-height'],
  ...['text-align', 'white-space', 'text-overflow', 'word-break', 'word-spacing', 'letter-spacing'],
  ...['text-decoration', 'text-decoration-line', 'text-decoration-style', 'text-decoration-color', 'text-shadow'],
  ...['filter', 'backdrop-filter'],
  ...['transition', 'transition-property', 'transition-duration', 'transition-timing-function', 'transition-delay'],
  ...['animation', 'animation-name', 'animation-duration', 'animation-timing-function', 'animation-delay'],
  ...['animation-iteration-count', 'animation-direction', 'animation-fill-mode', 'animation-play-state'],
  '-wx-contain',
]);

export const SKYLINE_RULES: readonly SkylineRule[] = [
  // Layout
  {
    id: 'display',
    severity: 'error',
    match: {
      on: 'keyword',
      properties: ['display'],
      keywords: ['grid', 'inline-grid', 'inline', 'inline-block', 'flow-root', 'contents', 'list-item', 'table'],
    },
    what: '`display: grid | inline | inline-block | flow-root | contents | list-item | table`',
    skyline: 'only `none`, `flex`, `block` (and `inline-flex`); no inline or grid layout',
    instead: 'flex (with `flex-wrap` for a grid); `<text>` or `<span>` for inline content',
    sources: ['Skyline WXSS', 'skyline compatibility'],
  },
  {
    id: 'position-sticky',
    severity: 'error',
    match: { on: 'keyword', properties: ['position'], keywords: ['sticky'] },
    what: '`position: sticky`',
    skyline: 'ignored',
    instead: '`<sticky-header>` / `<sticky-section>`',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'position-fixed',
    severity: 'warning',
    match: { on: 'keyword', properties: ['position'], keywords: ['fixed'] },
    what: '`position: fixed`',
    skyline: 'from WeChat 8.0.43, relative to the window only; `top`/`left`/`bottom`/`right` `auto` not parsed',
    instead: 'set every offset you rely on; place it after the content it must cover (see `z-index`)',
    sources: ['Skyline WXSS'],
  },
  {
    id: 'z-index',
    severity: 'warning',
    match: { on: 'property', properties: ['z-index'] },
    what: '`z-index`',
    skyline: 'orders siblings only (no stacking contexts); not applied to direct children of `scroll-view`',
    instead: 'order siblings in the WXML so the one on top comes later',
    sources: ['Skyline WXSS', 'skyline compatibility'],
  },
  {
    id: 'overflow-scroll',
    severity: 'error',
    match: { on: 'keyword', properties: ['overflow'], keywords: ['auto', 'scroll', 'overlay'] },
    what: '`overflow: auto | scroll`',
    skyline: 'only `visible` and `hidden`; nothing scrolls',
    instead: '`<scroll-view>`',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'overflow-axis',
    severity: 'error',
    match: { on: 'property', properties: ['overflow-x', 'overflow-y'] },
    what: '`overflow-x`, `overflow-y`',
    skyline: 'not supported: one `overflow` for both axes',
    instead: '`overflow`; `<scroll-view scroll-x>` to scroll',
    sources: ['Skyline WXSS'],
  },
  {
    id: 'unsupported-property',
    severity: 'error',
    match: {
      on: 'property',
      properties: [
        ...['float', 'contain', 'resize', 'direction', 'writing-mode', 'text-indent', 'overflow-wrap'],
        ...['word-wrap', 'text-decoration-thickness', 'background-attachment', 'background-clip'],
        ...['background-origin', 'mask-origin', 'mask-clip', 'mask-mode', 'justify-items'],
        ...['list-style', 'list-style-type', 'list-style-image', 'list-style-position'],
      ],
    },
    what: '`float`, `contain`, `resize`, `direction`, `writing-mode`, `text-indent`, `overflow-wrap`/`word-wrap`, `text-decoration-thickness`, `background-attachment`/`-clip`/`-origin`, `mask-origin`/`-clip`/`-mode`, `justify-items`, `list-style*`',
    skyline: 'ignored',
    instead:
      'flex for `float`; `-wx-contain` for `contain`; padding for `text-indent`; `word-break` for `overflow-wrap`',
    sources: ['skyline-wxss skill', 'Skyline WXSS'],
  },
  {
    id: 'box-sizing',
    severity: 'error',
    match: { on: 'keyword', properties: ['box-sizing'], keywords: ['padding-box'] },
    what: '`box-sizing: padding-box`',
    skyline: 'only `border-box` and `content-box`',
    instead: '`border-box` or `content-box`',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'visibility-collapse',
    severity: 'error',
    match: { on: 'keyword', properties: ['visibility'], keywords: ['collapse'] },
    what: '`visibility: collapse`',
    skyline: 'only `visible` and `hidden`',
    instead: '`display: none`',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  // Text
  {
    id: 'white-space',
    severity: 'error',
    match: {
      on: 'keyword',
      properties: ['white-space'],
      keywords: ['pre', 'pre-wrap', 'pre-line', 'break-spaces'],
    },
    what: '`white-space: pre | pre-wrap | pre-line | break-spaces`',
    skyline: 'only `normal` and `nowrap`: typed line breaks and runs of spaces collapse',
    instead: 'split the text at its line breaks and render one element per line',
    sources: ['Skyline WXSS', 'skyline-wxss text'],
  },
  {
    id: 'text-overflow-not-text',
    severity: 'error',
    match: { on: 'text-only', properties: ['text-overflow'], keywords: ['ellipsis'] },
    what: '`text-overflow: ellipsis` on an element other than `<text>`',
    skyline: 'works only on `<text>`: a `view` is cut without "…"',
    instead: '`<text overflow="ellipsis" max-lines="1">`',
    sources: ['Skyline WXSS', 'text component', 'skyline compatibility'],
  },
  {
    id: 'text-decoration-not-text',
    severity: 'error',
    match: {
      on: 'text-only',
      properties: ['text-decoration', 'text-decoration-line', 'text-decoration-style', 'text-decoration-color'],
    },
    what: '`text-decoration*` on an element other than `<text>`',
    skyline: 'applies only to `<text>` (and `<input>`)',
    instead: 'put the text in a `<text>` and style that',
    sources: ['Skyline WXSS', 'skyline-wxss text'],
  },
  {
    id: 'word-break',
    severity: 'error',
    match: { on: 'keyword', properties: ['word-break'], keywords: ['keep-all', 'break-word'] },
    what: '`word-break: keep-all | break-word`',
    skyline: 'only `normal` and `break-all`; `break-word` becomes `normal`',
    instead: '`break-all`',
    sources: ['Skyline WXSS', 'skyline-wxss text'],
  },
  {
    id: 'font-weight',
    severity: 'error',
    match: { on: 'keyword', properties: ['font-weight', 'font'], keywords: ['bolder', 'lighter'] },
    what: '`font-weight: bolder | lighter`',
    skyline: 'only `normal`, `bold` and numbers',
    instead: 'a number (100–900)',
    sources: ['Skyline WXSS', 'skyline-wxss text'],
  },
  {
    id: 'font-style-oblique',
    severity: 'error',
    match: { on: 'keyword', properties: ['font-style', 'font'], keywords: ['oblique'] },
    what: '`font-style: oblique`',
    skyline: 'only `normal` and `italic`',
    instead: '`italic`',
    sources: ['Skyline WXSS', 'skyline-wxss text'],
  },
  {
    id: 'font-size-relative',
    severity: 'error',
    match: { on: 'unit', properties: ['font-size'], units: ['%'] },
    what: '`font-size` in `%`',
    skyline: 'percentages (and keywords such as `smaller`) are not supported',
    instead: '`rpx` or `px`',
    sources: ['Skyline WXSS'],
  },
  // Values and units
  {
    id: 'em-unit',
    severity: 'warning',
    match: { on: 'unit', units: ['em'] },
    what: 'the `em` unit',
    skyline: 'the WXSS page lists `em` as unsupported; the skyline-wxss skill lists it as supported',
    instead: '`rpx`, `px` or `rem`',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'currentcolor',
    severity: 'warning',
    match: { on: 'keyword', keywords: ['currentcolor'] },
    what: '`currentColor`',
    skyline: 'the WXSS page lists it as unsupported ("考虑支持"); the skyline-wxss skill lists it as supported',
    instead: 'the colour itself, or a CSS variable',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'border-style',
    severity: 'error',
    match: {
      on: 'keyword',
      properties: [
        'border',
        'border-style',
        ...['top', 'right', 'bottom', 'left'].flatMap((side) => [`border-${side}`, `border-${side}-style`]),
      ],
      keywords: ['double', 'groove', 'ridge', 'inset', 'outset'],
    },
    what: 'border styles `double | groove | ridge | inset | outset`',
    skyline: 'only `none`, `hidden`, `solid`, `dashed`, `dotted`',
    instead: '`solid`, `dashed` or `dotted`',
    sources: ['Skyline WXSS', 'skyline-wxss visual'],
  },
  {
    id: 'background-repeat',
    severity: 'error',
    match: { on: 'keyword', properties: ['background-repeat', 'background'], keywords: ['space', 'round'] },
    what: '`background-repeat: space | round`',
    skyline: 'only `repeat`, `repeat-x`, `repeat-y`, `no-repeat`',
    instead: 'one of those',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'multiple-layers',
    severity: 'warning',
    match: { on: 'layers', properties: ['box-shadow', 'background-image', 'mask-image'], max: 1 },
    what: 'more than one `box-shadow`, `background-image` or `mask-image` layer',
    skyline: 'the WXSS page: one only ("不支持多个叠加", "不支持多张图片"); the skyline-wxss skill: two images',
    instead: 'one layer; nest elements for more',
    sources: ['Skyline WXSS', 'skyline-wxss visual'],
  },
  {
    id: 'filter-function',
    severity: 'error',
    match: { on: 'function', properties: ['filter', 'backdrop-filter'], functions: ['drop-shadow', 'url'] },
    what: '`filter` / `backdrop-filter` with `drop-shadow()` or `url()`',
    skyline: 'not supported',
    instead: '`box-shadow` for a shadow',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'filter-count',
    severity: 'error',
    match: { on: 'function-count', properties: ['filter', 'backdrop-filter'], max: 1 },
    what: 'more than one function in `filter` / `backdrop-filter`',
    skyline: 'not supported',
    instead: 'one function per element; nest elements for more',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  {
    id: 'animation-fill-mode',
    severity: 'warning',
    match: { on: 'keyword', properties: ['animation-fill-mode'], keywords: ['none', 'backwards'] },
    what: '`animation-fill-mode: none | backwards`',
    skyline: 'behaves as `forwards`',
    instead: '`forwards` or `both`, and reset the style yourself when it must not stay',
    sources: ['Skyline WXSS'],
  },
  {
    id: 'unlisted-property',
    severity: 'warning',
    match: { on: 'unlisted-property' },
    what: 'a property neither source lists as supported (CSS variables excepted)',
    skyline: 'most likely ignored',
    instead: 'a listed property, or confirm on a phone',
    sources: ['Skyline WXSS', 'skyline-wxss skill'],
  },
  // Selectors and at-rules
  {
    id: 'universal-selector',
    severity: 'error',
    match: { on: 'selector', part: 'universal' },
    what: 'the universal selector `*`',
    skyline: 'not supported',
    instead: 'tag or class selectors',
    sources: ['Skyline WXSS'],
  },
  {
    id: 'attribute-selector',
    severity: 'error',
    match: { on: 'selector', part: 'attribute' },
    what: 'attribute selectors `[attr]`',
    skyline: 'not supported',
    instead: 'a class',
    sources: ['Skyline WXSS'],
  },
  {
    id: 'pseudo-class',
    severity: 'error',
    match: {
      on: 'pseudo-class',
      except: ['first-child', 'last-child', 'not', 'only-child', 'empty', 'nth-child', 'active'],
    },
    what: 'pseudo-classes other than `:first-child`, `:last-child`, `:not`, `:only-child`, `:empty`, `:nth-child`',
    skyline: 'not supported (`:hover`, `:focus`, `:nth-of-type`, …)',
    instead: 'a class set from data; `hover-class` for touch feedback',
    sources: ['Skyline WXSS'],
  },
  {
    id: 'pseudo-class-active',
    severity: 'warning',
    match: { on: 'pseudo-class', only: ['active'] },
    what: '`:active`',
    skyline: 'shown as the example of the pseudo-class row but missing from its list of supported ones',
    instead: '`hover-class`, or confirm on a phone',
    sources: ['Skyline WXSS'],
  },
  {
    id: 'pseudo-element',
    severity: 'error',
    match: { on: 'pseudo-element', except: ['before', 'after'] },
    what: 'pseudo-elements other than `::before` and `::after`',
    skyline: 'not supported (`::placeholder`, `::selection`, `::-webkit-scrollbar`, …)',
    instead: "the component's own attributes (`placeholder-class`, `show-scrollbar`)",
    sources: ['Skyline WXSS'],
  },
  {
    id: 'media-query',
    severity: 'error',
    match: { on: 'media', except: ['prefers-color-scheme'] },
    what: '`@media` other than `prefers-color-scheme`',
    skyline: 'only dark mode media queries',
    instead: 'layout that does not depend on the screen size (flex, `rpx`)',
    sources: ['Skyline WXSS'],
  },
  // Components and attributes
  {
    id: 'unsupported-component',
    severity: 'error',
    match: {
      on: 'component',
      tags: [
        ...['web-view', 'movable-area', 'movable-view', 'editor', 'progress', 'match-media'],
        ...['keyboard-accessory', 'navigation-bar', 'xr-frame'],
      ],
    },
    what: '`<web-view>`, `<movable-area>`, `<movable-view>`, `<editor>`, `<progress>`, `<match-media>`, `<keyboard-accessory>`, `<navigation-bar>`, `<xr-frame>`',
    skyline: 'not supported (rendered as an empty default component)',
    instead:
      'a WebView page for `web-view`; gestures and worklet animations for `movable-*`; a custom nav bar; a styled view for `progress`',
    sources: ['Skyline components'],
  },
  {
    id: 'scroll-view-type',
    severity: 'error',
    match: { on: 'missing-attribute', tag: 'scroll-view', name: 'type' },
    what: '`<scroll-view>` without `type`',
    skyline: 'needs an explicit `type="list"` (or `custom` / `nested`)',
    instead: '`<scroll-view type="list">`',
    sources: ['Skyline components', 'skyline-components skill'],
  },
  {
    id: 'text-children',
    severity: 'error',
    match: { on: 'children', tags: ['text'], allowed: ['text'] },
    what: 'an element other than `<text>` inside `<text>`',
    skyline: 'only `<text>` nests in `<text>`; other children are not shown',
    instead: '`<span>` to mix text and images',
    sources: ['text component'],
  },
  {
    id: 'navigator-children',
    severity: 'error',
    match: { on: 'children', tags: ['navigator'], allowed: ['text'] },
    what: 'an element other than `<text>` inside `<navigator>`',
    skyline: 'only `<text>` and text nodes nest in `<navigator>`',
    instead: 'a tappable `view` calling `wx.navigateTo`, or `<text>` inside',
    sources: ['Skyline components'],
  },
  {
    id: 'text-webview-attribute',
    severity: 'error',
    match: { on: 'attribute', tags: ['text'], names: ['space', 'decode'] },
    what: '`<text space>`, `<text decode>`',
    skyline: 'WebView-only attributes: ignored',
    instead: 'put the characters themselves in the text',
    sources: ['text component'],
  },
  {
    id: 'image-crop-mode',
    severity: 'warning',
    match: {
      on: 'attribute',
      tags: ['image'],
      names: ['mode'],
      values: [
        ...['top', 'bottom', 'center', 'left', 'right'],
        ...['top left', 'top right', 'bottom left', 'bottom right'],
      ],
    },
    what: '`<image mode>` crop modes (`top`, `center`, `bottom left`, …)',
    skyline:
      'the components page: "some rarely used modes" unsupported; the skyline-components skill names the crop modes',
    instead: '`scaleToFill`, `aspectFit`, `aspectFill`, `widthFix`, `heightFix`',
    sources: ['Skyline components', 'skyline-components skill'],
  },
  {
    id: 'web-role',
    severity: 'error',
    match: { on: 'attribute', names: ['role'] },
    what: 'the web `role` attribute',
    skyline: 'does nothing: mini programs read `aria-role`',
    instead: '`aria-role`',
    sources: ['aria-component'],
  },
  {
    id: 'aria-attribute',
    severity: 'warning',
    match: {
      on: 'attribute',
      prefix: 'aria-',
      except: ['aria-role', 'aria-label', 'aria-hidden', 'aria-disabled'],
    },
    what: '`aria-*` other than `aria-role`, `aria-label`, `aria-hidden`, `aria-disabled`',
    skyline:
      'the components page: only these four ("暂只支持 aria-role / label / hidden / disabled"); the aria-component page lists the others for Skyline too',
    instead: 'keep it, and also say the state in `aria-label` (e.g. "selected")',
    sources: ['Skyline components', 'aria-component'],
  },
];

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The rule table for docs/platform.md. */
export function skylineRulesTable(): string {
  const rows = SKYLINE_RULES.map((rule) =>
    [
      `\`${rule.id}\``,
      rule.severity,
      rule.what,
      rule.skyline,
      rule.instead,
      rule.sources.map((name) => `[${name}](${SOURCES[name]})`).join(', '),
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    '| rule | level | what | Skyline | instead | sources |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
