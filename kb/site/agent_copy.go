package site

import (
	"net/url"
	"strings"

	"persiankb/kb"
	"persiankb/search"
)

// Attribution of copied links: an agent's link carries ?ref=agent, so a view that comes from an
// agent's reply is counted as such (see viewSource); canonical URLs never carry it.
const (
	refParam = "ref"
	refAgent = "agent"
)

// share is what an agent copies for an article or one of its sections: the link, a Markdown
// link and a ready Persian reply. Reply is "" for internal articles, whose links open only for
// agents and must not be sent to customers.
type share struct {
	Link     string
	Markdown string
	Reply    string
	Internal bool
}

// articleShare is the share of a whole article. base is the site's absolute URL ("" gives
// site paths).
func articleShare(base string, a *kb.Article) share {
	link := agentLink(base, a, "")
	sh := share{Link: link, Markdown: markdownLink(a.Title, link), Internal: !a.Public()}
	if !sh.Internal {
		sh.Reply = articleReply(a.Title, a.Summary, link)
	}
	return sh
}

// sectionShare is the share of one heading of an article: the link goes to its anchor.
func sectionShare(base string, a *kb.Article, h kb.Heading) share {
	link := agentLink(base, a, h.ID)
	sh := share{Link: link, Markdown: markdownLink(h.Text+" | "+a.Title, link), Internal: !a.Public()}
	if !sh.Internal {
		sh.Reply = sectionReply(a.Title, h.Text, link)
	}
	return sh
}

// headingOf finds the heading of a that sec names; false for none (sec nil, or a heading that a
// changed article no longer has).
func headingOf(a *kb.Article, sec *search.Section) (kb.Heading, bool) {
	if sec == nil {
		return kb.Heading{}, false
	}
	for _, h := range a.Headings {
		if h.ID == sec.ID {
			return h, true
		}
	}
	return kb.Heading{}, false
}

// agentLink is the link an agent copies: the public article URL with ?ref=agent and the
// section's anchor, or for an internal article its page in the agent view (no attribution:
// it is not a customer's view). Non-ASCII slugs and anchors are percent-encoded, so the link
// survives any helpdesk or messenger.
func agentLink(base string, a *kb.Article, anchor string) string {
	var b strings.Builder
	b.WriteString(base)
	if a.Public() {
		b.WriteString(a.URL())
		b.WriteString("?" + refParam + "=" + refAgent)
	} else {
		b.WriteString(agentArticleURL(a.Slug))
	}
	if anchor != "" {
		b.WriteString("#" + (&url.URL{Fragment: anchor}).EscapedFragment())
	}
	return b.String()
}

// agentArticleURL is the path of an article in the agent view.
func agentArticleURL(slug string) string { return agentPath + "/articles/" + url.PathEscape(slug) }

// markdownReplacer escapes what would end a Markdown link's text early or start markup in it.
var markdownReplacer = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, "*", `\*`, "_", `\_`, "`", "\\`", "\n", " ")

// markdownLink is [text](link). Brackets and emphasis characters in text are escaped;
// parentheses and spaces in the link (possible in fragments) are percent-encoded.
func markdownLink(text, link string) string {
	link = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(link)
	return "[" + markdownReplacer.Replace(text) + "](" + link + ")"
}

// articleReply is the Persian reply that sends a customer to an article: its summary, when it
// has one, then the article's title and link.
func articleReply(title, summary, link string) string {
	if summary = strings.TrimSpace(summary); summary != "" {
		return summary + "\n" + msgReplyMore(title) + "\n" + link
	}
	return msgReplyArticle(title) + "\n" + link
}

// sectionReply is the Persian reply that sends a customer to one section of an article.
func sectionReply(title, heading, link string) string {
	return msgReplySection(heading, title) + "\n" + link
}
