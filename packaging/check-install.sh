#!/usr/bin/env bash
# CI's check of the installed app on a Debian/Ubuntu machine: build the bundle and the
# .deb, validate the desktop files, install the package, use it as a user would (a
# window start, an import, a double-clicked file handed to the running window, the tray
# and a reminder's desktop notification), measure
# the frozen start-up, then remove the package and check that only the user's data is left.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
fail() { echo "check-install: $*" >&2; exit 1; }
app_id=$(.venv/bin/python -c "import networker; print(networker.APP_ID)")

packaging/build.sh
deb=$(ls dist/networker_*.deb)

# The validators (desktop-file-utils also refreshes the MIME cache on install).
tools=()
command -v desktop-file-validate >/dev/null || tools+=(desktop-file-utils)
command -v appstreamcli >/dev/null || tools+=(appstream)
command -v update-mime-database >/dev/null || tools+=(shared-mime-info)
# The tray check's X server, tray host, session bus, notification service and monitor.
read -r -a desktop <<<"$(.venv/bin/python -m tests.reminders.real_desktop --missing)"
tools+=("${desktop[@]}")
if [ ${#tools[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${tools[@]}" >/dev/null
fi
desktop-file-validate "build/deb/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "build/deb/usr/share/metainfo/$app_id.metainfo.xml" >/dev/null

# RELIABILITY 13: one SQLite in the process; QtSql's plugin would bring a second one.
if find dist/networker | grep -i -E "qsqlite|Qt6Sql|sqldrivers"; then
  fail "the bundle contains QtSql or its SQLite driver"
fi

# Qt's D-Bus tray (StatusNotifierItem) is in libQt6Gui and needs libQt6DBus and libdbus
# beside it; the PySide6.QtDBus module stays out (notifications go through jeepney).
for lib in libQt6DBus.so libdbus-1.so; do
  find dist/networker -name "$lib*" | grep -q . || fail "the bundle lacks $lib (the D-Bus tray)"
done

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" >/dev/null
[ -x /usr/bin/networker ] || fail "/usr/bin/networker is missing"
grep -q "^text/vcard=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
  fail "no .vcf association in mimeinfo.cache"
grep -q "^text/csv=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
  fail "no .csv association in mimeinfo.cache"

work=$(mktemp -d)
trap 'kill "${running:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
data="$work/data"

[ "$(/usr/bin/networker --data-dir "$data" --smoke-test 2>/dev/null)" = "smoke-test ok" ] ||
  fail "the installed app's smoke test failed"

# An import with a photo: the bundled image plugins and vobject work frozen.
photo=$(base64 -w0 "build/icons/hicolor/64x64/apps/$app_id.png")
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Frozen Check\r\nEMAIL:check@example.org\r\nPHOTO;ENCODING=b;TYPE=PNG:%s\r\nEND:VCARD\r\n' \
  "$photo" >"$work/check.vcf"
files=("$work/check.vcf")
corpus=../shared/corpus/vcf/aosp__v21_blackberry_photo.vcf
[ -f "$corpus" ] && files+=("$corpus")
/usr/bin/networker import --data-dir "$data" "${files[@]}" | tee "$work/import.out"
grep -q "^total: imported ${#files[@]}," "$work/import.out" || fail "the import did not import"
photos=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(
  'SELECT count(*) FROM contact_photo').fetchone()[0])" "$data/networker.sqlite3")
[ "$photos" -eq "${#files[@]}" ] || fail "photos were not kept ($photos)"

# A file over 1 MB is parsed by other processes: spawned from the frozen executable.
python3 - "$work/large.vcf" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    for i in range(5000):
        out.write(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Large {i}\r\nN:{i};Large;;;\r\n"
                  f"EMAIL:large{i}@example.org\r\nNOTE:{'x' * 150}\r\nEND:VCARD\r\n")
PY
[ "$(stat -c %s "$work/large.vcf")" -gt 1048576 ] || fail "the large file is not large"
/usr/bin/networker import --data-dir "$data" "$work/large.vcf" 2>"$work/large.err" |
  tee "$work/large.out"
grep -q "^total: imported 5000," "$work/large.out" || fail "the large import did not import"
if grep -i "pars" "$work/large.err"; then fail "the parsing processes did not work frozen"; fi

# A double-clicked file goes to the running window; the second start exits 0.
/usr/bin/networker --data-dir "$data" &
running=$!
for _ in $(seq 100); do [ -e "$data/networker.lock" ] && break; sleep 0.1; done
timeout 30 /usr/bin/networker --data-dir "$data" "$work/check.vcf" ||
  fail "the second start did not hand its file over"
for _ in $(seq 100); do
  grep -q "another start handed over 1 file" "$data/networker.log" && break; sleep 0.1
done
grep -q "another start handed over 1 file" "$data/networker.log" ||
  fail "the running window did not receive the file"
kill "$running"; wait "$running" 2>/dev/null || true

# The tray and the desktop's notifications, frozen, as tests/reminders/
# test_real_notifications.py checks them from source: on Xvfb with an XEmbed tray
# (trayer) and with a StatusNotifierItem one, the icon appears, a due reminder reaches
# org.freedesktop.Notifications.Notify (dunst) as text, and a click shows the window.
.venv/bin/python -m tests.reminders.real_desktop --app /usr/bin/networker ||
  fail "the installed app's tray or notifications did not work"

.venv/bin/python -m tests.bench.bench_frozen --frozen /usr/bin/networker --runs 5
du -sh /opt/networker "$deb"

DEBIAN_FRONTEND=noninteractive $sudo apt-get remove --purge -y -qq networker >/dev/null
for path in /opt/networker /usr/bin/networker "/usr/share/applications/$app_id.desktop" \
  "/usr/share/mime/packages/$app_id.xml" "/usr/share/icons/hicolor/48x48/apps/$app_id.png"; do
  [ ! -e "$path" ] || fail "$path is left after removal"
done
[ -f "$data/networker.sqlite3" ] || fail "removing the package touched the user's data"
echo "check-install: ok"
