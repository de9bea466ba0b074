// Pieces of an entry shown on its card, its page and the broker's list:
// its themes as tags, its areas and legal form in words, its certificates.
import type { DirectoryCertificate, DirectoryEntry, DirectoryTaxonomy } from '../../api';
import { Badge } from '../../components/States';
import { joinWords, termName } from '../../lib/directory';

export function ThemeTags({ entry, taxonomy }: { entry: DirectoryEntry; taxonomy: DirectoryTaxonomy | null }) {
  if (entry.themes.length === 0) return null;
  return (
    <ul className="tags" aria-label={`Outcome themes of ${entry.name}`}>
      {entry.themes.map((t) => (
        <li key={t} className="tag">
          {termName(taxonomy?.themes, t)}
        </li>
      ))}
    </ul>
  );
}

/** "Community interest company · Yorkshire and the Humber and London" */
export function entryPlace(entry: DirectoryEntry, taxonomy: DirectoryTaxonomy | null): string {
  const form = termName(taxonomy?.legal_forms, entry.legal_form);
  const areas = entry.areas.map((a) => termName(taxonomy?.areas, a));
  return areas.length > 0 ? `${form} · ${joinWords(areas)}` : form;
}

export function CertificateBadge({ certificate }: { certificate: DirectoryCertificate }) {
  return certificate.suspended ? (
    <Badge tone="warning">{certificate.title} (suspended)</Badge>
  ) : (
    <Badge tone="success">{certificate.title}</Badge>
  );
}

export function CertificateBadges({ entry }: { entry: DirectoryEntry }) {
  if (entry.certificates.length === 0) return null;
  return (
    <ul className="directory-card__awards" aria-label={`Certification of ${entry.name}`}>
      {entry.certificates.map((c) => (
        <li key={c.certificate_id}>
          <CertificateBadge certificate={c} />
        </li>
      ))}
    </ul>
  );
}

/** A summary cut to about `max` characters at a word, for cards. */
export function shortSummary(text: string, max = 220): string {
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text;
}
