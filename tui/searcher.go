package tui

import (
	"context"

	"github.com/copydesk/copydesk/search"
)

// Searcher is what the search page needs of the search index
// (*search.Index): the page never opens bleve or bbolt itself.
type Searcher interface {
	// Search runs a query; search.ErrRebuilding while the index is built.
	Search(ctx context.Context, q search.Query) (*search.Results, error)
	// Status tells how far a rebuild is.
	Status() (search.Status, error)
}
