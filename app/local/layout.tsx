import type { ReactNode } from 'react';
import '../globals.css';

// Its own root layout: loopback requests belong to no site, so no site theme or language.
export default function LocalLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto max-w-3xl px-4 py-10">{children}</main>
      </body>
    </html>
  );
}
