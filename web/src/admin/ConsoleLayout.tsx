import { AppLayout, type NavSection } from '../components/AppLayout';
import { CONSOLE_MODULES, SETTINGS_MODULES } from './modules';

const sections: NavSection[] = [
  {
    items: CONSOLE_MODULES.map((m) => ({
      label: m.label,
      to: m.path ? `/console/${m.path}` : '/console',
      exact: !m.path,
      permission: m.permission,
    })),
  },
  {
    title: 'Settings',
    items: SETTINGS_MODULES.map((m) => ({ label: m.label, to: `/console/${m.path}`, permission: m.permission })),
  },
];

export function ConsoleLayout() {
  return <AppLayout navLabel="Console" home="/console" context="Vendor console" sections={sections} />;
}
