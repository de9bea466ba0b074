// The organisation's invoices: each membership and application it was
// charged for, with the amounts, whether it is paid, and the PDF. Payment is
// arranged as the membership terms say; staff record it.
import { Badge, ErrorState } from '../../components/States';
import { useLoad } from '../../hooks/useLoad';
import { invoiceAmounts, invoiceStatus } from '../../lib/invoices';
import { formatDate } from '../../lib/format';
import { useOrg } from './context';

export function InvoicesSection() {
  const { api, orgId, dashboard } = useOrg();
  const invoices = useLoad(() => Promise.all([api.listInvoices(orgId), api.membershipTerms()]), [api, orgId, dashboard.organisation.version]);
  const [list, terms] = invoices.data ?? [null, null];
  return (
    <section className="panel" aria-labelledby="invoices-title" id="invoices">
      <div className="panel__head">
        <h2 id="invoices-title">Invoices</h2>
      </div>
      {invoices.status === 'error' && !invoices.data ? (
        <ErrorState error={invoices.error} onRetry={invoices.reload} />
      ) : !list ? (
        <p className="muted">Loading the invoices…</p>
      ) : list.length === 0 ? (
        <p className="muted">No invoices yet. The membership is invoiced when it is approved, and each application when it is first submitted.</p>
      ) : (
        <>
          <ul className="invoice-list">
            {list.map((i) => {
              const status = invoiceStatus(i);
              return (
                <li key={i.id} className="invoice-list__item">
                  <div className="invoice-list__head">
                    <strong>{i.number}</strong> <Badge tone={status.tone}>{status.text}</Badge>
                  </div>
                  <p className="invoice-list__what">{i.description}</p>
                  <p className="small">
                    {invoiceAmounts(i)} · issued {formatDate(i.issued_on)}
                    {i.state === 'paid' && i.payment_reference ? ` · reference ${i.payment_reference}` : ''}
                  </p>
                  {i.state === 'void' && i.void_reason ? <p className="small">Why it is void: {i.void_reason}</p> : null}
                  <a href={api.invoicePdfUrl(orgId, i.id)} target="_blank" rel="noreferrer">
                    Invoice {i.number} as a PDF
                  </a>
                </li>
              );
            })}
          </ul>
          {terms ? (
            <p className="small muted">
              How to pay: {terms.payment} Questions: {terms.contact}.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
