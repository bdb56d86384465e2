// senmap's pages end to end in a real headless Chromium (Debian's), as staff use them: a launch
// link from the MIS opens a teacher's class provision map and they record reading it; the SENCO
// records a review on a pupil's page and a session on a provision's page through their forms;
// every page passes axe-core with no serious or critical fault and loads within its own CSP.
// Screenshots and the printed map are kept in --artifacts. Run by CTest as browser.pages (label browser):
//   node pages.test.mjs --senmap BIN --workdir DIR --artifacts DIR [--chromium /usr/bin/chromium]
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { School, freshDir } from './school.mjs';
import { startServer } from './server.mjs';
import { axeViolations, describeViolations, screenshot, signIn, startBrowser } from './browser.mjs';

const { values: opts } = parseArgs({
  options: {
    senmap: { type: 'string' }, workdir: { type: 'string' }, artifacts: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' }, openssl: { type: 'string', default: 'openssl' },
    sqlite3: { type: 'string', default: 'sqlite3' }, pdftotext: { type: 'string', default: 'pdftotext' },
  },
});
for (const required of ['senmap', 'workdir', 'artifacts']) if (!opts[required]) throw new Error(`--${required} is required`);

// Every page staff open, checked alike (axe-core, CSP, screenshot): adding a page is one line.
// `as` is whose browser opens it; `path` is built from the school's fixture; `status` if not 200.
const PAGES = [
  { name: 'class-map-teacher', as: 'teacher', path: (s) => `/classes/${s.classId}/map` },
  { name: 'class-map-senco', as: 'senco', path: (s) => `/classes/${s.classId}/map` },
  { name: 'class-map-missing', as: 'teacher', path: () => '/classes/cls-none/map', status: 404 },
  { name: 'pupil-senco', as: 'senco', path: (s) => `/pupils/${s.upn}` },
  { name: 'pupil-teacher', as: 'teacher', path: (s) => `/pupils/${s.upn}` },
  { name: 'pupil-audit-senco', as: 'senco', path: (s) => `/pupils/${s.upn}/audit` },
  { name: 'provision-senco', as: 'senco', path: (s) => `/provisions/${s.provisionId}` },
  { name: 'calendar-teacher', as: 'teacher', path: () => '/calendar' },
  { name: 'dashboard-senco', as: 'senco', path: () => '/dashboard' },
  { name: 'register-senco', as: 'senco', path: () => '/register' },
  { name: 'register-filtered-senco', as: 'senco', path: () => '/register?status=K&flag=any&sort=next_review&order=desc' },
  { name: 'register-search-senco', as: 'senco', path: (s) => `/register?search=${encodeURIComponent(s.pupilSurname)}` },
  { name: 'register-refused-senco', as: 'senco', path: () => '/register?sort=shoe_size&search=ab', status: 422 },
  { name: 'register-teacher', as: 'teacher', path: () => '/register', status: 403 },
  { name: 'flags-senco', as: 'senco', path: () => '/flags' },
  { name: 'flags-resolved-senco', as: 'senco', path: () => '/flags?state=resolved' },
  { name: 'flag-senco', as: 'senco', path: (s) => `/flags/${s.flagId}` },
  { name: 'flag-missing-senco', as: 'senco', path: () => '/flags/999999', status: 404 },
  { name: 'transfer-senco', as: 'senco', path: () => '/transfer' },
  { name: 'access-senco', as: 'senco', path: () => '/access' },
  { name: 'exclusions-senco', as: 'senco', path: () => '/exclusions' },
  { name: 'exclusions-teacher', as: 'teacher', path: () => '/exclusions', status: 403 },
  { name: 'budget-senco', as: 'senco', path: () => '/budget' },
  { name: 'senco-time-senco', as: 'senco', path: () => '/senco-time' },
  { name: 'agencies-senco', as: 'senco', path: () => '/agencies' },
  { name: 'governors-teacher', as: 'teacher', path: () => '/governors', status: 403 },
  { name: 'handover-senco', as: 'senco', path: () => '/handover' },
  { name: 'sen-information-senco', as: 'senco', path: () => '/sen-information' },
  { name: 'ta-deployment-senco', as: 'senco', path: () => '/ta-deployment' },
  { name: 'handover-teacher', as: 'teacher', path: () => '/handover', status: 403 },
  { name: 'agencies-teacher', as: 'teacher', path: () => '/agencies', status: 403 },
  { name: 'staff-skills-senco', as: 'senco', path: () => '/staff-skills' },
  { name: 'staff-skills-teacher', as: 'teacher', path: () => '/staff-skills' },
];

