import { notFound } from 'next/navigation';

// Any path no page claims: answer with the site's own 404 page inside its layout.
export default function Missing(): never {
  notFound();
}
