// The support registers, kept by the administrators: the practitioners
// (each accreditation with its days), the consultants and the resource
// library. Each entry is changed or removed here (removing asks first); the
// public page, Help and resources, shows them to anyone. The templates that
// come with ValueMark are listed but cannot be changed.
import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api';
import type { Consultant, CriterionRef, Practitioner, Resource } from '../../api/support';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/Dialog';
import { Pager } from '../../components/Pager';
import { Badge, EmptyState, ErrorState, Loading } from '../../components/States';
import { useToast } from '../../components/Toast';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useLoad } from '../../hooks/useLoad';
import { enumsInWords } from '../../lib/labels';
import {
  STANDING_LABEL,
  accreditationInWords,
  criterionGroups,
  criterionInWords,
  fileInWords,
  hostOf,
  namesInWords,
  standingTone,
  type CriterionGroup,
} from '../../lib/support';
import { useTaxonomy } from '../network/useTaxonomy';
import { ConsultantForm } from './ConsultantForm';
import { PractitionerForm } from './PractitionerForm';
import { ResourceForm } from './ResourceForm';
import { useSupportApi } from './useSupportApi';
import './support.css';

const PAGE_SIZE = 50;

interface Entry {
  id: string;
  version: number;
}

interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/**
 * One register: its entries a page at a time, an Add button, the form (for
 * a new entry or the one being changed) and removal after a confirmation.
 */