describe('senmap pages in headless Chromium', () => {
  let school, server, browser, work;
  const people = {};  // each person's signed-in page
  const artifacts = path.resolve(opts.artifacts);

  before(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    console.log(`screenshots and PDFs: ${artifacts}`);
    work = freshDir(path.resolve(opts.workdir));
    school = new School({ senmap: opts.senmap, sqlite3: opts.sqlite3, openssl: opts.openssl, dir: work }).build();
    server = await startServer(school);
    browser = await startBrowser({ executablePath: opts.chromium, spkiHash: school.spkiHash });
    // The MIS opens a teacher's class map, and the SENCO's dashboard.
    people.teacher = await signIn(browser, server.origin, school.launchLink(school.teacher, { classId: school.classId }));
    people.senco = await signIn(browser, server.origin, school.launchLink(school.senco, { page: 'dashboard' }));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  // The checks every page state gets: axe-core (0 serious or critical), nothing refused by its
  // CSP since it was opened, and a screenshot kept under its name.
  async function checkPage(page, name) {
    const violations = await axeViolations(page);
    console.log(`screenshot: ${await screenshot(page, artifacts, name)}`);
    if (violations.length) console.log(`axe-core on ${name}:\n${describeViolations(violations)}`);
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `serious or critical accessibility faults on ${name}:\n${describeViolations(serious)}`);
    assert.deepEqual(page.cspErrors, [], `${name} loads something its Content-Security-Policy refuses`);
  }

  it("a launch link opens the teacher's class provision map, and its button records that they have read it", async () => {
    const page = people.teacher;
    assert.equal(page.landedOn, `/classes/${school.classId}/map`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: `Class provision map: ${school.className}` }).waitFor());
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: school.pupilName }) });
    assert.equal(await row.count(), 1, `one row for ${school.pupilName}`);
    for (const shown of [school.strategy, ...school.targets, 'Reading catch-up']) assert.match(await row.innerText(), new RegExp(escapeRe(shown)));
    assert.match(await page.locator('main').innerText(), /You have not yet recorded reading this map\./);
    console.log(`screenshot: ${await screenshot(page, artifacts, 'class-map-before-read')}`);

    await Promise.all([page.waitForURL(`**/classes/${school.classId}/map`, { waitUntil: 'load' }),
      page.getByRole('button', { name: 'I have read this class provision map' }).click()]);
    assert.match(await page.locator('main').innerText(), /You recorded reading this map on \S+/);
    console.log(`screenshot: ${await screenshot(page, artifacts, 'class-map-read')}`);
    const reads = school.sql('SELECT s.sourced_id FROM class_map_read r JOIN staff s ON s.id = r.staff_id');
    assert.deepEqual(reads.map((r) => r.sourced_id), [school.teacher]);
  });

  it("the governors' report prints on A4 portrait with the figures its operation gives, no pupil named", async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    assert.equal((await page.goto(`${server.origin}/governors`)).status(), 200);
    await checkPage(page, 'governors-report');
    const [{ code }] = school.sql("SELECT sc.la || '-' || sc.estab AS code FROM staff s JOIN school sc ON sc.id = s.school_id " +
      `WHERE s.sourced_id = '${school.senco}'`);
    const report = school.call('report.governors', { school: code });
    const reg = report.sections.register;
    const percent = (v) => (v === null ? 'fewer than 5' : `${v.toFixed(1)}%`);
    await page.emulateMedia({ media: 'print' });
    const file = path.join(artifacts, 'governors-report.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync(opts.pdftotext, ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const shown of [`SEND report to governors ${report.academic_year}`, 'What moved', report.commentary[0],
      `SEN support ${reg.sen_support ?? 'fewer than 5'} ${percent(reg.sen_support_percent)} ${reg.national_sen_support_percent.toFixed(1)}%`,
      'What are exclusion rates with and without SEND?', 'No pupil is named.'])
      assert.ok(text.includes(shown), `the printed report shows "${shown}"`);
    assert.ok(!text.includes(school.pupilName), 'no pupil is named');
    assert.ok(!text.includes('Download it as one HTML file'), 'the download link is not printed');
    assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    console.log(`printed: ${file}`);
  });

  it('the handover pack and the SEN Information Report print on A4 with what their operations give', async () => {
    const page = people.senco;
    const [{ code }] = school.sql("SELECT sc.la || '-' || sc.estab AS code FROM staff s JOIN school sc ON sc.id = s.school_id " +
      `WHERE s.sourced_id = '${school.senco}'`);
    const pack = school.call('report.handover', { school: code });
    const info = school.call('report.sen_information', { school: code });
    const documents = [
      { path: '/handover', name: 'handover-pack', shown: ['SENCO handover pack', 'EHC plans and their next dates',
        'Agencies and their contacts', ...pack.reviews_due_this_term.slice(0, 2).map((r) => r.review_due)] },
      { path: '/sen-information', name: 'sen-information-report', shown: [`SEN Information Report ${info.academic_year}`,
        ...info.sections.map((s) => s.heading), info.sections[1].text.slice(0, 60)] },
    ];
    for (const doc of documents) {
      page.cspErrors.length = 0;
      assert.equal((await page.goto(`${server.origin}${doc.path}`)).status(), 200);
      await checkPage(page, doc.name);
      await page.emulateMedia({ media: 'print' });
      const file = path.join(artifacts, `${doc.name}.pdf`);
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      const text = execFileSync(opts.pdftotext, ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const shown of doc.shown) assert.ok(text.includes(shown.replace(/\s+/g, ' ')), `${doc.name} prints "${shown}"`);
      assert.ok(!text.includes('Keep this text'), `${doc.name}: no form is printed`);
      console.log(`printed: ${file}`);
    }
  });

  it('the class provision map prints: the pupils and their strategies, without the buttons', async () => {
    const page = people.teacher;
    await page.emulateMedia({ media: 'print' });
    const file = path.join(artifacts, 'class-map.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    // -raw keeps each table cell's lines together; a line broken after a hyphen is joined again.
    const text = execFileSync(opts.pdftotext, ['-raw', file, '-'], { encoding: 'utf8' }).replace(/-\s+/g, '-').replace(/\s+/g, ' ');
    assert.ok(text.includes(`Class provision map: ${school.className}`), 'the printed map has its heading');
    for (const shown of [...school.pupilsOnMap, school.strategy]) assert.ok(text.includes(shown), `the printed map shows "${shown}"`);
    // A class of 30 or so on the register, each with strategies, fits two A4 landscape pages, dated.
    assert.ok(school.pupilsOnMap.length >= 25, `the class has ${school.pupilsOnMap.length} pupils on its map`);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
    assert.ok(pages <= 2, `the printed map of ${school.pupilsOnMap.length} pupils takes ${pages} pages`);
    assert.match(text, /As of \d{4}-\d{2}-\d{2}:/);
    assert.ok(!text.includes('I have read this class provision map'), 'the form is not printed');
    console.log(`printed: ${file}`);
  });

  it("from the class map a teacher adds that a strategy did not work; the SENCO reads it in the pupil's cycle", async () => {
    const page = people.teacher;
    page.cspErrors.length = 0;
    assert.equal((await page.goto(`${server.origin}/classes/${school.classId}/map`)).status(), 200);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add it' }) });
    await form.getByLabel('Pupil').selectOption({ label: school.pupilName });
    await form.getByRole('group', { name: 'What you are adding' }).getByLabel('A strategy that did not work').check();
    await form.getByLabel('Which strategy').fill(school.strategy);
    // Refused without saying what was seen: the reason at the top, linked to the field, the rest kept.
    await Promise.all([page.waitForURL(`**/classes/${school.classId}/map/contribute`, { waitUntil: 'load' }),
      form.getByRole('button', { name: 'Add it' }).click()]);
    // The reasons have the focus as the page loads, so the keyboard starts there.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    const reason = page.getByRole('alert').getByRole('link', { name: /^What you saw: / });
    assert.equal(await reason.getAttribute('href'), '#f-add-note');
    assert.equal(await page.getByLabel('Which strategy').inputValue(), school.strategy);
    await checkPage(page, 'class-map-contribution-refused');
    await page.getByLabel('What you saw').fill('Written instructions were left on the desk; a check-in worked better');
    await Promise.all([page.waitForURL(/\?recorded=contribution$/, { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Add it' }).click()]);
    await checkPage(page, 'class-map-contribution-added');
    const cycle = school.call('cycle.get', { cycle_id: school.cycleId });
    const added = cycle.contributions.at(-1);
    assert.deepEqual([added.kind, added.strategy], ['strategy_did_not_work', school.strategy]);
  });

  for (const p of PAGES) {
    it(`${p.name}: no serious or critical accessibility fault (axe-core), nothing refused by its CSP`, async () => {
      const page = people[p.as];
      page.cspErrors.length = 0;
      const answer = await page.goto(server.origin + p.path(school));
      assert.equal(answer.status(), p.status ?? 200);
      await checkPage(page, p.name);
    });
  }

  it("the SENCO's launch link opens the dashboard; from any page its link leads back there, and from it to a provision and a pupil", async () => {
    const page = people.senco;
    assert.equal(page.landedOn, '/dashboard');
    page.cspErrors.length = 0;
    await page.goto(`${server.origin}/classes/${school.classId}/map`);
    await Promise.all([page.waitForURL('**/dashboard', { waitUntil: 'load' }), page.getByRole('link', { name: 'Dashboard' }).click()]);
    await page.getByRole('heading', { level: 1, name: /^SEN dashboard/ }).waitFor();
    // The charts are drawn by the server as SVG: each an image with a name, its figures in a table.
    const charts = await page.getByRole('img').count();
    assert.ok(charts > 0, 'the dashboard draws charts');
    assert.equal(await page.getByRole('img', { name: /\S/ }).count(), charts, 'every chart has a name');
    await checkPage(page, 'dashboard');
    await Promise.all([page.waitForURL(`**/provisions/${school.provisionId}`, { waitUntil: 'load' }),
      page.getByRole('link', { name: 'Reading catch-up' }).first().click()]);
    await page.getByRole('heading', { level: 1, name: 'Reading catch-up' }).waitFor();
    await Promise.all([page.waitForURL(`**/pupils/${school.upn}`, { waitUntil: 'load' }),
      page.getByRole('link', { name: school.pupilName }).click()]);
    await page.getByRole('heading', { level: 1, name: school.pupilName }).waitFor();
  });

  it("the SENCO records a review through the pupil's page: the page and the cycle say so", async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    assert.equal((await page.goto(`${server.origin}/pupils/${school.upn}`)).status(), 200);
    await page.getByRole('heading', { level: 1, name: school.pupilName }).waitFor();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Record the review' }) });
    await form.getByLabel('Date of the review').fill('2026-03-18');
    const results = ['Achieved', 'Partly achieved'];
    for (const [i, target] of school.targets.entries()) {
      const fieldset = form.getByRole('group', { name: `Target: ${target}` });
      await fieldset.getByLabel('Result').selectOption({ label: results[i] });
      await fieldset.getByLabel('Evidence').fill(`Seen in class work, week ${i + 1}`);
    }
    await form.getByLabel("The pupil's views").fill('I can read more of the words in science now');
    await form.getByLabel('Next step').selectOption({ label: 'Continue at this level' });
    console.log(`screenshot: ${await screenshot(page, artifacts, 'pupil-review-filled-in')}`);
    await Promise.all([page.waitForURL(/\?recorded=review$/, { waitUntil: 'load' }), form.getByRole('button', { name: 'Record the review' }).click()]);
    await checkPage(page, 'pupil-review-recorded');

    assert.equal((await page.getByRole('status').innerText()).trim(), 'The review was recorded.');
    await page.getByRole('heading', { level: 3, name: /reviewed 2026-03-18/ }).waitFor();
    for (const [i, target] of school.targets.entries()) {
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: target }) });
      assert.match(await row.innerText(), new RegExp(`${results[i]}\\s+Seen in class work, week ${i + 1}`));
    }
    assert.equal(await page.getByRole('button', { name: 'Record the review' }).count(), 0, 'no cycle is left to review');
    const cycle = school.call('cycle.get', { cycle_id: school.cycleId });
    assert.equal(cycle.stage, 'reviewed');
    assert.equal(cycle.review.date, '2026-03-18');
    assert.equal(cycle.review.next_step, 'continue');
    assert.deepEqual(cycle.plan.targets.map((t) => [t.target, t.result]), [[school.targets[0], 'achieved'], [school.targets[1], 'partly']]);
  });

  it('from the review just recorded the SENCO starts the next cycle: assessed, then planned with targets', async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    assert.equal((await page.goto(`${server.origin}/pupils/${school.upn}`)).status(), 200);
    const assess = page.locator('form').filter({ has: page.getByRole('button', { name: 'Record the assessment' }) });
    await page.getByRole('heading', { level: 2, name: 'Start the next cycle: assess' }).waitFor();
    await assess.getByLabel('Date of the assessment').fill('2026-03-23');
    await assess.getByLabel("The pupil's views").fill('The word cards help; I want to read chapter books');
    await Promise.all([page.waitForURL(/\?recorded=assessment$/, { waitUntil: 'load' }), assess.getByRole('button', { name: 'Record the assessment' }).click()]);
    await checkPage(page, 'pupil-assessed');
    const plan = page.locator('form').filter({ has: page.getByRole('button', { name: 'Record the plan' }) });
    await plan.getByLabel('Date the plan was agreed').fill('2026-03-24');
    const first = plan.getByRole('group', { name: 'Target 1' });
    await first.getByLabel('Target', { exact: true }).fill('Reads a chapter book page aloud with 95% accuracy');
    // Refused without its success criteria: the reason links to the target, what was typed is kept.
    await Promise.all([page.waitForURL(`**/pupils/${school.upn}/plan`, { waitUntil: 'load' }), plan.getByRole('button', { name: 'Record the plan' }).click()]);
    const reason = page.getByRole('alert').getByRole('link', { name: /^Target 1: / });
    assert.equal(await page.locator(await reason.getAttribute('href')).inputValue(), 'Reads a chapter book page aloud with 95% accuracy');
    await checkPage(page, 'pupil-plan-refused');
    const again = page.locator('form').filter({ has: page.getByRole('button', { name: 'Record the plan' }) });
    await again.getByRole('group', { name: 'Target 1' }).getByLabel('Success criteria').fill('In two guided reading sessions running');
    await again.getByLabel('Review by').fill('2026-07-10');
    await Promise.all([page.waitForURL(/\?recorded=plan$/, { waitUntil: 'load' }), again.getByRole('button', { name: 'Record the plan' }).click()]);
    await checkPage(page, 'pupil-planned');
    await page.getByRole('heading', { level: 3, name: /Cycle 2: assessed 2026-03-23, review due 2026-07-10/ }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Record the review' }).isVisible(), 'the running cycle can be reviewed');
  });

  it('a refused form says why at its top, linked to the field, and keeps what was typed', async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    assert.equal((await page.goto(`${server.origin}/pupils/${school.upn}`)).status(), 200);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Place on this provision' }) });
    await form.getByLabel('Provision', { exact: true }).selectOption({ label: 'Reading catch-up (wave 2)' });  // placed already
    await form.getByLabel('First day').fill('2026-02-02');
    await form.getByLabel('Sessions planned').fill('12');
    await Promise.all([page.waitForURL(`**/pupils/${school.upn}/placements`, { waitUntil: 'load' }),
      form.getByRole('button', { name: 'Place on this provision' }).click()]);
    const alert = page.getByRole('alert');
    assert.match(await alert.innerText(), /The placement: nothing was recorded/);
    const reason = alert.getByRole('link', { name: /already on this provision/ });
    const field = page.locator(await reason.getAttribute('href'));
    assert.equal(await field.getAttribute('id'), await form.getByLabel('Provision', { exact: true }).getAttribute('id'));
    assert.equal(await form.getByLabel('First day').inputValue(), '2026-02-02');
    assert.equal(await form.getByLabel('Sessions planned').inputValue(), '12');
    const placements = page.getByRole('table', { name: 'Placements, newest first' }).locator('tbody tr');
    assert.equal(await placements.count(), 1, 'still one placement');
    await checkPage(page, 'pupil-placement-refused');
  });

  it("the SENCO records a session through the provision's page", async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    assert.equal((await page.goto(`${server.origin}/provisions/${school.provisionId}`)).status(), 200);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Record the session' }) });
    await form.getByLabel('Date of the session').fill('2026-01-14');
    await form.getByRole('group', { name: 'Was it delivered?' }).getByLabel('Delivered').check();
    assert.ok(await form.getByRole('checkbox', { name: school.pupilName }).isChecked(), 'the placed pupil is ticked as present');
    await form.getByLabel('Who ran it').fill('Reading TA');
    await Promise.all([page.waitForURL(/\?recorded=session$/, { waitUntil: 'load' }), form.getByRole('button', { name: 'Record the session' }).click()]);
    await checkPage(page, 'provision-session-recorded');
    assert.equal((await page.getByRole('status').innerText()).trim(), 'The session was recorded.');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2026-01-14' }) });
    assert.match(await row.innerText(), /Delivered\s+1 of 1\s+Reading TA/);
    const placement = school.call('placement.get', { placement_id: school.placementId });
    assert.equal(placement.sessions.delivered, 2);
  });

  it('the dashboard opens with what needs doing, all of it on the first screen of a 1366x768 laptop', async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      assert.equal((await page.goto(`${server.origin}/dashboard`)).status(), 200);
      const panels = page.locator('section.todo section.action');
      assert.equal(await panels.count(), 4, 'reviews, EHC deadlines, high flags, unread class maps');
      for (const name of ['Reviews overdue or due this week', 'EHC deadlines in the next four weeks',
        'High flags nobody has acted on', 'Class maps their teacher has not read']) {
        const heading = page.getByRole('heading', { level: 3, name: new RegExp(escapeRe(name)) });
        const box = await heading.locator('xpath=..').boundingBox();
        assert.ok(box && box.y + box.height <= 768, `"${name}" ends at ${box && box.y + box.height}px, below the first screen`);
      }
      // The charts come after: the first chart starts below the panels.
      const todo = await page.locator('section.todo').boundingBox();
      const chart = await page.getByRole('img').first().boundingBox();
      assert.ok(chart.y > todo.y + todo.height, 'the charts come after what needs doing');
      console.log(`screenshot: ${await screenshot(page, artifacts, 'dashboard-first-screen')}`);
      await checkPage(page, 'dashboard-first-screen');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("keyboard only: the SENCO finds a pupil on the register, opens them, opens a flag and acknowledges it", async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    await page.goto(`${server.origin}/register`);
    // Tab until `want` has the focus (at most `limit` presses): what a keyboard user does.
    const tabTo = async (want, arg = null, limit = 400) => {
      for (let i = 0; i < limit; i++) {
        if (await page.evaluate(want, arg)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${want}`);
    };
    await tabTo(() => document.activeElement?.id === 'f-search');
    await page.keyboard.type(school.pupilSurname);
    await Promise.all([page.waitForURL(/\/register\?search=/, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    const rows = page.locator('table.register tbody tr');
    assert.ok(await rows.count() >= 1, 'the search finds the pupil');
    for (const text of await rows.allInnerTexts()) assert.match(text, new RegExp(escapeRe(school.pupilSurname)));
    await tabTo((upn) => document.activeElement?.getAttribute('href') === `/pupils/${upn}`, school.upn);
    await Promise.all([page.waitForURL(`**/pupils/${school.upn}`, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 2, name: 'Flags' }).waitFor();
    await tabTo((id) => document.activeElement?.getAttribute('href') === `/flags/${id}`, school.flagId);
    await Promise.all([page.waitForURL(`**/flags/${school.flagId}`, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 1, name: school.flagTitle }).waitFor();
    await tabTo(() => document.activeElement?.id === 'f-acknowledge-note');
    await page.keyboard.type('Review meeting booked with the parents for Thursday');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Acknowledge');
    await Promise.all([page.waitForURL(/\?recorded=acknowledge$/, { waitUntil: 'load' }), page.keyboard.press('Enter')]);
    assert.equal((await page.getByRole('status').innerText()).trim(), 'The flag was acknowledged.');
    await checkPage(page, 'flag-acknowledged');
    const [flag] = school.call('flags.list', { upn: school.upn, state: 'all' }).flags.filter((f) => f.id === school.flagId);
    assert.equal(flag.actions.at(-1).note, 'Review meeting booked with the parents for Thursday');
  });

  // The form on `page` whose submit button is named `button` (exactly).
  const formWith = (page, button) => page.locator('form').filter({ has: page.getByRole('button', { name: button, exact: true }) });
  // Submits the form by its button and waits for the page it leads to.
  async function submit(page, button, url) {
    await Promise.all([page.waitForURL(url, { waitUntil: 'load' }), formWith(page, button).getByRole('button', { name: button, exact: true }).click()]);
  }
  // A refused form: the reasons have the focus, the one named links to its field, which is returned.
  async function refusedAt(page, reasonName) {
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    const reason = page.getByRole('alert').getByRole('link', { name: reasonName });
    return page.locator(await reason.getAttribute('href'));
  }

  it("every other form of the pupil's page: needs, a note, the passport, an access arrangement, the EHC plan's steps", async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    const at = `${server.origin}/pupils/${school.upn}`;
    assert.equal((await page.goto(at)).status(), 200);

    // Needs agreed at a review: the same need twice is refused, the reason at the second need.
    let form = formWith(page, 'Record the needs');
    await form.getByLabel('Primary need').selectOption('SPLD');
    await form.getByLabel('Second need (if any)').selectOption('SPLD');
    await submit(page, 'Record the needs', `**/pupils/${school.upn}/needs`);
    let field = await refusedAt(page, /^Second need \(if any\): SPLD is listed twice/);
    assert.equal(await field.inputValue(), 'SPLD');
    await checkPage(page, 'pupil-needs-refused');
    await formWith(page, 'Record the needs').getByLabel('Second need (if any)').selectOption('SLCN');
    await submit(page, 'Record the needs', /\?recorded=needs$/);
    const summary = await page.locator('dl.summary').innerText();
    assert.match(summary, /Specific learning difficulty \(SPLD\)\s+Speech, language and communication needs \(SLCN\)/);

    // A note for the SENCO only, refused empty first.
    form = formWith(page, 'Add the note');
    await form.getByLabel('What it is').selectOption({ label: 'Notes of a meeting' });
    await submit(page, 'Add the note', `**/pupils/${school.upn}/notes`);
    field = await refusedAt(page, /^The note: /);
    assert.equal(await field.getAttribute('name'), 'body');
    assert.equal(await formWith(page, 'Add the note').getByLabel('What it is').inputValue(), 'meeting');
    await checkPage(page, 'pupil-note-refused');
    await formWith(page, 'Add the note').getByLabel('The note').fill('Parents asked about the reading group; agreed a diary');
    await submit(page, 'Add the note', /\?recorded=note$/);
    assert.match(await page.getByRole('region', { name: 'Notes' }).innerText(), /Parents asked about the reading group; agreed a diary/);
    const [note] = school.call('notes.list', { upn: school.upn }).notes.slice(-1);
    assert.deepEqual([note.type, note.visibility], ['meeting', 'senco']);

    // The passport, edited where it is read: a strategy added on its own line reaches the class map.
    await page.getByText('Edit the passport', { exact: true }).first().click();
    form = formWith(page, 'Record the passport');
    const strategies = form.getByLabel('How best to support me');
    await strategies.fill(`${await strategies.inputValue()}\nUse a reading ruler`);
    await submit(page, 'Record the passport', /\?recorded=passport$/);
    assert.deepEqual(school.call('passport.get', { upn: school.upn }).support_strategies,
      [school.strategy, 'Seat near the front', 'Use a reading ruler']);

    // An access arrangement without its evidence is refused; with it, recorded.
    form = formWith(page, 'Record the arrangement');
    await form.getByLabel('Arrangement').selectOption({ label: '25% extra time' });
    await form.getByLabel('Details').fill('All written papers');
    await form.getByLabel('Standardised scores').fill('WRAT5 reading speed = 82');
    await submit(page, 'Record the arrangement', `**/pupils/${school.upn}/access-arrangements`);
    field = await refusedAt(page, /^Evidence: /);
    assert.equal(await formWith(page, 'Record the arrangement').getByLabel('Details').inputValue(), 'All written papers');
    await checkPage(page, 'pupil-access-refused');
    await field.fill('Slow processing speed: finishes two thirds of a class test in the time');
    await submit(page, 'Record the arrangement', /\?recorded=access$/);
    assert.match(await page.getByRole('table', { name: 'Access arrangements, oldest first' }).innerText(), /25% extra time\s+All written papers/);
    // The score typed as "test = score" is the operation's number, spaces and all.
    const recorded = school.call('access.list', { upn: school.upn }).arrangements.find((a) => a.details === 'All written papers');
    assert.deepEqual(recorded.scores, [{ test: 'WRAT5 reading speed', score: 82 }]);

    // The EHC plan from its request: a code that is not an LA's is refused; then each step in turn.
    form = formWith(page, 'Record the request');
    await form.getByLabel('The local authority asked').fill('88');
    await form.getByLabel('Date of the request').fill('2026-01-20');
    await submit(page, 'Record the request', `**/pupils/${school.upn}/ehcp/request`);
    field = await refusedAt(page, /^The local authority asked: /);
    assert.equal(await field.inputValue(), '88');
    await checkPage(page, 'pupil-ehc-request-refused');
    await field.fill('881');
    await submit(page, 'Record the request', /\?recorded=ehc_request$/);
    form = formWith(page, 'Record the decision');
    await form.getByLabel("The LA's decision").selectOption({ label: 'It will assess' });
    await form.getByLabel('Date of the decision').fill('2026-02-27');
    await submit(page, 'Record the decision', /\?recorded=ehc_decision$/);
    await formWith(page, 'Record the issue').getByLabel('Date the final plan was issued').fill('2026-06-05');
    await submit(page, 'Record the issue', /\?recorded=ehc_issue$/);
    form = formWith(page, 'Add the line');
    await form.getByLabel("The provision, in the plan's words").fill('Small-group phonics, three times a week');
    await form.getByLabel('Hours a week the plan specifies').fill('1.5');
    await form.getByRole('group', { name: 'Delivered through' }).getByLabel('Reading catch-up').check();
    await submit(page, 'Add the line', /\?recorded=section_f$/);
    await formWith(page, 'Record the annual review meeting').getByLabel('Date of the meeting').fill('2026-11-25');
    await submit(page, 'Record the annual review meeting', /\?recorded=ehc_review$/);
    // After the meeting: the report to the LA, then the LA's decision; then the next meeting scheduled.
    await formWith(page, 'Record the report sent').getByLabel('Day it was sent').fill('2026-11-30');
    await submit(page, 'Record the report sent', /\?recorded=ehc_report$/);
    form = formWith(page, "Record the LA's decision");
    await form.getByLabel("The LA's decision").selectOption({ label: 'Maintain the plan as it is' });
    await form.getByLabel('Date of the decision').fill('2026-12-02');
    await submit(page, "Record the LA's decision", /\?recorded=ehc_la_decision$/);
    const ahead = new Date(Date.now() + 90 * 86400e3).toISOString().slice(0, 10);
    await formWith(page, 'Record the annual review meeting').getByLabel('Date of the meeting').fill(ahead);
    await submit(page, 'Record the annual review meeting', /\?recorded=ehc_review$/);
    assert.match(await page.getByRole('region', { name: 'EHC plan' }).innerText(), new RegExp(`Next annual review meeting\\s+scheduled for ${ahead}`));
    await checkPage(page, 'pupil-ehc-issued');
    const plan = school.call('ehcp.get', { upn: school.upn });
    assert.deepEqual([plan.la, plan.request_date, plan.decision, plan.issue_date, plan.review_meetings],
      ['881', '2026-01-20', 'assess', '2026-06-05', ['2026-11-25']]);
    assert.deepEqual([plan.last_review.report_sent_on, plan.last_review.la_decision, plan.scheduled_review],
      ['2026-11-30', 'maintain', ahead]);
    assert.deepEqual(plan.section_f.map((l) => [l.description, l.hours_per_week]), [['Small-group phonics, three times a week', 1.5]]);
    assert.match(await page.getByRole('table', { name: 'Section F provision delivered, hour for hour' }).innerText(),
      /Small-group phonics, three times a week\s+1.5/);
  });

  it("an EHC plan's annual review walked in the pages, from scheduling the meeting to the amended plan, and its report printed for the LA", async () => {
    const page = people.senco;
    page.cspErrors.length = 0;
    const [pupil] = school.sql(`SELECT upn, forename || ' ' || surname AS name FROM pupil WHERE left_on IS NULL AND upn NOT IN ` +
      `('${school.upn}', '${school.termPupil.upn}') ORDER BY upn LIMIT 1`);
    school.call('ehcp.request', { upn: pupil.upn, la: '881', date: '2025-10-06' });
    school.call('ehcp.issue', { upn: pupil.upn, date: '2026-02-16' });
    const day = (offset) => new Date(Date.now() + offset * 86400e3).toISOString().slice(0, 10);
    const today = day(0);
    const pupilUrl = `${server.origin}/pupils/${pupil.upn}`;
    assert.equal((await page.goto(pupilUrl)).status(), 200);
    await Promise.all([page.waitForURL(`**/pupils/${pupil.upn}/annual-review`, { waitUntil: 'load' }),
      page.getByRole('link', { name: /^The annual review: / }).click()]);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: `Annual review: ${pupil.name}` }).waitFor());
    assert.match(await page.getByRole('region', { name: 'Where the review stands' }).innerText(), /Meeting: not scheduled; due by 2027-02-16/);
    // Section E: an outcome refused empty, then the plan's two outcomes.
    await submit(page, 'Add the outcome', `**/pupils/${pupil.upn}/annual-review/outcomes`);
    let field = await refusedAt(page, /^The outcome, in the plan's words: /);
    await checkPage(page, 'annual-review-outcome-refused');
    const outcomes = ['Reads a page of a class text aloud with support', 'Plays with two friends at break without an adult'];
    for (const words of outcomes) {
      await formWith(page, 'Add the outcome').getByLabel("The outcome, in the plan's words").fill(words);
      await formWith(page, 'Add the outcome').getByLabel('In the plan from').fill('2026-02-16');
      await submit(page, 'Add the outcome', /\?recorded=ehc_outcome$/);
    }
    assert.match(await page.getByRole('table', { name: 'Outcomes' }).innerText(), new RegExp(escapeRe(outcomes[1])));

    // On the pupil's page: the meeting scheduled three weeks ahead, two people invited, advice asked and come.
    assert.equal((await page.goto(pupilUrl)).status(), 200);
    await formWith(page, 'Record the annual review meeting').getByLabel('Date of the meeting').fill(day(21));
    await submit(page, 'Record the annual review meeting', /\?recorded=ehc_review$/);
    for (const [name, role] of [['Ms Parent', 'Parent or carer'], ['Mr Teacher', 'Teacher']]) {
      const form = formWith(page, 'Record the invitation');
      await form.getByLabel('Who was invited').fill(name);
      await form.getByLabel('As', { exact: true }).selectOption({ label: role });
      await form.getByLabel('How', { exact: true }).selectOption({ label: 'Email' });
      await submit(page, 'Record the invitation', /\?recorded=ehc_invite$/);
    }
    let form = formWith(page, 'Record the request');
    await form.getByLabel('Whose advice').fill('Dr Okafor');
    await form.getByLabel('From', { exact: true }).selectOption({ label: 'Educational psychologist' });
    await submit(page, 'Record the request', /\?recorded=ehc_advice$/);
    await formWith(page, 'Record it received').getByLabel('Advice from').selectOption({ label: 'Dr Okafor' });
    await submit(page, 'Record it received', /\?recorded=ehc_advice_received$/);

    // The views, gathered on the review's page for the meeting ahead.
    assert.equal((await page.goto(`${pupilUrl}/annual-review`)).status(), 200);
    for (const [whose, now, working] of [["The pupil's", 'My dog and football', 'Reading with Mrs Ahmed'],
      ["The parents'", 'Feeling settled in class', 'The home-school book']]) {
      form = formWith(page, 'Record the views');
      await form.getByLabel('Whose views').selectOption({ label: whose });
      await form.getByLabel('What is important now').fill(now);
      await form.getByLabel('What is working').fill(working);
      await submit(page, 'Record the views', /\?recorded=ehc_views$/);
    }
    const steps = () => page.getByRole('region', { name: 'Where the review stands' }).innerText();
    assert.match(await steps(), /Invitations: 2 sent; due by/);
    assert.match(await steps(), /Advice: 1 of 1 received/);
    assert.match(await steps(), /The parents' views: gathered/);
    await checkPage(page, 'annual-review-scheduled');

    // The meeting brought forward to today: the invitations and views are the held meeting's.
    assert.equal((await page.goto(pupilUrl)).status(), 200);
    await formWith(page, 'Record the annual review meeting').getByLabel('Date of the meeting').fill(today);
    await submit(page, 'Record the annual review meeting', /\?recorded=ehc_review$/);
    assert.equal((await page.goto(`${pupilUrl}/annual-review`)).status(), 200);
    await formWith(page, 'Record who came').getByRole('group', { name: 'Who came' }).getByLabel('Ms Parent (Parent or carer)').check();
    await submit(page, 'Record who came', /\?recorded=ehc_attendance$/);
    assert.match(await steps(), new RegExp(`Who came to the meeting on ${today}: 1 of 2 invited`));
    // Each outcome judged; amending without saying what is refused, what was chosen kept.
    form = formWith(page, "Record the review's outcomes");
    await form.getByLabel('Progress towards outcome 1').selectOption({ label: 'Met' });
    await form.getByLabel('Progress towards outcome 2').selectOption({ label: 'Partly met' });
    await form.getByLabel('What the meeting said about outcome 2').fill('Plays with one friend most days');
    await form.getByLabel("The meeting's recommendation to the LA").selectOption({ label: 'Amend the plan' });
    await submit(page, "Record the review's outcomes", `**/pupils/${pupil.upn}/annual-review/judgements`);
    field = await refusedAt(page, /^Amendments proposed: /);
    assert.equal(await formWith(page, "Record the review's outcomes").getByLabel('Progress towards outcome 2').inputValue(), 'partly_met');
    await checkPage(page, 'annual-review-judgements-refused');
    await field.fill('Replace the reading outcome, now met, with one for writing');
    await submit(page, "Record the review's outcomes", /\?recorded=ehc_judgements$/);
    assert.match(await steps(), /Outcomes, amendments and recommendation: recorded: Amend the plan/);

    // The report for the LA: a document that prints on A4 portrait, without the page's links.
    await Promise.all([page.waitForURL(`**/pupils/${pupil.upn}/annual-review/report`, { waitUntil: 'load' }),
      page.getByRole('link', { name: 'The review report for the LA' }).click()]);
    await checkPage(page, 'annual-review-report');
    await page.emulateMedia({ media: 'print' });
    const file = path.join(artifacts, 'annual-review-report.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync(opts.pdftotext, ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const shown of [`Annual review report: ${pupil.name}`, outcomes[0], 'Met', 'Partly met', 'Plays with one friend most days',
      'My dog and football', 'The home-school book', 'Ms Parent', 'Came', 'Did not come', 'Dr Okafor', 'Amend the plan',
      'Replace the reading outcome, now met, with one for writing'])
      assert.ok(text.includes(shown), `the printed report shows "${shown}"`);
    assert.ok(!text.includes('Back to the annual review'), 'the link back is not printed');
    assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    console.log(`printed: ${file}`);

    // The report sent and the LA's decision to amend, on the pupil's page; the amendment on the review's.
    assert.equal((await page.goto(pupilUrl)).status(), 200);
    await submit(page, 'Record the report sent', /\?recorded=ehc_report$/);
    await formWith(page, "Record the LA's decision").getByLabel("The LA's decision").selectOption({ label: 'Amend the plan' });
    await submit(page, "Record the LA's decision", /\?recorded=ehc_la_decision$/);
    assert.equal((await page.goto(`${pupilUrl}/annual-review`)).status(), 200);
    assert.equal(await page.getByRole('button', { name: "Record the review's outcomes" }).count(), 0, 'settled once the report went');
    await submit(page, 'Record the notice', /\?recorded=ehc_amendment_notice$/);
    assert.match(await steps(), new RegExp(`The parents' response: they have until ${day(15)}`));
    await submit(page, 'Record their response', /\?recorded=ehc_amendment_response$/);
    await submit(page, 'Record the amended plan', /\?recorded=ehc_amended_plan$/);
    assert.match(await steps(), new RegExp(`Amended plan issued: on ${today}`));
    await checkPage(page, 'annual-review-amended');
    const plan = school.call('ehcp.get', { upn: pupil.upn });
    assert.deepEqual([plan.review_meetings, plan.scheduled_review, plan.last_review.la_decision, plan.last_review.amended_plan_issued_on],
      [[today], null, 'amend', today]);
    assert.deepEqual(plan.last_review.record.outcomes.map((o) => o.progress), ['met', 'partly_met']);
    assert.deepEqual(plan.last_review.record.invitations.map((i) => [i.name, i.attended]), [['Ms Parent', true], ['Mr Teacher', false]]);
  });

  it("a whole term's work in the pages: find a pupil, act on a flag, assess and plan, place, record sessions, review, end the placement, see its impact", async () => {
    const page = people.senco;
    const pupil = school.termPupil;
    page.cspErrors.length = 0;
    // Find them on the register.
    await page.goto(`${server.origin}/register`);
    await page.getByLabel('Find a pupil').fill(pupil.surname);
    await Promise.all([page.waitForURL(/\/register\?/, { waitUntil: 'load' }), page.getByLabel('Find a pupil').press('Enter')]);
    await Promise.all([page.waitForURL(`**/pupils/${pupil.upn}`, { waitUntil: 'load' }),
      page.locator(`a[href="/pupils/${pupil.upn}"]`).first().click()]);
    await page.getByRole('heading', { level: 1, name: pupil.name }).waitFor();

    // Read their flags and acknowledge one from its page.
    const flagLink = page.getByRole('region', { name: 'Flags' }).getByRole('link').first();
    const flagTitle = await flagLink.innerText();
    await Promise.all([page.waitForURL(/\/flags\/\d+$/, { waitUntil: 'load' }), flagLink.click()]);
    await page.getByRole('heading', { level: 1, name: flagTitle }).waitFor();
    await formWith(page, 'Acknowledge').getByLabel('What is being done').fill('Starting a cycle of SEN support this week');
    await submit(page, 'Acknowledge', /\?recorded=acknowledge$/);
    const flagId = Number(/\/flags\/(\d+)/.exec(page.url())[1]);

    // Start a cycle: assess, then plan with a target.
    await page.goto(`${server.origin}/pupils/${pupil.upn}`);
    let form = formWith(page, 'Record the assessment');
    await form.getByLabel('Date of the assessment').fill('2026-09-14');
    await form.getByLabel("The pupil's views").fill('Long words are hard; I like reading to the TA');
    await submit(page, 'Record the assessment', /\?recorded=assessment$/);
    form = formWith(page, 'Record the plan');
    await form.getByLabel('Date the plan was agreed').fill('2026-09-15');
    const target = form.getByRole('group', { name: 'Target 1' });
    await target.getByLabel('Target', { exact: true }).fill('Reads 20 two-syllable words accurately');
    await target.getByLabel('Success criteria').fill('In two precision-teaching probes running');
    await form.getByLabel('Review by').fill('2026-11-27');
    await submit(page, 'Record the plan', /\?recorded=plan$/);

    // Place them on the provision with a baseline.
    form = formWith(page, 'Place on this provision');
    await form.getByLabel('Provision', { exact: true }).selectOption({ label: `${school.termProvision} (wave 2)` });
    await form.getByLabel('First day').fill('2026-09-16');
    await form.getByLabel('Sessions planned').fill('10');
    await form.getByLabel('Baseline measure').fill('94');
    await submit(page, 'Place on this provision', /\?recorded=placement$/);

    // Record two sessions on the provision's page: present at both.
    for (const day of ['2026-09-17', '2026-09-24']) {
      await page.goto(`${server.origin}/provisions/${school.termProvisionId}`);
      form = formWith(page, 'Record the session');
      await form.getByLabel('Date of the session').fill(day);
      await form.getByRole('group', { name: 'Was it delivered?' }).getByLabel('Delivered').check();
      assert.ok(await form.getByRole('checkbox', { name: pupil.name }).isChecked());
      await submit(page, 'Record the session', /\?recorded=session$/);
    }

    // Review the cycle, then end the placement with its exit measure.
    await page.goto(`${server.origin}/pupils/${pupil.upn}`);
    form = formWith(page, 'Record the review');
    await form.getByLabel('Date of the review').fill('2026-11-27');
    const reviewed = form.getByRole('group', { name: 'Target: Reads 20 two-syllable words accurately' });
    await reviewed.getByLabel('Result').selectOption({ label: 'Achieved' });
    await reviewed.getByLabel('Evidence').fill('19 of 20 in both probes');
    await form.getByLabel('Next step').selectOption({ label: 'Step down' });
    await submit(page, 'Record the review', /\?recorded=review$/);
    form = formWith(page, 'End this placement');
    await form.getByLabel('Placement').selectOption({ label: `${school.termProvision} (since 2026-09-16)` });
    await form.getByLabel('Last day').fill('2026-11-27');
    await form.getByLabel('Exit measure').fill('103');
    await form.getByLabel('What came of it').fill('Met the exit criteria');
    await submit(page, 'End this placement', /\?recorded=placement_end$/);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: school.termProvision }) });
    assert.match(await row.innerText(), /2026-09-16\s+2026-11-27\s+2 of 10\s+2\s+94\s+103\s+Met the exit criteria/);
    await checkPage(page, 'term-walk-pupil');

    // See its impact on the dashboard: the ended placement counted, and too few pupils said plainly.
    await page.goto(`${server.origin}/dashboard`);
    const impact = page.getByRole('table', { name: "Each provision's cost and impact" })
      .getByRole('row').filter({ has: page.getByRole('rowheader', { name: school.termProvision }) });
    assert.match(await impact.innerText(), /\s1\s+.*Too few pupils \(1\)/s);
    await checkPage(page, 'term-walk-dashboard');

    // What the pages recorded is what the operations hold.
    const [flag] = school.call('flags.list', { upn: pupil.upn, state: 'all' }).flags.filter((f) => f.id === flagId);
    assert.equal(flag.actions.at(-1).note, 'Starting a cycle of SEN support this week');
    const [cycle] = school.call('cycle.list', { upn: pupil.upn }).cycles.slice(-1);
    assert.deepEqual([cycle.stage, cycle.review.next_step, cycle.plan.targets[0].result], ['reviewed', 'step_down', 'achieved']);
  });

  it('the checks see a fault when there is one (so their silence means something)', async () => {
    const page = people.teacher;
    await page.goto(server.origin + PAGES[0].path(school));
    page.cspErrors.length = 0;
    await page.evaluate(() => {
      for (const b of document.querySelectorAll('button')) b.textContent = '';  // axe-core: a button with no name
      document.querySelector('main').insertAdjacentHTML('beforeend', '<p style="color: red">inline</p>');  // refused by style-src
    });
    const ids = (await axeViolations(page)).map((v) => `${v.impact} ${v.id}`);
    assert.ok(ids.includes('critical button-name'), `axe-core reported ${ids.join(', ') || 'nothing'}`);
    // The browser reports the refusal as a console message, which may come a moment later.
    for (let i = 0; i < 100 && !page.cspErrors.some((e) => e.includes('style-src')); i++) await page.waitForTimeout(50);
    assert.ok(page.cspErrors.some((e) => e.includes('style-src')), 'the inline style was reported as refused');
  });

});

function escapeRe(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
