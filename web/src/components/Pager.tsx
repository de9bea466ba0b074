export function Pager({
  pageNumber,
  hasNext,
  hasPrevious,
  onNext,
  onPrevious,
  label,
}: {
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  onNext: () => void;
  onPrevious: () => void;
  label: string;
}) {
  if (!hasNext && !hasPrevious) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button button--secondary button--small" onClick={onPrevious} disabled={!hasPrevious}>
        Previous page
      </button>
      <span className="pager__page">Page {pageNumber}</span>
      <button type="button" className="button button--secondary button--small" onClick={onNext} disabled={!hasNext}>
        Next page
      </button>
    </nav>
  );
}
