# shellcheck shell=bash
# Shared install helpers for scripts/serve, scripts/build and scripts/test.
#
# Source it (`. "$(dirname "$0")/lib.sh"`), do not run it. Every `ensure_*` function is
# idempotent: it checks what is installed (and at which version) first, installs only what
# is missing or wrong, and prints exactly one line saying what it found or installed. When
# an install fails it stops the calling script with a message naming the tool and why.
#
# The recipe (what works on machines that reach only crates.io, npm, PyPI and Debian) is
# in TOOLCHAIN.md: Trunk and the wasm-bindgen CLI come from crates.io, wasm-opt from the npm
# package `binaryen`, Chromium and its driver from Debian. Nothing is downloaded by Trunk
# itself: it runs with --offline and finds every tool on PATH.

set -euo pipefail

# The repository root, found from this file's own location.
FL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FL_ROOT

FL_TRUNK_VERSION="0.21.14"
FL_WASM_TARGET="wasm32-unknown-unknown"
FL_CHROMIUM="/usr/bin/chromium"
FL_CHROMEDRIVER="/usr/bin/chromedriver"
# The other two engines the key flows are tested in (scripts/test, e2e-engines/): Firefox
# ESR, and WebKitGTK (Safari's engine) through its WebDriver, which needs an X display:
# the tests start Xvfb for a virtual one.
FL_FIREFOX="/usr/bin/firefox-esr"
FL_WEBKITDRIVER="/usr/bin/WebKitWebDriver"
FL_XVFB="/usr/bin/Xvfb"
# Install logs (kept so a failed install can be read in full).
FL_LOG_DIR="$FL_ROOT/.tools/logs"

# Where `cargo install` puts binaries: $CARGO_INSTALL_ROOT, else $CARGO_HOME, else ~/.cargo.
FL_CARGO_BIN="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"

# Tools we install come first on PATH: npm's local binaries (wasm-opt), then cargo's.
export PATH="$FL_ROOT/node_modules/.bin:$FL_CARGO_BIN:$PATH"
# Trunk must never try to reach GitHub to check for a newer version of itself.
export TRUNK_SKIP_VERSION_CHECK=true

# --- small helpers ------------------------------------------------------------------------

# die MESSAGE: print an error and stop the calling script.
die() {
    # Finish a half-printed "installing... " line first.
    if [ "${FL_MIDLINE:-0}" = 1 ]; then
        printf '\n'
        FL_MIDLINE=0
    fi
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# step TITLE: announce a step of a longer script.
step() {
    printf '\n==> %s\n' "$*"
}

# need_cmd CMD HINT: stop if CMD is not on PATH (for what we cannot install ourselves).
need_cmd() {
    command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH: $2"
}

# progress TEXT: start a one-line report that the next `echo` finishes ("installing... done").
progress() {
    printf '%s... ' "$*"
    FL_MIDLINE=1
}

# done_line TEXT: finish the line that progress started.
done_line() {
    echo "$*"
    FL_MIDLINE=0
}

# fl_run_logged TOOL LOGNAME CMD...: run an install command with its output in a log file;
# on failure stop with the tool's name, the exit code and the end of the log.
fl_run_logged() {
    local tool="$1" log="$FL_LOG_DIR/$2.log" started rc=0
    shift 2
    mkdir -p "$FL_LOG_DIR"
    started=$(date +%s)
    "$@" >"$log" 2>&1 </dev/null || rc=$?
    if [ "$rc" -ne 0 ]; then
        if [ "${FL_MIDLINE:-0}" = 1 ]; then
            printf '\n'
            FL_MIDLINE=0
        fi
        tail -n 25 "$log" >&2 || true
        die "could not install $tool: \`$*\` exited with $rc (full log: ${log#"$FL_ROOT"/})"
    fi
    FL_ELAPSED=$(($(date +%s) - started))
}

# fl_root_cmd CMD...: run CMD as root (directly, or through sudo without a password prompt).
fl_root_cmd() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        return 1
    fi
}

