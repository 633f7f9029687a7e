# Debian packages the local desktop provider and its tests need, and the one function that
# installs whichever are missing. Sourced by scripts/test and scripts/demo.

VMSERVICE_PACKAGES=(
  bubblewrap util-linux procps
  xvfb x11-utils x11-xserver-utils x11-xkb-utils x11-apps xdotool xinput scrot
  xfce4 xfce4-terminal mousepad ristretto firefox-esr openbox
  dbus-x11 libgtk-3-bin xdg-utils fonts-dejavu-core
  x11vnc novnc websockify chromium xterm net-tools
  python3 strace bc iproute2 curl
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu
)

ensure_system_packages() {
  local missing=()
  local pkg
  for pkg in "${VMSERVICE_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them first (as root):" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
