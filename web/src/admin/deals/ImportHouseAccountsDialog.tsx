import { Text } from '@mantine/core';
import { CsvImportDialog, plural, type CsvImportResult } from '../../components/CsvImportDialog';

interface HouseAccountImportResult extends CsvImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

const changes = (r: HouseAccountImportResult) => `${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged`;

/** Import house accounts from CSV: a row with a known domain updates that account, the others are added. */
export function ImportHouseAccountsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <CsvImportDialog<HouseAccountImportResult>
      opened={opened}
      onClose={onClose}
      title="Import house accounts from CSV"
      path="/house-accounts/import"
      queryKey={['house-accounts']}
      ready={(r) => `${plural(r.rows, 'row')} ready to import: ${changes(r)}.`}
      done={(r) => `House accounts imported: ${changes(r)}.`}
      help={
        <Text size="sm">
          The columns are name, domain, country, owner and notes; only name is required. A row whose domain an account
          has already updates that account (without a domain: the account of the same name and no domain); any other row
          adds one.
        </Text>
      }
    />
  );
}
