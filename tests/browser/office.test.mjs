// Browser tests of the district office pages (issue 7): the real raida-server with the demo
// district on 127.0.0.1 and a free port, Debian's Chromium (headless) driven by playwright-core.
// A district administrator signs in; the Kiosks, Programme and Certificates pages (and every
// other page in the navigation) show the demo district's data; a provisioning code issued on
// the Kiosks page lets a kiosk join with `raida-sync provision`; a course the resident completes
// at that kiosk reaches the office with the next sync (its certificate verifies, the Programme
// page counts it); revoking the kiosk on the Kiosks page (after its confirmation page) makes
// its next `raida-sync once` refused; signing out leads to the sign-in page.
//
// Each page is saved as a full-page screenshot to $RAIDA_SCREENSHOT_DIR/<lang>/<page>.png (every
// page in Lithuanian, the navigation's pages also in Polish and English). The tests run one
// after the other and share the signed-in browser; run them with ctest (label browser).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  DistrictServer, Kiosk, Workspace, expectedParticipants, expectedProgramme, loadDemo, loadTexts,
  localDate, parseCsv, residentStudyingAlone, setting, translate,
} from './office_support.mjs';

const require = createRequire(path.join(setting('RAIDA_NODE_DIR'), 'package.json'));
const { chromium } = require('playwright-core');

const kAdmin = { login: 'ona.browser', name: 'Ona Petraitienė', role: 'admin' };
const kPassphrase = 'rudens lapai prie ezero';
const kCenter = 'center.bajorai';
const kCourse = 'course.computer-first-steps';
const kKioskLabel = 'Bajorai kiosk 1';
const kTestTimeout = { timeout: 180_000 };

const demo = loadDemo();
const texts = loadTexts();
const shotsDir = setting('RAIDA_SCREENSHOT_DIR');
const centerName = (id) => demo.centers.find((c) => c.id === id).name;

const workspace = new Workspace();
const server = new DistrictServer(workspace);
const kiosk = new Kiosk(workspace, 'kiosk-bajorai');
let browser;
let page;
// What the tests learn along the way.
const state = { code: '', deviceNo: '', lessons: 0, certificate: '', holder: null };

const T = (key, values, lang = 'lt') => translate(texts, lang, key, values);
const text = async (locator) => (await locator.innerText()).trim();

async function open(pathAndQuery) {
  const response = await page.goto(server.url + pathAndQuery);
  assert.ok(response, `no answer for ${pathAndQuery}`);
  assert.equal(response.status(), 200, `${pathAndQuery} answered ${response.status()}`);
  return response;
}

