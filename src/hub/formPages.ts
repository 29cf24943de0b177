/**
 * Printable form pages: GET /forms/<token> serves the HTML of a form link (dossiers.formLink,
 * dossiers.registerLink, receptionSlips.create) as a page the browser prints (Ctrl+P or
 * window.print from the desk). Same Content-Security-Policy as the screens: the forms use
 * only inline styles, inline SVG and data: fonts, no script.
 */
import type http from 'node:http';
import type { Core } from '../core/app';
import type { Lang } from '../shared/i18n';
import { markup } from '../core/html/html';
import { callerInfo } from './caller';

export const FORM_PAGE_PREFIX = '/forms/';

/** The page for a form link that is unknown or expired: the error message, escaped. */
export function formErrorPage(lang: Lang, message: string): string {
  return markup`<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>404</title><p>${message}</p></html>`.toString();
}

export async function serveFormPage(
  core: Core,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  lang: Lang,
  headers: { csp: string; security: Record<string, string> },
): Promise<void> {
  const token = url.pathname.slice(FORM_PAGE_PREFIX.length);
  const result = await core.dispatcher.invoke(
    'forms.render',
    { token },
    { ...callerInfo(req, lang), token: null }, // a page link, never a session
  );
  const ok = result.ok && typeof result.data === 'object' && result.data !== null;
  const html = ok
    ? (result.data as { html: string }).html
    : formErrorPage(lang, result.ok ? '' : result.error.message);
  res.writeHead(ok ? 200 : result.ok ? 404 : result.status, {
    ...headers.security,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': headers.csp,
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}
