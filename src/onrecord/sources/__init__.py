"""Bytes in: files read whole, with the raw bytes kept and hashed (folders and globs are
walked by `onrecord.readers.expand`)."""

from onrecord.sources.files import MAX_BYTES, RawInput, decode, read_path

__all__ = ["MAX_BYTES", "RawInput", "decode", "read_path"]
