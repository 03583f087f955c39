import type { PartnerImportResult } from '../../api/types';
import { CsvImportDialog, plural } from '../../components/CsvImportDialog';

/** Import partners from CSV: check first (a dry run), then import the same text. */
export function ImportPartnersDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <CsvImportDialog<PartnerImportResult>
      opened={opened}
      onClose={onClose}
      title="Import partners from CSV"
      path="/partners/import"
      queryKey={['partners']}
      ready={(r) => `${plural(r.rows ?? r.created, 'row')} ready to import.`}
      done={(r) => `${plural(r.created, 'partner')} created.`}
    />
  );
}
