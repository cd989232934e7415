/** Asks for an API token when the service refuses without one; kept in this tab's session storage only. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { readToken, saveToken } from '../api/token';

export function TokenPrompt({
  onSaved,
  onCancel,
}: {
  readonly onSaved: () => void;
  readonly onCancel: () => void;
}) {
  const [value, setValue] = useState(readToken() ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="modal-backdrop" role="dialog" aria-modal="true" aria-labelledby="token-title">
      <form
        class="modal"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim() === '') return;
          saveToken(value);
          onSaved();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="token-title">This Spillway needs an API token</h2>
        <p>
          Enter a reader or writer token from <code>SPILLWAY_API_TOKENS</code>. It stays in this browser tab
          (session storage) and is sent only to this service.
        </p>
        <label for="token-input">API token</label>
        <input
          id="token-input"
          ref={input}
          type="password"
          autocomplete="off"
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="primary">
            Use token
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
