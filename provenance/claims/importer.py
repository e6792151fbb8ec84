"""Bulk import: entities, properties, rules, sources and claims from one TOML or JSON file.

The whole file is one transaction: an error names the file, the entry and the reason, and nothing
is imported. Importing the same file twice changes nothing the second time (entries already in
the ledger are recognised and skipped), so a seed import can be re-run safely.
The format is documented in docs/import-format.md.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError, ProvenanceError
from ..ingest.sources import SourceMeta, add_source, find_source, read_input
from ..ledger import gc_pause
from ..ledger.models import Rule
from .recording import ClaimInput, ClaimWriter
from .vocabulary import add_alias, add_entity, add_property, add_rule, find_entity, get_property

SECTIONS = ("entities", "properties", "rules", "sources", "claims")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    claim_ids: list[int] = field(default_factory=list)
    not_claims: int = 0  # annotations that are comments or tags, not claims

    def summary(self) -> str:
        parts = [f"{self.created[s]} {s}" for s in SECTIONS if self.created[s]]
        skipped = sum(self.skipped.values())
        text = "imported " + (", ".join(parts) if parts else "nothing new")
        text += f" ({skipped} already there)" if skipped else ""
        return text + (f"; {self.not_claims} annotation(s) state no claim, left out" if self.not_claims else "")


def load(path: str):
    """Read and parse an import file; the top level must be a table of known sections."""
    data = read_input(path)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: is not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty; nothing to import")
    # JSON by its suffix (.json, .jsonld) or its first character: TOML never starts with "{".
    is_json = path.endswith((".json", ".jsonld")) or text.lstrip().startswith("{")
    try:
        if is_json:
            doc = json.loads(text)
        else:
            doc = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, RecursionError) as exc:
        kind = "JSON" if is_json else "TOML"
        raise InputError(f"{path}: not valid {kind}: {str(exc).splitlines()[0]}") from None
    from .annotations import annotation_kind

    if annotation_kind(doc):  # W3C Web Annotations or a Hypothesis export
        return doc
    if not isinstance(doc, dict):
        raise InputError(f"{path}: the top level must be a table of sections ({', '.join(SECTIONS)})")
    unknown = set(doc) - set(SECTIONS) - {"format"}
    if unknown:
        raise InputError(
            f"{path}: unknown section(s) {', '.join(sorted(map(str, unknown)))}; expected {', '.join(SECTIONS)}"
        )
    for section in SECTIONS:
        entries = doc.get(section, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise InputError(f"{path}: [{section}] must be a list of tables ([[{section}]] in TOML)")
    return doc


class Entry:
    """Typed access to one entry's fields, so that every error names where it is."""

    def __init__(self, where: str, data: dict, fields: dict[str, type | tuple]):
        self.where, self.data = where, data
        unknown = set(data) - fields.keys()
        if unknown:
            raise InputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        for name, value in data.items():  # only the fields given: a bulk file repeats this a lot
            kind = fields[name]
            kinds = kind if isinstance(kind, tuple) else (kind,)
            if not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds:
                want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
                raise InputError(f"{where}: field {name!r} must be a {want}")

    def get(self, name: str, default=None):
        return self.data.get(name, default)

    def need(self, name: str):
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InputError(f"{self.where}: field {name!r} is required")
        return value


def import_file(session: Session, path: str, *, allow_outside: bool = False) -> ImportResult:
    """Import `path`. Its sources may name only files in its own folder (or below it), unless
    `allow_outside`: a file passed around cannot make the ledger read /etc/passwd."""
    from .annotations import annotation_kind, import_annotations

    doc = load(path)
    if annotation_kind(doc):
        return import_annotations(session, doc, path)
    with gc_pause.paused():  # thousands of rows, each a few dicts that live until the write
        return _import_doc(session, doc, path, allow_outside)


def _import_doc(session: Session, doc: dict, path: str, allow_outside: bool) -> ImportResult:
    base = Path(path).parent if path != "-" else Path.cwd()
    result = ImportResult()
    keys: dict[str, int] = {}
    writer = ClaimWriter(session)
    writer.prefetch(
        {
            str(keys.get(str(c.get("source")), c.get("source")))
            for c in doc.get("claims", [])
            if isinstance(c.get("source"), str)
        }
    )
    steps = (
        ("entities", _entity),
        ("properties", _property),
        ("rules", _rule),
        ("sources", lambda s, e, r: _source(s, e, r, base, keys, allow_outside)),
        ("claims", lambda s, e, r: _claim(writer, e, r, keys)),
    )
    for section, step in steps:
        for n, data in enumerate(doc.get(section, []), 1):
            where = f"{path}: {section}[{n}]"
            try:
                step(session, Entry(where, data, FIELDS[section]), result)
            except ProvenanceError as exc:
                if exc.message.startswith(where):
                    raise
                raise type(exc)(f"{where}: {exc.message}") from None
    result.claim_ids = writer.flush()
    return result


