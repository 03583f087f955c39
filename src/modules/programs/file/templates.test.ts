import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../platform/paths.js';
import { registerModuleHooks } from '../../hooks.js';
import type { ProgramFile } from './format.js';
import { parseProgramText } from './parse.js';

const templatesDir = path.join(packageRoot, 'templates');
// the sections other modules add (deal registration) are part of the format wherever templates are read
beforeAll(() => registerModuleHooks());
const templateFiles = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Reads a template as the console and the command line do: badge files beside it inlined, then checked. */
const loadTemplate = (file: string): ProgramFile =>
  parseProgramText(readFileSync(path.join(templatesDir, file), 'utf8'), { baseDir: templatesDir });

const tier = (program: ProgramFile, key: string) => {
  const found = program.tiers.find((t) => t.key === key);
  if (!found) throw new Error(`${program.key} has no tier ${key}`);
  return found;
};

const criterion = (program: ProgramFile, tierKey: string, metric: string) =>
  tier(program, tierKey).criteria.find((c) => c.metric === metric);

describe('program templates', () => {
  it('ships the starter, the referral and technology program, and the six vendor ladders', () => {
    expect(templateFiles).toEqual(
      expect.arrayContaining([
        'starter-3-tier.yaml',
        'referral-technology.yaml',
        'cloud-platform.yaml',
        'crm-solution.yaml',
        'marketing-solutions.yaml',
        'developer-tools.yaml',
        'networking.yaml',
        'collaboration.yaml',
      ]),
    );
  });

  it.each(templateFiles)('%s is a valid program file whose key is its file name', (file) => {
    const program = loadTemplate(file);
    expect(program.key).toBe(file.replace(/\.yaml$/, ''));
    expect(program.tiers.length).toBeGreaterThan(0);
    for (const t of program.tiers) expect(t.badge).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('gives every template its own key', () => {
    const keys = templateFiles.map((f) => loadTemplate(f).key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the starter’s ladder and numbers', () => {
    const starter = loadTemplate('starter-3-tier.yaml');
    expect(starter.type).toBe('reseller');
    expect(starter.currency).toBe('USD');
    expect(starter.revenue_seasoning_days).toBe(90);
    expect(starter.demotion_grace_days).toBe(90);
    expect(starter.tiers.map((t) => t.name)).toEqual(['Registered', 'Certified', 'Strategic']);

    expect(tier(starter, 'registered').invitation_only).toBe(false);
    expect(tier(starter, 'registered').benefits).toMatchObject({ commission_rate: 15, deal_protection_days: 30 });
    expect(criterion(starter, 'registered', 'certified_people')).toMatchObject({ op: '>=', value: 1 });
    expect(criterion(starter, 'registered', 'revenue_12m')).toMatchObject({ op: '>=', value: 100 });

    expect(tier(starter, 'certified').benefits.deal_protection_days).toBe(60);
    expect(criterion(starter, 'certified', 'certified_people')).toMatchObject({ op: '>=', value: 2 });
    expect(criterion(starter, 'certified', 'pipeline_open')).toMatchObject({ op: '>=', value: 1_000_000 });

    const strategic = tier(starter, 'strategic');
    expect(strategic.invitation_only).toBe(true);
    expect(strategic.benefits).toMatchObject({ dedicated_cam: true, mdf_allocation: 1_000_000 });
    expect(criterion(starter, 'strategic', 'certified_people')).toMatchObject({ op: '>=', value: 5 });
    expect(criterion(starter, 'strategic', 'revenue_12m')?.value).toBeGreaterThanOrEqual(10_000_000);
    expect(criterion(starter, 'strategic', 'customer_nps')).toMatchObject({ op: '>', value: 50 });

    expect(starter.sections.deal_registration).toMatchObject({
      approval_sla_days: 2,
      extension_days: 30,
      auto_approve: { enabled: false },
    });
  });

  it('gives the referral and technology program its 15% commission and all six graph edges', () => {
    const program = loadTemplate('referral-technology.yaml');
    expect(program.type).toBe('referral');
    expect(program.tiers[0]?.benefits.commission_rate).toBe(15);
    expect(program.products).not.toEqual([]);
    expect(program.integration_partners).not.toEqual([]);
    expect(program.revenue_shares).not.toEqual([]);
    expect(program.revenue_shares[0]).toMatchObject({ share_model: 'percentage', share_percentage: 15 });
    expect(program.api_ecosystems).not.toEqual([]);
    expect(program.developer_portals).not.toEqual([]);
  });
});
