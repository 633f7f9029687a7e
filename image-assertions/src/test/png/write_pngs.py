#!/usr/bin/env python3
"""Writes PNG files byte by byte (zlib only) for the decoding matrix of PngConformanceTest:
the cases image tools rarely write but users' files may hold. Usage: write_pngs.py OUT_DIR"""
import random
import struct
import sys
import zlib
from pathlib import Path

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pack_row(samples, depth):
    """Samples of one row to bytes: big-endian for 16 bits, packed from the high bit below 8."""
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    out, acc, bits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        bits += depth
        if bits == 8:
            out.append(acc)
            acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_row(kind, row, prior, bpp):
    out = bytearray()
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prior[i] if prior else 0
        c = prior[i - bpp] if prior and i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out.append((x - predictor) & 0xFF)
    return bytes([kind]) + bytes(out)


def scanlines(pixels, width, height, colour, depth, filters):
    """pixels: rows of per-pixel sample tuples. Each row uses the next filter type in turn."""
    bpp = max(1, CHANNELS[colour] * depth // 8)
    out, count = bytearray(), 0
    prior = None
    for y in range(height):
        raw = pack_row([s for px in pixels[y][:width] for s in px], depth)
        out += filter_row(filters[count % len(filters)], raw, prior, bpp)
        prior = raw
        count += 1
    return bytes(out)


def image_data(pixels, width, height, colour, depth, interlaced, filters):
    if not interlaced:
        return scanlines(pixels, width, height, colour, depth, filters)
    out = bytearray()
    for x0, y0, dx, dy in ADAM7:
        sub = [[pixels[y][x] for x in range(x0, width, dx)] for y in range(y0, height, dy)]
        if sub and sub[0]:
            out += scanlines(sub, len(sub[0]), len(sub), colour, depth, filters)
    return bytes(out)


def write(path, pixels, colour, depth, interlaced=False, before=(), after=(), filters=(0, 1, 2, 3, 4),
          idat_size=None):
    height, width = len(pixels), len(pixels[0])
    data = zlib.compress(image_data(pixels, width, height, colour, depth, interlaced, filters), 9)
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 1 if interlaced else 0)
    parts = [b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", ihdr)]
    parts += [chunk(kind, body) for kind, body in before]
    step = idat_size or len(data)
    parts += [chunk(b"IDAT", data[i:i + step]) for i in range(0, len(data), step)]
    parts += [chunk(kind, body) for kind, body in after]
    parts.append(chunk(b"IEND", b""))
    Path(path).write_bytes(b"".join(parts))


def gamma(value):
    return (b"gAMA", struct.pack(">I", round(value * 100000)))


def chrm():
    # BT.709 primaries and D65, as cHRM stores them (x, y times 100000)
    return (b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000))


def s15(value):
    return struct.pack(">i", round(value * 65536))


