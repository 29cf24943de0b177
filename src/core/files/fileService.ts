/**
 * Files of dossiers (docs/digitisation.md): attach a scan to a document of a dossier's
 * checklist or to its result, list a dossier's files, read one (audited), one-time phone
 * upload links, and reuse of a citizen's earlier scans at reception (NĐ 118/2025
 * Art. 5(1)(i): staff must not ask again for documents already digitised).
 *
 * Attachments are only ever added: no operation replaces or removes one (the tables refuse
 * UPDATE and DELETE, migration 014). Personal data stays on the site: files never enter the
 * sync payload, which carries counts only (src/core/files/digitisation.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { APP_EVENTS, AppError, type PublicUser } from '../../shared/contract';
import {
  RESULT_DOCUMENT_NAME,
  UPLOAD_LINK_TTL_MS,
  UPLOAD_PAGE_PREFIX,
  type DossierFile,
  type DossierFileListItem,
  type ImageColourMode,
  type ReusableFile,
} from '../../shared/contract/files';
import { ulid } from '../../shared/ids';
import { recordAudit } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/eventBus';
import type { PublicAddress } from '../settings/publicAddress';
import { maskIdNumber } from '../sync/outbox';
import type { ImagePool } from './imagePool';
import {
  putStoredFile,
  readStoredFile,
  storedPath,
  StoredFileDamaged,
  sweepUnreferencedFiles,
} from './fileStore';
import type { NormalisedFile } from './normalise';

export interface FileServiceDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  pool: ImagePool;
  events: EventBus;
  publicAddress: PublicAddress;
  /**
   * Called inside the transaction that adds attachment rows to a dossier (the sync producer:
   * the province's counts follow, docs/sync.md "Digitisation").
   */
  onAttached?: (dossierId: string, at: Date) => void;
}

/** Who is uploading: a signed-in officer, or the holder of a one-time upload link. */
export type Uploader = { kind: 'officer'; user: PublicUser } | { kind: 'link'; token: string };

export interface AttachInput {
  code: string;
  documentName: string;
  parts: Uint8Array[];
  colour: ImageColourMode;
  uploader: Uploader;
}

interface DossierLite {
  id: string;
  code: string;
  documents: string;
  applicant_id_number: string | null;
}