async function shot(lang, name) {
  const dir = path.join(shotsDir, lang);
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

// Switches the page language with the header's language links; stays on the same page.
async function chooseLanguage(lang) {
  await page.evaluate(() => {
    window.raidaOldPage = true;
  });
  await page.locator(`nav.langs a[lang="${lang}"]`).click();
  await page.waitForFunction(
    (l) => !window.raidaOldPage && document.documentElement?.lang === l,
    lang,
  );
  await page.waitForLoadState('load');
}

// The section of one center on the Kiosks page.
function centerSection(name) {
  return page
    .locator('section.center')
    .filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
}

// The figures table of the Programme page summed per center name.
async function programmeTotals() {
  const rows = await page.locator('table.figures tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent.trim())),
  );
  const totals = new Map();
  for (const cells of rows) {
    const [center, , offerings, signups, confirmed, waitlisted, , lessons, certificates] = cells;
    const sum = totals.get(center) ?? {
      offerings: 0, signups: 0, confirmed: 0, waitlisted: 0, lessons: 0, certificates: 0,
    };
    sum.offerings += Number(offerings);
    sum.signups += Number(signups);
    sum.confirmed += Number(confirmed);
    sum.waitlisted += Number(waitlisted);
    sum.lessons += Number(lessons);
    sum.certificates += Number(certificates);
    totals.set(center, sum);
  }
  return totals;
}

before(async () => {
  await server.start();
  server.addOfficeUser({ ...kAdmin, passphrase: kPassphrase });
  browser = await chromium.launch({
    executablePath: setting('RAIDA_CHROMIUM'),
    headless: true,
    timeout: 60_000,
    args: ['--no-proxy-server', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'lt-LT',
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close();
  await server.stop();
  // The server's log (no personal data in it) stays beside the screenshots for a failed run.
  fs.mkdirSync(shotsDir, { recursive: true });
  fs.writeFileSync(path.join(shotsDir, 'raida-server.log'), server.log());
  workspace.remove();
});

test('an anonymous visitor gets the sign-in page, in each language', kTestTimeout, async () => {
  await open('/office/kiosks');
  assert.equal(new URL(page.url()).pathname, '/office/sign-in');
  assert.equal(await text(page.locator('h1')), T('office.sign_in.title'));
  await page.locator('#login').waitFor();
  await page.locator('#passphrase').waitFor();
  assert.equal(await page.locator('nav.pages').count(), 0, 'no page links before sign-in');
  await shot('lt', 'sign_in');
  for (const lang of ['pl', 'en', 'lt']) {
    await chooseLanguage(lang);
    assert.equal(await text(page.locator('h1')), T('office.sign_in.title', {}, lang));
    if (lang !== 'lt') {
      await shot(lang, 'sign_in');
    }
  }
});

test('a wrong passphrase is refused; the right one opens the Kiosks page', kTestTimeout, async () => {
  await page.fill('#login', kAdmin.login);
  await page.fill('#passphrase', 'not the passphrase');
  await page.locator('form.card button[type=submit]').click();
  assert.equal(await text(page.locator('[role=alert]')), T('office.sign_in.wrong'));
  await shot('lt', 'sign_in_wrong');
  await page.fill('#login', kAdmin.login);
  await page.fill('#passphrase', kPassphrase);
  await page.locator('form.card button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/office/kiosks');
  const who = await text(page.locator('form.account span'));
  assert.equal(who, T('office.signed_in_as', { name: kAdmin.name, role: T('office.role.admin') }));
  assert.equal(await text(page.locator('nav.pages a[aria-current=page]')), T('office.nav.kiosks'));
});

test('a provisioning code issued on the Kiosks page lets a kiosk join', kTestTimeout, async () => {
  await open('/office/kiosks');
  const section = centerSection(centerName(kCenter));
  assert.equal(await text(section.locator('p.muted')), T('office.kiosks.none_at_center'));
  await section.getByRole('link', { name: T('office.kiosks.issue_code') }).click();
  await page.waitForURL((url) => url.pathname === '/office/kiosks/code');
  assert.equal(await text(page.locator('h1')), T('office.kiosks.code.title'));
  assert.equal(
    await text(page.locator('main > p').first()),
    T('office.kiosks.code.text', { center: centerName(kCenter) }),
  );
  await shot('lt', 'kiosks_code_confirm');
  await page.locator('form.actions button.primary').click();
  state.code = await text(page.locator('p.code'));
  assert.equal(await text(page.locator('h1')), T('office.kiosks.code.shown_title'));
  assert.match(state.code, /\S{6,}/);
  await shot('lt', 'kiosks_code');

  const provisioned = kiosk.provision(server.url, state.code, kKioskLabel);
  assert.equal(provisioned.status, 0, provisioned.stderr);
  const synced = kiosk.syncOnce();
  assert.equal(synced.status, 0, synced.stderr);
  assert.match(synced.stdout, /result:\s+synced/);
  // The code works once.
  const again = new Kiosk(workspace, 'kiosk-second').provision(server.url, state.code, 'Again');
  assert.notEqual(again.status, 0, 'a used provisioning code was accepted again');
});

test("a course completed at the kiosk reaches the office with the next sync", kTestTimeout, () => {
  state.holder = residentStudyingAlone(demo, kCenter, kCourse);
  const done = kiosk.completeCourse(state.holder.id, kCourse);
  assert.equal(done.status, 0, done.stderr);
  const [lessonsLine, code] = done.stdout.trim().split('\n');
  state.lessons = Number(/^lessons (\d+)$/.exec(lessonsLine)[1]);
  state.certificate = code;
  assert.ok(state.lessons > 0);
  const synced = kiosk.syncOnce();
  assert.equal(synced.status, 0, synced.stderr);
  assert.match(synced.stdout, /changes sent:\s+[1-9]/);
});

test('the Kiosks page shows every demo center and the new kiosk', kTestTimeout, async () => {
  await open('/office/kiosks');
  assert.equal(await text(page.locator('h1')), T('office.kiosks.title'));
  const shown = await page.locator('section.center h2').allInnerTexts();
  assert.deepEqual([...shown].sort(), demo.centers.map((c) => c.name).sort());
  assert.equal(
    await text(page.locator('p.summary')),
    T('office.kiosks.summary', { count: 1, attention: 0 }),
  );
  const rows = centerSection(centerName(kCenter)).locator('tbody tr');
  assert.equal(await rows.count(), 1);
  const cells = await rows.first().locator('td').allInnerTexts();
  assert.match(cells[0], new RegExp(`^${kKioskLabel}\\s+#\\d+$`));
  state.deviceNo = /#(\d+)/.exec(cells[0])[1];
  assert.equal(cells[1].trim(), T('office.kiosks.status.active'));
  assert.notEqual(cells[2].trim(), T('office.kiosks.never'), 'last successful sync');
  assert.equal(cells[4].trim(), '0', 'changes waiting after a full sync');
  for (const other of demo.centers.filter((c) => c.id !== kCenter)) {
    assert.equal(await centerSection(other.name).locator('tbody tr').count(), 0, other.name);
  }
  await shot('lt', 'kiosks');
});

test('the Programme page counts the demo district and the kiosk\'s course', kTestTimeout, async () => {
  await open('/office/programme');
  const year = localDate().slice(0, 4);
  assert.equal(await page.inputValue('#from'), `${year}-01-01`);
  assert.equal(await page.locator('figure.chart svg rect.bar-signups').count() > 0, true);
  await shot('lt', 'programme');

  // Every offering of the demo lies within these years, so every figure counts.
  await page.fill('#from', '2000-01-01');
  await page.fill('#to', '2099-12-31');
  await page.locator('form.filters button[type=submit]').click();
  await page.waitForURL((url) => url.searchParams.get('from') === '2000-01-01');
  const expected = expectedProgramme(demo, {
    [kCenter]: { lessons: state.lessons, certificates: 1 },
  });
  assert.deepEqual(await programmeTotals(), expected);
  assert.equal(
    await text(page.locator('figure.chart figcaption')),
    T('office.programme.chart_centers', { from: '2000-01-01', to: '2099-12-31' }),
  );

  // One center: a bar per course, and only that center's rows.
  await page.selectOption('#center', kCenter);
  await page.locator('form.filters button[type=submit]').click();
  await page.waitForURL((url) => url.searchParams.get('center') === kCenter);
  const oneCenter = await programmeTotals();
  assert.deepEqual([...oneCenter.keys()], [centerName(kCenter)]);
  assert.deepEqual(oneCenter.get(centerName(kCenter)), expected.get(centerName(kCenter)));
  const course = demo.courses.find((c) => c.id === kCourse);
  const courseRow = page.locator('table.figures tbody tr').filter({ hasText: course.title.lt });
  assert.equal(await courseRow.count(), 1);
  const courseCells = await courseRow.locator('td').allInnerTexts();
  assert.equal(courseCells[7].trim(), String(state.lessons));
  assert.equal(courseCells[8].trim(), '1');
  await shot('lt', 'programme_bajorai');
});

test('the Certificates page verifies the code of the kiosk\'s certificate', kTestTimeout, async () => {
  await open('/office/certificates');
  assert.equal(await text(page.locator('h1')), T('office.certificates.title'));
  await shot('lt', 'certificates');
  // Typed as a person might: small letters, spaces instead of dashes.
  await page.fill('#code', state.certificate.toLowerCase().replaceAll('-', ' '));
  await page.locator('form.inline-form button[type=submit]').click();
  const result = page.locator('section.result.good');
  assert.equal(await text(result.locator('h2')), T('office.certificates.found'));
  const facts = await result.locator('dd').allInnerTexts();
  const course = demo.courses.find((c) => c.id === kCourse);
  assert.ok(facts.includes(`${state.holder.given_name} ${state.holder.family_name}`), facts);
  assert.ok(facts.includes(course.title.lt), facts);
  assert.ok(facts.includes(centerName(kCenter)), facts);
  assert.ok(facts.includes(state.certificate), facts);
  await shot('lt', 'certificate_verified');

  await page.fill('#code', 'RKS-2222-2222');
  await page.locator('form.inline-form button[type=submit]').click();
  assert.equal(await text(page.locator('p.notice.bad')), T('office.certificates.not_found'));
});

test('the Participants report\'s CSV adds up to the demo district\'s participants', kTestTimeout, async () => {
  // A period around today holds every demo offering (they start -1 to +3 weeks from today).
  const day = 24 * 3600 * 1000;
  const from = localDate(new Date(Date.now() - 365 * day));
  const to = localDate(new Date(Date.now() + 365 * day));
  await open(`/office/report?from=${from}&to=${to}`);
  assert.equal(await text(page.locator('h1')), T('office.report.title'));
  const expected = expectedParticipants(demo);
  assert.ok(
    (await page.locator('main').innerText()).includes(
      T('office.report.summary', { from, to, count: expected.get('') }),
    ),
  );
  await shot('lt', 'report_period');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: T('office.report.csv') }).click(),
  ]);
  const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
  assert.deepEqual(
    csv[0],
    ['section', 'category', 'center_id', 'center', 'participants'].map((c) =>
      T(`office.report.csv.${c}`),
    ),
  );
  const subtotal = T('office.report.cat.50_plus');
  const sums = new Map();  // "section|center id" -> participants, the subtotal left out
  for (const [section, category, centerId, , count] of csv.slice(1)) {
    if (category !== subtotal) {
      const key = `${section}|${centerId}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(count));
    }
  }
  for (const section of ['age', 'gender', 'employment']) {
    for (const [centerId, count] of expected) {
      const name = T(`office.report.section.${section}`);
      assert.equal(sums.get(`${name}|${centerId}`), count, `${name} at "${centerId}"`);
    }
  }
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: T('office.report.xlsx') }).click(),
  ]);
  const workbook = fs.readFileSync(await xlsx.path());
  assert.equal(workbook.subarray(0, 2).toString('latin1'), 'PK', 'the XLSX is a zip file');
});

test('the People page finds the certificate holder and opens her record', kTestTimeout, async () => {
  await open('/office/people');
  await shot('lt', 'people');
  await page.fill('#q', state.holder.family_name);
  await page.locator('form.inline-form button[type=submit]').click();
  await page.waitForURL((url) => url.searchParams.get('q') === state.holder.family_name);
  const results = await page.locator('table.people').first().innerText();
  assert.ok(results.includes(state.holder.family_name), results);
  assert.ok(results.includes(state.holder.given_name), results);
  assert.ok(results.includes(centerName(kCenter)), results);
  await shot('lt', 'people_search');
  await page.locator('table.people a').first().click();
  await page.waitForURL((url) => url.pathname === '/office/people/person');
  const record = await page.locator('main').innerText();
  assert.ok(record.includes(state.holder.family_name), record);
  await shot('lt', 'person');
});

test('the Catalog page lists the demo courses and centers', kTestTimeout, async () => {
  await open('/office/catalog');
  const body = await page.locator('main').innerText();
  for (const course of demo.courses) {
    assert.ok(body.includes(course.title.lt), course.title.lt);
  }
  for (const center of demo.centers) {
    assert.ok(body.includes(center.name), center.name);
  }
  await shot('lt', 'catalog');
});

test('every page of the navigation opens in each language', kTestTimeout, async () => {
  await open('/office/kiosks');
  const links = await page.locator('nav.pages a').evaluateAll((as) =>
    as.map((a) => new URL(a.href).pathname),
  );
  const known = ['/office/kiosks', '/office/programme', '/office/certificates'];
  for (const link of known) {
    assert.ok(links.includes(link), `${link} is missing from the navigation`);
  }
  const demoNames = [
    ...demo.centers.map((c) => c.name),
    ...demo.courses.map((c) => c.title.lt),
  ];
  for (const lang of ['lt', 'pl', 'en']) {
    await chooseLanguage(lang);
    for (const link of links) {
      const name = link.replace('/office/', '');
      await open(link);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.ok((await text(page.locator('h1'))).length > 0, `${link} has no heading`);
      const current = await text(page.locator('nav.pages a[aria-current=page]'));
      const key = `office.nav.${name}`;
      if (texts[lang][key] !== undefined) {
        assert.equal(current, T(key, {}, lang), `${link} in ${lang}`);
      }
      const tested = [...known, '/office/report', '/office/people', '/office/catalog'];
      if (lang === 'lt' && !tested.includes(link)) {
        // Pages this test knows nothing else about must still show the demo district.
        const body = await page.locator('main').innerText();
        assert.ok(demoNames.some((n) => body.includes(n)), `${link} shows no demo center or course`);
      }
      await shot(lang, name);
    }
  }
  await chooseLanguage('lt');
});

test('revoking the kiosk on the Kiosks page refuses its next sync', kTestTimeout, async () => {
  await open('/office/kiosks');
  const row = centerSection(centerName(kCenter)).locator('tbody tr');
  await row.getByRole('link', { name: T('office.kiosks.revoke') }).click();
  await page.waitForURL((url) => url.pathname === '/office/kiosks/revoke');
  assert.equal(await text(page.locator('h1')), T('office.kiosks.revoke.title'));
  assert.ok((await page.locator('main').innerText()).includes(kKioskLabel));
  await shot('lt', 'kiosks_revoke_confirm');
  // Cancel first: nothing changes.
  await page.locator('form.actions a.button').click();
  await page.waitForURL((url) => url.pathname === '/office/kiosks');
  assert.equal(await text(row.locator('td').nth(1)), T('office.kiosks.status.active'));
  const stillSyncs = kiosk.syncOnce();
  assert.equal(stillSyncs.status, 0, stillSyncs.stderr);

  await row.getByRole('link', { name: T('office.kiosks.revoke') }).click();
  await page.locator('form.actions button.danger').click();
  await page.waitForURL((url) => url.searchParams.get('revoked') === state.deviceNo);
  assert.equal(
    await text(page.locator('p.notice.good')),
    T('office.kiosks.revoked_notice', { device: state.deviceNo }),
  );
  assert.equal(await row.getAttribute('class'), 'revoked');
  assert.equal(await text(row.locator('td').nth(1)), T('office.kiosks.status.revoked'));
  assert.equal(await row.getByRole('link', { name: T('office.kiosks.revoke') }).count(), 0);
  await shot('lt', 'kiosks_revoked');

  const refused = kiosk.syncOnce();
  assert.notEqual(refused.status, 0, 'a revoked kiosk synced');
  assert.match(refused.stderr, /refused: device revoked/);
});

test('signing out leads to the sign-in page and ends the session', kTestTimeout, async () => {
  await open('/office/programme');
  await page.locator('form.account button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/office/sign-in');
  await page.locator('#login').waitFor();
  assert.equal(await page.locator('form.account').count(), 0);
  await open('/office/programme');
  assert.equal(new URL(page.url()).pathname, '/office/sign-in');
});