function RegisterSection<T extends Entry, I>({
  id,
  title,
  intro,
  noun,
  nameOf,
  columns,
  load,
  add,
  update,
  remove,
  fetchOne,
  readOnly,
  renderForm,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  /** "practitioner": for buttons and messages. */
  noun: string;
  nameOf: (item: T) => string;
  columns: Column<T>[];
  load: (offset: number, limit: number) => Promise<{ items: T[]; total: number; offset: number }>;
  add: (input: I) => Promise<T>;
  update: (id: string, input: I) => Promise<T>;
  remove: (id: string) => Promise<void>;
  /** The entry as it is now (after someone else changed it), or null when it is gone. */
  fetchOne: (item: T) => Promise<T | null>;
  /** Why an entry cannot be changed, or null when it can. */
  readOnly?: (item: T) => string | null;
  renderForm: (props: { initial?: T; onSubmit: (input: I) => Promise<void>; onCancel: () => void; onReload?: () => void }) => ReactNode;
}) {
  const toast = useToast();
  const [page, setPage] = useState(1);
  const list = useLoad(() => load((page - 1) * PAGE_SIZE, PAGE_SIZE), [load, page]);
  // The form open: a new entry (no `entry`), or one being changed; `n` starts it afresh.
  const [editing, setEditing] = useState<{ entry?: T; n: number } | null>(null);
  const [removing, setRemoving] = useState<T | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formHeadingRef = useRef<HTMLHeadingElement>(null);

  const open = (entry?: T) => {
    setEditing((old) => ({ entry, n: (old?.n ?? 0) + 1 }));
    window.setTimeout(() => formHeadingRef.current?.focus(), 0);
  };
  const close = () => {
    setEditing(null);
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };
  const submit = async (input: I) => {
    const entry = editing?.entry;
    const saved = entry ? await update(entry.id, input) : await add(input);
    toast.notify(entry ? `Changes to ${nameOf(saved)} saved` : `${nameOf(saved)} added`);
    close();
    await list.reload();
  };
  const reloadEntry = async () => {
    const entry = editing?.entry;
    if (!entry) return;
    const fresh = await fetchOne(entry).catch(() => null);
    await list.reload();
    if (fresh) {
      setEditing((old) => ({ entry: fresh, n: (old?.n ?? 0) + 1 }));
      toast.notify(`Their version of ${nameOf(fresh)} is loaded`);
    } else {
      toast.notify(`${nameOf(entry)} has been removed meanwhile`);
      close();
    }
  };
  const confirmRemove = async () => {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await remove(removing.id);
      toast.notify(`${nameOf(removing)} removed`);
      setRemoving(null);
      if (editing?.entry?.id === removing.id) setEditing(null);
      await list.reload();
    } catch (err) {
      if (err instanceof ApiError && err.isNotFound) {
        setRemoving(null);
        toast.notify(`${nameOf(removing)} was already removed`);
        await list.reload();
      } else setRemoveError(enumsInWords(err instanceof Error ? err.message : 'It could not be removed.'));
    } finally {
      setRemoveBusy(false);
    }
  };

  const data = list.data;
  const titleId = `${id}-title`;
  return (
    <section className="panel register" id={id} aria-labelledby={titleId}>
      <div className="panel__head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {title}
          {data ? <span className="count">({data.total})</span> : null}
        </h2>
        {!editing ? (
          <button type="button" className="button button--primary button--small" onClick={() => open()}>
            Add a {noun}
          </button>
        ) : null}
      </div>
      <p className="muted register__intro">{intro}</p>
      {editing ? (
        <div className="subpanel register__form">
          <h3 ref={formHeadingRef} tabIndex={-1}>
            {editing.entry ? `Change ${nameOf(editing.entry)}` : `Add a ${noun}`}
          </h3>
          <div key={editing.n}>{renderForm({ initial: editing.entry, onSubmit: submit, onCancel: close, onReload: editing.entry ? () => void reloadEntry() : undefined })}</div>
        </div>
      ) : null}
      {list.status === 'loading' && !data ? <Loading label={`Loading the ${noun}s…`} /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} title={`The ${noun}s could not be loaded`} /> : null}
      {data && data.total === 0 ? (
        <EmptyState title={`No ${noun} yet`}>
          <p>Add one: it appears on Help and resources at once.</p>
        </EmptyState>
      ) : null}
      {data && data.items.length > 0 ? (
        <div className="table-card">
          <table className="table table--stack register__table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => {
                const locked = readOnly?.(item) ?? null;
                const name = nameOf(item);
                return (
                  <tr key={item.id}>
                    {columns.map((c, i) =>
                      i === 0 ? (
                        <th key={c.header} scope="row" data-label={c.header}>
                          {c.cell(item)}
                        </th>
                      ) : (
                        <td key={c.header} data-label={c.header}>
                          {c.cell(item)}
                        </td>
                      ),
                    )}
                    <td className="table__actions">
                      {locked ? (
                        <span className="muted small">{locked}</span>
                      ) : (
                        <div className="button-row register__actions">
                          <button type="button" className="button button--secondary button--small" onClick={() => open(item)}>
                            Edit<span className="visually-hidden"> {name}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => {
                              setRemoveError(null);
                              setRemoving(item);
                            }}
                          >
                            Remove<span className="visually-hidden"> {name}</span>
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {data ? (
        <Pager
          label={`Pages of ${noun}s`}
          pageNumber={page}
          hasPrevious={page > 1}
          hasNext={data.offset + data.items.length < data.total}
          onPrevious={() => setPage((p) => p - 1)}
          onNext={() => setPage((p) => p + 1)}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${nameOf(removing)}?` : 'Remove?'}
        confirmLabel="Remove"
        danger
        busy={removeBusy}
        error={removeError}
        onCancel={() => setRemoving(null)}
        onConfirm={() => void confirmRemove()}
      >
        <p>It is taken off Help and resources at once. The platform history keeps a record of it.</p>
      </ConfirmDialog>
      {toast.element}
    </section>
  );
}

/** The first criterion an entry names, in words, and how many more. */
function CriteriaCell({ criteria }: { criteria: readonly CriterionRef[] }) {
  if (criteria.length === 0) return <span className="muted">None named</span>;
  const more = criteria.length - 1;
  return (
    <>
      {criterionInWords(criteria[0], 60)}
      {more > 0 ? <span className="muted">{more === 1 ? ', and 1 more' : `, and ${more} more`}</span> : null}
    </>
  );
}

function useChoices() {
  const { api } = useAuth();
  const taxonomy = useTaxonomy();
  const schemes = useLoad(() => api.listSchemes(), [api]);
  const groups: CriterionGroup[] = schemes.data ? criterionGroups(schemes.data.items) : [];
  return { taxonomy, schemes, areas: taxonomy.data?.areas ?? [], groups };
}

export function SupportAdminPage() {
  useDocumentTitle('Support registers');
  const support = useSupportApi();
  const choices = useChoices();
  const ready = choices.taxonomy.data && choices.schemes.data;
  const { areas, groups } = choices;

  // Stable loaders: the sections load again only when the page turns.
  const [loaders] = useState(() => ({
    practitioners: (offset: number, limit: number) => support.practitioners({ include_expired: true, offset, limit }),
    consultants: (offset: number, limit: number) => support.consultants({ offset, limit }),
    resources: (offset: number, limit: number) => support.resources({ offset, limit }),
  }));

  return (
    <div className="page support-admin">
      <div className="page-head">
        <div>
          <p className="eyebrow">Staff</p>
          <h1>Support registers</h1>
          <p className="page-head__meta">
            The practitioners, consultants and resources that anyone finds on <Link to="/support">Help and resources</Link>. Each change shows there at once and
            is kept in the platform history.
          </p>
        </div>
      </div>
      <nav className="support-jump" aria-label="Registers on this page">
        <a href="#practitioners">Practitioners</a>
        <a href="#consultants">Consultants</a>
        <a href="#resources">Resources</a>
      </nav>
      {!ready ? (
        choices.taxonomy.status === 'error' ? (
          <ErrorState error={choices.taxonomy.error} onRetry={choices.taxonomy.reload} title="The areas could not be loaded" />
        ) : choices.schemes.status === 'error' ? (
          <ErrorState error={choices.schemes.error} onRetry={choices.schemes.reload} title="The schemes could not be loaded" />
        ) : (
          <Loading label="Loading the registers…" />
        )
      ) : (
        <>
          <RegisterSection<Practitioner, Parameters<typeof support.addPractitioner>[0]>
            id="practitioners"
            title="Practitioners"
            intro="People accredited as practitioners at level 1, 2 or 3. An accreditation shows as ending soon in its last 60 days; once ended it is shown only to those who ask for it."
            noun="practitioner"
            nameOf={(p) => p.name}
            columns={[
              { header: 'Name', cell: (p) => p.name },
              { header: 'Level', cell: (p) => `Level ${p.level}` },
              {
                header: 'Accreditation',
                cell: (p) => (
                  <>
                    {accreditationInWords(p)}{' '}
                    {p.standing !== 'current' ? <Badge tone={standingTone(p.standing)}>{STANDING_LABEL[p.standing]}</Badge> : null}
                  </>
                ),
              },
              { header: 'Organisation', cell: (p) => p.organisation || <span className="muted">Not given</span> },
            ]}
            load={loaders.practitioners}
            add={support.addPractitioner}
            update={support.updatePractitioner}
            remove={support.removePractitioner}
            fetchOne={async (p) => (await support.practitioners({ q: p.name, include_expired: true, limit: 100 })).items.find((x) => x.id === p.id) ?? null}
            renderForm={(props) => <PractitionerForm areas={areas} {...props} />}
          />
          <RegisterSection<Consultant, Parameters<typeof support.addConsultant>[0]>
            id="consultants"
            title="Consultants"
            intro="Consultants who help organisations with social value management. The criteria they name link them to those criteria’s help."
            noun="consultant"
            nameOf={(k) => k.name}
            columns={[
              { header: 'Name', cell: (k) => k.name },
              { header: 'Organisation', cell: (k) => k.organisation || <span className="muted">Not given</span> },
              { header: 'Languages', cell: (k) => namesInWords(k.language_names) },
              { header: 'Criteria', cell: (k) => <CriteriaCell criteria={k.criterion_details} /> },
            ]}
            load={loaders.consultants}
            add={support.addConsultant}
            update={support.updateConsultant}
            remove={support.removeConsultant}
            fetchOne={async (k) => (await support.consultants({ q: k.name, limit: 100 })).items.find((x) => x.id === k.id) ?? null}
            renderForm={(props) => <ConsultantForm areas={areas} groups={groups} {...props} />}
          />
          <RegisterSection<Resource, Parameters<typeof support.addResource>[0]>
            id="resources"
            title="Resources"
            intro="Templates, guidance, webinars and case studies, each a link or a file. Those that come with ValueMark cannot be changed: publish your own version as a new resource."
            noun="resource"
            nameOf={(r) => r.title}
            columns={[
              { header: 'Title', cell: (r) => r.title },
              { header: 'Kind', cell: (r) => r.kind_name },
              { header: 'Link or file', cell: (r) => (r.link ? `Link to ${hostOf(r.link)}` : `File: ${fileInWords(r)}`) },
              { header: 'Criteria', cell: (r) => <CriteriaCell criteria={r.criterion_details} /> },
            ]}
            load={loaders.resources}
            add={support.addResource}
            update={support.updateResource}
            remove={support.removeResource}
            fetchOne={async (r) => support.getResource(r.id).catch((e: unknown) => (e instanceof ApiError && e.isNotFound ? null : Promise.reject(e)))}
            readOnly={(r) => (r.built_in ? 'Comes with ValueMark' : null)}
            renderForm={(props) => <ResourceForm groups={groups} {...props} />}
          />
        </>
      )}
    </div>
  );
}
