"""Master patient index: find records that are probably the same person.

``find_duplicates(patients)`` compares patient records the way an MPI analyst
does, field by field, and returns only the pairs whose total score reaches
:data:`THRESHOLD`. Everything here is synthetic: no real patient data (the SSNs in the
examples start with 9, an area never issued as an SSN).

>>> import pandas as pd
>>> patients = pd.DataFrame({
...     "patient_id": [1, 2, 3],
...     "first_name": ["William", "Bill", "Maria"],
...     "last_name": ["Turner", "Turner", "Lopez"],
...     "birth_date": ["1960-04-02", "1960-04-02", "1960-04-02"],
...     "ssn": ["912-56-7890", "912-65-7890", "987-65-4321"],
... })
>>> find_duplicates(patients, extract_date="2026-01-01")[["id_a", "id_b", "score", "first_name", "ssn"]]
   id_a  id_b  score first_name    ssn
0     1     2   13.0   nickname  close

**Blocking.** Comparing every record with every other grows with the square
of the number of patients, so records are compared only when they share a
blocking key: the same birth year with the same day and month in either order
(so a swapped day and month still meet); the same SSN; the same Soundex of last
and first name (so a wrong birth date can still be caught); the same phone
number; the same Soundex of the last name and birth year (a nickname or a
wrong day); the same street address and ZIP code. Candidate pairs from all keys
are united and deduplicated. A block larger than ``max_block`` records (a
placeholder birth date such as 1900-01-01, say) is skipped, so the cost stays
close to linear.

**Scoring.** Each field of a candidate pair gets a label and the label gets
points (:data:`POINTS`); the score is their sum, so you can check it by hand:

============  ====  ========  ==========  ====  =======  ===========  ===========  ======  =======
field         same  nickname  short_form  part  swapped  typo         sounds_like  differ  missing
============  ====  ========  ==========  ====  =======  ===========  ===========  ======  =======
last_name     +3    .         .           +2    .        +2           +1           -2      0
first_name    +3    +3        +2          .     .        +2           +1           -3      0
middle_name   +1    .         .           .     .        +1           .            0       0
birth_date    +4    .         .           .     +3       +2           .            -5      0
ssn           +5    .         .           .     .        +3 (close)   .            -4      0
sex           0     .         .           .     .        .            .            -3      0
address       +1    .         .           .     .        .            .            0       0
phone         +1    .         .           .     .        .            .            0       0
suffix        0     .         .           .     .        .            .            -3      0
============  ====  ========  ==========  ====  =======  ===========  ===========  ======  =======

- names are compared after removing accents, case, spaces and punctuation;
  ``nickname`` means both first names map to the same formal name
  (Bill/William); ``typo`` means one edit apart (one letter wrong, missing,
  extra, or two neighbors swapped), or two edits apart and still very alike
  (Jaro-Winkler similarity at least 0.85, see ``helpers.mpi_compare.NAME_RULES``);
  ``short_form`` is the fallback for nicknames no table lists: the same first
  letter, and one name starts the other (Rebe/Rebecca) or they are very alike
  (Gabe/Gabriel); ``part`` means one last name is made of parts (a hyphenated
  married name) and shares one with the other (Orozco-Perry/Perry);
  ``sounds_like`` means the same Soundex code. A middle name only counts when
  it agrees: a missing or different middle name is the most common MPI error,
  so it costs nothing (an initial matching a full name counts as ``typo``);
- a birth date with day and month swapped (1954-09-01/1954-01-09) is
  ``swapped``; one edit apart (one digit wrong or two swapped, in YYYYMMDD) or
  exactly 100 years off is ``typo``; a birth date after ``extract_date`` (the
  day the extract was taken, see ``find_duplicates``) counts as missing;
- an SSN one edit apart (transposed digits, a missing digit, one wrong digit)
  is ``close``; placeholders such as 000-00-0000 or 999-99-9999 count as
  missing, and so does a blank one: no SSN is no evidence, for or against;
- address and phone agreement adds a little, disagreement costs nothing:
  people move and change numbers;
- ``suffix`` (Jr., Sr., II, III, IV, from a ``suffix`` column or the end of
  the last name) differs when both records have one and they are not equal,
  or only one has one.

The comparisons themselves live in ``helpers.mpi_compare`` (names graded with
``rapidfuzz``).

Columns: ``patient_id``, ``first_name``, ``last_name`` and ``birth_date`` are
required; ``middle_name``, ``sex``, ``address``, ``zip``, ``phone``, ``ssn``
and ``suffix`` are used when present (the address compares street line and
the first five ZIP digits together).
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from .inputs import extract_date_of, number, require_frame, whole_number
from .mpi_compare import NAME_RULES, POINTS, compare, features
from .mpi_compare import one_edit as _one_edit  # noqa: F401  (tests reach it through helpers.mpi)
from .mpi_compare import text_matrix as _matrix  # noqa: F401

__all__ = ["find_duplicates", "soundex", "nickname_roots", "THRESHOLD", "POINTS", "NAME_RULES", "LOWEST", "HIGHEST",
           "REQUIRED_COLUMNS", "OPTIONAL_COLUMNS", "blocking_keys"]

#: A pair is judged to be the same person when its score is at least this.
THRESHOLD = 8.0
#: Candidate pairs scored at a time (memory for one block is a few hundred MB at most).
_PAIRS_PER_BLOCK = 1_000_000
#: The lowest and highest score a pair can get: a threshold outside them (other than -inf) is refused.
LOWEST, HIGHEST = (sum(f(p.values()) for p in POINTS.values()) for f in (min, max))
REQUIRED_COLUMNS = ("patient_id", "first_name", "last_name", "birth_date")
OPTIONAL_COLUMNS = ("middle_name", "sex", "address", "zip", "phone", "ssn", "suffix")

_ROOTS = 3  # a nickname stands for at most three formal names here
# Formal name: nicknames (common US forms). Both sides of a pair are mapped to formal names.
_NICKNAMES = """
ABIGAIL: ABBY ABBIE GAIL | ALBERT: AL BERT | ALEXANDER: ALEX AL SANDY XANDER | ALFRED: ALF FRED
ANDREW: ANDY DREW | ANTHONY: TONY | BARBARA: BARB BARBIE | BENJAMIN: BEN BENNY BENJI
CATHERINE: CATHY KATE KATIE CAT | CHARLES: CHARLIE CHUCK CHAS | CHRISTINA: CHRISTY TINA
CHRISTINE: CHRIS CHRISSY TINA | CHRISTOPHER: CHRIS KIT TOPHER | CYNTHIA: CINDY | DANIEL: DAN DANNY
DAVID: DAVE DAVEY | DEBORAH: DEB DEBBIE DEBRA | DONALD: DON DONNIE | DOROTHY: DOT DOTTIE
EDWARD: ED EDDIE NED TED | ELIZABETH: LIZ BETH BETTY LIZZY ELIZA BETSY LISA | EUGENE: GENE
FRANCES: FRAN FRANNIE | FRANCIS: FRANK | FREDERICK: FRED FREDDY | GERALD: JERRY GERRY | GREGORY: GREG
HAROLD: HAL HARRY | HENRY: HANK | JACOB: JAKE | JACQUELINE: JACKIE | JAMES: JIM JIMMY JAMIE
JEFFREY: JEFF | JENNIFER: JEN JENNY | JESSICA: JESS JESSIE | JOHN: JACK JOHNNY JON
JONATHAN: JON JONNY NATE | JOSEPH: JOE JOEY | JOSHUA: JOSH | KATHERINE: KATHY KATE KATIE KAT
KATHLEEN: KATHY KATE | KENNETH: KEN KENNY | KIMBERLY: KIM | LAWRENCE: LARRY | LEONARD: LEN LENNY LEO
MARGARET: MAGGIE MEG PEGGY MARGE | MATTHEW: MATT | MICHAEL: MIKE MICKEY | NATHANIEL: NATE NATHAN NAT
NICHOLAS: NICK NICKY | PAMELA: PAM | PATRICIA: PAT PATTY TRISH | PATRICK: PAT PADDY | PETER: PETE
PHILIP: PHIL | RAYMOND: RAY | REBECCA: BECKY BECCA | RICHARD: RICK RICH DICK RICKY
ROBERT: BOB BOBBY ROB ROBBIE BERT | RONALD: RON RONNIE | SAMANTHA: SAM SAMMY | SAMUEL: SAM SAMMY
STEPHEN: STEVE | STEVEN: STEVE | SUSAN: SUE SUSIE | THEODORE: TED TEDDY THEO | THOMAS: TOM TOMMY
TIMOTHY: TIM TIMMY | VICTORIA: VICKY TORI | VINCENT: VINCE VINNY | WALTER: WALT WALLY
WILLIAM: BILL BILLY WILL WILLY LIAM | ZACHARY: ZACH ZACK
"""


def _nickname_table() -> dict[str, tuple[str, ...]]:
    """Nickname -> the formal names it can stand for (PAT -> PATRICIA, PATRICK)."""
    table: dict[str, tuple[str, ...]] = {}
    for entry in _NICKNAMES.replace("\n", " | ").split("|"):
        if ":" in entry:
            formal, nicks = entry.split(":")
            for nick in nicks.split():
                table[nick] = (*table.get(nick, ()), formal.strip())[:_ROOTS]
    return table


_NICK = _nickname_table()
_SUFFIX = re.compile(r"[\s,]+(JR|SR|II|III|IV)\.?$")
_SOUNDEX_CODES = {**dict.fromkeys("BFPV", "1"), **dict.fromkeys("CGJKQSXZ", "2"), **dict.fromkeys("DT", "3"),
                  "L": "4", "M": "5", "N": "5", "R": "6"}


def _name_letters(name: Any, caller: str) -> str:
    """Upper-case letters of a name; '' for a missing one (None, NaN, pd.NA); ValueError if it is not text."""
    if name is None or name is pd.NA or (isinstance(name, float) and name != name):
        return ""
    if not isinstance(name, str):
        raise ValueError(f"{caller} needs a name as text, such as 'Robert'; got {str(name)[:40]!r} "
                         f"({type(name).__name__}).")
    return re.sub(r"[^A-Z]", "", name.upper())


def nickname_roots(name: str) -> tuple[str, ...]:
    """The formal first names a nickname can stand for (upper case), or the name itself; () for a missing name.

    >>> nickname_roots("bill"), nickname_roots("Pat"), nickname_roots("Maria"), nickname_roots(None)
    (('WILLIAM',), ('PATRICIA', 'PATRICK'), ('MARIA',), ())
    """
    key = _name_letters(name, "nickname_roots")
    return _NICK.get(key, (key,)) if key else ()


def soundex(name: str) -> str:
    """American Soundex code of a name: first letter and three digits.

    A name with no letters, or a missing one (None, NaN, ''), has no code: ''. A value
    that is not text (a number, a list) raises ``ValueError``.

    >>> soundex("Robert"), soundex("Rupert"), soundex("Tymczak"), soundex("Pfister"), soundex(None)
    ('R163', 'R163', 'T522', 'P236', '')
    """
    letters = _name_letters(name, "soundex")
    if not letters:
        return ""
    out, last = letters[0], _SOUNDEX_CODES.get(letters[0], "")
    for ch in letters[1:]:
        code = _SOUNDEX_CODES.get(ch, "")
        if code and code != last:
            out += code
        if ch not in "HW":
            last = code
    return (out + "000")[:4]


# -- normalising the columns (one pass over rows, vectorised with pandas) ------
def _text(col: pd.Series) -> pd.Series:
    """Upper-case ASCII letters only; '' for missing. Works on the distinct values (names repeat a lot)."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    s = pd.Series(uniques, dtype="string").str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
    clean = np.append(s.str.upper().str.replace(r"[^A-Z]", "", regex=True).fillna("").to_numpy(dtype=object), "")
    return pd.Series(clean[codes], index=col.index, dtype=object)


