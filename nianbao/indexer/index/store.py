"""Where an index lives on disk: generations, the ``CURRENT`` pointer, the build lock.

An index directory holds one Whoosh index per *generation* and a pointer to the live one::

    DIR/CURRENT              name of the live generation (replaced atomically)
    DIR/LOCK                 flock()ed by the one build allowed at a time
    DIR/gen-000007-1a2b3c4d/ a complete Whoosh index + manifest.json

A build never writes into the live generation. It makes a new generation whose files
start as hard links to the live one's (Whoosh segment files are immutable: deletions
and the segment list live in the per-generation TOC file, which Whoosh rewrites under a
new name), applies its changes there, commits, and only then flips ``CURRENT`` with
``os.replace``. A crash or Ctrl-C at any point before the flip leaves ``CURRENT`` and
the generation it names untouched; the half-built generation is removed by the next
build. After a flip the previous generation is kept (a reader that opened it a moment
ago can finish) and older ones are removed.

``current_generation(dir)`` is the content of ``CURRENT``: generation names are unique (a
counter plus random hex), so the version changes exactly when a build publishes, and
reading it costs one small file read; the search service reopens when it changes.

Each generation's manifest records the index format (``schema.INDEX_FORMAT``, passed
in by the build); ``open_index`` refuses a generation written with another format with
``IndexFormatError`` ("索引格式已更新，请重新运行 nianbao index"), and the build then
rebuilds from scratch instead of updating it.

Integrity: every generation records the size and CRC-32 of each of its files in
``checksums.json`` (``write_checksums``; a file hard-linked from the previous generation
keeps its recorded checksum). ``verify`` compares them: the build checks the live
generation fully before reusing it (a damaged one is rebuilt from scratch, nothing of it
reused), ``nianbao index --check`` reports, and the search service checks every file's
size when it opens a generation and again on every request (a file truncated under a
running server would otherwise crash it when read through a memory map), answering
``IndexDamaged`` (索引已损坏) instead.

Default location (``DEFAULT_INDEX_DIR``, used by every command): ``$NIANBAO_INDEX`` if
set, else ``.nianbao/index`` under the current directory.
"""
import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import zlib

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError

DEFAULT_INDEX_DIR = os.environ.get("NIANBAO_INDEX") or os.path.join(".nianbao", "index")
CURRENT = "CURRENT"
LOCK = "LOCK"
MANIFEST = "manifest.json"
CHECKSUMS = "checksums.json"
_UNCHECKED = {MANIFEST, CHECKSUMS}  # rewritten in place (atomically): checked by parsing
_GEN = re.compile(r"^gen-(\d{6,})-[0-9a-f]{8}$")
_OPEN_RETRIES = 5


class IndexNotFound(Exception):
    """There is no published index in the directory."""


class IndexFormatError(IndexNotFound):
    """The published index was written by an older nianbao and must be rebuilt."""


class IndexDamaged(IndexNotFound):
    """A published file is missing, truncated or altered: the index must be rebuilt."""


class IndexLocked(Exception):
    """Another build holds the index directory's lock."""


def current_generation(index_dir):
    """Name of the live generation, or None when nothing has been published."""
    try:
        with open(os.path.join(index_dir, CURRENT), encoding="utf-8") as f:
            name = f.read().strip()
    except FileNotFoundError:
        return None
    return name or None


def open_index(index_dir, index_format=None):
    """Open the live generation: return ``(name, Whoosh index)``.

    Raises IndexNotFound when nothing is published, IndexFormatError (with
    ``index_format``) for a generation of another format, and IndexDamaged when a file is
    missing or its size differs from its checksum record. Whoosh reads its files without
    memory maps here (a truncated file is an error, not a crash).
    """
    for _ in range(_OPEN_RETRIES):
        name = current_generation(index_dir)
        if name is None:
            break
        if not os.path.isdir(generation_path(index_dir, name)):
            if current_generation(index_dir) == name:  # not a build flipping CURRENT
                raise IndexDamaged(damage_message(index_dir, [f"{CURRENT} → {name}（不存在）"]))
            continue
        try:
            if index_format is not None and read_format(index_dir, name) != index_format:
                raise IndexFormatError(f"索引格式已更新，请重新运行 nianbao index（{index_dir}）")
            damaged = verify(index_dir, name, full=False)
            if damaged:
                raise IndexDamaged(damage_message(index_dir, damaged))
            return name, FileStorage(generation_path(index_dir, name), supports_mmap=False).open_index()
        except (OSError, EmptyIndexError):
            # A build flipped CURRENT and removed this generation between our two
            # reads (only possible when two builds ran in quick succession): re-read.
            if current_generation(index_dir) == name:
                raise IndexDamaged(damage_message(index_dir, [name])) from None
    raise IndexNotFound(f"索引不存在：{index_dir}（请先运行 nianbao index）")