def icc_profile(colour_space, gamma_value):
    """A minimal ICC v2 display profile whose tone curve is gamma_value: 1.0 means linear light,
    so a decoder that applied it would change every mid-tone."""
    curve = b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", round(gamma_value * 256)) + b"\0\0"
    xyz = lambda x, y, z: b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)
    text = b"desc" + b"\0" * 4 + struct.pack(">I", 12) + b"linear test" + b"\0" * 79
    tags = [(b"desc", text), (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"cprt", b"text\0\0\0\0public domain\0\0\0")]
    if colour_space == b"GRAY":
        tags.append((b"kTRC", curve))
    else:
        tags += [(b"rXYZ", xyz(0.4361, 0.2225, 0.0139)), (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
                 (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = bytearray(struct.pack(">I", len(tags))), bytearray()
    for signature, data in tags:
        while (offset + len(body)) % 4:
            body.append(0)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = 128 + len(table) + len(body)
    header = (struct.pack(">I", size) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntr" + colour_space + b"XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 28 + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48)
    return header + bytes(table) + bytes(body)


def iccp(colour_space, gamma_value):
    return (b"iCCP", b"linear\0\0" + zlib.compress(icc_profile(colour_space, gamma_value)))


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(17)

    # every 16-bit grey value once: rounding to 8 bits, not the high byte
    ramp = [[(y * 256 + x,) for x in range(256)] for y in range(256)]
    write(out / "py-g16-every-value-gamma1-iccp.png", ramp, 0, 16,
          before=[gamma(1.0), iccp(b"GRAY", 1.0)])
    # every 8-bit grey value with a linear-light profile and gamma: stored values stand
    grey = [[(x,) for x in range(256)] for _ in range(8)]
    write(out / "py-g8-every-value-gamma1-iccp.png", grey, 0, 8, before=[gamma(1.0), chrm(), iccp(b"GRAY", 1.0)])
    write(out / "py-g8-srgb-sbit.png", grey, 0, 8, before=[(b"sRGB", b"\0"), (b"sBIT", b"\5")])

    colours = [[(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)) for _ in range(61)] for _ in range(47)]
    write(out / "py-rgb8-linear-iccp-chrm-gamma.png", colours, 2, 8,
          before=[gamma(1.0), chrm(), iccp(b"RGB ", 1.0)])
    # tRNS for RGB with a suggested palette (PLTE in an RGB file) and one-byte IDAT chunks
    colours[3][5] = colours[10][20] = (10, 20, 30)
    write(out / "py-rgb8-trns-plte-split-idat.png", colours, 2, 8,
          before=[(b"PLTE", bytes([10, 20, 30, 1, 2, 3])), (b"tRNS", struct.pack(">HHH", 10, 20, 30))], idat_size=1)

    # 16-bit RGB: tRNS matches the stored 16-bit value, not the 8-bit one it rounds to
    rgb16 = [[tuple(rnd.randrange(65536) for _ in range(3)) for _ in range(33)] for _ in range(29)]
    rgb16[0][0] = rgb16[7][7] = (0x1234, 0x5678, 0x9ABC)
    rgb16[1][1] = (0x1234, 0x5678, 0x9ABD)
    write(out / "py-rgb16-trns.png", rgb16, 2, 16, before=[(b"tRNS", struct.pack(">HHH", 0x1234, 0x5678, 0x9ABC))])
    write(out / "py-rgb16-interlaced-srgb.png", rgb16, 2, 16, interlaced=True, before=[(b"sRGB", b"\1")])

    rgba16 = [[tuple(rnd.randrange(65536) for _ in range(4)) for _ in range(37)] for _ in range(23)]
    write(out / "py-rgba16-interlaced-gamma.png", rgba16, 6, 16, interlaced=True, before=[gamma(0.8)])
    rgba8 = [[tuple(rnd.randrange(256) for _ in range(4)) for _ in range(45)] for _ in range(31)]
    write(out / "py-rgba8-all-filters.png", rgba8, 6, 8)
    write(out / "py-rgba8-interlaced-paeth.png", rgba8, 6, 8, interlaced=True, filters=(4,))

    ga16 = [[(rnd.randrange(65536), rnd.randrange(65536)) for _ in range(19)] for _ in range(13)]
    write(out / "py-ga16-interlaced.png", ga16, 4, 16, interlaced=True)
    ga8 = [[(x * 7 % 256, y * 19 % 256) for x in range(40)] for y in range(14)]
    write(out / "py-ga8-trns-ignored.png", ga8, 4, 8, before=[(b"tRNS", b"\0\7")])

    for depth in (1, 2, 4):
        top = (1 << depth) - 1
        pixels = [[((x + y) % (top + 1),) for x in range(101)] for y in range(9)]
        write(out / f"py-g{depth}-trns-odd-width.png", pixels, 0, depth, before=[(b"tRNS", struct.pack(">H", top))])
        write(out / f"py-g{depth}-interlaced.png", pixels, 0, depth, interlaced=True)
    write(out / "py-g8-trns-above-255.png", grey, 0, 8, before=[(b"tRNS", struct.pack(">H", 0x0100))])
    write(out / "py-g16-trns.png", ramp[:16], 0, 16, before=[(b"tRNS", struct.pack(">H", 0x0203))])

    # palette of 10 colours with alpha for the first 3, 4 bits per index, interlaced too
    palette = bytes(rnd.randrange(256) for _ in range(30))
    indexed = [[((x * 3 + y) % 10,) for x in range(27)] for y in range(21)]
    write(out / "py-p4-trns-shorter-than-plte.png", indexed, 3, 4,
          before=[(b"PLTE", palette), (b"tRNS", bytes([0, 128, 255 - 1]))])
    write(out / "py-p4-interlaced-gamma.png", indexed, 3, 4, interlaced=True,
          before=[gamma(1.0), (b"PLTE", palette)])
    full = bytes(rnd.randrange(256) for _ in range(768))
    write(out / "py-p8-256-entries.png", [[((x * 5 + y) % 256,) for x in range(64)] for y in range(16)], 3, 8,
          before=[(b"PLTE", full), (b"tRNS", bytes(range(0, 256, 2)))])
    write(out / "py-p1-text-chunks.png", [[((x // 3 + y) % 2,) for x in range(50)] for y in range(10)], 3, 1,
          before=[(b"tEXt", b"Comment\0written byte by byte"), (b"PLTE", bytes([255, 0, 0, 0, 0, 255]))],
          after=[(b"zTXt", b"Note\0\0" + zlib.compress(b"after the pixels"))])


if __name__ == "__main__":
    main(sys.argv[1])
