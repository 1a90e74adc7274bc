"""Bytes in: files, folders and globs, with the raw bytes kept and hashed."""

from onrecord.sources.files import MAX_BYTES, RawInput, decode, expand_paths, read_path

__all__ = ["MAX_BYTES", "RawInput", "decode", "expand_paths", "read_path"]
