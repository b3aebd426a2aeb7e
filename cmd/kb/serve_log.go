package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
)

// logLines is an io.Writer that turns each line written to it into a log record, so that the
// messages the shared helpers print (content problems, indexing progress, reloads) come out
// of kb serve as slog records like the rest, JSON lines included. A line starting with
// "warning: " or "error: " is logged at that level, everything else at info.
type logLines struct {
	log *slog.Logger

	mu  sync.Mutex
	buf []byte
}

func (w *logLines) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexAny(w.buf, "\r\n")
		if i < 0 {
			return len(p), nil
		}
		w.emit(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
}

// emit logs one line; blank lines are dropped.
func (w *logLines) emit(line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	level := slog.LevelInfo
	if msg, ok := strings.CutPrefix(line, "warning: "); ok {
		level, line = slog.LevelWarn, msg
	} else if msg, ok := strings.CutPrefix(line, "error: "); ok {
		level, line = slog.LevelError, msg
	}
	w.log.Log(context.Background(), level, line)
}