interface LinkRow {
  token_hash: string;
  dossier_id: string;
  document_name: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

interface FileRow {
  id: string;
  dossier_id: string;
  document_name: string;
  sha256: string;
  linked_from: string | null;
  created_by_name: string | null;
  created_at: string;
  bytes: number;
  pages: number;
  content_type: 'application/pdf';
}

const FILE_COLUMNS = `f.id, f.dossier_id, f.document_name, f.sha256, f.linked_from,
  f.created_by_name, f.created_at, s.bytes, s.pages, s.content_type`;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export type FileService = ReturnType<typeof createFileService>;

export function createFileService(deps: FileServiceDeps) {
  const { db, clock, dataDir, pool, events, publicAddress } = deps;

  function dossierByCode(code: string): DossierLite {
    const row = db
      .prepare('SELECT id, code, documents, applicant_id_number FROM dossiers WHERE code = ?')
      .get(code.trim().toUpperCase()) as DossierLite | undefined;
    if (!row)
      throw new AppError('NOT_FOUND', { messageKey: 'dossier.error.notFound', params: { code } });
    return row;
  }

  /** A document of the dossier's checklist (as received), or the result. */
  function requireDocumentName(dossier: DossierLite, documentName: string): void {
    if (documentName === RESULT_DOCUMENT_NAME) return;
    const names = (JSON.parse(dossier.documents) as Array<{ name: string }>).map((d) => d.name);
    if (!names.includes(documentName)) {
      throw new AppError('UNPROCESSABLE', {
        messageKey: 'files.error.unknownDocument',
        params: { name: documentName },
        details: { documents: [...names, RESULT_DOCUMENT_NAME] },
      });
    }
  }

  /** The link of a token when it is valid now for this dossier (and document), else 401. */
  function validLink(token: string, dossierId: string, documentName?: string): LinkRow {
    const row = db
      .prepare('SELECT * FROM upload_links WHERE token_hash = ?')
      .get(tokenHash(token)) as LinkRow | undefined;
    const now = clock.now().toISOString();
    if (
      !row ||
      row.used_at !== null ||
      row.expires_at <= now ||
      row.dossier_id !== dossierId ||
      (documentName !== undefined && row.document_name !== documentName)
    ) {
      throw new AppError('UPLOAD_LINK_INVALID');
    }
    return row;
  }

  function toFile(r: FileRow): DossierFile {
    return {
      id: r.id,
      documentName: r.document_name,
      sha256: r.sha256,
      bytes: r.bytes,
      pages: r.pages,
      contentType: r.content_type,
      createdAt: r.created_at,
    };
  }

  /**
   * Before the body is read: the upload's credentials fit this dossier (the route then reads
   * at most the upload limit). Throws NOT_FOUND or UPLOAD_LINK_INVALID.
   */
  function precheckUpload(code: string, uploader: Uploader): void {
    const dossier = dossierByCode(code);
    if (uploader.kind === 'link') validLink(uploader.token, dossier.id);
  }

  /**
   * Upload links with an upload in progress (by token hash). A link takes one upload: while
   * one is being processed a second one on the same link is refused at once (409
   * `files.error.linkBusy`), before its bytes are processed or stored.
   */
  const linksInUse = new Set<string>();
  /** How many uploads in progress hold bytes of each sha256 in the store without a row yet. */
  const pendingShas = new Map<string, number>();
  const storedStmt = db.prepare('SELECT 1 FROM stored_files WHERE sha256 = ?');
  const isStored = (sha256: string) => storedStmt.get(sha256) !== undefined;

  /**
   * After an upload's write: when it failed to get its row, its file leaves the store unless
   * a row names the same bytes or another upload in progress holds them (checked and removed
   * synchronously: no other upload can slip in between).
   */
  function releaseStoredBytes(sha256: string): void {
    const left = (pendingShas.get(sha256) ?? 1) - 1;
    if (left > 0) {
      pendingShas.set(sha256, left);
      return;
    }
    pendingShas.delete(sha256);
    if (isStored(sha256)) return;
    fs.rmSync(storedPath(dataDir, sha256), { force: true });
  }

  /** Check, normalise (in the image worker), store and record one upload. */
  async function attach(input: AttachInput): Promise<DossierFile> {
    const dossier = dossierByCode(input.code);
    requireDocumentName(dossier, input.documentName);
    if (input.uploader.kind !== 'link') return attachChecked(dossier, input);
    const link = validLink(input.uploader.token, dossier.id, input.documentName);
    if (linksInUse.has(link.token_hash)) {
      throw new AppError('CONFLICT', { messageKey: 'files.error.linkBusy' });
    }
    linksInUse.add(link.token_hash);
    try {
      return await attachChecked(dossier, input);
    } finally {
      linksInUse.delete(link.token_hash);
    }
  }

  async function attachChecked(dossier: DossierLite, input: AttachInput): Promise<DossierFile> {
    const result = await pool.run(input.parts, input.colour);
    if (!result.ok) {
      throw new AppError('UNSUPPORTED_FILE', {
        messageKey: `files.refused.${result.refused}`,
        details: { reason: result.refused },
      });
    }
    const file = result.file;
    // The bytes are in place (atomically) before any row names them; when no row comes (a
    // refusal in the transaction, a failed write) they leave the store again.
    pendingShas.set(file.sha256, (pendingShas.get(file.sha256) ?? 0) + 1);
    try {
      await putStoredFile(dataDir, file.sha256, file.bytes);
      return recordAttachment(dossier, input, file);
    } finally {
      releaseStoredBytes(file.sha256);
    }
  }

  /** The rows of one attachment whose bytes are stored (one transaction), then the event. */
  function recordAttachment(
    dossier: DossierLite,
    input: AttachInput,
    file: NormalisedFile,
  ): DossierFile {
    const now = clock.now();
    const id = ulid(now.getTime());
    const row = db
      .transaction(() => {
        let by: { id: string; name: string | null; username: string };
        let via: 'officer' | 'upload_link';
        if (input.uploader.kind === 'link') {
          const link = validLink(input.uploader.token, dossier.id, input.documentName);
          // Single use: the first successful upload spends the link.
          db.prepare('UPDATE upload_links SET used_at = ? WHERE token_hash = ?').run(
            now.toISOString(),
            link.token_hash,
          );
          const officer = db
            .prepare('SELECT id, username, full_name FROM users WHERE id = ?')
            .get(link.created_by) as
            { id: string; username: string; full_name: string } | undefined;
          by = {
            id: link.created_by,
            name: officer?.full_name ?? null,
            username: officer?.username ?? link.created_by,
          };
          via = 'upload_link';
        } else {
          const u = input.uploader.user;
          by = { id: u.id, name: u.fullName, username: u.username };
          via = 'officer';
        }
        db.prepare(
          `INSERT INTO stored_files (sha256, bytes, pages, content_type, created_at)
           VALUES (?, ?, ?, 'application/pdf', ?) ON CONFLICT(sha256) DO NOTHING`,
        ).run(file.sha256, file.bytes.byteLength, file.pages, now.toISOString());
        db.prepare(
          `INSERT INTO dossier_files (id, dossier_id, document_name, sha256, linked_from, via,
             created_by, created_by_name, created_at)
           VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
        ).run(
          id,
          dossier.id,
          input.documentName,
          file.sha256,
          via,
          by.id,
          by.name,
          now.toISOString(),
        );
        recordAudit(
          db,
          {
            actor: { id: by.id, username: by.username },
            action: 'file.attach',
            entity: 'dossier',
            entityId: dossier.id,
            details: {
              code: dossier.code,
              fileId: id,
              documentName: input.documentName,
              sha256: file.sha256,
              pages: file.pages,
              via,
            },
          },
          now,
        );
        deps.onAttached?.(dossier.id, now);
        return db
          .prepare(
            `SELECT ${FILE_COLUMNS} FROM dossier_files f JOIN stored_files s ON s.sha256 = f.sha256
             WHERE f.id = ?`,
          )
          .get(id) as FileRow;
      })
      .immediate();
    events.publish(APP_EVENTS.dossierFiles, { id: dossier.id }, now);
    return toFile(row);
  }

  /** A dossier's files: attached to it or linked to it (reuse), oldest first. */
  function list(code: string): DossierFileListItem[] {
    const dossier = dossierByCode(code);
    const rows = db
      .prepare(
        `SELECT ${FILE_COLUMNS}, od.code AS origin_code
           FROM dossier_files f
           JOIN stored_files s ON s.sha256 = f.sha256
           LEFT JOIN dossier_files o ON o.id = f.linked_from
           LEFT JOIN dossiers od ON od.id = o.dossier_id
          WHERE f.dossier_id = ?
          ORDER BY f.created_at, f.id`,
      )
      .all(dossier.id) as Array<FileRow & { origin_code: string | null }>;
    return rows.map((r) => ({
      ...toFile(r),
      createdBy: r.created_by_name,
      linkedFromDossierCode: r.origin_code,
    }));
  }

  /** The bytes of one attachment; the view is audited (who saw which file of which dossier). */
  async function read(
    id: string,
    viewer: PublicUser,
  ): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
    const row = db
      .prepare(
        `SELECT ${FILE_COLUMNS}, d.code AS dossier_code FROM dossier_files f
           JOIN stored_files s ON s.sha256 = f.sha256
           JOIN dossiers d ON d.id = f.dossier_id
          WHERE f.id = ?`,
      )
      .get(id) as (FileRow & { dossier_code: string }) | undefined;
    if (!row) throw new AppError('NOT_FOUND', { messageKey: 'files.error.notFound' });
    let bytes: Buffer;
    try {
      bytes = await readStoredFile(dataDir, row.sha256);
    } catch (e) {
      if (e instanceof StoredFileDamaged) {
        throw new AppError('INTERNAL', { messageKey: 'files.error.damaged' });
      }
      throw e;
    }
    recordAudit(
      db,
      {
        actor: viewer,
        action: 'file.view',
        entity: 'dossier',
        entityId: row.dossier_id,
        details: { code: row.dossier_code, fileId: row.id, documentName: row.document_name },
      },
      clock.now(),
    );
    return {
      bytes,
      contentType: row.content_type,
      fileName: `${row.dossier_code}-${row.id}.pdf`,
    };
  }

  /**
   * A one-time upload link for a phone: 10 minutes, this dossier and document, one upload.
   * The URL uses the office's public address (docs/queue.md, "Public address"), else the
   * address the desk reached the hub by; with neither (the hub's own screen on localhost) the
   * path alone.
   */
  function createUploadLink(
    code: string,
    documentName: string,
    user: PublicUser,
    origin: string | null,
  ): { token: string; url: string; expiresAt: string } {
    const dossier = dossierByCode(code);
    requireDocumentName(dossier, documentName);
    const now = clock.now();
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + UPLOAD_LINK_TTL_MS).toISOString();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO upload_links (token_hash, dossier_id, document_name, created_by, created_at,
           expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(tokenHash(token), dossier.id, documentName, user.id, now.toISOString(), expiresAt);
      recordAudit(
        db,
        {
          actor: user,
          action: 'file.uploadLink',
          entity: 'dossier',
          entityId: dossier.id,
          details: { code: dossier.code, documentName, expiresAt },
        },
        now,
      );
    })();
    const base = publicAddress.base(origin);
    const pagePath = `${UPLOAD_PAGE_PREFIX}${token}`;
    return { token, url: base ? `${base}${pagePath}` : pagePath, expiresAt };
  }

  /** What a valid link is for (the phone page's heading); 404 alike for unknown, used, expired. */
  function uploadLinkInfo(token: string): {
    dossierCode: string;
    documentName: string;
    expiresAt: string;
  } {
    const row = db
      .prepare(
        `SELECT l.document_name, l.expires_at, l.used_at, d.code FROM upload_links l
           JOIN dossiers d ON d.id = l.dossier_id WHERE l.token_hash = ?`,
      )
      .get(tokenHash(token)) as
      | { document_name: string; expires_at: string; used_at: string | null; code: string }
      | undefined;
    if (!row || row.used_at !== null || row.expires_at <= clock.now().toISOString()) {
      throw new AppError('NOT_FOUND', { messageKey: 'files.error.linkGone' });
    }
    return { dossierCode: row.code, documentName: row.document_name, expiresAt: row.expires_at };
  }

  /**
   * A citizen's digitised documents in earlier dossiers (never the results), newest first,
   * one per distinct content and document name. The lookup is audited with the ID number
   * masked.
   */
  function reusable(idNumber: string, user: PublicUser): ReusableFile[] {
    const rows = db
      .prepare(
        `SELECT f.id, f.document_name, f.sha256, f.created_at, d.code
           FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id
          WHERE d.applicant_id_number = ? AND f.linked_from IS NULL AND f.document_name <> ?
          ORDER BY f.created_at DESC, f.id DESC`,
      )
      .all(idNumber, RESULT_DOCUMENT_NAME) as Array<{
      id: string;
      document_name: string;
      sha256: string;
      created_at: string;
      code: string;
    }>;
    const seen = new Set<string>();
    const out: ReusableFile[] = [];
    for (const r of rows) {
      const key = `${r.document_name}\u0000${r.sha256}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        fileId: r.id,
        documentName: r.document_name,
        dossierCode: r.code,
        createdAt: r.created_at,
      });
    }
    recordAudit(
      db,
      {
        actor: user,
        action: 'file.reusableLookup',
        entity: 'citizen',
        details: { idNumber: maskIdNumber(idNumber), found: out.length },
      },
      clock.now(),
    );
    return out;
  }

  /**
   * The start-up sweep (docs/digitisation.md, "Storage"): files no row names and older than
   * the grace period are moved aside, leftover temporary files removed.
   */
  function sweepStore(now = new Date()): { moved: string[]; removedTemporary: number } {
    // The system time, not the app's clock: a file's age is measured against its mtime.
    return sweepUnreferencedFiles(dataDir, isStored, now);
  }

  return {
    precheckUpload,
    attach,
    list,
    read,
    createUploadLink,
    uploadLinkInfo,
    reusable,
    sweepStore,
  };
}
