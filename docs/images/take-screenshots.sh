#!/usr/bin/env bash
# Screenshots of every page, at desktop and phone width, light and dark, into docs/images/, and the gallery
# docs/screenshots.md. The walk is the smoke test's: a clean copy started by the README's run command.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CAMPAIGNS_SCREENSHOTS="$PWD/docs/images"
rm -f docs/images/*-desktop-*.png docs/images/*-phone-*.png
bash tests/run --filter "FullyQualifiedName~Every_page_works_at_desktop_and_phone_width"

{
  echo "# Screenshots"
  echo
  echo "Every page as the demo Admin sees it, taken by \`bash docs/images/take-screenshots.sh\` on $(date -u +%Y-%m-%d)."
  echo
  for desktop in docs/images/*-desktop-light.png; do
    page=$(basename "$desktop" -desktop-light.png)
    echo "## /${page//_//}" | sed 's|/dashboard$|/ (dashboard)|; s|/detail|/{id}|g'
    echo
    echo "| Desktop, light | Desktop, dark | Phone, light | Phone, dark |"
    echo "|---|---|---|---|"
    echo "| ![](images/$page-desktop-light.png) | ![](images/$page-desktop-dark.png) | ![](images/$page-phone-light.png) | ![](images/$page-phone-dark.png) |"
    echo
  done
} > docs/screenshots.md
echo "Wrote $(ls docs/images/*-desktop-*.png docs/images/*-phone-*.png | wc -l) screenshots and docs/screenshots.md"
