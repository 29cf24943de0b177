/** Longest dossier code accepted anywhere (agency identifier + '-YYMMDD-' + 5 digits). */
export const DOSSIER_CODE_MAX = 40;
