import { useEffect, useState } from 'react';
import { detectSupport, type WebAuthnSupport } from './support';

/**
 * The browser's passkey support, or null until detection finishes. The server cannot know it,
 * so the first render (server and client alike) is always null.
 */
export function useWebAuthnSupport(): WebAuthnSupport | null {
  const [support, setSupport] = useState<WebAuthnSupport | null>(null);
  useEffect(() => {
    let current = true;
    void detectSupport().then((detected) => {
      if (current) setSupport(detected);
    });
    return () => {
      current = false;
    };
  }, []);
  return support;
}
