package site

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// LivePath is the server-sent events stream that makes open pages reload after the content
// changes. It exists only with Config.Live.
const LivePath = "/_live"

// Limits of the live-reload stream.
const (
	// maxLiveClients bounds the open streams: a writer has a few tabs; past this, something
	// is leaking connections and new ones are refused.
	maxLiveClients = 64
	// livePing keeps idle streams open through proxies and notices closed tabs.
	livePing = 25 * time.Second
	// liveRetryMillis is how soon a browser reconnects after the stream drops (a restart).
	liveRetryMillis = 1000
)

// liveHub tells open pages which content state the server has. Every stream receives a "state"
// event with the current generation when it opens and again after each reload; the page's
// script reloads when the generation differs from the one it first saw, which also covers a
// server restart (the generation starts from the boot time).
type liveHub struct {
	boot    string // the server's start time, base 36
	mu      sync.Mutex
	n       int // reloads since the start
	clients map[chan string]struct{}
	done    chan struct{} // closed by CloseLive
	once    sync.Once
}

func newLiveHub() *liveHub {
	return &liveHub{boot: strconv.FormatInt(time.Now().UnixNano(), 36), clients: make(map[chan string]struct{}),
		done: make(chan struct{})}
}

// CloseLive ends the open live-reload streams and refuses new ones. Call it when shutting down:
// an open stream would otherwise keep http.Server.Shutdown waiting for it to go idle.
func (s *Server) CloseLive() {
	if s.live != nil {
		s.live.once.Do(func() { close(s.live.done) })
	}
}

// gen is the current generation; the caller holds h.mu.
func (h *liveHub) gen() string { return h.boot + "-" + strconv.Itoa(h.n) }

// notify moves to a new generation and tells every stream.
func (h *liveHub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.n++
	gen := h.gen()
	for ch := range h.clients {
		select { // replace an event the stream has not sent yet: only the newest matters
		case <-ch:
		default:
		}
		ch <- gen // only notify sends, under h.mu, so the emptied buffer has room
	}
}

// subscribe registers a stream; it returns the current generation, or ok false when there are
// too many streams or the hub is closed.
func (h *liveHub) subscribe() (ch chan string, gen string, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-h.done:
		return nil, "", false
	default:
	}
	if len(h.clients) >= maxLiveClients {
		return nil, "", false
	}
	ch = make(chan string, 1)
	h.clients[ch] = struct{}{}
	return ch, h.gen(), true
}

func (h *liveHub) unsubscribe(ch chan string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, ch)
}

// serveLive streams the content generation as server-sent events until the page closes.
func (s *Server) serveLive(c *gin.Context) {
	ch, gen, ok := s.live.subscribe()
	if !ok {
		c.Header("Retry-After", "10")
		c.String(http.StatusServiceUnavailable, "live reload unavailable\n")
		return
	}
	defer s.live.unsubscribe(ch)
	// The server's write timeout is for pages; this stream stays open.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Time{})
	h := c.Writer.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	c.Status(http.StatusOK)
	fmt.Fprintf(c.Writer, "retry: %d\n\n", liveRetryMillis)
	ping := time.NewTicker(livePing)
	defer ping.Stop()
	for {
		if gen != "" {
			fmt.Fprintf(c.Writer, "event: state\ndata: %s\n\n", gen)
			gen = ""
		} else {
			fmt.Fprint(c.Writer, ": ping\n\n")
		}
		c.Writer.Flush()
		select {
		case <-c.Request.Context().Done():
			return
		case <-s.live.done:
			return
		case gen = <-ch:
		case <-ping.C:
		}
	}
}
