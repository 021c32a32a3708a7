#!/usr/bin/env python3
"""Mark one symbol-version requirement of an ELF64 shared library as weak.

Usage: mark_weak_verneed.py [--version GLIBCXX_3.4.32] FILE

Why: libLibTorchSharp.so (TorchSharp-cpu 0.107.0) requires the version GLIBCXX_3.4.32 of
libstdc++.so.6, which Debian 12's libstdc++ (GCC 12, up to 3.4.30) does not define, so the
dynamic loader refuses to load it ("version `GLIBCXX_3.4.32' not found"). The requirement is
recorded in the .gnu.version_r section (SHT_GNU_verneed) as an Elf64_Vernaux entry. Setting
VER_FLG_WEAK in that entry's vna_flags tells ld.so that a missing version is not fatal; the only
symbol using it (std::ios_base_library_init) is provided by the glibcxx shim library instead.

The file is modified in place (2 bytes). Running the script again is a no-op (idempotent).
Exit status: 0 = flag set or already set; 1 = error (message on stderr).
Python 3 standard library only.
"""
import argparse
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE  # section type of .gnu.version_r
VER_FLG_WEAK = 0x2            # vna_flags bit: "weak version reference"


class ElfError(Exception):
    pass


def cstring(data, offset):
    """Read a NUL-terminated string from data at offset."""
    end = data.find(b"\0", offset)
    if end < 0:
        raise ElfError("unterminated string in string table")
    return data[offset:end].decode("ascii", "replace")


def find_vernaux(data, wanted):
    """Return a list of (vna_flags_file_offset, vna_flags, needed_file_name) for every
    Elf64_Vernaux entry whose name is `wanted`."""
    # --- ELF header (Elf64_Ehdr) ---
    if len(data) < 64 or data[:4] != b"\x7fELF":
        raise ElfError("not an ELF file")
    if data[4] != 2:  # EI_CLASS
        raise ElfError("not a 64-bit ELF file (only ELF64 is supported)")
    if data[5] == 1:  # EI_DATA
        end = "<"
    elif data[5] == 2:
        end = ">"
    else:
        raise ElfError("unknown ELF byte order")
    e_shoff, = struct.unpack_from(end + "Q", data, 0x28)
    e_shentsize, e_shnum, e_shstrndx = struct.unpack_from(end + "HHH", data, 0x3A)
    if e_shoff == 0 or e_shnum == 0:
        raise ElfError("no section header table (stripped of sections?)")
    if e_shentsize != 64:
        raise ElfError("unexpected section header size %d" % e_shentsize)

    # --- Section headers (Elf64_Shdr): name, type, flags, addr, offset, size, link, info, ... ---
    sections = []
    for i in range(e_shnum):
        base = e_shoff + i * e_shentsize
        if base + 64 > len(data):
            raise ElfError("section header table is truncated")
        (sh_name, sh_type, _flags, _addr, sh_offset, sh_size,
         sh_link, sh_info, _align, _entsize) = struct.unpack_from(end + "IIQQQQIIQQ", data, base)
        sections.append((sh_type, sh_offset, sh_size, sh_link, sh_info))

    verneed = [s for s in sections if s[0] == SHT_GNU_VERNEED]
    if not verneed:
        raise ElfError("no .gnu.version_r (SHT_GNU_verneed) section")
    _, vn_off, vn_size, strtab_idx, vn_count = verneed[0]
    if strtab_idx >= len(sections):
        raise ElfError(".gnu.version_r links to a missing string table")
    str_off, str_size = sections[strtab_idx][1], sections[strtab_idx][2]
    strtab = data[str_off:str_off + str_size]

    # --- Walk the Elf64_Verneed list (one per needed library) and its Elf64_Vernaux entries ---
    # Elf64_Verneed: vn_version(H) vn_cnt(H) vn_file(I) vn_aux(I) vn_next(I)         = 16 bytes
    # Elf64_Vernaux: vna_hash(I) vna_flags(H) vna_other(H) vna_name(I) vna_next(I)   = 16 bytes
    # vn_aux/vn_next/vna_next are byte offsets relative to the current entry.
    hits = []
    pos = vn_off
    for _ in range(vn_count):  # sh_info = number of Verneed entries
        if pos + 16 > vn_off + vn_size:
            raise ElfError(".gnu.version_r is truncated")
        _ver, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from(end + "HHIII", data, pos)
        file_name = cstring(strtab, vn_file)
        aux = pos + vn_aux
        for _ in range(vn_cnt):
            if aux + 16 > vn_off + vn_size:
                raise ElfError(".gnu.version_r is truncated")
            _hash, vna_flags, _other, vna_name, vna_next = struct.unpack_from(end + "IHHII", data, aux)
            if cstring(strtab, vna_name) == wanted:
                hits.append((aux + 4, vna_flags, file_name))  # vna_flags sits at offset 4
            if vna_next == 0:
                break
            aux += vna_next
        if vn_next == 0:
            break
        pos += vn_next
    return hits, end


def main():
    ap = argparse.ArgumentParser(description="Set VER_FLG_WEAK on an ELF64 version-need (vernaux) entry.")
    ap.add_argument("file", help="ELF64 shared library to modify in place (use a copy, never the NuGet cache)")
    ap.add_argument("--version", default="GLIBCXX_3.4.32", help="version name to mark weak (default: %(default)s)")
    args = ap.parse_args()
    prog = "mark_weak_verneed"

    try:
        with open(args.file, "rb") as f:
            data = f.read()
        hits, end = find_vernaux(data, args.version)
    except OSError as e:
        print("%s: error: cannot read %s: %s" % (prog, args.file, e.strerror), file=sys.stderr)
        return 1
    except ElfError as e:
        print("%s: error: %s: %s" % (prog, args.file, e), file=sys.stderr)
        return 1

    if not hits:
        print("%s: error: %s does not require version %s, so there is nothing to mark weak "
              "(was the library updated? the workaround may no longer be needed)"
              % (prog, args.file, args.version), file=sys.stderr)
        return 1

    todo = [(off, flags, lib) for off, flags, lib in hits if not flags & VER_FLG_WEAK]
    if not todo:
        print("%s: %s: %s already weak, nothing to do" % (prog, args.file, args.version))
        return 0
    try:
        with open(args.file, "r+b") as f:
            for off, flags, _lib in todo:
                f.seek(off)
                f.write(struct.pack(end + "H", flags | VER_FLG_WEAK))
    except OSError as e:
        print("%s: error: cannot write %s: %s" % (prog, args.file, e.strerror), file=sys.stderr)
        return 1
    for _off, _flags, lib in todo:
        print("%s: %s: marked %s (from %s) weak" % (prog, args.file, args.version, lib))
    return 0


if __name__ == "__main__":
    sys.exit(main())
