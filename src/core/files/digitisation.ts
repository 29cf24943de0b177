/**
 * A dossier's digitisation counts (docs/digitisation.md, "The figures"; docs/reports.md):
 * the documents handed over on paper, how many of those have a file (attached or linked),
 * and whether the result has a scan. One definition for the reports, the sync payload
 * (version 3) and the return slip.
 */
import { RESULT_DOCUMENT_NAME } from '../../shared/contract/files';
import type { Db } from '../db/connection';

export interface DigitisationCounts {
  paperDocuments: number;
  digitisedDocuments: number;
  resultDigitised: boolean;
}

interface StoredDocument {
  name: string;
  source?: string;
}

/** The names of a dossier's paper documents (a document without a source is paper). */
export function paperDocumentNames(documentsJson: string): string[] {
  const docs = JSON.parse(documentsJson) as StoredDocument[];
  return [...new Set(docs.filter((d) => (d.source ?? 'paper') === 'paper').map((d) => d.name))];
}

/** Counts from the paper names and the document names that have at least one file. */
export function countDigitisation(
  paperNames: readonly string[],
  fileNames: ReadonlySet<string>,
): DigitisationCounts {
  return {
    paperDocuments: paperNames.length,
    digitisedDocuments: paperNames.filter((n) => fileNames.has(n)).length,
    resultDigitised: fileNames.has(RESULT_DOCUMENT_NAME),
  };
}

/** The counts of one dossier now. */
export function dossierDigitisation(db: Db, dossierId: string): DigitisationCounts {
  const row = db.prepare('SELECT documents FROM dossiers WHERE id = ?').get(dossierId) as
    { documents: string } | undefined;
  if (!row) throw new Error(`dossierDigitisation: dossier ${dossierId} not found`);
  const names = db
    .prepare('SELECT DISTINCT document_name AS name FROM dossier_files WHERE dossier_id = ?')
    .all(dossierId) as Array<{ name: string }>;
  return countDigitisation(paperDocumentNames(row.documents), new Set(names.map((n) => n.name)));
}
