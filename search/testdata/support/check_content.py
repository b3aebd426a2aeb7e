#!/usr/bin/env python3
"""Check the sample help center (content/) and the relevance sets in this folder.

Usage: python3 search/testdata/support/check_content.py [CONTENT_DIR]
Checks: front matter is valid YAML with the right types (files without front matter need a
first "# " heading), slugs and aliases are unique, every relative link, anchor and image
resolves, public articles do not link to drafts or internal articles, images are small PNGs,
_synonyms.yaml is a list of term lists, and every slug in queries.jsonl / messages.jsonl
exists and is public. Prints a summary of the spelling variants; exits 1 on any error.
"""
import datetime, json, os, re, sys, unicodedata
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "content")
ZWNJ = "\u200c"
errors = []

def err(msg):
    errors.append(msg)

def heading_id(text):
    """Python twin of kb/markdown.HeadingID."""
    out, n, sep, after = [], 0, False, False
    for r in unicodedata.normalize("NFC", text):
        if r in "يى": r = "ی"
        elif r == "ك": r = "ک"
        elif "٠" <= r <= "٩": r = chr(ord("0") + ord(r) - ord("٠"))
        elif "۰" <= r <= "۹": r = chr(ord("0") + ord(r) - ord("۰"))
        elif r == "ـ" or "\u064b" <= r <= "\u065f" or r == "\u0670": continue
        cat = unicodedata.category(r)
        if r in "-_" + ZWNJ or r.isspace():
            sep, after = len(out) > 0, False
            continue
        if cat[0] == "L" or cat == "Nd":
            after = True
        elif cat[0] == "M" and after:
            pass
        else:
            after = False
            continue
        need = 2 if sep else 1
        if n + need > 80:
            break
        if sep:
            out.append("-"); n += 1; sep = False
        out.append(r.lower()); n += 1
    return "".join(out)

def split_front_matter(text):
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return "", text
    return text[4:end], text[end + 5:]

def body_lines(body):
    """Yield (line, in_fence) for the body."""
    fence = False
    for line in body.split("\n"):
        if line.startswith("```"):
            fence = not fence
            continue
        yield line, fence

def heading_ids(body):
    ids, seen = set(), {}
    for line, fence in body_lines(body):
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if fence or not m:
            continue
        base = heading_id(m.group(2).replace("`", "").replace("*", "")) or "section"
        cand, i = base, 2
        while cand in ids:
            cand, i = f"{base}-{i}", i + 1
        ids.add(cand)
    return ids

LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")
STR_LIST = lambda v: isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)

def load_articles():
    arts = {}
    for dirpath, _, files in os.walk(ROOT):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
            text = open(path, encoding="utf-8").read()
            fm_text, body = split_front_matter(text)
            fm = {}
            if fm_text is not None:
                try:
                    fm = yaml.safe_load(fm_text) or {}
                except yaml.YAMLError as e:
                    err(f"{rel}: bad YAML: {e}")
                    continue
                if not isinstance(fm, dict):
                    err(f"{rel}: front matter is not a mapping"); continue
            if f == "_index.md":
                for k, t in (("title", str), ("description", str), ("order", int)):
                    if not isinstance(fm.get(k), t):
                        err(f"{rel}: {k} missing or not {t.__name__}")
                continue
            a = {"rel": rel, "fm": fm, "body": body, "text": text, "has_fm": fm_text is not None}
            check_fields(a)
            a["slug"] = fm.get("slug") or f[:-3]
            a["public"] = not fm.get("draft") and fm.get("audience", "public") != "internal"
            if a["slug"] in arts:
                err(f"{rel}: duplicate slug {a['slug']} (also {arts[a['slug']]['rel']})")
            arts[a["slug"]] = a
    return arts

def check_fields(a):
    fm, rel = a["fm"], a["rel"]
    if not a["has_fm"]:
        if not re.match(r"^# \S", a["body"]):
            err(f"{rel}: no front matter and no first '# ' heading")
        return
    allowed = {"title", "summary", "tags", "keywords", "order", "updated", "aliases", "slug", "draft", "audience"}
    for k in fm:
        if k not in allowed:
            err(f"{rel}: unknown front matter key {k}")
    for k in ("title", "summary"):
        if not isinstance(fm.get(k), str) or not fm[k].strip():
            err(f"{rel}: {k} missing")
    for k in ("tags", "keywords"):
        if not STR_LIST(fm.get(k)):
            err(f"{rel}: {k} must be a list of strings")
    if "aliases" in fm and not STR_LIST(fm["aliases"]):
        err(f"{rel}: aliases must be a list of strings")
    if not isinstance(fm.get("order"), int):
        err(f"{rel}: order must be an int")
    up = fm.get("updated")
    if not isinstance(up, datetime.date) or up.year not in (2025, 2026):
        err(f"{rel}: updated must be a 2025-2026 date")
    if "draft" in fm and not isinstance(fm["draft"], bool):
        err(f"{rel}: draft must be a bool")
    if fm.get("audience", "public") not in ("public", "internal"):
        err(f"{rel}: bad audience")

