package kb

// MinTOCHeadings is how many h2/h3 headings make an article long enough for a table of
// contents: with fewer sections the reader sees the whole outline without one.
const MinTOCHeadings = 3

// TOC returns the article's h2 and h3 headings for a table of contents, or nil when the
// article has fewer than MinTOCHeadings of them.
func (a *Article) TOC() []Heading {
	var toc []Heading
	for _, h := range a.Headings {
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, h)
		}
	}
	if len(toc) < MinTOCHeadings {
		return nil
	}
	return toc
}
