#!/usr/bin/env python3
"""Regenerate targetplatform/qms.target from targetplatform/roots.txt.

Every bundle in qms.target is pinned (includeDependencyDepth="none"), so builds never drift when a newer
Eclipse release lands on Maven Central. This script computes that pinned list:

1. Eclipse artifacts (org.eclipse.platform / .emf / .jdt / .ecf) publish POMs that pin the exact versions of
   their dependencies as of their release. Starting from the anchor POM (org.eclipse.platform:org.eclipse.platform
   at the release's version) and the roots, walk those POMs and take, per artifact, the highest version any of
   them asks for. Version ranges (EMF uses them) pin nothing: the artifact must get its version from a fixed
   reference elsewhere in the closure, or from roots.txt. A root without a version that the anchor's closure does
   not contain gets the newest version on Central whose POM asks for nothing newer than that closure.
2. Put those versions into a generated POM's dependencyManagement, declare the roots as dependencies, and let
   Maven resolve the rest of the closure (third-party POMs with parents and properties) with `dependency:list`.
3. Write one Maven location per group of artifacts into qms.target.

Usage: python3 targetplatform/update-target.py   (from the repository root; needs ./mvnw and network access
to Maven Central). Review the diff of qms.target, then build. See targetplatform/README.md for the runbook.
"""
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
import xml.etree.ElementTree as ET

CENTRAL = "https://repo.maven.apache.org/maven2"
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
ECLIPSE_GROUPS = ("org.eclipse.platform", "org.eclipse.emf", "org.eclipse.jdt", "org.eclipse.ecf")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def vkey(v):
    return [int(p) if p.isdigit() else p for p in re.split(r"[.\-]", v)]


def fetch_pom(g, a, v):
    url = f"{CENTRAL}/{g.replace('.', '/')}/{a}/{v}/{a}-{v}.pom"
    with urllib.request.urlopen(url, timeout=60) as r:
        return ET.fromstring(r.read())


def eclipse_deps(g, a, v):
    pom = fetch_pom(g, a, v)
    out = []
    for d in pom.findall("m:dependencies/m:dependency", NS):
        dg = d.findtext("m:groupId", "", NS)
        da = d.findtext("m:artifactId", "", NS)
        dv = d.findtext("m:version", "", NS)
        scope = d.findtext("m:scope", "compile", NS)
        optional = d.findtext("m:optional", "false", NS) == "true"
        if optional or scope in ("test", "provided", "system") or "${" in dv + da:
            continue
        out.append((dg, da, None if dv.strip()[:1] in "[(" else dv.strip()))
    return out


def read_roots():
    roots, anchor, cutoff = [], None, None
    with open(os.path.join(HERE, "roots.txt")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("ANCHOR "):
                anchor = tuple(line.split()[1].split(":"))
                continue
            parts = line.split(":")
            roots.append((parts[0], parts[1], parts[2] if len(parts) > 2 else None))
    return anchor, roots


def eclipse_versions(anchor, roots):
    versions = {}
    queue = [anchor] + [r for r in roots if r[2] and r[0] in ECLIPSE_GROUPS]
    seen = set()
    while queue:
        g, a, v = queue.pop()
        if (g, a, v) in seen or v is None:
            continue
        seen.add((g, a, v))
        ga = (g, a)
        if ga not in versions or vkey(v) > vkey(versions[ga]):
            versions[ga] = v
        try:
            deps = eclipse_deps(g, a, v)
        except Exception as e:  # noqa: BLE001 - report and go on; Maven will complain if it matters
            print(f"warning: cannot read POM {g}:{a}:{v}: {e}", file=sys.stderr)
            continue
        for dg, da, dv in deps:
            if dg in ECLIPSE_GROUPS and dv:
                queue.append((dg, da, dv))
    return versions


def metadata_versions(g, a):
    url = f"{CENTRAL}/{g.replace('.', '/')}/{a}/maven-metadata.xml"
    with urllib.request.urlopen(url, timeout=60) as r:
        meta = ET.fromstring(r.read())
    return sorted((v.text for v in meta.findall("versioning/versions/version")), key=vkey)


def release_version(g, a, versions):
    """Newest version of g:a whose POM references no Eclipse artifact newer than the release's closure."""
    for v in reversed(metadata_versions(g, a)):
        deps = eclipse_deps(g, a, v)
        if all(dv is None or (dg, da) not in versions or vkey(dv) <= vkey(versions[(dg, da)])
               for dg, da, dv in deps):
            return v
    sys.exit(f"error: no version of {g}:{a} fits the release; give it one in roots.txt")


def complete_roots(anchor, roots, versions):
    """Give every root without a version the release's version; walk the POMs of roots found that way."""
    for i, (g, a, v) in enumerate(roots):
        if v is None and (g, a) not in versions and g in ECLIPSE_GROUPS:
            roots[i] = (g, a, release_version(g, a, versions))
            print(f"{g}:{a} -> {roots[i][2]} (newest version fitting the release)", file=sys.stderr)
    return eclipse_versions(anchor, roots)


def resolve_with_maven(roots, managed):
    deps = []
    for g, a, v in roots:
        v = v or managed.get((g, a))
        if v is None:
            sys.exit(f"error: no version known for root {g}:{a}; give it one in roots.txt")
        deps.append((g, a, v))
    dm = "\n".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"
        for (g, a), v in sorted(managed.items()))
    dd = "\n".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"
        for g, a, v in deps)
    pom = f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>tmp</groupId><artifactId>closure</artifactId><version>1</version><packaging>pom</packaging>
