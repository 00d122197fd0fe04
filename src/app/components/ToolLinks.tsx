/** Trace and log searches of the selection (config `links.traces`, `links.logs`): http(s) URLs made by config/toolLinks.ts. */
export function ToolLinks({ links }: { readonly links: readonly { readonly name: string; readonly url: string }[] }) {
  return links.map((l) => (
    <a key={l.name} href={l.url} target="_blank" rel="noreferrer noopener" data-testid={`link-${l.name.toLowerCase()}`}>{l.name}</a>
  ));
}
