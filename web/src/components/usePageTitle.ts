import { useEffect } from 'react';

/** Sets the document title as "Page · Trellis". */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Trellis` : 'Trellis';
  }, [title]);
}
