package kb

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Library is the whole loaded help center. It is immutable once built: a reload builds a new one.
type Library struct {
	Root       string     // content directory it was loaded from
	Articles   []*Article // every loaded article (drafts only when Options.Drafts), in display order
	Categories []*Category
	Problems   []Problem  // per-file errors and warnings; files with errors are left out
	Hash       string     // hex SHA-256 over every content file's path and bytes: same content, same hash
	Synonyms   [][]string // search synonym groups from SynonymsFile; nil when absent or broken

	synonymsBroken bool // SynonymsFile exists but has errors (see KeepSynonyms)

	bySlug  map[string]*Article
	byAlias map[string]string // alias → slug
	cats    map[string]*Category
}

// Options controls Load.
type Options struct {
	Drafts bool // include articles marked draft: true

	strict bool // broken links and images are errors (Check); the articles still load
}

// NewLibrary builds a Library from parsed articles and categories: it sorts them into display
// order (Persian alphabetical order for ties), fills each category's article list and builds the
// lookup tables. Articles whose category is missing from cats get a category named after the slug.
// Load uses it; tests use it to build libraries without files.
func NewLibrary(root string, articles []*Article, cats []*Category, problems []Problem) *Library {
	l := &Library{
		Root:     root,
		Problems: problems,
		bySlug:   make(map[string]*Article, len(articles)),
		byAlias:  make(map[string]string),
		cats:     make(map[string]*Category, len(cats)),
	}
	for _, c := range cats {
		c.Articles = nil
		l.cats[c.Slug] = c
		l.Categories = append(l.Categories, c)
	}
	for _, a := range articles {
		c, ok := l.cats[a.Category]
		if !ok {
			c = &Category{Slug: a.Category, Title: a.Category}
			l.cats[c.Slug] = c
			l.Categories = append(l.Categories, c)
		}
		if a.Public() {
			c.Articles = append(c.Articles, a)
		}
		l.bySlug[a.Slug] = a
		for _, al := range a.Aliases {
			l.byAlias[al] = a.Slug
		}
	}
	col := collate.New(language.Persian)
	sort.SliceStable(l.Categories, func(i, j int) bool {
		a, b := l.Categories[i], l.Categories[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return col.CompareString(a.Title, b.Title) < 0
	})
	catRank := make(map[string]int, len(l.Categories))
	for i, c := range l.Categories {
		catRank[c.Slug] = i
		sortArticles(col, c.Articles)
	}
	l.Articles = append([]*Article(nil), articles...)
	sort.SliceStable(l.Articles, func(i, j int) bool {
		return catRank[l.Articles[i].Category] < catRank[l.Articles[j].Category]
	})
	// Within a category, keep the category's own order.
	for start := 0; start < len(l.Articles); {
		end := start
		for end < len(l.Articles) && l.Articles[end].Category == l.Articles[start].Category {
			end++
		}
		sortArticles(col, l.Articles[start:end])
		start = end
	}
	return l
}

// sortArticles orders articles by their Order field, then by title in Persian alphabetical order.
func sortArticles(col *collate.Collator, as []*Article) {
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].Order != as[j].Order {
			return as[i].Order < as[j].Order
		}
		return col.CompareString(as[i].Title, as[j].Title) < 0
	})
}

// Article returns the article with the given slug.
func (l *Library) Article(slug string) (*Article, bool) {
	a, ok := l.bySlug[slug]
	return a, ok
}

// Redirect returns the current slug for an old slug listed in some article's aliases.
func (l *Library) Redirect(alias string) (string, bool) {
	s, ok := l.byAlias[alias]
	return s, ok
}

// Category returns the category with the given slug.
func (l *Library) Category(slug string) (*Category, bool) {
	c, ok := l.cats[slug]
	return c, ok
}
