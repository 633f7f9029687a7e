# Debian packages the local desktop provider and its tests need, the programs the scripts run
# themselves, and the one function that installs whichever are missing. Sourced by scripts/test
# and scripts/demo. The names are Debian 12's, the platform this project is tested on: where apt
# cannot install one of them, the scripts say which and name the Debian container to use instead.

VMSERVICE_PACKAGES=(
  bubblewrap util-linux procps
  xvfb x11-utils x11-xserver-utils x11-xkb-utils x11-apps xdotool xinput scrot
  xfce4 xfce4-terminal mousepad ristretto firefox-esr openbox
  dbus-x11 libgtk-3-bin xdg-utils fonts-dejavu-core
  x11vnc novnc websockify chromium xterm net-tools
  python3 strace bc iproute2 curl
  dbus-daemon at-spi2-core python3-pyatspi libatk-wrapper-java libatk-wrapper-java-jni
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu
)

# Programs the scripts run, each with the Debian package that brings it: npm installs Allure's
# command line, node reads the report's summary. One already on the PATH counts, whatever
# installed it (Node.js from elsewhere brings its own npm, and Debian's npm would conflict with it).
VMSERVICE_PROGRAMS=(npm:npm node:nodejs)

# Where the suite runs as tested when this machine is not Debian 12.
VMSERVICE_CONTAINER=debian:bookworm

# The distribution's name as /etc/os-release gives it (VMSERVICE_OS_RELEASE names another file).
distribution_name() {
  (
    # shellcheck disable=SC1090
    . "${VMSERVICE_OS_RELEASE:-/etc/os-release}" 2>/dev/null || { echo "an unknown Linux"; exit 0; }
    echo "${PRETTY_NAME:-${NAME:-Linux} ${VERSION_ID:-}}"
  )
}

# True on Debian 12.
tested_distribution() {
  (
    # shellcheck disable=SC1090
    . "${VMSERVICE_OS_RELEASE:-/etc/os-release}" 2>/dev/null && [ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 12 ]
  )
}

# Prints, one a line, the packages among the arguments that apt has no version of to install.
# One apt-cache call for all of them: each call reads every package list.
unavailable_packages() {
  local installable pkg
  installable="$(apt-cache policy "$@" 2>/dev/null | awk '
    /^[^ ].*:$/ { name = substr($0, 1, length($0) - 1) }
    $1 == "Candidate:" && $2 != "(none)" { print name }')"
  for pkg in "$@"; do
    grep -qxF -- "$pkg" <<<"$installable" || echo "$pkg"
  done
}

# How to run the suite in the tested distribution's container, for a machine that cannot.
print_container_advice() {
  echo "Run the suite in Debian 12's container instead (Docker or Podman; privileged for bubblewrap and cgroups):" >&2
  echo "  docker run --rm --privileged -v \"\$PWD\":/src -w /src $VMSERVICE_CONTAINER \\" >&2
  echo "    bash -c 'apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless && scripts/test'" >&2
  echo "On GitHub Actions: .github/workflows/gui-tests.yml runs the suite in that container." >&2
}

# Returns 0 when apt can install every package given; otherwise names the ones it cannot, says
# what to do instead, and returns 1. Needs apt's package lists (apt-get update).
require_installable() {
  local unavailable
  mapfile -t unavailable < <(unavailable_packages "$@")
  if [ ${#unavailable[@]} -eq 0 ]; then
    return 0
  fi
  echo "apt on $(distribution_name) cannot install: ${unavailable[*]}" >&2
  echo "These are Debian 12's package names: this project is tested on Debian 12." >&2
  print_container_advice
  return 1
}

# The packages among VMSERVICE_PACKAGES that are not installed, and those bringing the programs of
# VMSERVICE_PROGRAMS that are not on the PATH, one a line.
missing_system_packages() {
  local pkg entry
  for pkg in "${VMSERVICE_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      echo "$pkg"
    fi
  done
  for entry in "${VMSERVICE_PROGRAMS[@]}"; do
    command -v "${entry%%:*}" >/dev/null || echo "${entry#*:}"
  done
}

ensure_system_packages() {
  if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
    echo "$(distribution_name) has no apt: the packages this project needs are Debian 12's." >&2
    print_container_advice
    exit 1
  fi
  if ! tested_distribution; then
    echo "Note: this project is tested on Debian 12; this machine is $(distribution_name)." >&2
  fi
  local missing
  mapfile -t missing < <(missing_system_packages)
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    # With package lists at hand, say now what apt could not install at all.
    if compgen -G "/var/lib/apt/lists/*_Packages*" >/dev/null; then
      require_installable "${missing[@]}" || exit 1
    fi
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them first (as root):" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  apt-get update -q
  require_installable "${missing[@]}" || exit 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
