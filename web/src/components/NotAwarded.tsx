/** An empty benefit cell: a dash, with "Not awarded" as its expansion for assistive technology and on hover. */
export function NotAwarded() {
  return (
    <abbr title="Not awarded" style={{ textDecoration: 'none', cursor: 'help' }}>
      —
    </abbr>
  );
}
