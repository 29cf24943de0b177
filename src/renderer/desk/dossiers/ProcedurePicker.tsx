import { useMemo, useState, type Ref } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { rankProcedures } from '../../../shared/catalog/procedurePicker';
import { useApp } from '../../app-context';

export type Procedure = OutputOf<'procedures.list'>[number];

/**
 * The procedure picker of the reception (docs/desk.md): type a code or words of the name,
 * ↑/↓ move through the suggestions, Enter takes the highlighted one. The order is
 * `rankProcedures` (exact code, exact name, name prefix, this office's most-used, the rest).
 */
export function ProcedurePicker(props: {
  procedures: readonly Procedure[];
  usage: ReadonlyMap<string, number>;
  chosen: Procedure | null;
  onChoose: (p: Procedure) => void;
  onClear: () => void;
  inputRef: Ref<HTMLInputElement>;
  disabled?: boolean;
}) {
  const { t } = useApp();
  const { procedures, usage, chosen, onChoose, onClear, inputRef } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(
    () => rankProcedures(procedures, query, usage).slice(0, 6),
    [procedures, query, usage],
  );
  const shown = chosen ? `${chosen.code} — ${chosen.name}` : query;

  const take = (p: Procedure) => {
    setQuery('');
    setActive(0);
    onChoose(p);
  };

  return (
    <div className="picker">
      <label className="form-row">
        <span>{t('dossier.reception.procedure')}</span>
        <input
          ref={inputRef}
          value={shown}
          disabled={props.disabled}
          role="combobox"
          aria-expanded={!chosen && matches.length > 0}
          aria-controls="procedure-options"
          aria-activedescendant={!chosen && matches[active] ? `proc-opt-${active}` : undefined}
          onChange={(e) => {
            if (chosen) return;
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (chosen) {
              // Typing over a chosen procedure starts a new search.
              const printable = e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey;
              if (printable || e.key === 'Backspace' || e.key === 'Delete') {
                e.preventDefault();
                onClear();
                setQuery(printable ? e.key : '');
                setActive(0);
              }
              return;
            }
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((i) => Math.min(i + 1, matches.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(i - 1, 0));
            } else if (e.key === 'Enter' && matches[active]) {
              e.preventDefault();
              take(matches[active]);
            }
          }}
          data-testid="procedure-search"
          autoComplete="off"
        />
      </label>
      {!chosen && (
        <ul
          className="picker-list"
          id="procedure-options"
          role="listbox"
          data-testid="procedure-options"
        >
          {matches.map((p, i) => (
            <li
              key={p.id}
              id={`proc-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                take(p);
              }}
            >
              <span className="picker-code">{p.code}</span> {p.name}
            </li>
          ))}
          {matches.length === 0 && <li className="hint">{t('desk.picker.none')}</li>}
        </ul>
      )}
    </div>
  );
}
