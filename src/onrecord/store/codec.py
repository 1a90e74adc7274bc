"""Compression of raw inputs and revision bodies: zstd, with a dictionary per archive.

Blobs written by earlier versions are zlib; `decompress` reads both. A raw page written
with the archive's dictionary names it in its frame header; the dictionary is kept in
the database (table zstd_dictionaries), so the file alone is still the whole record.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import zlib
from datetime import UTC, datetime
from typing import Any

import zstandard

from onrecord.errors import StoreError

log = logging.getLogger(__name__)

# Raw inputs and revision bodies are compressed with zstd level 1: on the 2,170 DEV pages
# it takes 0.18 s of CPU where zlib level 1 took 0.50 s, and keeps 25% of the bytes (zlib
# level 1: 27%). Blobs written by earlier versions are zlib; `decompress` reads both, told
# apart by the zstd frame's magic number (a zlib stream starts with 0x78).
CODEC = "zstd"
ZSTD_LEVEL = 1
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# Raw pages of one site share most of their bytes (the site's chrome), so an archive keeps
# a zstd dictionary trained on its own pages (table zstd_dictionaries) and compresses raw
# pages with it: on the DEV pages 6.5 MB of blobs instead of 19.5 MB, in 0.08 s of CPU
# instead of 0.13 s. Fastcover with fixed parameters trains a 64 KB dictionary from 64
# pages in 0.02 s; letting zstd search for k and d took 0.03 to 0.12 s and, from 32 to 64
# pages, sometimes chose k=50, whose dictionary saved half as much.
DICTIONARY_BYTES = 65_536
DICTIONARY_SHARE = 10  # a dictionary of at most 1/10 of its sample: zstd wants far more sample
_DICTIONARY_MIN = 1_024
_FASTCOVER = {"k": 2048, "d": 8, "level": ZSTD_LEVEL}


_LOCAL = threading.local()  # zstd contexts are not safe to share between threads


class Dictionary:
    """A zstd dictionary for raw pages; its id is in the header of every frame it wrote."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zstd = zstandard.ZstdCompressionDict(data)
        self.id = self.zstd.dict_id()


def train_dictionary(samples: list[bytes]) -> Dictionary | None:
    """A dictionary trained on these inputs, or None when zstd cannot make a useful one."""
    size = min(DICTIONARY_BYTES, sum(map(len, samples)) // DICTIONARY_SHARE)
    if size < _DICTIONARY_MIN:
        return None
    buffers: list[bytes | bytearray | memoryview] = list(samples)
    try:
        trained = zstandard.train_dictionary(size, buffers, **_FASTCOVER)
    except zstandard.ZstdError as err:  # too few or too small samples
        log.info("no zstd dictionary trained (%s)", err)
        return None
    return Dictionary(trained.as_bytes())


def store_dictionary(conn: sqlite3.Connection, dictionary: Dictionary, samples: int) -> None:
    """Keep a dictionary in the archive, inside the caller's transaction."""
    conn.execute(
        "INSERT OR IGNORE INTO zstd_dictionaries (id, data, samples, created_at)"
        " VALUES (?, ?, ?, ?)",
        (dictionary.id, dictionary.data, samples, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def stored_dictionary(conn: sqlite3.Connection) -> Dictionary | None:
    """The archive's dictionary for raw pages (the newest, should there be several)."""
    row = conn.execute(
        "SELECT data FROM zstd_dictionaries ORDER BY created_at DESC, rowid DESC LIMIT 1"
    ).fetchone()
    return None if row is None else Dictionary(row[0])


def _per_thread(name: str) -> dict[int, Any]:
    """This thread's cache `name` (zstd contexts by dictionary id, 0 for none)."""
    cache: dict[int, Any] | None = getattr(_LOCAL, name, None)
    if cache is None:
        cache = {}
        setattr(_LOCAL, name, cache)
    return cache


def _compressor(dictionary: Dictionary | None) -> zstandard.ZstdCompressor:
    compressors: dict[int, zstandard.ZstdCompressor] = _per_thread("compressors")
    key = dictionary.id if dictionary else 0
    compressor = compressors.get(key)
    if compressor is None:
        zstd_dict = dictionary.zstd if dictionary else None
        compressor = compressors[key] = zstandard.ZstdCompressor(
            level=ZSTD_LEVEL, dict_data=zstd_dict
        )
    return compressor


def compress(data: bytes, dictionary: Dictionary | None = None) -> bytes:
    """A zstd frame (with its content size, so it decompresses in one call), written with
    `dictionary` when given (the frame names its id)."""
    return _compressor(dictionary).compress(data)


def decompress(blob: bytes, conn: sqlite3.Connection | None = None) -> bytes:
    """A stored blob's bytes: zstd (this version, with or without one of the dictionaries
    of `conn`'s archive) or zlib (databases written before)."""
    if blob[:4] == _ZSTD_MAGIC:
        try:
            dict_id = zstandard.get_frame_parameters(blob).dict_id
        except zstandard.ZstdError as err:
            raise StoreError(f"a stored blob has a broken zstd frame ({err})") from err
        return _decompressor(conn, dict_id).decompress(blob)
    try:
        return zlib.decompress(blob)
    except zlib.error as err:
        raise StoreError(f"a stored blob is neither zstd nor zlib ({err})") from err


# Dictionaries read from archives, by id. zstd derives a trained dictionary's id from its
# content, so one id is one dictionary whichever archive it came from; each read still
# asks its own archive whether it has the dictionary (a cheap lookup by key).
_DICTIONARIES: dict[int, zstandard.ZstdCompressionDict] = {}


def _decompressor(conn: sqlite3.Connection | None, dict_id: int) -> zstandard.ZstdDecompressor:
    decompressors: dict[int, zstandard.ZstdDecompressor] = _per_thread("decompressors")
    if dict_id:
        _check_dictionary(conn, dict_id)
    decompressor = decompressors.get(dict_id)
    if decompressor is None:
        zstd_dict = _DICTIONARIES[dict_id] if dict_id else None
        decompressor = decompressors[dict_id] = zstandard.ZstdDecompressor(dict_data=zstd_dict)
    return decompressor


def _check_dictionary(conn: sqlite3.Connection | None, dict_id: int) -> None:
    """Fail with a StoreError unless the archive has dictionary `dict_id`; load it once."""
    if conn is None:
        raise StoreError(f"a stored blob needs zstd dictionary {dict_id}; no archive to read it")
    column = "1" if dict_id in _DICTIONARIES else "data"
    try:
        row = conn.execute(
            f"SELECT {column} FROM zstd_dictionaries WHERE id = ?", (dict_id,)
        ).fetchone()
    except sqlite3.OperationalError:  # a database from before dictionaries
        row = None
    if row is None:
        raise StoreError(f"a stored blob needs zstd dictionary {dict_id}, which the archive lacks")
    if dict_id not in _DICTIONARIES:
        _DICTIONARIES[dict_id] = zstandard.ZstdCompressionDict(row[0])
