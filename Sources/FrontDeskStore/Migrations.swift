import GRDB
import FrontDeskDomain

extension AppDatabase {
    /// Named, versioned migrations. Never edit a shipped one: add the next.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-patients") { db in
            try db.execute(sql: """
                CREATE TABLE patient (
                    id                        INTEGER PRIMARY KEY,
                    mrn                       TEXT NOT NULL,             -- hospital number, as issued
                    mrn_key                   TEXT NOT NULL UNIQUE,      -- upper case, for look-up
                    nhs_number                TEXT UNIQUE,               -- ten digits, Modulus 11 checked
                    nhs_number_status         TEXT NOT NULL,             -- FHIR UK Core code 01..08
                    title                     TEXT,
                    family_name               TEXT NOT NULL,
                    given_names               TEXT NOT NULL,
                    preferred_name            TEXT,
                    date_of_birth             TEXT NOT NULL,             -- YYYY-MM-DD
                    sex                       TEXT NOT NULL,             -- female, male, other, unknown
                    address_line_1            TEXT,
                    address_line_2            TEXT,
                    town                      TEXT,
                    postcode                  TEXT,                      -- 'CH63 4JY'
                    postcode_district         TEXT,                      -- 'CH63'
                    email                     TEXT,
                    gp_practice_code          TEXT,
                    gp_practice_name          TEXT,
                    next_of_kin_name          TEXT,
                    next_of_kin_relationship  TEXT,
                    next_of_kin_phone         TEXT,
                    key_worker                TEXT,
                    date_of_death             TEXT,
                    created_at                TEXT NOT NULL,             -- UTC
                    updated_at                TEXT NOT NULL,             -- UTC
                    -- search keys, derived from the names (see Docs/SEARCH.md)
                    family_key                TEXT NOT NULL,             -- folded family name, joined: 'obrien'
                    given_key                 TEXT NOT NULL,             -- folded given names: 'mary anne'
                    family_words              TEXT NOT NULL,             -- folded family-name words: ' o brien obrien '
                    other_words               TEXT NOT NULL,             -- folded given, preferred, previous names
                    family_sounds             TEXT NOT NULL              -- each family word with its sounds-like key: ' SMT/smith -/o '
                );
                -- Results are listed by family name, given names, date of birth: this
                -- index serves family-name prefixes in that order, and carries the words,
                -- district and hospital number that other terms of the query are checked
                -- against, so a family range is filtered without visiting the table.
                CREATE INDEX patient_by_name ON patient(family_key, given_key, date_of_birth, id, other_words, family_words,
                                                        family_sounds, postcode_district, mrn_key);
                CREATE INDEX patient_by_birth ON patient(date_of_birth, family_key, given_key);
                CREATE INDEX patient_by_postcode ON patient(postcode, family_key, given_key, date_of_birth);
                CREATE INDEX patient_by_district ON patient(postcode_district, family_key, given_key, date_of_birth);

                CREATE TABLE patient_previous_name (
                    patient_id   INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
                    position     INTEGER NOT NULL,
                    family_name  TEXT NOT NULL,
                    PRIMARY KEY (patient_id, position)
                ) WITHOUT ROWID;

                CREATE TABLE patient_phone (
                    patient_id   INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
                    position     INTEGER NOT NULL,
                    number       TEXT NOT NULL,                          -- as typed
                    number_key   TEXT NOT NULL,                          -- national form '01515565000'
                    kind         TEXT NOT NULL,                          -- home, mobile, work, other
                    PRIMARY KEY (patient_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX patient_phone_by_number ON patient_phone(number_key);

                CREATE TABLE patient_alert (
                    patient_id   INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
                    position     INTEGER NOT NULL,
                    kind         TEXT NOT NULL,                          -- safeguarding_concern, ...
                    note         TEXT,
                    PRIMARY KEY (patient_id, position)
                ) WITHOUT ROWID;

                CREATE TABLE patient_accessible_need (
                    patient_id   INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
                    position     INTEGER NOT NULL,
                    need_group   TEXT NOT NULL,                          -- the four AIS groups
                    need         TEXT NOT NULL,                          -- large_print, interpreter, ...
                    language     TEXT,                                   -- for an interpreter
                    PRIMARY KEY (patient_id, position)
                ) WITHOUT ROWID;

                -- Name words that a family-name prefix does not reach: later words of the
                -- family name (kind 1: 'brien' of O'Brien), the words of the other names
                -- (kind 2) and their joined forms (kind 3: 'maryanne' of Mary Anne), with
                -- the listing order, the patient's words, district and hospital number copied
                -- in, so that a search checks its other terms without visiting patient. Keyed
                -- on word, then family name: 'robert jones' seeks the Roberts among the Joneses.
                CREATE TABLE patient_name_word (
                    kind           INTEGER NOT NULL,
                    word           TEXT NOT NULL,
                    family_key     TEXT NOT NULL,
                    given_key      TEXT NOT NULL,
                    date_of_birth  TEXT NOT NULL,
                    patient_id     INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
                    family_words   TEXT NOT NULL,
                    other_words    TEXT NOT NULL,
                    family_sounds  TEXT NOT NULL,
                    postcode_district TEXT,
                    mrn_key        TEXT NOT NULL,
                    PRIMARY KEY (kind, word, family_key, patient_id)
                ) WITHOUT ROWID;

                -- Sounds-like keys of family-name words, in listing order (words copied in).
                CREATE TABLE patient_name_sound (
                    sound          TEXT NOT NULL,
                    family_key     TEXT NOT NULL,
                    given_key      TEXT NOT NULL,
                    date_of_birth  TEXT NOT NULL,
                    patient_id     INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
                    family_words   TEXT NOT NULL,
                    other_words    TEXT NOT NULL,
                    family_sounds  TEXT NOT NULL,
                    postcode_district TEXT,
                    mrn_key        TEXT NOT NULL,
                    PRIMARY KEY (sound, family_key, given_key, date_of_birth, patient_id)
                ) WITHOUT ROWID;

                -- Counters, e.g. the next FD hospital number.
                CREATE TABLE counter (
                    name   TEXT PRIMARY KEY,
                    value  INTEGER NOT NULL
                ) WITHOUT ROWID;

                -- Every view and change of a patient record. Append-only: rows are
                -- never updated or deleted (enforced below); previous_hash and hash are
                -- there for the hash chain of the staff-and-audit work.
                CREATE TABLE audit_event (
                    id             INTEGER PRIMARY KEY,
                    occurred_at    TEXT NOT NULL,                        -- UTC, ISO 8601
                    user_login     TEXT NOT NULL,
                    action         TEXT NOT NULL,                        -- view, register, edit, bulk
                    patient_id     INTEGER REFERENCES patient(id),
                    patient_mrn    TEXT,
                    detail         TEXT NOT NULL,
                    previous_hash  TEXT,
                    hash           TEXT
                );
                CREATE INDEX audit_event_by_patient ON audit_event(patient_id, id);
                CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
                    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
                CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
                    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
                """)
        }
        migrator.registerMigration("v1-database-info") { db in
            try db.execute(sql: """
                -- What this file is: 'live' (real patients) or 'demo' (synthetic, seedable).
                CREATE TABLE database_info (
                    key    TEXT PRIMARY KEY,
                    value  TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-staff") { db in
            try db.execute(sql: """
                -- Who may use FrontDesk: one row per OS login, with a role.
                CREATE TABLE staff (
                    login         TEXT PRIMARY KEY,
                    display_name  TEXT NOT NULL,
                    role          TEXT NOT NULL CHECK (role IN ('clerk', 'officer', 'manager')),
                    active        INTEGER NOT NULL DEFAULT 1,
                    created_at    TEXT NOT NULL
                ) WITHOUT ROWID;
                -- Teams that own work (referred enquiries, tasks).
                CREATE TABLE team (
                    code    TEXT PRIMARY KEY,
                    name    TEXT NOT NULL,
                    active  INTEGER NOT NULL DEFAULT 1
                ) WITHOUT ROWID;
                CREATE TABLE staff_team (
                    login      TEXT NOT NULL REFERENCES staff(login),
                    team_code  TEXT NOT NULL REFERENCES team(code),
                    PRIMARY KEY (login, team_code)
                ) WITHOUT ROWID;
                CREATE INDEX staff_team_by_team ON staff_team(team_code, login);
                """)
            for team in Team.standard {
                try db.execute(sql: "INSERT INTO team (code, name) VALUES (?, ?)", arguments: [team.code, team.name])
            }
        }
        migrator.registerMigration("v3-audit-chain") { db in
            // Seal the rows written so far into the chain, then keep the table append-only.
            try db.execute(sql: "DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete")
            try AuditChain.sealExisting(db)
            try db.execute(sql: """
                CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
                    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
                CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
                    BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
                """)
        }
        migrator.registerMigration("v4-restricted-and-merged") { db in
            try db.execute(sql: """
                -- A restricted record (a member of staff, a safeguarding case): listed
                -- masked, opened only with a reason (break-glass, audited).
                CREATE TABLE patient_restriction (
                    patient_id     INTEGER PRIMARY KEY REFERENCES patient(id),
                    reason         TEXT NOT NULL,
                    restricted_by  TEXT NOT NULL,
                    restricted_at  TEXT NOT NULL
                );
                -- A duplicate merged into the record kept: its row stays (the audit
                -- trail refers to it), and every look-up of it leads to the kept one.
                CREATE TABLE patient_merge (
                    duplicate_id  INTEGER PRIMARY KEY REFERENCES patient(id),
                    kept_id       INTEGER NOT NULL REFERENCES patient(id),
                    reason        TEXT NOT NULL,
                    merged_by     TEXT NOT NULL,
                    merged_at     TEXT NOT NULL
                );
                CREATE INDEX patient_merge_by_kept ON patient_merge(kept_id);
                """)
        }
        migrator.registerMigration("v5-settings") { db in
            try db.execute(sql: """
                -- Values a manager may change (idle lock, callback times, opening
                -- hours, closure days); a key that is absent has its default.
                CREATE TABLE setting (
                    key         TEXT PRIMARY KEY,
                    value       TEXT NOT NULL,
                    changed_by  TEXT NOT NULL,
                    changed_at  TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6-clinic-setup") { db in
            try db.execute(sql: """
                -- Where, what and by whom clinics are held (codes are stable and never reused).
                CREATE TABLE site (
                    code    TEXT PRIMARY KEY,
                    name    TEXT NOT NULL,
                    active  INTEGER NOT NULL DEFAULT 1
                ) WITHOUT ROWID;
                CREATE TABLE service (
                    code             TEXT PRIMARY KEY,
                    name             TEXT NOT NULL,
                    default_minutes  INTEGER NOT NULL CHECK (default_minutes BETWEEN 5 AND 480),
                    attendance       TEXT NOT NULL CHECK (attendance IN ('first', 'follow_up')),
                    mode             TEXT NOT NULL CHECK (mode IN ('face_to_face', 'telephone', 'video')),
                    active           INTEGER NOT NULL DEFAULT 1
                ) WITHOUT ROWID;
                -- Clinicians and resources (a chair, a linear accelerator) who are diary
                -- entries, not FrontDesk users.
                CREATE TABLE clinician (
                    code    TEXT PRIMARY KEY,
                    name    TEXT NOT NULL,
                    role    TEXT NOT NULL,
                    active  INTEGER NOT NULL DEFAULT 1
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7-booking") { db in
            try db.execute(sql: """
                -- When clinics are held (SessionTemplate); sessions are generated from them.
                CREATE TABLE session_template (
                    id              INTEGER PRIMARY KEY,
                    service_code    TEXT NOT NULL REFERENCES service(code),
                    site_code       TEXT NOT NULL REFERENCES site(code),
                    clinician_code  TEXT NOT NULL REFERENCES clinician(code),
                    weekdays        TEXT NOT NULL,                 -- mon,wed,fri
                    start_time      TEXT NOT NULL,                 -- HH:MM local time
                    end_time        TEXT NOT NULL,
                    slot_minutes    INTEGER NOT NULL,
                    capacity        INTEGER NOT NULL,
                    valid_from      TEXT NOT NULL,
                    valid_to        TEXT,
                    created_by      TEXT NOT NULL,
                    created_at      TEXT NOT NULL
                );
                -- One occurrence of a clinic on a date. A template gives at most one per date.
                CREATE TABLE clinic_session (
                    id              INTEGER PRIMARY KEY,
                    template_id     INTEGER REFERENCES session_template(id),
                    date            TEXT NOT NULL,
                    start_time      TEXT NOT NULL,
                    end_time        TEXT NOT NULL,
                    site_code       TEXT NOT NULL REFERENCES site(code),
                    service_code    TEXT NOT NULL REFERENCES service(code),
                    clinician_code  TEXT NOT NULL REFERENCES clinician(code),
                    cancel_reason   TEXT,
                    cancelled_by    TEXT,
                    cancelled_at    TEXT
                );
                CREATE UNIQUE INDEX clinic_session_once ON clinic_session(template_id, date) WHERE template_id IS NOT NULL;
                CREATE INDEX clinic_session_by_date ON clinic_session(date, start_time);
                -- Bookable times. Service, site and clinician are copied from the
                -- session so that "next available" reads one index; `booked` counts
                -- the appointments holding a place, kept in the booking transaction.
                CREATE TABLE slot (
                    id              INTEGER PRIMARY KEY,
                    session_id      INTEGER NOT NULL REFERENCES clinic_session(id),
                    date            TEXT NOT NULL,
                    start_time      TEXT NOT NULL,
                    end_time        TEXT NOT NULL,
                    service_code    TEXT NOT NULL,
                    site_code       TEXT NOT NULL,
                    clinician_code  TEXT NOT NULL,
                    capacity        INTEGER NOT NULL CHECK (capacity >= 1),
                    booked          INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
                    open            INTEGER NOT NULL DEFAULT 1
                );
                CREATE INDEX slot_by_session ON slot(session_id, start_time);
                CREATE INDEX slot_free_by_service ON slot(service_code, date, start_time) WHERE open = 1 AND booked < capacity;
                CREATE INDEX slot_free_by_clinician ON slot(clinician_code, date, start_time) WHERE open = 1 AND booked < capacity;
                CREATE TABLE appointment (
                    id               INTEGER PRIMARY KEY,
                    patient_id       INTEGER NOT NULL REFERENCES patient(id),
                    slot_id          INTEGER REFERENCES slot(id),
                    session_id       INTEGER REFERENCES clinic_session(id),
                    service_code     TEXT NOT NULL,
                    clinician_code   TEXT NOT NULL,
                    site_code        TEXT NOT NULL,
                    date             TEXT NOT NULL,
                    start_time       TEXT NOT NULL,
                    end_time         TEXT NOT NULL,
                    priority         TEXT NOT NULL,
                    attendance       TEXT NOT NULL,
                    referral_source  TEXT,
                    transport        TEXT NOT NULL DEFAULT 'none',
                    mobility         TEXT,
                    note             TEXT,
                    status           TEXT NOT NULL,
                    outcome          INTEGER,
                    walk_in          INTEGER NOT NULL DEFAULT 0,
                    overbook_reason  TEXT,
                    cancelled_by     TEXT,
                    cancel_reason    TEXT,
                    cancel_text      TEXT,
                    replaces_id      INTEGER REFERENCES appointment(id),
                    replaced_by_id   INTEGER REFERENCES appointment(id),
                    booked_by        TEXT NOT NULL,
                    booked_at        TEXT NOT NULL
                );
                CREATE INDEX appointment_by_patient ON appointment(patient_id, date, start_time);
                CREATE INDEX appointment_by_day ON appointment(date, site_code, start_time);
                CREATE INDEX appointment_by_session ON appointment(session_id, start_time);
                CREATE INDEX appointment_by_slot ON appointment(slot_id);
                -- Each appointment's trail: appended only.
                CREATE TABLE appointment_event (
                    id              INTEGER PRIMARY KEY,
                    appointment_id  INTEGER NOT NULL REFERENCES appointment(id),
                    at              TEXT NOT NULL,
                    user_login      TEXT NOT NULL,
                    action          TEXT NOT NULL,
                    from_status     TEXT,
                    to_status       TEXT,
                    detail          TEXT NOT NULL
                );
                CREATE INDEX appointment_event_by_appointment ON appointment_event(appointment_id, id);
                CREATE TRIGGER appointment_event_no_update BEFORE UPDATE ON appointment_event
                    BEGIN SELECT RAISE(ABORT, 'appointment_event is append-only'); END;
                CREATE TRIGGER appointment_event_no_delete BEFORE DELETE ON appointment_event
                    BEGIN SELECT RAISE(ABORT, 'appointment_event is append-only'); END;
                CREATE TABLE task (
                    id              INTEGER PRIMARY KEY,
                    team_code       TEXT NOT NULL REFERENCES team(code),
                    patient_id      INTEGER NOT NULL REFERENCES patient(id),
                    appointment_id  INTEGER REFERENCES appointment(id),
                    course_id       INTEGER,
                    service_code    TEXT,
                    kind            TEXT NOT NULL,
                    description     TEXT NOT NULL,
                    due_date        TEXT NOT NULL,
                    due_time        TEXT NOT NULL,
                    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
                    created_by      TEXT NOT NULL,
                    created_at      TEXT NOT NULL,
                    closed_by       TEXT,
                    closed_at       TEXT,
                    close_note      TEXT
                );
                CREATE INDEX task_open_by_team ON task(team_code, due_date, due_time) WHERE status = 'open';
                CREATE INDEX task_by_patient ON task(patient_id, due_date);
                CREATE INDEX task_by_appointment ON task(appointment_id) WHERE appointment_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v8-staff-default-site") { db in
            // The site each person usually works at (top line, clinics pane).
            try db.execute(sql: "ALTER TABLE staff ADD COLUMN default_site TEXT REFERENCES site(code)")
        }
        migrator.registerMigration("v9-protocols") { db in
            try db.execute(sql: """
                -- Treatment protocols as imported (the YAML file itself), one row per
                -- version; a booked course names the version it was booked with.
                CREATE TABLE treatment_protocol (
                    code         TEXT NOT NULL,
                    version      INTEGER NOT NULL CHECK (version >= 1),
                    name         TEXT NOT NULL,
                    yaml         TEXT NOT NULL,
                    imported_by  TEXT NOT NULL,
                    imported_at  TEXT NOT NULL,
                    PRIMARY KEY (code, version)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v10-courses") { db in
            try db.execute(sql: """
                -- A protocol booked for a patient, at the version it was booked with.
                CREATE TABLE course (
                    id                INTEGER PRIMARY KEY,
                    patient_id        INTEGER NOT NULL REFERENCES patient(id),
                    protocol_code     TEXT NOT NULL,
                    protocol_version  INTEGER NOT NULL,
                    start_date        TEXT NOT NULL,
                    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
                    stop_reason       TEXT,
                    booked_by         TEXT NOT NULL,
                    booked_at         TEXT NOT NULL,
                    FOREIGN KEY (protocol_code, protocol_version) REFERENCES treatment_protocol(code, version)
                );
                CREATE INDEX course_by_patient ON course(patient_id, start_date);
                -- Each step occurrence of a course: the appointment first booked for it
                -- (rebookings are followed through appointment.replaced_by_id) or its task.
                CREATE TABLE course_step (
                    course_id        INTEGER NOT NULL REFERENCES course(id),
                    cycle            INTEGER NOT NULL CHECK (cycle >= 1),
                    step             TEXT NOT NULL,
                    instance         INTEGER NOT NULL CHECK (instance >= 1),
                    kind             TEXT NOT NULL CHECK (kind IN ('appointment', 'task')),
                    appointment_id   INTEGER REFERENCES appointment(id),
                    task_id          INTEGER REFERENCES task(id),
                    planned_date     TEXT NOT NULL,
                    override_reason  TEXT,
                    PRIMARY KEY (course_id, cycle, step, instance)
                ) WITHOUT ROWID;
                CREATE INDEX course_step_by_appointment ON course_step(appointment_id) WHERE appointment_id IS NOT NULL;
                -- When a patient can come, for planning courses (one row per patient).
                CREATE TABLE patient_preference (
                    patient_id            INTEGER PRIMARY KEY REFERENCES patient(id),
                    unavailable_weekdays  TEXT NOT NULL DEFAULT '',
                    not_before            TEXT,
                    not_after             TEXT,
                    unavailable_dates     TEXT NOT NULL DEFAULT '',
                    updated_by            TEXT NOT NULL,
                    updated_at            TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v11-slot-free-covering") { db in
            // The free-slot index carries every column a slot read needs, so reading
            // a course's free slots (tens of thousands of radiotherapy slots) never
            // visits the table: same order, same rows, about a third less time.
            try db.execute(sql: """
                DROP INDEX slot_free_by_service;
                CREATE INDEX slot_free_by_service ON slot(service_code, date, start_time, end_time, session_id, site_code,
                    clinician_code, capacity, booked) WHERE open = 1 AND booked < capacity;
                """)
        }
        migrator.registerMigration("v12-enquiries") { db in
            try db.execute(sql: """
                -- Calls, visits, emails and letters the desk logs (issue 7).
                CREATE TABLE enquiry (
                    id              INTEGER PRIMARY KEY,
                    received_at     TEXT NOT NULL,
                    channel         TEXT NOT NULL,
                    caller_type     TEXT NOT NULL,
                    caller_name     TEXT NOT NULL,
                    caller_phone    TEXT,
                    organisation    TEXT,
                    patient_id      INTEGER REFERENCES patient(id),
                    category        TEXT NOT NULL,
                    priority        TEXT NOT NULL,
                    summary         TEXT NOT NULL,
                    safeguarding    INTEGER NOT NULL DEFAULT 0,
                    aggression      INTEGER NOT NULL DEFAULT 0,
                    status          TEXT NOT NULL,
                    identity        TEXT NOT NULL,
                    callback_due    TEXT,
                    team_code       TEXT REFERENCES team(code),
                    taken_by        TEXT NOT NULL,
                    outcome         TEXT,
                    identity_checked_at TEXT
                );
                -- The queue (EnquiryStore.enquiries): open ones in the queue's order — callbacks by their
                -- due time, then the others by when they came in, then the number (rowid, the index's
                -- last column) — read in index order and stopped at the limit. One small partial index
                -- per filter (all open, mine, a team, escalated); the overdue callbacks (the top line's
                -- count, `--overdue`) are a range of the same indexes: callback_due IS NULL = 0 AND
                -- callback_due < now. Only open rows are indexed.
                CREATE INDEX enquiry_open_by_due ON enquiry(callback_due IS NULL, callback_due, received_at)
                    WHERE status != 'closed';
                CREATE INDEX enquiry_open_by_taker ON enquiry(taken_by, callback_due IS NULL, callback_due, received_at)
                    WHERE status != 'closed';
                CREATE INDEX enquiry_open_by_team ON enquiry(team_code, callback_due IS NULL, callback_due, received_at)
                    WHERE status != 'closed';
                CREATE INDEX enquiry_escalated_by_due ON enquiry(callback_due IS NULL, callback_due, received_at)
                    WHERE status = 'escalated';
                CREATE INDEX enquiry_by_patient ON enquiry(patient_id, received_at) WHERE patient_id IS NOT NULL;
                CREATE INDEX enquiry_by_received ON enquiry(received_at);
                -- Each enquiry's history: appended only.
                CREATE TABLE enquiry_event (
                    id           INTEGER PRIMARY KEY,
                    enquiry_id   INTEGER NOT NULL REFERENCES enquiry(id),
                    at           TEXT NOT NULL,
                    user_login   TEXT NOT NULL,
                    kind         TEXT NOT NULL,
                    from_status  TEXT,
                    to_status    TEXT,
                    detail       TEXT NOT NULL,
                    -- The time a callback_due line promises (what the statistics count lateness against).
                    due_at       TEXT
                );
                CREATE INDEX enquiry_event_by_enquiry ON enquiry_event(enquiry_id, id);
                CREATE TRIGGER enquiry_event_no_update BEFORE UPDATE ON enquiry_event
                    BEGIN SELECT RAISE(ABORT, 'enquiry_event is append-only'); END;
                CREATE TRIGGER enquiry_event_no_delete BEFORE DELETE ON enquiry_event
                    BEGIN SELECT RAISE(ABORT, 'enquiry_event is append-only'); END;
                -- Whom a patient agrees the desk may tell what (relatives and carers).
                CREATE TABLE sharing_consent (
                    id            INTEGER PRIMARY KEY,
                    patient_id    INTEGER NOT NULL REFERENCES patient(id),
                    person        TEXT NOT NULL,
                    relationship  TEXT NOT NULL,
                    scopes        TEXT NOT NULL,
                    recorded_by   TEXT NOT NULL,
                    recorded_at   TEXT NOT NULL,
                    withdrawn_by  TEXT,
                    withdrawn_at  TEXT,
                    withdrawn_reason TEXT
                );
                CREATE INDEX sharing_consent_by_patient ON sharing_consent(patient_id);
                -- A withdrawn consent is kept (withdrawn_by, withdrawn_at, withdrawn_reason), never deleted.
                CREATE TRIGGER sharing_consent_no_delete BEFORE DELETE ON sharing_consent
                    BEGIN SELECT RAISE(ABORT, 'sharing_consent is kept: withdraw it instead'); END;
                """)
        }
        migrator.registerMigration("v13-case-notes") { db in
            try db.execute(sql: """
                -- Paper case-note volumes (issue 8): numbered 1, 2, … per patient, with
                -- where each is now. Every patient also has an electronic record (no row).
                CREATE TABLE case_note_volume (
                    id             INTEGER PRIMARY KEY,
                    patient_id     INTEGER NOT NULL REFERENCES patient(id),
                    number         INTEGER NOT NULL CHECK (number >= 1),
                    location_kind  TEXT NOT NULL
                        CHECK (location_kind IN ('library', 'clinic', 'secretary', 'offsite', 'transit', 'missing')),
                    location_place TEXT,                           -- shelf, SERVICE[@SITE], name, where to
                    moved_at       TEXT NOT NULL,                  -- UTC, the last movement
                    moved_by       TEXT NOT NULL,
                    created_at     TEXT NOT NULL,
                    created_by     TEXT NOT NULL
                );
                -- A patient's volumes by number (the pull list reads the day's patients' volumes through it).
                CREATE UNIQUE INDEX case_note_volume_by_patient ON case_note_volume(patient_id, number);
                -- The patients with a volume recorded missing (the banner's flag).
                CREATE INDEX case_note_volume_missing ON case_note_volume(patient_id) WHERE location_kind = 'missing';
                -- Each volume's movements: appended only.
                CREATE TABLE case_note_movement (
                    id             INTEGER PRIMARY KEY,
                    volume_id      INTEGER NOT NULL REFERENCES case_note_volume(id),
                    volume_number  INTEGER NOT NULL,               -- the number when written (a merge may renumber)
                    from_kind      TEXT,                           -- null on the line that opened the volume
                    from_place     TEXT,
                    to_kind        TEXT NOT NULL,
                    to_place       TEXT,
                    user_login     TEXT NOT NULL,
                    at             TEXT NOT NULL,
                    note           TEXT
                );
                CREATE INDEX case_note_movement_by_volume ON case_note_movement(volume_id, id);
                CREATE TRIGGER case_note_movement_no_update BEFORE UPDATE ON case_note_movement
                    BEGIN SELECT RAISE(ABORT, 'case_note_movement is append-only'); END;
                CREATE TRIGGER case_note_movement_no_delete BEFORE DELETE ON case_note_movement
                    BEGIN SELECT RAISE(ABORT, 'case_note_movement is append-only'); END;
                """)
        }
        migrator.registerMigration("v14-checklist") { db in
            try db.execute(sql: """
                -- Hand marks on end-of-day checklist items (issue 8): appended only, the
                -- latest mark of an item is its current one. item_date is the date in the
                -- item's id (the clinic's or the callback's), so a checklist reads the marks
                -- of its dates as one range of the index.
                CREATE TABLE checklist_mark (
                    id          INTEGER PRIMARY KEY,
                    item_id     TEXT NOT NULL,                 -- 'A-20261124-a1234'
                    item_date   TEXT NOT NULL,                 -- YYYY-MM-DD
                    action      TEXT NOT NULL CHECK (action IN ('done', 'deferred', 'cleared')),
                    reason      TEXT,
                    user_login  TEXT NOT NULL,
                    at          TEXT NOT NULL,                 -- UTC
                    patient_id  INTEGER REFERENCES patient(id),
                    CHECK (action = 'done' OR reason IS NOT NULL)
                );
                CREATE INDEX checklist_mark_by_date ON checklist_mark(item_date, item_id, id);
                CREATE INDEX checklist_mark_by_item ON checklist_mark(item_id, id);
                CREATE TRIGGER checklist_mark_no_update BEFORE UPDATE ON checklist_mark
                    BEGIN SELECT RAISE(ABORT, 'checklist_mark is append-only'); END;
                CREATE TRIGGER checklist_mark_no_delete BEFORE DELETE ON checklist_mark
                    BEGIN SELECT RAISE(ABORT, 'checklist_mark is append-only'); END;
                -- A day signed off for a site: once, never changed; the report is the
                -- checklist frozen as JSON, audit_row and audit_hash the sign-off's own audit row.
                CREATE TABLE checklist_signoff (
                    date        TEXT NOT NULL,
                    site_code   TEXT NOT NULL REFERENCES site(code),
                    signed_by   TEXT NOT NULL,
                    signed_at   TEXT NOT NULL,
                    audit_row   INTEGER NOT NULL,
                    audit_hash  TEXT NOT NULL,
                    items       INTEGER NOT NULL,
                    deferred    INTEGER NOT NULL,
                    report      TEXT NOT NULL,
                    PRIMARY KEY (date, site_code)
                ) WITHOUT ROWID;
                CREATE TRIGGER checklist_signoff_no_update BEFORE UPDATE ON checklist_signoff
                    BEGIN SELECT RAISE(ABORT, 'checklist_signoff is append-only'); END;
                CREATE TRIGGER checklist_signoff_no_delete BEFORE DELETE ON checklist_signoff
                    BEGIN SELECT RAISE(ABORT, 'checklist_signoff is append-only'); END;
                -- The callbacks promised for a day (checklist): one range of a small partial index.
                CREATE INDEX enquiry_event_callback_due ON enquiry_event(due_at, enquiry_id) WHERE kind = 'callback_due';
                """)
        }
        migrator.registerMigration("v15-service-pharmacy-screening") { db in
            try db.execute(sql: """
                -- A treatment whose prescription pharmacy screens before each appointment (a SACT chair): the
                -- checklist's P item. Set where the checklist used to go by the code (services starting 'sact').
                ALTER TABLE service ADD COLUMN pharmacy_screening INTEGER NOT NULL DEFAULT 0 CHECK (pharmacy_screening IN (0, 1));
                UPDATE service SET pharmacy_screening = 1 WHERE code LIKE 'sact%';
                """)
        }
        migrator.registerMigration("v16-checklist-marks-follow-merge") { db in
            try db.execute(sql: """
                -- A patient merge moves the duplicate's checklist marks to the record kept (ChecklistRows.followMerge),
                -- in the merge's transaction: patient_id becomes the kept record's, and the id of a per-session item
                -- (N-YYYYMMDD-s<session>p<duplicate>) becomes the kept record's item (…p<kept>), so the mark is on the
                -- item the checklist now generates. merged_from keeps the id as it was marked.
                ALTER TABLE checklist_mark ADD COLUMN merged_from TEXT;
                -- Otherwise still append-only: the one change allowed is that move, and only along a merge that is
                -- recorded (patient_merge), with who, when, what and why left as they were. The rows keep their ids,
                -- so the marks of both records on one item stay in the order they were made (the latest counts).
                DROP TRIGGER checklist_mark_no_update;
                CREATE TRIGGER checklist_mark_no_update BEFORE UPDATE ON checklist_mark
                    WHEN NOT (
                        NEW.id = OLD.id AND NEW.item_date = OLD.item_date AND NEW.action = OLD.action
                        AND NEW.reason IS OLD.reason AND NEW.user_login = OLD.user_login AND NEW.at = OLD.at
                        AND OLD.patient_id IS NOT NULL
                        AND EXISTS (SELECT 1 FROM patient_merge m WHERE m.duplicate_id = OLD.patient_id AND m.kept_id = NEW.patient_id)
                        AND ((NEW.item_id = OLD.item_id AND NEW.merged_from IS OLD.merged_from)
                             OR (substr(OLD.item_id, -length('p' || OLD.patient_id)) = 'p' || OLD.patient_id
                                 AND NEW.item_id = substr(OLD.item_id, 1, length(OLD.item_id) - length('p' || OLD.patient_id))
                                                   || 'p' || NEW.patient_id
                                 AND NEW.merged_from IS COALESCE(OLD.merged_from, OLD.item_id))))
                    BEGIN SELECT RAISE(ABORT, 'checklist_mark is append-only (only a patient merge moves a mark to the record kept)'); END;
                CREATE INDEX checklist_mark_by_patient ON checklist_mark(patient_id) WHERE patient_id IS NOT NULL;
                -- The marks of duplicates merged before now follow them to the record kept.
                UPDATE checklist_mark SET
                    patient_id = m.kept_id,
                    item_id = CASE WHEN substr(item_id, -length('p' || patient_id)) = 'p' || patient_id
                                   THEN substr(item_id, 1, length(item_id) - length('p' || patient_id)) || 'p' || m.kept_id
                                   ELSE item_id END,
                    merged_from = CASE WHEN substr(item_id, -length('p' || patient_id)) = 'p' || patient_id
                                       THEN COALESCE(merged_from, item_id) ELSE merged_from END
                FROM patient_merge m WHERE m.duplicate_id = checklist_mark.patient_id;
                """)
        }
        return migrator
    }
}
