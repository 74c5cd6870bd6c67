// What the office browser tests need besides the browser: the real raida-server on 127.0.0.1
// with a free port, the command-line programs (raida-sync, add-office-user, the kiosk-side
// course helper), the demo district file and translations they check pages against, and
// cleanup of every process they start, also when a test fails or throws.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// An environment variable set by the ctest definition (tests/browser/CMakeLists.txt).
export function setting(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through ctest (label browser)`);
  }
  return value;
}

const sourceDir = () => setting('RAIDA_SOURCE_DIR');
const kCommandTimeoutMs = 120_000;
const kServerStartMs = 60_000;

// The demo district file the server loads, read fresh so the checks follow its data.
export function loadDemo() {
  const file = path.join(sourceDir(), 'assets/demo/rokiskis.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// The office pages' translations: texts[lang][key].
export function loadTexts() {
  const texts = {};
  for (const lang of ['lt', 'pl', 'en']) {
    const file = path.join(sourceDir(), 'assets/i18n/office', `${lang}.json`);
    texts[lang] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  return texts;
}

// The translated text of `key` with {name} placeholders filled, as OfficeSite::T does.
export function translate(texts, lang, key, values = {}) {
  let text = texts[lang][key];
  if (text === undefined) {
    throw new Error(`no ${lang} text for ${key}`);
  }
  for (const [name, value] of Object.entries(values)) {
    text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

// Today's local date, "2026-11-23" (the kiosk's and the server's local calendar).
export function localDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Processes started by the tests; whatever is still running when node exits is killed.
const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

// Runs a program to completion (bounded in time); `input` goes to its standard input.
export function run(program, args, input = '') {
  const result = spawnSync(program, args, {
    input,
    encoding: 'utf8',
    timeout: kCommandTimeoutMs,
    killSignal: 'SIGKILL',
  });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A fresh directory for databases and logs, removed by Workspace.remove().
export class Workspace {
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raida-browser-'));
  }
  file(name) {
    return path.join(this.dir, name);
  }
  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// The district server with the demo district, on 127.0.0.1 and a port the system picks.
export class DistrictServer {
  constructor(workspace) {
    this.bin = setting('RAIDA_SERVER_BIN');
    this.db = workspace.file('server.db');
    this.logPath = workspace.file('server.out');
    this.child = null;
    this.url = '';
  }

  // Starts the server and waits (bounded) for its "listening on http://127.0.0.1:PORT" line.
  async start() {
    const out = fs.openSync(this.logPath, 'w');
    const demo = path.join(sourceDir(), 'assets/demo/rokiskis.json');
    this.child = spawn(
      this.bin,
      ['--db', this.db, '--load-demo', demo, '--listen', '127.0.0.1', '--port', '0'],
      { stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    running.add(this.child);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        running.delete(this.child);
        resolve({ code, signal });
      });
    });
    const deadline = Date.now() + kServerStartMs;
    while (Date.now() < deadline) {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(this.log());
      if (match) {
        this.url = match[1];
        return this.url;
      }
      if (this.child.exitCode !== null) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`raida-server did not start:\n${this.log()}`);
  }

  log() {
    return fs.existsSync(this.logPath) ? fs.readFileSync(this.logPath, 'utf8') : '';
  }

  // Creates an office account; the passphrase goes in on standard input, as a person types it.
  addOfficeUser({ login, name, role, passphrase }) {
    const result = run(
      this.bin,
      ['add-office-user', '--db', this.db, '--login', login, '--name', name, '--role', role],
      `${passphrase}\n`,
    );
    if (result.status !== 0) {
      throw new Error(`add-office-user failed (${result.status}): ${result.stderr}`);
    }
  }

  // SIGTERM, then SIGKILL when it has not stopped within 10 s.
  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

// A kiosk's database driven through `raida-sync` and the course helper.
export class Kiosk {
  constructor(workspace, name) {
    this.db = workspace.file(`${name}.db`);
  }
  provision(serverUrl, code, label) {
    return run(setting('RAIDA_SYNC_BIN'), [
      'provision', '--db', this.db, '--server', serverUrl, '--code', code, '--label', label,
    ]);
  }
  syncOnce() {
    return run(setting('RAIDA_SYNC_BIN'), ['once', '--db', this.db, '--max-ms', '30000']);
  }
  // Completes every lesson of `courseId` for `personId` and issues the certificate.
  completeCourse(personId, courseId) {
    return run(setting('RAIDA_COMPLETE_COURSE_BIN'), [
      '--db', this.db, '--person', personId, '--course', courseId, '--today', localDate(),
    ]);
  }
}

const kSeatStatuses = new Set(['confirmed', 'attended', 'completed']);

// The Programme page's figures per center name for a period covering every demo offering,
// computed from the demo file alone (programme_figures.h's definitions): offerings, sign-ups,
// confirmed, waitlisted. `extra` adds what the test did itself (lessons, certificates).
export function expectedProgramme(demo, extra = {}) {
  const centerName = new Map(demo.centers.map((c) => [c.id, c.name]));
  const offeringCenter = new Map(demo.offerings.map((o) => [o.id, o.center_id]));
  const figures = new Map();
  const entry = (centerId) => {
    const name = centerName.get(centerId);
    if (!figures.has(name)) {
      figures.set(name, {
        offerings: 0, signups: 0, confirmed: 0, waitlisted: 0, lessons: 0, certificates: 0,
      });
    }
    return figures.get(name);
  };
  for (const offering of demo.offerings) {
    entry(offering.center_id).offerings += 1;
  }
  for (const enrollment of demo.enrollments ?? []) {
    if (enrollment.status === 'cancelled') {
      continue;
    }
    const row = entry(offeringCenter.get(enrollment.offering_id));
    row.signups += 1;
    row.confirmed += kSeatStatuses.has(enrollment.status) ? 1 : 0;
    row.waitlisted += enrollment.status === 'waitlisted' ? 1 : 0;
  }
  for (const [centerId, added] of Object.entries(extra)) {
    Object.assign(entry(centerId), {
      lessons: entry(centerId).lessons + (added.lessons ?? 0),
      certificates: entry(centerId).certificates + (added.certificates ?? 0),
    });
  }
  return figures;
}

// A resident of `centerId` who holds no seat in an offering of `courseId`: lessons alone
// complete the course for them (certificate_repository.h's rule).
export function residentStudyingAlone(demo, centerId, courseId) {
  const courseOfferings = new Set(
    demo.offerings.filter((o) => o.course_id === courseId).map((o) => o.id),
  );
  const seated = new Set(
    (demo.enrollments ?? [])
      .filter((e) => courseOfferings.has(e.offering_id) && kSeatStatuses.has(e.status))
      .map((e) => e.person_id),
  );
  const person = demo.people.find((p) => p.home_center_id === centerId && !seated.has(p.id));
  if (!person) {
    throw new Error(`the demo has no resident of ${centerId} without a seat in ${courseId}`);
  }
  return person;
}

// The participants report's count per center id ("" for the whole report, each person once)
// for a period holding every demo offering: people with a seat in an offering of the center.
export function expectedParticipants(demo) {
  const offeringCenter = new Map(demo.offerings.map((o) => [o.id, o.center_id]));
  const people = new Map([['', new Set()]]);
  for (const enrollment of demo.enrollments ?? []) {
    if (!kSeatStatuses.has(enrollment.status)) {
      continue;
    }
    const centerId = offeringCenter.get(enrollment.offering_id);
    if (!people.has(centerId)) {
      people.set(centerId, new Set());
    }
    people.get(centerId).add(enrollment.person_id);
    people.get('').add(enrollment.person_id);
  }
  return new Map([...people].map(([centerId, set]) => [centerId, set.size]));
}

// Rows of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends).
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        ++i;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        ++i;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
