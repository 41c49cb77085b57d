/** Text made safe inside XHTML: `&`, `<`, `>`, `"` and `'` escaped, and characters XML forbids dropped. */
export function escapeXhtml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these control characters
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/**
 * A FHIR narrative `div`: a table with a header row and one row per item, every cell escaped,
 * or one paragraph when there are no rows.
 */
export function narrativeTable(headers: readonly string[], rows: readonly (readonly string[])[], emptyText: string): string {
  const open = '<div xmlns="http://www.w3.org/1999/xhtml">';
  if (rows.length === 0) return `${open}<p>${escapeXhtml(emptyText)}</p></div>`;
  const head = `<thead><tr>${headers.map((header) => `<th>${escapeXhtml(header)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeXhtml(cell)}</td>`).join('')}</tr>`).join('')}</tbody>`;
  return `${open}<table>${head}${body}</table></div>`;
}
