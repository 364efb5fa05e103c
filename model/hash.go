package model

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
)

// canon writes a canonical, unambiguous encoding of named fields into a
// hash: every value is length-prefixed, so no two different field sets
// encode alike. Field order is fixed by the caller's code, never by a map.
type canon struct{ h hash.Hash }

func newCanon(domain string) *canon {
	c := &canon{h: sha256.New()}
	c.str("domain", domain)
	return c
}

func (c *canon) str(name, v string) {
	c.h.Write([]byte(name))
	c.h.Write([]byte{'='})
	c.h.Write([]byte(strconv.Itoa(len(v))))
	c.h.Write([]byte{':'})
	c.h.Write([]byte(v))
	c.h.Write([]byte{'\n'})
}

func (c *canon) list(name string, vs []string) {
	c.str(name+"#", strconv.Itoa(len(vs)))
	for _, v := range vs {
		c.str(name, v)
	}
}

func (c *canon) int(name string, v int64) { c.str(name, strconv.FormatInt(v, 10)) }

func (c *canon) sum() string { return "sha256:" + hex.EncodeToString(c.h.Sum(nil)) }

// Hash returns the content hash: SHA-256 of the canonical encoding of every
// published field — kind, title, subtitle, source, authors, photographers,
// meeting fields, body and media hashes — as "sha256:<hex>".
func (c Content) Hash() string {
	h := newCanon("copydesk/content/v1")
	h.str("kind", string(c.Kind))
	h.str("title", c.Title)
	h.str("subtitle", c.Subtitle)
	h.str("source", c.Source)
	h.list("authors", c.Authors)
	h.list("photographers", c.Photographers)
	if m := c.Meeting; m != nil {
		h.str("meeting", "1")
		h.str("meeting.name", m.Name)
		h.str("meeting.date", m.Date)
		h.str("meeting.place", m.Place)
		h.str("meeting.chair", m.Chair)
		h.list("meeting.attendees", m.Attendees)
	} else {
		h.str("meeting", "0")
	}
	h.str("body", c.Body)
	h.list("media", c.Media)
	// Hashed only when set, so content from before them keeps its hash.
	if c.Important {
		h.str("important", "1")
	}
	if len(c.Tags) > 0 {
		h.list("tags", c.Tags)
	}
	return h.sum()
}
