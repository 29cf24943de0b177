import { API_PREFIX } from '../../../shared/contract';

/** The files route of a dossier: its list (GET) and its uploads (POST, multipart). */
export const dossierFilesUrl = (code: string) =>
  `${API_PREFIX}/dossiers/${encodeURIComponent(code)}/files`;
