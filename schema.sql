-- uytin: the one canonical schema.
--
-- The binary embeds this file and applies it through GRDB's migrator: each "-- migration: NAME" section runs once,
-- in order, in one transaction. A section that has shipped never changes; a later change is a new section at the
-- end of this file.
--
-- The invariants of the registry live here, not only in Swift, so that they hold against a buggy caller or a
-- clerk with the sqlite3 shell: STRICT tables, foreign keys, CHECK and UNIQUE constraints, and triggers. A trigger
-- that refuses a write raises "uytin:<rule>: <English explanation>"; the storage layer maps <rule> to a message
-- in the clerk's language.
--
-- The tables written row by row in bulk (person, person_role, proposal, entitlement) spell their CHECKs' lists as
-- x = 'a' OR x = 'b': SQLite 3.40 rebuilds the lookup table of an IN (...) list for every row a CHECK tests (about
-- 10,000 instructions per list per row, a third of an entitlement's insert); the rules are the same.
--
-- Conventions: days are TEXT 'YYYY-MM-DD' (checked with date(x, '+0 days') IS x, which also refuses 2021-02-30); moments
-- are TEXT in UTC 'YYYY-MM-DDTHH:MM:SSZ'; money is INTEGER whole đồng; *_key columns hold the search key of a
-- name (no diacritics, lower case, đ → d).

-- migration: 001-registry

-- Reference data ------------------------------------------------------------------------------------------------

CREATE TABLE province (
    code TEXT PRIMARY KEY CHECK (length(code) = 2 AND code NOT GLOB '*[^0-9]*'),
    name TEXT NOT NULL
) STRICT;

CREATE TABLE ethnic_group (
    code     TEXT PRIMARY KEY CHECK (length(code) = 2 AND code NOT GLOB '*[^0-9]*'),
    name     TEXT NOT NULL UNIQUE,
    name_key TEXT NOT NULL UNIQUE
) STRICT;

-- Local names (Cao Lan → Sán Chay, Trại → Sán Dìu), looked up by key.
CREATE TABLE ethnic_alias (
    alias_key TEXT PRIMARY KEY,
    alias     TEXT NOT NULL,
    code      TEXT NOT NULL REFERENCES ethnic_group(code)
) STRICT;

-- Reasons a person leaves the list. The confirmed ones and the expected ones ship; a province may add its own.
CREATE TABLE removal_reason (
    code      TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z_]*'),
    name_vi   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1))
) STRICT;

-- The province and term this database keeps. One row.
CREATE TABLE setting (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    province_code   TEXT    NOT NULL REFERENCES province(code),
    term_first_year INTEGER NOT NULL CHECK (term_first_year BETWEEN 2000 AND 2100),
    term_last_year  INTEGER NOT NULL CHECK (term_last_year BETWEEN term_first_year AND term_first_year + 9),
    created_at      TEXT    NOT NULL
) STRICT;

CREATE TRIGGER setting_is_fixed BEFORE UPDATE ON setting
BEGIN
    SELECT RAISE(ABORT, 'uytin:setting_fixed: the province and term of a database never change');
END;

-- Areas and villages --------------------------------------------------------------------------------------------

-- Districts (3-digit official code) and communes (5-digit official code, inside a district).
CREATE TABLE area (
    code        TEXT PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('district', 'commune')),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_key    TEXT NOT NULL,
    parent_code TEXT REFERENCES area(code),
    CHECK ((level = 'district' AND parent_code IS NULL AND length(code) = 3 AND code NOT GLOB '*[^0-9]*')
        OR (level = 'commune' AND parent_code IS NOT NULL AND length(code) = 5 AND code NOT GLOB '*[^0-9]*'))
) STRICT;

CREATE INDEX area_parent ON area(parent_code);

CREATE TRIGGER area_commune_in_district BEFORE INSERT ON area
WHEN NEW.level = 'commune'
 AND NOT EXISTS (SELECT 1 FROM area WHERE code = NEW.parent_code AND level = 'district')
BEGIN
    SELECT RAISE(ABORT, 'uytin:commune_parent: a commune belongs to a district');
END;

CREATE TRIGGER area_is_kept BEFORE DELETE ON area
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: areas are never deleted');
END;

-- A village (thôn, bản, ấp...). A merger marks the old villages merged (merged_on, then merged_into the new one).
CREATE TABLE village (
    id             INTEGER PRIMARY KEY,
    commune_code   TEXT    NOT NULL REFERENCES area(code),
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_key       TEXT    NOT NULL,
    quota          INTEGER NOT NULL DEFAULT 1 CHECK (quota BETWEEN 1 AND 20),
    merged_on      TEXT    CHECK (merged_on IS NULL OR date(merged_on, '+0 days') IS merged_on),
    merge_decision TEXT,
    merged_into    INTEGER REFERENCES village(id),
    created_at     TEXT    NOT NULL,
    CHECK (merged_into IS NULL OR merged_on IS NOT NULL),
    CHECK ((merged_on IS NULL) = (merge_decision IS NULL))
) STRICT;

CREATE UNIQUE INDEX village_active_name ON village(commune_code, name_key) WHERE merged_on IS NULL;
CREATE INDEX village_merged_into ON village(merged_into);

CREATE TRIGGER village_in_commune BEFORE INSERT ON village
WHEN NOT EXISTS (SELECT 1 FROM area WHERE code = NEW.commune_code AND level = 'commune')
BEGIN
    SELECT RAISE(ABORT, 'uytin:village_commune: a village belongs to a commune');
END;

-- Only the merger itself may change a village, once; its name, commune and quota are fixed.
CREATE TRIGGER village_merge_once BEFORE UPDATE ON village
WHEN OLD.merged_into IS NOT NULL
  OR (OLD.merged_on IS NOT NULL AND (NEW.merged_on IS NOT OLD.merged_on OR NEW.merge_decision IS NOT OLD.merge_decision))
  OR NEW.commune_code IS NOT OLD.commune_code OR NEW.name IS NOT OLD.name OR NEW.quota IS NOT OLD.quota
BEGIN
    SELECT RAISE(ABORT, 'uytin:village_fixed: a village changes only by one merger');
END;

CREATE TRIGGER village_is_kept BEFORE DELETE ON village
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: villages are never deleted');
END;

-- Persons -------------------------------------------------------------------------------------------------------

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT    NOT NULL CHECK (length(full_name) BETWEEN 2 AND 100),
    name_key    TEXT    NOT NULL,
    gender      TEXT    NOT NULL CHECK (gender = 'nam' OR gender = 'nu'),
    birth_year  INTEGER NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
    birth_date  TEXT    CHECK (birth_date IS NULL
                               OR (date(birth_date, '+0 days') IS birth_date AND CAST(substr(birth_date, 1, 4) AS INTEGER) = birth_year)),
    ethnic_code TEXT    NOT NULL REFERENCES ethnic_group(code),
    village_id  INTEGER NOT NULL REFERENCES village(id),
    id_number   TEXT    UNIQUE CHECK (id_number IS NULL OR ((length(id_number) = 9 OR length(id_number) = 12) AND id_number NOT GLOB '*[^0-9]*')),
    phone       TEXT    CHECK (phone IS NULL OR (length(phone) BETWEEN 8 AND 15 AND phone NOT GLOB '*[^0-9+]*')),
    death_date  TEXT    CHECK (death_date IS NULL OR date(death_date, '+0 days') IS death_date),
    created_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX person_name_key ON person(name_key);
CREATE INDEX person_village ON person(village_id);

-- A death, once recorded, is not undone; a person row is never deleted.
CREATE TRIGGER person_death_once BEFORE UPDATE OF death_date ON person
WHEN OLD.death_date IS NOT NULL AND NEW.death_date IS NOT OLD.death_date
BEGIN
    SELECT RAISE(ABORT, 'uytin:death_recorded: a recorded death is not changed');
END;

CREATE TRIGGER person_is_kept BEFORE DELETE ON person
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: persons are never deleted');
END;

CREATE TABLE person_role (
    person_id INTEGER NOT NULL REFERENCES person(id),
    role      TEXT    NOT NULL CHECK (role = 'retired_cadre' OR role = 'village_head' OR role = 'village_elder'
                                      OR role = 'party_secretary' OR role = 'clan_head' OR role = 'religious_dignitary'
                                      OR role = 'ritual_practitioner' OR role = 'intellectual' OR role = 'business'
                                      OR role = 'artisan' OR role = 'party_member' OR role = 'other'),
    PRIMARY KEY (person_id, role)
) STRICT, WITHOUT ROWID;

-- Decisions -----------------------------------------------------------------------------------------------------

-- A signed decision: a legal fact the clerk records. Never changed, never deleted.
CREATE TABLE decision (
    id           INTEGER PRIMARY KEY,
    number       TEXT    NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
    number_key   TEXT    NOT NULL,
    issuer       TEXT    NOT NULL CHECK (length(issuer) BETWEEN 2 AND 200),
    issuer_key   TEXT    NOT NULL,
    decided_on   TEXT    NOT NULL CHECK (date(decided_on, '+0 days') IS decided_on),
    effective_on TEXT    NOT NULL CHECK (date(effective_on, '+0 days') IS effective_on),
    list_year    INTEGER,
    file_name    TEXT,
    file_sha256  TEXT    CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
    file_content BLOB,
    recorded_by  TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL,
    UNIQUE (number_key, issuer_key),
    CHECK ((file_name IS NULL) = (file_sha256 IS NULL) AND (file_name IS NULL) = (file_content IS NULL))
) STRICT;

CREATE TRIGGER decision_in_term BEFORE INSERT ON decision
WHEN NOT EXISTS (SELECT 1 FROM setting
                 WHERE CAST(substr(NEW.decided_on, 1, 4) AS INTEGER) BETWEEN term_first_year AND term_last_year
                   AND CAST(substr(NEW.effective_on, 1, 4) AS INTEGER) BETWEEN term_first_year AND term_last_year
                   AND (NEW.list_year IS NULL OR NEW.list_year BETWEEN term_first_year AND term_last_year))
BEGIN
    SELECT RAISE(ABORT, 'uytin:outside_term: a decision and its dates fall inside the term');
