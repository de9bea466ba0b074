// The certifying body's invoices, for administrators: those waiting for
// payment first, with the payment recorded (the day it arrived and its
// reference) or the invoice voided with a reason, each in a dialog that says
// what follows. There is no payment provider: payment is arranged as the
// membership terms say.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Invoice } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { Dialog, FormDialogFooter } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useLoad } from '../../hooks/useLoad';
import { formatDate, formatPrice } from '../../lib/format';
import { INVOICE_FOR, invoiceAmounts, invoiceStatus } from '../../lib/invoices';

type Filter = '' | Invoice['state'];
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'issued', label: 'Waiting for payment' },
  { value: 'paid', label: 'Paid' },
  { value: 'void', label: 'Void' },
  { value: '', label: 'All invoices' },
];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function InvoicesPage() {
  const { api } = useAuth();
  const toast = useToast();
  useDocumentTitle('Invoices');
  const [filter, setFilter] = useState<Filter>('issued');
  const invoices = useLoad(() => api.allInvoices(filter), [api, filter]);
  const [acting, setActing] = useState<{ invoice: Invoice; action: 'pay' | 'void' } | null>(null);
  const [paidOn, setPaidOn] = useState(today());
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['paid_on', 'reference', 'reason'] as const);

  const open = (invoice: Invoice, action: 'pay' | 'void') => {
    setPaidOn(today());
    setReference('');
    setReason('');
    errors.clear();
    setActing({ invoice, action });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!acting) return;
    const { invoice, action } = acting;
    if (action === 'void' && reason.trim() === '') {
      errors.setFieldErrors({ reason: 'Say why the invoice is void: the organisation reads it.' });
      return;
    }
    if (action === 'pay' && !/^\d{4}-\d{2}-\d{2}$/.test(paidOn)) {
      errors.setFieldErrors({ paid_on: 'Give the day the payment arrived.' });
      return;
    }
    errors.clear();
    setBusy(true);
    try {
      if (action === 'pay') {
        await api.recordPayment(invoice.organisation_id, invoice.id, { paid_on: paidOn, reference, version: invoice.version });
        toast.notify(`Invoice ${invoice.number} marked paid`);
      } else {
        await api.voidInvoice(invoice.organisation_id, invoice.id, reason, invoice.version);
        toast.notify(`Invoice ${invoice.number} voided`);
      }
      setActing(null);
      await invoices.reload();
    } catch (err) {
      errors.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const list = invoices.data ?? [];
  const owed = filter === 'issued' ? list.reduce((sum, i) => sum + i.amount.gross_pence, 0) : 0;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff</p>
          <h1>Invoices</h1>
          <p className="page-head__meta">
            A membership is invoiced when it is approved and an application when it is first submitted. Record each payment when it arrives, or void an invoice issued in error.
          </p>
        </div>
      </div>
      <div className="toolbar">
        <SelectField id="invoice-filter" label="Show" value={filter} onChange={(e) => setFilter(e.target.value as Filter)} className="toolbar__field">
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </SelectField>
        {filter === 'issued' && list.length > 0 ? (
          <p className="small" role="status">
            {list.length} invoice{list.length === 1 ? '' : 's'} waiting, {formatPrice(owed / 100)} in all.
          </p>
        ) : null}
      </div>
      {invoices.status === 'loading' && !invoices.data ? <Loading label="Loading the invoices…" /> : null}
      {invoices.status === 'error' ? <ErrorState error={invoices.error} onRetry={invoices.reload} /> : null}
      {invoices.data && list.length === 0 ? (
        <EmptyState title={filter === 'issued' ? 'Nothing is waiting for payment' : 'No invoices here'}>
          <p>{filter === 'issued' ? 'Every invoice issued has been paid or voided.' : 'Choose another filter to see other invoices.'}</p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <div className="table-card">
          <table className="table table--stack">
            <caption className="visually-hidden">Invoices, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Organisation</th>
                <th scope="col">For</th>
                <th scope="col">Amount</th>
                <th scope="col">Issued</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => {
                const status = invoiceStatus(i);
                return (
                  <tr key={i.id}>
                    <th scope="row" data-label="Invoice">
                      <a href={api.invoicePdfUrl(i.organisation_id, i.id)} target="_blank" rel="noreferrer">
                        {i.number}
                      </a>
                    </th>
                    <td data-label="Organisation">
                      <Link to={`/organisations/${encodeURIComponent(i.organisation_id)}#invoices`}>{i.organisation_name}</Link>
                    </td>
                    <td data-label="For">
                      {INVOICE_FOR[i.subject]}
                      <span className="muted small block">{i.description}</span>
                    </td>
                    <td data-label="Amount">{invoiceAmounts(i)}</td>
                    <td data-label="Issued">{formatDate(i.issued_on)}</td>
                    <td data-label="Status">
                      <Badge tone={status.tone}>{status.text}</Badge>
                      {i.decided_by_name ? <span className="muted small block">by {i.decided_by_name}</span> : null}
                    </td>
                    <td data-label="Actions" className="table__actions">
                      {i.state === 'issued' ? (
                        <>
                          <button type="button" className="button button--primary button--small" onClick={() => open(i, 'pay')}>
                            Record payment<span className="visually-hidden"> of {i.number}</span>…
                          </button>
                          <button type="button" className="button button--secondary button--small" onClick={() => open(i, 'void')}>
                            Void<span className="visually-hidden"> {i.number}</span>…
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <Dialog
        open={acting !== null}
        title={acting?.action === 'pay' ? `Record the payment of ${acting.invoice.number}?` : `Void ${acting?.invoice.number ?? 'the invoice'}?`}
        onClose={() => setActing(null)}
        footer={
          <FormDialogFooter
            formId="invoice-action"
            label={acting?.action === 'pay' ? 'Record payment' : 'Void the invoice'}
            busyLabel="Saving…"
            busy={busy}
            onCancel={() => setActing(null)}
          />
        }
      >
        <form id="invoice-action" onSubmit={submit} noValidate>
          <FormAlert message={errors.formError} title={acting?.action === 'pay' ? 'The payment was not recorded' : 'The invoice was not voided'} />
          {acting?.action === 'pay' ? (
            <>
              <p>
                {acting.invoice.organisation_name} is told that {formatPrice(acting.invoice.amount.gross_pence / 100)} was received. A paid invoice cannot be voided.
              </p>
              <TextField id="invoice-paid-on" type="date" label="Payment arrived on" value={paidOn} max={today()} onChange={(e) => setPaidOn(e.target.value)} error={errors.fieldErrors.paid_on} />
              <TextField
                id="invoice-reference"
                label="Reference (optional)"
                hint="For example the bank transfer’s reference."
                value={reference}
                onChange={(e) => setReference(e.target.value)}
                error={errors.fieldErrors.reference}
              />
            </>
          ) : acting ? (
            <>
              <p>Nothing is owed on a void invoice, and it cannot be paid later. {acting.invoice.organisation_name} reads your reason.</p>
              <TextAreaField id="invoice-void-reason" label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fieldErrors.reason} rows={3} />
            </>
          ) : null}
        </form>
      </Dialog>
    </div>
  );
}
