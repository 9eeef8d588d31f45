import sanitizeHtml from 'sanitize-html';

/** Attribute that holds a blocked remote image's address until the reader asks for it. */
export const REMOTE_SRC_ATTR = 'data-remote-src';

/**
 * Makes an email's HTML safe to show inside the desk: no scripts, styles, forms, frames or event
 * handlers; links open in a new tab without a referrer; remote images are blocked (their address
 * moves to data-remote-src, so loading them is the reader's choice and no tracking pixel fires);
 * cid: images point at the stored attachment.
 */
export function sanitizeEmailHtml(html: string, cidUrl: (cid: string) => string | null = () => null): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
      'img', 'font', 'center', 'span', 'div', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col', 'u', 's', 'sub', 'sup',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title', 'width', 'height', REMOTE_SRC_ATTR],
      td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      table: ['width', 'border', 'cellpadding', 'cellspacing', 'align'],
      font: ['color', 'size'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim();
        const { src: _drop, ...rest } = attribs;
        void _drop;
        if (/^cid:/i.test(src)) {
          const url = cidUrl(src.slice(4).replace(/^<|>$/g, ''));
          return { tagName, attribs: url ? { ...rest, src: url } : { ...rest, alt: rest.alt ?? 'inline image' } };
        }
        if (/^https?:\/\//i.test(src) || src.startsWith('//')) return { tagName, attribs: { ...rest, [REMOTE_SRC_ATTR]: src, alt: rest.alt || 'remote image blocked' } };
        if (/^data:image\/(png|gif|jpe?g|webp);/i.test(src)) return { tagName, attribs: { ...rest, src } };
        return { tagName, attribs: rest };
      },
    },
  });
}
