import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code drawn as one SVG path (no canvas, no network): crisp at any size, for a phone
 * camera to read off the kiosk screen. Same drawing as the printed forms' `qrSvg`.
 */
export function QrImage({ data, label, size }: { data: string; label: string; size: string }) {
  const { d, v } = useMemo(() => {
    const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const quiet = 4;
    let path = '';
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++)
        if (qr.modules.get(r, c)) path += `M${c + quiet} ${r + quiet}h1v1h-1z`;
    return { d: path, v: n + 2 * quiet };
  }, [data]);
  return (
    <svg
      className="kqr"
      viewBox={`0 0 ${v} ${v}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      role="img"
      aria-label={label}
      data-testid="kiosk-qr"
      data-qr={data}
    >
      <rect width={v} height={v} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
