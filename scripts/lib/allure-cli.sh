# Installs Allure's command line (the npm package allure-commandline, which brings its own
# launcher; it runs on the machine's Java) once per user, and prints the path of its executable.
# Returns 1, saying why, when it cannot: callers run it as `allure="$(allure_cli)"` under set -e.

ALLURE_VERSION=2.46.1

allure_cli() {
  local home="${XDG_CACHE_HOME:-$HOME/.cache}/vmservice/allure-$ALLURE_VERSION"
  local bin="$home/node_modules/.bin/allure"
  if [ ! -x "$bin" ]; then
    command -v npm >/dev/null || { echo "npm is needed to install Allure's command line: apt-get install -y npm" >&2; return 1; }
    mkdir -p "$home"
    if ! npm install --silent --no-audit --no-fund --prefix "$home" "allure-commandline@$ALLURE_VERSION" >&2 \
        || [ ! -x "$bin" ]; then
      echo "npm could not install Allure's command line; to see why: npm install --prefix $home allure-commandline@$ALLURE_VERSION" >&2
      return 1
    fi
  fi
  echo "$bin"
}
