export { parseCccdQr, parseCardDate, citizenIdDataSchema } from './qr';
export type { CitizenIdData, ParseCccdOptions } from './qr';
export { validateIdNumber, centurySexDigit } from './idNumber';
export type { DecodedIdNumber, CitizenIdResult, Sex } from './idNumber';
export { maskIdNumber, maskPhone, maskPersonalNumbers } from './mask';
export { citizenIdMessages, citizenIdMessage } from './messages';
export type { CitizenIdErrorCode, CitizenIdLang } from './messages';
