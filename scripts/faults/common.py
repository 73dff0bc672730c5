"""Shared pieces of the fault suites (scripts/crash, scripts/concurrency).

Nothing here needs more than python3 (with its sqlite3 module), the uytin binary and the Swift toolchain that
builds it. Every database is made by uytin itself; this module only reads them.
"""

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUSY = 75


def log(message):
    print(message, file=sys.stderr, flush=True)


def build(release=False):
    """Runs scripts/setup, builds uytin in .build-faults and returns the binary's path.

    UYTIN_BIN, when set, names a binary that is already built (e.g. the one scripts/test just built) and skips both.
    """
    given = os.environ.get("UYTIN_BIN")
    if given:
        path = Path(given).resolve()
        if not os.access(path, os.X_OK):
            sys.exit(f"UYTIN_BIN={given} is not an executable file")
        return path
    subprocess.run([str(REPO / "scripts" / "setup")], check=True)
    config = ["-c", "release"] if release else []
    started = time.monotonic()
    log(f"building uytin ({'release' if release else 'debug'}) in .build-faults ...")
    result = subprocess.run(["swift", "build", "--scratch-path", ".build-faults", *config, "--product", "uytin"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit("swift build failed:\n" + result.stdout[-4000:])
    shown = subprocess.run(["swift", "build", "--scratch-path", ".build-faults", *config, "--show-bin-path"],
                           cwd=REPO, stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    log(f"built in {time.monotonic() - started:.0f} s")
    return Path(shown) / "uytin"


class Uytin:
    """Runs the binary against one database, as one actor."""

    def __init__(self, binary, db, actor="faults", busy_timeout=None, cwd=None):
        self.binary = str(binary)
        self.db = str(db)
        self.env = dict(os.environ)
        self.env.update({"UYTIN_DB": self.db, "UYTIN_ACTOR": actor, "UYTIN_LANG": "en"})
        if busy_timeout is not None:
            self.env["UYTIN_BUSY_TIMEOUT"] = str(busy_timeout)
        self.cwd = cwd

    def argv(self, args):
        return [self.binary, *args]

    def run(self, *args, ok=(0,), retry_busy=True, input=None):
        """Runs one command; retries while it exits 75; fails loudly on any exit not in `ok`."""
        while True:
            result = subprocess.run(self.argv(args), env=self.env, cwd=self.cwd, input=input,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if result.returncode == BUSY and retry_busy and BUSY not in ok:
                time.sleep(0.05)
                continue
            if result.returncode not in ok:
                raise RuntimeError(f"uytin {' '.join(a if len(a) < 80 else a[:77] + '...' for a in args)} exited "
                                   f"{result.returncode}\nstdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}")
            return result


def checkpoint(db):
    """Folds the WAL into the main file (readers only; the WAL file goes away when the last connection closes)."""
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def copy_db(source, target):
    """Copies a database that nobody has open (main file and, if any, its WAL)."""
    for suffix in ("", "-wal", "-shm"):
        target_file = Path(str(target) + suffix)
        if target_file.exists():
            target_file.unlink()
    for suffix in ("", "-wal"):
        source_file = Path(str(source) + suffix)
        if source_file.exists():
            shutil.copyfile(source_file, str(target) + suffix)
    os.chmod(target, 0o600)


def query(db, sql, args=()):
    """One read-only query on a fresh connection."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def scalar(db, sql, args=()):
    return query(db, sql, args)[0][0]


def volatile(table, column):
    """Columns whose values depend on the clock (or chain over the clock), not on what was done."""
    if column == "at" or column.endswith("_at"):
        return True
    if table == "audit_log" and column in ("hash", "prev_hash"):
        return True
    if table == "audit_head" and column == "last_hash":
        return True
    return False


def _tables(connection):
    return [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")]


def _rows(connection, table):
    """The table's meaningful columns and its rows in key order."""
    info = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = [row[1] for row in info if not volatile(table, row[1])]
    keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5] > 0]
    order = ", ".join(f'"{c}"' for c in (keys or columns))
    select = ", ".join(f'"{c}"' for c in columns)
    return columns, connection.execute(f'SELECT {select} FROM "{table}" ORDER BY {order}').fetchall()


def logical_dump(db):
    """A fingerprint of every table's meaningful content: {table: (rows, sha256 of columns and rows)}."""
    import hashlib
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dump = {}
        for table in _tables(connection):
            columns, rows = _rows(connection, table)
            dump[table] = (len(rows), hashlib.sha256(repr((columns, rows)).encode()).hexdigest())
        return dump
    finally:
        connection.close()


def dump_differences(expected, actual, expected_db=None, actual_db=None, limit=4):
    """The tables whose fingerprints differ; with the two files, also their first differing rows."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        a, b = expected.get(table), actual.get(table)
        if a == b:
            continue
        if a is None or b is None:
            problems.append(f"table {table} only in the {'actual' if a is None else 'expected'} database")
            continue
        text = f"table {table}: {b[0]} rows, expected {a[0]}"
        if expected_db and actual_db:
            sides = []
            for db in (expected_db, actual_db):
                connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                try:
                    sides.append(_rows(connection, table))
                finally:
                    connection.close()
            (columns, want), (_, got) = sides
            got_set, want_set = set(got), set(want)
            missing = [r for r in want if r not in got_set][:limit]
            extra = [r for r in got if r not in want_set][:limit]
            text += f" ({'|'.join(columns)}); missing {missing}; unexpected {extra}"
        problems.append(text)
    return problems


# Test data in the clerks' format --------------------------------------------------------------------------------

# (district code, district name, commune code, commune name) — the communes the fixtures add with `area add`.
COMMUNES = [
    ("248", "Huyện Tam Đảo", "24801", "Xã Đạo Trù"), ("248", "Huyện Tam Đảo", "24802", "Xã Yên Dương"),
    ("248", "Huyện Tam Đảo", "24803", "Xã Bồ Lý"), ("248", "Huyện Tam Đảo", "24804", "Xã Đại Đình"),
    ("248", "Huyện Tam Đảo", "24805", "Xã Tam Quan"), ("248", "Huyện Tam Đảo", "24806", "Xã Hồ Sơn"),
    ("249", "Huyện Bình Xuyên", "24901", "Xã Trung Mỹ"), ("246", "Huyện Lập Thạch", "24601", "Xã Quang Sơn"),
    ("246", "Huyện Lập Thạch", "24602", "Xã Văn Quán"), ("253", "Huyện Sông Lô", "25301", "Xã Lãng Công"),
    ("253", "Huyện Sông Lô", "25302", "Xã Quang Yên"), ("244", "Thành phố Phúc Yên", "24401", "Xã Ngọc Thanh"),
]
PLACES = ["Đồng Giếng", "Thạch Bàn", "Đồng Bùa", "Đồng Mỏ", "Tân Tiến", "Đồng Pheo", "Đồng Lính", "Đại Điền",
          "Đá Ngang", "Thanh Lanh", "Đồng Chằm", "Đồng Cao", "Đồng Tâm", "Gia Khau", "Bản Long", "Sơn Thanh"]
SURNAMES = ["Diệp", "Lục", "Tạ", "Ninh", "Trương", "Lý", "Hoàng", "Tiêu", "Giang", "Lam", "Dương", "Trần"]
MIDDLE = ["Văn", "Đức", "Hữu", "Quang", "Minh"]
GIVEN = ["Hùng", "Thắng", "Dũng", "Quế", "Cường", "Tiến", "Hòa", "Thành", "Sơn", "Hải", "Bình", "Lâm", "Nghĩa",
         "Phúc", "Toàn", "Vượng", "Khánh", "Tuấn", "Đạt", "Thịnh"]
FEMALE = ["Thị Hoa", "Thị Lan", "Thị Mai", "Thị Hằng"]
ETHNIC = ["Sán Dìu", "Sán Dìu", "Cao Lan", "Dao"]
ROLES = ["Thầy cúng", "Người sản xuất giỏi", "Già làng", "Trưởng dòng họ", "Trưởng thôn", "Cán bộ hưu trí",
         "Trưởng dòng họ, Người sản xuất giỏi", "Già làng, Thầy cúng", ""]


def key(text):
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def village_name(ordinal):
    """The ordinal-th village name of a commune: Thôn Đồng Giếng, ..., Thôn Đồng Giếng 2, ..."""
    place = PLACES[ordinal % len(PLACES)]
    round_ = ordinal // len(PLACES)
    return f"Thôn {place}" + (f" {round_ + 1}" if round_ else "")


class PersonFactory:
    """Synthetic persons with valid, unique citizen IDs and no two alike in one village."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.used_ids = set()
        self.used_people = set()

    def person(self, commune, village):
        r = self.random
        while True:
            female = r.random() < 0.08
            surname = r.choice(SURNAMES)
            name = f"{surname} {r.choice(FEMALE)}" if female else f"{surname} {r.choice(MIDDLE)} {r.choice(GIVEN)}"
            birth = 1940 + r.randrange(36)
            person_key = (key(name), birth, commune[2], key(village))
            if person_key not in self.used_people:
                break
        self.used_people.add(person_key)
        while True:
            id_number = f"026{1 if female else 0}{birth % 100:02d}{r.randrange(1_000_000):06d}"
            if id_number not in self.used_ids:
                break
        self.used_ids.add(id_number)
        return {"name": name, "birth": birth, "gender": "Nữ" if female else "Nam", "ethnic": r.choice(ETHNIC),
                "village": village, "commune": commune[3], "district": commune[1], "id": id_number,
                "roles": r.choice(ROLES)}


def write_clerks_csv(path, persons, title="DANH SÁCH NGƯỜI CÓ UY TÍN (SỐ LIỆU THỬ)"):
    """A CSV as Excel writes "CSV UTF-8" in a Vietnamese locale: BOM, semicolons, CRLF, title rows, a footer."""
    lines = ["ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC", title, "",
             "STT;Họ và tên;Năm sinh;Giới tính;Dân tộc;Thôn;Xã;Huyện;Số CCCD;Thành phần"]
    for index, p in enumerate(persons, 1):
        lines.append(";".join([str(index), p["name"], str(p["birth"]), p["gender"], p["ethnic"], p["village"],
                               p["commune"], p["district"], p["id"], p["roles"]]))
    lines += ["", ";NGƯỜI LẬP BIỂU;;;;;TRƯỞNG BAN"]
    Path(path).write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def add_communes(uytin):
    for district, _, code, name in COMMUNES:
        uytin.run("area", "add", "--level", "commune", "--code", code, "--name", name, "--parent", district)


def base_persons(factory, count):
    """`count` persons, one per village, spread over the communes (the villages are created by the import)."""
    persons = []
    for index in range(count):
        commune = COMMUNES[index % len(COMMUNES)]
        persons.append(factory.person(commune, village_name(index // len(COMMUNES))))
    return persons


def parallel(jobs, workers=2):
    """Runs callables on a few threads (each one starts processes); returns their results in order."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: job(), jobs))
