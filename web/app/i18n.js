// The viewer's words in English and Chinese, and how the language is chosen: the corpus's
// language when the reader's browser accepts it, else the browser's first language folio
// speaks, else the corpus's, else English. Every value is plain text (it goes to textContent).

const strings = {
  en: {
    brand: 'folio',
    skip: 'Skip to content',
    searchLabel: 'Search articles',
    searchPlaceholder: 'Search…',
    searchHint: 'Press / to search',
    themeDark: 'Dark theme',
    articles: 'Articles',
    articleCount: (n) => (n === 1 ? '1 article' : `${n} articles`),
    articleList: 'All articles, newest first',
    loading: 'Loading…',
    downloading: (loaded, total) => (total ? `Downloading ${loaded} of ${total}` : `Downloading ${loaded}`),
    parsing: 'Reading the articles…',
    indexing: 'Preparing search…',
    loadingLabel: 'Loading the archive',
    searchPending: 'Search is getting ready…',
    searchTitle: 'Search',
    results: (n, q) => (q ? `${n === 1 ? '1 result' : `${n} results`} for “${q}”` : n === 1 ? '1 article' : `${n} articles`),
    noResults: (q) => (q ? `No article matches “${q}”.` : 'No article matches these filters.'),
    searchTips: 'Try fewer words, or remove a filter.',
    searchError: (message) => `This search could not run: ${message}`,
    moreResults: 'Show more results',
    filters: 'Filter results',
    facet: { author: 'Author', year: 'Year', tag: 'Tag' },
    removeFilter: (label, value) => `Remove filter ${label}: ${value}`,
    sortLabel: 'Order',
    sortRelevance: 'Best match',
    sortNewest: 'Newest',
    backToList: 'All articles',
    backToResults: (q) => `Back to results for “${q}”`,
    original: 'Original article',
    readingTime: (m) => `${m} min read`,
    tags: 'Tags',
    contents: 'Contents',
    moreArticles: 'More articles',
    newer: 'Newer',
    older: 'Older',
    highlighted: (n, q) => `${n === 1 ? '1 match' : `${n} matches`} for “${q}” highlighted`,
    clearHighlight: 'Clear highlights',
    notFoundTitle: 'Article not found',
    notFoundText: (id) => `There is no article “${id}” in this archive. The link may be old or mistyped.`,
    pageNotFoundTitle: 'Page not found',
    pageNotFoundText: 'This address does not lead to anything in the archive.',
    searchFor: (q) => `Search for “${q}”`,
    loadErrorTitle: 'This archive could not be loaded',
    untitled: 'Untitled',
    count: (n) => String(n),
  },
  zh: {
    brand: 'folio',
    skip: '跳到正文',
    searchLabel: '搜索文章',
    searchPlaceholder: '搜索…',
    searchHint: '按 / 键搜索',
    themeDark: '深色主题',
    articles: '文章',
    articleCount: (n) => `共 ${n} 篇文章`,
    articleList: '全部文章，最新的在前',
    loading: '正在加载…',
    downloading: (loaded, total) => (total ? `正在下载 ${loaded} / ${total}` : `正在下载 ${loaded}`),
    parsing: '正在读取文章…',
    indexing: '正在准备搜索…',
    loadingLabel: '正在加载文库',
    searchPending: '搜索即将就绪…',
    searchTitle: '搜索',
    results: (n, q) => (q ? `“${q}”的搜索结果：${n} 篇` : `${n} 篇文章`),
    noResults: (q) => (q ? `没有文章与“${q}”匹配。` : '没有文章符合这些筛选条件。'),
    searchTips: '试试减少关键词，或移除筛选条件。',
    searchError: (message) => `无法执行此搜索：${message}`,
    moreResults: '显示更多结果',
    filters: '筛选结果',
    facet: { author: '作者', year: '年份', tag: '标签' },
    removeFilter: (label, value) => `移除筛选条件 ${label}：${value}`,
    sortLabel: '排序',
    sortRelevance: '最相关',
    sortNewest: '最新',
    backToList: '全部文章',
    backToResults: (q) => `返回“${q}”的搜索结果`,
    original: '原文链接',
    readingTime: (m) => `阅读约 ${m} 分钟`,
    tags: '标签',
    contents: '目录',
    moreArticles: '更多文章',
    newer: '较新',
    older: '较早',
    highlighted: (n, q) => `已标出“${q}”的 ${n} 处匹配`,
    clearHighlight: '清除标记',
    notFoundTitle: '找不到这篇文章',
    notFoundText: (id) => `本文库中没有“${id}”这篇文章，链接可能已过期或有误。`,
    pageNotFoundTitle: '找不到此页面',
    pageNotFoundText: '这个地址在文库中没有对应的内容。',
    searchFor: (q) => `搜索“${q}”`,
    loadErrorTitle: '无法加载此文库',
    untitled: '无标题',
    count: (n) => String(n),
  },
};

const base = (tag) => String(tag ?? '').toLowerCase().split('-')[0];

/** 'zh' or 'en' for a corpus language and the browser's preferred languages. */
export function chooseUiLanguage(corpusLang, browserLangs = []) {
  const corpus = base(corpusLang);
  const browser = browserLangs.map(base);
  if (strings[corpus] && browser.includes(corpus)) return corpus;
  const spoken = browser.find((lang) => strings[lang]);
  if (spoken) return spoken;
  return strings[corpus] ? corpus : 'en';
}

export function uiStrings(lang) {
  return strings[lang] ?? strings.en;
}

const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

const cjkChars = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const letters = /\p{L}/gu;
const hangulChars = /\p{Script=Hangul}/gu;
const count = (text, pattern) => text.match(pattern)?.length ?? 0;

/** A language tag guessed from text that is mostly CJK: ja with kana, ko for Hangul, zh for
 * Han; '' for text that is mostly in other scripts. */
export function guessLanguage(text) {
  const value = String(text ?? '');
  const cjk = count(value, cjkChars);
  if (!cjk) return '';
  // A CJK character carries about a word's worth of meaning: "在 folio 里搜索" is Chinese.
  if (cjk * 2 < count(value, letters) - cjk) return '';
  if (kana.test(value)) return 'ja';
  return count(value, hangulChars) * 2 >= cjk ? 'ko' : 'zh';
}

/** The corpus's language: the most common `lang` of its articles, else guessed from titles. */
export function corpusLanguage(articles) {
  const counts = new Map();
  const step = Math.max(1, Math.floor(articles.length / 2000));
  let sampled = 0;
  for (let i = 0; i < articles.length; i += step) {
    const a = articles[i];
    const lang = a.lang || guessLanguage(`${a.title ?? ''}${a.summary ?? ''}`) || 'en';
    counts.set(lang, (counts.get(lang) ?? 0) + 1);
    sampled++;
  }
  let best = 'en';
  let bestCount = 0;
  for (const [lang, count] of counts) if (count > bestCount) [best, bestCount] = [lang, count];
  return sampled ? best : '';
}
