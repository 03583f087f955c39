import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Colours chosen for WCAG AA contrast on white and on striped rows. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // shade 8 of red and green is just under 4.5:1 on white; 9 passes for every colour
  primaryShade: { light: 9, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  headings: { fontWeight: '700' },
  components: {
    Title: { defaultProps: { c: 'gray.9' } },
    // a light alert's coloured title is too pale on its tinted background; the icon and border carry the colour
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } },
    // a close button needs a name for screen readers
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } },
    // and so does a dialog's
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    // Mantine's default dimmed grey is below 4.5:1 on white.
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // error texts: Mantine's default red falls below 4.5:1 on white
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
