import { Alert, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DealDetail } from '../../api/deals';
import { formatDateTime } from '../../components/format';
import { CONFLICT_COVERED } from './DealStatusBadge';
import { daysText, daysUntil, ENDING_SOON_DAYS, formatDate, formatDay, moneyText } from './format';

interface Stand {
  title: string;
  color: string;
  lines: ReactNode[];
}

/** What the extension of a protected registration stands at, in a sentence (none when there is nothing to say). */
function extensionLine(deal: DealDetail): string | null {
  const e = deal.extension;
  switch (e.status) {
    case 'requested':
      return `You asked for an extension on ${formatDate(e.requestedAt)}. A channel manager will answer; if granted, ${e.days} days are added.`;
    case 'granted':
      return 'Your extension was granted: the date above includes it.';
    case 'refused':
      return 'Your request for an extension was refused; protection ends on the date above.';
    case 'none':
      return deal.actions.includes('requestExtension')
        ? `If the deal needs more time, you can ask once for an extension of ${e.days} days.`
        : null;
  }
}

/** Where a registration stands and what happens next, for each status. */
function standOf(deal: DealDetail): Stand {
  const by = deal.slaDueAt ? formatDateTime(deal.slaDueAt) : null;
  switch (deal.status) {
    case 'draft':
      return {
        title: 'Draft',
        color: 'gray',
        lines: ['Only your company sees it. Submit it to register the customer; a channel manager then reviews it.'],
      };
    case 'submitted':
      return {
        title: 'Waiting for review',
        color: 'blue',
        lines: [
          deal.overdue
            ? `The review was due by ${by}; it is late.`
            : `A channel manager reviews it by ${by ?? 'the end of the approval period'}.`,
          'Once approved, the customer is protected for you.',
        ],
      };
    case 'conflict':
      return {
        title: 'Needs review',
        color: 'yellow',
        lines: [
          CONFLICT_COVERED,
          `Your registration is kept, and a channel manager will review it${by ? ` by ${by}` : ''}. You will hear the outcome by email.`,
        ],
      };
    case 'approved':
      return {
        title: 'Approved',
        color: 'green',
        lines: [
          `Approved on ${formatDate(deal.decidedAt)}. This program sets no end date; close it won or lost when the customer decides.`,
        ],
      };
    case 'protected': {
      const left = deal.protectedUntil ? daysUntil(deal.protectedUntil) : 0;
      const ext = extensionLine(deal);
      return {
        title: `Protected until ${formatDate(deal.protectedUntil)} (${daysText(left)})`,
        color: left <= ENDING_SOON_DAYS ? 'orange' : 'green',
        lines: [
          'While it is protected, the customer is yours: another registration of it goes to review and loses to yours.',
          ...(left <= ENDING_SOON_DAYS ? ['Protection ends soon: close the deal, or ask for more time.'] : []),
          ...(ext ? [ext] : []),
        ],
      };
    }
    case 'rejected':
      return {
        title: 'Rejected',
        color: 'red',
        lines: [`Rejected on ${formatDate(deal.decidedAt)}${deal.decisionReason ? `: ${deal.decisionReason}` : '.'}`],
      };
    case 'withdrawn':
      return {
        title: 'Withdrawn',
        color: 'gray',
        lines: [`You withdrew it on ${formatDate(deal.closedAt)}. It no longer holds the customer.`],
      };
    case 'expired':
      return {
        title: 'Protection ended',
        color: 'gray',
        lines: [`Protection ended on ${formatDate(deal.protectedUntil)}; the customer is open to registration again.`],
      };
    case 'won':
      return {
        title: 'Won',
        color: 'green',
        lines: [`Closed won on ${formatDay(deal.closeDate)} for ${moneyText(deal.wonAmount, deal.currency)}.`],
      };
    case 'lost':
      return {
        title: 'Lost',
        color: 'gray',
        lines: [`Closed lost on ${formatDay(deal.closeDate)}${deal.lostReason ? `: ${deal.lostReason}` : '.'}`],
      };
  }
}

/** The registration's status in a sentence or two: what it means now, and what happens next. */
export function DealStatusPanel({ deal }: { deal: DealDetail }) {
  const stand = standOf(deal);
  return (
    <Alert color={stand.color} variant="light" title={stand.title}>
      <Stack gap={4}>
        {stand.lines.map((line, i) => (
          <Text key={i} size="sm">
            {line}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
