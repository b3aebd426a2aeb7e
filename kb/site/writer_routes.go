package site

import "github.com/gin-gonic/gin"

// SitemapPath is the sitemaps.org sitemap of the public pages.
const SitemapPath = "/sitemap.xml"

// writerRoutes registers the discovery files (sitemap, Atom feed, OpenSearch description) and,
// in live preview only, the reload stream.
func (s *Server) writerRoutes(r *gin.Engine) {
	for path, h := range map[string]handlerFunc{
		SitemapPath:    s.showSitemap,
		FeedPath:       s.showFeed,
		OpenSearchPath: s.showOpenSearch,
	} {
		r.GET(path, s.handle(h))
		r.HEAD(path, s.handle(h))
	}
	if s.live != nil {
		r.GET(LivePath, s.serveLive)
	}
}