FIELDS: dict[str, dict] = {
    "entities": {"name": str, "aliases": list, "kind": str, "side": str},
    "properties": {
        "name": str,
        "type": str,
        "unit": str,
        "single_value": bool,
        "running_count": bool,
        "description": str,
    },
    "rules": {"name": str, "left": str, "right": str, "rationale": str},
    "sources": {
        "key": str,
        "file": str,
        "sha256": str,
        "title": str,
        "url": str,
        "outlet": str,
        "author": str,
        "published": (str, dt.date),
        "captured": (str, dt.date),
        "reliability": str,
    },
    "claims": {
        "source": (str, int),
        "quote": str,
        "subject": str,
        "property": str,
        "value": (str, int, float),
        "speaker": str,
        "denies": bool,
        "as_of": str,
        "hedge": str,
        "scope": str,
        "cites": str,
        "prefix": str,
        "suffix": str,
        "occurrence": int,
        "status": str,
        "id": str,
        "note": str,
        "exclusive": bool,
        "revises": int,
    },
}


def _entity(session: Session, e: Entry, result: ImportResult) -> None:
    name = e.need("name")
    aliases = e.get("aliases", [])
    if not all(isinstance(a, str) for a in aliases):
        raise InputError(f"{e.where}: every alias must be a string")
    existing = find_entity(session, name)
    if existing is None:
        add_entity(session, name, aliases, e.get("kind"), e.get("side"))
        result.created["entities"] += 1
        return
    known = {a.key for a in existing.aliases}
    from .vocabulary import alias_key

    for alias in aliases:
        if alias_key(alias) not in known:
            add_alias(session, existing.name, alias)
    result.skipped["entities"] += 1


def _property(session: Session, e: Entry, result: ImportResult) -> None:
    name = e.need("name")
    try:
        prop = get_property(session, name)
    except ProvenanceError:
        add_property(
            session,
            name,
            e.need("type"),
            unit=e.get("unit"),
            single_value=e.get("single_value", False),
            running_count=e.get("running_count"),
            description=e.get("description"),
        )
        result.created["properties"] += 1
        return
    if prop.value_type != e.need("type"):
        raise InputError(f"{e.where}: property {name!r} exists with type {prop.value_type}, not {e.get('type')}")
    result.skipped["properties"] += 1


def _rule(session: Session, e: Entry, result: ImportResult) -> None:
    name = e.need("name")
    if session.scalar(select(Rule).where(Rule.name == name)) is not None:
        result.skipped["rules"] += 1
        return
    add_rule(session, name, e.need("left"), e.need("right"), e.need("rationale"))
    result.created["rules"] += 1


def _inside(path: Path, base: Path) -> bool:
    try:
        path.resolve().relative_to(base.resolve())
        return True
    except ValueError:
        return False


def _source(
    session: Session, e: Entry, result: ImportResult, base: Path, keys: dict, allow_outside: bool = False
) -> None:
    key = e.get("key")
    if e.get("file"):
        file = Path(e.get("file"))
        path = file if file.is_absolute() else base / file
        if not allow_outside and not _inside(path, base):
            raise InputError(
                f"{e.where}: file {str(file)!r} is outside the import file's folder; "
                "move it there, or pass --allow-outside if you trust this file"
            )
        meta = SourceMeta.read(
            title=e.get("title"),
            url=e.get("url"),
            outlet=e.get("outlet"),
            author=e.get("author"),
            published=e.get("published"),
            captured=e.get("captured"),
            reliability=e.get("reliability"),
        )
        added = add_source(session, read_input(str(path)), str(file), meta)
        source, existed = added.source, added.existed
        if e.get("sha256") and not source.sha256.startswith(e.get("sha256").lower()):
            raise InputError(f"{e.where}: {file} does not have the SHA-256 the entry gives")
    elif e.get("sha256"):
        source, existed = find_source(session, e.get("sha256")), True
    else:
        raise InputError(f"{e.where}: give 'file' (to add it) or 'sha256' (to refer to it)")
    result.created["sources"] += 0 if existed else 1
    result.skipped["sources"] += 1 if existed else 0
    if key:
        keys[key] = source.id


def _claim(writer: ClaimWriter, e: Entry, result: ImportResult, keys: dict) -> None:
    ref = e.need("source")
    ref = str(keys.get(str(ref), ref))
    if e.get("status", "accepted") != "accepted":
        raise InputError(
            f"{e.where}: status can only be accepted (claims awaiting review are candidates: "
            "`provenance extract` and `provenance review`); leave it out"
        )
    ci = ClaimInput(
        source=ref,
        quote=e.need("quote"),
        subject=e.need("subject"),
        property=e.need("property"),
        value=str(e.need("value")),
        speaker=e.get("speaker"),
        denies=e.get("denies", False),
        as_of=e.get("as_of"),
        hedge=e.get("hedge"),
        scope=e.get("scope"),
        cites=e.get("cites"),
        prefix=e.get("prefix"),
        suffix=e.get("suffix"),
        occurrence=e.get("occurrence"),
        exclusive=e.get("exclusive", False),
        revises=e.get("revises"),
    )
    if writer.add(ci, skip_existing=True):
        result.created["claims"] += 1
    else:
        result.skipped["claims"] += 1
