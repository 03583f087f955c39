import { useUser } from '../auth/AuthContext';
import { AppLayout, type NavSection } from '../components/AppLayout';
import { PORTAL_MODULES } from './modules';

const sections: NavSection[] = [
  {
    items: PORTAL_MODULES.map((m) => ({
      label: m.label,
      to: m.path ? `/portal/${m.path}` : '/portal',
      exact: !m.path,
    })),
  },
];

export function PortalLayout() {
  const user = useUser();
  return (
    <AppLayout
      navLabel="Partner portal"
      home="/portal"
      context={user.partner?.name ?? 'Partner portal'}
      sections={sections}
    />
  );
}
