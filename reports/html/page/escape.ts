// Everything that leaves the renderer as markup goes through here. Text from users or data
// (strategy names, parameters, symbols, labels, warnings) is escaped for HTML; data for the
// charts is JSON inside <script type="application/json">, where `</script>` or an HTML comment
// opener in a string would end the element early, so <, >, & and the JS line separators are
// written as \u escapes (valid JSON, identical after JSON.parse).

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** JSON that cannot break out of the script element that carries it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