END;

CREATE TRIGGER decision_is_fixed BEFORE UPDATE ON decision
BEGIN
    SELECT RAISE(ABORT, 'uytin:decision_fixed: a recorded decision never changes');
END;

CREATE TRIGGER decision_is_kept BEFORE DELETE ON decision
BEGIN
    SELECT RAISE(ABORT, 'uytin:decision_fixed: a recorded decision is never deleted');
END;

-- Proposals -----------------------------------------------------------------------------------------------------

-- recognize: person_id enters village_id.  remove: person_id leaves for reason.  replace: person_id leaves and
-- replacement_id enters the same village.  rebind: person_id moves to village_id (after a merger).
CREATE TABLE proposal (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind = 'recognize' OR kind = 'remove' OR kind = 'replace' OR kind = 'rebind'),
    person_id      INTEGER NOT NULL REFERENCES person(id),
    replacement_id INTEGER REFERENCES person(id),
    village_id     INTEGER REFERENCES village(id),
    reason         TEXT    REFERENCES removal_reason(code),
    effective_on   TEXT    CHECK (effective_on IS NULL OR date(effective_on, '+0 days') IS effective_on),
    note           TEXT    CHECK (note IS NULL OR length(note) <= 2000),
    status         TEXT    NOT NULL DEFAULT 'pending' CHECK (status = 'pending' OR status = 'approved' OR status = 'rejected'
                                                          OR status = 'withdrawn'),
    decision_id    INTEGER REFERENCES decision(id),
    created_by     TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    CHECK ((kind = 'replace') = (replacement_id IS NOT NULL)),
    CHECK (replacement_id IS NOT person_id),
    CHECK ((kind = 'recognize' OR kind = 'rebind') = (village_id IS NOT NULL)),
    CHECK (kind <> 'remove' OR reason IS NOT NULL),
    CHECK ((kind = 'remove' OR kind = 'replace') OR reason IS NULL),
    CHECK ((status = 'approved' OR status = 'rejected') = (decision_id IS NOT NULL))
) STRICT;

CREATE INDEX proposal_person ON proposal(person_id);
CREATE INDEX proposal_replacement ON proposal(replacement_id);
CREATE INDEX proposal_decision ON proposal(decision_id);
CREATE INDEX proposal_status ON proposal(status);

-- A proposal is decided (or withdrawn) once; what it proposes never changes.
CREATE TRIGGER proposal_decided_once BEFORE UPDATE ON proposal
WHEN OLD.status <> 'pending'
  OR NEW.kind IS NOT OLD.kind OR NEW.person_id IS NOT OLD.person_id OR NEW.replacement_id IS NOT OLD.replacement_id
  OR NEW.village_id IS NOT OLD.village_id OR NEW.reason IS NOT OLD.reason OR NEW.effective_on IS NOT OLD.effective_on
  OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'uytin:proposal_decided: a proposal is decided once and never edited');
END;

CREATE TRIGGER proposal_is_kept BEFORE DELETE ON proposal
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: proposals are never deleted');
END;

-- Membership: the list over time ----------------------------------------------------------------------------------

-- One stay of one person on the list, for one village, from from_date (included) to to_date (excluded; NULL while
-- on the list). Entered and left only by decisions.
CREATE TABLE membership (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person(id),
    village_id        INTEGER NOT NULL REFERENCES village(id),
    from_date         TEXT    NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date           TEXT    CHECK (to_date IS NULL OR (date(to_date, '+0 days') IS to_date AND to_date > from_date)),
    start_decision_id INTEGER NOT NULL REFERENCES decision(id),
    start_proposal_id INTEGER REFERENCES proposal(id),
    end_decision_id   INTEGER REFERENCES decision(id),
    end_proposal_id   INTEGER REFERENCES proposal(id),
    end_reason        TEXT,
    CHECK ((to_date IS NULL) = (end_decision_id IS NULL) AND (to_date IS NULL) = (end_reason IS NULL))
) STRICT;

-- At most one open stay per person; overlapping closed stays are refused by a trigger below.
CREATE UNIQUE INDEX membership_one_open ON membership(person_id) WHERE to_date IS NULL;
CREATE INDEX membership_person ON membership(person_id, from_date);
CREATE INDEX membership_village ON membership(village_id, from_date);
CREATE INDEX membership_dates ON membership(from_date, to_date);

CREATE TRIGGER membership_once_at_a_time BEFORE INSERT ON membership
WHEN EXISTS (SELECT 1 FROM membership m
             WHERE m.person_id = NEW.person_id
               AND m.from_date < coalesce(NEW.to_date, '9999-12-31')
               AND coalesce(m.to_date, '9999-12-31') > NEW.from_date)
BEGIN
    SELECT RAISE(ABORT, 'uytin:already_listed: a person is on the list at most once at a time');
END;

CREATE TRIGGER membership_not_after_death BEFORE INSERT ON membership
WHEN EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id AND death_date IS NOT NULL AND death_date <= NEW.from_date)
BEGIN
    SELECT RAISE(ABORT, 'uytin:person_dead: a person who has died is not added to the list');
END;

CREATE TRIGGER membership_village_active BEFORE INSERT ON membership
WHEN EXISTS (SELECT 1 FROM village WHERE id = NEW.village_id AND merged_on IS NOT NULL AND merged_on <= NEW.from_date)
BEGIN
    SELECT RAISE(ABORT, 'uytin:village_merged: a merged village takes no one; use the village it merged into');
END;

CREATE TRIGGER membership_in_term BEFORE INSERT ON membership
WHEN NOT EXISTS (SELECT 1 FROM setting
                 WHERE CAST(substr(NEW.from_date, 1, 4) AS INTEGER) BETWEEN term_first_year AND term_last_year)
BEGIN
    SELECT RAISE(ABORT, 'uytin:outside_term: a decision and its dates fall inside the term');
END;

-- The quota: at no moment of the new stay may the village hold more persons than its quota. The moments to test
-- are the new stay's start and every other stay's start inside it.
CREATE TRIGGER membership_quota BEFORE INSERT ON membership
WHEN EXISTS (
    SELECT 1
    FROM (SELECT NEW.from_date AS moment
          UNION
          SELECT from_date FROM membership
          WHERE village_id = NEW.village_id
            AND from_date > NEW.from_date AND from_date < coalesce(NEW.to_date, '9999-12-31')) AS probe
    WHERE (SELECT count(*) FROM membership m
           WHERE m.village_id = NEW.village_id
             AND m.from_date <= probe.moment AND coalesce(m.to_date, '9999-12-31') > probe.moment)
          >= (SELECT quota FROM village WHERE id = NEW.village_id))
BEGIN
    SELECT RAISE(ABORT, 'uytin:quota_full: the village already has as many persons as its quota');
END;

-- A replacement enters the village its predecessor left under the same proposal.
CREATE TRIGGER membership_replacement_same_village BEFORE INSERT ON membership
WHEN NEW.start_proposal_id IS NOT NULL
 AND EXISTS (SELECT 1 FROM proposal WHERE id = NEW.start_proposal_id AND kind = 'replace')
 AND NOT EXISTS (SELECT 1 FROM membership WHERE end_proposal_id = NEW.start_proposal_id AND village_id = NEW.village_id)
BEGIN
    SELECT RAISE(ABORT, 'uytin:replacement_village: a replacement keeps the village of the person replaced');
END;

-- A stay is closed once, by a decision; nothing else about it changes.
CREATE TRIGGER membership_closed_once BEFORE UPDATE ON membership
WHEN OLD.to_date IS NOT NULL
  OR NEW.person_id IS NOT OLD.person_id OR NEW.village_id IS NOT OLD.village_id
  OR NEW.from_date IS NOT OLD.from_date OR NEW.start_decision_id IS NOT OLD.start_decision_id
  OR NEW.start_proposal_id IS NOT OLD.start_proposal_id
BEGIN
    SELECT RAISE(ABORT, 'uytin:membership_fixed: a stay on the list is closed once, by a decision');
END;

CREATE TRIGGER membership_end_reason BEFORE UPDATE OF end_reason ON membership
WHEN NEW.end_reason NOT IN ('replaced', 'rebound')
 AND NOT EXISTS (SELECT 1 FROM removal_reason WHERE code = NEW.end_reason)
BEGIN
    SELECT RAISE(ABORT, 'uytin:unknown_reason: a stay ends for a known removal reason, a replacement or a rebinding');
END;

CREATE TRIGGER membership_is_kept BEFORE DELETE ON membership
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: the list history is never deleted');
END;

-- Yearly lists: frozen -------------------------------------------------------------------------------------------

-- The approved list of a year. Its entries are written first, then this row, which freezes them.
CREATE TABLE yearly_list (
    year         INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL UNIQUE REFERENCES decision(id),
    as_of        TEXT    NOT NULL CHECK (date(as_of, '+0 days') IS as_of),
    person_count INTEGER NOT NULL CHECK (person_count >= 0)
) STRICT;

CREATE TABLE yearly_list_entry (
    year          INTEGER NOT NULL REFERENCES yearly_list(year) DEFERRABLE INITIALLY DEFERRED,
    person_id     INTEGER NOT NULL REFERENCES person(id),
    membership_id INTEGER NOT NULL REFERENCES membership(id),
    village_id    INTEGER NOT NULL REFERENCES village(id),
    PRIMARY KEY (year, person_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER yearly_list_complete BEFORE INSERT ON yearly_list
WHEN NEW.person_count <> (SELECT count(*) FROM yearly_list_entry WHERE year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: a yearly list is written whole, then frozen');
END;

CREATE TRIGGER yearly_list_entry_frozen BEFORE INSERT ON yearly_list_entry
WHEN EXISTS (SELECT 1 FROM yearly_list WHERE year = NEW.year)
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_fixed BEFORE UPDATE ON yearly_list
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_kept BEFORE DELETE ON yearly_list
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_entry_fixed BEFORE UPDATE ON yearly_list_entry
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_entry_kept BEFORE DELETE ON yearly_list_entry
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

-- Audit log: append-only, hash-chained -------------------------------------------------------------------------------

-- Every change: who, when, what, under which decision. hash = SHA-256 of the previous row's hash and this row's
-- content (see Storage/AuditLog.swift); `uytin audit verify` recomputes the chain.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
    action      TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   INTEGER,
    decision_id INTEGER REFERENCES decision(id),
    detail      TEXT    NOT NULL CHECK (json_valid(detail)),
    prev_hash   TEXT    NOT NULL CHECK (length(prev_hash) = 64),
    hash        TEXT    NOT NULL UNIQUE CHECK (length(hash) = 64)
) STRICT;

CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- Rows are appended in order, each naming the hash of the row before it.
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'uytin:audit_chain: audit rows are appended in order, each chained to the one before');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'uytin:audit_append_only: the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'uytin:audit_append_only: the audit log is append-only');
END;

-- The head of the chain, kept beside it so that deleting the newest rows is caught too.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT    NOT NULL
) STRICT;

CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log
BEGIN
    INSERT OR REPLACE INTO audit_head (id, last_id, last_hash) VALUES (1, NEW.id, NEW.hash);
END;

-- migration: 002-benefits

-- Benefits ------------------------------------------------------------------------------------------------------

-- The kinds of benefit (fixed by law); limit_group joins kinds that share a per-year limit (Tết and festival gifts).
CREATE TABLE benefit_kind (
    code        TEXT PRIMARY KEY,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    limit_group TEXT NOT NULL
) STRICT;

-- One version of a benefit's rule, in force from valid_from until the kind's next version. Never edited.
CREATE TABLE benefit_rule (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT    NOT NULL REFERENCES benefit_kind(code),
    valid_from         TEXT    NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
    amount             INTEGER NOT NULL CHECK (amount >= 0),
    cap                INTEGER CHECK (cap IS NULL OR cap >= 0),
    tiers              TEXT    NOT NULL DEFAULT '' ,
    per_year           INTEGER CHECK (per_year IS NULL OR per_year >= 1),
    lead_days          INTEGER NOT NULL DEFAULT 0 CHECK (lead_days BETWEEN 0 AND 60),
    funding            TEXT    NOT NULL CHECK (funding IN ('central', 'province', 'district')),
    normal_method      TEXT    NOT NULL CHECK (normal_method IN ('ceremony', 'home_visit', 'transfer', 'mail', 'in_kind', 'online')),
    contingency_policy TEXT    NOT NULL CHECK (contingency_policy IN ('home_delivery', 'transfer', 'postpone', 'online', 'cancel', 'unchanged')),
    basis              TEXT    NOT NULL,
    source             TEXT    NOT NULL CHECK (source IN ('confirmed', 'sample', 'province')),
    created_by         TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    UNIQUE (kind, valid_from),
    CHECK (cap IS NULL OR amount <= cap)
) STRICT;

CREATE TRIGGER benefit_rule_fixed BEFORE UPDATE ON benefit_rule
BEGIN
    SELECT RAISE(ABORT, 'uytin:rule_fixed: a rule version is never edited; add a new version with rule set');
END;

CREATE TRIGGER benefit_rule_kept BEFORE DELETE ON benefit_rule
BEGIN
    SELECT RAISE(ABORT, 'uytin:rule_fixed: a rule version is never deleted');
END;

-- Festivals: a lunar or solar month-day rule (year NULL), or the date a clerk enters for one year.
CREATE TABLE festival (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_key   TEXT    NOT NULL,
    calendar   TEXT    NOT NULL CHECK (calendar IN ('lunar', 'solar', 'dated')),
    month      INTEGER CHECK (month BETWEEN 1 AND 12),
    day        INTEGER CHECK (day BETWEEN 1 AND 31),
    year       INTEGER,
    date       TEXT    CHECK (date IS NULL OR date(date, '+0 days') IS date),
    created_at TEXT    NOT NULL,
    CHECK ((calendar = 'dated') = (date IS NOT NULL AND year IS NOT NULL AND month IS NULL AND day IS NULL)),
    CHECK (calendar = 'dated' OR (month IS NOT NULL AND day IS NOT NULL AND year IS NULL))
) STRICT;

CREATE UNIQUE INDEX festival_name_year ON festival(name_key, coalesce(year, 0));

CREATE TABLE festival_group (
    festival_id INTEGER NOT NULL REFERENCES festival(id) ON DELETE CASCADE,
    ethnic_code TEXT    NOT NULL REFERENCES ethnic_group(code),
    PRIMARY KEY (festival_id, ethnic_code)
) STRICT, WITHOUT ROWID;

-- Planned gatherings: training, study tours, commendations.
CREATE TABLE plan (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('training', 'study_tour', 'commendation')),
    plan_date  TEXT    NOT NULL CHECK (date(plan_date, '+0 days') IS plan_date),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    everyone   INTEGER NOT NULL CHECK (everyone IN (0, 1)),
    created_by TEXT    NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;

CREATE TABLE plan_participant (
    plan_id   INTEGER NOT NULL REFERENCES plan(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (plan_id, person_id)
) STRICT, WITHOUT ROWID;

-- Life events clerks record; a run turns each into the benefit it brings, once.
CREATE TABLE life_event (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('hospitalized', 'hardship', 'death', 'relative_death')),
    event_date   TEXT    NOT NULL CHECK (date(event_date, '+0 days') IS event_date),
    level        TEXT    CHECK (level IS NULL OR level IN ('central', 'province', 'district', 'commune')),
    note         TEXT,
    processed_by INTEGER REFERENCES run(id) DEFERRABLE INITIALLY DEFERRED,
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
) STRICT;

CREATE INDEX life_event_unprocessed ON life_event(event_date) WHERE processed_by IS NULL;
CREATE UNIQUE INDEX life_event_one_death ON life_event(person_id) WHERE kind = 'death';

