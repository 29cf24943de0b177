/** Public API of the printing core (plain Node; never imports electron). */
export * from './document';
export * from './layouts';
export { printingMessages, type PrintingMessageKey } from './messages';
export {
  PrinterProfileSchema,
  EPSON_CODE_PAGES,
  dotsFor,
  charsFor,
  codePagesOf,
  type PrinterProfile,
  type PrinterProfileInput,
} from './escpos/profile';
export { renderEscPos, wrapChars, type RenderResult, type RenderErrorCode } from './escpos/render';
export {
  encodeVietnamese,
  decodeWithTable,
  CP1258_TABLE,
  TCVN3_TABLE,
  TCVN3_UPPER_TABLE,
  type VnEncoding,
  type EncodeResult,
  type CodePageRun,
} from './escpos/encoding';
export { rasterizeBlocks, wrapText, type RasterBlock } from './raster/rasterize';
export { setPrintingFontDir, findFontDir, ensureRasterFont } from './raster/font';
export { bitmapToPng, inkRowRuns, inkRowCount, type Bitmap } from './raster/bitmap';
export {
  sendToPrinter,
  parsePrinterUri,
  type SendResult,
  type SendOptions,
  type TransportErrorCode,
  type TransportFailure,
  type PrinterTarget,
} from './transport';
export {
  queryStatus,
  parseStatusBytes,
  type PrinterStatus,
  type StatusResult,
  type StatusErrorCode,
} from './status';
export { previewBitmap, previewPng } from './preview';
export { receiptA5Html, type ReceiptA5Options } from './forms/receiptA5';
export { printDocument, type PrintResult } from './print';
// Test / developer tools (no side effects at import).
export {
  decodeEscPos,
  imageToPng,
  imagesToStrip,
  type DecodedPrint,
  type DecodeOptions,
} from './decoder';
export { startFakePrinter, type FakePrinter, type FakePrinterBehaviour } from './fakePrinter';
