import { useEffect, useState } from 'react';
import { formatVnDate, vnTimeOfDay } from '../../shared/time/vnTime';

/** Vietnam time, whatever the machine's time zone. */
export function Clock({ className }: { className?: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <time className={className} dateTime={now.toISOString()} data-testid="clock">
      {vnTimeOfDay(now)} · {formatVnDate(now)}
    </time>
  );
}
