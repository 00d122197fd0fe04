/** Keyboard shortcuts: one table, used by the handler and listed in the help overlay. */
export type ShortcutAction =
  | 'help' | 'global' | 'up' | 'toggle-table' | 'search' | 'step-back' | 'step-forward' | 'live'
  | 'copy-link' | 'kiosk' | 'hide-healthy' | 'datacenter';

export interface Shortcut {
  readonly keys: string;
  readonly action: ShortcutAction;
  readonly description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '?', action: 'help', description: 'show or hide this help' },
  { keys: 'g', action: 'global', description: 'global view' },
  { keys: '1–9', action: 'datacenter', description: 'open the n-th datacenter' },
  { keys: 'Esc', action: 'up', description: 'clear the selection, then one level up' },
  { keys: 't', action: 'toggle-table', description: 'switch between map and table' },
  { keys: '/', action: 'search', description: 'find a service' },
  { keys: '[', action: 'step-back', description: 'one refresh interval back in time' },
  { keys: ']', action: 'step-forward', description: 'one refresh interval forward' },
  { keys: 'l', action: 'live', description: 'back to live' },
  { keys: 'c', action: 'copy-link', description: 'copy a link to this view at this moment' },
  { keys: 'h', action: 'hide-healthy', description: 'hide or show healthy traffic (health = normal in Hide)' },
  { keys: 'k', action: 'kiosk', description: 'wall-screen mode on or off' },
];

/** The action for a key press, or null; keys typed into a form field are never shortcuts. */
export function actionForKey(key: string, inFormField: boolean): { action: ShortcutAction; index?: number } | null {
  if (inFormField) return key === 'Escape' ? { action: 'up' } : null;
  if (/^[1-9]$/.test(key)) return { action: 'datacenter', index: Number(key) - 1 };
  const map: Readonly<Record<string, ShortcutAction>> = {
    '?': 'help', g: 'global', Escape: 'up', t: 'toggle-table', '/': 'search', '[': 'step-back', ']': 'step-forward',
    l: 'live', c: 'copy-link', k: 'kiosk', h: 'hide-healthy',
  };
  const action = map[key];
  return action ? { action } : null;
}
