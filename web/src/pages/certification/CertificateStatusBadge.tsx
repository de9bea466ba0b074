// A certificate's status in words, the same on the register, the verification
// page and an application's page.
import { Badge } from '../../components/States';

export type CertificateStatusName = 'current' | 'expired' | 'suspended' | 'revoked';

export const CERTIFICATE_STATUS_LABEL: Record<CertificateStatusName, string> = {
  current: 'Current',
  expired: 'Expired',
  suspended: 'Suspended',
  revoked: 'Revoked',
};

const TONE: Record<CertificateStatusName, 'success' | 'neutral' | 'warning' | 'danger'> = {
  current: 'success',
  expired: 'neutral',
  suspended: 'warning',
  revoked: 'danger',
};

export function CertificateStatusBadge({ status }: { status: CertificateStatusName }) {
  return <Badge tone={TONE[status]}>{CERTIFICATE_STATUS_LABEL[status]}</Badge>;
}
