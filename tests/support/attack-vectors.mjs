// Markdown an attacker might put in an article, collected from the OWASP XSS Filter Evasion
// Cheat Sheet, DOMPurify's test fixtures and mXSS write-ups (noscript/style/math/svg parsing
// differentials), markdown-specific tricks (javascript: links in every spelling, reference
// definitions, titles and alt text that try to close their attribute), and DOM clobbering.
// Every payload that could run calls alert(<its number>), which the browser test hooks.
export const attackVectors = [
  // Raw HTML: script and event handlers.
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<svg onload=alert(3)>',
  '<svg><script>alert(4)</script></svg>',
  '<iframe src="javascript:alert(5)"></iframe>',
  '<iframe srcdoc="<script>alert(6)</script>"></iframe>',
  '<object data="javascript:alert(7)"></object>',
  '<embed src="javascript:alert(8)">',
  'x <body onload=alert(9)>',
  '<details open ontoggle=alert(10)>x</details>',
  '<a href="javascript:alert(11)">x</a>',
  '<a href="jav&#x09;ascript:alert(12)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(13)">x</a>',
  '<a href="  javascript:alert(14)">x</a>',
  '<a href="java\nscript:alert(15)">x</a>',
  '<img src="x" onerror="alert(16)" />',
  '<IMG SRC=JaVaScRiPt:alert(17)>',
  '<img src=x:alert(18) onerror=eval(src)>',
  '<input autofocus onfocus=alert(19)>',
  '<select autofocus onfocus=alert(20)></select>',
  '<textarea autofocus onfocus=alert(21)></textarea>',
  '<keygen autofocus onfocus=alert(22)>',
  '<video><source onerror="alert(23)"></video>',
  '<audio src=x onerror=alert(24)></audio>',
  '<marquee onstart=alert(25)>x</marquee>',
  '<div style="background:url(javascript:alert(26))">x</div>',
  "<style>@import 'javascript:alert(27)';</style>",
  '<link rel=import href="data:text/html,&lt;script&gt;alert(28)&lt;/script&gt;">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(29)">',
  '<base href="javascript:alert(30)//">\n\n[relative](x)',
  '<form action="javascript:alert(31)"><button>x</button></form>',
  '<button formaction="javascript:alert(32)">x</button>',
  // Parsing differentials (mXSS).
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(33)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(34)>">',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(35)>">',
  '<template><img src=x onerror=alert(36)></template>',
  '<xmp><img src=x onerror=alert(37)></xmp>',
  '<title><img src=x onerror=alert(38)></title>',
  '<!--<img src=x onerror=alert(39)>-->',
  '<!-- --!><img src=x onerror=alert(40)> -->',
  '<![CDATA[<img src=x onerror=alert(41)>]]>',
  '<?xml <img src=x onerror=alert(42)> ?>',
  '<a href="https://example.com/" onmouseover="alert(43)">hover</a>',
  '<span style="position:fixed;inset:0" onmouseover=alert(44)>overlay</span>',
  '<img src="x` onerror=alert(45)>',
  '<img """><script>alert(46)</script>">',
  '<scr<script>ipt>alert(47)</script>',
  '<svg><foreignObject><p><style><img src=x onerror=alert(48)></style></p></foreignObject></svg>',
  // DOM clobbering.
  '<div id="view" name="location">clobber</div>',
  '<img src=x id=createFolio name=folio>',
  '<form id="search-form"><input name="value"></form>',
  // URLs in raw HTML.
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1Mik8L3NjcmlwdD4=">x</a>',
  '<a href="vbscript:msgbox(53)">x</a>',
  '<a href="javascript&#58;alert(54)">x</a>',
  '<a href="javascript&#0000058alert(55)">x</a>',
  '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(56)">x</a>',
  '<img src="java&#x0A;script:alert(57)">',
  '<a href=" &#14;  javascript:alert(58)">x</a>',
  '<svg><a xlink:href="javascript:alert(59)"><text>x</text></a></svg>',
  '<math href="javascript:alert(60)">x</math>',
  '<isindex action=javascript:alert(61) type=image>',
  '<a href="https://example.com/" target="_blank">tabnabbing</a>',
  // Markdown links and images.
  '[a](javascript:alert(63))',
  '[a](JAVASCRIPT:alert(64))',
  '[a](&#106;avascript:alert(65))',
  '[a](javascript&colon;alert(66))',
  '[a](java&Tab;script:alert(67))',
  '[a](<java\tscript:alert(68)>)',
  '[a](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(69))',
  '[a][ref]\n\n[ref]: javascript:alert(70)',
  '![a](javascript:alert(71))',
  '![a](x "title\\" onerror=\\"alert(72)")',
  '[a](x "t\\" onmouseover=\\"alert(73)")',
  '![a" onerror="alert(74)](x)',
  '<javascript:alert(75)>',
  '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCg3Nik8L3NjcmlwdD4=)',
  '[a](%6Aavascript:alert(77))',
  '[a](//evil.example/) [b](/\\evil.example/)',
  '[a](&#1;javascript:alert(79)) [b](&#32;javascript:alert(79))',
  '```js"><script>alert(80)</script>\nx\n```',
  '`<script>alert(81)</script>`',
  '# <img src=x onerror=alert(82)>',
  '| <img src=x onerror=alert(83)> |\n|---|\n| x |',
  '- [ ] <img src=x onerror=alert(84)>',
  '**<img src=x onerror=alert(85)>**',
  '[<img src=x onerror=alert(86)>](https://example.com/)',
  '<a href="https://example.com/"><img src=x onerror=alert(87)></a>',
  '&lt;script&gt;alert(88)&lt;/script&gt;',
  '**真，**她<img src=x onerror=alert(89)> [链，](javascript:alert(89))',
  // Raw HTML in an image description used to land inside alt="…" and end it (fuzz_render).
  '![<span title=" onerror=alert(90) ">](https://example.com/x.jpg)',
  '![a<img alt="x onerror=alert(91) y">b](https://example.com/x.jpg)',
];

