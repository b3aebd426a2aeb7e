package kb

import (
	"path"

	"persiankb/kb/markdown"
)

// parseCategory reads a <category>/_index.md: title, description and order from its front
// matter; the title defaults to the body's first heading, else the folder name, and the
// description to the body's first paragraph. It returns nil when the file has errors.
func parseCategory(md *markdown.Renderer, rel string, data []byte) (*Category, []Problem) {
	ps := &problems{path: rel}
	c := &Category{Slug: path.Dir(rel)}
	body, fm, _, ok := splitFile(data, ps)
	if !ok {
		return nil, ps.list
	}
	if fm != nil {
		for _, f := range fm.fields(ps) {
			switch f.name {
			case "title":
				c.Title, _ = textValue(f, ps)
			case "description":
				c.Description, _ = textValue(f, ps)
			case "order":
				c.Order, _ = intValue(f, ps)
			default:
				unknownField(f, ps)
			}
		}
	}
	if c.Title == "" || c.Description == "" {
		doc := md.Parse(rel, body)
		out, err := md.Render(doc, nil)
		if c.Title == "" {
			c.Title = doc.Title()
		}
		if c.Description == "" && err == nil {
			c.Description = truncateText(out.Lead, SummaryRunes)
		}
	}
	if c.Title == "" {
		c.Title = c.Slug
	}
	if ps.hasErrors() {
		return nil, ps.list
	}
	return c, ps.list
}