_KEEP_DIGITS = {i: None for i in range(128) if not chr(i).isdigit()}
_KEEP_ALNUM = {i: None for i in range(128) if not chr(i).isalnum()}


def _strings(col: pd.Series) -> list[str]:
    return col.astype("string").fillna("").to_numpy(dtype=object).tolist()


def _digits(values: list[str]) -> pd.Series:
    """Digits only (str.translate is several times faster than a regex per row)."""
    return pd.Series([v.translate(_KEEP_DIGITS) for v in values], dtype=object)


def _number_text(values: pd.Series) -> np.ndarray:
    """Whole numbers as text, '' where missing (via the distinct values: years and dates repeat)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = np.append(np.array([f"{v:.0f}" for v in uniques], dtype=object), "")
    return text[codes]


def _parts(last: pd.Series) -> np.ndarray:
    """'SMITH|JONES' for a last name made of parts (Smith-Jones, Smith Jones); '' for a one-part name."""
    out = np.full(len(last), "", dtype=object)
    several = last.str.contains(r"[\s-]", regex=True).fillna(False).to_numpy(bool)
    for i in np.flatnonzero(several):
        parts = [re.sub(r"[^A-Z]", "", part) for part in re.split(r"[\s-]+", last.iloc[i])]
        parts = [part for part in parts if part]
        out[i] = "|".join(parts) if len(parts) > 1 else ""
    return out


def _prepare(patients: pd.DataFrame, extract_date: pd.Timestamp | None) -> pd.DataFrame:
    require_frame(patients, "The patients table", REQUIRED_COLUMNS,
                  hint=f"find_duplicates also uses {', '.join(OPTIONAL_COLUMNS)} when present.")
    ids = patients["patient_id"]
    if ids.isna().any():
        raise ValueError(f"Column 'patient_id' is empty in {int(ids.isna().sum())} row(s); every record needs an id.")
    if ids.duplicated().any():
        raise ValueError(f"Column 'patient_id' repeats {ids[ids.duplicated()].iloc[0]!r}; ids must be unique.")
    blank = pd.Series("", index=patients.index)
    get = lambda name: patients[name] if name in patients.columns else blank  # noqa: E731
    out = pd.DataFrame(index=patients.index)
    last_raw = get("last_name").astype("string").fillna("").str.upper().str.strip()
    suffix = last_raw.str.extract(_SUFFIX, expand=False).fillna("")
    last_clean = last_raw.str.replace(_SUFFIX, "", regex=True)
    out["last"] = _text(last_clean)
    out["last_parts"] = _parts(last_clean)
    out["suffix"] = np.where(_text(get("suffix")) != "", _text(get("suffix")), suffix)
    out["first"] = _text(get("first_name"))
    out["first_initial"] = out["first"].str[:1]
    roots = {name: _NICK.get(name, (name,)) for name in pd.unique(out["first"])}
    for k in range(_ROOTS):
        out[f"root{k}"] = out["first"].map({name: r[min(k, len(r) - 1)] for name, r in roots.items()})
    out["middle"] = _text(get("middle_name"))
    born = pd.to_datetime(get("birth_date"), errors="coerce", format="mixed")
    if extract_date is not None:
        born = born.where(born <= extract_date)  # a birth date after the extract was taken is impossible: ignore it
    out["dob"] = born.dt.strftime("%Y%m%d").fillna("").astype(object)
    out["dob_int"] = (born.dt.year * 10000 + born.dt.month * 100 + born.dt.day).fillna(-1).astype("int64")
    low, high = np.minimum(born.dt.month, born.dt.day), np.maximum(born.dt.month, born.dt.day)
    out["dob_any_order"] = _number_text(born.dt.year * 10000 + low * 100 + high)
    out["birth_year"] = _number_text(born.dt.year)
    sex = _text(get("sex")).str[:1]
    out["sex"] = sex.where(sex.isin(["F", "M"]), "")  # U (unknown) and anything else: missing
    ssn = _digits(_strings(get("ssn")))
    placeholder = ssn.isin(["000000000", "999999999", "123456789"]) | ~ssn.str.len().between(8, 9)
    out["ssn"] = ssn.where(~placeholder, "").to_numpy()
    phone = _digits([v.lower().split("x")[0] for v in _strings(get("phone"))])  # drop an extension
    out["phone"] = phone.str[-10:].where(phone.str.len() >= 10, "").to_numpy()
    street = pd.Series([v.split("\n")[0].upper().translate(_KEEP_ALNUM) for v in _strings(get("address"))], dtype=object)
    zip5 = _digits(_strings(get("zip"))).str[:5]
    out["address"] = (street + "|" + zip5).where(street != "", "").to_numpy()
    codes = {name: soundex(name) for name in pd.unique(pd.concat([out["last"], out["first"]]))}
    out["sx_last"] = out["last"].map(codes)
    out["sx_first"] = out["first"].map(codes)
    return out


# -- blocking -----------------------------------------------------------------
def _keys(prepared: pd.DataFrame) -> dict[str, pd.Series]:
    p = prepared

    def joined(*columns):
        parts = [p[c].astype("string").fillna("").astype(object) for c in columns]
        whole = parts[0].copy()
        for part in parts[1:]:
            whole = whole + "|" + part
        return whole.where(np.logical_and.reduce([part != "" for part in parts]), "")

    return {
        "birth_date_any_order": p["dob_any_order"],
        "ssn": p["ssn"].where(p["ssn"].str.len() == 9, ""),
        "soundex_names": joined("sx_last", "sx_first"),
        "phone": p["phone"],
        "soundex_last_birth_year": joined("sx_last", "birth_year"),
        "address": p["address"],
    }


def blocking_keys(patients: pd.DataFrame, *, extract_date: object = None) -> pd.DataFrame:
    """The blocking keys ``find_duplicates`` gives each record: one column per key, '' where a record has none.

    Two records become a candidate pair when they share any key (see the module docstring), so
    another matcher can be given the very same candidates.

    >>> people = pd.DataFrame({"patient_id": [1], "first_name": ["Ann"], "last_name": ["Lee"],
    ...                        "birth_date": ["1970-09-01"]})
    >>> blocking_keys(people, extract_date="2026-01-01").loc[0, ["birth_date_any_order", "soundex_names"]].tolist()
    ['19700109', 'L000|A500']
    """
    require_frame(patients, "The patients table", hint="blocking_keys needs a DataFrame of patients.")
    when = extract_date_of(extract_date, patients, required=False)
    prepared = _prepare(patients, when)
    keys = pd.DataFrame(_keys(prepared.reset_index(drop=True)))
    keys.index = patients.index
    return keys


def _pairs_sharing(key: pd.Series, max_block: int) -> np.ndarray:
    """Row-position pairs (i < j) of records with the same non-empty key, as i * n + j codes."""
    n = len(key)
    codes, _ = pd.factorize(key.where(key != ""), use_na_sentinel=True)
    if not (codes >= 0).any():
        return np.zeros(0, np.int64)
    sizes = np.bincount(codes[codes >= 0])[np.maximum(codes, 0)]
    keep = (codes >= 0) & (sizes > 1) & (sizes <= max_block)
    rows = np.flatnonzero(keep)
    order = rows[np.argsort(codes[rows], kind="stable")]
    sorted_codes = codes[order]
    found = []
    for step in range(1, max_block):
        same = sorted_codes[:-step] == sorted_codes[step:]
        if not same.any():
            break
        a, b = order[:-step][same], order[step:][same]
        found.append(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))
    return np.concatenate(found) if found else np.zeros(0, np.int64)


def find_duplicates(patients: pd.DataFrame, threshold: float = THRESHOLD, *, extract_date: object = None,
                    max_block: int = 200) -> pd.DataFrame:
    """Pairs of records judged to be the same person, best first.

    Returns one row per pair with ``id_a < id_b`` (patient ids), ``score`` and
    one evidence column per field (``last_name``, ``first_name``,
    ``middle_name``, ``birth_date``, ``ssn``, ``sex``, ``address``, ``phone``,
    ``suffix``) holding the label that earned its points (see :data:`POINTS`).
    Only pairs with ``score >= threshold`` are kept; sorted by score
    (descending), then ``id_a``, ``id_b``. ``threshold`` is a number from
    :data:`LOWEST` to :data:`HIGHEST`; pass ``threshold=-inf`` to see every
    candidate pair the blocking produced.

    ``extract_date`` is the day the extract was taken: a birth date after it is
    impossible and counts as missing. By default it is the table's own
    ``patients.attrs["extract_date"]`` (set by ``helpers.synth`` and ``helpers.data.load``),
    so results never change with the day they are run. For a table that carries no date
    and no ``extract_date=``, no birth date is set aside: the date is a refinement here,
    never taken from the calendar.

    >>> find_duplicates(pd.DataFrame(columns=list(REQUIRED_COLUMNS)), extract_date="2026-01-01").columns[:3].tolist()
    ['id_a', 'id_b', 'score']
    """
    require_frame(patients, "The patients table", hint="find_duplicates needs a DataFrame of patients.")
    whole_number(max_block, "max_block", 2, example=200)
    threshold = number(threshold, "threshold", LOWEST, HIGHEST, example=THRESHOLD, allow=(float("-inf"),))
    when = extract_date_of(extract_date, patients, required=False)
    prepared = _prepare(patients, when).reset_index(drop=True)
    n = len(prepared)
    codes = np.sort(np.concatenate([_pairs_sharing(k, max_block) for k in _keys(prepared).values()]))
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes
    # Candidate pairs are scored a block at a time and only those reaching the threshold are kept,
    # so memory follows the block, not the millions of candidates a large index produces.
    feat = features(prepared, _ROOTS)
    points = {field: np.array(list(POINTS[field].values()), dtype=float) for field in POINTS}
    kept_a, kept_b, kept_score, kept_labels = [], [], [], {field: [] for field in POINTS}
    for start in range(0, len(codes), _PAIRS_PER_BLOCK):
        block = codes[start:start + _PAIRS_PER_BLOCK]
        a, b = block // n, block % n
        evidence = compare(feat, a, b)
        score = sum(points[field][lab.codes] for field, lab in evidence.items())
        keep = score >= threshold
        kept_a.append(a[keep]), kept_b.append(b[keep]), kept_score.append(score[keep])
        for field, lab in evidence.items():
            kept_labels[field].append(lab.codes[keep])
    a, b = (np.concatenate(k) if k else np.zeros(0, np.int64) for k in (kept_a, kept_b))
    score = np.concatenate(kept_score) if kept_score else np.zeros(0)
    labels = {field: np.concatenate(v) if v else np.zeros(0, np.int8) for field, v in kept_labels.items()}
    ids = patients["patient_id"].to_numpy()
    id_x, id_y = ids[a], ids[b]
    try:
        flip = id_x > id_y
    except TypeError:
        raise ValueError("Column 'patient_id' mixes kinds of values (numbers and text); use one kind.") from None
    result = pd.DataFrame({"id_a": np.where(flip, id_y, id_x), "id_b": np.where(flip, id_x, id_y), "score": score})
    for field, codes_kept in labels.items():
        result[field] = pd.Categorical.from_codes(codes_kept, categories=list(POINTS[field]))
    if len(result):
        result = result.astype({"id_a": patients["patient_id"].dtype, "id_b": patients["patient_id"].dtype})
    return result.sort_values(["score", "id_a", "id_b"], ascending=[False, True, True], ignore_index=True)
