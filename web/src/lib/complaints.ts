// How a complaint's state reads, for the organisation and for staff.
import type { Complaint } from '../api';
import { formatDate } from './format';
import type { Tone } from './invoices';

export function complaintStatus(c: Complaint): { tone: Tone; text: string } {
  switch (c.state) {
    case 'received':
      return { tone: 'neutral', text: 'Received: the organisation will be asked to answer' };
    case 'awaiting_response':
      return { tone: 'warning', text: `Waiting for the organisation’s answer, by ${formatDate(c.respond_by)}` };
    case 'responded':
      return { tone: 'neutral', text: 'Answered: the certifying body decides' };
    case 'upheld':
      return {
        tone: 'danger',
        text: c.action === 'suspend' ? 'Upheld: the certificate is suspended' : c.action === 'revoke' ? 'Upheld: the certificate is revoked' : 'Upheld',
      };
    case 'dismissed':
      return { tone: 'success', text: 'Dismissed' };
  }
}
