"""The shared libraries an ELF file asks for (its DT_NEEDED entries), without binutils.

Enough of the format for the 64-bit little-endian Linux libraries PySide6 ships: the
section headers lead to the ``.dynamic`` section and the string table it links to.
"""

from __future__ import annotations

import struct
from pathlib import Path

SHT_DYNAMIC = 6
DT_NULL = 0
DT_NEEDED = 1


def needed(path: Path) -> list[str]:
    """The sonames ``path`` names as NEEDED, in order."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)

    def section(index: int) -> tuple[int, int, int, int]:  # type, offset, size, link
        base = shoff + index * shentsize
        sh_type = struct.unpack_from("<I", data, base + 4)[0]
        offset, size = struct.unpack_from("<QQ", data, base + 24)
        link = struct.unpack_from("<I", data, base + 40)[0]
        return sh_type, offset, size, link

    names: list[str] = []
    for index in range(shnum):
        sh_type, offset, size, link = section(index)
        if sh_type != SHT_DYNAMIC:
            continue
        strtab = section(link)[1]
        for entry in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, entry)
            if tag == DT_NULL:
                break
            if tag == DT_NEEDED:
                end = data.index(b"\0", strtab + value)
                names.append(data[strtab + value:end].decode())
    return names
