import { AppLayout, type NavSection } from '../components/AppLayout';
import { useCan } from '../auth/AuthContext';
import { QueueCount, useDealQueueCount } from './deals/QueueCount';
import { CONSOLE_MODULES, SETTINGS_MODULES } from './modules';

export function ConsoleLayout() {
  const can = useCan();
  const queue = useDealQueueCount(can('deal.review'));
  const sections: NavSection[] = [
    {
      items: CONSOLE_MODULES.map((m) => ({
        label: m.label,
        to: m.path ? `/console/${m.path}` : '/console',
        exact: !m.path,
        permission: m.permission,
        badge: m.path === 'deals' && queue ? <QueueCount count={queue} /> : undefined,
      })),
    },
    {
      title: 'Settings',
      items: SETTINGS_MODULES.map((m) => ({ label: m.label, to: `/console/${m.path}`, permission: m.permission })),
    },
  ];
  return <AppLayout navLabel="Console" home="/console" context="Vendor console" sections={sections} />;
}
