// Driving the app page the way a reader does, shared by the end-to-end run
// (run.mjs) and the soak (soak.mjs).

/// Fills the text area as a paste does and checks; waits for the result.
export async function checkText(page, text) {
  const before = await page.getAttribute('#status', 'data-check-ms');
  await page.fill('#article-input', text);
  await page.click('#check-button');
  await page.waitForFunction(
    (prev) => {
      const s = document.querySelector('#status');
      return !document.querySelector('progress') && s.dataset.checkMs !== undefined && (s.dataset.checkMs !== prev || s.textContent.startsWith('Checked'));
    },
    before,
  );
  // A finished check renders its text; wait for the last render.
  await page.waitForFunction(() => !document.querySelector('progress'));
}
