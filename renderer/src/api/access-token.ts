/**
 * Browser mode: the host prints `http://127.0.0.1:PORT/?token=…`. The page takes the token
 * out of its address (so it is not left in the address bar, history or a copied link), keeps
 * it for the tab in sessionStorage (a reload still works) and sends it with every call.
 */
export const TOKEN_STORAGE_KEY = 'flowbench.accessToken';
const TOKEN_PARAM = 'token';

export interface TokenPlace {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url?: string | URL | null): void; state: unknown };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** The token of this launch: from the address (then removed from it) or kept from before; null when none. */
export function takeAccessToken(place: TokenPlace): string | null {
  const url = new URL(place.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl !== null && fromUrl !== '') {
    place.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    place.history.replaceState(place.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  const kept = place.storage.getItem(TOKEN_STORAGE_KEY);
  return kept !== null && kept !== '' ? kept : null;
}
