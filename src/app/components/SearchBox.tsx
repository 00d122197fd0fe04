import { useState } from 'react';
import type { Ref } from 'react';

interface Props {
  readonly names: readonly string[];
  readonly onFind: (text: string) => boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** Find a service by name: Enter jumps to its datacenter and focuses it. */
export function SearchBox({ names, onFind, inputRef }: Props) {
  const [text, setText] = useState('');
  const [missed, setMissed] = useState(false);
  return (
    <form className="search" role="search" onSubmit={(e) => { e.preventDefault(); const found = onFind(text); setMissed(!found); if (found) setText(''); }}>
      <input ref={inputRef} type="search" list="service-names" aria-label="Find a service" placeholder="Find service /"
        value={text} onChange={(e) => { setText(e.target.value); setMissed(false); }} aria-invalid={missed} />
      <datalist id="service-names">{names.map((n) => <option key={n} value={n} />)}</datalist>
      {missed && <span className="search__miss" role="status">no service “{text}”</span>}
    </form>
  );
}