# The version of crate $1 recorded in Cargo.lock (fails unless there is exactly one).
fl_lock_version() {
    local name="$1" versions
    versions=$(awk -v want="$name" '
        $0 == "[[package]]" { name = "" }
        $1 == "name" { gsub(/"/, "", $3); name = $3 }
        $1 == "version" && name == want { gsub(/"/, "", $3); print $3 }
    ' "$FL_ROOT/Cargo.lock" | sort -u)
    [ -n "$versions" ] || die "no $name in Cargo.lock (run \`cargo generate-lockfile\`?)"
    [ "$(printf '%s\n' "$versions" | wc -l)" -eq 1 ] ||
        die "Cargo.lock holds several versions of $name: $(echo "$versions" | tr '\n' ' ')"
    printf '%s\n' "$versions"
}

# The second word of `CMD --version` (e.g. "trunk 0.21.14" -> 0.21.14), or nothing.
fl_tool_version() {
    command -v "$1" >/dev/null 2>&1 || return 0
    "$1" --version 2>/dev/null | head -n 1 | awk '{print $2}' || true
}

# "found X" or "not found", for the install messages.
fl_found() {
    if [ -n "$1" ]; then echo "found $1"; else echo "not found"; fi
}

# --- the tools ----------------------------------------------------------------------------

ensure_rust() {
    need_cmd cargo "install Rust with rustup (https://rustup.rs) first"
    need_cmd rustup "this project needs rustup to add the $FL_WASM_TARGET target"
    if rustup target list --installed 2>/dev/null | grep -qx "$FL_WASM_TARGET"; then
        echo "rust: $(rustc --version | awk '{print $1, $2}'), target $FL_WASM_TARGET present"
    else
        progress "rust: adding target $FL_WASM_TARGET"
        fl_run_logged "the $FL_WASM_TARGET target" rustup-target rustup target add "$FL_WASM_TARGET"
        done_line "added in ${FL_ELAPSED}s"
    fi
}

# The standard library's sources, which the students' build compiles with the app (lean_std).
ensure_rust_src() {
    local src
    src="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
    if [ -f "$src" ]; then
        echo "rust: the rust-src component present"
    else
        progress "rust: adding the rust-src component (the standard library's sources)"
        fl_run_logged "the rust-src component" rustup-rust-src rustup component add rust-src
        done_line "added in ${FL_ELAPSED}s"
    fi
}

ensure_trunk() {
    local found
    found=$(fl_tool_version trunk)
    if [ "$found" = "$FL_TRUNK_VERSION" ]; then
        echo "trunk: $found found at $(command -v trunk)"
        return
    fi
    progress "trunk: $(fl_found "$found"); installing $FL_TRUNK_VERSION with cargo into $FL_CARGO_BIN (several minutes)"
    fl_run_logged "trunk $FL_TRUNK_VERSION" trunk \
        cargo install --locked trunk --version "$FL_TRUNK_VERSION"
    hash -r
    found=$(fl_tool_version trunk)
    [ "$found" = "$FL_TRUNK_VERSION" ] ||
        die "trunk: installed $FL_TRUNK_VERSION but \`trunk --version\` on PATH says '${found:-nothing}' ($(command -v trunk || echo 'not on PATH'))"
    done_line "installed in ${FL_ELAPSED}s"
}

ensure_wasm_bindgen() {
    local want found runner
    want=$(fl_lock_version wasm-bindgen)
    found=$(fl_tool_version wasm-bindgen)
    runner=$(fl_tool_version wasm-bindgen-test-runner)
    if [ "$found" = "$want" ] && [ "$runner" = "$want" ]; then
        echo "wasm-bindgen-cli: $found found at $(command -v wasm-bindgen) (matches Cargo.lock)"
        return
    fi
    progress "wasm-bindgen-cli: $(fl_found "$found"); installing $want (the version in Cargo.lock) with cargo (a few minutes)"
    # No --locked: one of wasm-bindgen-cli's locked dependencies is not in the registry.
    fl_run_logged "wasm-bindgen-cli $want" wasm-bindgen-cli \
        cargo install wasm-bindgen-cli --version "=$want"
    hash -r
    found=$(fl_tool_version wasm-bindgen)
    runner=$(fl_tool_version wasm-bindgen-test-runner)
    if [ "$found" != "$want" ] || [ "$runner" != "$want" ]; then
        die "wasm-bindgen-cli: installed $want but PATH has wasm-bindgen '${found:-none}', wasm-bindgen-test-runner '${runner:-none}'"
    fi
    done_line "installed in ${FL_ELAPSED}s"
}

# npm packages from package-lock.json: wasm-opt (binaryen), terser, lzma, playwright-core and axe-core
# (Chromium), puppeteer-core (Firefox, over WebDriver BiDi), selenium-webdriver (WebKitGTK).
ensure_npm_deps() {
    need_cmd node "install Node.js 20 or newer"
    need_cmd npm "install npm (it comes with Node.js)"
    local stamp="$FL_ROOT/node_modules/.fencing-lab-lock" want have=""
    want=$(cksum <"$FL_ROOT/package-lock.json")
    [ -f "$stamp" ] && have=$(cat "$stamp")
    if [ "$have" = "$want" ] && [ -x "$FL_ROOT/node_modules/.bin/wasm-opt" ]; then
        echo "npm packages: up to date with package-lock.json ($(wasm-opt --version | awk '{print $1, $2, $3}'))"
        return
    fi
    progress "npm packages: installing from package-lock.json with npm ci"
    (cd "$FL_ROOT" && fl_run_logged "the npm packages (binaryen, terser, lzma, playwright-core, puppeteer-core, selenium-webdriver)" npm \
        npm ci --no-audit --no-fund --loglevel=error)
    printf '%s\n' "$want" >"$stamp"
    hash -r
    command -v wasm-opt >/dev/null 2>&1 || die "npm packages: installed, but wasm-opt is not in node_modules/.bin"
    done_line "installed ($(wasm-opt --version | awk '{print $1, $2, $3}'))"
}

ensure_chromium() {
    if [ -x "$FL_CHROMIUM" ] && [ -x "$FL_CHROMEDRIVER" ]; then
        echo "chromium: $("$FL_CHROMIUM" --version 2>/dev/null | awk '{print $2}') and chromedriver $("$FL_CHROMEDRIVER" --version 2>/dev/null | awk '{print $2}') found in /usr/bin"
        return
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "chromium: $FL_CHROMIUM or $FL_CHROMEDRIVER is missing and there is no apt-get to install them"
    progress "chromium: missing; installing chromium and chromium-driver with apt-get"
    fl_run_logged "chromium (apt-get update)" apt-update \
        fl_root_cmd env DEBIAN_FRONTEND=noninteractive apt-get update
    fl_run_logged "chromium and chromium-driver" apt-chromium \
        fl_root_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
    if [ ! -x "$FL_CHROMIUM" ] || [ ! -x "$FL_CHROMEDRIVER" ]; then
        die "chromium: apt-get succeeded but $FL_CHROMIUM or $FL_CHROMEDRIVER is still missing"
    fi
    done_line "installed $("$FL_CHROMIUM" --version 2>/dev/null | awk '{print $2}') in ${FL_ELAPSED}s"
}

# fl_apt_install WHAT LOGNAME PACKAGE...: apt-get update, then install PACKAGEs, as root.
fl_apt_install() {
    local what="$1" log="$2"
    shift 2
    command -v apt-get >/dev/null 2>&1 || die "$what: missing, and there is no apt-get to install $*"
    fl_run_logged "$what (apt-get update)" apt-update \
        fl_root_cmd env DEBIAN_FRONTEND=noninteractive apt-get update
    fl_run_logged "$what" "$log" \
        fl_root_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# WebKitGTK's version (WebKitWebDriver has no --version): the Debian package's, e.g.
# 2.50.6 from "2.50.6-1~deb12u2", or "version unknown".
fl_webkit_version() {
    local v
    v=$(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null || true)
    v=${v#*:}
    printf '%s\n' "${v%%-*}" | sed 's/^$/version unknown/'
}

ensure_firefox() {
    if [ -x "$FL_FIREFOX" ]; then
        echo "firefox: $("$FL_FIREFOX" --version 2>/dev/null | awk '{print $3}') found at $FL_FIREFOX"
        return
    fi
    progress "firefox: missing; installing firefox-esr with apt-get"
    fl_apt_install "firefox-esr" apt-firefox firefox-esr
    [ -x "$FL_FIREFOX" ] || die "firefox: apt-get succeeded but $FL_FIREFOX is still missing"
    done_line "installed $("$FL_FIREFOX" --version 2>/dev/null | awk '{print $3}') in ${FL_ELAPSED}s"
}

ensure_webkit() {
    if [ -x "$FL_WEBKITDRIVER" ] && [ -x "$FL_XVFB" ]; then
        echo "webkitgtk: WebKitWebDriver $(fl_webkit_version) and Xvfb found in /usr/bin"
        return
    fi
    progress "webkitgtk: WebKitWebDriver or Xvfb missing; installing webkit2gtk-driver and xvfb with apt-get"
    fl_apt_install "webkit2gtk-driver and xvfb" apt-webkit webkit2gtk-driver xvfb
    if [ ! -x "$FL_WEBKITDRIVER" ] || [ ! -x "$FL_XVFB" ]; then
        die "webkitgtk: apt-get succeeded but $FL_WEBKITDRIVER or $FL_XVFB is still missing"
    fi
    done_line "installed WebKitWebDriver $(fl_webkit_version) in ${FL_ELAPSED}s"
}

# What scripts/serve and scripts/build need: Rust for wasm, Trunk, wasm-bindgen, wasm-opt.
ensure_build_tools() {
    ensure_rust
    ensure_rust_src
    ensure_trunk
    ensure_wasm_bindgen
    ensure_npm_deps
}

# What scripts/test needs on top: rustfmt, clippy, a headless Chromium with its driver,
# and Firefox ESR and WebKitGTK for the key flows in those engines.
ensure_test_tools() {
    ensure_build_tools
    local missing=()
    cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
    cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
    if [ "${#missing[@]}" -gt 0 ]; then
        progress "rust components: adding ${missing[*]}"
        fl_run_logged "the rustup components ${missing[*]}" rustup-components \
            rustup component add "${missing[@]}"
        done_line "added in ${FL_ELAPSED}s"
    else
        echo "rust components: rustfmt and clippy present"
    fi
    ensure_chromium
    ensure_firefox
    ensure_webkit
}

# cargo-mutants, for scripts/mutants only (scripts/test does not need it).
FL_CARGO_MUTANTS_VERSION="27.1.0"
ensure_cargo_mutants() {
    local found=""
    if command -v cargo-mutants >/dev/null 2>&1; then
        found=$(cargo mutants --version 2>/dev/null | awk '{print $2}' || true)
    fi
    if [ "$found" = "$FL_CARGO_MUTANTS_VERSION" ]; then
        echo "cargo-mutants: $found found at $(command -v cargo-mutants)"
        return
    fi
    progress "cargo-mutants: $(fl_found "$found"); installing $FL_CARGO_MUTANTS_VERSION with cargo into $FL_CARGO_BIN (a few minutes)"
    fl_run_logged "cargo-mutants $FL_CARGO_MUTANTS_VERSION" cargo-mutants \
        cargo install --locked cargo-mutants --version "$FL_CARGO_MUTANTS_VERSION"
    hash -r
    done_line "installed in ${FL_ELAPSED}s"
}

# twiggy, for scripts/bench's size by crate only (scripts/test's smoke run of it too).
FL_TWIGGY_VERSION="0.8.0"
ensure_twiggy() {
    local found
    found=$(fl_tool_version twiggy)
    if [ "$found" = "$FL_TWIGGY_VERSION" ]; then
        echo "twiggy: $found found at $(command -v twiggy)"
        return
    fi
    progress "twiggy: $(fl_found "$found"); installing $FL_TWIGGY_VERSION with cargo into $FL_CARGO_BIN (a minute or two)"
    fl_run_logged "twiggy $FL_TWIGGY_VERSION" twiggy \
        cargo install --locked twiggy --version "$FL_TWIGGY_VERSION"
    hash -r
    done_line "installed in ${FL_ELAPSED}s"
}

# Download every crate Cargo.lock names, and those the standard library's own lock file
# names (lean_std compiles std), so that cargo and Trunk can then run offline.
fetch_crates() {
    (cd "$FL_ROOT" && cargo fetch --quiet) || die "cargo fetch failed: crates.io unreachable or Cargo.lock out of date?"
    RUSTC_BOOTSTRAP=1 cargo fetch --quiet --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" ||
        die "cargo fetch of the standard library's crates failed: crates.io unreachable, or no rust-src component?"
}

# lean_std CMD...: run CMD (a release `trunk build` or `trunk serve`) with the standard
# library compiled along with the app (`-Zbuild-std`) so that panics stop the wasm at once
# (`-Cpanic=immediate-abort`): no panic message, file name or the formatting code behind
# them is carried, 28.8 kB gzipped (BENCHMARKS.md, "Size gate", seventeenth session). A
# panic in the page was already fatal (panic = "abort"); it now traps without a message
# in the console. And `Debug` formats nothing (`-Zfmt-debug=none`, 3.6 kB): the page
# never shows `{:?}` (a browser's error is put in words by `ui::io::js_error`), and a
# test in tests/it/structure.rs keeps `{:?}` out of the page's code outside its tests.
# std's `optimize_for_size` feature would save 2.2 kB more but cost the heavy window a
# tenth more script a frame, so it stays off. These flags are unstable, so
# RUSTC_BOOTSTRAP=1 lets this project's stable toolchain take them; they are set for this
# one command only (the wasm32 target's own RUSTFLAGS), never for the native builds, the
# tests or clippy. Needs ensure_rust_src and fetch_crates.
FL_LEAN_STD_ENV=(
    RUSTC_BOOTSTRAP=1
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
)
lean_std() {
    env "${FL_LEAN_STD_ENV[@]}" "$@"
}
