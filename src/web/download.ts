/** Hands bytes made in the page to the browser as a download (a Blob URL: nothing goes over the network). */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function saveFile(bytes: Uint8Array, name: string, type = XLSX_MIME): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start reading the Blob only after the click handler has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
