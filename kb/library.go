package kb

// Library is the whole loaded help center. It is immutable once built: a reload builds a new one.
type Library struct {
	Root       string     // content directory it was loaded from
	Articles   []*Article // every loaded article (drafts only when Options.Drafts), in display order
	Categories []*Category
	Problems   []Problem // per-file errors and warnings; files with errors are left out
	Hash       string    // hex SHA-256 over every content file's path and bytes: same content, same hash

	bySlug  map[string]*Article
	byAlias map[string]string // alias → slug
	byPath  map[string]*Article
	cats    map[string]*Category
}

// Options controls Load.
type Options struct {
	Drafts bool // include articles marked draft: true
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
