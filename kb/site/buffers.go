package site

import (
	"bytes"
	"sync"
)

// maxPooledBuffer: a buffer grown past it (an unusually large page) is let go, not kept.
const maxPooledBuffer = 1 << 20

// bufferPool lends the buffers that pages and JSON bodies are rendered into before they are
// written: a fresh buffer grows through several sizes to hold a page of results. The zero value
// is ready to use.
type bufferPool struct{ p sync.Pool }

func (bp *bufferPool) get() *bytes.Buffer {
	if b, ok := bp.p.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// put returns b once what it holds has been written.
func (bp *bufferPool) put(b *bytes.Buffer) {
	if b.Cap() > maxPooledBuffer {
		return
	}
	b.Reset()
	bp.p.Put(b)
}
