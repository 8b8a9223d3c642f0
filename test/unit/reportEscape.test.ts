import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipped, escapeHtml, escapeMarkdown } from '../../daemon/reports/escape';
import { svgBarChart } from '../../daemon/reports/svgBarChart';

const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

describe('report escaping', () => {
  it('Markdown: every ASCII punctuation is escaped, & < > as entities, letters, digits and spaces as they are', () => {
    for (const char of ASCII_PUNCTUATION) {
      const escaped = escapeMarkdown(char);
      const expected = char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`;
      assert.equal(escaped, expected, JSON.stringify(char));
    }
    assert.equal(escapeMarkdown('Plain text 42\nnext line'), 'Plain text 42\nnext line');
    assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\)');
  });

  it('HTML: markup and quotes become entities, so neither an element nor an attribute can form', () => {
    assert.equal(
      escapeHtml(`<img src="x" onerror='alert(1)'> & co`),
      '&lt;img src=&quot;x&quot; onerror=&#39;alert(1)&#39;&gt; &amp; co',
    );
  });

  it('both: terminal controls and bidi overrides become U+FFFD, newlines and tabs stay', () => {
    const hostile = 'a\u001b2Jb\u0007c\u009bd\u202ee\r\nf\tg';
    const shown = 'a\uFFFD2Jb\uFFFDc\uFFFDd\uFFFDe\nf\tg';
    assert.equal(escapeHtml(hostile), shown);
    assert.equal(escapeMarkdown(hostile), shown);
  });

  it('cuts long texts, saying how much was left out', () => {
    assert.equal(clipped('abcdef', 10), 'abcdef');
    assert.equal(clipped('abcdef', 4), 'abcd… (2 more characters)');
  });

  it('a chart label is text, whatever it holds', () => {
    const svg = svgBarChart('<title>', [
      { label: '</text><script>alert(1)</script>', value: 1, shown: '1', tone: 'rate' },
    ]);
    assert.ok(!svg.includes('<script'));
    assert.ok(svg.includes('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('aria-label="&lt;title&gt;"'));
  });
});
