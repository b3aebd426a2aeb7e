package site

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/search"
)

// Limits of the agent view.
const (
	// agentSearchLimit: an agent scans one screen of results, then refines the query.
	agentSearchLimit = 10
	// agentSuggestLimit: the articles worth reading for one customer message.
	agentSuggestLimit = search.DefaultSuggestLimit
	// maxAgentFormBytes bounds the posted form: a message of maxSuggestRunes Persian letters
	// (two bytes each, more once URL-encoded) and the form token.
	maxAgentFormBytes = 64 << 10
	messageField      = "message"
)

// InternalSuggester suggests articles for a customer's message with internal articles included,
// for agents and API tokens. The agent view and the API use it when State.Search implements
// it, and the public Suggester (public articles only) otherwise.
type InternalSuggester interface {
	SuggestInternal(ctx context.Context, text string, limit int) (*search.Result, error)
}

// agentPage is the data of the agent view.
type agentPage struct {
	layout
	staffHead
	Message    string // the pasted customer message, echoed
	Searched   bool   // a search or a message was sent: show the results section
	Suggested  bool   // the results are suggestions for the message
	Total      int
	Hits       []agentHit
	Correction *correction // what to say about a corrected query; nil for none
	NoBaseURL  bool        // links are site paths: the site has no base URL configured
}

// agentHit is one result in the agent view, with its copy fields.
type agentHit struct {
	Title         string
	URL           string // the article in the agent view
	CategoryTitle string
	Snippet       template.HTML // built by safeSnippet: only <mark> is markup
	Share         shareView
	Section       *agentSection // the section that matches the query best; nil for none
	SectionURL    string        // that section in the agent view
}

// showAgent renders /agent: the search box (GET ?q=) and the message box (POST message=),
// with results that include internal articles.
func (s *Server) showAgent(c *gin.Context, st *State) error {
	data := agentPage{layout: s.staffLayout(msgAgentTitle), staffHead: s.staffHead(c)}
	data.OwnSearch, data.NoBaseURL = true, s.cfg.BaseURL == ""
	data.Scripts = []string{agentScript}
	var res *search.Result
	var err error
	if c.Request.Method == http.MethodPost {
		if res, err = s.agentSuggest(c, st, currentPrincipal(c), &data); err != nil {
			return err
		}
	} else if data.Query, err = agentQuery(c); err != nil {
		return err
	} else if data.Query != "" {
		res, err = s.runSearch(c.Request.Context(), "", func(ctx context.Context) (*search.Result, error) {
			return st.Search.Search(ctx, search.Request{Query: data.Query, Limit: agentSearchLimit, Internal: true})
		})
		if err != nil {
			return fmt.Errorf("agent search %q: %w", data.Query, err)
		}
		data.Title = fmt.Sprintf(msgSearchTitleFor, data.Query) + " | " + msgAgentTitle
	}
	if res != nil {
		s.fillAgentHits(&data, st.Library, res)
	}
	return s.render(c, http.StatusOK, tmplAgent, data)
}

// agentQuery validates the search box of the agent view like the public search's.
func agentQuery(c *gin.Context) (string, error) {
	p, herr := parseSearchParams(c.Request.URL.Query(), false)
	if herr != nil {
		return "", herr
	}
	return p.Query, nil
}

// agentSuggest reads the posted message (checking the form token) and suggests articles for it.
func (s *Server) agentSuggest(c *gin.Context, st *State, p principal, data *agentPage) (*search.Result, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxAgentFormBytes)
	if err := c.Request.ParseForm(); err != nil {
		return nil, errBadRequest(codeBadRequest, msgSuggestTooLong)
	}
	if !s.gate.checkForm(p, c.Request.PostForm.Get(csrfField)) {
		return nil, &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: msgSessionExpired}
	}
	data.Message = strings.TrimSpace(c.Request.PostForm.Get(messageField))
	if !utf8.ValidString(data.Message) || utf8.RuneCountInString(data.Message) > maxSuggestRunes {
		return nil, errBadRequest(codeQueryTooLong, msgSuggestTooLong)
	}
	data.Suggested = true
	return s.runSearch(c.Request.Context(), "", func(ctx context.Context) (*search.Result, error) {
		return suggestFor(ctx, st, data.Message, agentSuggestLimit, true)
	})
}

// suggestFor suggests articles for text; internal asks for internal articles too, which only
// an InternalSuggester gives.
func suggestFor(ctx context.Context, st *State, text string, limit int, internal bool) (*search.Result, error) {
	is, ok := st.Search.(InternalSuggester)
	if !internal || !ok || strings.TrimSpace(text) == "" {
		return suggest(ctx, st, text, limit)
	}
	res, err := is.SuggestInternal(ctx, text, limit)
	if err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	for i := range res.Hits {
		res.Hits[i].Snippet = string(safeSnippet(res.Hits[i].Snippet))
	}
	return res, nil
}

// fillAgentHits turns results into the agent view's hits with their copy fields. A hit whose
// article is no longer in the library (the index is being swapped) is left out.
func (s *Server) fillAgentHits(data *agentPage, lib *kb.Library, res *search.Result) {
	data.Searched, data.Total = true, res.Total
	if !data.Suggested {
		data.Correction = correctionFor(res, func(q string) string { return agentPath + "?" + url.Values{"q": {q}}.Encode() })
	}
	for i, h := range res.Hits {
		a, ok := lib.Article(h.Slug)
		if !ok {
			continue
		}
		hit := agentHit{
			Title: a.Title, URL: agentArticleURL(a.Slug), CategoryTitle: categoryTitle(lib, a.Category),
			Snippet: safeSnippet(h.Snippet),
			Share:   newShareView(fmt.Sprintf("hit-%d", i+1), articleShare(s.cfg.BaseURL, a)),
		}
		if hd, ok := headingOf(a, h.Section); ok {
			sec := s.newAgentSection(fmt.Sprintf("hit-%d-section", i+1), a, hd)
			hit.Section, hit.SectionURL = &sec, anchorURL(hit.URL, hd.ID)
		}
		data.Hits = append(data.Hits, hit)
	}
}

// shareView is a share as the templates show it: read-only fields (selectable without
// JavaScript) with copy buttons.
type shareView struct {
	share
	ID      string // prefix of the fields' element IDs, unique in the page
	Section bool   // the share of a section: its link is labelled as a section link
}

func newShareView(id string, sh share) shareView { return shareView{share: sh, ID: id} }