<dependencyManagement><dependencies>{dm}</dependencies></dependencyManagement>
<dependencies>{dd}</dependencies></project>"""
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "pom.xml"), "w") as f:
            f.write(pom)
        out = os.path.join(tmp, "list.txt")
        subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "-f", os.path.join(tmp, "pom.xml"),
                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                        "-DincludeScope=runtime", "-DoutputFile=" + out, "-DoutputAbsoluteArtifactFilename=false"],
                       check=True)
        result = set()
        with open(out) as f:
            for line in f:
                m = re.match(r"\s+([^:\s]+):([^:\s]+):jar:([^:\s]+):(compile|runtime)", line)
                if m:
                    result.add((m.group(1), m.group(2), m.group(3)))
        return sorted(result)


def write_target(artifacts):
    by_group = {}
    for g, a, v in artifacts:
        by_group.setdefault(g, []).append((a, v))
    locs = []
    for g in sorted(by_group):
        extra = ""
        if g == "org.apache.derby":
            continue  # written by hand below: derbyshared/derbytools become fragments of derby
        lines = "\n".join(
            f"        <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version>"
            f"<type>jar</type></dependency>" for a, v in sorted(by_group[g]))
        instr = ""
        if g == "org.apache.xmlgraphics":
            instr = ("\n      <instructions><![CDATA[\n"
                     "Bundle-SymbolicName: ${replace;${mvnArtifactId};^batik-;org.apache.batik.}\n"
                     "version: ${version_cleanup;${mvnVersion}}\nBundle-Version: ${version}\n"
                     "Import-Package: *;resolution:=optional\nExport-Package: *;version=\"${version}\";-noimport:=true\n"
                     "      ]]></instructions>")
        if g == "org.jfree":
            # a plain jar: one bundle named as its Automatic-Module-Name, exporting its packages (AWT comes from the
            # JRE, javax.swing parts are not used by the dashboard)
            instr = ("\n      <instructions><![CDATA[\n"
                     "Bundle-SymbolicName: org.jfree.jfreechart\n"
                     "version: ${version_cleanup;${mvnVersion}}\nBundle-Version: ${version}\n"
                     "Import-Package: *;resolution:=optional\n"
                     "Export-Package: org.jfree.*;version=\"${version}\";-noimport:=true\n"
                     "      ]]></instructions>")
        locs.append(f"""    <location type="Maven" label="{g}" missingManifest="generate" includeDependencyDepth="none"
      includeDependencyScopes="compile,runtime" includeSource="false">{extra}
      <dependencies>
{lines}
      </dependencies>{instr}
    </location>""")
    derby = by_group.get("org.apache.derby", [])
    for a, v in sorted(derby):
        if a == "derby":
            locs.append(maven_loc("org.apache.derby", a, v, None))
        else:
            locs.append(maven_loc("org.apache.derby", a, v,
                                  "Bundle-SymbolicName: ${mvnArtifactId}\nFragment-Host: derby\n"
                                  "Bundle-Version: ${version_cleanup;${mvnVersion}}\n"
                                  "Import-Package: *;resolution:=optional\n"
                                  "Export-Package: *;-noimport:=true"))
    text = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?pde version=\"3.8\"?>\n"
            "<!-- GENERATED by targetplatform/update-target.py from roots.txt: do not edit by hand. -->\n"
            "<target name=\"qms\" sequenceNumber=\"1\">\n  <locations>\n" + "\n".join(locs) +
            "\n  </locations>\n  <targetJRE path=\"org.eclipse.jdt.launching.JRE_CONTAINER/"
            "org.eclipse.jdt.internal.debug.ui.launcher.StandardVMType/JavaSE-17\"/>\n</target>\n")
    with open(os.path.join(HERE, "qms.target"), "w") as f:
        f.write(text)


def maven_loc(g, a, v, instructions):
    instr = f"\n      <instructions><![CDATA[\n{instructions}\n      ]]></instructions>" if instructions else ""
    return f"""    <location type="Maven" label="{a}" missingManifest="generate" includeDependencyDepth="none"
      includeDependencyScopes="compile,runtime" includeSource="false">
      <dependencies>
        <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version><type>jar</type></dependency>
      </dependencies>{instr}
    </location>"""


def main():
    anchor, roots = read_roots()
    if not anchor:
        sys.exit("error: roots.txt needs an 'ANCHOR group:artifact:version' line")
    managed = complete_roots(anchor, roots, eclipse_versions(anchor, roots))
    print(f"{len(managed)} Eclipse artifacts pinned from POMs", file=sys.stderr)
    artifacts = resolve_with_maven(roots, managed)
    print(f"{len(artifacts)} artifacts in the closure", file=sys.stderr)
    write_target(artifacts)


if __name__ == "__main__":
    main()
