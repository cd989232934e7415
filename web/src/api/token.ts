/**
 * The API token a person typed, kept for this browser tab only (sessionStorage): it is gone when the tab
 * closes and never sent anywhere but this service's `/graphql`.
 */
const TOKEN_KEY = 'spillway.apiToken';

export function readToken(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function authorizationHeaders(): Record<string, string> {
  const token = readToken();
  return token === undefined || token === '' ? {} : { authorization: `Bearer ${token}` };
}
