#!/usr/bin/env bash
# Lighthouse (mobile profile) on the demo site: home, a design, a product, a maker page and a story.
# Uses Debian's Chromium (never downloads a browser) and writes the four category scores per page
# into the "Lighthouse" section of benchmarks/RESULTS.md.
#
#   benchmarks/lighthouse.sh            # starts its own server with fresh demo data on a free port
#   BASE_URL=http://127.0.0.1:8000 benchmarks/lighthouse.sh   # against a site already running (make run)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
RESULTS=benchmarks/RESULTS.md
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH (apt-get install chromium)"; exit 1; }
[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund --loglevel=error

if [ -z "${BASE_URL:-}" ]; then
  PORT=$("$PYTHON" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  BASE_URL="http://127.0.0.1:$PORT"
  # A throwaway database and media folder, so the developer's own data stays as it is.
  export DATABASE_URL="sqlite:///$WORK/lighthouse.sqlite3" MEDIA_ROOT="$WORK/media" SITE_URL="$BASE_URL"
  unset REDIS_URL CELERY_BROKER_URL || true
  export LOG_LEVEL=WARNING
  echo "== demo data in $WORK"
  "$PYTHON" manage.py migrate --noinput -v 0
  "$PYTHON" manage.py seed_demo --no-progress >/dev/null
  echo "== server on $BASE_URL"
  "$PYTHON" manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do curl -fs -o /dev/null "$BASE_URL/healthz" && break; sleep 0.5; done
fi
curl -fs -o /dev/null "$BASE_URL/healthz" || { echo "The site does not answer at $BASE_URL"; exit 1; }

# One public page of each kind, read from the database the server uses.
PAGES=$("$PYTHON" manage.py shell -v 0 -c '
from designs.selectors import public_designs
from editorial.models import StoryPage
from makers.sitemaps import MakerSitemap
from shop.sitemaps import ProductSitemap
design = public_designs().order_by("pk").first()
product = ProductSitemap().items().first()
maker = MakerSitemap().items().first()
story = StoryPage.objects.live().public().filter(locale__language_code="en").first()
print("home /")
print("design", design.get_absolute_url())
print("product", product.get_absolute_url())
print("maker", f"/makers/{maker.handle}/")
print("story", story.url)
')

echo "$PAGES" | while read -r name path; do
  echo "== lighthouse $name $BASE_URL$path"
  node_modules/.bin/lighthouse "$BASE_URL$path" \
    --chrome-flags="$CHROME_FLAGS" \
    --only-categories=performance,accessibility,best-practices,seo \
    --form-factor=mobile --screenEmulation.mobile \
    --output=json --output-path="$WORK/$name.json" --quiet
done

MODE=${LIGHTHOUSE_MODE:-"development server (\`manage.py runserver\`, DEBUG=true, SQLite, demo data)"}
"$PYTHON" - "$WORK" "$RESULTS" "$BASE_URL" "$MODE" <<'PY'
import json, re, sys, datetime, pathlib
work, results, base, mode = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4]
rows, misses = [], []
version = ""
for name in ("home", "design", "product", "maker", "story"):
    report = json.loads((work / f"{name}.json").read_text())
    version = report["lighthouseVersion"]
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    path = report["finalDisplayedUrl"].removeprefix(base)
    rows.append(f"| {name} | `{path}` | {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} |")
    for key, cat in report["categories"].items():
        for ref in cat["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                misses.append(f"- {name} / {key}: {audit['title']} ({audit.get('displayValue') or round(audit['score'] * 100)})")
section = "\n".join([
    "## Lighthouse",
    "",
    f"Lighthouse {version}, mobile profile (emulated Moto G-class phone, simulated slow 4G), Debian Chromium headless;",
    f"{mode}. Measured {datetime.date.today().isoformat()} with `benchmarks/lighthouse.sh`.",
    "Targets: SEO 100, accessibility ≥ 95, best practices ≥ 95, performance ≥ 90.",
    "",
    "| page | path | performance | accessibility | best practices | SEO |",
    "|---|---|---:|---:|---:|---:|",
    *rows,
    "",
    "Audits below 90 that count toward a score:" if misses else "No weighted audit scored below 90.",
    "",
    *misses,
    "",
])
text = results.read_text() if results.exists() else "# Benchmark results\n\n"
pattern = re.compile(r"^## Lighthouse\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _m: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
results.write_text(text.rstrip("\n") + "\n")
print("\n".join(rows))
PY
echo "== written to $RESULTS"
