#!/usr/bin/env bash
# Makes the reference tables the coordinate tests compare with: PROJ's grid-free transformation
# EPSG:9281 (Amersfoort to ETRS89 (8), 7-parameter Helmert) behind RD New, in both directions.
#   apt-get install proj-bin proj-data   (Debian)
#   bash make-tables.sh                  (writes the two .tsv files beside this script)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v cs2cs >/dev/null || { echo "make-tables.sh: cs2cs not found; apt-get install proj-bin proj-data" >&2; exit 2; }

# Refuse to silently use another operation (for example the RDNAPTRANS2018 grid when it is installed).
operation=$(projinfo -s EPSG:28992 -t EPSG:4258 --hide-ballpark --grid-check discard_missing -o PROJ 2>/dev/null | sed -n 's/^.*Inverse of RD New + \(.*\), [0-9.]* m,.*$/\1/p' | head -1)
[ "$operation" = "Amersfoort to ETRS89 (8)" ] || { echo "make-tables.sh: PROJ would use '$operation', not EPSG:9281" >&2; exit 1; }
version=$(proj 2>&1 | head -1)

# 51 x 46 RD points over the RD area (x 2.5-277.5 km, y 303-618 km), with millimetres so no value is round.
awk 'BEGIN { for (i = 0; i <= 50; i++) for (j = 0; j <= 45; j++) printf "%.3f %.3f\n", 2500.123 + i * 5500, 303000.456 + j * 7000 }' > rd.tmp
# 51 x 46 ETRS89 points over the same area (lat 50.75-53.65, lon 3.30-7.20).
awk 'BEGIN { for (i = 0; i <= 50; i++) for (j = 0; j <= 45; j++) printf "%.9f %.9f\n", 50.75 + i * 0.058, 3.30 + j * (3.90 / 45) }' > etrs.tmp

{
  echo "# RD New (EPSG:28992) -> ETRS89 (EPSG:4258) with PROJ's EPSG:9281 ($version)"
  echo "# cs2cs -f %.12f EPSG:28992 EPSG:4258; columns: x y lat lon"
  paste -d' ' rd.tmp <(cs2cs -f %.12f EPSG:28992 EPSG:4258 < rd.tmp | awk '{ print $1, $2 }')
} > rd-to-etrs89.tsv
{
  echo "# ETRS89 (EPSG:4258) -> RD New (EPSG:28992) with PROJ's EPSG:9281 ($version)"
  echo "# cs2cs -f %.6f EPSG:4258 EPSG:28992; columns: lat lon x y"
  paste -d' ' etrs.tmp <(cs2cs -f %.6f EPSG:4258 EPSG:28992 < etrs.tmp | awk '{ print $1, $2 }')
} > etrs89-to-rd.tsv
rm -f rd.tmp etrs.tmp
wc -l rd-to-etrs89.tsv etrs89-to-rd.tsv
