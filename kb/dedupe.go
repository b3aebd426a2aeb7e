package kb

// dedupe drops articles whose slug or aliases clash with an article earlier in path order, so
// that which one wins does not depend on anything but the file names. Each dropped article
// gets an error naming the other file, and is noted in leftOut.
func dedupe(ps []*parsed, leftOut map[string]string, probs *[]Problem) []*parsed {
	bySlug := make(map[string]*parsed, len(ps))
	var kept []*parsed
	for _, p := range ps {
		if o, dup := bySlug[p.a.Slug]; dup {
			*probs = append(*probs, Problem{Path: p.a.Path, Line: p.slugLine,
				Message: "duplicate slug " + quote(p.a.Slug) + ": also the slug of " + o.a.Path})
			leftOut[p.a.Path] = "its slug is a duplicate"
			continue
		}
		bySlug[p.a.Slug] = p
		kept = append(kept, p)
	}
	byAlias := make(map[string]*parsed)
	out := kept[:0]
	for _, p := range kept {
		if !aliasesOK(p, bySlug, byAlias, probs) {
			delete(bySlug, p.a.Slug)
			leftOut[p.a.Path] = "one of its aliases is taken"
			continue
		}
		for _, al := range p.a.Aliases {
			byAlias[al] = p
		}
		out = append(out, p)
	}
	return out
}

// aliasesOK checks p's aliases against every slug and the aliases seen so far. An alias that is
// the article's own slug is dropped with a warning; a clash with another article is an error.
func aliasesOK(p *parsed, bySlug, byAlias map[string]*parsed, probs *[]Problem) bool {
	ok := true
	var keep []string
	var lines []int
	for i, al := range p.a.Aliases {
		line := p.aliasLines[i]
		prob := Problem{Path: p.a.Path, Line: line}
		if o, taken := bySlug[al]; taken && o == p {
			prob.Message, prob.Warning = "alias "+quote(al)+" is the article's own slug: remove it", true
		} else if taken {
			prob.Message, ok = "alias "+quote(al)+" is the slug of "+o.a.Path, false
		} else if o, taken := byAlias[al]; taken {
			prob.Message, ok = "alias "+quote(al)+" is also an alias of "+o.a.Path, false
		} else {
			keep, lines = append(keep, al), append(lines, line)
			continue
		}
		*probs = append(*probs, prob)
	}
	p.a.Aliases, p.aliasLines = keep, lines
	return ok
}
