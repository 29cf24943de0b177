/**
 * Reuse of a citizen's earlier scans at reception (NĐ 118/2025 Art. 5(1)(i): staff must not
 * ask again for a document already digitised; docs/digitisation.md, "Reuse").
 */
import { AppError, type PublicUser } from '../../shared/contract';
import { ulid } from '../../shared/ids';
import type { Db } from '../db/connection';

/**
 * Reception's reuse (call INSIDE the reception transaction): link each earlier file named by
 * a document's `fileId` to the new dossier — a row, no copy — after checking that the file
 * belongs to a dossier of the same citizen (same ID number); otherwise 422
 * FILE_NOT_REUSABLE and the reception is not written.
 */
export function linkReusedFiles(
  db: Db,
  dossier: { id: string; idNumber: string | null },
  documents: ReadonlyArray<{ name: string; fileId?: string | undefined }>,
  actor: PublicUser,
  now: Date,
): void {
  for (const doc of documents) {
    if (doc.fileId === undefined) continue;
    const origin = db
      .prepare(
        `SELECT f.id, f.sha256, f.linked_from, d.applicant_id_number FROM dossier_files f
           JOIN dossiers d ON d.id = f.dossier_id WHERE f.id = ?`,
      )
      .get(doc.fileId) as
      | {
          id: string;
          sha256: string;
          linked_from: string | null;
          applicant_id_number: string | null;
        }
      | undefined;
    if (!origin || dossier.idNumber === null || origin.applicant_id_number !== dossier.idNumber) {
      throw new AppError('FILE_NOT_REUSABLE', {
        params: { name: doc.name },
        details: { document: doc.name, fileId: doc.fileId },
      });
    }
    db.prepare(
      `INSERT INTO dossier_files (id, dossier_id, document_name, sha256, linked_from, via,
         created_by, created_by_name, created_at)
       VALUES (?, ?, ?, ?, ?, 'reuse', ?, ?, ?)`,
    ).run(
      ulid(now.getTime()),
      dossier.id,
      doc.name,
      origin.sha256,
      origin.linked_from ?? origin.id,
      actor.id,
      actor.fullName,
      now.toISOString(),
    );
  }
}
