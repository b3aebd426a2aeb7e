package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
)

// KeepLastGood returns l with the last good version of each broken file: an article or category
// whose file now has errors, but which loaded in prev, is served as it was in prev, and its
// errors stay in Problems. A live preview uses it so that a half-typed edit does not take the
// article offline while its writer fixes it. A kept article whose slug or aliases are now taken
// by another article is not kept. A broken synonyms file keeps prev's synonyms (KeepSynonyms).
//
// Call it on a freshly loaded Library, before it is shared: it may reuse l's categories. It
// returns l itself when there is nothing to keep.
func (l *Library) KeepLastGood(prev *Library) *Library {
	if prev == nil {
		return l
	}
	l.KeepSynonyms(prev)
	broken := make(map[string]bool)
	for _, p := range l.Problems {
		if !p.Warning {
			broken[p.Path] = true
		}
	}
	var keep []*Article
	for _, a := range prev.Articles {
		if broken[a.Path] && l.free(a) {
			keep = append(keep, a)
		}
	}
	cats, keptCats := l.lastGoodCategories(prev, broken)
	if len(keep) == 0 && !keptCats {
		return l
	}
	fresh := NewLibrary(l.Root, append(append([]*Article(nil), l.Articles...), keep...), cats, l.Problems)
	out := *l // every other field (hash, synonyms…) as loaded
	out.Articles, out.Categories = fresh.Articles, fresh.Categories
	out.bySlug, out.byAlias, out.cats = fresh.bySlug, fresh.byAlias, fresh.cats
	h := sha256.New()
	h.Write([]byte(l.Hash))
	for _, a := range keep {
		h.Write([]byte("\x00kept\x00" + a.Path + "\x00" + a.Hash))
	}
	out.Hash = hex.EncodeToString(h.Sum(nil)) // a different library: caches keyed by the hash must differ
	return &out
}

// lastGoodCategories returns l's categories, with prev's version of each whose _index.md is
// broken (l has the folder name as its title), and whether it kept any.
func (l *Library) lastGoodCategories(prev *Library, broken map[string]bool) ([]*Category, bool) {
	cats := make([]*Category, 0, len(l.Categories))
	seen := make(map[string]bool, len(l.Categories))
	kept := false
	use := func(c *Category) {
		if old, ok := prev.cats[c.Slug]; ok && broken[path.Join(c.Slug, "_index.md")] {
			cp := *old
			c, kept = &cp, true
		}
		seen[c.Slug] = true
		cats = append(cats, c)
	}
	for _, c := range l.Categories {
		use(c)
	}
	for _, c := range prev.Categories {
		if !seen[c.Slug] && broken[path.Join(c.Slug, "_index.md")] {
			use(c)
		}
	}
	return cats, kept
}

// free reports whether a's slug and aliases are unused in l.
func (l *Library) free(a *Article) bool {
	if _, taken := l.bySlug[a.Slug]; taken {
		return false
	}
	if _, taken := l.byAlias[a.Slug]; taken {
		return false
	}
	for _, al := range a.Aliases {
		_, s := l.bySlug[al]
		_, t := l.byAlias[al]
		if s || t {
			return false
		}
	}
	return true
}
