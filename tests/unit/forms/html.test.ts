import { describe, expect, it } from 'vitest';
import { escapeHtml, joinHtml, markup, raw, type HtmlValue } from '../../../src/core/html/html';

describe('markup (auto-escaping template)', () => {
  it('escapes every interpolated string and number', () => {
    const name = `<b title="x">O'Neil & co</b>`;
    expect(markup`<p class="a">${name}</p>`.toString()).toBe(
      '<p class="a">&lt;b title=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/b&gt;</p>',
    );
    expect(markup`<td>${12}</td>`.toString()).toBe('<td>12</td>');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('keeps nested templates and raw text, joins arrays, prints nothing for false/null/undefined', () => {
    const rows = ['a<', 'b>'].map((x) => markup`<li>${x}</li>`);
    expect(markup`<ul>${rows}</ul>`.toString()).toBe('<ul><li>a&lt;</li><li>b&gt;</li></ul>');
    expect(markup`<style>${raw('a > b { content: "x"; }')}</style>`.toString()).toBe(
      '<style>a > b { content: "x"; }</style>',
    );
    const none: HtmlValue[] = [false, null, undefined, ''];
    expect(markup`[${none}]`.toString()).toBe('[]');
    expect(joinHtml([markup`<i>1</i>`, '<2>'], '\n').toString()).toBe('<i>1</i>\n&lt;2&gt;');
  });

  it('does not trust an object that merely looks like markup', () => {
    // Going around the types must not smuggle markup in or print "[object Object]".
    const fake = { toString: () => '<script>' } as unknown as HtmlValue;
    expect(() => markup`${fake}`).toThrow(TypeError);
    expect(() => markup`${true as unknown as HtmlValue}`).toThrow(TypeError);
  });
});
