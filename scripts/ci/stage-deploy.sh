#!/usr/bin/env bash
# Stages what App Service runs into .tmp/deploy: the built workspaces plus production dependencies only,
# so the zip that azureAppService/zipDeploy uploads holds no sources, tests or dev tools.
# Run after `npm run build` (teamsapp.yml's deploy stage does both).
set -euo pipefail
cd "$(dirname "$0")/../.."

out=.tmp/deploy
rm -rf "$out"
mkdir -p "$out"
cp package.json package-lock.json .npmrc "$out/"
for ws in shared bot tab; do
  mkdir -p "$out/$ws"
  cp "$ws/package.json" "$out/$ws/"
  # tab may build elsewhere or not at all; shared and bot must have been built.
  if [ -d "$ws/dist" ]; then cp -R "$ws/dist" "$out/$ws/dist"
  elif [ "$ws" != tab ]; then echo "stage-deploy: $ws/dist is missing; run npm run build first" >&2; exit 1; fi
done

(cd "$out" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts)
# npm links workspaces with symlinks; a zip may not keep them, so replace each with a real copy.
for link in "$out"/node_modules/@bridgeline/*; do
  [ -L "$link" ] || continue
  target=$(cd "$(dirname "$link")" && cd "$(readlink "$link")" && pwd)
  rm "$link"
  cp -R "$target" "$link"
done
echo "stage-deploy: $(du -sh "$out" | cut -f1) in $out"
