/** The header that carries the key: OpenAI-style `Authorization: Bearer`, or a bare key (Azure's `api-key`). */
export function credentialHeaders(headerName: string, apiKey: string | undefined): Record<string, string> {
  if (apiKey === undefined) return {};
  return { [headerName]: headerName.toLowerCase() === 'authorization' ? `Bearer ${apiKey}` : apiKey };
}