def damage_message(index_dir, damaged):
    """The Chinese message for a damaged index, naming the files and the repairing command."""
    roots = " ".join(_quote(r) for r in read_roots(index_dir)) or "<报告目录>"
    shown = "、".join(damaged[:3]) + ("等" if len(damaged) > 3 else "")
    return (f"索引已损坏（{shown}）。请运行 nianbao index {roots} --index {_quote(index_dir)} "
            f"重建索引（将完整重建，不复用损坏的文件）")


def _quote(path):
    return f"'{path}'" if any(c.isspace() for c in str(path)) else str(path)


def _files(gen_dir):
    """Relative paths of every file of a generation that checksums cover."""
    out = []
    for root, _dirs, names in os.walk(gen_dir):
        for name in names:
            rel = os.path.relpath(os.path.join(root, name), gen_dir)
            if rel not in _UNCHECKED and not name.endswith(("LOCK", ".lock", ".tmp")):
                out.append(rel)
    return sorted(out)


def _crc(path):
    crc = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            crc = zlib.crc32(chunk, crc)
    return crc


def write_checksums(index_dir, name, base=None):
    """Record size and CRC-32 of every file of generation ``name`` (reusing ``base``'s
    records for files hard-linked from it)."""
    gen_dir = generation_path(index_dir, name)
    old = _checksums(index_dir, base) if base else {}
    base_dir = generation_path(index_dir, base) if base else None
    sums = {}
    for rel in _files(gen_dir):
        path = os.path.join(gen_dir, rel)
        if rel in old and base_dir and _same_file(path, os.path.join(base_dir, rel)):
            sums[rel] = old[rel]
        else:
            sums[rel] = [os.path.getsize(path), _crc(path)]
    tmp = os.path.join(gen_dir, CHECKSUMS + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(sums, f, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, os.path.join(gen_dir, CHECKSUMS))


def _same_file(a, b):
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _checksums(index_dir, name):
    try:
        with open(os.path.join(generation_path(index_dir, name), CHECKSUMS), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def verify(index_dir, name, full=True):
    """Files of generation ``name`` that are missing, resized or (``full``) altered; [] if sound.

    A generation without a checksum record is reported as one damaged entry.
    """
    sums = _checksums(index_dir, name)
    if sums is None:
        return [CHECKSUMS]
    gen_dir = generation_path(index_dir, name)
    damaged = []
    for rel, (size, crc) in sums.items():
        path = os.path.join(gen_dir, rel)
        try:
            if os.path.getsize(path) != size or (full and _crc(path) != crc):
                damaged.append(rel)
        except OSError:
            damaged.append(rel)
    return damaged


def file_sizes(index_dir, name):
    """{absolute path: recorded size} of a generation's files (the service re-checks them)."""
    gen_dir = generation_path(index_dir, name)
    return {os.path.join(gen_dir, rel): size for rel, (size, _crc) in (_checksums(index_dir, name) or {}).items()}


def generation_path(index_dir, name):
    """Directory of generation ``name``."""
    return os.path.join(index_dir, name)


def _manifest(index_dir, name):
    """The raw manifest of a generation, or None when missing or unreadable.

    An unreadable manifest reads as an old-format generation: the service refuses it
    with a clear message and the next ``nianbao index`` rebuilds from scratch.
    """
    if name is None:
        return None
    try:
        with open(os.path.join(index_dir, name, MANIFEST), encoding="utf-8") as f:
            return json.load(f)
    except (FileNotFoundError, ValueError):
        return None


def read_manifest(index_dir, name):
    """The manifest of a generation: {source path: file record}; empty if none."""
    return (_manifest(index_dir, name) or {}).get("files", {})


def read_roots(index_dir, name=None):
    """The paths every build of this index was given (for the repair message)."""
    name = name or current_generation(index_dir)
    return (_manifest(index_dir, name) or {}).get("roots", [])


def read_limits(index_dir, name):
    """The extraction limits a generation was built with ([file bytes, report chars]), or None."""
    return (_manifest(index_dir, name) or {}).get("limits")


def read_format(index_dir, name):
    """The index format recorded in a generation's manifest (1 when it records none)."""
    return (_manifest(index_dir, name) or {}).get("format", 1)


def write_manifest(gen_dir, files, index_format, roots=(), limits=None):
    """Write a generation's manifest atomically (never in place: it may be a hard link)."""
    tmp = os.path.join(gen_dir, MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"format": index_format, "files": files, "roots": list(roots), "limits": limits},
                  f, ensure_ascii=False, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, os.path.join(gen_dir, MANIFEST))


class BuildLock:
    """An exclusive, non-blocking flock on DIR/LOCK; released by the kernel if we die."""

    def __init__(self, index_dir):
        self.path = os.path.join(index_dir, LOCK)
        self.fd = None

    def __enter__(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise IndexLocked(
                    f"另一个 nianbao index 正在写入 {os.path.dirname(self.path)}，请等它结束后再试"
                ) from None
            raise
        self.fd = fd
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None


def _generations(index_dir):
    """(number, name) of every generation directory, oldest first."""
    gens = []
    for name in os.listdir(index_dir):
        m = _GEN.match(name)
        if m and os.path.isdir(os.path.join(index_dir, name)):
            gens.append((int(m.group(1)), name))
    return sorted(gens)


def new_generation(index_dir, base):
    """Create the next generation directory; link ``base``'s files into it if given."""
    gens = _generations(index_dir)
    number = gens[-1][0] + 1 if gens else 1
    name = f"gen-{number:06d}-{secrets.token_hex(4)}"
    path = os.path.join(index_dir, name)
    os.mkdir(path)
    try:
        if base is not None:
            src = os.path.join(index_dir, base)
            for entry in os.scandir(src):
                # Whoosh lock files and our temp files belong to the writer that made them.
                if not entry.is_file() or entry.name.endswith(("LOCK", ".lock", ".tmp")):
                    continue
                try:
                    os.link(entry.path, os.path.join(path, entry.name))
                except OSError:  # a filesystem without hard links: copy instead
                    shutil.copy2(entry.path, os.path.join(path, entry.name))
    except BaseException:  # interrupted (Ctrl-C) or failed: leave nothing half-made behind
        shutil.rmtree(path, ignore_errors=True)
        raise
    return name


def publish(index_dir, name):
    """Make generation ``name`` the live one (atomic), then drop all but it and its predecessor."""
    previous = current_generation(index_dir)
    tmp = os.path.join(index_dir, CURRENT + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, os.path.join(index_dir, CURRENT))
    _fsync_dir(index_dir)
    remove_stale(index_dir, keep=(name, previous))


def remove_unpublished(index_dir):
    """Remove generations newer than the live one: left by a build that crashed."""
    live = current_generation(index_dir)
    numbers = dict((name, n) for n, name in _generations(index_dir))
    floor = numbers.get(live, -1) if live else -1
    for name, n in numbers.items():
        if n > floor:
            shutil.rmtree(os.path.join(index_dir, name), ignore_errors=True)


def remove_stale(index_dir, keep):
    """Remove every generation directory whose name is not in ``keep``."""
    for _, name in _generations(index_dir):
        if name not in keep:
            shutil.rmtree(os.path.join(index_dir, name), ignore_errors=True)


def discard(index_dir, name):
    """Remove an unpublished generation (a build that failed or was interrupted)."""
    shutil.rmtree(os.path.join(index_dir, name), ignore_errors=True)


def _fsync_dir(path):
    """Persist a rename in ``path`` (best effort: not every platform allows it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
