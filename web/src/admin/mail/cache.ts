import { useQueryClient } from '@tanstack/react-query';
import { type MailTemplate, mailTemplateKeys } from '../../api/mailTemplates';

/** After a template changed: its page shows the answer, the list and the audit log reload. */
export function useTemplateChanged() {
  const queryClient = useQueryClient();
  return (t: MailTemplate) => {
    queryClient.setQueryData(mailTemplateKeys.one(t.key), t);
    void queryClient.invalidateQueries({ queryKey: mailTemplateKeys.all, exact: true });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}
