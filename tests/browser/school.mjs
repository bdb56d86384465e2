// The browser tests' school: a small generated school (synthetic data only) synced into its own
// database, a SENCO and a class teacher given their roles, and SEN data recorded through
// `senmap call` so that every page has something to show. Built as serve_test.py builds its own.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export class School {
  constructor({ senmap, sqlite3, openssl, dir }) {
    Object.assign(this, { senmap, sqlite3, openssl, dir });
  }

  run(...args) {
    try {
      return execFileSync(this.senmap, args, { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      throw new Error(`senmap ${args.join(' ')} exited ${e.status}\n${e.stdout}\n${e.stderr}`);
    }
  }

  // An operation as the command line runs it, with this test named as the actor in the audit log.
  call(op, request) {
    return JSON.parse(this.run('--config', this.config, '--actor', 'test:browser', 'call', op, JSON.stringify(request)));
  }

  sql(query) {
    const out = execFileSync(this.sqlite3, ['-json', this.db, query], { encoding: 'utf8' });
    return out.trim() ? JSON.parse(out) : [];
  }

  // A signed link as the MIS makes it: to a class's provision map, or to a page (the SENCO's dashboard).
  launchLink(staff, { classId, page }) {
    const to = classId ? ['--class', classId] : ['--page', page];
    return this.run('--config', this.config, 'launch', 'link', staff, ...to, '--seconds', '300').trim();
  }

  build() {
    const trust = path.join(this.dir, 'trust');
    this.run('generate', '--schools', '1', '--pupils', '150', '--seed', '61', '--out', trust);
    this.config = path.join(trust, 'senmap.toml');
    this.db = path.join(trust, 'senmap.db');
    this.run('sync', '--config', this.config);
    this.makeCertificate();
    this.pickPeople();
    this.run('--config', this.config, 'staff', 'role', this.senco, 'senco');
    this.run('--config', this.config, 'staff', 'role', this.teacher, 'teacher');
    this.run('--config', this.config, 'launch', 'secret');
    this.recordSenData();
    return this;
  }

  // A throwaway certificate for 127.0.0.1, made in the work directory and never committed.
  makeCertificate() {
    this.cert = path.join(this.dir, 'cert.pem');
    this.key = path.join(this.dir, 'key.pem');
    execFileSync(this.openssl, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', this.key, '-out', this.cert,
      '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    // The certificate's public key hash, for Chromium to trust this one key and nothing else.
    const der = execFileSync(this.openssl, ['x509', '-in', this.cert, '-pubkey', '-noout']);
    const spki = execFileSync(this.openssl, ['pkey', '-pubin', '-outform', 'der'], { input: der });
    this.spkiHash = execFileSync(this.openssl, ['dgst', '-sha256', '-binary'], { input: spki }).toString('base64');
  }

  // The class teacher is one who teaches a pupil on the SEN register; the SENCO another teacher.
  pickPeople() {
    const onRegister = "(SELECT provision FROM sen_status_period WHERE pupil_id = p.id ORDER BY start_date DESC LIMIT 1) IN ('K', 'E')";
    const [first] = this.sql(
      'SELECT s.sourced_id AS teacher, c.sourced_id AS class_id, p.upn FROM class_member t ' +
      'JOIN staff s ON s.id = t.staff_id JOIN school_class c ON c.id = t.class_id ' +
      'JOIN class_member m ON m.class_id = t.class_id AND m.pupil_id IS NOT NULL JOIN pupil p ON p.id = m.pupil_id ' +
      `WHERE t.role = 'teacher' AND s.role = 'teacher' AND ${onRegister} ORDER BY s.sourced_id, c.sourced_id, p.upn LIMIT 1`);
    if (!first) throw new Error('the generated school has no pupil on the SEN register in a taught class');
    this.teacher = first.teacher;
    this.classId = first.class_id;
    this.upn = first.upn;
    this.senco = this.sql(`SELECT sourced_id FROM staff WHERE role = 'teacher' AND sourced_id <> '${this.teacher}' ` +
                          'ORDER BY sourced_id LIMIT 1')[0].sourced_id;
  }

  // A placement on a provision, an assess-plan-do-review cycle planned with targets, a passport
  // with strategies for class, and a delivered session: what the pages show.
  recordSenData() {
    this.provisionId = this.call('provision.create', {
      name: 'Reading catch-up', areas: ['SPLD'], wave: 2, delivered_by: 'ta', group_size: 4, sessions_per_week: 3,
      minutes_per_session: 30, weeks: 10, staff_hourly_cost: 14.5,
    }).id;
    this.placementId = this.call('placement.start', { upn: this.upn, provision_id: this.provisionId, start: '2026-01-05' }).id;
    this.cycleId = this.call('cycle.assess', { upn: this.upn, date: '2026-01-06' }).id;
    this.targets = ['Reads 30 high-frequency words on sight', 'Writes three joined sentences unaided'];
    this.call('cycle.plan', {
      cycle_id: this.cycleId, date: '2026-01-08', placement_ids: [this.placementId], review_due: '2026-03-20',
      targets: this.targets.map((target) => ({ target, success_criteria: 'Seen in three lessons running' })),
    });
    this.strategy = 'Give written instructions alongside spoken ones';
    this.call('passport.set', { upn: this.upn, support_strategies: [this.strategy, 'Seat near the front'] });
    this.call('session.record', { provision_id: this.provisionId, date: '2026-01-12', status: 'delivered', present: [this.upn] });
    // Every other pupil of the class on the register with strategies for class (synthetic, written as
    // the MIS's sync would hold them): a full class's map must still print on two A4 pages.
    execFileSync(this.sqlite3, [this.db,
      "INSERT OR IGNORE INTO sen_status_period (pupil_id, start_date, provision) SELECT m.pupil_id, '2026-09-02', 'K' " +
      `FROM class_member m JOIN school_class c ON c.id = m.class_id WHERE c.sourced_id = '${this.classId}' ` +
      "AND m.pupil_id IS NOT NULL AND m.pupil_id NOT IN (SELECT pupil_id FROM sen_status_period WHERE provision IN ('K', 'E'))"]);
    const classmates = this.sql('SELECT DISTINCT p.upn FROM class_member m JOIN pupil p ON p.id = m.pupil_id JOIN school_class c ' +
                                `ON c.id = m.class_id WHERE c.sourced_id = '${this.classId}' AND p.upn <> '${this.upn}'`);
    for (const { upn } of classmates)
      this.call('passport.set', { upn, support_strategies: ['Check understanding after instructions', 'Allow extra processing time', 'Use visual timetables and word banks'] });
    // The pupil as the class map names them (the API's own answer, not the database's columns).
    const map = this.call('report.class_map', { class_id: this.classId });
    const pupil = map.pupils.find((p) => p.upn === this.upn);
    this.className = map.class.title;
    this.pupilsOnMap = map.pupils.map((p) => `${p.forename} ${p.surname}`);
    if (!pupil) throw new Error('the pupil is not on the class map');
    this.pupilName = `${pupil.forename} ${pupil.surname}`;
    this.pupilSurname = pupil.surname;
    // The rules run as the nightly sync runs them: the pupil's review is long overdue by now.
    this.call('flags.run', {});
    const flags = this.call('flags.list', { upn: this.upn }).flags;
    if (!flags.length) throw new Error('the rules raised no flag for the pupil');
    this.flagId = flags[0].id;
    this.flagTitle = flags[0].title;
    // A term's work, walked through the pages for a classmate the rules flagged: a provision of its
    // own, so its impact is theirs alone.
    this.termProvision = 'Precision teaching';
    this.termProvisionId = this.call('provision.create', {
      name: this.termProvision, areas: ['SPLD'], wave: 2, delivered_by: 'ta', group_size: 1, sessions_per_week: 1,
      minutes_per_session: 20, weeks: 10, staff_hourly_cost: 14.5,
    }).id;
    const flagged = map.pupils.find((p) => p.upn !== this.upn && this.call('flags.list', { upn: p.upn }).flags.length);
    if (!flagged) throw new Error('the rules flagged no other pupil of the class');
    this.termPupil = { upn: flagged.upn, name: `${flagged.forename} ${flagged.surname}`, surname: flagged.surname };
  }
}

export function freshDir(base) {
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, 'run-'));
}
