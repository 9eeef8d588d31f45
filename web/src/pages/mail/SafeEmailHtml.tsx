import { useMemo, useState } from 'react';

/**
 * Shows an email's HTML, which the server sanitised at ingest (no scripts, styles, frames or
 * handlers). Remote images arrive with their address in data-remote-src and stay blocked (no
 * tracking pixels) until the reader chooses to load them. Rendered in a sandboxed iframe as a
 * second wall, so even a sanitiser bug cannot run script in the desk.
 */
export function SafeEmailHtml({ html }: { html: string }) {
  const [showImages, setShowImages] = useState(false);
  const blocked = useMemo(() => (html.match(/data-remote-src=/g) ?? []).length, [html]);
  const doc = useMemo(() => {
    const body = showImages ? html.replace(/data-remote-src="(https?:\/\/[^"]+|\/\/[^"]+)"/g, 'src="$1"') : html;
    return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${showImages ? 'https: http: data:' : 'data:'} 'self'; style-src 'unsafe-inline'"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#222;word-wrap:break-word}img{max-width:100%;height:auto}</style></head><body>${body}</body></html>`;
  }, [html, showImages]);
  return (
    <div className="email-html">
      {blocked > 0 && !showImages && (
        <p className="muted small">
          {blocked} remote image{blocked > 1 ? 's' : ''} blocked.{' '}
          <button type="button" className="link-button" onClick={() => setShowImages(true)}>
            Load images
          </button>
        </p>
      )}
      <iframe title="Email content" sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={doc} style={{ width: '100%', minHeight: 200, border: '1px solid var(--border, #ddd)', borderRadius: 6 }} />
    </div>
  );
}
