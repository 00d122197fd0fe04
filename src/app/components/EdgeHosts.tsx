/** At most this many hosts are listed; the rest are counted. */
export const MAX_HOSTS_SHOWN = 8;

/** The peer values (hosts, addresses) an edge was read from. Label values: text, never markup. */
export function EdgeHosts({ hosts }: { readonly hosts: readonly string[] }) {
  if (hosts.length === 0) return null;
  return (
    <section className="details__block details__hosts" data-testid="edge-hosts">
      <h3>Called as</h3>
      <ul>
        {hosts.slice(0, MAX_HOSTS_SHOWN).map((host) => <li key={host}>{host}</li>)}
        {hosts.length > MAX_HOSTS_SHOWN && <li>…and {hosts.length - MAX_HOSTS_SHOWN} more</li>}
      </ul>
    </section>
  );
}
