/** Simple line pictograms (decorative: the words next to them carry the meaning). */
type IconProps = { className?: string };

function Svg({ children, className }: IconProps & { children: React.ReactNode }) {
  return (
    <svg
      className={`kiosk-icon ${className ?? ''}`}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="4"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const TicketIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 18h48v10a6 6 0 0 0 0 12v10H8V40a6 6 0 0 0 0-12z" />
    <path d="M24 28h16M24 36h10" />
  </Svg>
);
export const SearchIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="27" cy="27" r="16" />
    <path d="M39 39l15 15" />
  </Svg>
);
export const BookIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M32 16c-6-4-14-5-22-4v38c8-1 16 0 22 4 6-4 14-5 22-4V12c-8-1-16 0-22 4z" />
    <path d="M32 16v38" />
  </Svg>
);
export const SmileIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="32" cy="32" r="24" />
    <path d="M22 38c5 7 15 7 20 0" />
    <path d="M24 26h.01M40 26h.01" strokeWidth="6" />
  </Svg>
);
export const FamilyIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="20" cy="18" r="7" />
    <circle cx="44" cy="18" r="7" />
    <circle cx="32" cy="36" r="5" />
    <path d="M8 52c0-10 5-18 12-18s12 8 12 18M32 52c0-10 5-18 12-18s12 8 12 18" />
  </Svg>
);
export const StampIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M26 30V20a6 6 0 1 1 12 0v10" />
    <path d="M12 42h40v-8a4 4 0 0 0-4-4H16a4 4 0 0 0-4 4z" />
    <path d="M12 52h40" />
  </Svg>
);
export const HouseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 30L32 10l24 20" />
    <path d="M14 26v26h36V26" />
    <path d="M27 52V38h10v14" />
  </Svg>
);
export const ResultIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M16 8h24l10 10v38H16z" />
    <path d="M24 36l6 6 12-14" />
  </Svg>
);
export const DocIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M16 8h24l10 10v38H16z" />
    <path d="M24 30h18M24 38h18M24 46h12" />
  </Svg>
);
export const HomeIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 30L32 10l24 20" />
    <path d="M14 26v26h36V26" />
  </Svg>
);
export const SpeakerIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M10 24h10l14-12v40L20 40H10z" />
    <path d="M42 22c4 5 4 15 0 20M48 16c8 9 8 23 0 32" />
  </Svg>
);

/** An icon for a queue service, by its code (words always shown next to it). */
export function ServiceIcon({ code, className }: { code: string } & IconProps) {
  const c = code.toUpperCase();
  if (c.includes('HO_TICH') || c.includes('HOTICH')) return <FamilyIcon className={className} />;
  if (c.includes('CHUNG_THUC')) return <StampIcon className={className} />;
  if (c.includes('DAT')) return <HouseIcon className={className} />;
  if (c.includes('KET_QUA')) return <ResultIcon className={className} />;
  return <DocIcon className={className} />;
}

/** The three rating faces. */
export function Face({ score, className }: { score: string } & IconProps) {
  const mouth =
    score === 'satisfied'
      ? 'M20 38c6 9 18 9 24 0'
      : score === 'neutral'
        ? 'M21 41h22'
        : 'M20 46c6-9 18-9 24 0';
  return (
    <Svg className={className}>
      <circle cx="32" cy="32" r="26" />
      <path d={mouth} />
      <path d="M23 25h.01M41 25h.01" strokeWidth="7" />
    </Svg>
  );
}
