import { stringify } from 'yaml';
import { PNG } from './images.js';

export const PNG_URI = `data:image/png;base64,${PNG.toString('base64')}`;
export const SVG_BADGE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="4"/></svg>';

/** A small but complete program file (three tiers, every ecosystem type), for the programs-as-code tests. */
export function programData(key: string) {
  return {
    format: 'trellis.program/v1',
    key,
    name: `Program ${key}`,
    type: 'reseller',
    currency: 'USD',
    description: 'A program for the tests.',
    tags: ['test'],
    revenue_seasoning_days: 90,
    products: [{ title: `Product of ${key}` }],
    benefits: [
      { key: 'commission_rate', name: 'Commission rate', category: 'financial', value_type: 'percent' },
      { name: `Collateral ${key}`, category: 'marketing', value_type: 'boolean' },
    ],
    tiers: [
      {
        key: 'registered',
        name: 'Registered',
        badge: PNG_URI,
        criteria: [{ metric: 'certified_people', op: '>=', value: 1 }],
        benefits: { commission_rate: 12.5 },
      },
      {
        key: 'certified',
        name: 'Certified',
        criteria: [{ metric: 'revenue_12m', op: '>=', value: 1_000_000 }],
        benefits: { commission_rate: 25 },
      },
      {
        key: 'strategic',
        name: 'Strategic',
        invitation_only: true,
        benefits: { commission_rate: 35, [`Collateral ${key}`]: true },
      },
    ] as Record<string, unknown>[],
    integration_partners: [{ title: 'Example CRM', status: 'beta', integration_type: 'native' }],
    revenue_shares: [{ title: 'First-year share', share_model: 'percentage', share_percentage: 15.25 }],
    api_ecosystems: [{ title: 'Public API', status: 'ga', api_style: 'rest' }],
    developer_portals: [{ title: 'Portal', status: 'active', portal_url: 'https://dev.example.com' }],
    policies: { deal_protection: { first_come_first_served: true } },
  };
}

export const programText = (data: object) => stringify(data, { lineWidth: 0 });