// Dangerous URL schemes in every spelling a browser's URL parser still reads as that scheme (case,
// leading C0 controls and spaces, tabs and newlines inside, character references with and
// without semicolons, leading zeros, hex) and some it does not (percent-encoded, full-width
// colon), each in every place an article can put a URL: Markdown link, image, reference
// definition and autolink, raw <a href> and <img src>. Payloads call alert(1000 + n).
function schemeSpellings() {
  const charRefs = (text, form) => [...text].map((c) => form(c.codePointAt(0))).join('');
  const spellings = [
    (s) => `${s}:`,
    (s) => `${s.toUpperCase()}:`,
    (s) => `${s[0].toUpperCase()}${s.slice(1)}:`,
    (s) => `&#1;&#x1F;&#32;${s}:`,
    (s) => `${s.slice(0, 4)}&Tab;${s.slice(4)}:`,
    (s) => `${s.slice(0, 4)}&NewLine;${s.slice(4)}:`,
    (s) => `${s.slice(0, 4)}&#x0D;${s.slice(4)}:`,
    (s) => `${s}&colon;`,
    (s) => `${s}&#58;`,
    (s) => `${s}&#0000058`,
    (s) => `${charRefs(s, (c) => `&#${c};`)}&#58;`,
    (s) => `${charRefs(s, (c) => `&#x${c.toString(16)}`)}&#x3a`,
    (s) => `${charRefs(s, (c) => `&#00${c};`)}:`,
    (s) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}:`,
    (s) => `${s}\uFF1A`,
    (s) => `${s}:%0a`,
  ];
  const places = [
    (u) => `[x](<${u}alert(N)>)`,
    (u) => `![x](<${u}alert(N)>)`,
    (u) => `[x][r]\n\n[r]: <${u}alert(N)>`,
    (u) => `<${u}alert(N)>`,
    (u) => `<a href="${u}alert(N)">x</a>`,
    (u) => `<img src="${u}alert(N)">`,
  ];
  const vectors = [];
  for (const scheme of ['javascript', 'vbscript', 'data']) {
    for (const spell of spellings) {
      for (const place of places) {
        const n = 1000 + vectors.length;
        vectors.push(place(spell(scheme)).replace('alert(N)',
          scheme === 'data' ? `text/html,<script>alert(${n})</script>` : `alert(${n})`));
      }
    }
  }
  return vectors;
}
export const urlSchemeVectors = schemeSpellings();

// Front matter a stranger controls: the viewer shows these fields, always as text.
export const attackFrontMatter = {
  title: '<img src=x onerror=alert(101)>标题',
  author: '<script>alert(102)</script>',
  date: '"><svg onload=alert(103)>',
  url: 'javascript:alert(104)',
};
