package service

import (
	"sync"

	"github.com/gloss-dev/gloss/server/htmltext"
	"github.com/gloss-dev/gloss/server/suggest"
	"github.com/gloss-dev/gloss/storage/model"
)

// sitePages keeps, by article, what its gold layer teaches its site's
// memory: a suggestions request (and each accept or reject, which asks
// again) learns from up to 50 of the site's other pages, and reading and
// decoding their annotations, text and blocks was most of its time (48 ms
// of a 50-page site's request). An entry holds for one version of the
// article's gold layer (every gold change bumps it); the text and blocks
// never change after import. Decisions are read fresh: a reject does not
// bump the version. Entries go, oldest first, past sitePagesBytes.
type sitePages struct {
	mu    sync.Mutex
	pages map[uint64]*sitePage
	order []uint64
	bytes int
}

// sitePage is one article's entry (never changed once stored).
type sitePage struct {
	version uint64
	spans   []suggest.Span // its gold BOILERPLATE
	loaded  bool           // text and blocks read (only pages that teach)
	text    string
	blocks  []htmltext.Block
}

// sitePagesBytes bounds the text the cache keeps (blocks count 64 bytes each).
const sitePagesBytes = 64 << 20

func (c *sitePages) get(a model.Article) *sitePage {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.pages[a.ID]; p != nil && p.version == a.Version {
		return p
	}
	return nil
}

func (c *sitePages) put(id uint64, p *sitePage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[uint64]*sitePage{}
	}
	if old := c.pages[id]; old != nil {
		c.bytes -= old.size()
	} else {
		c.order = append(c.order, id)
	}
	c.pages[id] = p
	c.bytes += p.size()
	for c.bytes > sitePagesBytes && len(c.order) > 1 {
		oldest := c.order[0]
		c.order = c.order[1:]
		if q := c.pages[oldest]; q != nil {
			c.bytes -= q.size()
			delete(c.pages, oldest)
		}
	}
}

func (p *sitePage) size() int { return len(p.text) + 64*len(p.blocks) + 32*len(p.spans) }
