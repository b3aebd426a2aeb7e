package events

import "regexp"

// crawler matches the User-Agent of search-engine crawlers, link previewers (chat apps and
// social networks fetch a pasted article link) and SEO and uptime robots: they fetch pages
// without being customers, so their visits would inflate the article views and deflate every
// rate of the metrics, and, keeping no cookie, each request would be a session of its own in
// the live roll-up. "bot" counts only as a word's end followed by a version, a parenthesis or the
// end (Googlebot/2.1, TelegramBot (like TwitterBot)), not inside a phone's model name (CUBOT X30).
var crawler = regexp.MustCompile(`(?i)(?:bot|crawler|spider)(?:[/;)\-]|\s\(|$)|slurp|facebookexternalhit|mediapartners-google|ia_archiver|bingpreview|whatsapp/`)

// IsCrawler reports whether a request's User-Agent is a crawler's or another robot's (see
// crawler). An empty User-Agent is not: API clients and tests send none, and they are counted.
func IsCrawler(userAgent string) bool { return userAgent != "" && crawler.MatchString(userAgent) }
