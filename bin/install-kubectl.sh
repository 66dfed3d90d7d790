#!/usr/bin/env bash
# kubectl (with its built-in Kustomize 5) for k8s-tests, which render the overlays with `kubectl kustomize`; no cluster
# is needed. The machines of this project come with kubectl 1.32. Where it is missing, Debian's package
# kubernetes-client is tried, but Debian 12 ships kubectl 1.20 (Kustomize 2), too old for these overlays: then this
# script fails and says so. Idempotent; needs root or sudo to install.
set -euo pipefail
if ! command -v kubectl >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null || true
fi
minor=$(kubectl version --client -o json 2>/dev/null | sed -n 's/.*"minor": *"\([0-9]*\).*/\1/p' | head -1)
if [ -z "$minor" ] || [ "$minor" -lt 27 ]; then
  echo "kubectl 1.27 or newer is needed by k8s-tests (kubectl kustomize with Kustomize 5); found: $(command -v kubectl || echo none) ${minor:+1.$minor}" >&2
  exit 1
fi