def check_links(arts):
    by_rel = {a["rel"]: a for a in arts.values()}
    for a in arts.values():
        base = os.path.dirname(a["rel"])
        for line, fence in body_lines(a["body"]):
            if fence:
                continue
            line = re.sub(r"`[^`]*`", "", line)
            for img, _, target in LINK.findall(line):
                if re.match(r"^[a-z]+:", target):
                    continue
                path, _, frag = target.partition("#")
                dest = os.path.normpath(os.path.join(base, path)).replace(os.sep, "/") if path else a["rel"]
                full = os.path.join(ROOT, dest)
                if not os.path.isfile(full):
                    err(f"{a['rel']}: broken link {target}"); continue
                if img:
                    data = open(full, "rb").read()
                    if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) > 20_000:
                        err(f"{a['rel']}: image {target} is not a PNG under 20 KB")
                    continue
                t = by_rel.get(dest)
                if t is None:
                    err(f"{a['rel']}: link to non-article {target}"); continue
                if a["public"] and not t["public"]:
                    err(f"{a['rel']}: public article links to non-public {target}")
                if frag and frag not in heading_ids(t["body"]) and heading_id(frag) not in heading_ids(t["body"]):
                    err(f"{a['rel']}: missing anchor #{frag} in {dest}")

def check_aliases(arts):
    seen = {}
    for a in arts.values():
        for al in a["fm"].get("aliases") or []:
            if al in arts or al in seen:
                err(f"{a['rel']}: alias {al} clashes")
            seen[al] = a["rel"]

def check_synonyms():
    path = os.path.join(ROOT, "_synonyms.yaml")
    groups = yaml.safe_load(open(path, encoding="utf-8"))
    if not isinstance(groups, list) or not all(STR_LIST(g) and len(g) >= 2 for g in groups):
        err("_synonyms.yaml: must be a list of lists of 2+ terms"); return 0
    terms = [t.lower() for g in groups for t in g]
    for t in set(terms):
        if terms.count(t) > 1:
            err(f"_synonyms.yaml: term {t} in more than one group")
    return len(groups)

def check_jsonl(name, arts, graded):
    path = os.path.join(HERE, name)
    ids, rows = set(), 0
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        rows += 1
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"{name}:{n}: {e}"); continue
        key = "query" if graded else "message"
        if o.get("id") in ids or not isinstance(o.get(key), str) or not o[key].strip():
            err(f"{name}:{n}: duplicate id or empty {key}")
        ids.add(o.get("id"))
        rel = o.get("relevant")
        if not STR_LIST(rel) or len(set(rel)) != len(rel):
            err(f"{name}:{n}: relevant must be a list of distinct slugs"); continue
        for s in rel:
            if s not in arts:
                err(f"{name}:{n}: unknown slug {s}")
            elif not arts[s]["public"]:
                err(f"{name}:{n}: slug {s} is not public")
        if graded:
            g = o.get("grades")
            if not isinstance(g, dict) or set(g) != set(rel) or not all(v in (1, 2) for v in g.values()):
                err(f"{name}:{n}: grades must grade exactly the relevant slugs with 1 or 2")
            elif 2 not in g.values():
                err(f"{name}:{n}: no article graded 2")
    return rows

def words(body):
    return len(re.findall(r"\S+", re.sub(r"\]\([^)]*\)", "]", body)))

def summary(arts):
    kinds = {"no ZWNJ": [], "spaced": [], "Arabic ي/ك": [], "Latin digits": [], "Arabic-Indic digits": [],
             "internal": [], "draft": [], "no front matter": [], "Persian slug": [], "aliases": []}
    for s, a in sorted(arts.items(), key=lambda kv: kv[1]["rel"]):
        body, name = a["body"], a["rel"][:-3]
        w = words(body)
        if not 150 <= w <= 600:
            err(f"{a['rel']}: body has {w} words (want 150-600)")
        if ZWNJ not in body:
            kinds["no ZWNJ"].append(name)
        if ZWNJ not in body and re.search(r"(^|\s)(نمی|می) \S", body):
            kinds["spaced"].append(name)
        if body.count("ي") > 20:
            kinds["Arabic ي/ك"].append(name)
        if re.search("[٠-٩]", body):
            kinds["Arabic-Indic digits"].append(name)
        elif not re.search("[۰-۹]", body):
            kinds["Latin digits"].append(name)
        fm = a["fm"]
        if fm.get("audience") == "internal": kinds["internal"].append(name)
        if fm.get("draft"): kinds["draft"].append(name)
        if not a["has_fm"]: kinds["no front matter"].append(name)
        if fm.get("slug"): kinds["Persian slug"].append(f"{name} → {fm['slug']}")
        if fm.get("aliases"): kinds["aliases"].append(f"{name} ← {', '.join(fm['aliases'])}")
    for k, v in kinds.items():
        print(f"{k} ({len(v)}): {', '.join(v)}")

def main():
    arts = load_articles()
    check_aliases(arts)
    check_links(arts)
    groups = check_synonyms()
    q = check_jsonl("queries.jsonl", arts, True)
    m = check_jsonl("messages.jsonl", arts, False)
    summary(arts)
    public = sum(a["public"] for a in arts.values())
    print(f"articles: {len(arts)} ({public} public); synonym groups: {groups}; queries: {q}; messages: {m}")
    for e in errors:
        print("ERROR", e)
    sys.exit(1 if errors else 0)

main()
