# Sourced by ./stack and .ci/run: finds a JDK 21+ and exports JAVA_HOME and PATH for it.
# Order: $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* and /opt/java/* (newest first).
pakn_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}
pakn_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/* 2>/dev/null | sort -rV); do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(pakn_java_major "$c")
    major=${major%%.*}
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  return 1
}
if ! PAKN_JDK=$(pakn_find_jdk); then
  echo "This project needs a JDK 21 or newer (java and javac). None was found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25, or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$PAKN_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
