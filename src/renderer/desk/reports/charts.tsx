/**
 * Small SVG charts written by hand (no chart package): a donut, vertical bars and stacked
 * horizontal bars. Every chart is an image with a text alternative, and shows its numbers.
 */
export interface Segment {
  label: string;
  value: number;
  color: string;
}

export function DonutChart(props: {
  title: string;
  segments: Segment[];
  center: string;
  sub?: string;
}) {
  const total = props.segments.reduce((s, x) => s + x.value, 0);
  const r = 60;
  const c = 2 * Math.PI * r;
  let offset = 0;
  const alt = `${props.title}: ${props.segments.map((s) => `${s.label} ${s.value}`).join(', ')}`;
  return (
    <figure className="rp-chart rp-donut">
      <figcaption>{props.title}</figcaption>
      <div className="rp-donut-body">
        <svg viewBox="0 0 160 160" width="160" height="160" role="img" aria-label={alt}>
          <circle cx="80" cy="80" r={r} fill="none" stroke="#e6eaf0" strokeWidth="24" />
          {total > 0 &&
            props.segments.map((s) => {
              const len = (s.value / total) * c;
              const el = (
                <circle
                  key={s.label}
                  cx="80"
                  cy="80"
                  r={r}
                  fill="none"
                  stroke={s.color}
                  strokeWidth="24"
                  strokeDasharray={`${len} ${c - len}`}
                  strokeDashoffset={-offset}
                  transform="rotate(-90 80 80)"
                />
              );
              offset += len;
              return el;
            })}
          <text x="80" y="80" textAnchor="middle" className="rp-donut-center">
            {props.center}
          </text>
          {props.sub && (
            <text x="80" y="100" textAnchor="middle" className="rp-donut-sub">
              {props.sub}
            </text>
          )}
        </svg>
        <ul className="rp-legend">
          {props.segments.map((s) => (
            <li key={s.label}>
              <span className="rp-swatch" style={{ background: s.color }} />
              {s.label}: <strong>{s.value}</strong>
            </li>
          ))}
        </ul>
      </div>
    </figure>
  );
}

export function ColumnChart(props: {
  title: string;
  bars: { label: string; value: number }[];
  color: string;
}) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const w = 36;
  const h = 150;
  const width = props.bars.length * w + 10;
  return (
    <figure className="rp-chart">
      <figcaption>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${h + 40}`}
        width="100%"
        height={h + 40}
        preserveAspectRatio="xMinYMin meet"
        role="img"
        aria-label={`${props.title}: ${props.bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}
      >
        <line x1="5" x2={width - 5} y1={h + 14} y2={h + 14} stroke="#8a96a8" />
        {props.bars.map((b, i) => {
          const bh = (b.value / max) * h;
          const x = 8 + i * w;
          return (
            <g key={b.label}>
              <rect x={x} y={h + 14 - bh} width={w - 8} height={bh} fill={props.color} rx="2" />
              {b.value > 0 && (
                <text x={x + (w - 8) / 2} y={h + 10 - bh} textAnchor="middle" className="rp-val">
                  {b.value}
                </text>
              )}
              <text x={x + (w - 8) / 2} y={h + 32} textAnchor="middle" className="rp-axis">
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function StackedBars(props: {
  title: string;
  rows: { label: string; parts: number[] }[];
  legend: { label: string; color: string }[];
}) {
  const max = Math.max(1, ...props.rows.map((r) => r.parts.reduce((s, x) => s + x, 0)));
  const rowH = 28;
  const labelW = 260;
  const barW = 380;
  const height = props.rows.length * rowH + 8;
  return (
    <figure className="rp-chart">
      <figcaption>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${labelW + barW + 50} ${height}`}
        width="100%"
        role="img"
        aria-label={`${props.title}: ${props.rows
          .map((r) => `${r.label} ${r.parts.reduce((s, x) => s + x, 0)}`)
          .join(', ')}`}
      >
        {props.rows.map((r, i) => {
          let x = labelW;
          const y = 4 + i * rowH;
          const total = r.parts.reduce((s, v) => s + v, 0);
          return (
            <g key={r.label}>
              <text x={labelW - 8} y={y + 17} textAnchor="end" className="rp-axis">
                {r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label}
              </text>
              {r.parts.map((v, j) => {
                const w = (v / max) * barW;
                const el = (
                  <rect
                    key={j}
                    x={x}
                    y={y + 3}
                    width={w}
                    height={rowH - 8}
                    fill={props.legend[j]?.color ?? '#888'}
                  />
                );
                x += w;
                return el;
              })}
              <text x={x + 6} y={y + 17} className="rp-val">
                {total}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="rp-legend rp-legend-row">
        {props.legend.map((l) => (
          <li key={l.label}>
            <span className="rp-swatch" style={{ background: l.color }} />
            {l.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
