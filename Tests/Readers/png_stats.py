#!/usr/bin/env python3
"""Decode an 8-bit RGB/RGBA PNG with the standard library only and print pixel statistics as JSON.

Used by the headless-Chromium report test to tell a rendered page from a blank one: Foundation on Linux has
no zlib API. Usage: png_stats.py FILE.png [RRGGBB ...] -> {"width", "height", "distinct", "nonwhite",
"near": {"RRGGBB": count}} where `near` counts pixels within 4 of each given colour per channel.
"""
import json
import struct
import sys
import zlib


def decode(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    position, idat, header = 8, [], None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    width, height, channels, rows = decode(sys.argv[1])
    targets = [bytes.fromhex(colour) for colour in sys.argv[2:]]
    counts, near = {}, {colour.hex(): 0 for colour in targets}
    for row in rows:
        for x in range(0, len(row), channels):
            pixel = row[x:x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    for pixel, count in counts.items():
        for colour in targets:
            if all(abs(pixel[i] - colour[i]) <= 4 for i in range(3)):
                near[colour.hex()] += count
    print(json.dumps({
        "width": width, "height": height, "distinct": len(counts),
        "nonwhite": width * height - counts.get(b"\xff\xff\xff", 0), "near": near,
    }))


if __name__ == "__main__":
    main()
