#!/usr/bin/env bash
# Writes the generated part of PngConformanceTest's matrix into src/test/resources/png/generated
# and the two text pictures of the grey diff case into src/test/resources/png/text.
# Needs Debian's imagemagick, netpbm, optipng, pngcrush and fonts-dejavu-core, and python3.
# The files are committed; the tests never run this script.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../resources/png/generated"
text="$here/../resources/png/text"
im=/usr/bin/convert
rm -rf "$out" "$text"
mkdir -p "$out" "$text"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$here/write_pngs.py" "$out"

# ImageMagick: its usual output for each kind of picture (it adds gAMA, cHRM, bKGD, tIME, tEXt)
$im -size 64x48 gradient:black-white -colorspace Gray -depth 8 "$out/im-gray8.png"
$im -size 64x48 gradient:black-white -colorspace Gray -depth 16 "$out/im-gray16.png"
$im -size 64x48 gradient:black-white -colorspace Gray -depth 4 "$out/im-gray4.png"
$im -size 64x48 pattern:checkerboard -monochrome "$out/im-gray1.png"
$im -size 64x48 gradient:red-blue -depth 8 PNG24:"$out/im-rgb8.png"
$im -size 64x48 gradient:red-blue -depth 16 PNG48:"$out/im-rgb16.png"
$im -size 64x48 gradient:red-blue -depth 8 -interlace PNG PNG24:"$out/im-rgb8-interlaced.png"
$im -size 64x48 gradient:'#ff000080'-'#0000ffff' -depth 8 PNG32:"$out/im-rgba8.png"
$im -size 64x48 gradient:'#ff000080'-'#0000ffff' -depth 16 -interlace PNG PNG64:"$out/im-rgba16-interlaced.png"
$im -size 64x48 gradient:black-white -colorspace Gray \( -size 64x48 gradient:white-black \) \
    -alpha off -compose CopyOpacity -composite -define png:color-type=4 -depth 8 "$out/im-gray-alpha8.png"
$im -size 64x48 plasma:fractal -seed 17 -colors 200 PNG8:"$out/im-palette8.png"
$im -size 64x48 gradient:'#ff000000'-'#00ff00ff' -colors 60 PNG8:"$out/im-palette8-alpha.png"
$im -size 64x48 gradient:red-blue -colorspace RGB -set colorspace RGB -define png:include-chunk=gAMA,cHRM \
    -depth 8 PNG24:"$out/im-rgb8-linear-gamma.png"
python3 -c "import sys; sys.path.insert(0, '$here'); import write_pngs; open('$work/linear.icc','wb').write(write_pngs.icc_profile(b'RGB ', 1.0))"
$im -size 64x48 gradient:red-blue +profile '*' -profile "$work/linear.icc" -depth 8 PNG24:"$out/im-rgb8-iccp-linear.png"

# netpbm's pnmtopng (libpng): 16-bit grey with gamma, a transparent colour, interlaced palette
$im -size 48x32 gradient:black-white -colorspace Gray -depth 16 pgm:"$work/g16.pgm"
pnmtopng -gamma 1.0 "$work/g16.pgm" > "$out/pnm-gray16-gamma1.png"
$im -size 48x32 gradient:red-blue -depth 8 ppm:"$work/rgb.ppm"
pnmtopng -transparent rgb:ff/00/00 "$work/rgb.ppm" > "$out/pnm-rgb8-transparent.png"
$im -size 48x32 plasma:fractal -seed 3 -colors 12 -depth 8 ppm:"$work/few.ppm"
pnmtopng -interlace -palette=/dev/null "$work/few.ppm" > "$out/pnm-palette-interlaced.png" 2>/dev/null \
  || pnmtopng -interlace "$work/few.ppm" > "$out/pnm-palette-interlaced.png"

# optipng and pngcrush rewrite files: smaller colour types and bit depths, other filters
cp "$out/im-rgb8.png" "$work/opt.png"
optipng -quiet -o2 "$work/opt.png" && cp "$work/opt.png" "$out/optipng-rgb8.png"
$im -size 64x48 gradient:black-white -colorspace Gray -colors 4 -type Palette PNG8:"$work/p.png"
optipng -quiet -o2 -out "$out/optipng-gray-reduced.png" "$work/p.png"
pngcrush -q -g 1.0 -rem alla -text b Title crushed "$out/im-rgb16.png" "$out/pngcrush-rgb16-gamma1.png" >/dev/null
pngcrush -q -g 0.45455 -m 4 "$out/im-palette8-alpha.png" "$out/pngcrush-palette8-alpha.png" >/dev/null

# The issue's case: two pictures of text that ImageMagick saves as 8-bit grey PNGs
$im -size 240x64 xc:white -font DejaVu-Sans -pointsize 22 -fill black \
    -draw "text 8,40 'Mismatched pixels'" -colorspace Gray -depth 8 "$text/a.png"
$im -size 240x64 xc:white -font DejaVu-Sans -pointsize 22 -fill '#202020' \
    -draw "text 9,41 'Mismatched pixels'" -colorspace Gray -depth 8 "$text/b.png"
