#!/usr/bin/env bash
# A new user's first start of the INSTALLED package, driven by keyboard under Xvfb:
# the desktop entry's Exec in Chinese, "work offline only", then a new ticket; screenshots.
#
#   sudo apt-get install ./dist/opexdesk_*.deb xdotool x11-apps imagemagick
#   xvfb-run -a -s "-screen 0 1366x768x24" packaging/linux/first_run_walkthrough.sh [OUT_DIR]
#
# Not part of CI (it needs xdotool and the package installed system-wide); docs/packaging.md
# says what it showed. Prints how long the welcome window took to appear.
set -u
out="${1:-/tmp/opexdesk-walkthrough}"
home="$(mktemp -d)"
mkdir -p "$out"
shot() { xwd -root -silent | /usr/bin/convert xwd:- "$out/$1.png"; }
exec_line="$(grep '^Exec=' /usr/share/applications/org.opexdesk.OpExDesk.desktop | cut -d= -f2)"
start=$(date +%s.%N)
# A fresh user's environment: nothing inherited but the display.
env -i HOME="$home" PATH=/usr/bin:/bin DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" \
    LANG=zh_CN.UTF-8 XDG_RUNTIME_DIR="$home" $exec_line >"$out/app.log" 2>&1 &
app=$!
for _ in $(seq 1 200); do
    xdotool search --name "OpExDesk" >/dev/null 2>&1 && break
    sleep 0.1
done
echo "welcome window after $(echo "$(date +%s.%N) - $start" | bc) s"
sleep 1.5 && shot 1_welcome
xdotool key alt+o && sleep 0.5 && shot 2_offline_chosen   # 仅离线工作(O)
xdotool key Return && sleep 4 && shot 3_main_window       # Finish
# No window manager gives focus: hand it to the main window, then to the new dialog.
xdotool windowfocus --sync "$(xdotool search --onlyvisible --name OpExDesk | head -1)"
xdotool key ctrl+n && sleep 1.5
xdotool windowfocus --sync "$(xdotool getactivewindow)" 2>/dev/null
xdotool type --delay 30 "三楼打印机卡纸" && sleep 1 && shot 4_new_ticket
xdotool key ctrl+Return && sleep 2 && shot 5_created
xdotool key ctrl+q && sleep 2
kill "$app" 2>/dev/null
ls "$home/.local/share/opexdesk/"
rm -rf "$home"
