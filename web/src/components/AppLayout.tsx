import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { roleLabel, type Permission } from '../auth/roles';

export interface NavItem {
  label: string;
  to: string;
  /** Active only on the exact path (for Home). */
  exact?: boolean;
  /** Shown only to users who may do this. */
  permission?: Permission;
  /** A count or mark at the right of the link (part of its name for screen readers). */
  badge?: ReactNode;
}

export interface NavSection {
  title?: string;
  items: NavItem[];
}

interface AppLayoutProps {
  /** Accessible name of the navigation landmark. */
  navLabel: string;
  /** Shown after the product name, e.g. the partner's company. */
  context?: ReactNode;
  home: string;
  sections: NavSection[];
}

function isActive(pathname: string, item: NavItem): boolean {
  if (item.exact) return pathname === item.to || pathname === `${item.to}/`;
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** The signed-in shell: header with the user and "Sign out", navigation, and the page in <main>. */
export function AppLayout({ navLabel, context, home, sections }: AppLayoutProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { user, signOut, can } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => close(), [location.pathname, close]);

  const visible = sections
    .map((section) => ({ ...section, items: section.items.filter((i) => !i.permission || can(i.permission)) }))
    .filter((section) => section.items.length > 0);

  const onSignOut = async () => {
    await signOut();
    void navigate('/login', { replace: true });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <UnstyledButton component={Link} to={home} aria-label="Trellis home">
              <Text fw={800} size="lg" c="indigo.9">
                Trellis
              </Text>
            </UnstyledButton>
            {context && (
              <Text fw={600} size="sm" c="gray.9" visibleFrom="xs" data-testid="header-context">
                {context}
              </Text>
            )}
          </Group>
          {user && (
            <Group gap="md" wrap="nowrap">
              <Stack gap={0} align="flex-end" visibleFrom="xs">
                <Text size="sm" fw={600} c="gray.9">
                  {user.name}
                </Text>
                <Text size="xs" c="gray.8">
                  {roleLabel(user.role)}
                </Text>
              </Stack>
              <Button variant="default" size="xs" onClick={() => void onSignOut()}>
                Sign out
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={navLabel}>
        <ScrollArea type="never">
          {visible.map((section, i) => (
            <Stack key={section.title ?? i} gap={2} mb="sm">
              {section.title && (
                <Text size="xs" fw={700} tt="uppercase" c="gray.8" px="sm" pt="sm" pb={4} id={`nav-${i}`}>
                  {section.title}
                </Text>
              )}
              <Stack
                gap={2}
                component="ul"
                aria-labelledby={section.title ? `nav-${i}` : undefined}
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
              >
                {section.items.map((item) => {
                  const active = isActive(location.pathname, item);
                  return (
                    <li key={item.to}>
                      <NavLink
                        component={Link}
                        to={item.to}
                        label={item.label}
                        rightSection={item.badge}
                        active={active}
                        aria-current={active ? 'page' : undefined}
                        variant="filled"
                        styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
                      />
                    </li>
                  );
                })}
              </Stack>
            </Stack>
          ))}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