-- Contingency periods (Covid-19 and the like): for the province, or one district or commune.
CREATE TABLE contingency (
    id         INTEGER PRIMARY KEY,
    from_date  TEXT    NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date    TEXT    CHECK (to_date IS NULL OR (date(to_date, '+0 days') IS to_date AND to_date >= from_date)),
    area_code  TEXT    REFERENCES area(code),
    reason     TEXT    NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
    decision   TEXT,
    created_by TEXT    NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;

-- A period's start, area and reason are fixed; its end is set once.
CREATE TRIGGER contingency_end_once BEFORE UPDATE ON contingency
WHEN OLD.to_date IS NOT NULL OR NEW.from_date IS NOT OLD.from_date OR NEW.area_code IS NOT OLD.area_code
  OR NEW.reason IS NOT OLD.reason OR NEW.decision IS NOT OLD.decision
BEGIN
    SELECT RAISE(ABORT, 'uytin:contingency_fixed: a contingency period is ended once and otherwise never changed');
END;

CREATE TRIGGER contingency_kept BEFORE DELETE ON contingency
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: contingency periods are never deleted');
END;

-- A run of the scheduler (cron's daily run, or a catch-up): who, when, which days, what it made, and fingerprints of
-- the rules and of the list it used.
CREATE TABLE run (
    id                INTEGER PRIMARY KEY,
    actor             TEXT    NOT NULL,
    started_at        TEXT    NOT NULL,
    finished_at       TEXT    NOT NULL,
    from_date         TEXT    NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date           TEXT    NOT NULL CHECK (date(to_date, '+0 days') IS to_date AND to_date >= from_date),
    created           INTEGER NOT NULL CHECK (created >= 0),
    updated           INTEGER NOT NULL CHECK (updated >= 0),
    cancelled         INTEGER NOT NULL CHECK (cancelled >= 0),
    rules_fingerprint TEXT    NOT NULL,
    list_fingerprint  TEXT    NOT NULL
) STRICT;

CREATE UNIQUE INDEX run_to_date ON run(to_date);

CREATE TRIGGER run_fixed BEFORE UPDATE ON run
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: a run is recorded once');
END;

CREATE TRIGGER run_kept BEFORE DELETE ON run
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: runs are never deleted');
END;

-- The occasions a run has processed, so that no later run processes them again.
CREATE TABLE run_occasion (
    kind   TEXT    NOT NULL REFERENCES benefit_kind(code),
    period TEXT    NOT NULL,
    run_id INTEGER NOT NULL REFERENCES run(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (kind, period)
) STRICT, WITHOUT ROWID;

-- What one person is owed for one benefit and period: at most one, whatever runs or crashes.
-- A run adds one row per person for an occasion, so no index here starts with person_id: such an index would take a
-- new entry on nearly every one of its pages for every occasion (90 MB of writes for one month's newspapers to
-- 30,000 persons with four years behind them). Keyed by occasion (kind, period) or by year first, an occasion's
-- entries land together.
CREATE TABLE entitlement (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person(id),
    kind           TEXT    NOT NULL REFERENCES benefit_kind(code),
    period         TEXT    NOT NULL,
    year           INTEGER NOT NULL,
    occasion_date  TEXT    NOT NULL CHECK (date(occasion_date, '+0 days') IS occasion_date),
    due_date       TEXT    NOT NULL CHECK (date(due_date, '+0 days') IS due_date),
    amount         INTEGER NOT NULL CHECK (amount >= 0),
    level          TEXT    CHECK (level IS NULL OR level = 'central' OR level = 'province' OR level = 'district'
                                  OR level = 'commune'),
    rule_id        INTEGER NOT NULL REFERENCES benefit_rule(id),
    funding        TEXT    NOT NULL CHECK (funding = 'central' OR funding = 'province' OR funding = 'district'),
    method         TEXT    NOT NULL CHECK (method = 'ceremony' OR method = 'home_visit' OR method = 'transfer' OR method = 'mail'
                                           OR method = 'in_kind' OR method = 'online'),
    contingency_id INTEGER REFERENCES contingency(id),
    postponed      INTEGER NOT NULL DEFAULT 0 CHECK (postponed = 0 OR postponed = 1),
    status         TEXT    NOT NULL DEFAULT 'planned' CHECK (status = 'planned' OR status = 'approved' OR status = 'delivered'
                                                          OR status = 'cancelled'),
    festival_id    INTEGER REFERENCES festival(id),
    plan_id        INTEGER REFERENCES plan(id),
    event_id       INTEGER REFERENCES life_event(id),
    run_id         INTEGER NOT NULL REFERENCES run(id) DEFERRABLE INITIALLY DEFERRED,
    created_by     TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    approved_by    TEXT,
    approved_at    TEXT,
    delivered_on   TEXT    CHECK (delivered_on IS NULL OR date(delivered_on, '+0 days') IS delivered_on),
    receipt        TEXT,
    cancel_reason  TEXT,
    UNIQUE (kind, period, person_id),
    CHECK (approved_by IS NULL OR approved_by <> created_by),
    CHECK ((status = 'approved' OR status = 'delivered') <= (approved_by IS NOT NULL)),
    CHECK ((status = 'delivered') = (delivered_on IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
    CHECK (postponed = 0 OR contingency_id IS NOT NULL)
) STRICT;

CREATE INDEX entitlement_year_kind ON entitlement(year, kind, status);
CREATE INDEX entitlement_year_person ON entitlement(year, person_id);
CREATE INDEX entitlement_run ON entitlement(run_id);
CREATE INDEX entitlement_postponed ON entitlement(contingency_id) WHERE postponed = 1;

-- The per-year limit of the kind's group (Tết and festival gifts: at most 2 a year together).
CREATE TRIGGER entitlement_per_year BEFORE INSERT ON entitlement
WHEN NEW.status <> 'cancelled'
 AND (SELECT per_year FROM benefit_rule WHERE id = NEW.rule_id) IS NOT NULL
 AND (SELECT count(*) FROM entitlement e JOIN benefit_kind k ON k.code = e.kind
      WHERE e.person_id = NEW.person_id AND e.year = NEW.year AND e.status <> 'cancelled'
        AND k.limit_group = (SELECT limit_group FROM benefit_kind WHERE code = NEW.kind))
     >= (SELECT per_year FROM benefit_rule WHERE id = NEW.rule_id)
BEGIN
    SELECT RAISE(ABORT, 'uytin:per_year_limit: the person already has the most occasions of this benefit the year allows');
END;

-- planned → approved → delivered, or cancelled; delivered and cancelled are final. Who it is for, what and when
-- it is for never change.
CREATE TRIGGER entitlement_lifecycle BEFORE UPDATE ON entitlement
WHEN OLD.status IN ('delivered', 'cancelled')
  OR (NEW.status <> OLD.status AND NOT (
        (OLD.status = 'planned' AND NEW.status IN ('approved', 'cancelled'))
     OR (OLD.status = 'approved' AND NEW.status IN ('delivered', 'cancelled'))))
  OR NEW.person_id IS NOT OLD.person_id OR NEW.kind IS NOT OLD.kind OR NEW.period IS NOT OLD.period
  OR NEW.year IS NOT OLD.year OR NEW.occasion_date IS NOT OLD.occasion_date OR NEW.run_id IS NOT OLD.run_id
  OR NEW.created_by IS NOT OLD.created_by
BEGIN
    SELECT RAISE(ABORT, 'uytin:entitlement_lifecycle: an entitlement goes planned → approved → delivered, or is cancelled');
END;

CREATE TRIGGER entitlement_kept BEFORE DELETE ON entitlement
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: entitlements are never deleted; cancel them with a reason');
END;

INSERT INTO benefit_kind (code, name_vi, name_en, limit_group) VALUES
    ('lunar_new_year_gift', 'Thăm hỏi, tặng quà Tết Nguyên đán', 'Lunar New Year gift', 'gift'),
    ('festival_gift', 'Tặng quà Tết, lễ hội truyền thống của dân tộc', 'Traditional festival gift', 'gift'),
    ('newspaper', 'Cấp báo', 'Newspapers', 'newspaper'),
    ('training', 'Hội nghị, bồi dưỡng, tập huấn', 'Information conference, training', 'training'),
    ('study_tour', 'Tham quan, học tập', 'Study tour', 'study_tour'),
    ('sick_visit', 'Thăm hỏi khi ốm đau', 'Visit when sick', 'sick_visit'),
    ('hardship_support', 'Hỗ trợ gia đình gặp khó khăn đột xuất', 'Support in sudden hardship', 'hardship_support'),
    ('condolence', 'Thăm viếng khi người có uy tín qua đời', 'Condolence on the person''s death', 'condolence'),
    ('relative_condolence', 'Thăm viếng khi thân nhân qua đời', 'Condolence on a close relative''s death', 'relative_condolence'),
    ('commendation', 'Khen thưởng', 'Commendation', 'commendation');

-- migration: 003-list-positions

-- Each approved list keeps its order as approved — district, commune, village, name: the "STT" of the printed
-- list — so that printing it walks an index instead of sorting the whole list. Lists approved before this
-- migration get their positions here, in that order.
ALTER TABLE yearly_list_entry ADD COLUMN position INTEGER CHECK (position IS NULL OR position >= 1);

DROP TRIGGER yearly_list_entry_fixed;

UPDATE yearly_list_entry AS y SET position = o.position
FROM (SELECT e.year, e.person_id,
             row_number() OVER (PARTITION BY e.year ORDER BY c.parent_code, c.code, v.name_key, v.id, p.name_key, p.id) AS position
      FROM yearly_list_entry e
      JOIN person p ON p.id = e.person_id
      JOIN village v ON v.id = e.village_id
      JOIN area c ON c.code = v.commune_code) AS o
WHERE o.year = y.year AND o.person_id = y.person_id;

CREATE TRIGGER yearly_list_entry_fixed BEFORE UPDATE ON yearly_list_entry
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE UNIQUE INDEX yearly_list_entry_position ON yearly_list_entry(year, position);

CREATE TRIGGER yearly_list_entry_positioned BEFORE INSERT ON yearly_list_entry
WHEN NEW.position IS NULL
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_position: every entry of an approved list has its position in the list');
END;

-- migration: 004-terms-map-regimes

-- One database from 2019 to today (DOMAIN.md §10): terms follow each other, the map changes by date (a unit is a
-- row with the dates it was in force; a code is unique on a date, not forever), who decides changes by date
-- (regimes), and the issuing body printed on documents changes by date (agencies).
--
-- area, village, membership, decision, yearly_list, yearly_list_entry and contingency are rebuilt (SQLite cannot
-- change a key or a table constraint in place): each is created as <name>_new, filled from the old table with the
-- same ids, the old table dropped and the new one renamed. The migrator runs this with foreign keys off and checks
-- them before it commits; legacy_alter_table keeps the rename from rewriting other tables' references.
-- The function uytin_search_key(text) is the search key of VietnameseText.searchKey, registered on every connection.

PRAGMA legacy_alter_table = ON;

-- Terms -----------------------------------------------------------------------------------------------------------

-- A term of the list (giai đoạn), e.g. 2019–2023. Terms follow each other without a gap; none is longer than 5 years.
-- setting.term_first_year and term_last_year keep the term a database was made with; this table holds every term.
CREATE TABLE term (
    first_year INTEGER PRIMARY KEY CHECK (first_year BETWEEN 2000 AND 2100),
    last_year  INTEGER NOT NULL CHECK (last_year BETWEEN first_year AND first_year + 9),
    basis      TEXT    NOT NULL,
    created_by TEXT    NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;

INSERT INTO term (first_year, last_year, basis, created_by, created_at)
SELECT term_first_year, term_last_year, 'Quyết định 12/2018/QĐ-TTg', 'uytin', created_at FROM setting;

CREATE TRIGGER term_in_order BEFORE INSERT ON term
WHEN NEW.last_year > NEW.first_year + 4
  OR (EXISTS (SELECT 1 FROM term) AND NEW.first_year IS NOT (SELECT max(last_year) + 1 FROM term))
BEGIN
    SELECT RAISE(ABORT, 'uytin:term_order: a term starts the year after the last one ends and lasts at most 5 years');
END;

CREATE TRIGGER term_fixed BEFORE UPDATE ON term
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: a term never changes');
END;

CREATE TRIGGER term_kept BEFORE DELETE ON term
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: terms are never deleted');
END;

-- Provinces over time: the 63 in force until 30/06/2025 and the 34 from 01/07/2025 (Nghị quyết 202/2025/QH15),
-- each with its dates; from_codes lists the old codes a new province took in. The `province` table keeps the 63
-- codes a database was initialised with.
CREATE TABLE province_period (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL CHECK (length(code) = 2 AND code NOT GLOB '*[^0-9]*'),
    name       TEXT    NOT NULL,
    valid_from TEXT    CHECK (valid_from IS NULL OR date(valid_from, '+0 days') IS valid_from),
    valid_to   TEXT    CHECK (valid_to IS NULL OR date(valid_to, '+0 days') IS valid_to),
    from_codes TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE UNIQUE INDEX province_period_code ON province_period(code, coalesce(valid_from, ''));

INSERT INTO province_period (code, name, valid_to) SELECT code, name, '2025-07-01' FROM province ORDER BY code;

INSERT INTO province_period (code, name, valid_from, from_codes) VALUES
    ('01', 'Thành phố Hà Nội', '2025-07-01', '01'),
    ('04', 'Cao Bằng', '2025-07-01', '04'),
    ('08', 'Tuyên Quang', '2025-07-01', '08 02'),
    ('10', 'Lào Cai', '2025-07-01', '10 15'),
    ('11', 'Điện Biên', '2025-07-01', '11'),
    ('12', 'Lai Châu', '2025-07-01', '12'),
    ('14', 'Sơn La', '2025-07-01', '14'),
    ('19', 'Thái Nguyên', '2025-07-01', '19 06'),
    ('20', 'Lạng Sơn', '2025-07-01', '20'),
    ('22', 'Quảng Ninh', '2025-07-01', '22'),
    ('25', 'Phú Thọ', '2025-07-01', '25 26 17'),
    ('27', 'Bắc Ninh', '2025-07-01', '27 24'),
    ('31', 'Thành phố Hải Phòng', '2025-07-01', '31 30'),
    ('33', 'Hưng Yên', '2025-07-01', '33 34'),
    ('37', 'Ninh Bình', '2025-07-01', '37 35 36'),
    ('38', 'Thanh Hóa', '2025-07-01', '38'),
    ('40', 'Nghệ An', '2025-07-01', '40'),
    ('42', 'Hà Tĩnh', '2025-07-01', '42'),
    ('45', 'Quảng Trị', '2025-07-01', '45 44'),
    ('46', 'Thành phố Huế', '2025-07-01', '46'),
    ('48', 'Thành phố Đà Nẵng', '2025-07-01', '48 49'),
    ('51', 'Quảng Ngãi', '2025-07-01', '51 62'),
    ('64', 'Gia Lai', '2025-07-01', '64 52'),
    ('56', 'Khánh Hòa', '2025-07-01', '56 58'),
    ('68', 'Lâm Đồng', '2025-07-01', '68 67 60'),
    ('66', 'Đắk Lắk', '2025-07-01', '66 54'),
    ('79', 'Thành phố Hồ Chí Minh', '2025-07-01', '79 74 77'),
    ('75', 'Đồng Nai', '2025-07-01', '75 70'),
    ('72', 'Tây Ninh', '2025-07-01', '72 80'),
    ('92', 'Thành phố Cần Thơ', '2025-07-01', '92 94 93'),
    ('86', 'Vĩnh Long', '2025-07-01', '86 83 84'),
    ('87', 'Đồng Tháp', '2025-07-01', '87 82'),
    ('96', 'Cà Mau', '2025-07-01', '96 95'),
    ('89', 'An Giang', '2025-07-01', '89 91');

-- Reorganisations of the map ------------------------------------------------------------------------------------------

-- An official old→new table applied on one day (reorg apply): units closed and opened, villages moved, members
-- re-bound by law. Recorded once, never changed.
CREATE TABLE reorganization (
    id              INTEGER PRIMARY KEY,
    effective_on    TEXT    NOT NULL CHECK (date(effective_on, '+0 days') IS effective_on),
    basis           TEXT    NOT NULL CHECK (length(basis) BETWEEN 2 AND 300),
    file_name       TEXT,
    file_sha256     TEXT    CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
    units_closed    INTEGER NOT NULL CHECK (units_closed >= 0),
    units_opened    INTEGER NOT NULL CHECK (units_opened >= 0),
    villages_moved  INTEGER NOT NULL CHECK (villages_moved >= 0),
    persons_rebound INTEGER NOT NULL CHECK (persons_rebound >= 0),
    recorded_by     TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL
) STRICT;

CREATE TRIGGER reorganization_fixed BEFORE UPDATE ON reorganization
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: a reorganisation is recorded once');
END;

CREATE TRIGGER reorganization_kept BEFORE DELETE ON reorganization
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: reorganisations are never deleted');
END;

-- Areas over time -------------------------------------------------------------------------------------------------

-- A province (2-digit code), district (3) or commune (5) as it was from valid_from (NULL: before the records) to
-- valid_to (excluded; NULL: still in force). A commune hangs from a district, or from the province once districts
-- are gone; a change of name, code or parent closes the row and opens another.
CREATE TABLE area_new (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL CHECK (code NOT GLOB '*[^0-9]*'),
    level      TEXT    NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_key   TEXT    NOT NULL,
    parent_id  INTEGER REFERENCES area(id),
    valid_from TEXT    CHECK (valid_from IS NULL OR date(valid_from, '+0 days') IS valid_from),
    valid_to   TEXT    CHECK (valid_to IS NULL OR (date(valid_to, '+0 days') IS valid_to AND valid_to > coalesce(valid_from, ''))),
    opened_by  INTEGER REFERENCES reorganization(id),
    closed_by  INTEGER REFERENCES reorganization(id),
    CHECK ((level = 'province') = (parent_id IS NULL)),
    CHECK ((level = 'province' AND length(code) = 2) OR (level = 'district' AND length(code) = 3)
        OR (level = 'commune' AND length(code) = 5))
) STRICT;

INSERT INTO area_new (code, level, name, name_key, parent_id)
SELECT s.province_code, 'province',
       CASE WHEN p.name LIKE 'Thành phố %' THEN p.name ELSE 'Tỉnh ' || p.name END,
       uytin_search_key(CASE WHEN p.name LIKE 'Thành phố %' THEN p.name ELSE 'Tỉnh ' || p.name END), NULL
FROM setting s JOIN province p ON p.code = s.province_code;

INSERT INTO area_new (code, level, name, name_key, parent_id)
SELECT code, 'district', name, name_key, (SELECT id FROM area_new WHERE level = 'province')
FROM area WHERE level = 'district' ORDER BY code;

INSERT INTO area_new (code, level, name, name_key, parent_id)
SELECT a.code, 'commune', a.name, a.name_key, (SELECT n.id FROM area_new n WHERE n.level = 'district' AND n.code = a.parent_code)
FROM area a WHERE a.level = 'commune' ORDER BY a.parent_code, a.code;

DROP TABLE area;
ALTER TABLE area_new RENAME TO area;

CREATE INDEX area_code ON area(code, level);
CREATE INDEX area_parent ON area(parent_id);

-- A code names one unit of its level on any day.
CREATE TRIGGER area_code_once_a_day BEFORE INSERT ON area
WHEN EXISTS (SELECT 1 FROM area a
             WHERE a.code = NEW.code AND a.level = NEW.level
               AND coalesce(a.valid_from, '') < coalesce(NEW.valid_to, '9999-12-31')
               AND coalesce(a.valid_to, '9999-12-31') > coalesce(NEW.valid_from, ''))
BEGIN
    SELECT RAISE(ABORT, 'uytin:area_code_taken: an area code names one unit of its level on any day');
END;

-- A district hangs from a province; a commune from a district or a province; the parent is in force when the unit starts.
CREATE TRIGGER area_parent_level BEFORE INSERT ON area
WHEN NEW.parent_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM area p
                 WHERE p.id = NEW.parent_id
                   AND (p.level = 'province' OR (p.level = 'district' AND NEW.level = 'commune'))
                   AND coalesce(p.valid_from, '') <= coalesce(NEW.valid_from, '')
                   AND (p.valid_to IS NULL OR p.valid_to > coalesce(NEW.valid_from, '')))
BEGIN
    SELECT RAISE(ABORT, 'uytin:area_parent: a district belongs to a province, a commune to a district or a province in force');
END;

-- A unit is closed once (by a reorganisation); nothing else about it changes.
CREATE TRIGGER area_closed_once BEFORE UPDATE ON area
WHEN OLD.valid_to IS NOT NULL
  OR NEW.code IS NOT OLD.code OR NEW.level IS NOT OLD.level OR NEW.name IS NOT OLD.name
  OR NEW.name_key IS NOT OLD.name_key OR NEW.parent_id IS NOT OLD.parent_id OR NEW.valid_from IS NOT OLD.valid_from
  OR NEW.opened_by IS NOT OLD.opened_by
BEGIN
    SELECT RAISE(ABORT, 'uytin:area_fixed: an area is closed once, by a reorganisation, and otherwise never changes');
END;

CREATE TRIGGER area_is_kept BEFORE DELETE ON area
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: areas are never deleted');
END;

-- Villages over time: a village ends by a merger (merged_on, merge_decision: the decision's number) or by a
-- reorganisation (merged_on, merge_decision: its basis, ended_by), then merged_into the village that took it in.
CREATE TABLE village_new (
    id             INTEGER PRIMARY KEY,
    commune_id     INTEGER NOT NULL REFERENCES area(id),
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_key       TEXT    NOT NULL,
    quota          INTEGER NOT NULL DEFAULT 1 CHECK (quota BETWEEN 1 AND 20),
    valid_from     TEXT    CHECK (valid_from IS NULL OR date(valid_from, '+0 days') IS valid_from),
    merged_on      TEXT    CHECK (merged_on IS NULL OR date(merged_on, '+0 days') IS merged_on),
    merge_decision TEXT,
    merged_into    INTEGER REFERENCES village(id),
    opened_by      INTEGER REFERENCES reorganization(id),
    ended_by       INTEGER REFERENCES reorganization(id),
    created_at     TEXT    NOT NULL,
    CHECK (merged_into IS NULL OR merged_on IS NOT NULL),
    CHECK ((merged_on IS NULL) = (merge_decision IS NULL)),
    CHECK (ended_by IS NULL OR merged_on IS NOT NULL)
) STRICT;

INSERT INTO village_new (id, commune_id, name, name_key, quota, merged_on, merge_decision, merged_into, created_at)
SELECT v.id, (SELECT a.id FROM area a WHERE a.level = 'commune' AND a.code = v.commune_code), v.name, v.name_key,
       v.quota, v.merged_on, v.merge_decision, v.merged_into, v.created_at
FROM village v ORDER BY v.id;

DROP TABLE village;
ALTER TABLE village_new RENAME TO village;

CREATE UNIQUE INDEX village_active_name ON village(commune_id, name_key) WHERE merged_on IS NULL;
CREATE INDEX village_commune ON village(commune_id);
CREATE INDEX village_merged_into ON village(merged_into);

CREATE TRIGGER village_in_commune BEFORE INSERT ON village
WHEN NOT EXISTS (SELECT 1 FROM area WHERE id = NEW.commune_id AND level = 'commune')
BEGIN
    SELECT RAISE(ABORT, 'uytin:village_commune: a village belongs to a commune');
END;

-- Only its end may change a village, once; its name, commune and quota are fixed.
CREATE TRIGGER village_merge_once BEFORE UPDATE ON village
WHEN OLD.merged_into IS NOT NULL
  OR (OLD.merged_on IS NOT NULL AND (NEW.merged_on IS NOT OLD.merged_on OR NEW.merge_decision IS NOT OLD.merge_decision
                                     OR NEW.ended_by IS NOT OLD.ended_by))
  OR NEW.commune_id IS NOT OLD.commune_id OR NEW.name IS NOT OLD.name OR NEW.quota IS NOT OLD.quota
  OR NEW.valid_from IS NOT OLD.valid_from OR NEW.opened_by IS NOT OLD.opened_by
BEGIN
    SELECT RAISE(ABORT, 'uytin:village_fixed: a village changes only by one merger');
END;

CREATE TRIGGER village_is_kept BEFORE DELETE ON village
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: villages are never deleted');
END;

-- Who decides, by date --------------------------------------------------------------------------------------------

-- The level whose People's Committee chairman recognises, removes and replaces persons (decides) and approves the
-- year's list, from valid_from until the next regime. Never edited; a new basis is a new row.
CREATE TABLE regime (
    id            INTEGER PRIMARY KEY,
    valid_from    TEXT    NOT NULL UNIQUE CHECK (date(valid_from, '+0 days') IS valid_from),
    decides       TEXT    NOT NULL CHECK (decides IN ('province', 'district', 'commune')),
    approves_list TEXT    NOT NULL CHECK (approves_list IN ('province', 'district', 'commune')),
    basis         TEXT    NOT NULL CHECK (length(basis) BETWEEN 2 AND 500),
    confirmed     INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
) STRICT;

INSERT INTO regime (valid_from, decides, approves_list, basis, confirmed, created_by, created_at) VALUES
    ('2018-04-24', 'province', 'province',
     'Quyết định 12/2018/QĐ-TTg ngày 06/03/2018, Điều 6: Chủ tịch UBND tỉnh công nhận, đưa ra khỏi, thay thế và phê duyệt danh sách', 1,
     'uytin', '2026-11-30T00:00:00Z'),
    ('2024-01-15', 'district', 'district',
     'Quyết định 28/2023/QĐ-TTg ngày 23/11/2023 (hiệu lực 15/01/2024): Chủ tịch UBND cấp huyện quyết định công nhận, đưa ra khỏi, thay thế, bổ sung', 1,
     'uytin', '2026-11-30T00:00:00Z'),
    ('2025-07-01', 'commune', 'commune',
     'Chính quyền địa phương hai cấp từ 01/07/2025; Nghị định 124/2025/NĐ-CP và thủ tục hành chính của tỉnh giao UBND cấp xã (điều khoản cụ thể: cần xác nhận)', 0,
     'uytin', '2026-11-30T00:00:00Z');

CREATE TRIGGER regime_fixed BEFORE UPDATE ON regime
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: a regime is never edited; set a new one from a later date');
END;

CREATE TRIGGER regime_kept BEFORE DELETE ON regime
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: regimes are never deleted');
END;

-- The issuing body a document prints on its heading (name, and the body above it), from valid_from on. Before the
-- first row, documents print "Ban Dân tộc" under the People's Committee of the province in force on their date.
CREATE TABLE agency (
    id         INTEGER PRIMARY KEY,
    valid_from TEXT    NOT NULL UNIQUE CHECK (date(valid_from, '+0 days') IS valid_from),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    parent     TEXT    NOT NULL CHECK (length(parent) BETWEEN 2 AND 200),
    created_by TEXT    NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;

CREATE TRIGGER agency_fixed BEFORE UPDATE ON agency
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: an agency row is never edited; set a new one from a later date');
END;

CREATE TRIGGER agency_kept BEFORE DELETE ON agency
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: agency rows are never deleted');
END;

-- Decisions: numbered per issuer and year -------------------------------------------------------------------------

-- Numbers restart every January and differ by issuer: a decision is its number, issuer and year. The issuer has a
-- level and an area (the province, a district or a commune) that the regime of the decision's date must allow.
CREATE TABLE decision_new (
    id             INTEGER PRIMARY KEY,
    number         TEXT    NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
    number_key     TEXT    NOT NULL,
    issuer         TEXT    NOT NULL CHECK (length(issuer) BETWEEN 2 AND 200),
    issuer_key     TEXT    NOT NULL,
    issuer_level   TEXT    NOT NULL CHECK (issuer_level IN ('province', 'district', 'commune')),
    issuer_area_id INTEGER NOT NULL REFERENCES area(id),
    year           INTEGER NOT NULL,
    decided_on     TEXT    NOT NULL CHECK (date(decided_on, '+0 days') IS decided_on),
    effective_on   TEXT    NOT NULL CHECK (date(effective_on, '+0 days') IS effective_on),
    list_year      INTEGER,
    file_name      TEXT,
    file_sha256    TEXT    CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
    file_content   BLOB,
    recorded_by    TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL,
    UNIQUE (number_key, issuer_key, year),
    CHECK (year = CAST(substr(decided_on, 1, 4) AS INTEGER)),
    CHECK ((file_name IS NULL) = (file_sha256 IS NULL) AND (file_name IS NULL) = (file_content IS NULL))
) STRICT;

INSERT INTO decision_new (id, number, number_key, issuer, issuer_key, issuer_level, issuer_area_id, year, decided_on,
                          effective_on, list_year, file_name, file_sha256, file_content, recorded_by, recorded_at)
SELECT d.id, d.number, d.number_key, d.issuer, d.issuer_key, 'province', (SELECT id FROM area WHERE level = 'province'),
       CAST(substr(d.decided_on, 1, 4) AS INTEGER), d.decided_on, d.effective_on, d.list_year, d.file_name, d.file_sha256,
       d.file_content, d.recorded_by, d.recorded_at
FROM decision d ORDER BY d.id;

DROP TABLE decision;
ALTER TABLE decision_new RENAME TO decision;

CREATE INDEX decision_date ON decision(decided_on);

-- A decision, its effective day and the list year it approves fall inside a term, the same one.
CREATE TRIGGER decision_in_term BEFORE INSERT ON decision
WHEN NOT EXISTS (SELECT 1 FROM term
                 WHERE CAST(substr(NEW.effective_on, 1, 4) AS INTEGER) BETWEEN first_year AND last_year
                   AND CAST(substr(NEW.decided_on, 1, 4) AS INTEGER) BETWEEN first_year AND last_year
                   AND (NEW.list_year IS NULL OR NEW.list_year BETWEEN first_year AND last_year))
BEGIN
    SELECT RAISE(ABORT, 'uytin:outside_term: a decision and its dates fall inside the term');
END;

CREATE TRIGGER decision_is_fixed BEFORE UPDATE ON decision
BEGIN
    SELECT RAISE(ABORT, 'uytin:decision_fixed: a recorded decision never changes');
END;

CREATE TRIGGER decision_is_kept BEFORE DELETE ON decision
BEGIN
    SELECT RAISE(ABORT, 'uytin:decision_fixed: a recorded decision is never deleted');
END;

-- Membership: entered by a decision or re-bound by a reorganisation; ended by a decision, a reorganisation, or the
-- end of its term ('term_end', written when the next term is added).
CREATE TABLE membership_new (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person(id),
    village_id        INTEGER NOT NULL REFERENCES village(id),
    from_date         TEXT    NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date           TEXT    CHECK (to_date IS NULL OR (date(to_date, '+0 days') IS to_date AND to_date > from_date)),
    start_decision_id INTEGER REFERENCES decision(id),
    start_reorg_id    INTEGER REFERENCES reorganization(id),
    start_proposal_id INTEGER REFERENCES proposal(id),
    end_decision_id   INTEGER REFERENCES decision(id),
    end_reorg_id      INTEGER REFERENCES reorganization(id),
    end_proposal_id   INTEGER REFERENCES proposal(id),
    end_reason        TEXT,
    CHECK ((start_decision_id IS NULL) <> (start_reorg_id IS NULL)),
    CHECK ((to_date IS NULL) = (end_reason IS NULL)),
    CHECK (end_decision_id IS NULL OR end_reorg_id IS NULL),
    CHECK ((end_decision_id IS NOT NULL OR end_reorg_id IS NOT NULL) = (to_date IS NOT NULL AND end_reason <> 'term_end'))
) STRICT;

INSERT INTO membership_new (id, person_id, village_id, from_date, to_date, start_decision_id, start_proposal_id,
                            end_decision_id, end_proposal_id, end_reason)
SELECT id, person_id, village_id, from_date, to_date, start_decision_id, start_proposal_id, end_decision_id,
       end_proposal_id, end_reason
FROM membership ORDER BY id;

DROP TABLE membership;
ALTER TABLE membership_new RENAME TO membership;

CREATE UNIQUE INDEX membership_one_open ON membership(person_id) WHERE to_date IS NULL;
CREATE INDEX membership_person ON membership(person_id, from_date);
CREATE INDEX membership_village ON membership(village_id, from_date);
CREATE INDEX membership_dates ON membership(from_date, to_date);

CREATE TRIGGER membership_once_at_a_time BEFORE INSERT ON membership
WHEN EXISTS (SELECT 1 FROM membership m
             WHERE m.person_id = NEW.person_id
               AND m.from_date < coalesce(NEW.to_date, '9999-12-31')
               AND coalesce(m.to_date, '9999-12-31') > NEW.from_date)
BEGIN
    SELECT RAISE(ABORT, 'uytin:already_listed: a person is on the list at most once at a time');
END;

CREATE TRIGGER membership_not_after_death BEFORE INSERT ON membership
WHEN EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id AND death_date IS NOT NULL AND death_date <= NEW.from_date)
BEGIN
    SELECT RAISE(ABORT, 'uytin:person_dead: a person who has died is not added to the list');
END;

CREATE TRIGGER membership_village_active BEFORE INSERT ON membership
WHEN EXISTS (SELECT 1 FROM village WHERE id = NEW.village_id AND merged_on IS NOT NULL AND merged_on <= NEW.from_date)
BEGIN
    SELECT RAISE(ABORT, 'uytin:village_merged: a merged village takes no one; use the village it merged into');
END;

CREATE TRIGGER membership_in_term BEFORE INSERT ON membership
WHEN NOT EXISTS (SELECT 1 FROM term
                 WHERE CAST(substr(NEW.from_date, 1, 4) AS INTEGER) BETWEEN first_year AND last_year)
BEGIN
    SELECT RAISE(ABORT, 'uytin:outside_term: a decision and its dates fall inside the term');
END;

-- The quota, for stays a decision opens (a reorganisation re-binds whoever the law keeps on the list): at no
-- moment of the new stay may the village hold more persons than its quota.
CREATE TRIGGER membership_quota BEFORE INSERT ON membership
WHEN NEW.start_decision_id IS NOT NULL AND EXISTS (
    SELECT 1
    FROM (SELECT NEW.from_date AS moment
          UNION
          SELECT from_date FROM membership
          WHERE village_id = NEW.village_id
            AND from_date > NEW.from_date AND from_date < coalesce(NEW.to_date, '9999-12-31')) AS probe
    WHERE (SELECT count(*) FROM membership m
           WHERE m.village_id = NEW.village_id
             AND m.from_date <= probe.moment AND coalesce(m.to_date, '9999-12-31') > probe.moment)
          >= (SELECT quota FROM village WHERE id = NEW.village_id))
BEGIN
    SELECT RAISE(ABORT, 'uytin:quota_full: the village already has as many persons as its quota');
END;

CREATE TRIGGER membership_replacement_same_village BEFORE INSERT ON membership
WHEN NEW.start_proposal_id IS NOT NULL
 AND EXISTS (SELECT 1 FROM proposal WHERE id = NEW.start_proposal_id AND kind = 'replace')
 AND NOT EXISTS (SELECT 1 FROM membership WHERE end_proposal_id = NEW.start_proposal_id AND village_id = NEW.village_id)
BEGIN
    SELECT RAISE(ABORT, 'uytin:replacement_village: a replacement keeps the village of the person replaced');
END;

-- A stay is closed once (a stay closed by its term's end may still be ended earlier by a decision of that term);
-- nothing else about it changes.
CREATE TRIGGER membership_closed_once BEFORE UPDATE ON membership
WHEN (OLD.to_date IS NOT NULL AND NOT (OLD.end_reason = 'term_end' AND NEW.to_date < OLD.to_date))
  OR NEW.person_id IS NOT OLD.person_id OR NEW.village_id IS NOT OLD.village_id
  OR NEW.from_date IS NOT OLD.from_date OR NEW.start_decision_id IS NOT OLD.start_decision_id
  OR NEW.start_reorg_id IS NOT OLD.start_reorg_id OR NEW.start_proposal_id IS NOT OLD.start_proposal_id
BEGIN
    SELECT RAISE(ABORT, 'uytin:membership_fixed: a stay on the list is closed once, by a decision');
END;

CREATE TRIGGER membership_end_reason BEFORE UPDATE OF end_reason ON membership
WHEN NEW.end_reason NOT IN ('replaced', 'rebound', 'reorganized', 'term_end')
 AND NOT EXISTS (SELECT 1 FROM removal_reason WHERE code = NEW.end_reason)
BEGIN
    SELECT RAISE(ABORT, 'uytin:unknown_reason: a stay ends for a known removal reason, a replacement or a rebinding');
END;

CREATE TRIGGER membership_is_kept BEFORE DELETE ON membership
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: the list history is never deleted');
END;

-- Yearly lists, approved whole or in parts --------------------------------------------------------------------------

-- The approved list of a year, or one part of it: the part of one area (the province, a district or a commune)
-- that one decision approved. The province's list of a year is the union of its parts; parts never overlap.
CREATE TABLE yearly_list_new (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    area_id      INTEGER NOT NULL REFERENCES area(id),
    decision_id  INTEGER NOT NULL UNIQUE REFERENCES decision(id),
    as_of        TEXT    NOT NULL CHECK (date(as_of, '+0 days') IS as_of),
    person_count INTEGER NOT NULL CHECK (person_count >= 0),
    UNIQUE (year, area_id)
) STRICT;

INSERT INTO yearly_list_new (id, year, area_id, decision_id, as_of, person_count)
SELECT year, year, (SELECT id FROM area WHERE level = 'province'), decision_id, as_of, person_count
FROM yearly_list ORDER BY year;

CREATE TABLE yearly_list_entry_new (
    year          INTEGER NOT NULL,
    list_id       INTEGER NOT NULL REFERENCES yearly_list(id) DEFERRABLE INITIALLY DEFERRED,
    person_id     INTEGER NOT NULL REFERENCES person(id),
    membership_id INTEGER NOT NULL REFERENCES membership(id),
    village_id    INTEGER NOT NULL REFERENCES village(id),
    position      INTEGER NOT NULL CHECK (position >= 1),
    PRIMARY KEY (year, person_id)
) STRICT, WITHOUT ROWID;

INSERT INTO yearly_list_entry_new (year, list_id, person_id, membership_id, village_id, position)
SELECT year, year, person_id, membership_id, village_id, position FROM yearly_list_entry ORDER BY year, position;

DROP TABLE yearly_list_entry;
DROP TABLE yearly_list;
ALTER TABLE yearly_list_new RENAME TO yearly_list;
ALTER TABLE yearly_list_entry_new RENAME TO yearly_list_entry;

CREATE UNIQUE INDEX yearly_list_entry_position ON yearly_list_entry(list_id, position);

CREATE TRIGGER yearly_list_complete BEFORE INSERT ON yearly_list
WHEN NEW.person_count <> (SELECT count(*) FROM yearly_list_entry WHERE list_id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: a yearly list is written whole, then frozen');
END;

-- The parts of a year's list never overlap: no part for an area inside, or around, an area already approved.
CREATE TRIGGER yearly_list_parts_apart BEFORE INSERT ON yearly_list
WHEN EXISTS (SELECT 1 FROM yearly_list y
             WHERE y.year = NEW.year
               AND (y.area_id = NEW.area_id
                 OR y.area_id IN (SELECT parent_id FROM area WHERE id = NEW.area_id)
                 OR y.area_id IN (SELECT p.parent_id FROM area a JOIN area p ON p.id = a.parent_id WHERE a.id = NEW.area_id)
                 OR NEW.area_id IN (SELECT parent_id FROM area WHERE id = y.area_id)
                 OR NEW.area_id IN (SELECT p.parent_id FROM area a JOIN area p ON p.id = a.parent_id WHERE a.id = y.area_id)))
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: this part of the year''s list is already approved');
END;

CREATE TRIGGER yearly_list_entry_frozen BEFORE INSERT ON yearly_list_entry
WHEN EXISTS (SELECT 1 FROM yearly_list WHERE id = NEW.list_id)
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_fixed BEFORE UPDATE ON yearly_list
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_kept BEFORE DELETE ON yearly_list
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_entry_fixed BEFORE UPDATE ON yearly_list_entry
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

CREATE TRIGGER yearly_list_entry_kept BEFORE DELETE ON yearly_list_entry
BEGIN
    SELECT RAISE(ABORT, 'uytin:list_frozen: an approved yearly list never changes');
END;

-- Contingency periods, for the province or one unit (by its row: a district's period ends with the district) ------

CREATE TABLE contingency_new (
    id         INTEGER PRIMARY KEY,
    from_date  TEXT    NOT NULL CHECK (date(from_date, '+0 days') IS from_date),
    to_date    TEXT    CHECK (to_date IS NULL OR (date(to_date, '+0 days') IS to_date AND to_date >= from_date)),
    area_id    INTEGER REFERENCES area(id),
    reason     TEXT    NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
    decision   TEXT,
    created_by TEXT    NOT NULL,
    created_at TEXT    NOT NULL
) STRICT;

INSERT INTO contingency_new (id, from_date, to_date, area_id, reason, decision, created_by, created_at)
SELECT c.id, c.from_date, c.to_date, (SELECT a.id FROM area a WHERE a.code = c.area_code AND a.level <> 'province'),
       c.reason, c.decision, c.created_by, c.created_at
FROM contingency c ORDER BY c.id;

DROP TABLE contingency;
ALTER TABLE contingency_new RENAME TO contingency;

CREATE TRIGGER contingency_end_once BEFORE UPDATE ON contingency
WHEN OLD.to_date IS NOT NULL OR NEW.from_date IS NOT OLD.from_date OR NEW.area_id IS NOT OLD.area_id
  OR NEW.reason IS NOT OLD.reason OR NEW.decision IS NOT OLD.decision
BEGIN
    SELECT RAISE(ABORT, 'uytin:contingency_fixed: a contingency period is ended once and otherwise never changed');
END;

CREATE TRIGGER contingency_kept BEFORE DELETE ON contingency
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: contingency periods are never deleted');
END;

PRAGMA legacy_alter_table = OFF;

-- migration: 005-corrections

-- Corrections, audited, never silent (issue 11, part 5). A clerk corrects what was typed wrong; the old value stays
-- in the audit log and in these tables, and nothing a decision decided (membership, frozen lists) changes.

-- A correction of a person's record: which field, the old and the new value as printed, why, on which day (Vietnam
-- time) and by whom. A reprint of an older list shows the corrected record with a note of each correction made
-- after the list's date. Never changed, never deleted.
CREATE TABLE person_correction (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person(id),
    field        TEXT    NOT NULL CHECK (field IN ('name', 'birth', 'gender', 'ethnic', 'id_number', 'village')),
    old_value    TEXT    NOT NULL,
    new_value    TEXT    NOT NULL,
    reason       TEXT    NOT NULL CHECK (length(reason) BETWEEN 2 AND 500),
    corrected_on TEXT    NOT NULL CHECK (date(corrected_on, '+0 days') IS corrected_on),
    corrected_by TEXT    NOT NULL,
    corrected_at TEXT    NOT NULL
) STRICT;

CREATE INDEX person_correction_person ON person_correction(person_id, corrected_on);

CREATE TRIGGER person_correction_fixed BEFORE UPDATE ON person_correction
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: a correction is recorded once');
END;

CREATE TRIGGER person_correction_kept BEFORE DELETE ON person_correction
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: corrections are never deleted');
END;

-- A duplicate entry withdrawn (person withdraw): a status, not a delete. Only a person who was never on a list nor
-- in an approved proposal may be withdrawn, once; a withdrawn person takes no new proposal.
ALTER TABLE person ADD COLUMN withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR date(withdrawn_on, '+0 days') IS withdrawn_on);
ALTER TABLE person ADD COLUMN withdraw_reason TEXT CHECK (withdraw_reason IS NULL OR length(withdraw_reason) BETWEEN 2 AND 500);

CREATE TRIGGER person_withdrawn_once BEFORE UPDATE OF withdrawn_on, withdraw_reason ON person
WHEN OLD.withdrawn_on IS NOT NULL
  OR (NEW.withdrawn_on IS NULL) <> (NEW.withdraw_reason IS NULL)
  OR (NEW.withdrawn_on IS NOT NULL AND (EXISTS (SELECT 1 FROM membership WHERE person_id = NEW.id)
                                     OR EXISTS (SELECT 1 FROM proposal WHERE (person_id = NEW.id OR replacement_id = NEW.id)
                                                                         AND status = 'approved')))
BEGIN
    SELECT RAISE(ABORT, 'uytin:person_withdrawn: only a duplicate never on a list is withdrawn, once');
END;

CREATE TRIGGER proposal_not_withdrawn_person BEFORE INSERT ON proposal
WHEN EXISTS (SELECT 1 FROM person WHERE id IN (NEW.person_id, NEW.replacement_id) AND withdrawn_on IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'uytin:person_withdrawn: a withdrawn duplicate takes no proposal');
END;

-- Names carry dates: a village or an area renamed from valid_from on (village rename, area rename). Before its first
-- row here a unit has the name of its own row; lists and documents of a day print the name in force that day.
CREATE TABLE village_name (
    village_id INTEGER NOT NULL REFERENCES village(id),
    valid_from TEXT    NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_key   TEXT    NOT NULL,
    basis      TEXT    CHECK (basis IS NULL OR length(basis) BETWEEN 2 AND 300),
    created_by TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (village_id, valid_from)
) STRICT, WITHOUT ROWID;

CREATE TABLE area_name (
    area_id    INTEGER NOT NULL REFERENCES area(id),
    valid_from TEXT    NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
    name_key   TEXT    NOT NULL,
    basis      TEXT    CHECK (basis IS NULL OR length(basis) BETWEEN 2 AND 300),
    created_by TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (area_id, valid_from)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER village_name_fixed BEFORE UPDATE ON village_name
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: a name in force from a date is never edited');
END;

CREATE TRIGGER village_name_kept BEFORE DELETE ON village_name
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: names are never deleted');
END;

CREATE TRIGGER area_name_fixed BEFORE UPDATE ON area_name
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: a name in force from a date is never edited');
END;

CREATE TRIGGER area_name_kept BEFORE DELETE ON area_name
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: names are never deleted');
END;

-- Settings the province may change (setting set), each with its value's basis and whether it is confirmed. The
-- shipped minimum age is a labelled sample: 18 is the age of majority (Bộ luật Dân sự 2015, Điều 20); no minimum age
-- among the criteria of QĐ 12/2018 is confirmed (DOMAIN.md §3), so the province sets its own.
CREATE TABLE province_setting (
    name       TEXT    PRIMARY KEY CHECK (name IN ('minimum_age')),
    value      INTEGER NOT NULL CHECK (value BETWEEN 0 AND 120),
    basis      TEXT    NOT NULL CHECK (length(basis) BETWEEN 2 AND 500),
    source     TEXT    NOT NULL CHECK (source IN ('confirmed', 'sample', 'province')),
    set_by     TEXT    NOT NULL,
    set_at     TEXT    NOT NULL
) STRICT;

INSERT INTO province_setting (name, value, basis, source, set_by, set_at) VALUES
    ('minimum_age', 18,
     'MẪU: đủ 18 tuổi (người thành niên, Bộ luật Dân sự 2015, Điều 20) vào ngày quyết định công nhận; tuổi tối thiểu trong tiêu chí của Quyết định 12/2018/QĐ-TTg chưa được xác nhận, tỉnh tự quy định',
     'sample', 'uytin', '2026-12-01T00:00:00Z');

CREATE TRIGGER province_setting_kept BEFORE DELETE ON province_setting
BEGIN
    SELECT RAISE(ABORT, 'uytin:history_kept: settings are changed, never deleted');
END;

-- A rule version no entitlement uses yet may be corrected in place (rule correct); one already used never changes
-- (add a new version with rule set).
DROP TRIGGER benefit_rule_fixed;

CREATE TRIGGER benefit_rule_fixed BEFORE UPDATE ON benefit_rule
WHEN NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.created_by IS NOT OLD.created_by
  OR NEW.created_at IS NOT OLD.created_at
  OR EXISTS (SELECT 1 FROM entitlement WHERE rule_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'uytin:rule_fixed: a rule version already used is never edited; add a new version with rule set');
END;

-- Plans are rescheduled (plan reschedule) or cancelled once, with a reason (plan cancel).
ALTER TABLE plan ADD COLUMN cancelled_on TEXT CHECK (cancelled_on IS NULL OR date(cancelled_on, '+0 days') IS cancelled_on);
ALTER TABLE plan ADD COLUMN cancel_reason TEXT CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 2 AND 500);

CREATE TRIGGER plan_cancelled_once BEFORE UPDATE ON plan
WHEN OLD.cancelled_on IS NOT NULL
  OR (NEW.cancelled_on IS NULL) <> (NEW.cancel_reason IS NULL)
  OR NEW.kind IS NOT OLD.kind OR NEW.everyone IS NOT OLD.everyone OR NEW.created_by IS NOT OLD.created_by
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'uytin:plan_fixed: a cancelled plan never changes; a plan changes only its date');
END;

-- planned → approved → delivered, or cancelled; a delivery recorded by mistake goes back to approved (entitlement
-- undeliver, audited with the reason); cancelled is final. Who it is for and what it is for never change; the day a
-- planned gathering takes place moves with its plan (plan reschedule), inside its year.
DROP TRIGGER entitlement_lifecycle;

CREATE TRIGGER entitlement_lifecycle BEFORE UPDATE ON entitlement
WHEN OLD.status = 'cancelled'
  OR (OLD.status = 'delivered' AND (NEW.status <> 'approved' OR NEW.amount IS NOT OLD.amount OR NEW.due_date IS NOT OLD.due_date
                                    OR NEW.method IS NOT OLD.method OR NEW.approved_by IS NOT OLD.approved_by))
  OR (NEW.status <> OLD.status AND NOT (
        (OLD.status = 'planned' AND NEW.status IN ('approved', 'cancelled'))
     OR (OLD.status = 'approved' AND NEW.status IN ('delivered', 'cancelled'))
     OR (OLD.status = 'delivered' AND NEW.status = 'approved')))
  OR NEW.person_id IS NOT OLD.person_id OR NEW.kind IS NOT OLD.kind OR NEW.period IS NOT OLD.period
  OR NEW.year IS NOT OLD.year OR NEW.run_id IS NOT OLD.run_id OR NEW.created_by IS NOT OLD.created_by
  OR (NEW.occasion_date IS NOT OLD.occasion_date AND (OLD.plan_id IS NULL OR OLD.status = 'delivered'))
BEGIN
    SELECT RAISE(ABORT, 'uytin:entitlement_lifecycle: an entitlement goes planned → approved → delivered, or is cancelled');
END;

-- migration: 006-dates

-- A festival added on a day gives gifts from that day on, never for the years before (NULL: since the term began,
-- as for the festivals set before this migration).
ALTER TABLE festival ADD COLUMN from_date TEXT CHECK (from_date IS NULL OR date(from_date, '+0 days') IS from_date);

-- Entitlements are created this many days before their due date, so the accountant can approve them and gifts be
-- bought. Part of the rule version, like its amount; the versions written before this migration create on the
-- due date (0). advance_sample = 1 marks the shipped example figure, which a province should replace.
ALTER TABLE benefit_rule ADD COLUMN advance_days INTEGER NOT NULL DEFAULT 0 CHECK (advance_days BETWEEN 0 AND 90);
ALTER TABLE benefit_rule ADD COLUMN advance_sample INTEGER NOT NULL DEFAULT 0 CHECK (advance_sample IN (0, 1));

-- A period's start, area and reason are fixed; its end is set once and may later be moved later (extended), never
-- earlier, never reopened.
DROP TRIGGER contingency_end_once;

CREATE TRIGGER contingency_end_later BEFORE UPDATE ON contingency
WHEN (OLD.to_date IS NOT NULL AND (NEW.to_date IS NULL OR NEW.to_date < OLD.to_date))
  OR NEW.from_date IS NOT OLD.from_date OR NEW.area_id IS NOT OLD.area_id
  OR NEW.reason IS NOT OLD.reason OR NEW.decision IS NOT OLD.decision
BEGIN
    SELECT RAISE(ABORT, 'uytin:contingency_fixed: a contingency period is ended, or extended, and otherwise never changed');
END;

-- A village typed by its name (`--village "Đồng Giếng"`) is found through these, whatever the commune, and by the
-- name it was renamed to.
CREATE INDEX village_by_name ON village(name_key);
CREATE INDEX village_name_by_key ON village_name(name_key);

-- migration: 007-accounts

-- The web console's accounts (`uytin user add`): a login, a role, a bcrypt hash of the password (never the
-- password), and for a commune officer the commune the account works on. Logins compare without regard to case
-- and may not take a program's name (cron) or root: those are the actors the four-eyes rule tells apart. An account is
-- disabled, never deleted, so the audit log's names always lead to one.
CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL COLLATE NOCASE UNIQUE
                          CHECK (length(login) BETWEEN 2 AND 40 AND login NOT IN ('cron', 'system', 'uytin', 'scheduler', 'root')),
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'leader', 'officer', 'accountant', 'commune-officer', 'viewer')),
    area_id       INTEGER REFERENCES area(id),
    password_hash TEXT    NOT NULL CHECK (password_hash LIKE '$2%'),
    disabled_at   TEXT,
    created_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    CHECK ((role = 'commune-officer') = (area_id IS NOT NULL))
);

-- A login and a role are fixed; a disabled account stays disabled (a new login is made instead).
CREATE TRIGGER account_fixed BEFORE UPDATE ON account
WHEN NEW.id IS NOT OLD.id OR NEW.login IS NOT OLD.login OR NEW.role IS NOT OLD.role OR NEW.area_id IS NOT OLD.area_id
  OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.disabled_at IS NOT NULL AND NEW.disabled_at IS NOT OLD.disabled_at)
BEGIN
    SELECT RAISE(ABORT, 'uytin:account_fixed: an account''s login, role and commune never change, and a disabled account stays disabled');
END;

CREATE TRIGGER account_kept BEFORE DELETE ON account
BEGIN
    SELECT RAISE(ABORT, 'uytin:account_kept: accounts are disabled, never deleted');
END;
