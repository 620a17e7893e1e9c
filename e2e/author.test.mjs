// Make a lesson in the page: a teacher pauses gc-pause-zombie at two moments, writes a
// question at each with a claim from the run on every option, sees the page call each
// proven, saves the lesson and copies its link; `fencing-lab check` passes on the saved
// file; the lesson reopens from the link and from the file and plays like a built-in one,
// both questions asked and answered. axe on the authoring view. Screenshots:
// e2e/artifacts/author-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, VIEWPORTS, describeViolations, REPO_ROOT, seekTo } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

const allowConsole = [/clipboard|Clipboard|Write permission denied|Document is not focused/];

/** Move the present to `ms` (the scrubber runs on past how far the run has gone). */
async function goTo(page, ms) {
  await seekTo(page, ms);
  await page.locator('.author-moment', { hasText: `at ${(ms / 1000).toFixed(1)} s` }).waitFor();
}

/** Write a question in the form: the words, each option's words and claim, the answer. */
async function writeQuestion(page, { question, options, answer, explain }) {
  const panel = page.locator('section.author');
  await panel.getByLabel('the question').fill(question);
  for (const [i, [text, claim]] of options.entries()) {
    await panel.getByLabel(`option ${i + 1}`, { exact: true }).fill(text);
    await panel.getByLabel(`option ${i + 1}'s claim`).selectOption({ label: claim });
  }
  await panel.locator('.author-option').nth(answer).getByLabel('right answer').check();
  await panel.getByLabel(/why the answer is right/).fill(explain);
  await panel.locator('.author-verdict.proven').waitFor();
  await panel.getByRole('button', { name: /Add this question at/ }).click();
}

const QUESTIONS = [
  {
    at: 7000,
    question: 'n4 is frozen with its write still to send. What becomes of that write?',
    options: [
      ['The storage takes it', "n4's write with token 33 is accepted"],
      ['The storage refuses it', "n4's write with token 33 is rejected (the storage has seen 34)"],
      ['It is never sent', 'never: n4 sends a write with token 33'],
    ],
    answer: 1,
    explain: 'The storage has seen 34 by then.',
  },
  {
    at: 11000,
    question: 'n3 leads in term 34. Which comes first?',
    options: [
      ['n4 wakes up', "n4 wakes up before n3's write with token 34 is accepted"],
      ['n3 writes with token 34', "n3's write with token 34 is accepted before n4 wakes up"],
      ['A stale write is taken', 'a write is taken although stale (corruption)'],
    ],
    answer: 1,
    explain: 'n4 is frozen for 12 s; n3 writes every second.',
  },
];

/** Play the lesson from the start and answer both questions rightly, continuing after each. */
async function playLesson(page) {
  const card = page.locator('.question');
  await page.getByLabel('Speed').selectOption({ label: '10×' });
  await page.getByRole('button', { name: '▶ Play', exact: true }).click();
  for (const [i, q] of QUESTIONS.entries()) {
    await card.locator('h2', { hasText: `question ${i + 1} of 2 · at ${(q.at / 1000).toFixed(1)} s` }).waitFor({ timeout: 30_000 });
    assert.equal(await card.locator('.q').innerText(), q.question);
    await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor();
    await page.keyboard.press(String(q.answer + 1));
    assert.match(await card.locator('.verdict').innerText(), /Right/);
    assert.equal(await card.locator('.explain').innerText(), q.explain);
    await card.getByRole('button', { name: 'Continue ▶' }).click();
  }
}

test('a teacher makes a two-question lesson in the page; it is proven, saved, checked by the CLI and reopened from its link and its file', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole, questions: false });
  const dir = await mkdtemp(join(tmpdir(), 'fencing-author-'));
  let file;
  let link;
  try {
    const { page } = view;
    await page.getByRole('button', { name: '✎ Make a lesson' }).click();
    const panel = page.locator('section.author');
    await panel.waitFor();
    await panel.getByLabel('Title').fill('Who stops the zombie?');
    for (const q of QUESTIONS) {
      await goTo(page, q.at);
      await writeQuestion(page, q);
      await panel.locator('.author-list li', { hasText: q.question }).locator('.status-word', { hasText: 'proven' }).waitFor();
    }
    assert.equal(await panel.locator('.author-error').count(), 0);
    const serious = (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `axe, authoring:\n${describeViolations(serious)}`);
    await view.screenshot('author-1366');

    // Saved: a file the CLI proves.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Save lesson file' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'who-stops-the-zombie.json');
    file = join(dir, download.suggestedFilename());
    await writeFile(file, await readFile(await download.path()));
    const out = execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'fencing-lab-cli', '--bin', 'fencing-lab', '--', 'check', file], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    assert.match(out, /lesson: 2 questions, 2 proven by the run/);

    // A link, shown in the sharing panel too.
    await panel.getByRole('button', { name: 'Copy lesson link' }).click();
    link = await page.locator('input.share-link').inputValue();
    assert.match(link, /#run=v2\./);
    assert.ok(new URL(link).hash.length <= 2000, `${new URL(link).hash.length} characters`);
    view.assertClean();
  } finally {
    await view.close();
  }

  // Opened from the link: it plays like a built-in lesson.
  const fromLink = await lab.open({ viewport: VIEWPORTS.laptop, path: new URL(link).hash, allowConsole });
  try {
    const { page } = fromLink;
    await page.locator('.narration .scenario-title', { hasText: 'Who stops the zombie?' }).waitFor();
    await playLesson(page);
    fromLink.assertClean();
  } finally {
    await fromLink.close();
  }

  // Opened from the file, picked in a fresh page.
  const fromFile = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole });
  try {
    const { page } = fromFile;
    await page.locator('input.import-file').setInputFiles({
      name: 'who-stops-the-zombie.json',
      mimeType: 'application/json',
      buffer: await readFile(file),
    });
    await page.locator('.narration .scenario-title', { hasText: 'Who stops the zombie?' }).waitFor();
    await playLesson(page);
    await fromFile.screenshot('author-played-1366');
    fromFile.assertClean();
  } finally {
    await fromFile.close();
  }
});

test('a question missing a claim is named and nothing is added; the run is kept', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole, questions: false });
  try {
    const { page } = view;
    await page.getByRole('button', { name: '✎ Make a lesson' }).click();
    const panel = page.locator('section.author');
    await goTo(page, 7000);
    await panel.getByLabel('the question').fill('What now?');
    await panel.getByLabel('option 1', { exact: true }).fill('This');
    await panel.getByLabel('option 2', { exact: true }).fill('That');
    await panel.getByLabel('option 3', { exact: true }).fill('Neither');
    await panel.locator('.author-verdict', { hasText: 'option 1 has no claim' }).waitFor();
    await panel.getByRole('button', { name: /Add this question at/ }).click();
    assert.match(await panel.locator('.author-error').innerText(), /option 1 has no claim/);
    assert.equal(await panel.locator('.author-list li').count(), 0);
    await panel.getByRole('button', { name: 'Save lesson file' }).click();
    assert.match(await panel.locator('.author-error').innerText(), /the lesson is empty/);
    await view.screenshot('author-error-1366');
    view.assertClean();
  } finally {
    await view.close();
  }
});
